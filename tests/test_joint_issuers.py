"""A document its bodies issue themselves, as Jiangsu cities write talent measures: '中共X市委 X市
人民政府关于…的若干措施' names two issuers, the title from 关于, and the city behind the party's
committee. Expectations written by reading the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """中共无锡市委 无锡市人民政府关于加快建设人才强市的若干措施
一、主要措施
1.实施“太湖人才计划”。每年新引进高层次人才团队20个。(责任单位:市委人才办、市科技局)
"""


def test_two_issuers_a_title_from_guanyu_and_the_city():
    ex = extract_document(document_from_text(PLAN))
    meta = ex.document.metadata
    assert (meta.title, meta.city, meta.province) == ("关于加快建设人才强市的若干措施", "无锡市", "江苏省")
    issuers = [m.name for m in ex.mentions if m.rule == "metadata:issuer"]
    assert issuers == ["中共无锡市委", "无锡市人民政府"]
    assert not any(m.name == "无锡市委" for m in ex.mentions)  # the committee inside 中共无锡市委 is that one


COUNTY = """岚皋县2024年科技创新工作要点
一、重点工作
1.支持安康学院岚皋富硒产业研究院建设,推动国网岚皋县供电公司开展智能电网示范。支持陕西理工大学联合安康学院建设魔芋产业研究中心。
"""


def test_a_county_plan_places_what_holds_its_county_and_a_joining_verb_ends_a_name():
    ex = extract_document(document_from_text(COUNTY))
    located = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "locatedIn"}
    assert {("安康学院岚皋富硒产业研究院", "岚皋县"), ("国网岚皋县供电公司", "岚皋县")} <= located
    assert {m.name for m in ex.mentions if m.type == "University"} == {"安康学院", "陕西理工大学"}
