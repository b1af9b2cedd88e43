"""Names formed by a kind word (实验室, 研究院, 高新区, 集团…): how far back a name runs from its
kind word, where it starts, and which kind words are no kind here.

Rules: ``suffix:<suffix>``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, Mention, Rejected
from ..vocabulary.gazetteer import default_gazetteer
from ..vocabulary.lexicon import Lexicon, dictionary_words
from .kinds import (
    DESCRIBED,
    FIRST_CLASS,
    SET_UP,
    after_described_kind,
    context_class_reason,
    own_words_class_reason,
    part_of_a_place,
    status_after_upgrade,
)
from .names import MAX_NAME, NAME_CHAR, PROPER_TAGS, common_cover, is_generic, scan_name_start
from .sentences import SentenceIndex, mention_at
from .titles import EVENTS, GROWN_BY, PROGRAM_COUNT

SKIP_PROGRAM_FOLLOWERS = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=8)
def _suffix_regex(suffixes: tuple) -> re.Pattern:
    return re.compile("|".join(re.escape(s) for s, _ in suffixes))


# a suffix followed by these is inside a word: 大学生, 中心城区, 中心支行 (a bank's branch), and
# 科技基础设施功能区 (a zone for facilities, not a facility)
NOT_A_SUFFIX = {"大学": ("生",), "学院": ("派",), "中心": ("城", "支行"), "科技基础设施": ("功能区", "集聚区", "集群")}


def _runs_into_word(text: str, end: int) -> bool:
    """Does a suffix's last character make a common word with the next one (创新区域, 大学生)
    while the next one begins no word of its own? Then the suffix ends inside that word and
    ends no name."""
    words = dictionary_words()
    freq, tag = words.get(text[end - 1 : end + 1], (0, ""))
    if freq < 200 or tag not in ("n", "s", "v", "vn"):
        return False
    return text[end : end + 2] not in words  # 校区内涵式, 片区长沙: the next character begins a word of its own


def _balance(text: str, a: int, b: int, lexicon: Lexicon) -> tuple[int, str]:
    """Close a bracket or quote the name opened (博士后基地(科研工作站) ; drop a lone “."""
    name = text[a:b]
    if name.count("(") > name.count(")") and text[b : b + 1] == ")":
        name += ")"
    tail = re.match(r"\(([^()\d:,。]{1,6})\)", text[b : b + 8])
    if tail and name.count("(") == name.count(")") and _kind_in_brackets(tail.group(1), lexicon):
        name += tail.group()  # 辐射区(点), 孵化器(众创空间), 大市场(益阳): the bracket belongs to the name
    if name.startswith("“") and "”" not in name:
        a, name = a + 1, name[1:]
    return a, name


def _kind_in_brackets(inner: str, lexicon: Lexicon) -> bool:
    """Does a bracket after a name say its kind or place (点, 科研工作站, 益阳), so it is part of the
    name? Anything else is the name's other name (中原股权交易中心(四板)), an alias."""
    return len(inner) == 1 or bool(lexicon.suffix_type(inner)) or bool(default_gazetteer().find(inner)) or inner in lexicon.generic_words


def trade_name_start(text: str, a: int, lexicon: Lexicon) -> int:
    """Where a firm's name begins when the scan stopped at a one-character function word
    and left only generic words (为 | 技术有限公司): a trade name is any characters, so the
    word is taken as part of it if one or two other characters stand before it (华为).
    Otherwise ``a`` as it was."""
    if any(text[a - k : a] in lexicon.boundary_words for k in range(2, lexicon.max_boundary + 1)):
        return a  # the scan stopped at a longer word (成为 | 科技有限公司)
    start = scan_name_start(text, a - 1, lexicon)
    added = text[start : a - 1]
    return start if 1 <= len(added) <= 2 and NAME_CHAR.fullmatch(added[-1]) and not is_generic(added, lexicon) else a


PROGRAMME_OPENING = re.compile(r"组织实施|推进实施|深入实施|实施|开展|启动|列入|入选")


def _programme_start(text: str, a: int, suffix_start: int) -> int:
    """A programme's title may hold verbs (省级知识产权建设强县工程, 人才引进专项行动) that end other
    names: after 实施/开展/启动/列入 (or a 、 in a list that follows one) the title runs from there
    to its kind word, if nothing but name characters stand between."""
    window = max(0, a - 24)
    openings = list(PROGRAMME_OPENING.finditer(text, window, a))
    if not openings:
        return a
    start = openings[-1].end()
    start = max(start, text.rfind("、", start, a) + 1)
    run = text[start:suffix_start]
    counted = re.match(r"[\d一二两三四五六七八九十百千万]+[项个家名批类]", run)  # 实施5项市级专项: a count of them
    if start < a and 2 <= len(run) <= 24 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9()·]+", run) and "的" not in run and not counted:
        return start
    return a


