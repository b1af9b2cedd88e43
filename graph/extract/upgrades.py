"""upgradeTo: 推动A、B创建/晋级/申建/争创/建设C, C a named platform or a status (省级高新区), a
concept shared by every plan that names it.
"""

from __future__ import annotations

import re

from ..model import Document, Mention, Relation
from ..vocabulary.lexicon import Lexicon
from .mention_index import BUILT, UPGRADE_SUBJECTS, listed_before, span_length
from .sentences import SentenceIndex

UPGRADE_VERB = re.compile(
    r"(?:成功|积极|加快|高质量|全力)?(?:创建|晋级|申建|争创|申报|获批|升级为|转型为|转型升级为|建设成为|打造成为|建成|创成|建设|打造|成为)|加快|推荐申报"
    r"|等(?=(?:国家级|省级|国家|省)[^,。;]{2,16}?(?:建设|创建))"  # 支持A、B等国家级企业技术中心建设
)
STRONG_UPGRADE = re.compile(r"创建|晋级|申建|争创|获批|创成|升级为")  # a quoted status (“双一流”) only after these
UPGRADE_FRAME = re.compile(r"推动|支持|依托|鼓励|引导|推进|促进|以")
# where a status phrase ends: before a list mark, punctuation or a verb that goes on the sentence
STATUS_RUN = re.compile(r"[^,。;:、!?()\n]{2,24}")
STATUS_STOP = re.compile(r"建设|发展|提质|工作|试点发展|落地|为|等")


def status_at(text: str, at: int, lexicon: Lexicon, quoted_ok: bool = True) -> tuple[str, int] | None:
    """A status written at ``at`` (省级高新区, 国家企业技术中心, “双一流”): a class of body, not one
    named body, ending with a type suffix or a status head. Returns (name, end)."""
    quoted = re.match(r"“([^“”]{2,12})”", text[at : at + 16])
    if quoted:
        return (quoted.group(1), at + quoted.end()) if quoted_ok else None
    run = STATUS_RUN.match(text, at)
    if not run:
        return None
    words = run.group()
    stop = STATUS_STOP.search(words, 2)
    words = words[: stop.start()] if stop else words
    def head(name: str):
        return lexicon.suffix_type(name) or lexicon.status_head(name)

    for end in range(len(words), 1, -1):
        ending = head(words[:end])
        if ending and end > len(ending[0]):
            inner = re.search(r"[和及与]", words[:end])
            if inner and head(words[: inner.start()]):
                end = inner.start()  # 临床医学研究中心和国家级研发平台: two statuses
            return words[:end], at + end
    return None


def _upgrade_objects(mentions, text: str, at: int, limit: int, lexicon: Lexicon, quoted_ok: bool) -> list[Mention]:
    """What follows an upgrade verb: named platforms or statuses, listed with 、/和/及."""
    out = []
    while at < limit:
        level = re.match(r"(?:国家级|省级|市级|国家|省|市)?", text[at:limit]).end()  # 创建省级X: the level is no part of the name
        named = max((m for m in mentions.starting(at) + mentions.starting(at + level) if m.type in BUILT), key=span_length, default=None)
        if named is not None:
            out.append(named)
            at = named.span[1]
        else:
            status = status_at(text, at, lexicon, quoted_ok)
            if status is None:
                break
            name, end = status
            out.append(Mention(name, "Status", (at, end), (at, end), "status"))
            at = end
        joint = re.match(r"(?:、|和|及|以及)“?", text[at:limit])
        if not joint or not joint.group():
            break
        at += len(joint.group().rstrip("“"))
    return out


def relations_of_upgrade(doc: Document, mentions, index: SentenceIndex, lexicon: Lexicon) -> list[Relation]:
    """推动/支持 A、B 创建/争创/申建/建设 C、D: each listed subject upgradeTo each object, where an
    object is a named platform or a status (省级高新区) made a concept. The subjects are the
    names listed right before the verb in its own clause."""
    out = []
    text = doc.text
    for a, b in index.spans:
        for verb in UPGRADE_VERB.finditer(text, a, b):
            clause_start = max(a, max(text.rfind(c, a, verb.start()) for c in "。;,:") + 1)
            subjects = listed_before(mentions, text, verb.start(), clause_start)
            framed = subjects and UPGRADE_FRAME.search(text, clause_start, subjects[0].span[0])
            if verb.group() == "等" and not (subjects and re.search(r"支持|鼓励|引导|推动", text[clause_start : subjects[0].span[0]])):
                continue  # 推进A、B等省实验室建设 describes what they are; 支持A、B等国家级企业技术中心建设 is an upgrade
            if not subjects and clause_start > a:  # 依托A、B等功能区,申报C / 以A为依托,争创B: the clause before
                before = max(text.rfind(c, a, clause_start - 1) for c in "。;,:") + 1
                clause = text[max(a, before) : clause_start]
                if clause.startswith("依托") or re.match(r"以.+为依托", clause):
                    subjects = [m for m in mentions.within(max(a, before), clause_start, UPGRADE_SUBJECTS) if m.span[1] < clause_start]
                    framed = True
            if not subjects:
                continue
            if not framed and not re.match(r"成功|获批", verb.group()) and not text.startswith(("创建", "晋级", "申建", "争创"), verb.start()):
                continue  # 龙门实验室建设 is no upgrade; 推动龙门实验室建设X is
            objects = _upgrade_objects(mentions, text, verb.end(), b, lexicon, bool(STRONG_UPGRADE.search(verb.group())))
            for src in subjects:
                for obj in objects:
                    if obj.name != src.name:
                        out.append(Relation(src, "upgradeTo", obj, f"frame:{verb.group()}"))
    return out
