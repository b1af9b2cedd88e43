"""Find entity mentions: every finder over the document, then what a name's context says.

Each finder lives with its kind of name (``titles``, ``bodies``, ``suffixed``, ``lists``);
this module runs them in order of trust, keeps the best of overlapping finds and drops what
names a kind, a status or a part of a place (``kinds``). Every mention records the rule that
found it (``--explain`` prints it): ``policy:《》``, ``department:<lexicon entry>``,
``suffix:<suffix>``, ``enumeration:<head noun>``, ``quoted:<ending>``, ``lexicon:user``.
"""

from __future__ import annotations

import re

from ..model import Document, Mention
from ..vocabulary.lexicon import Lexicon
from .bodies import find_departments, find_issuer
from .kinds import cut_short, without_kinds_listed_among_kinds, without_names_written_as_kinds, without_own_tasks
from .lists import find_enumerated, find_firms_beside_names, find_frame_firms, find_listed_firms
from .names import is_generic
from .sentences import SentenceIndex, mention_at
from .suffixed import find_suffixed
from .titles import find_policies, find_quoted_products, find_quoted_programmes


def find_user_entities(doc: Document, lexicon: Lexicon, index: SentenceIndex) -> list[Mention]:
    found = []
    for name, type_ in lexicon.user_entities:
        for m in re.finditer(re.escape(name), doc.text):
            found.append(mention_at(doc, index, name, type_, m.start(), m.end(), "lexicon:user"))
    return found


ABBREVIATED = ("Institute", "University", "Lab", "Firm")


def find_abbreviations(doc: Document, lexicon: Lexicon, index: SentenceIndex, known: list[Mention]) -> list[Mention]:
    """Short forms a plan uses after the full name: 黎明化工研究院 … 黎明院 (first two characters + the last).

    The text is scanned once for all short forms, and the characters inside known names are
    marked once: one scan per name made a long list of names quadratic."""
    text = doc.text
    covered = bytearray(len(text) + 1)
    for m in known:
        covered[m.span[0] : m.span[1]] = b"\x01" * (m.span[1] - m.span[0])
    fulls: dict[str, list[Mention]] = {}
    for full in {m.name: m for m in known if m.type in ABBREVIATED and len(m.name) >= 5}.values():
        short = full.name[:2] + full.name[-1]
        if any(ch in short for ch in "“”()") or short == full.name or is_generic(short[:2], lexicon) or lexicon.suffix_type(short[1:]):
            continue
        fulls.setdefault(short, []).append(full)
    if not fulls:
        return []
    found = []
    for m in re.finditer("|".join(map(re.escape, sorted(fulls, key=len, reverse=True))), text):
        if covered[m.start()]:
            continue  # no part of another name
        for full in fulls[m.group()]:
            if m.start() >= full.span[0]:  # an abbreviation follows its full name
                found.append(mention_at(doc, index, m.group(), full.type, m.start(), m.end(), f"abbreviation:{full.name}"))
    return found


RULE_PRIORITY = ("metadata", "lexicon", "policy", "department", "quoted", "suffix", "enumeration", "abbreviation")


def extract_entities(doc: Document, lexicon: Lexicon, rejected: list | None = None) -> list[Mention]:
    """All entity mentions of a document, one per span, in text order (and the candidates
    rejected, with why, in ``rejected``)."""
    rejected = rejected if rejected is not None else []
    index = SentenceIndex(doc.text)
    policies = find_policies(doc, index)
    mentions = find_issuer(doc, index) + find_user_entities(doc, lexicon, index) + policies + find_departments(doc, lexicon, index)
    quoted = find_quoted_programmes(doc, lexicon, index)
    def varies(m, q):  # “科创成果直通车”系列活动: what follows the quote is generic, the quote is the name
        rest = doc.text[q.span[1] + 1 : m.span[1]]
        return m.span[0] <= q.span[0] - 1 and q.span[1] < m.span[1] and is_generic(rest, lexicon, ("系列",))

    suffixed = [m for m in find_suffixed(doc, lexicon, index, rejected)
                if not (m.type == "Program" and any(varies(m, q) for q in quoted))]
    mentions += quoted + suffixed + find_quoted_products(doc, lexicon, index)
    mentions += find_listed_firms(doc, lexicon, index, mentions)
    mentions += find_enumerated(doc, lexicon, index, mentions)
    mentions += find_firms_beside_names(doc, index, rejected, mentions)
    mentions += find_abbreviations(doc, lexicon, index, mentions)
    mentions += find_frame_firms(doc, lexicon, index, mentions)
    in_titles = [p.span for p in policies]
    best: dict[tuple, Mention] = {}
    for m in mentions:
        if m.type != "Policy" and any(a <= m.span[0] and m.span[1] <= b for a, b in in_titles):
            continue  # names inside a cited title belong to the title
        key = m.span
        rank = RULE_PRIORITY.index(m.rule.split(":")[0])
        if key not in best or rank < RULE_PRIORITY.index(best[key].rule.split(":")[0]):
            best[key] = m
    starts = {}
    for m in best.values():
        if m.type in ("Platform", "Lab", "Institute"):
            starts[m.span[0]] = max(starts.get(m.span[0], 0), m.span[1])
    # a park that only opens a longer name (中欧科创园总部基地, X智慧岛(深圳)科创基地) names where
    # that thing is, not a park the plan builds; the park stays where the plan names it alone
    same_kind = {}
    for m in best.values():
        same_kind[(m.span[0], m.type)] = max(same_kind.get((m.span[0], m.type), 0), m.span[1])
    # and a platform, fund or programme that only opens a longer one of its kind is that name cut
    # short (see cut_short); a park keeps its parts apart (郑洛新国家自创区 of …自创区郑州片区)
    kept = [m for m in best.values() if not (m.type == "Park" and starts.get(m.span[0], 0) > m.span[1])
            and not (m.type != "Park" and cut_short(doc.text, m, same_kind[(m.span[0], m.type)]))]
    issuers = [m.span for m in kept if m.rule == "metadata:issuer"]
    kept = [m for m in kept if m.rule == "metadata:issuer" or not any(a <= m.span[0] and m.span[1] <= b and (a, b) != m.span for a, b in issuers)]
    kept = without_kinds_listed_among_kinds(doc.text, kept, rejected, lexicon)
    kept = without_own_tasks(doc, kept, rejected, lexicon)
    kept = without_names_written_as_kinds(kept, rejected)
    return sorted(kept, key=lambda m: m.span)
