"""Class or name: why a phrase found as a candidate names a kind of thing, a status or a
part of a place rather than one thing, from its own words (综合性科技创新平台) or from the words
around it (新建院士工作站、中原学者工作站10个; 在北京、深圳等地布局X; 华为等诊断服务公司).

``extract_entities`` asks these of every candidate and drops a rejected one with its reason
(``innograph extract --explain`` lists them); the ``without_*`` filters look at all the names
of a plan at once (a list's other items, the plan's chapter headings, the same phrase written
as a kind elsewhere).
"""

from __future__ import annotations

import re

from ..model import Document, Mention, Rejected
from ..vocabulary.gazetteer import default_gazetteer
from ..vocabulary.lexicon import Lexicon, dictionary_words
from .names import class_reason, common_cover, is_common_phrase, joined_kinds, kind_of_work, place_or_owner

TRADE_WORD_FREQUENCY = 3000  # jieba's count: 浪潮 461, 长城 1559 are trade names; 股份 5479, 交通 10908 say a kind


def trade_word(prefix: str, lexicon: Lexicon) -> bool:
    """Is a firm's prefix one noun rare enough to be its trade name (浪潮集团, 长城汽车公司)?"""
    freq, tag = dictionary_words().get(prefix, (0, ""))
    return 0 < freq < TRADE_WORD_FREQUENCY and tag.startswith("n") and prefix not in lexicon.generic_or_suffix_words


UPGRADE_BEFORE = re.compile(r"(?:创建|争创|申建|申报|获批|创成|晋级)(国家级|省级|国家|省)?$")
LEVEL_START = re.compile(r"(?:世界|国际|国内|全国|全省)(?:领先|先进|知名)|(?:世界|国际|国内|全国|全省)?一流|国家级|省级|国家|全国|省")
SET_UP = re.compile(r"(?:设立|组建|成立|筹建|发起)$")
# words that describe the thing after them as one of a kind (打造高水平X平台, 建设一批X基地,
# 全国知名的X基地): what follows is the kind, unless it has a specific part of its own
DESCRIBED = re.compile(r"(?:的|高水平|高能级|一流|知名|一批|若干|各类|一些|多个|[\d一二两三四五六七八九十]+[个家所])$")


def status_after_upgrade(text: str, a: int, name: str, lexicon: Lexicon) -> str:
    """争创国家科技成果转移转化示范区, 创建国家级文化和科技融合示范基地: a zone or base a body is to
    become, a level and common words, is a status (the relations stage makes it a concept), not an
    entity. Centres and labs are named after their field (争创国家隧道掘进装备技术创新中心) and are
    not asked; a rare technical word keeps a name too."""
    verb = UPGRADE_BEFORE.search(text, max(0, a - 8), a)
    level = LEVEL_START.match(name)
    if not verb:  # a national designation named by no place (国家生态文明先行示范区) is one wherever it stands
        national = level and level.group() in ("国家", "国家级") and common_cover(name[level.end() :], lexicon) is not None
        return "status: a national designation in common words, named by no place" if national else ""
    if not (verb.group(1) or level) or not is_common_phrase(name[level.end() if level else 0 :], lexicon):
        return ""
    return "status: a level and common words after an upgrade verb (创建国家级X示范基地)"


def in_formula(text: str, a: int, b: int) -> bool:
    """Does a..b stand inside a quoted formula (“老工业基地+高新技术”)? Its parts are kinds, no names."""
    opening, closing = text.rfind("“", max(0, a - 30), a + 1), text.find("”", b - 1, b + 30)
    return opening >= 0 and closing >= 0 and "”" not in text[opening + 1 : a] and "+" in text[opening:closing]


PROGRAMME_KINDS = ("计划", "行动计划", "工程", "行动", "专项", "项目", "活动")  # a title with a slogan in it (国家“一带一路”科技创新行动计划)
NUMBERED_SLOGAN = re.compile(r"(?:[一二两三四五六七八九十]+[\u4e00-\u9fff]{1,2}?){2,}")  # 两山四河三片区, 一企一策
ORDINAL = re.compile(r"“?(?:[一二两三四五六七八九十]+号|头号|第[一二三四五六七八九十]+)”?")  # “一号工程”: the first priority
FIELD_LIST_AFTER = re.compile(r"(?:、[^,。;:、()“”]{1,12}?)*等[\u4e00-\u9fff]{0,6}?(?:产业|领域|行业|学科)(?![\u4e00-\u9fff]?(?:园|基地|中心|联盟|集群|学院|研究院))")
EXPLORED = re.compile(r"探索(?:建设|设立|组建|建立|打造|开展)?$")
QUANTIFIED = re.compile(r"全域|各类|各级|各个|诸多|众多|一批")
COUNT_AFTER = re.compile(r"(?:\d+|[一二两三四五六七八九十百]+)(?:个|家|所|座|处)")
SPREAD_BEFORE = re.compile(r"等[\u4e00-\u9fff]{0,4}?(?:地|城市|地区|国家|省份|县区)(?:布局|设立|建设|布局建设|设立建设)“?$")


