"""Read a plan file into a ``Document``: clean text, metadata, structure, tables."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .lexicon import Lexicon, default_lexicon
from .metadata import extract_metadata
from .model import Document
from .readers import SUPPORTED_SUFFIXES, DocumentError, read_raw_text
from .structure import parse_structure

__all__ = ["DocumentError", "read_document", "clean_text", "find_plan_files", "document_from_text"]


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
        if any(p.search(line) for p in lexicon.residue):
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    lines = []
    for line in kept:
        if line or (lines and lines[-1]):
            lines.append(line)
    return raw_lines, lines


def document_from_text(raw: str, path: str = "<text>", lexicon: Lexicon | None = None) -> Document:
    """Build a Document from already-decoded text (tests and pasted text use this)."""
    lexicon = lexicon or default_lexicon()
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


def find_plan_files(paths) -> list[Path]:
    """Expand files and folders into the plan files they hold, sorted; unknown paths are errors."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        elif p.is_file():
            found.append(p)
        else:
            raise DocumentError(p, "no such file or folder")
    if not found:
        raise DocumentError(", ".join(map(str, paths)), f"no plan files ({', '.join(SUPPORTED_SUFFIXES)}) found")
    return found
