"""Places from the gazetteer and upgrades to a status: hand-written plans in the layouts other
cities use. Each expectation was written by reading the text, not by running the code."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text
from graph.pipeline import build_plans
from graph.vocabulary.gazetteer import default_gazetteer

XINXIANG = """新乡市“十四五”科技创新规划
一、重点任务
(一)建设创新平台
支持新乡医学院、河南师范大学创建省级重点实验室。推动新乡化纤股份有限公司申建国家企业技术中心。支持牧野高新区创建省级高新区。依托红旗区科技园、卫辉产业园等园区,推荐申报国家创新型特色产业园区。支持新乡学院争创“双一流”。学习郑州高新技术产业开发区的经验。
"""


def relations(text: str) -> set[tuple[str, str, str, str]]:
    ex = extract_document(document_from_text(text))
    return {(r.subject.name, r.predicate, r.object.name, r.object.type) for r in ex.relations}


def test_upgrades_to_a_status_are_concepts_with_every_listed_subject():
    found = {r for r in relations(XINXIANG) if r[1] == "upgradeTo"}
    assert found == {
        ("新乡医学院", "upgradeTo", "省级重点实验室", "Status"),
        ("河南师范大学", "upgradeTo", "省级重点实验室", "Status"),
        ("新乡化纤股份有限公司", "upgradeTo", "国家企业技术中心", "Status"),
        ("牧野高新区", "upgradeTo", "省级高新区", "Status"),
        ("红旗区科技园", "upgradeTo", "国家创新型特色产业园区", "Status"),  # 依托A、B等园区, 申报C
        ("卫辉产业园", "upgradeTo", "国家创新型特色产业园区", "Status"),
        ("新乡学院", "upgradeTo", "双一流", "Status"),
    }


def test_places_in_names_from_the_gazetteer():
    found = {(s, o) for s, p, o, _ in relations(XINXIANG) if p == "locatedIn"}
    assert found == {
        ("新乡医学院", "新乡市"), ("新乡学院", "新乡市"), ("新乡化纤股份有限公司", "新乡市"),  # the plan's own city
        ("牧野高新区", "牧野区"),  # a district's short form heads the park
        ("红旗区科技园", "红旗区"), ("卫辉产业园", "卫辉市"),  # a district, a county-level city
        ("郑州高新技术产业开发区", "郑州市"),  # another city's park
    }  # 河南师范大学 is named after its province: no place


def test_a_short_form_that_is_a_common_word_is_no_district():
    """中原 is a region before it is Zhengzhou's 中原区: 中原科技城 is not put in 中原区."""
    text = "郑州市科技工作要点\n一、重点任务\n(一)推进中原科技城建设。支持金水科技园发展。\n"
    found = {(s, o) for s, p, o, _ in relations(text) if p == "locatedIn"}
    assert ("中原科技城", "中原区") not in found
    assert ("金水科技园", "金水区") in found


def test_gazetteer_knows_provinces_cities_and_short_forms():
    g = default_gazetteer()
    assert g.province_of("深圳") == g.province_of("深圳市") == "广东省"
    assert g.find("沅江").name == "沅江市" and g.find("沅江").city == "益阳市"
    assert "光明区" in {d.name for d in g.within("深圳市")}
    assert g.find("嵩") is None  # 嵩县 has no short form


