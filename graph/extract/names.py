"""Where a name begins: the left-boundary scan and the test for class (generic) mentions.

A name is found from its end (a type suffix such as 实验室 or a department such as
科技局); these helpers walk left over name characters until a verb, frame word,
quantity or punctuation mark says the name has begun.
"""

from __future__ import annotations

import re

from ..vocabulary.lexicon import Lexicon, dictionary_words, is_common_word

NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·()“”\-—/]")
QUANTITY = re.compile(r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)[家个项名所座批只件种类支]$")
CONJUNCTIONS = ("和", "与", "及")
MAX_NAME = 32


def ends_with_name(text: str, end: int, lexicon: Lexicon) -> bool:
    """Does the text before ``end`` end with an entity suffix or a department name?"""
    window = text[max(0, end - 12) : end]
    return bool(lexicon.suffix_type(window) or lexicon.department_suffix(window))


NOUN_ENDS = ("区", "市", "省", "县", "城市", "机构", "单位", "企业", "高校", "院所", "任务", "部门")


def conjunction_ends_name(text: str, conj: int, suffix_start: int, lexicon: Lexicon, lab: bool = False) -> bool:
    """Does 和/与/及 at ``conj`` join two names rather than sit inside one?

    It does when a name or a noun stands on its left (省科学院与中原科技城), or when the
    right part is a full name on its own (three or more specific characters).
    """
    if text[conj - 1 : conj] == "”":
        return True  # a quoted title before it stands alone (“揭榜挂帅”及重大科技专项)
    left = conj
    if text[conj - 1 : conj] == ")" and "(" in text[max(0, conj - 12) : conj]:
        left = text.rindex("(", max(0, conj - 12), conj)  # 齐鲁工业大学(山东省科学院)与…: the name before the bracket
    if ends_with_name(text, conj, lexicon) or ends_with_name(text, left, lexicon) or text[max(0, conj - 2) : conj].endswith(NOUN_ENDS):
        return True
    if lab:
        return False  # a lab is named after the fields it joins (能源感知与边缘计算湖南省重点实验室)
    right = text[conj + 1 : suffix_start]
    left_word = next((text[conj - k : conj] for k in (4, 3, 2) if conj >= k and common_cover(text[conj - k : conj], lexicon)), "")
    if left_word and right and common_cover(right, lexicon):
        return False  # two fields joined (工程机械及核心零部件创新中心, 智能制造及大数据科技产业社区): one name
    from ..vocabulary.gazetteer import default_gazetteer

    if any(default_gazetteer().knows(right[:k]) and not is_common_word(right[:k]) for k in range(2, min(len(right), 6) + 1)):
        return True  # a place opens the right part: a name of its own (江铃与南昌大学)
    stripped = right
    for word in (*lexicon.provinces, *(p[:2] for p in lexicon.provinces), *sorted(lexicon.generic_words, key=len, reverse=True)):
        stripped = stripped.replace(word, "")
    return len(stripped) >= 3


def scan_name_start(text: str, start: int, lexicon: Lexicon, floor: int = 0, lab: bool = False) -> int:
    """Walk left from ``start`` (where a suffix begins) to where the name begins.

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> t = "高标准推进嵩山实验室建设"
    >>> t[scan_name_start(t, t.index("实验室"), default_lexicon()):t.index("实验室")]
    '嵩山'
    """
    i = start
    limit = max(floor, start - MAX_NAME)
    quotes = 0
    balanced = start  # where the name may begin if we stop inside a quote
    longest = lexicon.max_boundary
    while i > limit:
        c = text[i - 1]
        if c == "”":
            quotes += 1
        elif c == "“":
            quotes -= 1
            if quotes < 0:
                break  # the quote that opens this very name
            if quotes == 0:
                balanced = i - 1
        elif c == " " and quotes > 0:
            pass
        elif not NAME_CHAR.match(c):
            if quotes > 0:
                i = balanced
            break
        if quotes == 0 and c not in "“”":
            hit = next((k for k in range(min(longest, i - limit), 0, -1) if text[i - k : i] in lexicon.boundary_words), 0)
            if hit and not (hit == 1 and _inside_word(text, i - 1)):
                break
            if c in CONJUNCTIONS and conjunction_ends_name(text, i - 1, start, lexicon, lab):
                break
            if QUANTITY.search(text[max(0, i - 6) : i]):
                break
        i -= 1
    if quotes < 0:  # stopped inside an open quote: the name began at it
        i = text.index("“", i - 1 if i else 0) if "“" in text[max(0, i - 1) : start] else i
    i = trim_name_start(text, i, start)
    for word in lexicon.weak_boundary_words:
        if lab and word in LEVEL_WORDS:
            continue  # a lab's level is part of its title (国家级铝新材料检测实验室)
        if text.startswith(word, i) and start - i >= len(word):
            return i + len(word)
    return i


