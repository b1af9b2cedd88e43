"""Relations the text states between entities, each with the sentence that states it.

ledBy        由A、B牵头组建 / A牵头
participant  依托A、B…等(企事业单位)共同参与建设
supportedBy  A、B等提供技术支持
partnerOf    与A共建B; a platform whose name holds a university's (天津大学鹤壁技术转移中心)
locatedIn    a name that holds the plan's city or a county (鹤壁汽车电子检测中心 → 鹤壁市);
             A在我市落地 / 落户我市
upgradeTo    推动A、B创建/晋级/申建/争创/建设C; C a named platform or a status (省级高新区), a concept

Each kind of frame lives in its module (``roles``, ``places``, ``upgrades``); this one runs
them and keeps each relation once.
"""

from __future__ import annotations

from ..model import Document, Relation
from ..vocabulary.gazetteer import default_gazetteer
from ..vocabulary.lexicon import Lexicon
from .mention_index import MentionIndex
from .places import relations_from_names, relations_of_location, relations_of_siting, relations_of_subject_city
from .roles import NESTED_PART, relations_from_frames
from .sentences import SentenceIndex
from .upgrades import relations_of_upgrade


def extract_relations(doc: Document, lexicon: Lexicon, mentions) -> list[Relation]:
    """All stated relations, one per (subject name, predicate, object name)."""
    index = SentenceIndex(doc.text)
    mentions = MentionIndex(m for m in mentions if not m.rule.startswith("responsibility"))
    found = relations_from_frames(doc, mentions, index) + relations_from_names(doc, mentions, lexicon, default_gazetteer())
    found += relations_of_upgrade(doc, mentions, index, lexicon) + relations_of_location(doc, mentions, index)
    found += relations_of_siting(doc, mentions, index) + relations_of_subject_city(doc, mentions, index, default_gazetteer())
    joint = {(r.object.name, r.subject.name) for r in found if r.predicate == "participant"}
    found = [r for r in found if r.rule != NESTED_PART and not (r.predicate == "upgradeTo" and (r.subject.name, r.object.name) in joint)]
    seen, out = set(), []
    for r in found:
        key = (r.subject.name, r.predicate, r.object.name)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
