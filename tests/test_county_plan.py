"""A county's five-year plan as another province writes it: an indicator table whose year
columns (2020年 | 2025年) do not say which is the base, with a unit column and an 属性 column;
two labels in one bracket split by a space; 依托A,联合B、C共同建设Z. Expectations written by
reading the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """长兴县“十四五”科技创新发展规划
长兴县人民政府
一、发展目标
表1 “十四五”科技创新主要指标
序号 | 指标名称 | 单位 | 2020年 | 2025年 | 属性
1 | R&D经费支出占地区生产总值比重 | % | 2.9 | 3.5 | 预期性
2 | 高新技术企业数 | 家 | 186 | 400 | 预期性
二、主要任务
(一)打造高能级创新平台
1.建设长兴太湖实验室。依托浙江大学长兴研究院,联合天能集团、超威集团共同建设长兴太湖实验室。(牵头单位:县科技局 责任单位:县发改局、县财政局)
"""


def extraction():
    return extract_document(document_from_text(PLAN))


def test_year_columns_without_a_base_word_give_baseline_and_target():
    found = {(t.indicator, t.value, t.unit, t.year, t.baseline, t.baseline_year) for t in extraction().targets}
    assert found == {("R&D经费支出占地区生产总值比重", 3.5, "%", 2025, 2.9, 2020), ("高新技术企业数", 400, "家", 2025, 186, 2020)}


def test_two_labels_in_one_bracket_split_by_a_space():
    duties = [(r.body.name, r.lead, r.position) for r in extraction().responsibilities]
    assert duties == [("县科技局", True, 1), ("县发改局", False, 2), ("县财政局", False, 3)]
    assert not any("单位" in m.name for m in extraction().mentions)  # a label is never part of a name


def test_bodies_that_build_together_take_part():
    relations = {(r.subject.name, r.predicate, r.object.name) for r in extraction().relations}
    assert {("长兴太湖实验室", "participant", x) for x in ("浙江大学长兴研究院", "天能集团", "超威集团")} <= relations
    assert not any(p == "upgradeTo" and o == "长兴太湖实验室" for _, p, o in relations)
    assert ("长兴太湖实验室", "participant", "浙江大学") not in relations  # a part of a listed name, not listed itself
