"""Names in lists: firms listed before a head (宁德时代、福耀集团等龙头企业), names enumerated after
a kind (培育…等实验室), firms beside named ones, and the firms a frame names (支持X牵头建设).

Rules: ``enumeration:<head noun>``, ``frame:<verb>``.
"""

from __future__ import annotations

import re

from ..model import Document, Mention
from ..vocabulary.gazetteer import default_gazetteer
from ..vocabulary.lexicon import Lexicon, dictionary_words
from .kinds import FIRM_NEEDS_TRADE_NAME, trade_word
from .names import common_cover, is_generic, scan_name_start
from .sentences import SentenceIndex, mention_at
from .suffixed import trade_name_start

ENUM_ITEM_MAX = 14
ENUM_FOLLOWERS = "共同|共建|联合|提供|参与|上市|启动|开展|建设|申建|申报|创建|争创|在|为|和|与|及|的|实施|加强|发挥|合作|加快|落户|入驻|牵头|组建|承担|打造|推进|围绕|通过|积极|加大|做大|做强|成立|设立|布局|突破|实现"
FIRM_LIST = re.compile(r"(?:支持|推动|鼓励|引导)((?:[^、,。;:()“”]{2,8}、)+[^、,。;:()“”]{2,8})(?:申建|创建|争创|建设|申报|组建|等)(?:国家级?|省级?|市级?)?(?:企业技术中心|企业研发中心|工业设计中心)")


def find_listed_firms(doc: Document, lexicon: Lexicon, index: SentenceIndex, known: list[Mention]) -> list[Mention]:
    """Trade names listed before an enterprise centre they are to create (支持A、B、C申建国家企业
    技术中心): only firms have those, so each item the rules did not name is a Firm."""
    text, found = doc.text, []
    starts = {m.span[0] for m in known}
    for m in FIRM_LIST.finditer(text):
        pos = m.start(1)
        for item in m.group(1).split("、"):
            a, b = pos, pos + len(item)
            pos = b + 1
            if "等" in item:  # 烽火通信等企业: the list ends at 等
                b = a + item.index("等")
                item = item[: item.index("等")]
            if a in starts or is_generic(item, lexicon) or lexicon.suffix_type(item) or lexicon.department_suffix(item):
                continue
            found.append(mention_at(doc, index, item, "Firm", a, b, "enumeration:enterprise centre"))
    return found


# a body the frame needs, written without a suffix: 推动中信重工、昊华气体创建X中心, 与中国电科共建X
FRAME_SUBJECT = re.compile(r"(?:(?<=[、,;。:\n])|(?<=推动|支持|鼓励|引导))([\u4e00-\u9fffA-Za-z]{2,6}?)(?=(?:创建|申建|争创|组建)(?:国家级?|省级?|市级?)?)")
FRAME_PARTNER = re.compile(r"与([\u4e00-\u9fffA-Za-z]{2,6}?)(?:合作|联合)?共建")
FRAME_JOINT = re.compile(r"联合((?:[\u4e00-\u9fffA-Za-z]{2,8}?、)*[\u4e00-\u9fffA-Za-z]{2,8}?)(?:等[\u4e00-\u9fff]{0,4}?)?共同(?:参与)?(?:建设|组建|打造)")
BUILT_TYPES = ("Lab", "Platform", "Institute")


