"""Layouts users bring: duty tables, aliases and abbreviations, targets in words, PDF, GBK HTML.

Each expectation was written by reading the fixture, not by running the code.
"""

from collections import defaultdict

from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from graph.extract import extract_document
from graph.ingest.documents import read_document
from graph.pipeline import build_plans

from .conftest import DATA
from .pdfmaker import make_pdf


def duties(ex):
    table = defaultdict(list)
    for r in ex.responsibilities:
        table[r.measure].append((r.body.name, r.lead))
    return dict(table)


def test_duty_table_with_lead_and_partner_columns():
    ex = extract_document(read_document(DATA / "duty_table.txt"))
    table = duties(ex)
    assert table["一.1"] == [("市科技局", True), ("市财政局", False), ("市农业农村局", False)]
    assert table["一.2"] == [("市科技局", True), ("税务局", False), ("各县(市、区)政府", False)]
    assert table["一.3"] == [("新乡高新区管委会", True), ("市发展改革委", False)]
    titles = {u.number: u.title for u in ex.document.units}
    assert titles["一.2"] == "实施高新技术企业倍增计划"


def test_duty_table_in_gbk_html(tmp_path):
    html = ("<html><body><h2>商丘市科技创新工作要点(2024年)</h2><table>"
            "<tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr>"
            "<tr><td>1</td><td>建设商丘师范学院生物育种实验室</td><td>市科技局、市教育局</td></tr>"
            "</table></body></html>")
    path = tmp_path / "plan.html"
    path.write_bytes(html.encode("gbk"))
    ex = extract_document(read_document(path))
    assert duties(ex) == {"1": [("市科技局", False), ("市教育局", False)]}  # a 责任单位 column marks no lead
    assert ("商丘师范学院生物育种实验室", "Lab") in {(m.name, m.type) for m in ex.mentions}


def test_alias_and_abbreviation_are_one_node():
    graph = build_plans([DATA / "aliases_targets.txt"])
    def node(label):
        return next(graph.subjects(RDFS.label, Literal(label, lang="zh")))
    park = node("岳阳高新技术产业开发区")
    assert Literal("岳阳高新区", lang="zh") in set(graph.objects(park, SKOS.altLabel))
    institute = node("长岭炼化研究院")
    assert Literal("长岭院", lang="zh") in set(graph.objects(institute, SKOS.altLabel))
    bureau = node("岳阳市科技局")
    assert {str(o) for o in graph.objects(bureau, SKOS.altLabel)} >= {"市科技局", "科技局"}
    labels = [str(o) for s, o in graph.subject_objects(RDFS.label) if "高新区" in str(o)]
    assert labels == [] or all(label != "岳阳高新区" for label in labels)  # no second node for the short name


def test_targets_in_words():
    ex = extract_document(read_document(DATA / "aliases_targets.txt"))
    targets = {t.indicator: t for t in ex.targets}
    assert targets["高新技术产业增加值"].year == 2025  # 到二0二五年
    assert (targets["规模以上工业企业研发机构覆盖率"].value, targets["规模以上工业企业研发机构覆盖率"].qualifier) == (60, "左右")
    platform = targets["新建省级以上创新平台"]
    assert (platform.value, platform.value_text, platform.unit) == (1, "1—2个", "个")
    doubling = targets["高新技术企业"]
    assert (doubling.value, doubling.baseline, doubling.baseline_year, doubling.qualifier) == (600, 300, 2020, "翻番")


def test_located_and_upgrade_relations():
    ex = extract_document(read_document(DATA / "aliases_targets.txt"))
    found = {(r.subject.name, r.predicate, r.object.name) for r in ex.relations}
    assert ("岳阳高新区", "locatedIn", "岳阳楼区") in found
    assert ("长岭院", "upgradeTo", "石化技术创新中心") in found  # 省级 is its level, not its name; 长岭院 is the clause's own subject
    assert not any(r[1] == "locatedIn" and r[2] == "岳阳县" for r in found)  # 岳阳 is the city, not 岳阳县


