"""Relations stated in the plans, with their rules."""

from .conftest import DATA


def triples(ex):
    return {(r.subject.name, r.predicate, r.object.name) for r in ex.relations}


def test_longmen_lab_frames(extractions):
    found = triples(extractions["luoyang"])
    assert {("龙门实验室", "ledBy", "河南科技大学"), ("龙门实验室", "ledBy", "郑州大学")} <= found
    assert {("龙门实验室", "participant", "中信重工"), ("龙门实验室", "participant", "黎明化工研究院")} <= found
    assert ("龙门实验室", "supportedBy", "华中科技大学") in found


def test_names_that_hold_universities_and_places(extractions):
    found = triples(extractions["hebi"])
    assert ("天津大学鹤壁技术转移中心", "partnerOf", "天津大学") in found
    assert ("天津大学鹤壁技术转移中心", "locatedIn", "鹤壁市") in found
    assert ("浚县丰黎种业有限公司育种基地", "locatedIn", "浚县") in found


def test_upgrade_and_local_landing(extractions):
    found = triples(extractions["zhengzhou"])
    assert ("河南省地下装备技术创新中心", "upgradeTo", "国家隧道掘进装备技术创新中心") in found
    assert ("现代免疫实验室", "locatedIn", "郑州市") in found


def test_district_prefix_is_the_place(extractions):
    assert ("伊滨区中欧(洛阳)科创国际合作产业园", "locatedIn", "伊滨区") in triples(extractions["luoyang"])


def test_built_with_partners():
    from graph.extract import extract_document
    from graph.ingest.documents import read_document

    found = triples(extract_document(read_document(DATA / "duty_forms.txt")))
    assert {("智能电网技术创新中心", "partnerOf", "许昌学院"), ("智能电网技术创新中心", "partnerOf", "许昌电气职业学院")} <= found


def test_every_listed_partner_before_yu_builds_with_them():
    """A、B与C共建D: A and B are partners as well as C; a name inside A (中国科学院) is not."""
    from graph.extract import extract_document
    from graph.ingest.documents import document_from_text

    doc = document_from_text("深圳市科技工作要点\n一、重点任务\n(一)支持中国科学院深圳先进技术研究院、南方科技大学与华为技术有限公司"
                             "共建智能计算联合实验室。\n")
    partners = {o for s, p, o in triples(extract_document(doc)) if s == "智能计算联合实验室" and p == "partnerOf"}
    assert partners == {"中国科学院深圳先进技术研究院", "南方科技大学", "华为技术有限公司"}
