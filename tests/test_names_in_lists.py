"""Firms named in lists as plans of Zhejiang and Jiangsu write them: trade names before 等龙头企业
whatever the sentence goes on with (…等龙头企业研发投入持续增长), and firms of common words
(中天科技集团) that a list sets beside named ones. Kinds and processes stay no names. Expectations
written by reading the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

JIAXING = """嘉兴市制造业创新三年行动计划
一、发展基础
海康威视、吉利控股集团、闻泰科技等龙头企业研发投入持续增长,省级以上企业技术中心达到120家。
二、重点任务
(一)制定标准。推动原料预处理、分等分级、商品化处理等企业标准制定。
"""

NANTONG = """南通市科技创新三年行动方案
一、重点任务
(一)建设创新联合体。支持南通大学和中天科技集团共同参与建设南通海洋装备研究院,鼓励通富微电、中天科技集团、东方航空集团等企业加大研发投入。推动股份集团规范运作。
"""


def firms(plan: str) -> set[str]:
    return {m.name for m in extract_document(document_from_text(plan)).mentions if m.type == "Firm"}


def test_trade_names_before_a_firm_head_whatever_follows_it():
    assert firms(JIAXING) == {"海康威视", "吉利控股集团", "闻泰科技"}  # not 分等分级, 商品化处理: processes


def test_a_firm_of_common_words_listed_beside_names_is_one_firm():
    assert firms(NANTONG) == {"中天科技集团", "通富微电", "东方航空集团"}  # 股份集团 alone is a kind


TAICANG = """太仓市人才发展三年行动计划
一、重点任务
(一)建设载体。支持太仓高新区、中德太仓创新园建设国际人才社区。
"""


def test_two_countries_park_keeps_its_pair_and_is_to_become_a_community():
    ex = extract_document(document_from_text(TAICANG))
    assert {m.name for m in ex.mentions if m.type == "Park"} == {"太仓高新区", "中德太仓创新园"}
    upgrades = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "upgradeTo"}
    assert upgrades == {("太仓高新区", "国际人才社区"), ("中德太仓创新园", "国际人才社区")}
