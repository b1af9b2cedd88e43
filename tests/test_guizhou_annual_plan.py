"""A Guizhou city's annual work plan (tests/data/guiyang_annual_plan.txt, written the way such plans
are): a national key lab named by a field of common words and led by the university that builds it,
a class of district governments written with 〔〕, an event's year, and the usual lists.
Every expectation was written by reading the text."""

import pytest

from .conftest import extract_data_file


@pytest.fixture(scope="module")
def extraction():
    return extract_data_file("guiyang_annual_plan.txt")


def test_a_national_key_lab_of_a_field_is_a_name_led_by_who_builds_it(extraction):
    assert ("公共大数据国家重点实验室", "Lab") in {(m.name, m.type) for m in extraction.mentions}
    relations = {(r.subject.name, r.predicate, r.object.name) for r in extraction.relations}
    assert ("公共大数据国家重点实验室", "ledBy", "贵州大学") in relations  # 支持贵州大学牵头建设X


def test_a_class_of_governments_in_tortoise_shell_brackets_is_one_listed_body(extraction):
    duties = {(r.body.name, r.measure, r.lead) for r in extraction.responsibilities}
    assert {("市科技局", "一.1", True), ("市发展改革委", "一.1", False), ("贵阳贵安各区〔市、县〕政府", "一.1", False)} <= duties
    assert not {b for b, _, _ in duties if b.startswith("县〕")}


def test_an_events_year_opens_no_name_and_lists_give_firms(extraction):
    names = {(m.name, m.type) for m in extraction.mentions}
    assert ("中国国际大数据产业博览会科技创新论坛", "Program") in names
    assert {("满帮集团", "Firm"), ("航天电器", "Firm"), ("振华科技", "Firm"), ("贵州磷化集团", "Firm")} <= names
    targets = {(t.indicator, t.value, t.year) for t in extraction.targets}
    assert ("技术合同成交额", 200.0, 2024) in targets and not any(t.unit == "万元" for t in extraction.targets)
