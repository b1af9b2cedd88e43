"""Sentence spans: the unit of provenance every fact points back to."""

from __future__ import annotations

import bisect
import re

from ..model import Mention, Span

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
    """The innermost unit whose span holds the offset (the deepest; of equal depth, the later), or None."""
    bounds, answers = _unit_segments(units)
    i = bisect.bisect_right(bounds, offset) - 1
    return answers[i] if i >= 0 else None


_SEGMENTS: dict[int, tuple] = {}


def _unit_segments(units) -> tuple[list[int], list]:
    """The answer of ``innermost_unit`` between each two successive span boundaries.

    Extraction asks this for every mention and target (hundreds of times a plan); a scan
    of all units each time was a tenth of extraction. Kept per units tuple, by identity
    (the tuple is kept too, so its id is not reused while the entry lives).
    """
    kept = _SEGMENTS.get(id(units))
    if kept is not None and kept[0] is units:
        return kept[1], kept[2]
    events = sorted({u.span[0] for u in units} | {u.span[1] for u in units})
    starting: dict[int, list] = {}
    for k, u in enumerate(units):
        if u.span[0] < u.span[1]:
            starting.setdefault(u.span[0], []).append((u.level, k, u))
    bounds, answers, active = [], [], []
    for point in events:
        active = [entry for entry in active if entry[2].span[1] > point] + starting.get(point, [])
        bounds.append(point)
        answers.append(max(active, key=lambda entry: entry[:2])[2] if active else None)
    if len(_SEGMENTS) > 8:
        _SEGMENTS.clear()
    _SEGMENTS[id(units)] = (units, bounds, answers)
    return bounds, answers


def unit_at(units, offset: int) -> str | None:
    """Number of the innermost unit whose span holds the offset."""
    best = innermost_unit(units, offset)
    return best.number if best else None


def mention_at(doc, index: SentenceIndex, name: str, type_: str, a: int, b: int, rule: str) -> Mention:
    """A mention of a name at a..b, with its sentence and its measure (the unit it is in)."""
    return Mention(name=name, type=type_, span=(a, b), sentence=index.around(a), rule=rule, unit=unit_at(doc.units, a))
