"""Turn a file of any supported format and encoding into plain text lines.

Tables become pipe-separated lines (``a | b | c``) whatever the format, so the
structure and target stages read one table layout only.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".docx", ".pdf")


class DocumentError(ValueError):
    """A plan that cannot be read; the message names the file and the problem, and ``kind``
    names the problem for an interface that says it in its own language."""

    def __init__(self, path: str | Path, problem: str, kind: str = "unreadable"):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem
        self.kind = kind


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode text whose encoding is detected, not guessed from the file name.

    UTF-8 is tried strictly first (it rarely decodes anything else by accident);
    otherwise charset-normalizer decides, and GB2312/GBK are read as their
    superset GB18030.

    >>> decode_bytes("鹤壁市科技局".encode("gbk"))
    '鹤壁市科技局'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("gb18030",):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_cjk(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DocumentError(path, "cannot detect the text encoding (not UTF-8, GBK/GB18030 or any other known one)", "encoding")
    encoding = best.encoding.lower()
    if encoding in {"gb2312", "gbk", "hz", "gb18030"}:
        encoding = "gb18030"
    return data.decode(encoding, errors="replace")


def _mostly_cjk(text: str) -> bool:
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters:
        return True
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return cjk / len(letters) > 0.6


def read_html(html: str) -> str:
    """Keep the page's text and its tables (as pipe rows); drop scripts, styles and forms."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "form", "input", "button", "select", "textarea", "iframe"]):
        tag.decompose()
    for table in soup.find_all("table"):
        rows = []
        for tr in table.find_all("tr"):
            cells = [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])]
            if any(cells):
                rows.append(" | ".join(cells) + " |")
        table.replace_with(soup.new_string("\n" + "\n".join(rows) + "\n"))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title")
    for tag in soup.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


def read_docx(data: bytes, path: str | Path) -> str:
    """Read paragraphs and tables of a .docx in body order."""
    from docx import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = DocxDocument(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken zip
        raise DocumentError(path, f"not a readable .docx file ({exc})", "docx") from exc
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, doc).text)
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                cells = [c.text.strip() for c in row.cells]
                if any(cells):
                    lines.append(" | ".join(cells) + " |")
    return "\n".join(lines)


def read_pdf(data: bytes, path: str | Path) -> str:
    """Read the text layer of a PDF; a scan without one is an error, not an empty plan."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise DocumentError(path, f"not a readable PDF ({exc})", "pdf") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(path, "the PDF has no text layer (a scanned image?); run OCR first", "no_text_layer")
    return unwrap_lines(text)


# a page number on its own line ("- 3 -", 第3页); a bare number may be a table's 序号 cell, so it stays
PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$")
OPENS_UNIT = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[((][一二三四五六七八九十\d]{1,3}[))]|\d{1,2}[.、.]|第[一二三四五六七八九十]{1,3}[章节]|专栏|附件|[①-⑳]|——|\|)")
ENDS_SENTENCE = "。;;::!!??)）」』”"


def unwrap_lines(text: str) -> str:
    r"""Join the lines a PDF breaks at the page's width back into paragraphs, and drop page numbers.

    A PDF's text layer ends a line where the printed line ended, in the middle of names
    (龙门实 / 验室) and of labels (市财 / 政局). A line as long as the page's full lines that
    does not end a sentence goes on in the next line, unless that one opens a numbered unit.

    >>> unwrap_lines("一、任务\n高标准建设龙门实验室,推进创新平台建\n设。全年新增企业200家。\n- 2 -\n二、保障")
    '一、任务\n高标准建设龙门实验室,推进创新平台建设。全年新增企业200家。\n二、保障'
    """
    lines = [line.rstrip() for line in text.split("\n") if not PAGE_NUMBER.match(line)]
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return text
    full = lengths[int(len(lengths) * 0.9)] if len(lengths) > 9 else lengths[-1]
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        wrapped = previous and len(previous) >= 0.8 * full and previous[-1] not in ENDS_SENTENCE and not previous.rstrip().endswith("|")
        if wrapped and line.strip() and not OPENS_UNIT.match(line):
            out[-1] = previous + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def read_raw_text(path: str | Path) -> str:
    """Read any supported file into text, raising DocumentError with the file's name."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(path, f"unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED_SUFFIXES)}", "file_type")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror})") from exc
    if not data.strip():
        raise DocumentError(path, "the file is empty", "empty")
    if suffix == ".docx":
        return read_docx(data, path)
    if suffix == ".pdf":
        return read_pdf(data, path)
    text = decode_bytes(data, path)
    if suffix in (".html", ".htm") or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        return read_html(text)
    return text
