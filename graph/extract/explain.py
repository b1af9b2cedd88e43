"""Sentence-by-sentence account of what extraction found in one plan, and by which rule."""

from __future__ import annotations

from collections import defaultdict

from ..model import Extraction
from .sentences import SentenceIndex


def explain_lines(ex: Extraction) -> list[str]:
    """Lines of text: each sentence, then what was found in it and the rule that found it."""
    doc = ex.document
    found: dict[tuple, list[str]] = defaultdict(list)
    for m in ex.mentions:
        found[m.sentence].append(f"  entity   {m.name}  [{m.type}]  @{m.span[0]}-{m.span[1]}  ← {m.rule}")
    sentences = SentenceIndex(doc.text) if ex.rejected else None
    for r in ex.rejected:
        sentence = sentences.around(r.span[0])
        found[sentence].append(f"  rejected {r.name}  [{r.type}?]  @{r.span[0]}-{r.span[1]}  ← {r.reason}")
    for r in ex.responsibilities:
        lead = " (lead)" if r.lead else ""
        found[r.body.sentence].append(f"  duty     {r.body.name} → measure {r.measure}{lead}  ← {r.body.rule}")
    for r in ex.relations:
        sentence = r.object.sentence if r.object.type != "Place" else r.subject.sentence
        found[sentence].append(f"  relation {r.subject.name} —{r.predicate}→ {r.object.name}  ← {r.rule}")
    for t in ex.targets:
        extra = "".join(f" {k}={v}" for k, v in (("year", t.year), ("baseline", t.baseline), ("qualifier", t.qualifier)) if v)
        found[t.sentence].append(f"  target   {t.indicator} = {t.value:g}{t.unit}{extra}  ← {t.rule}")
    meta = doc.metadata
    lines = [
        f"# {meta.title}",
        (f"# issuer={meta.issuer} number={meta.doc_number} date={meta.date} city={meta.city} province={meta.province}"
         f" kind={meta.kind} period={meta.period_start}-{meta.period_end}"),
        f"# {len(doc.units)} units ({sum(u.is_measure for u in doc.units)} measures), {len(doc.tables)} table rows",
    ]
    for span in sorted(found):
        lines.append(f"[{span[0]}-{span[1]}] {doc.snippet(span)}")
        lines.extend(found[span])
    return lines
