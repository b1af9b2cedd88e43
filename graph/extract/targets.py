"""Read quantitative targets (指标) from a plan: its tables, its task rows and its target
sentences, each found once; sentences of background sections (发展基础, 形势) report the past
and give no targets.
"""

from __future__ import annotations

import re

from ..model import Document, Target
from ..vocabulary.lexicon import Lexicon
from .sentences import SentenceIndex, unit_at
from .target_sentences import targets_from_sentence
from .target_tables import targets_from_tables, targets_from_task_rows


def _dedupe(targets: list[Target]) -> list[Target]:
    """One target per indicator, value and year: a plan often repeats its goals in its measures.
    Never in one sentence, though: two alike names there are two things (“瞪羚”企业, “独角兽”企业)."""
    kept: list[Target] = []
    for t in targets:
        twin = next((k for k in kept if k.value == t.value and k.unit == t.unit and (k.sentence != t.sentence or k.indicator == t.indicator)
                     and _is_range(k) == _is_range(t)
                     and (k.year == t.year or k.year is None or t.year is None)
                     and (k.indicator in t.indicator or t.indicator in k.indicator or _overlap(k.indicator, t.indicator) >= 0.6 * min(len(k.indicator), len(t.indicator)))), None)
        if twin is None:
            kept.append(t)
    return kept


def _is_range(t: Target) -> bool:
    """Is the value a range? 组建5—8家 is another target than 不少于5家, though both read 5."""
    return bool(re.search(r"\d\s*[—\-~至到]\s*\d", t.value_text or ""))


def _overlap(x: str, y: str) -> int:
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, x, y).find_longest_match(0, len(x), 0, len(y))
    return m.size


def extract_targets(doc: Document, lexicon: Lexicon) -> list[Target]:
    index = SentenceIndex(doc.text)
    found = targets_from_tables(doc, index)
    roles = {u.number: lexicon.section_role(u.title) for u in doc.units}
    parents = {u.number: u.parent for u in doc.units}

    def background(number):
        while number:
            if roles.get(number) == "background":
                return True
            number = parents.get(number)
        return False

    found.extend(targets_from_task_rows(doc, index, {t.span[0] for t in found}))
    table_spans = [r.span for r in doc.tables]
    for a, b in index.spans:
        if any(x <= a < y for x, y in table_spans):
            continue
        if background(unit_at(doc.units, a)):
            continue
        found.extend(targets_from_sentence(doc, a, b, index))
    return _dedupe(found)
