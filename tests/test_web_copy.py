"""A plan copied from a city's web page: breadcrumb, font and print buttons, a view counter and a
share line around the 通知 and the plan; the 通知's addressee line; a box whose items name a lab
built by a university and firms written without a suffix. Expectations written by reading."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PAGE = """当前位置:首页 > 政务公开 > 规划计划
【字体:大 中 小】 【打印本页】 【关闭窗口】
浏览次数:1234
马鞍山市人民政府办公室关于印发马鞍山市科技创新“十四五”规划的通知
各县、区人民政府,市政府各部门:
现将《马鞍山市科技创新“十四五”规划》印发给你们,请认真贯彻执行。
马鞍山市科技创新“十四五”规划
一、重点任务
专栏1 重大创新平台建设工程
1.马鞍山实验室:依托安徽工业大学,联合马钢集团、华菱星马共同建设马鞍山实验室。
分享到: 微信 微博
"""


def test_page_residue_around_the_plan_is_dropped():
    text = document_from_text(PAGE).text
    assert not any(w in text for w in ("当前位置", "打印本页", "浏览次数", "分享到"))
    assert "规划计划" not in {m.name for m in extract_document(document_from_text(PAGE)).mentions}


def test_the_notices_addressees_are_no_bodies_of_the_plan():
    names = {m.name for m in extract_document(document_from_text(PAGE)).mentions}
    assert not any(n.endswith("区人民政府") for n in names)


def test_every_firm_that_builds_the_lab_together_takes_part():
    ex = extract_document(document_from_text(PAGE))
    assert ("华菱星马", "Firm") in {(m.name, m.type) for m in ex.mentions}
    assert {r.object.name for r in ex.relations if r.predicate == "participant" and r.subject.name == "马鞍山实验室"} == {
        "安徽工业大学", "马钢集团", "华菱星马"}
