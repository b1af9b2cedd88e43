"""Metadata and structure of the bundled plans, checked by reading them."""

import pytest

EXPECTED = {
    # city: (title, issuer, doc number, date, city, province, kind, period)
    "luoyang": ("洛阳市“十四五”科技创新和一流创新生态建设规划", "洛阳市人民政府", "洛政〔2022〕22号", "2022-04-19",
                "洛阳市", "河南省", "五年规划", (2021, 2025)),
    "hebi": ("鹤壁市科技创新三年行动计划(2019—2021年)", "鹤壁市人民政府办公室", "鹤政办〔2019〕16号", "2019-08-21",
             "鹤壁市", "河南省", "三年行动计划", (2019, 2021)),
    "yiyang": ("益阳市“十四五”科技发展规划", "益阳市科学技术局", "", "2021-11", "益阳市", "湖南省", "五年规划", (2021, 2025)),
    "zhengzhou": ("2022年全市科技创新工作要点", "郑州市科学技术局", "", "2022-03-25", "郑州市", "河南省", "年度工作要点", (2022, 2022)),
}


@pytest.mark.parametrize("city", EXPECTED)
def test_metadata(documents, city):
    m = documents[city].metadata
    title, issuer, number, date, city_name, province, kind, period = EXPECTED[city]
    assert (m.title, m.issuer, m.doc_number, m.date) == (title, issuer, number, date)
    assert (m.city, m.province, m.kind, (m.period_start, m.period_end)) == (city_name, province, kind, period)


@pytest.mark.parametrize(("title", "period"), [
    ("深圳市2024年科技创新工作要点", (2024, 2024)),  # the year after the city
    ("关于印发杭州市2023年度科技工作要点的通知", (2023, 2023)),
    ("苏州市科技创新行动计划(2023—2025年)", (2023, 2025)),
    ("(2024年)广州市科技工作要点", (2024, 2024)),
])
def test_a_plans_period_from_its_title(title, period):
    from graph.ingest.documents import document_from_text

    m = document_from_text(title + "\n一、重点任务\n推进平台建设。\n").metadata
    assert (m.period_start, m.period_end) == period


def test_web_residue_removed(documents):
    for residue in ("字体大小", "验证码", "留言与评论", "点击数", "参与评论", "主办单位"):
        for doc in documents.values():
            assert residue not in doc.text


def test_hebi_numbered_measures(documents):
    units = {u.number: u for u in documents["hebi"].units}
    assert units["三.(一).1"].title == "大力培育高新技术企业" and units["三.(一).1"].is_measure
    assert units["三.(六)"].title == "组织实施重大科技专项" and units["三.(六)"].is_measure  # a section with no items
    assert not units["三.(一)"].is_measure  # it has items
    assert not units["一.(一)"].is_measure  # 指导思想 is no measure
    assert units["三.(四).1"].title.startswith("积极对接中科院及直属院所")  # no lead phrase: the first sentence


def test_yiyang_one_line_chapters_are_split(documents):
    units = {u.number: u for u in documents["yiyang"].units}
    assert units["二.(一)"].title == "加强中心城区协同创新"
    assert units["四.(一).2"].title == "突破关键技术攻关"
    assert units["三.(二)"].is_measure


def test_luoyang_lead_paragraphs_and_boxes(documents):
    units = documents["luoyang"].units
    titles = {u.title: u for u in units}
    assert titles["高质量建设龙门实验室"].kind == "lead" and titles["高质量建设龙门实验室"].is_measure
    box_items = [u for u in units if u.kind == "boxitem" and u.parent and "专栏二" in u.parent]
    assert [u.title for u in box_items] == ["国家技术创新中心", "国家制造业创新中心", "国家工程研究中心", "国家企业技术中心", "其他高能级创新平台"]
    assert titles["龙门实验室"].kind == "boxitem"


def test_spans_point_into_the_text(documents):
    for doc in documents.values():
        for u in doc.units:
            assert doc.text[u.span[0]:u.span[1]].strip()
            assert u.title in doc.text[u.span[0]:u.span[1]]


