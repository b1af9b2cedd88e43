"""A Zhejiang district bureau's annual work plan (tests/data/yuhang_plan.txt, written the way such
plans are): a 责任处室 and 配合单位 in one bracket, a 牵头单位 and 责任单位 split by a comma, bodies
按职责分工负责, a lab led by one university with another taking part, counts after a verb of their
own, and an event's edition. Every expectation was written by reading the text."""

import pytest

from .conftest import extract_data_file


@pytest.fixture(scope="module")
def extraction():
    return extract_data_file("yuhang_plan.txt")


def test_a_district_bureaus_plan_is_placed_in_its_city_and_province(extraction):
    meta = extraction.document.metadata
    assert (meta.city, meta.province, meta.district, meta.kind) == ("杭州市", "浙江省", "余杭区", "年度工作要点")


def test_labels_in_one_bracket(extraction):
    duties = {(r.body.name, r.measure, r.lead) for r in extraction.responsibilities}
    assert {("基础科研处", "一.1", False), ("区发改局", "一.1", False), ("未来科技城管委会", "一.1", False)} <= duties
    assert {("区科技局", "一.2", True), ("区财政局", "一.2", False), ("各镇街", "一.2", False)} <= duties
    assert {("区科技局", "二.5", False), ("区经信局", "二.5", False)} <= duties
    assert not any(r.lead for r in extraction.responsibilities if r.measure in ("一.1", "二.5"))


def test_a_lab_led_by_one_university_with_another_taking_part(extraction):
    relations = {(r.subject.name, r.predicate, r.object.name) for r in extraction.relations}
    assert ("湖畔实验室", "ledBy", "浙江大学") in relations and ("湖畔实验室", "participant", "西湖大学") in relations


def test_firms_programmes_and_an_event_without_its_edition(extraction):
    names = {(m.name, m.type) for m in extraction.mentions}
    assert {("海康威视", "Firm"), ("老板电器", "Firm"), ("贝达药业", "Firm"), ("雏鹰行动", "Program"), ("雄鹰行动", "Program"),
            ("梦想小镇全球创新创业峰会", "Program"), ("中国(杭州)人工智能小镇创新创业大赛", "Program")} <= names


def test_a_count_after_a_verb_of_its_own_keeps_its_own_name(extraction):
    targets = {(t.indicator, t.value, t.unit, t.year) for t in extraction.targets}
    assert ("技术交易额", 150.0, "亿元", 2023) in targets  # 新认定A 1000家,技术交易额突破150亿元
    assert ("新认定省科技型中小企业", 1000.0, "家", 2023) in targets
    assert not any(t.unit == "万元" for t in extraction.targets)  # 给予30万元奖励
