"""Relations as plans of Fujian and Sichuan write them: a lab's other name of its kind in brackets
(光电信息福建省实验室(闽都创新实验室)) is one lab; 由A牵头、B和C共同参与建设 makes B and C take part,
with no 依托 before them; 依托X建设 in an earlier clause gives X no part in the next lab; a zone a
park is to become, written with a quality and common words (创建世界领先科技园区, 争创国家创新型特色园区),
is a status. Expectations written by reading the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """福建省科技创新平台建设方案
一、重点任务
(一)建设实验室。支持化学能源福建省实验室(厦门能源实验室)依托厦门大学建设,推动光电信息福建省实验室(闽都创新实验室)由中国科学院福建物质结构研究所牵头、福州大学和华侨大学共同参与建设。
(二)建设园区。支持福州高新区创建世界领先科技园区,推动泉州高新区争创国家创新型特色园区。
"""


def relations():
    return {(r.subject.name, r.predicate, r.object.name) for r in extract_document(document_from_text(PLAN)).relations}


def test_those_that_take_part_after_the_lead_take_part_in_that_lab():
    found = {r for r in relations() if r[1] in ("ledBy", "participant")}
    assert found == {("闽都创新实验室", "ledBy", "中国科学院福建物质结构研究所"),
                     ("闽都创新实验室", "participant", "福州大学"), ("闽都创新实验室", "participant", "华侨大学")}


def test_zones_to_become_are_statuses_not_parks():
    doc = extract_document(document_from_text(PLAN))
    assert {m.name for m in doc.mentions if m.type == "Park"} == {"福州高新区", "泉州高新区"}
    assert {(s, o) for s, p, o in relations() if p == "upgradeTo"} == {("福州高新区", "世界领先科技园区"), ("泉州高新区", "国家创新型特色园区")}


def test_a_bracketed_name_of_the_same_kind_is_the_lab_s_other_name():
    from graph.resolve import resolve_plan
    from graph.vocabulary.lexicon import default_lexicon

    keys = resolve_plan(extract_document(document_from_text(PLAN)), default_lexicon()).keys
    key = {name: k for (_, name), k in keys.items()}
    assert key["闽都创新实验室"] == key["光电信息福建省实验室"]
    assert key["厦门能源实验室"] == key["化学能源福建省实验室"] != key["光电信息福建省实验室"]