FIRM_NEEDS_TRADE_NAME = "class: a firm needs a trade name, not only common words (股份公司, 基金管理公司)"


def own_words_class_reason(prefix: str, suffix: str, type_: str, lexicon: Lexicon) -> str:
    """Why a candidate's own words make it a kind, by its type; "" if they name one thing."""
    if type_ == "Program":
        return programme_class_reason(prefix, suffix, lexicon)
    if type_ == "Fund":  # a fund is named after its purpose (制造业高质量发展基金); a quality says a kind (市场化基金)
        reason = class_reason(prefix, lexicon)
        return reason if "quality" in reason else ""
    if type_ == "Department":
        return ""
    reason = class_reason(prefix, lexicon, lab=type_ == "Lab")
    if not reason and type_ == "Firm" and is_common_phrase(prefix, lexicon) and not trade_word(prefix, lexicon):
        reason = FIRM_NEEDS_TRADE_NAME
    return reason


def context_class_reason(text: str, a: int, b: int, prefix: str, suffix: str, lexicon: Lexicon) -> str:
    """Why the words around a candidate make it a kind, whatever its own words: a part of a quoted
    formula (“老工业基地+高新技术”), a count right after it (新建院士工作站、中原学者工作站10个), one
    in each of several places (在北京、深圳等地布局X). "" if none does."""
    if "、" in text[a - 1 : b + 1] and FIELD_LIST_AFTER.match(text, b):
        return "class: an item of a list of fields (…、X、…等新兴产业)"
    if EXPLORED.search(text, max(0, a - 6), a) and not place_or_owner(prefix, lexicon):
        return "class: a kind the plan will explore setting up (探索建设X), no one thing yet"
    if QUANTIFIED.match(prefix):
        return "class: every one of a kind (全域X, 各类X)"
    if in_formula(text, a, b):
        return "class: a part of a quoted formula (“A+B”)"
    if ORDINAL.fullmatch(prefix):
        return "class: a priority by its number (“一号工程”), no title"
    if text[a - 1 : a] == "“" and NUMBERED_SLOGAN.fullmatch(text[a:b]):
        return "class: a count of places or tasks (“两山四河三片区”)"
    quoted = re.findall(r"“([^“”]+)”", prefix)
    rest = re.sub(r"“[^“”]*”", "", prefix)
    if quoted and NUMBERED_SLOGAN.fullmatch(quoted[0]) and rest and common_cover(rest, lexicon) is not None and suffix not in PROGRAMME_KINDS:
        return "class: a count of places or tasks (“两山四河三片区”) and common words"
    if COUNT_AFTER.match(text, b):
        return "class: a count follows, so many of this kind are meant"
    if SPREAD_BEFORE.search(text, max(0, a - 16), a):
        return "class: one in each of several places (等地布局X)"
    return ""


FIRST_CLASS = re.compile(r"“?(?:世界|国际|国内|全国|全省|省内|国家)?一流")
DESCRIBING_HEADS = re.compile(r"载体|高地|阵地")


def after_described_kind(text: str, a: int, suffix_start: int, lexicon: Lexicon) -> int:
    """Where a name begins after the kind it is described as (争创一流“双创”载体省2号智慧岛: the
    kind 一流“双创”载体 in common words, then the name); ``a`` if no such kind opens it."""
    heads = list(DESCRIBING_HEADS.finditer(text, a, suffix_start))
    if not heads:
        return a
    end = heads[-1].end()
    kind = re.sub(r"[“”]", "", text[a:end])
    return end if suffix_start - end >= 2 and common_cover(kind, lexicon) is not None else a


DIRECTION = re.compile(r"(?:东|西|南|北|中|东北|东南|西北|西南)部?|城[东西南北]")