def test_luoyang_indicator_table_rows(documents):
    rows = documents["luoyang"].tables
    assert len(rows) == 12
    assert rows[0].header == ("序号", "指标", "2020年基数", "2025年目标")
    assert rows[1].cells == ("2", "全社会研发经费投入强度(%)", "2.82", "3.75左右")


def test_a_numbered_item_of_one_sentence_is_a_measure():
    from graph.ingest.documents import document_from_text

    doc = document_from_text("厦门市科技工作要点(2024年)\n一、重点任务\n1.建设嘉庚创新实验室。\n2.支持厦门大学建设国家重点实验室。")
    measures = {u.number: u.title for u in doc.units if u.is_measure}
    assert measures == {"一.1": "建设嘉庚创新实验室", "一.2": "支持厦门大学建设国家重点实验室"}


def test_innermost_unit_is_the_deepest_holding_the_offset():
    from graph.extract.sentences import innermost_unit, unit_at
    from graph.model import Unit

    def unit(number, a, b, level):
        return Unit(number, number, (a, b), (a, b), level, "section")

    # a chapter with two sections, a box that overlaps both at the chapter's depth + 1, an empty unit
    units = (unit("一", 0, 100, 1), unit("一.(一)", 10, 40, 2), unit("一.(二)", 40, 90, 2),
             unit("box", 30, 60, 2), unit("empty", 50, 50, 3))
    expected = {0: "一", 9: "一", 10: "一.(一)", 29: "一.(一)", 30: "box", 39: "box", 40: "box", 59: "box",
                60: "一.(二)", 89: "一.(二)", 90: "一", 99: "一", 100: None, -1: None, 50: "box"}
    assert {offset: unit_at(units, offset) for offset in expected} == expected
    assert innermost_unit((), 5) is None
    # the same units in another tuple (another plan) answer for themselves
    moved = tuple(unit(u.number, u.span[0] + 1000, u.span[1] + 1000, u.level) for u in units)
    assert unit_at(moved, 1010) == "一.(一)" and unit_at(units, 1010) is None


def test_a_plan_without_its_city_in_the_title_gets_it_from_its_district_or_metadata_block():
    """A district bureau's plan (光明区…) is in 深圳市, 广东省 by the gazetteer; a page whose title
    names no place gets it from its 发布机构 line."""
    from graph.ingest.documents import document_from_text

    district = document_from_text("光明区科技创新局2024年工作要点\n一、重点任务\n(一)建设光明科学城。\n").metadata
    assert (district.city, district.province) == ("深圳市", "广东省")
    page = document_from_text("2024年科技工作要点\n发布机构:江门市科学技术局\n一、重点任务\n(一)建设实验室。\n").metadata
    assert (page.city, page.province) == ("江门市", "广东省")


def test_a_plan_written_on_one_long_line_is_read():
    """A page copy can put a whole plan on one line; its footer words (版权所有) inside it do not
    make the line residue."""
    from graph.extract import extract_document
    from graph.ingest.documents import document_from_text

    body = "一、重点任务(一)建设嵩山实验室,支持河南大学发展。" * 20000 + "版权所有:开封市科学技术局"
    doc = document_from_text("开封市科技创新工作要点(2024年)" + body)
    assert len(doc.text) > 500_000
    assert "嵩山实验室" in {m.name for m in extract_document(doc).mentions}


def test_a_text_over_the_size_limit_is_refused_with_its_size(monkeypatch):
    import pytest

    from graph.ingest import documents
    from graph.ingest.documents import DocumentError, document_from_text

    monkeypatch.setattr(documents, "MAX_PLAN_CHARS", 1000)
    with pytest.raises(DocumentError, match="million characters"):
        document_from_text("开封市科技创新工作要点\n" + "建设实验室。" * 500, "big.txt")


def test_a_page_metadata_block_names_the_issuer_when_the_text_does_not():
    from graph.ingest.documents import document_from_text
    text = ("关于印发《2024年科技创新工作要点》的通知\n"
            "索引号:11410100MB0000000X/2024-00012 发布机构:金水区科学技术局 发文日期:2024-03-01\n"
            "一、培育创新主体\n1.实施高新技术企业倍增计划。(牵头单位:区科技局)\n")
    meta = document_from_text(text).metadata
    assert (meta.issuer, meta.city) == ("金水区科学技术局", "郑州市")