def _inside_word(text: str, at: int) -> bool:
    """Is the one-character boundary word at ``at`` (由, 为, 在) the end of a noun or adjective with
    the character before it (自由贸易试验区, 理由)? Then it is inside a name; as a verb's end
    (成为, 作为, 存在) it still ends one."""
    return at > 0 and dictionary_words().get(text[at - 1 : at + 1], (0, ""))[1] in ("a", "n", "an", "nz")


def trim_name_start(text: str, i: int, end: int) -> int:
    """Drop what cannot open a name: closing brackets, a stray 年/月, an unmatched '('."""
    while i < end and text[i] in ")”—-/·+ 与和及":
        i += 1
    m = re.match(r"\d{4}年(?:底|末)?|\d{4}(?=中国|全国|国际|世界)|第[一二三四五六七八九十百\d]+[届次期]", text[i:end])
    if m:
        i += m.end()  # 2023年, 2024中国…, 第五届: when, not which
    name = text[i:end]
    if name.count(")") > name.count("("):
        i += name.index(")") + 1
    elif name.count("(") > name.count(")"):
        i += name.rindex("(") + 1  # “两园”(益阳高新区: the bracket opened before the name
    return i


def is_generic(prefix: str, lexicon: Lexicon, extra: tuple[str, ...] = ()) -> bool:
    """Is the part before a suffix made only of generic words (省级, 重点, 科技创新 …)?

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> is_generic("省级", default_lexicon()), is_generic("嵩山", default_lexicon())
    (True, False)
    """
    s = prefix.replace("“", "").replace("”", "")
    words, longest = lexicon.generic_or_suffix_words, lexicon.max_generic
    if extra:
        words = words | set(extra)
        longest = max(longest, *map(len, extra))
    i = 0
    while i < len(s):
        for k in range(min(longest, len(s) - i), 0, -1):
            if s[i : i + k] in words:
                i += k
                break
        else:
            quality = next((k for k in (3, 2) if i + k <= len(s) and s[i + k - 1] in ("性型化" if k == 3 else "性型")), 0)
            if quality:  # 综合性, 示范型, 市场化: qualities, not names
                i += quality
                continue
            if s[i] in "()、和与及的之一二两三四五六七八九十" or s[i].isdigit():
                i += 1
                continue
            return False
    return True


PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nrf", "nz", "nt", "eng", "x"})  # jieba's tags of names
LEVEL_WORDS = frozenset({"省级", "国家级", "市级", "县级", "区级", "一级", "二级", "三级", "四级"})


def lexicon_generic() -> frozenset[str]:
    from ..vocabulary.lexicon import default_lexicon  # the default lexicon's generic words; one per process
    return default_lexicon().generic_or_suffix_words


def _is_quality(word: str) -> bool:
    """A word that says what kind a thing is (综合性, 示范型, 一站式, 数字化, 公共): jieba's 区别词
    (tag b), or a common word made an attribute by 性/型/式/化. A level (省级) is not one: a
    level heads many proper names (过氧化氢装备省级技术创新中心)."""
    if word in LEVEL_WORDS:
        return False
    words = dictionary_words()
    if words.get(word, (0, ""))[1] == "b":
        return True
    if word[-1:] in "性型化式" and len(word) >= 3:
        # a quality is a word made with the ending (综合性, 示范型); a run that only ends in
        # one (豫西转型: 豫西 + 转型) is not
        stem = word[:-1]
        return stem in words or stem in lexicon_generic() or (len(word) == 3 and word[:2] in words)
    return False