def part_of_a_place(prefix: str) -> bool:
    """Is a 片区's prefix a place and a direction only (益阳东部片区)? Then it is a part of that place,
    not a park (but 成都东部新区 and 重庆西部科学城 are official names: only 片区 is asked)."""
    for k in range(min(len(prefix), 6), 1, -1):
        if default_gazetteer().find(prefix[:k]) and DIRECTION.fullmatch(prefix[k:]):
            return True
    return False


EVENT_KINDS = ("活动", "大赛", "项目")  # kinds a plan writes of many things; a name of one needs its own title
SEVERAL = re.compile(r"[一二两三四五六七八九十百千]+大$|[\d一二两三四五六七八九十百千]+项$")


def programme_class_reason(prefix: str, suffix: str, lexicon: Lexicon) -> str:
    """Why a candidate ending in a programme's kind word names a kind or a group of
    programmes, not one; "" if it names one.

    Several quoted titles in one candidate are a list or a clause (“A”“B”计划, “A”中单列“B”专项:
    each title is found by itself); a count before the kind word names several (九大工程); an
    activity or project (活动, 项目) takes a quoted title only right before it (“万人助万企”活动,
    but “四有”研发活动 is research of that kind); and an event named with
    common words alone is a kind of event (科普讲解大赛)."""
    if prefix.count("“") >= 2:
        return "class: several quoted titles, each a name of its own"
    if SEVERAL.search(prefix):
        return "class: a count before the kind word names several programmes"
    if "“" not in prefix:
        joined = joined_kinds(prefix, lexicon)  # 技术推广和创新实践活动
        if joined:
            return joined
    if suffix in EVENT_KINDS:
        after_quote = prefix.rsplit("”", 1)[1] if "”" in prefix else None
        if after_quote and suffix != "大赛":  # a contest is titled with its scope: “郑创汇”国际创新创业大赛
            return f"class: {suffix} of a kind; a title in quotes stands right before {suffix}"
        if after_quote is None and suffix != "项目" and common_cover(prefix, lexicon):
            return f"class: an event named only with common words ({suffix})"
    return ""


def slogan(core: str, lexicon: Lexicon) -> bool:
    """A quoted phrase without a kind word that names a way of working, not a programme: a
    count of tasks (“三大改造”) or work words alone, ending in one (“协同创新”)."""
    if re.match(r"[一二两三四五六七八九十]+大[\u4e00-\u9fff]{2}$", core) or NUMBERED_SLOGAN.fullmatch(core):
        return True
    cover = common_cover(core, lexicon)
    work = kind_of_work(cover, lexicon, owners=False) if cover else []
    return bool(work) and work[-1] == cover[-1]  # but “产业项目建设年”: a campaign year


STRATEGY_AFTER = re.compile(r"“([^“”]{2,16})”(?:发展)?(?:战略|理念|精神|思想|格局|倡议)")
STRATEGY_LIST = re.compile(r"等(?:国家|重大|区域|发展){0,2}(?:战略|倡议)")


def strategy_titles(text: str) -> set[str]:
    """Quoted titles the plan calls a strategy somewhere (“东接东融”战略; a list closed by 等国家战略
    holding “一带一路”建设): wherever else they stand, they name a strategy, not a programme."""
    titles = {m.group(1) for m in STRATEGY_AFTER.finditer(text)}
    for m in STRATEGY_LIST.finditer(text):
        clause = max(text.rfind(c, 0, m.start()) for c in ",。;:\n") + 1
        titles.update(q.group(1) for q in re.finditer(r"“([^“”]{2,16})”", text[clause : m.start()]))
    return titles


AS_A_KIND = ("class: a count follows", "class: one in each of several places", "class: listed only beside kinds")


def without_names_written_as_kinds(mentions: list[Mention], rejected: list) -> list[Mention]:
    """A plan that writes a phrase as a kind once (新建院士工作站、中原学者工作站10个) means the kind
    wherever else it writes the same phrase: one plan uses one phrase for one thing."""
    kinds = {r.name for r in rejected if r.reason.startswith(AS_A_KIND)}
    out = []
    for m in mentions:
        if m.name in kinds and m.rule.startswith("suffix:"):
            rejected.append(Rejected(m.name, m.type, m.span, "class: the plan writes it as a kind elsewhere"))
            continue
        out.append(m)
    return out