def find_frame_firms(doc: Document, lexicon: Lexicon, index: SentenceIndex, known: list[Mention]) -> list[Mention]:
    """Trade names a relation frame needs but no suffix marks: the one that creates a centre
    (昊华气体创建电子气体省级制造业创新中心), the partner of a 共建 (与中国电科共建X) and each of a
    list that builds one together (联合奇瑞汽车、埃夫特共同建设X). Only where
    the frame's other end is a name found already, and the word is no generic, common or
    place word: a frame with a class at either end (推动企业创建, 与高校共建) names no firm."""
    text, found = doc.text, []
    starts = {m.span[0] for m in known}
    covered = bytearray(len(text) + 1)
    for m in known:
        covered[m.span[0] : m.span[1]] = b"\x01" * (m.span[1] - m.span[0])
    built_after = {}
    for m in known:
        if m.type in BUILT_TYPES:
            built_after[m.span[0]] = m
    candidates = [(m.span(1), m.group(1)) for pattern in (FRAME_SUBJECT, FRAME_PARTNER) for m in pattern.finditer(text)]
    for m in FRAME_JOINT.finditer(text):  # 联合奇瑞汽车、埃夫特共同建设X: each listed one
        pos = m.start(1)
        for item in m.group(1).split("、"):
            candidates.append(((pos, pos + len(item)), item))
            pos += len(item) + 1
    for (a, b), name in candidates:
        if any(covered[a:b]) or a in starts or name.startswith(("推动", "支持", "鼓励", "引导")):
            continue
        # the frame must build a centre: one named already, or a kind of one (省级制造业创新中心)
        rest = re.match(r"(?:、[^,。;]{2,40}?)?(?:等[\u4e00-\u9fff]{0,4}?)?(?:合作|联合)?(?:共同(?:参与)?(?:建设|组建|打造)|共建|创建|申建|争创|组建)"
                        r"(?:国家级|省级|市级|国家|省|市)?", text[b:])
        after = b + (rest.end() if rest else 0)
        clause = re.match(r"[^,。;、]{2,20}", text[after:])
        kind = lexicon.suffix_type(clause.group()) if clause else None
        if not rest or not any(after - 3 <= k <= after for k in built_after) and not (kind and kind[1] in BUILT_TYPES):
            continue
        if is_generic(name, lexicon) or lexicon.suffix_type(name) or lexicon.department_suffix(name) or _is_common_name(name, lexicon):
            continue
        found.append(mention_at(doc, index, name, "Firm", a, b, "enumeration:frame"))
    return found


def _is_common_name(name: str, lexicon: Lexicon) -> bool:
    """Words that cannot be a trade name: a verb or clause (加快推进), a place, a class of bodies."""
    cover = common_cover(name, lexicon)
    if cover and (len(cover) > 1 or not trade_word(name, lexicon)):
        words = dictionary_words()
        return any(words.get(w, (0, ""))[1].startswith(("v", "d", "p", "c", "r")) for w in cover) or len(cover) == 1
    return bool(default_gazetteer().find(name)) or name.endswith(("企业", "高校", "院所", "单位"))


FIELD_WORDS = re.compile(r"领域|产业|行业|学科|方向")
ITEM_SPLIT = re.compile(r"、|(?<=”)(?=“)")  # A、B and “A”“B”: titles in quotes stand side by side