TITLE_BREAK = re.compile(r"[“”,。;、:!?+\n]")  # a formula (“众创空间+孵化器”) is no title
NATIONAL_LAB = re.compile(r"(.+?)(?:国家|全国)$")
BARE_SCOPE = re.compile(r"(?:建设|一批|若干|多个|各类|各级|新建|新|省|市|企业|高校|国家|重大|重点|高水平|[\d一二两三四五六七八九十]+[个家])*")


def national_lab_of_a_field(prefix: str, suffix: str) -> bool:
    """A national key lab is one per field, so a field of common words names it (公共大数据国家重点
    实验室): only scope words before 国家重点实验室 (一批, 企业) make a kind."""
    field = NATIONAL_LAB.fullmatch(prefix) if suffix == "重点实验室" else None
    return bool(field) and not BARE_SCOPE.fullmatch(field.group(1))


def quoted_title_start(text: str, start: int, end: int) -> int:
    """Where a whole quoted title begins when its kind word closes the quote (“湖南省企业科技创新创业
    团队支持计划”): a title may hold verbs that end other names; 0 if the quote does not close there."""
    if text[end : end + 1] != "”":
        return 0
    opening = text.rfind("“", max(0, start - MAX_NAME), start)
    if opening < 0 or TITLE_BREAK.search(text, opening + 1, start):
        return 0
    return opening + 1


