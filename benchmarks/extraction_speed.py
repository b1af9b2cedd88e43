"""Extraction speed on the bundled plans, beside a plain regular-expression scan of the same text.

Run: .venv/bin/python benchmarks/extraction_speed.py [--repeat N]
Prints characters per second for (a) reading + extraction of every plan, (b) extraction alone,
(c) one regular-expression pass over the same text, and the ratio, all in one run.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from graph.extract import extract_document
from graph.ingest.documents import read_document
from graph.vocabulary.lexicon import default_lexicon

PLANS = Path(__file__).resolve().parent.parent / "data" / "plans"
SCAN = re.compile(r"[\u4e00-\u9fff]{2,12}(?:实验室|研究院|大学|学院|高新区|开发区|中心|平台|基地|公司|集团|计划|基金|局|委)")


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)  # the regex scan takes ~7 ms: fewer runs leave its median noisy
    args = parser.parse_args()
    lexicon = default_lexicon()
    files = sorted(PLANS.glob("*.txt"))
    documents = [read_document(f, lexicon) for f in files]
    chars = sum(len(d.text) for d in documents)
    read_and_extract = timed(lambda: [extract_document(read_document(f, lexicon), lexicon) for f in files], args.repeat)
    extract_only = timed(lambda: [extract_document(d, lexicon) for d in documents], args.repeat)
    regex_scan = timed(lambda: [len(SCAN.findall(d.text)) for d in documents], args.repeat)
    print(f"plans: {len(files)}, characters: {chars:,} (median of {args.repeat} runs)")
    print(f"{'step':<28}{'seconds':>10}{'chars/s':>14}")
    for name, seconds in (("read + extract", read_and_extract), ("extract only", extract_only), ("regex scan", regex_scan)):
        print(f"{name:<28}{seconds:>10.3f}{chars / seconds:>14,.0f}")
    print(f"extraction is {extract_only / regex_scan:.1f}x the time of one regex scan")


if __name__ == "__main__":
    main()