def find_enumerated(doc: Document, lexicon: Lexicon, index: SentenceIndex, known: list[Mention]) -> list[Mention]:
    """Items of 'A、B、C等<head>' lists take the head noun's type (中信重工、中国一拖等企业).

    The head may carry common words before it (等新型创新创业服务载体, 等“三大改造”诊断服务公司);
    quoted items may stand side by side (“紫荆厚德”“中开院”等科技服务机构); one item alone
    counts where it is no common word (华为等企业, not 龙头等企业)."""
    text = doc.text
    heads = "|".join(re.escape(h) for h, _ in lexicon.enumeration_heads)
    types = dict(lexicon.enumeration_heads)
    covered = {(m.span[0], m.span[1]) for m in known}
    starts = {m.span[0]: m for m in known}
    found = []
    pattern = rf"(?<![高平均对])等(?:[\d一二两三四五六七八九十百]+[所家个])?([\u4e00-\u9fff“”]{{0,12}}?)({heads})"
    for m in re.finditer(pattern, text):
        # a head followed by a verb of the list or no word is plainly the list's; followed by other
        # words (等龙头企业创新能力增强, 等企业标准) it may qualify them, so only names are its items
        loose = not _closes_plainly(text, m.end())
        if loose and head_runs_on(text, m.start(2), m.end(), lexicon):
            continue
        modifiers = m.group(1)
        plain = re.sub(r"“[^“”]*”", "", modifiers)  # a quoted title qualifies the head (等“三大改造”诊断服务公司)
        if plain and (common_cover(plain, lexicon) is None or any(w in modifiers for w in lexicon.boundary_words if len(w) >= 2)):
            continue  # 等X中心: the words before the head name something of their own; 等创建X园区: a verb, no head
        if FIELD_WORDS.search(modifiers):
            continue  # 等优势领域企业: the items are fields
        clause_start = max(text.rfind(c, 0, m.start()) for c in ",。;:\n()") + 1
        if loose and not any(k.type == types[m.group(2)] and clause_start <= k.span[0] < m.start() for k in known):
            continue  # the list names none of the head's kind: its words may be fields or processes (…、分等分级等企业标准)
        items = ITEM_SPLIT.split(text[clause_start : m.start()])
        pos = clause_start
        for k, item in enumerate(items):
            a, b = pos, pos + len(item)
            pos = b + (1 if text[b : b + 1] == "、" else 0)
            if k == 0:
                floor, a = a, scan_name_start(text, b, lexicon, floor=a) if b > a else a
                if b - a < 2 and a > floor and text[a - 1] in lexicon.boundary_words:
                    a = max(floor, trade_name_start(text, a, lexicon))  # 推动华为等: 为 is in the name
                for conj in ("及", "和", "与"):
                    cut = text.rfind(conj, a, b)
                    a = cut + 1 if cut >= 0 and b - cut > 2 else a
            while a < b and text[a] in "“” ":
                a += 1
            while b > a and text[b - 1] in "“” ":
                b -= 1
            name = text[a:b]
            if not name or len(name) > ENUM_ITEM_MAX or (a, b) in covered or a in starts:
                continue
            if re.fullmatch(r"[\u4e00-\u9fff]{1,4}[省市县区]", name) or is_generic(name, lexicon):
                continue
            if lexicon.suffix_type(name) or lexicon.department_suffix(name):
                continue  # found by its own suffix already
            if (modifiers or types[m.group(2)] != "Firm") and common_cover(name, lexicon) is not None:
                continue  # a common word is a kind or a field (技术咨询、技术评估等服务机构), no name
            if len(items) == 1 and (common_cover(name, lexicon) is not None or default_gazetteer().find(name)):
                continue  # one item alone is a name only where it is no common word or place (华为等企业)
            type_ = types[m.group(2)]
            if type_ == "Firm" and name.endswith(("所", "院")):
                type_ = "Institute"  # 中船725所, 空导院 among 企事业单位: an institute's short name
            found.append(mention_at(doc, index, name, type_, a, b, f"enumeration:{m.group(2)}"))
    return found


LIST_JOINT = "、和与及"


def find_firms_beside_names(doc: Document, index: SentenceIndex, rejected: list, known: list[Mention]) -> list[Mention]:
    """A firm of common words (东方电气集团, 中天钢铁集团) is one firm where the plan lists it beside
    names (中天钢铁集团、天合光能, 西南石油大学和东方电气集团): kinds are not listed among names."""
    text = doc.text
    ends = {m.span[1] for m in known}
    starts = {m.span[0] for m in known}
    found = []
    for r in rejected:
        a, b = r.span
        if r.reason != FIRM_NEEDS_TRADE_NAME:
            continue
        before = a > 0 and text[a - 1] in LIST_JOINT and a - 1 in ends
        after = b < len(text) - 1 and text[b] in LIST_JOINT and b + 1 in starts
        if before or after:
            found.append(mention_at(doc, index, r.name, "Firm", a, b, "enumeration:beside a name"))
    return found


def _closes_plainly(text: str, end: int) -> bool:
    """Does a list's head stand at the end of its words: no word after it, or a verb of the list?"""
    return end >= len(text) or not "\u4e00" <= text[end] <= "\u9fff" or bool(re.match(ENUM_FOLLOWERS, text[end:]))


def head_runs_on(text: str, head: int, end: int, lexicon: Lexicon) -> bool:
    """Does a list's head noun run on into a longer word, so the list is of something else?

    等企业技术中心 lists platforms, 等企业家 persons; 等龙头企业创新能力 still lists firms.
    """
    for j in range(end + 1, min(len(text), end + 6) + 1):
        hit = lexicon.suffix_type(text[head:j])
        if hit and j - len(hit[0]) <= end:
            return True  # 企业 + 技术中心: a longer kind word starts in the head or right after it
    words = dictionary_words()
    return any(text[head:j] in words for j in (end + 1, end + 2))  # 企业家, 平台化