def cut_short(text: str, m: Mention, longest_end: int) -> bool:
    """Is a mention the start of a longer one of its kind (技术交易市场 of 技术交易市场联盟, 自然科学基金
    of 自然科学基金省市联合基金)? Not where the rest is a place's own name of that kind: the
    owner's branch (国家镁工程中心 | 鹤壁研发中心) names the owner too."""
    if longest_end <= m.span[1]:
        return False
    rest = text[m.span[1] : longest_end]
    return not any(default_gazetteer().find(rest[:k]) for k in range(2, min(len(rest), 6) + 1))


def first_sentence_end(text: str, start: int) -> int:
    """The end of the sentence that opens a chapter's body (七、激发人才活力 实施X行动,…。)."""
    stop = re.compile(r"[。;\n]").search(text, start)
    return stop.end() if stop else len(text)


def without_own_tasks(doc: Document, mentions: list[Mention], rejected: list, lexicon: Lexicon) -> list[Mention]:
    """A programme named in a chapter heading, or the sentence that opens the chapter, in common
    words alone (四、实施关键核心技术攻关行动) is the plan's task, the chapter's subject, not a programme
    of that name."""
    headings = [(u.span[0], first_sentence_end(doc.text, u.body[0])) for u in doc.units if u.kind == "chapter"]
    out = []
    for m in mentions:
        in_heading = any(a <= m.span[0] and m.span[1] <= b for a, b in headings)
        if in_heading and m.type == "Program" and m.rule.startswith("suffix:") and common_cover(m.name, lexicon) is not None:
            rejected.append(Rejected(m.name, m.type, m.span, "class: the plan's own task, named in its heading in common words"))
            continue
        out.append(m)
    return out


LIST_END = re.compile(r"[,。;:!?()()\n]")
LIST_JOINT = re.compile(r"[、和及与]")


def without_kinds_listed_among_kinds(text: str, mentions: list[Mention], rejected: list, lexicon: Lexicon) -> list[Mention]:
    """A name of common words listed beside kinds is a kind too (建设前沿科学中心、基础学科研究中心、
    协同创新中心等; 建立技师学院、高级技工学校…): another item of its list is a class (rejected as
    one, or common words ending in a noun), and none is a name. A list with one name in it
    (X创新中心、智能装备制造产业学院、三六零产业学院) keeps its common-word items."""
    classes = coverage(len(text), (r.span for r in rejected if r.reason.startswith("class")))
    if not any(classes):
        return mentions
    named = coverage(len(text), (m.span for m in mentions))
    out = []
    for m in mentions:
        if m.type in ("Program", "Department", "Policy") or not m.rule.startswith("suffix:"):
            out.append(m)
            continue
        suffix = m.rule.split(":", 1)[1]
        prefix = m.name.removesuffix(suffix)
        if not prefix or not common_cover(prefix, lexicon):
            out.append(m)
            continue
        items = list_items(text, *m.span)

        def overlaps(item, covered):
            return any(covered[item[0] : item[1]])

        kinds = [i for i in items if overlaps(i, classes) or (not overlaps(i, named) and kind_noun(text[i[0] : i[1]], lexicon))]
        if kinds and not any(overlaps(i, named) for i in items):
            rejected.append(Rejected(m.name, m.type, m.span, "class: listed only beside kinds (another item is a class, none a name)"))
            continue
        out.append(m)
    return out


def coverage(size: int, spans) -> bytearray:
    """One byte per character, set where one of the spans covers it: overlap tests without a scan."""
    covered = bytearray(size + 1)
    for a, b in spans:
        covered[a:b] = b"\x01" * (b - a)
    return covered


def list_items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The spans of the other items of the list (joined by 、和及与 within a clause) that holds a..b."""
    before = [x.end() for x in LIST_END.finditer(text, max(0, a - 200), a)]
    start = before[-1] if before else max(0, a - 200)
    after = LIST_END.search(text, b, b + 200)
    end = after.start() if after else min(len(text), b + 200)
    items, at = [], start
    for part in LIST_JOINT.split(text[start:end]):
        if part and not at <= a < at + len(part):
            items.append((at, at + len(part)))
        at += len(part) + 1
    return items


def kind_noun(item: str, lexicon: Lexicon) -> bool:
    """Is a list item common words ending in a noun (高级技工学校): a kind of thing, not a name or a deed?"""
    cover = common_cover(item, lexicon)
    return bool(cover) and len(cover) >= 2 and dictionary_words().get(cover[-1], (0, ""))[1] == "n"
