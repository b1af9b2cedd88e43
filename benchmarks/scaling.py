"""Extraction and identity resolution grow linearly: time per size, printed side by side.

Run: .venv/bin/python benchmarks/scaling.py [--quick]
Two inputs users bring: an enumeration of many names in one sentence (1k, 2k, 4k, 8k items),
and a plan written on one line (0.5, 1, 2, 4 MB). Each row prints the time and its ratio to
the row before: doubling the size should at most about double the time (≤ 2.5×).
"""

from __future__ import annotations

import argparse
import time

from graph.extract import extract_document
from graph.ingest.documents import document_from_text
from graph.resolve import resolve_plan
from graph.vocabulary.lexicon import default_lexicon, dictionary_words


def enumeration(n: int) -> str:
    items = "、".join(f"第{i}号创新{chr(0x4E00 + i % 20000)}{chr(0x4E00 + (i * 7) % 20000)}实验室" for i in range(n))
    return f"开封市科技创新工作要点(2024年)\n一、重点任务\n(一)建设{items}等实验室。\n"


def one_line(megabytes: float) -> str:
    sentence = "一、重点任务(一)建设嵩山实验室,支持河南大学与郑州大学共建中原技术转移中心,到2025年新增高新技术企业100家。"
    repeats = int(megabytes * 1_000_000 / len(sentence.encode("utf-8")))
    return "开封市科技创新工作要点(2024年)" + sentence * repeats


def timed(text: str) -> float:
    start = time.perf_counter()
    ex = extract_document(document_from_text(text))
    resolve_plan(ex, default_lexicon())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the two smaller sizes of each only")
    args = parser.parse_args()
    dictionary_words()  # loaded once per process, as in a build: not part of any row
    timed(enumeration(200))  # and the rules' regular expressions compiled
    runs = (("enumeration, items", [1000, 2000, 4000, 8000], enumeration), ("one-line plan, MB", [0.5, 1, 2, 4], one_line))
    for title, sizes, make in runs:
        print(f"{title:>20} {'seconds':>9} {'× previous':>11}")
        previous = None
        for size in sizes[:2] if args.quick else sizes:
            seconds = timed(make(size))
            ratio = f"{seconds / previous:.2f}" if previous else ""
            print(f"{size:>20} {seconds:>9.2f} {ratio:>11}")
            previous = seconds


if __name__ == "__main__":
    main()
