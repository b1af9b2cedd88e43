"""Mentions by their place in the text: the names within a stretch, the one just before an
offset, the items of a list before a verb. Every relation frame asks these questions.
"""

from __future__ import annotations

import bisect
import re

from ..model import Mention
from .sentences import SentenceIndex

BUILT = ("Lab", "Institute", "Platform", "Park")
ORGS = ("Lab", "Institute", "Platform", "Park", "Firm", "University", "Department")
# a list of names before a verb: items joined by 、/和/及, the last perhaps followed by its kind (等企业)
LIST_GAP = re.compile(r"(?:、|和|及|与|以及)?")
SUBJECT_GAP = re.compile(r"(?:等[\u4e00-\u9fff]{0,6}?)?(?:企业|高校|单位|园区|院所)?")
UPGRADE_SUBJECTS = BUILT + ("Firm", "University")


def span_length(mention: Mention) -> int:
    return mention.span[1] - mention.span[0]


def place_mention(name: str, type_: str = "Place") -> Mention:
    return Mention(name, type_, (0, 0), (0, 0), "place")


class MentionIndex(list):
    """The mentions in text order, with range look-ups by bisection: every frame asks for the
    names within a stretch of text, and a scan of all mentions each time made a long plan's
    relations quadratic (a 1 MB plan on one line took minutes)."""

    def __init__(self, mentions):
        super().__init__(sorted(mentions, key=lambda m: m.span))
        self.starts = [m.span[0] for m in self]
        self.by_end: dict[int, list[Mention]] = {}
        for m in self:
            self.by_end.setdefault(m.span[1], []).append(m)

    def within(self, a: int, b: int, types=None) -> list[Mention]:
        """Mentions that start at or after ``a`` and end by ``b``, in text order."""
        i, j = bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)
        return [m for m in self[i:j] if m.span[1] <= b and (types is None or m.type in types)]

    def starting(self, at: int) -> list[Mention]:
        i, j = bisect.bisect_left(self.starts, at), bisect.bisect_right(self.starts, at)
        return self[i:j]

    def ending(self, at: int) -> list[Mention]:
        return self.by_end.get(at, [])


def between(mentions: MentionIndex, a: int, b: int, types=ORGS):
    return mentions.within(a, b, types)


def subject_before(mentions: MentionIndex, offset: int, sentence, types=BUILT):
    before = mentions.within(sentence[0], offset, types)
    return before[-1] if before else None


def listed_before(mentions, text: str, end: int, floor: int, types=None) -> list[Mention]:
    """The names listed right before ``end`` (A、B和C等企业|创建): the nearest, then each one
    joined to it by 、/和/及."""
    out, edge = [], end
    while True:
        near = mentions.within(floor, edge, types or UPGRADE_SUBJECTS)
        if not near:
            return out
        last = max(near, key=lambda m: (m.span[1], -m.span[0]))
        gap = text[last.span[1] : edge]
        if not (SUBJECT_GAP.fullmatch(gap) if not out else LIST_GAP.fullmatch(gap)):
            return out
        out.insert(0, last)
        edge = last.span[0]


def clauses(text: str, index: SentenceIndex):
    """Each sentence cut at its semicolons: plans list other cities' deeds one per clause."""
    for a, b in index.spans:
        for part in re.finditer(r"[^;]+", text[a:b]):
            yield a + part.start(), a + part.end()