def common_cover(phrase: str, lexicon: Lexicon) -> list[str] | None:
    """The fewest words that write the phrase, each a generic word of the lexicon, a common word of
    jieba's dictionary (no place, person or trade name) or a joining character; None if the
    phrase holds anything else (a name's specific part).

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> common_cover("科技成果转移转化", default_lexicon()), common_cover("嵩山", default_lexicon())
    (['科技成果', '转移', '转化'], None)
    """
    covers = lexicon.memo  # kept with the lexicon whose words they depend on
    if phrase not in covers:
        if len(covers) > 100_000:
            covers.clear()
        covers[phrase] = _cover(phrase, lexicon)
    return covers[phrase]


def _cover(phrase: str, lexicon: Lexicon) -> list[str] | None:
    s = phrase.replace("“", "").replace("”", "")
    words, generic = dictionary_words(), lexicon.generic_or_suffix_words
    best: list[list[str] | None] = [None] * (len(s) + 1)
    best[0] = []
    for i in range(len(s)):
        if best[i] is None:
            continue
        for k in range(1, min(10, len(s) - i) + 1):
            w = s[i : i + k]
            joins = k == 1 and (w in "()、和与及的之" or w.isdigit() or (w in WHOLE and i + 1 < len(s)))  # 全媒体: all of a kind
            common = k >= 2 and w in words and words[w][1] not in PROPER_TAGS
            fits = joins or w in generic or common or (k >= 3 and _is_quality(w))
            if fits and (best[i + k] is None or len(best[i]) + 1 < len(best[i + k])):
                best[i + k] = best[i] + [w]
    return best[len(s)] if s else None


WHOLE = "全"  # a prefix that makes a common word of any: 全媒体, 全链条
RARE_WORD = 100  # a word rarer than this in jieba's corpus is a technical field (掘进, 过氧化氢): part of a name


def is_common_phrase(phrase: str, lexicon: Lexicon) -> bool:
    """Is a phrase written only in common words, none of them a rare technical term or a name's
    part? Then it names no one thing: a status after a level word (国家…示范区), a firm with no
    trade name (股份公司).

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> is_common_phrase("文化旅游产业融合发展示范区", default_lexicon()), is_common_phrase("隧道掘进装备技术创新中心", default_lexicon())
    (True, False)
    """
    cover = common_cover(phrase, lexicon)
    if not cover:
        return False
    words, generic = dictionary_words(), lexicon.generic_or_suffix_words

    def frequent(w: str) -> bool:  # 科技成果 is rare as one word, but 科技 + 成果 are not; 华为技术 is 华为's
        if w in generic or len(w) < 2:
            return True
        freq, tag = words.get(w, (0, "x"))
        if freq >= RARE_WORD and tag not in PROPER_TAGS:
            return True
        return any(frequent(w[:k]) and frequent(w[k:]) for k in range(2, len(w) - 1))

    return all(frequent(w) for w in cover)


def joined_kinds(prefix: str, lexicon: Lexicon) -> str:
    """The reason a phrase of common words joined by 和/及/与 is a class (知识产权保护和维权平台:
    two kinds of work), or "".

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> joined_kinds("知识产权保护和维权", default_lexicon())
    'class: common words joined by 和'
    """
    cover = common_cover(prefix, lexicon) or []
    at = next((k for k, w in enumerate(cover) if w in ("和", "及", "与")), None)
    if at is None or at == 0 or at == len(cover) - 1:
        return ""
    words = dictionary_words()

    def work(w: str) -> bool:  # a verb, or a word jieba keeps whole whose head (its last part) is one: 产权保护, 技术推广
        return any(words.get(part, (0, ""))[1] in ACTIVITY_TAGS for part in (w, _halves(w)[-1]))  # not 复合材料

    if not (work(cover[at - 1]) or work(cover[-1])):
        return ""  # fields joined (工程机械及核心零部件创新中心): one name; kinds of work joined (保护和维权) make a class
    return f"class: common words joined by {cover[at]}"


