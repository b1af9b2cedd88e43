"""A Guangdong city's five-year plan (tests/data/dongguan_plan.txt, written the way such plans are):
its province from the city, not from the places its text names most; firms listed before what they
lead; a lab built up to become a national one; big science facilities; two labels in one bracket.
Every expectation was written by reading the text."""

import pytest

from .conftest import extract_data_file


@pytest.fixture(scope="module")
def extraction():
    return extract_data_file("dongguan_plan.txt")


def test_the_province_is_the_citys_however_often_the_text_names_hong_kong(extraction):
    meta = extraction.document.metadata
    assert (meta.city, meta.province, meta.issuer, meta.doc_number) == ("东莞市", "广东省", "东莞市人民政府", "东府〔2021〕58号")


def test_firms_listed_before_a_kind_and_a_verb_of_their_own(extraction):
    firms = {m.name for m in extraction.mentions if m.type == "Firm"}
    assert {"生益科技", "东阳光", "新能源科技", "华为", "vivo", "OPPO"} <= firms  # 等企业牵头组建, 等龙头企业建设


def test_a_lab_built_to_become_a_national_lab(extraction):
    upgrades = {(r.subject.name, r.object.name) for r in extraction.relations if r.predicate == "upgradeTo"}
    assert ("松山湖材料实验室", "国家实验室") in upgrades  # 建设成为: the verb is no part of the status


def test_big_science_facilities_are_platforms(extraction):
    names = {(m.name, m.type) for m in extraction.mentions}
    assert {("中国散裂中子源", "Platform"), ("南方先进光源", "Platform")} <= names


def test_a_lead_label_and_a_partner_label_and_a_list_by_its_duties(extraction):
    duties = {(r.body.name, r.measure, r.lead) for r in extraction.responsibilities}
    assert {("市科技局", "第三章.一.(二)", True), ("市工业和信息化局", "第三章.一.(二)", False),
            ("市教育局", "第三章.一.(二)", False)} <= duties
    assert {("市科技局", "第三章.三", False), ("市港澳事务局", "第三章.三", False)} <= duties  # 按职责分工负责: no lead


def test_targets_and_no_reward(extraction):
    targets = {(t.indicator, t.value, t.year) for t in extraction.targets}
    assert ("研发经费支出占地区生产总值比重", 4.0, 2025) in targets and ("国家高新技术企业", 10000.0, 2025) in targets
    assert not any(t.value == 20 and t.unit == "万元" for t in extraction.targets)  # 给予最高20万元奖励
