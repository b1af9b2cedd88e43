"""An annual work plan whose measures carry their label lines below them (牵头单位: / 责任单位:
each on a line), a body written with its second name in brackets, and a centre named after two
fields joined by 及 — as another province's city writes them. Expectations written by reading."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """连云港市2024年科技创新工作要点
一、强化企业创新主体地位
1.建设高水平研发机构。支持中复神鹰、江苏海洋大学共建国家先进碳纤维及复合材料创新中心。推动知识产权保护和维权平台建设。
牵头单位:市科技局
责任单位:市工信局、市财政局、各县区人民政府
二、集聚创新人才
2.实施“花果山英才”计划,引进高层次创新创业人才100名。
牵头单位:市委组织部(市委人才办)
责任单位:市人社局、市科技局
"""


def extraction():
    return extract_document(document_from_text(PLAN))


def test_label_lines_of_one_measure_number_their_bodies_in_one_order():
    duties = {(r.measure, r.body.name, r.lead, r.position) for r in extraction().responsibilities}
    assert duties == {("一.1", "市科技局", True, 1), ("一.1", "市工信局", False, 2), ("一.1", "市财政局", False, 3),
                      ("一.1", "各县区人民政府", False, 4),
                      ("二.2", "市委组织部", True, 1), ("二.2", "市人社局", False, 2), ("二.2", "市科技局", False, 3)}


def test_a_second_name_in_brackets_is_the_same_body_not_another_duty():
    ex = extraction()
    assert "市委组织部(市委人才办)" not in {m.name for m in ex.mentions}
    assert "市委人才办" not in {r.body.name for r in ex.responsibilities}


def test_two_fields_joined_by_ji_name_one_centre_but_two_kinds_of_work_make_a_class():
    ex = extraction()
    names = {m.name for m in ex.mentions}
    assert "国家先进碳纤维及复合材料创新中心" in names and "复合材料创新中心" not in names
    assert "知识产权保护和维权平台" not in names


WORK_LIST = """宜宾市2024年科技工作要点
一、聚力建设创新平台
一是推动宜宾三江新区创建省级高新区。二是开展“科技副总”选派活动,选派科技副总50名。三是推进7家驻宜高校院所开展赋权试点,落实中央八项规定精神。(市科技局、市教育和体育局)
——实施科技成果转化行动,转化重大科技成果10项;
"""


def test_an_annual_plans_counts_closing_a_clause_are_the_years_work():
    ex = extract_document(document_from_text(WORK_LIST))
    assert {(t.indicator, t.value, t.year) for t in ex.targets} == {("选派科技副总", 50, 2024), ("转化重大科技成果", 10, 2024)}


def test_bodies_in_a_bracket_after_a_chapters_prose_are_its_responsible_bodies():
    doc = document_from_text(WORK_LIST)
    ex = extract_document(doc)
    assert [(r.body.name, r.lead) for r in ex.responsibilities] == [("市科技局", False), ("市教育和体育局", False)]
    (measure,) = {r.measure for r in ex.responsibilities}
    unit = next(u for u in doc.units if u.number == measure)
    assert doc.text[unit.span[0] : unit.span[1]].startswith("一是")  # the paragraph the bracket closes
