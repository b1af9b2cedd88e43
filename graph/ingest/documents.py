"""Read a plan file into a ``Document``: clean text, metadata, structure, tables."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from ..model import Document
from ..vocabulary.lexicon import Lexicon, default_lexicon
from .metadata import extract_metadata
from .readers import SUPPORTED_SUFFIXES, DocumentError, read_raw_text
from .structure import parse_structure

__all__ = ["DocumentError", "clean_text", "document_from_text", "find_plan_files", "read_document"]


def clean_text(raw: str, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Normalise widths and spaces and drop web-page residue lines.

    Returns the raw lines (for metadata that lives in page headers and footers) and the
    kept lines. NFKC folds full-width letters, digits and brackets (（１） → (1)) so that
    every later pattern is written once.
    """
    text = unicodedata.normalize("NFKC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    raw_lines = text.split("\n")
    kept = []
    for line in flattened_tables(raw_lines):
        line = re.sub(r"[ \t]+", " ", line).strip()
        if re.fullmatch(r"[•·]\s*\S{0,40}", line):
            continue
        if len(line) <= RESIDUE_LINE and any(p.search(line) for p in lexicon.residue):
            continue  # page residue is short: a long line holding 版权所有 is a plan written on one line
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    lines = []
    for line in kept:
        if line or (lines and lines[-1]):
            lines.append(line)
    return raw_lines, lines


# a column of a task table: 序号, 重点工作任务, 主要责任单位, 协同配合单位, 完成期限, 牵头部门 …
COLUMN = re.compile(r"序号|[\u4e00-\u9fff]{0,6}(?:任务|措施|内容|事项|单位|部门|期限|时限|时间|节点|目标|举措)")
DUTY_COLUMN = re.compile(r"(?:单位|部门)$")


def _header_cells(cells: list[str]) -> bool:
    return len(cells) >= 3 and all(COLUMN.fullmatch(c) for c in cells) and any(DUTY_COLUMN.search(c) for c in cells)


def flattened_tables(lines: list[str]) -> list[str]:
    """Task tables a web page copy flattened, written as the '|' rows the structure reads: cells
    split by tabs, or by spaces under a header of table columns (序号 重点工作任务 主要责任单位 …),
    or one cell per line under a header written one column per line. A row is a row while it
    has as many cells as the header.

    >>> flattened_tables(["序号 重点任务 责任单位 完成时限", "1 建设X平台 市科技局 2024年", "二、保障"])
    ['序号 | 重点任务 | 责任单位 | 完成时限', '1 | 建设X平台 | 市科技局 | 2024年', '二、保障']
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.count("\t") >= 2:
            cells = [c.strip() for c in line.split("\t")]
            out.append(" | ".join(cells))
            i += 1
            continue
        cells = line.split()
        if _header_cells(cells):  # a header on one line, rows under it split by spaces
            out.append(" | ".join(cells))
            i += 1
            while i < len(lines) and len(lines[i].split()) == len(cells):
                out.append(" | ".join(lines[i].split()))
                i += 1
            continue
        run = 0  # a header one column per line, rows one cell per line
        while i + run < len(lines) and COLUMN.fullmatch(lines[i + run].strip()) and run < 8:
            run += 1
        column_lines = [c.strip() for c in lines[i : i + run]]
        if run >= 3 and _header_cells(column_lines):
            out.append(" | ".join(column_lines))
            i += run
            while i + run <= len(lines) and re.fullmatch(r"\d{1,3}", lines[i].strip()) and all(lines[i : i + run]):
                out.append(" | ".join(c.strip() for c in lines[i : i + run]))
                i += run
            continue
        out.append(line)
        i += 1
    return out


MAX_PLAN_CHARS = 20_000_000  # a plan is some 100 thousand characters; work grows with size, so a bound is stated
RESIDUE_LINE = 300  # page residue (footers, click counters) is shorter than this

SURROGATES = re.compile("[\ud800-\udfff]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(text: str) -> str:
    r"""Text any writer can take: a file name read from bytes in another encoding (GBK names on a
    UTF-8 system arrive as surrogate escapes) decoded as GB18030, other lone surrogates and
    control characters replaced. Turtle, N-Triples and the browser all refuse them.

    >>> safe_text("规划".encode("gbk").decode("utf-8", "surrogateescape") + ".txt")
    '规划.txt'
    >>> safe_text("a" + chr(0xD800) + "b" + chr(0)) == "a\N{REPLACEMENT CHARACTER}b\N{REPLACEMENT CHARACTER}"
    True
    """
    if SURROGATES.search(text):
        try:
            text = text.encode("utf-8", "surrogateescape").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            text = SURROGATES.sub("\ufffd", text)
    return CONTROLS.sub("\ufffd", text)


def document_from_text(raw: str, path: str = "<text>", lexicon: Lexicon | None = None) -> Document:
    """Build a Document from already-decoded text (tests and pasted text use this)."""
    lexicon = lexicon or default_lexicon()
    if len(raw) > MAX_PLAN_CHARS:
        raise DocumentError(path, f"{len(raw) / 1e6:.1f} million characters of text; a plan is read up to "
                                  f"{MAX_PLAN_CHARS // 1_000_000} million (split the file, or it is not one plan)", "too_long")
    raw, path = safe_text(raw), safe_text(str(path))
    raw_lines, lines = clean_text(raw, lexicon)
    text = "\n".join(lines).strip("\n")
    if len(text.strip()) < 20:
        raise DocumentError(path, "no plan text found after removing page residue", "no_text")
    metadata = extract_metadata(raw_lines, text.split("\n"), text, lexicon)
    units, tables = parse_structure(text, lexicon)
    doc_id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Document(path=str(path), doc_id=doc_id, text=text, metadata=metadata, units=units, tables=tables)


def read_document(path: str | Path, lexicon: Lexicon | None = None) -> Document:
    """Read a .txt/.html/.docx/.pdf plan in any encoding; DocumentError names the file."""
    return document_from_text(read_raw_text(path), str(path), lexicon)


def _walk_plans(folder: Path) -> list[Path]:
    """Every plan file under a folder. A folder or file that cannot be read is an error naming
    it: skipped silently (as ``rglob`` does), its plans would be taken as removed from the store."""

    def unreadable(error: OSError) -> None:
        raise DocumentError(error.filename or folder, f"cannot read this folder ({error.strerror or error})")

    found = []
    for root, _, files in os.walk(folder, onerror=unreadable):
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                if not os.access(path, os.R_OK):
                    raise DocumentError(path, "cannot read this file (permission denied)")
                found.append(path)
    return found


def find_plan_files(paths) -> list[Path]:
    """Expand files and folders into the plan files they hold, sorted; unknown paths are errors."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(_walk_plans(p)))
        elif p.is_file():
            found.append(p)
        else:
            raise DocumentError(p, "no such file or folder")
    if not found:
        raise DocumentError(", ".join(map(str, paths)), f"no plan files ({', '.join(SUPPORTED_SUFFIXES)}) found")
    return found
