"""A provincial department's plan, as another province would write it: the issuer on the line
under the title, a lead marked in a bracket after its name, 由A牵头,B配合 in prose, firms listed
before 等企业, and a world-class status a park is to reach. Expectations written by reading it."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """江西省科技创新“十四五”规划实施方案
江西省科学技术厅
一、重点任务
(一)打造战略科技力量
1.支持南昌大学牵头建设鄱阳湖实验室。(责任单位:省科技厅(牵头)、省发改委、省教育厅,南昌市人民政府)
2.推动赣江新区、南昌高新区争创世界一流高科技园区。推动晶能光电、江铃汽车、泰豪科技等企业建设企业技术中心。责任单位:省科技厅、南昌市人民政府
(二)壮大科技人才队伍
3.实施“赣鄱英才555工程”。由省委组织部牵头,省人社厅、省科技厅配合。
"""


def extraction():
    return extract_document(document_from_text(PLAN))


def test_the_issuer_on_the_line_under_the_title_and_the_province_without_a_city():
    meta = document_from_text(PLAN).metadata
    assert (meta.issuer, meta.province, meta.city) == ("江西省科学技术厅", "江西省", "")


def test_a_lead_marked_in_a_bracket_after_its_name_leads():
    duties = [(r.body.name, r.lead, r.position) for r in extraction().responsibilities if r.measure == "一.(一).1"]
    assert duties == [("省科技厅", True, 1), ("省发改委", False, 2), ("省教育厅", False, 3), ("南昌市人民政府", False, 4)]


def test_led_by_in_prose_with_the_bodies_that_help():
    duties = [(r.body.name, r.lead) for r in extraction().responsibilities if r.measure == "一.(二).3"]
    assert duties == [("省委组织部", True), ("省人社厅", False), ("省科技厅", False)]


def test_firms_before_a_kind_and_a_world_class_status():
    ex = extraction()
    names = {m.name for m in ex.mentions}
    assert {"晶能光电", "江铃汽车", "泰豪科技"} <= names and not any(n.endswith("等企业") for n in names)
    assert "世界一流高科技园区" not in names  # a status to reach, not a park
    upgrades = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "upgradeTo"}
    assert ("南昌高新区", "世界一流高科技园区") in upgrades
