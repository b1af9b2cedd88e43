"""Scale the bundled plans to N× documents with varied place and entity names.

Run: .venv/bin/python benchmarks/generate_corpus.py 100 /tmp/corpus100

Copy k of every plan gets its own city names and its own "proper-name" characters: the
characters that make entity names specific in the bundled plans (嵩, 龙, 仕 …; found by
extracting the plans, minus every character of the lexicons' general vocabulary) are
mapped to other characters, so copies name different labs, parks and firms instead of
collapsing into one. Function words, suffixes and department names are left alone, so
the copies read like plans and extraction does the same work on them.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from graph.extract import extract_document
from graph.ingest.documents import read_document
from graph.vocabulary.lexicon import default_lexicon

PLANS = Path(__file__).resolve().parent.parent / "data" / "plans"
CITIES = ("洛阳", "鹤壁", "益阳", "郑州")


def vocabulary_characters() -> set[str]:
    lexicon = default_lexicon()
    words = [s for s, _ in lexicon.suffixes] + list(lexicon.departments) + list(lexicon.boundary_words)
    words += list(lexicon.generic_words) + [p for p in lexicon.provinces]
    return {c for w in words for c in w}


def name_characters(texts: list[tuple[Path, str]]) -> list[str]:
    """Rare characters of entity names, minus general vocabulary and numerals: the specific ones."""
    keep = vocabulary_characters() | set("一二三四五六七八九十百千万两〇零号年月日第")
    whole = "".join(text for _, text in texts)
    found = set()
    for path, _ in texts:
        for m in extract_document(read_document(path)).mentions:
            found.update(c for c in m.name if "\u4e00" <= c <= "\u9fff")
    return sorted(c for c in found - keep if whole.count(c) <= 6)


def substitution(k: int, chars: list[str], pool: list[str]) -> dict[str, str]:
    rng = random.Random(k)
    return dict(zip(chars, rng.sample(pool, len(chars))))


def main() -> None:
    times, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    texts = [(p, p.read_text(encoding="utf-8")) for p in sorted(PLANS.glob("*.txt"))]
    chars = name_characters(texts)
    vocabulary = vocabulary_characters()
    pool = [chr(c) for c in range(0x4E00, 0x9FA5) if chr(c) not in vocabulary and chr(c) not in chars]
    size = 0
    for k in range(times):
        table = substitution(k, chars, pool) if k else {}
        for path, text in texts:
            copy = text
            if table:
                cities = {city: "".join(table.get(c, pool[(k * 7 + i) % len(pool)]) for i, c in enumerate(city)) for city in CITIES}
                for city, renamed in cities.items():
                    copy = copy.replace(city, renamed)
                copy = copy.translate(str.maketrans(table))
            target = out / f"{k:05d}_{path.name}"
            target.write_text(copy, encoding="utf-8")
            size += target.stat().st_size
    print(f"{times * len(texts)} plans, {size / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()
