"""Who takes which part in building a lab or platform: ledBy (由A、B牵头组建 / A牵头),
participant (依托A、B…等共同参与建设; 由A牵头、B和C共同参与), supportedBy (A、B等提供技术支持).
"""

from __future__ import annotations

import re

from ..model import Document, Relation
from .mention_index import BUILT, ORGS, between, listed_before, span_length, subject_before
from .sentences import SentenceIndex


def _box_subject(boxes, mentions, offset: int):
    """The name a box item (龙门实验室:由…) describes: the mention at its title."""
    for u in boxes:
        if u.span[0] <= offset < u.span[1]:
            return next((m for m in mentions.starting(u.span[0]) if m.type in BUILT), None)
    return None


def _frame(doc, mentions, index, pattern, predicate, rule, out, subject_at: int = 1):
    """Relate the lab or platform before a frame to the names in its group 1; the subject is looked
    for before the group, or before the whole match (``subject_at=0``: 天府永兴实验室由A牵头、B共同参与)."""
    text = doc.text
    boxes = [u for u in doc.units if u.kind == "boxitem"]
    for m in re.finditer(pattern, text):
        sentence = index.around(m.start())
        subject = _box_subject(boxes, mentions, m.start()) or subject_before(mentions, m.start(subject_at), sentence)
        if subject is None:
            continue
        if OTHER_FRAME_INSIDE.search(m.group(1)):
            continue  # 依托A建设,推动B由C牵头、D共同参与建设: D takes part in B's building, not A's
        objects = between(mentions, m.start(1), m.end(1))
        for obj in objects:
            inside = any(q is not obj and q.span[0] <= obj.span[0] and obj.span[1] <= q.span[1] for q in objects)
            if obj.span != subject.span and not inside:  # 中国科学院 of 中国科学院X研究所 leads nothing itself
                out.append(Relation(subject, predicate, obj, rule))


OTHER_FRAME_INSIDE = re.compile(r"牵头|[,,](?:推动|支持|鼓励|引导)")
LEADS_THE_BUILDING = re.compile(r"(?<!由)牵头(?:组建|建设|成立|共建|打造|创建)(?:国家级|省级|国家|省)?")
NESTED_PART = "frame:联合…共同建设 (inside a listed name)"  # kept only to drop the upgradeTo the same words gave
JOINT_BUILD = re.compile(r"(?:依托([^,。;]{2,100}?)[,,])?联合([^。;]{2,200}?)(?:等[\u4e00-\u9fff]{0,6}?)?共同(?:参与)?(?:建设|组建|打造|创建)")


def relations_from_frames(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    out: list[Relation] = []
    _frame(doc, mentions, index, r"由([^。;]{2,120}?)牵头(?:组建|建设|成立|共建)?", "ledBy", "frame:由…牵头", out)
    _frame(doc, mentions, index, r"依托([^。;]{2,300}?)等?[\u4e00-\u9fff]{0,6}共同参与(?:建设|组建)", "participant", "frame:共同参与", out)
    _frame(doc, mentions, index, r"由[^,。;]{2,120}?牵头[、,,]([^。;]{2,200}?)(?:等[\u4e00-\u9fff]{0,6}?)?共同参与(?:建设|组建)", "participant", "frame:由…牵头、…共同参与", out, subject_at=0)
    _frame(doc, mentions, index, r"[,;:]([^,。;:]{2,200}?)等?提供技术支[持撑]", "supportedBy", "frame:提供技术支持", out)
    text = doc.text
    for m in LEADS_THE_BUILDING.finditer(text):
        # 支持A、B牵头建设X: X ledBy A and B (the names listed right before 牵头, in its clause)
        built = [x for x in mentions.within(m.end(), m.end() + 40) if x.type in BUILT][:1]
        if not built or built[0].span[0] - m.end() > 3:
            continue
        clause = max(text.rfind(c, 0, m.start()) for c in ",。;:\n") + 1
        for leader in listed_before(mentions, text, m.start(), clause, ORGS):
            out.append(Relation(built[0], "ledBy", leader, "frame:A牵头建设X"))
    for m in JOINT_BUILD.finditer(text):
        # 依托A,联合B、C共同建设Z: A, B and C take part in building Z (the lab or platform right after)
        sentence = index.around(m.start())
        built = [x for x in mentions.within(m.end(), sentence[1] + 10_000) if x.span[0] < sentence[1] and x.type in BUILT][:1]
        if not built or built[0].span[0] - m.end() > 2:
            continue
        for a, b in ((m.start(1), m.end(1)), (m.start(2), m.end(2))):
            if a >= 0:
                listed = between(mentions, a, b)
                for p in listed:  # a name inside a longer listed name is that one's part (浙江大学 of 浙江大学长兴研究院)
                    inside = any(q is not p and q.span[0] <= p.span[0] and p.span[1] <= q.span[1] for q in listed)
                    out.append(Relation(built[0], "participant", p, NESTED_PART if inside else "frame:联合…共同建设"))
    for m in re.finditer(r"(?:支持|推动|鼓励|引导|联合)([^,。;与]{2,80}?等[\d一二两三四五六七八九十]*[所家个]?[\u4e00-\u9fff]{0,4}?)(?:合作|联合)?共建", text):
        # 支持A、B等5所高校共建C: every listed body is C's partner
        sentence = index.around(m.start())
        built = [x for x in mentions.within(m.end(), sentence[1] + 10_000) if x.span[0] < sentence[1] and x.type in BUILT][:1]
        for p in between(mentions, m.start(1), m.end(1)) if built else ():
            out.append(Relation(built[0], "partnerOf", p, "frame:A、B等共建"))
    for m in re.finditer(r"与([^,。;]{2,80}?)(?:等[\d一二两三四五六七八九十]*[所家个]?[\u4e00-\u9fff]{0,4}?)?(?:合作)?共建", text):
        sentence = index.around(m.start())
        partners = between(mentions, m.start(1), m.end(1))
        edge = m.start()
        while before := max((x for x in mentions.ending(edge) if x.type in ORGS), key=span_length, default=None):
            partners.append(before)  # A与B共建C: A too, and each of A1、A2与B共建C
            if text[before.span[0] - 1 : before.span[0]] != "、":
                break
            edge = before.span[0] - 1
        built = [x for x in mentions.within(m.end(), sentence[1] + 10_000) if x.span[0] < sentence[1] and x.type in BUILT][:1]
        for p in partners:
            if built:
                out.append(Relation(built[0], "partnerOf", p, "frame:与…共建"))
    return out