def test_a_status_is_a_concept_in_the_graph(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(XINXIANG, encoding="utf-8")
    rows = build_plans([path]).query("""
        SELECT ?s WHERE { ?x ig:upgradeTo ?o . ?o a ig:Status ; rdfs:label ?s ; skos:inScheme ig:StatusScheme .
                          FILTER NOT EXISTS { ?o a ig:Platform } }""",
                                      initNs={"ig": "https://w3id.org/innograph/ontology#",
                                              "skos": "http://www.w3.org/2004/02/skos/core#",
                                              "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    assert {str(s) for s, in rows} >= {"省级高新区", "国家企业技术中心", "双一流"}


CHANGDE = """常德市“十四五”科技创新规划
一、重点任务
(一)建设创新平台
与湖南文理学院、湖南中医药大学等2所高校共建常德技术转移中心。建设湖南文理学院众创空间和中南大学技术转移中心。
重点支持中联重科、湖南中烟等国家级企业技术中心建设。高标准推进德山实验室、柳叶湖实验室等省实验室建设。
积极争创国家科技成果转移转化示范区,争创国家农机液压装备技术创新中心。
各县区人民政府要加强组织。
"""


def test_partners_of_a_centre_and_upgrades_of_listed_firms():
    ex = extract_document(document_from_text(CHANGDE))
    found = {(r.subject.name, r.predicate, r.object.name) for r in ex.relations if r.predicate in ("partnerOf", "upgradeTo")}
    assert {("常德技术转移中心", "partnerOf", "湖南文理学院"), ("常德技术转移中心", "partnerOf", "湖南中医药大学"),
            ("中南大学技术转移中心", "partnerOf", "中南大学"),
            ("中联重科", "upgradeTo", "国家级企业技术中心"), ("湖南中烟", "upgradeTo", "国家级企业技术中心")} <= found
    assert ("湖南文理学院众创空间", "partnerOf", "湖南文理学院") not in found  # the university's own
    assert not any(o == "省实验室" for _, _, o in found)  # 推进A、B等省实验室建设 says what they are


def test_a_status_after_an_upgrade_verb_is_no_entity_a_technical_centre_is():
    names = {m.name for m in extract_document(document_from_text(CHANGDE)).mentions}
    assert "国家科技成果转移转化示范区" not in names
    assert "国家农机液压装备技术创新中心" in names  # 液压, a technical field: a name
    assert "各县区人民政府" not in names  # a class of bodies outside a responsibility list


def test_a_locator_before_a_complete_name_is_its_place_and_an_alias(tmp_path):
    """老城区X社区 and 高新区Y are X社区 and Y, located in 老城区 and in the city's 高新区; the
    prefixed form is an altLabel of the one node, the plain form its label."""
    path = tmp_path / "plan.txt"
    path.write_text("新乡市“十四五”科技创新规划\n一、重点任务\n(一)建设科技产业社区\n推进新乡高新区建设。"
                    "建设红旗区新乡智造科技产业社区。支持新乡智造科技产业社区发展。依托高新区牧野创新智慧岛培育企业,"
                    "推动牧野创新智慧岛提质。\n", encoding="utf-8")
    g = build_plans([path])
    ns = {"ig": "https://w3id.org/innograph/ontology#", "skos": "http://www.w3.org/2004/02/skos/core#",
          "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    rows = {(str(label), str(alt), str(place)) for label, alt, place in g.query(
        """SELECT ?l ?a ?pl WHERE { ?e rdfs:label ?l ; skos:altLabel ?a ; ig:locatedIn/rdfs:label ?pl }""", initNs=ns)}
    assert ("新乡智造科技产业社区", "红旗区新乡智造科技产业社区", "红旗区") in rows
    assert ("牧野创新智慧岛", "高新区牧野创新智慧岛", "新乡高新区") in rows


def test_another_citys_sentence_and_another_city_inside_a_centres_name():
    from graph.extract import extract_document
    from graph.ingest.documents import document_from_text

    text = ("株洲市科技创新“十四五”规划\n一、发展形势\n"
            "合肥争创国家科技创新中心;武汉以东湖科学城、光谷科技创新大走廊为创新主阵地,打造具有全国影响力的科创中心;"
            "省科学院加快发展。\n二、重点任务\n加强与国家技术转移长沙中心、华中科技大学无锡研究院合作。\n")
    ex = extract_document(document_from_text(text))
    located = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "locatedIn"}
    assert {("东湖科学城", "武汉市"), ("光谷科技创新大走廊", "武汉市")} <= located  # 武汉以…: a sentence about 武汉
    assert {("国家技术转移长沙中心", "长沙市"), ("华中科技大学无锡研究院", "无锡市")} <= located
    assert not {(s, o) for s, o in located if s == "华中科技大学"}  # a university named after a region places nothing
