"""Task tables as a web page copy flattens them (cells split by spaces, by tabs, or one cell per
line), an attachment that holds one, bodies listed in a bracket with no label, a bank's local
branch, and names joined after a bracketed alias — on a plan written as another province's city
would write it. Expectations written by reading the text."""

import pytest

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

HEAD = """淄博市人民政府办公室关于印发淄博市科技创新工作要点的通知
淄博市科技创新工作要点(2024年)
一、重点任务
(一)建设创新平台
1.支持山东理工大学(淄博研究院)与齐鲁石化公司共建先进材料全国重点实验室。
2.推广“科技贷”产品,设立淄博科技成果转化基金。(人民银行淄博市分行、市地方金融监管局、市科技局)
二、保障措施
(一)加强组织领导。统筹推进全市科技创新工作。
附件:重点任务分解表
"""
SPACES = """序号 重点工作任务 主要责任单位 协同配合单位 完成期限
1 新建省级新型研发机构5家 市科技局 市财政局、各区县政府 2024年12月底
2 建成淄博新材料中试基地 张店区政府 市科技局 2024年6月
"""
TABS = SPACES.replace(" ", "\t")
LINES = "\n".join(SPACES.split()) + "\n"


@pytest.mark.parametrize("table", [SPACES, TABS, LINES], ids=["spaces", "tabs", "cell-per-line"])
def test_a_flattened_task_table_gives_leads_co_responsible_bodies_and_years(table):
    doc = document_from_text(HEAD + table)
    ex = extract_document(doc)
    rows = [u for u in doc.units if u.kind == "table"]
    assert [u.number for u in rows] == ["附件.1", "附件.2"]  # the attachment is a chapter of its own
    duties = {(r.measure, r.body.name, r.lead) for r in ex.responsibilities if r.measure.startswith("附件")}
    assert duties == {("附件.1", "市科技局", True), ("附件.1", "市财政局", False), ("附件.1", "各区县政府", False),
                      ("附件.2", "张店区政府", True), ("附件.2", "市科技局", False)}
    assert ("新建省级新型研发机构", 5, 2024) in {(t.indicator, t.value, t.year) for t in ex.targets}


def test_bodies_alone_in_a_bracket_closing_a_measure_are_responsible_without_a_lead():
    ex = extract_document(document_from_text(HEAD + SPACES))
    duties = [(r.body.name, r.body.type, r.lead, r.position) for r in ex.responsibilities if r.measure == "一.(一).2"]
    assert duties == [("人民银行淄博市分行", "Department", False, 1), ("市地方金融监管局", "Department", False, 2),
                      ("市科技局", "Department", False, 3)]
    assert ("人民银行淄博市分行", "Department") in {(m.name, m.type) for m in ex.mentions}


def test_a_name_after_a_bracketed_alias_and_a_conjunction_is_a_name_of_its_own():
    ex = extract_document(document_from_text(HEAD + SPACES))
    names = {m.name for m in ex.mentions}
    assert {"山东理工大学(淄博研究院)", "齐鲁石化公司", "先进材料全国重点实验室"} <= names
    assert not any("与" in n for n in names)
    partners = {r.object.name for r in ex.relations if r.predicate == "partnerOf"}
    assert {"山东理工大学(淄博研究院)", "齐鲁石化公司"} <= partners
