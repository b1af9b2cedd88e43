"""Read a plan file into a ``Document``: clean text, metadata, structure, tables."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from .lexicon import Lexicon, default_lexicon
from .metadata import extract_metadata
from .model import Document
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
    for line in raw_lines:
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
                                  f"{MAX_PLAN_CHARS // 1_000_000} million (split the file, or it is not one plan)")
    raw, path = safe_text(raw), safe_text(str(path))
    raw_lines, lines = clean_text(raw, lexicon)
    text = "\n".join(lines).strip("\n")
    if len(text.strip()) < 20:
        raise DocumentError(path, "no plan text found after removing page residue")
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
