"""Entity mentions: hand-checked names and types in the bundled plans and in small documents."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

from .conftest import names


def extract(text):
    return extract_document(document_from_text(text))


def test_hebi_named_entities(extractions):
    found = {(m.name, m.type) for m in extractions["hebi"].mentions}
    expected = {
        ("鹤壁汽车电子检测中心", "Platform"),
        ("河南省汽车线束工程技术研究中心", "Platform"),
        ("鹤壁国家农业科技园区", "Park"),
        ("郑洛新国家自主创新示范区", "Park"),
        ("鹤壁高新技术产业开发区", "Park"),
        ("北京航空航天大学技术转移中心", "Platform"),
        ("北京航空航天大学", "University"),  # a name inside a name
        ("国家镁工程中心鹤壁研发中心", "Platform"),
        ("国家镁工程中心", "Platform"),
        ("市农科院分子育种实验室", "Lab"),
        ("市农科院", "Institute"),
        ("浚县丰黎种业有限公司", "Firm"),
        ("“兴鹤英才”百人计划", "Program"),
        ("科技贷", "Program"),
        ("中科院", "Institute"),
        ("鹤壁市科技创新三年行动计划(2019—2021年)", "Policy"),
    }
    assert expected <= found


def test_class_mentions_are_not_entities(extractions):
    found = names(extractions["hebi"].mentions)
    for generic in ("省级创新平台", "企业技术中心", "科技企业孵化器", "重点实验室", "技术转移中心", "众创空间"):
        assert generic not in found


def test_zhengzhou_entities(extractions):
    found = {(m.name, m.type) for m in extractions["zhengzhou"].mentions}
    expected = {
        ("嵩山实验室", "Lab"),
        ("黄河实验室", "Lab"),
        ("河南省中原关键金属实验室", "Lab"),
        ("现代免疫实验室", "Lab"),
        ("中原科技城", "Park"),
        ("省科学院", "Institute"),
        ("国家超算郑州中心", "Platform"),
        ("郑洛新母基金", "Fund"),
        ("郑科贷", "Program"),
        ("郑州市科技创新委员会", "Department"),
    }
    assert expected <= found
    assert "省科学院重建重振与中原科技城" not in names(extractions["zhengzhou"].mentions)


def test_short_firm_names_from_enumerations(extractions):
    firms = names(extractions["luoyang"].mentions, "Firm")
    assert {"中信重工", "中国一拖", "洛轴LYC", "中钢洛耐", "中航光电", "麦斯克", "视微影像"} <= firms


def test_enumeration_boundaries_and_frames():
    ex = extract("南阳市科技创新规划\n一、重点任务\n支持南阳理工学院、南阳师范学院等高校建设南阳市中药材工程技术研究中心。"
                 "推进牧原股份、乐凯华光等企业上市。")
    found = {(m.name, m.type) for m in ex.mentions}
    assert {("南阳理工学院", "University"), ("南阳师范学院", "University"),
            ("南阳市中药材工程技术研究中心", "Platform"), ("牧原股份", "Firm"), ("乐凯华光", "Firm")} <= found
    assert not any(n.startswith(("支持", "推进", "建设")) for n in names(ex.mentions))


def test_conjunction_between_two_names_splits_them():
    ex = extract("信阳市科技工作要点\n1.推动信阳农林学院与鸡公山实验室融合发展。建设大别山智能装备与工艺创新中心。")
    found = names(ex.mentions)
    assert {"信阳农林学院", "鸡公山实验室", "大别山智能装备与工艺创新中心"} <= found


def test_departments_with_place_prefixes():
    ex = extract("开封市科技局关于印发工作要点的通知\n各县区人民政府,市人民政府各部门:\n"
                 "1.加强合作。与省科技厅建立会商机制,淇县政府、市委组织部共同推进。")
    departments = names(ex.mentions, "Department")
    assert {"市人民政府", "省科技厅", "淇县政府", "市委组织部"} <= departments
    assert "各县区人民政府" not in departments  # a class of bodies: a body only inside a responsibility list


def test_user_lexicon_entries_are_found(tmp_path, lexicon):
    import dataclasses

    custom = dataclasses.replace(lexicon, user_entities=(("中原之光", "Platform"),))
    doc = document_from_text("郑州市科技工作要点\n1.建设平台。加快推动中原之光建设。", lexicon=custom)
    ex = extract_document(doc, custom)
    assert ("中原之光", "Platform", "lexicon:user") in {(m.name, m.type, m.rule) for m in ex.mentions}


def test_every_mention_has_a_sentence_that_holds_it(extractions):
    for ex in extractions.values():
        text = ex.document.text
        for m in ex.mentions:
            assert m.sentence[0] <= m.span[0] and m.span[1] <= m.sentence[1], m
            assert text[m.span[0]:m.span[1]] in (m.name, m.name.strip("“”")) or m.rule.startswith("responsibility"), m


PROVINCIAL = """河南省人民政府办公厅关于印发河南省科技创新行动计划的通知
一、重点任务
(一)推动郑州市人民政府与河南大学合作,支持平顶山市科技局和驻马店市财政局、各省辖市人民政府参与。
(二)已经省政府同意,本市科技局配合。支持河南省新乡市人民政府。
"""


def test_a_provincial_plan_names_the_bodies_of_its_cities():
    """A plan above the city level names other places' bodies; a place the lexicon does not know
    is still taken with its body when the words around it end there (推动, 和, 、)."""
    doc = document_from_text(PROVINCIAL)
    assert doc.metadata.province == "河南省" and not doc.metadata.city
    departments = {m.name for m in extract_document(doc).mentions if m.type == "Department"}
    assert {"郑州市人民政府", "平顶山市科技局", "驻马店市财政局", "省政府", "新乡市人民政府"} <= departments
    assert "各省辖市人民政府" not in departments  # a class of bodies, named outside a responsibility list
    assert "市人民政府" not in departments  # not cut at 市
    assert "市科技局" in departments and "本市科技局" not in departments  # 本 is no place


def test_a_provincial_plan_names_its_cities_and_labs_plainly():
    doc = document_from_text("江苏省科技创新能力提升三年行动方案(2023—2025年)\n一、重点任务\n"
                             "(一)各设区市人民政府要加强组织,推动苏州实验室纳入国家实验室体系。\n")
    found = {(m.name, m.type) for m in extract_document(doc).mentions}
    assert ("各设区市人民政府", "Department") not in found and ("市人民政府", "Department") not in found  # a class, not cut at 市
    assert {name for name, kind in found if kind == "Lab"} == {"苏州实验室"}  # 纳入 ends a name


def test_a_city_plan_keeps_its_own_bodies_bare():
    doc = document_from_text("鹤壁市人民政府关于印发鹤壁市科技创新计划的通知\n一、保障措施\n已经市政府同意,报请市人民政府批准。\n")
    assert doc.metadata.city == "鹤壁市"
    departments = {m.name for m in extract_document(doc).mentions if m.type == "Department"}
    assert {"市政府", "市人民政府"} <= departments and not any(d.startswith(("已经", "报请")) for d in departments)


def test_a_city_plan_names_its_districts_bodies():
    """A city's plan names its districts' bodies (光明区人民政府) in prose and in lists, and
    each is one name, not cut at 区 (区人民政府); 各区 is a place prefix like 各县区."""
    doc = document_from_text("深圳市2024年科技创新工作要点\n一、重点任务\n"
                             "(一)支持光明区人民政府、福田区人民政府建设科学城,各区人民政府配合。"
                             "(牵头单位:市科技创新局;配合单位:南山区人民政府、各区人民政府、人民银行深圳市中心支行)\n")
    assert doc.metadata.city == "深圳市"
    found = {(m.name, m.type) for m in extract_document(doc).mentions}
    departments = {name for name, kind in found if kind == "Department"}
    assert {"光明区人民政府", "福田区人民政府", "南山区人民政府", "各区人民政府", "人民银行深圳市中心支行"} <= departments
    assert not {"区人民政府", "人民政府"} & departments
    assert ("人民银行深圳市中心", "Platform") not in found  # 中心支行 is a bank's branch, not a 中心


def test_a_trade_name_may_hold_a_function_word():
    """为 ends a name on its left (以…为), but a firm's trade name is any characters: 华为."""
    found = {(m.name, m.type) for m in extract("一、重点任务\n支持南方科技大学与华为技术有限公司共建联合实验室,"
                                               "引进华为公司研发团队,推动企业成为科技有限公司,鼓励为技术有限公司提供服务。\n").mentions}
    assert {("华为技术有限公司", "Firm"), ("华为公司", "Firm"), ("南方科技大学", "University")} <= found
    assert not [name for name, kind in found if kind == "Firm" and "成为" in name or name.startswith(("为", "企业"))]