def class_reason(prefix: str, lexicon: Lexicon, lab: bool = False) -> str:
    """Why the part before a type suffix makes a class, not a name; "" if it names one thing.

    A class is written only with common words and says what kind of thing is meant
    (综合性科技创新平台, 数字化人才服务平台): every word of it is a generic word of the lexicon
    or a common word of jieba's dictionary (no place, person or trade name), and one is a
    quality word. A phrase of common words without a quality word is a field or a purpose
    that plans use as a proper name (智能计算中心, 人力资源服务产业园) and stays a name, unless
    its only content is work (创新发展示范区: see ``kind_of_work``). A lab is named after its
    research field, which jieba often tags as a verb (免疫, 育种, 催化), so ``lab`` skips that test.

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> class_reason("综合性科技创新", default_lexicon()), class_reason("嵩山", default_lexicon())
    ('class: common words with a quality word (综合性)', '')
    """
    cover = common_cover(prefix, lexicon)
    if not cover:
        ending = next((prefix[-k:] for k in (3, 2) if len(prefix) > k and prefix[-k:] in dictionary_words() and _is_quality(prefix[-k:])), "")
        if ending and not lab and not place_or_owner(prefix[: -len(ending)], lexicon):
            return f"class: a quality word right before the kind ({ending}), and no place or owner"
        return ""
    joined = joined_kinds(prefix, lexicon) if not lab else ""  # a lab joins its fields: 种业与农业生物技术实验室
    if joined:
        return joined
    quality = next((w for w in cover if len(w) >= 2 and _is_quality(w)), "")
    if quality:
        return f"class: common words with a quality word ({quality})"
    work = kind_of_work(cover, lexicon) if not lab else []
    return f"class: a kind of work, no field or owner ({'、'.join(work)})" if work else ""


def place_or_owner(words: str, lexicon: Lexicon) -> bool:
    """Does a place (郑州) or a named owner (郑州大学) open these words?"""
    from ..vocabulary.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    return any(gazetteer.knows(words[:k]) and not is_common_word(words[:k]) for k in range(2, min(len(words), 6) + 1)) or any(
        lexicon.suffix_type(words[:k]) for k in range(2, len(words) + 1))


ACTIVITY_TAGS = frozenset({"v", "vn", "vd", "an", "ad"})  # jieba's verbs, verbal nouns, adverbial and nominal adjectives


def kind_of_work(cover: list[str], lexicon: Lexicon, owners: bool = True) -> list[str]:
    """The activity words of a phrase that says only what kind of work is done (创新发展示范区,
    科技成果转移转化基地, 质量监督检测中心), or []. Such a phrase is written with generic words and
    verbs alone; a name carries a field or product noun (农机装备, 电子气体, 传感器), a place
    word (东部), a time word (现代) or an owner (省科学院转移转化中心) that a kind of work lacks.

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> kind_of_work(["创新", "发展"], default_lexicon()), kind_of_work(["农机", "装备"], default_lexicon())
    (['创新', '发展'], [])
    """
    words, generic = dictionary_words(), lexicon.generic_or_suffix_words
    work = []
    for w in cover:
        tag = words.get(w, (0, ""))[1]
        if len(w) == 1 and w in "()、和与及的之":
            continue
        if owners and lexicon.suffix_type(w) and lexicon.suffix_type(w)[0] == w:
            return []  # an owner: 省科学院 in 省科学院转移转化中心
        if tag in ACTIVITY_TAGS:
            work.append(w)
        elif w not in generic and not all(part in generic or words.get(part, (0, ""))[1] in ACTIVITY_TAGS for part in _halves(w)):
            return []
    return work


def _halves(word: str) -> list[str]:
    """A word jieba keeps whole (科技成果) split where both halves are words of its own, or the word."""
    words = dictionary_words()
    for k in range(2, len(word) - 1):
        if word[:k] in words and word[k:] in words:
            return [word[:k], word[k:]]
    return [word]
