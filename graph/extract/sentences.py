"""Sentence spans: the unit of provenance every fact points back to."""

from __future__ import annotations

import bisect
import re

from ..model import Span

SENTENCE = re.compile(r"[^。!?;\n]+(?:[。!?;]+[”’)]?)?")


def split_sentences(text: str) -> list[Span]:
    """Spans of sentences, ending at 。!?; or a line break.

    >>> t = "建设龙门实验室。支持企业;到2025年"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['建设龙门实验室。', '支持企业;', '到2025年']
    """
    spans = []
    for m in SENTENCE.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            spans.append((a, b))
    return spans


class SentenceIndex:
    """Find the sentence that holds an offset, in O(log n)."""

    def __init__(self, text: str):
        self.spans = split_sentences(text)
        self.starts = [a for a, _ in self.spans]

    def around(self, offset: int) -> Span:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return (0, 0)
        a, b = self.spans[i]
        return (a, b) if offset < b or i == len(self.spans) - 1 else (offset, offset)


def innermost_unit(units, offset: int):
    """The innermost unit whose span holds the offset, or None."""
    best = None
    for u in units:
        if u.span[0] <= offset < u.span[1] and (best is None or u.level >= best.level):
            best = u
    return best


def unit_at(units, offset: int) -> str | None:
    """Number of the innermost unit whose span holds the offset."""
    best = innermost_unit(units, offset)
    return best.number if best else None