def test_science_cities_graduate_schools_and_research_facilities():
    found = {(m.name, m.type) for m in extract(
        "一、重点任务\n加快光明科学城、西丽湖国际科教城和河套深港科技创新合作区建设,支持清华大学深圳国际研究生院建设一流学科,"
        "推动合成生物研究重大科技基础设施开工,规划布局中原科技城重大科技基础设施功能区,加强重大科技基础设施建设。\n").mentions}
    assert {("光明科学城", "Park"), ("西丽湖国际科教城", "Park"), ("河套深港科技创新合作区", "Park"),
            ("清华大学深圳国际研究生院", "University"), ("合成生物研究重大科技基础设施", "Platform"),
            ("中原科技城重大科技基础设施功能区", "Park")} <= found
    assert {name for name, kind in found if kind == "Platform"} == {"合成生物研究重大科技基础设施"}  # not the zone's, not the kind


def test_a_world_class_university_is_a_kind_and_a_bureau_in_prose_is_found():
    found = {(m.name, m.type) for m in extract("杭州市科技工作要点\n一、重点任务\n支持浙江大学建设世界一流大学,市经信局配合推进。\n").mentions}
    assert ("浙江大学", "University") in found and ("市经信局", "Department") in found
    assert not any(name.endswith("一流大学") for name, _ in found)


def test_a_fund_the_plan_sets_up_is_one_fund_however_plainly_named():
    found = {(m.name, m.type) for m in extract("一、重点任务\n推动设立创业投资引导基金,组建科技成果转化引导基金,发挥引导基金作用,壮大各类投资引导基金。\n").mentions}
    assert {("创业投资引导基金", "Fund"), ("科技成果转化引导基金", "Fund")} <= found
    assert not any(name in ("引导基金", "各类投资引导基金", "投资引导基金") for name, _ in found)  # a kind of fund, not set up here