def test_pdf_with_a_text_layer(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf([
        "焦作市科技创新三年行动计划(2023—2025年)",
        "一、重点任务",
        "1.建设焦作实验室。推动河南理工大学建设焦作市智能装备工程技术研究中心。(责任单位:市科技局、财政局)",
    ]))
    ex = extract_document(read_document(path))
    assert ex.document.metadata.title == "焦作市科技创新三年行动计划(2023—2025年)"
    found = {(m.name, m.type) for m in ex.mentions}
    assert {("焦作实验室", "Lab"), ("河南理工大学", "University"), ("焦作市智能装备工程技术研究中心", "Platform")} <= found
    assert duties(ex) == {"一.1": [("市科技局", False), ("市财政局", False)]}


def test_duty_lists_as_lines_sentences_and_lead_brackets():
    table = duties(extract_document(read_document(DATA / "duty_lines.txt")))
    assert table["一.1"] == [("市科技局", False), ("市工业和信息化局", False)]  # a line of its own, no lead marked
    assert table["一.2"] == [("平顶山高新区管委会", True), ("市发展改革委", False), ("市财政局", False)]  # a sentence
    assert table["一.3"] == [("市金融工作局", True), ("市财政局", False), ("市科技局", False)]  # (X牵头,Y配合)


def test_more_target_and_relation_wordings():
    from graph.ingest.documents import document_from_text

    ex = extract_document(document_from_text(
        "开封市“十四五”科技创新规划\n一、发展目标\n到2025年,省级以上研发平台不少于80家,"
        "技术合同成交额在2020年15亿元的基础上增长到两倍,发明专利拥有量在2020年1000件的基础上增长两倍。\n二、重点任务\n"
        "支持开封市生物医药技术创新中心晋级国家生物医药技术创新中心。推动河南大学申建国家级生物育种实验室。黄河实验室落户开封市。"))
    targets = {t.indicator: t for t in ex.targets}
    assert (targets["省级以上研发平台"].value, targets["省级以上研发平台"].qualifier) == (80, "不少于")
    assert (targets["技术合同成交额"].value, targets["技术合同成交额"].baseline) == (30, 15)  # 增长到两倍: twice
    assert targets["发明专利拥有量"].value == 3000  # 增长两倍: three times
    relations = {(r.subject.name, r.predicate, r.object.name) for r in ex.relations}
    assert ("开封市生物医药技术创新中心", "upgradeTo", "国家生物医药技术创新中心") in relations
    assert ("黄河实验室", "locatedIn", "开封市") in relations


def test_chapters_and_sections_written_as_di_zhang_and_di_jie():
    """第X章 / 第X节 outlines (common in provincial and big-city 五年规划) hold 一、 and (一) below
    them; a 发展基础 chapter still reports the past. Written as another city's plan would be."""
    from graph.extract import extract_document
    from graph.ingest.documents import document_from_text

    text = ("绵阳市“十四五”科技创新规划\n第一章 发展基础\n“十三五”期间,全市高新技术企业增加到600家。\n"
            "第二章 总体要求\n第一节 发展目标\n到2025年,高新技术企业突破1000家。\n"
            "第三章 主要任务\n第一节 建设科技城\n一、建设创新平台\n(一)建设绵阳实验室。推动绵阳实验室建设。\n"
            "第二节 培育创新主体\n实施科技型企业培育计划。\n")
    doc = document_from_text(text)
    numbers = [u.number for u in doc.units]
    assert numbers[:4] == ["第一章", "第二章", "第二章.第一节", "第三章"]
    assert "第三章.第一节.一.(一)" in numbers and "第三章.第二节" in numbers
    targets = {(t.indicator, t.value, t.year) for t in extract_document(doc).targets}
    assert targets == {("高新技术企业", 1000, 2025)}  # not the 600 the background chapter reports