def find_suffixed(doc: Document, lexicon: Lexicon, index: SentenceIndex, rejected: list | None = None) -> list[Mention]:
    """Names that end in a type suffix, extended left to their boundary; the candidates that
    are classes, not names, go to ``rejected`` with the reason (``--explain`` prints them)."""
    rejected = rejected if rejected is not None else []
    text = doc.text
    found = []
    types = dict(lexicon.suffixes)
    for m in _suffix_regex(lexicon.suffixes).finditer(text):
        suffix, type_ = m.group(), types[m.group()]
        if text.startswith(NOT_A_SUFFIX.get(suffix, ("\0",)), m.end()) or _runs_into_word(text, m.end()):
            continue  # 大学生 is no university, 创新区域 no 新区
        if type_ in ("Program", "Fund") and not suffix.endswith(EVENTS) and m.end() < len(text) and lexicon.suffix_type(text[m.end() : m.end() + 6]) is None:
            nxt = text[m.end() : m.end() + 1]
            if SKIP_PROGRAM_FOLLOWERS.match(nxt) and not text.startswith(("建设", "等", "和", "与", "及", "的", "为", "在", "实施", "成果", "作用"), m.end()):
                continue  # 工程 in 工程塑料, 计划 in 计划管理: not a programme's end
        if type_ == "Program" and text[m.start() - 1 : m.start()] in ("有", "无", "按"):
            continue  # 工作有计划, 按计划: a plan in the common sense
        a = quoted_title_start(text, m.start(), m.end()) or scan_name_start(text, m.start(), lexicon, lab=type_ == "Lab")
        if type_ == "Program":
            a = _programme_start(text, a, m.start())
        if type_ == "Firm" and a and text[a - 1] in lexicon.boundary_words and (a == m.start() or is_generic(text[a : m.start()], lexicon)):
            a = trade_name_start(text, a, lexicon)  # 华为技术有限公司: 为 is in the name
        elif a and text[a - 1] in lexicon.boundary_words:
            owner = trade_name_start(text, a, lexicon)  # 华为洛阳人工智能先进实验室: a firm's own lab
            if owner < a and dictionary_words().get(text[owner:a], (0, ""))[1] in PROPER_TAGS:
                a = owner
        if type_ != "Program":  # a programme's title may hold such a word (县区孵化载体全覆盖计划)
            a = after_described_kind(text, a, m.start(), lexicon)
        a = after_a_name_and_verb(text, a, m.start(), lexicon)
        if COUNTRY_PAIR.match(text, max(0, a - 2)) and (a < 3 or not "\u4e00" <= text[a - 3] <= "\u9fff" or text[a - 3] in "和及与"):
            a -= 2  # 中以常州创新园, 中德(太仓)产业园: two countries' park; 以 is no boundary there
        name = text[a : m.end()]
        prefix = text[a : m.start()]
        if not prefix and suffix not in lexicon.standalone_suffixes:
            continue
        if FIRST_CLASS.match(prefix):
            rejected.append(Rejected(name, type_, (a, m.end()), "status: first-class (一流X) is what a body aims to be"))
            continue
        if suffix == "片区" and part_of_a_place(prefix):
            rejected.append(Rejected(name, type_, (a, m.end()), "place: a part of a place named by its direction (X东部片区)"))
            continue
        if text[a - 1 : a] == "等" and text[a - 2 : a - 1] not in "高平均对" and a - 1 > 0:
            rejected.append(Rejected(name, type_, (a, m.end()), "class: the kind of a list closed by 等 (华为等诊断服务公司)"))
            continue
        if prefix.endswith("等"):
            rejected.append(Rejected(name, type_, (a, m.end()), "class: 等 closes a list before the kind word"))
            continue  # 科普知识竞赛等活动: the list's items are the names
        if len(prefix) == 1 and prefix not in "省市县区":
            continue  # 在洛全国重点实验室: a one-character prefix is an abbreviation, not a name
        national = national_lab_of_a_field(prefix, suffix)  # its field names it, however common its words
        generic = prefix and is_generic(prefix, lexicon) and not (prefix in "省市县区" and type_ == "Institute") and not national
        if generic and not (type_ == "Fund" and SET_UP.search(text, max(0, a - 2), a)):
            rejected.append(Rejected(name, type_, (a, m.end()), "class: generic words only"))
            continue  # a kind, not one thing; but a fund the plan sets up is one fund (设立创业投资引导基金)
        reason = context_class_reason(text, a, m.end(), prefix, suffix, lexicon) or (
            "" if national else own_words_class_reason(prefix, suffix, type_, lexicon))
        if not reason and type_ not in ("Program", "Department", "Firm") and (d := DESCRIBED.search(text, max(0, a - 3), a)) and common_cover(prefix, lexicon):
            reason = f"class: common words described as one of a kind ({d.group()}…)"
        if not reason and (type_ == "Park" or suffix.endswith("基地")):
            reason = status_after_upgrade(text, a, name, lexicon)
        if reason:
            rejected.append(Rejected(name, type_, (a, m.end()), reason))
            continue
        if name in doc.metadata.title and doc.metadata.title.startswith(name):
            continue  # the plan naming itself
        if type_ == "Program" and (count := PROGRAM_COUNT.search(text, max(0, a - 3), a)) and count.end() == a:
            a = count.start()  # 实施百名科技人才入企计划: the count is the programme's own word
        end = m.end()
        grown = GROWN_BY.match(text, end)
        if grown and not lexicon.suffix_type(text[end : end + 6]):
            end, type_ = grown.end(), "Platform" if grown.group() == "联盟" else type_  # X联盟: an alliance of X; X新馆: X's new hall
        a, name = _balance(text, a, end, lexicon)
        found.append(mention_at(doc, index, name, type_, a, a + len(name), f"suffix:{suffix}"))
    return found


COUNTRY_PAIR = re.compile(r"中[以德法英美俄日韩欧新意瑞荷奥丹芬]")
JOINING_VERBS = ("联合", "携手", "会同", "联同")


def after_a_name_and_verb(text: str, a: int, suffix_start: int, lexicon: Lexicon) -> int:
    """Start a name after a whole name and a verb of joining that its words run over (X研究所联合
    常州大学 → 常州大学): such a verb cuts there where a type suffix ends right before it."""
    for word in JOINING_VERBS:
        at = text.find(word, a + 2, suffix_start)
        if at > a and lexicon.suffix_type(text[a:at]) and suffix_start - (at + len(word)) >= 2:
            return at + len(word)
    return a
