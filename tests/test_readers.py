"""Reading files: encodings detected from bytes, HTML residue and tables, .docx, clear errors."""

import pytest

from graph.ingest.documents import DocumentError, read_document
from graph.ingest.readers import decode_bytes, read_raw_text

from .conftest import DATA


def test_gbk_file_is_detected_not_guessed(tmp_path):
    doc = read_document(DATA / "gbk_plan.txt")
    assert doc.metadata.title == "2023年全市科技工作要点"
    assert doc.metadata.issuer == "驻马店市科学技术局"
    assert "天中实验室" in doc.text


def test_gbk_with_html_extension_and_misleading_meta():
    # plan_page.html is GBK-encoded bytes; its <meta> says gb2312, the decoder must not need it
    text = read_raw_text(DATA / "plan_page.html")
    assert "周口市“十四五”科技创新规划" in text


def test_utf8_bytes_stay_utf8():
    assert decode_bytes("鹤壁市科技局".encode()) == "鹤壁市科技局"
    assert decode_bytes("\ufeff郑州".encode("utf-8")) == "郑州"


def test_gb18030_only_characters():
    assert decode_bytes("瀍河区".encode("gb18030")) == "瀍河区"


def test_html_residue_dropped_and_table_kept_as_rows():
    doc = read_document(DATA / "plan_page.html")
    for residue in ("点击数", "字体大小", "打印本页", "ICP备", "主办单位", "var hits"):
        assert residue not in doc.text
    assert len(doc.tables) == 2
    assert doc.tables[0].cells[1] == "全社会研发经费投入强度(%)"
    assert doc.metadata.published == "2022-06-01"
    assert doc.metadata.publisher == "周口市人民政府办公室"


def test_docx_paragraphs_and_table(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("漯河市科技创新三年行动计划(2023—2025年)")
    d.add_paragraph("一、重点任务")
    d.add_paragraph("1.建设食品实验室。推动漯河食品职业学院建设漯河市食品安全检测中心。")
    table = d.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ("序号", "指标", "2025年目标")):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ("1", "高新技术企业数(家)", "200")):
        cell.text = value
    path = tmp_path / "plan.docx"
    d.save(path)
    doc = read_document(path)
    assert doc.metadata.title == "漯河市科技创新三年行动计划(2023—2025年)"
    assert doc.metadata.period_start == 2023 and doc.metadata.period_end == 2025
    assert doc.tables[0].cells == ("1", "高新技术企业数(家)", "200")
    assert "漯河市食品安全检测中心" in doc.text


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", b"", "empty"),
        ("plan.xls", b"abc", "unsupported file type"),
        ("broken.docx", b"not a zip", "not a readable .docx"),
        ("broken.pdf", b"%PDF-1.4 nonsense", "PDF"),
        ("residue.txt", "点击数: 3\n字体大小:\n".encode(), "no plan text"),
    ],
)
def test_bad_input_names_file_and_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert name in str(err.value) and problem in str(err.value)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        from graph.ingest.documents import find_plan_files

        find_plan_files([tmp_path / "nope.txt"])


def test_a_pdfs_lines_broken_at_the_page_width_are_joined_back(tmp_path):
    """A PDF's text layer breaks lines where the printed line ended: inside names (龙门实 / 验室),
    counts (200 / 家) and labels (市财 / 政局); page numbers stand between pages."""
    from graph.extract import extract_document

    from .pdfmaker import make_pdf

    lines = ["南阳市科技创新工作要点(2024年)", "一、重点任务", "(一)建设创新平台。高标准建设龙门实", "验室,支持河南科技大学创建国家重点实",
             "验室。全年新增高新技术企业200", "家。(责任单位:市科技局、市财", "政局)", "- 3 -", "(二)集聚人才。实施河洛英才计划。"]
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf(lines))
    doc = read_document(path)
    assert "- 3 -" not in doc.text and "(二)集聚人才" in doc.text
    ex = extract_document(doc)
    assert {"龙门实验室", "河南科技大学", "河洛英才计划"} <= {m.name for m in ex.mentions}
    assert [r.body.name for r in ex.responsibilities] == ["市科技局", "市财政局"]
    assert [(t.indicator, t.value) for t in ex.targets] == [("全年新增高新技术企业", 200)]
