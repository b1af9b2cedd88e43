"""A provincial government office's action plan (tests/data/anhui_provincial_plan.txt, written the
way such plans are): a named centre that opens with its city and has a quality word, lead and
partner bodies marked inline, a party committee's office, national banks' local branches.
Every expectation was written by reading the text."""

import pytest

from .conftest import extract_data_file


@pytest.fixture(scope="module")
def extraction():
    return extract_data_file("anhui_provincial_plan.txt")


def test_a_place_jieba_calls_a_common_noun_still_makes_a_name(extraction):
    names = {(m.name, m.type) for m in extraction.mentions}
    # jieba tags 合肥 n; the gazetteer knows it is a city, so 综合性 does not make this one centre a kind
    assert ("合肥综合性国家科学中心", "Platform") in names
    assert {("合肥先进光源", "Platform"), ("合肥国家实验室", "Lab"), ("深空探测实验室", "Lab")} <= names


def test_leads_and_partners_marked_inline(extraction):
    duties = {(r.body.name, r.lead) for r in extraction.responsibilities if r.measure == "二.(一)"}
    assert duties == {("省发展改革委", True), ("省科技厅", True), ("中国科学技术大学", False),
                      ("中科院合肥物质科学研究院", False), ("合肥市人民政府", False)}


def test_bodies_of_a_province_its_party_committee_and_national_banks(extraction):
    bodies = {m.name for m in extraction.mentions if m.type == "Department"}
    assert {"省委科技委员会办公室", "国家开发银行安徽省分行", "人民银行合肥中心支行", "安徽银保监局", "省财政厅"} <= bodies
    assert extraction.document.metadata.province == "安徽省"


def test_firms_and_products(extraction):
    names = {(m.name, m.type) for m in extraction.mentions}
    assert {("科大讯飞", "Firm"), ("京东方", "Firm"), ("长鑫存储", "Firm"), ("科技担", "Program")} <= names
