"""Relations the text states between entities, each with the sentence that states it.

ledBy        由A、B牵头组建 / A牵头
participant  依托A、B…等(企事业单位)共同参与建设
supportedBy  A、B等提供技术支持
partnerOf    与A共建B; a platform whose name holds a university's (天津大学鹤壁技术转移中心)
locatedIn    a name that holds the plan's city or a county (鹤壁汽车电子检测中心 → 鹤壁市);
             A在我市落地 / 落户我市
upgradeTo    推动A创建/晋级/申建/争创B; 以A为依托,争创B; 依托A…申报B
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Document, Mention, Relation
from .sentences import SentenceIndex

BUILT = ("Lab", "Institute", "Platform", "Park")
ORGS = ("Lab", "Institute", "Platform", "Park", "Firm", "University", "Department")
UPGRADE_VERBS = re.compile(r"创建|晋级|申建|争创|申报|升级为|转型为|转型升级为|建成")
COUNTY = re.compile(r"^([\u4e00-\u9fff]{1,2}县|[\u4e00-\u9fff]{2}区)(?=[\u4e00-\u9fff])")
SITED = re.compile(r"(?:位于|坐落于|落户(?:在|于)?|选址(?:在|于))([\u4e00-\u9fff]{2,10}?(?:省|市|区|县|镇|乡|街道))")
LOCAL = re.compile(r"在(?:我市|本市|我区|我县)(?:挂牌)?(?:落地|落户|建设|设立)|落户(?:我市|本市)")


def _length(mention: Mention) -> int:
    return mention.span[1] - mention.span[0]


def _place(name: str, type_: str = "Place") -> Mention:
    return Mention(name, type_, (0, 0), (0, 0), "place")


def _between(mentions, a: int, b: int, types=ORGS):
    return [m for m in mentions if a <= m.span[0] and m.span[1] <= b and m.type in types]


def _subject_before(mentions, offset: int, sentence, types=BUILT):
    before = [m for m in mentions if sentence[0] <= m.span[0] and m.span[1] <= offset and m.type in types]
    return before[-1] if before else None


def _box_subject(doc: Document, mentions, offset: int):
    """The name a box item (龙门实验室:由…) describes: the mention at its title."""
    for u in doc.units:
        if u.kind == "boxitem" and u.span[0] <= offset < u.span[1]:
            return next((m for m in mentions if m.span[0] == u.span[0] and m.type in BUILT), None)
    return None


def _frame(doc, mentions, index, pattern, predicate, rule, out):
    text = doc.text
    for m in re.finditer(pattern, text):
        sentence = index.around(m.start())
        subject = _box_subject(doc, mentions, m.start()) or _subject_before(mentions, m.start(1), sentence)
        if subject is None:
            continue
        for obj in _between(mentions, m.start(1), m.end(1)):
            if obj.span != subject.span:
                out.append(Relation(subject, predicate, obj, rule))


def relations_from_frames(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    out: list[Relation] = []
    _frame(doc, mentions, index, r"由([^。;]{2,120}?)牵头(?:组建|建设|成立|共建)?", "ledBy", "frame:由…牵头", out)
    _frame(doc, mentions, index, r"依托([^。;]{2,300}?)等?[\u4e00-\u9fff]{0,6}共同参与(?:建设|组建)", "participant", "frame:共同参与", out)
    _frame(doc, mentions, index, r"[,;:]([^,。;:]{2,200}?)等?提供技术支[持撑]", "supportedBy", "frame:提供技术支持", out)
    text = doc.text
    for m in re.finditer(r"与([^,。;、]{2,40}?)(?:合作)?共建", text):
        sentence = index.around(m.start())
        partners = _between(mentions, m.start(1), m.end(1))
        edge = m.start()
        while before := max((x for x in mentions if x.span[1] == edge and x.type in ORGS), key=_length, default=None):
            partners.append(before)  # A与B共建C: A too, and each of A1、A2与B共建C
            if text[before.span[0] - 1 : before.span[0]] != "、":
                break
            edge = before.span[0] - 1
        built = [x for x in mentions if m.end() <= x.span[0] < sentence[1] and x.type in BUILT]
        for p in partners:
            if built:
                out.append(Relation(built[0], "partnerOf", p, "frame:与…共建"))
    return out


def relations_from_names(doc: Document, mentions, lexicon: Lexicon) -> list[Relation]:
    """Relations a name states by holding another name or a place."""
    out = []
    city = doc.metadata.city
    stem = city[:-1] if city.endswith("市") and len(city) > 2 else city
    by_span = sorted(mentions, key=lambda m: m.span)
    for outer in by_span:
        if outer.type not in BUILT:
            continue
        for inner in by_span:
            if inner.type == "University" and outer.span[0] <= inner.span[0] and inner.span[1] < outer.span[1]:
                out.append(Relation(outer, "partnerOf", inner, "name:holds university"))
        name = outer.name
        county = COUNTY.match(name)
        if county and not name.startswith(stem or "\0") and not lexicon.suffix_type(county.group(1)):
            out.append(Relation(outer, "locatedIn", _place(county.group(1)), "name:holds county"))
        elif stem and stem in name or name.startswith(city or "\0"):
            out.append(Relation(outer, "locatedIn", _place(city), "name:holds city"))
    return out


def relations_of_upgrade(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    out = []
    text = doc.text
    for a, b in index.spans:
        verbs = list(UPGRADE_VERBS.finditer(text, a, b))
        inside = [m for m in mentions if a <= m.span[0] and m.span[1] <= b] if verbs else []
        for verb in verbs:
            after = sorted((m for m in inside if m.span[0] >= verb.end() and m.type in BUILT), key=lambda m: (m.span[0], -m.span[1]))
            clause_start = max(text.rfind(c, a, verb.start()) for c in "。;") + 1
            before = [m for m in inside if clause_start <= m.span[0] and m.span[1] <= verb.start() and m.type in BUILT + ("Firm", "University")]
            if not after or not before:
                continue
            target = after[0]
            if text[verb.end() : target.span[0]].strip("“”") and target.span[0] - verb.end() > 4:
                continue
            frame = text[max(a, before[0].span[0] - 6) : verb.start()]
            if not re.search(r"推动|支持|依托|以|鼓励|引导|推进", frame):
                continue
            for src in before:
                if src.span[1] <= target.span[0] and src.name != target.name:
                    out.append(Relation(src, "upgradeTo", target, f"frame:{verb.group()}"))
    return out


def relations_of_location(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    out = []
    city = doc.metadata.city
    if not city:
        return out
    for m in LOCAL.finditer(doc.text):
        sentence = index.around(m.start())
        clause_start = max(doc.text.rfind(c, sentence[0], m.start()) for c in ",;。") + 1
        for obj in _between(mentions, max(sentence[0], clause_start), m.start(), BUILT):
            out.append(Relation(obj, "locatedIn", _place(city), "frame:在我市落地"))
    return out


def relations_of_siting(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    """X位于/落户Y: Y a place written after the verb."""
    out = []
    for m in SITED.finditer(doc.text):
        sentence = index.around(m.start())
        clause_start = max(doc.text.rfind(c, sentence[0], m.start()) for c in ",;。") + 1
        subject = _subject_before(mentions, m.start(), (max(sentence[0], clause_start), m.start()), BUILT + ("Firm", "University"))
        if subject is not None:
            out.append(Relation(subject, "locatedIn", _place(m.group(1)), "frame:位于"))
    return out


def extract_relations(doc: Document, lexicon: Lexicon, mentions) -> list[Relation]:
    """All stated relations, one per (subject name, predicate, object name)."""
    index = SentenceIndex(doc.text)
    mentions = [m for m in mentions if not m.rule.startswith("responsibility")]
    found = relations_from_frames(doc, mentions, index) + relations_from_names(doc, mentions, lexicon)
    found += relations_of_upgrade(doc, mentions, index) + relations_of_location(doc, mentions, index)
    found += relations_of_siting(doc, mentions, index)
    seen, out = set(), []
    for r in found:
        key = (r.subject.name, r.predicate, r.object.name)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
