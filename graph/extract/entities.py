"""Find entity mentions: cited titles, departments, suffix-formed names, listed names.

Every mention records the rule that found it (``--explain`` prints it):
``policy:《》``, ``department:<lexicon entry>``, ``suffix:<suffix>``,
``enumeration:<head noun>``, ``quoted:<ending>``, ``lexicon:user``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, Mention, Rejected
from ..vocabulary.gazetteer import default_gazetteer
from ..vocabulary.lexicon import Lexicon, dictionary_words
from .kinds import (
    FIRM_NEEDS_TRADE_NAME,
    FIRST_CLASS,
    after_described_kind,
    context_class_reason,
    cut_short,
    own_words_class_reason,
    part_of_a_place,
    slogan,
    status_after_upgrade,
    strategy_titles,
    trade_word,
    without_kinds_listed_among_kinds,
    without_names_written_as_kinds,
    without_own_tasks,
)
from .names import MAX_NAME, NAME_CHAR, PROPER_TAGS, common_cover, is_generic, scan_name_start
from .sentences import SentenceIndex, unit_at

POLICY = re.compile(r"《([^《》\n]{2,80})》")
INNER_POLICY = re.compile(r"[<〈]([^<>〈〉《》\n]{2,60})[>〉]")  # 《湖南省实施<中华人民共和国促进科技成果转化法>办法》: a law inside a title
QUOTED = re.compile(r"“([^“”\s]{2,12})”")
PLACE_PREFIX = r"(?:省委省|市委市|县委县|区委区|县\(市、?区\)|县市区|县区|区县|各县\(市、?区\)|各县\(市\)区|各区县\(市\)|各县\(区\)|各县区|各区县|各县市区|各设区市|设区市|各区|各|[\u4e00-\u9fff]{1,2}县|省委|市委|县委|区委|省|市|县|区)"
OTHER_PLACE_LEVELS = "市县区州"  # a 2-3 character place name before one of these is a place the lexicon need not know
SET_UP = re.compile(r"(?:设立|组建|成立|筹建|发起)$")
# words that describe the thing after them as one of a kind (打造高水平X平台, 建设一批X基地,
# 全国知名的X基地): what follows is the kind, unless it has a specific part of its own
DESCRIBED = re.compile(r"(?:的|高水平|高能级|一流|知名|一批|若干|各类|一些|多个|[\d一二两三四五六七八九十]+[个家所])$")
ENUM_ITEM_MAX = 14
ENUM_FOLLOWERS = "共同|共建|联合|提供|参与|上市|启动|开展|建设|申建|申报|创建|争创|在|为|和|与|及|的|实施|加强|发挥|合作|加快|落户|入驻|牵头|组建|承担|打造|推进|围绕|通过|积极|加大|做大|做强|成立|设立|布局|突破|实现"
SKIP_PROGRAM_FOLLOWERS = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=8)
def _suffix_regex(suffixes: tuple) -> re.Pattern:
    return re.compile("|".join(re.escape(s) for s, _ in suffixes))


@lru_cache(maxsize=8)
def _department_regex(departments: tuple) -> re.Pattern:
    return re.compile("|".join(re.escape(d) for d in departments))


def _mention(doc, index, name, type_, a, b, rule) -> Mention:
    return Mention(name=name, type=type_, span=(a, b), sentence=index.around(a), rule=rule, unit=unit_at(doc.units, a))


def find_policies(doc: Document, index: SentenceIndex) -> list[Mention]:
    """Titles cited in 《》, and a title cited inside one in <> (the law a provincial measure implements)."""
    found = []
    for m in POLICY.finditer(doc.text):
        found.append(_mention(doc, index, m.group(1).strip(), "Policy", m.start(1), m.end(1), "policy:《》"))
        for inner in INNER_POLICY.finditer(doc.text, m.start(1), m.end(1)):
            found.append(_mention(doc, index, inner.group(1).strip(), "Policy", inner.start(1), inner.end(1), "policy:<> in 《》"))
    return found


def department_prefix(text: str, start: int, city: str, province: str, lexicon: Lexicon | None = None) -> int:
    """Extend a department name left over its place prefix (市, 鹤壁市, 各县区, 淇县, and in a plan above the
    city level another city: 郑州市) or its park (X高新区管委会)."""
    window = text[max(0, start - 10) : start]
    park = lexicon.suffix_type(window) if lexicon else None
    if park and park[1] == "Park":  # 鹤壁高新区管委会, or the plan's own 高新区管委会
        return scan_name_start(text, start - len(park[0]), lexicon)
    places = [p for p in (city, province) if p]
    for place in places:
        if window.endswith(place):
            return start - len(place)
        if place[:-1] and window.endswith(place[:-1]) and len(place) > 2:
            return start - len(place) + 1
    if lexicon and window[-1:] in OTHER_PLACE_LEVELS and not (city and window[-1] == "市"):
        # a plan above the city level names cities' bodies (郑州市人民政府), a city's plan its
        # districts' (光明区人民政府); but a city's own 市 is the city (已经市政府同意, where
        # this would take 已经 for a place)
        begin = scan_name_start(text, start - 1, lexicon, floor=max(0, start - 12))
        begin += next((len(p) for p in lexicon.provinces if text.startswith(p, begin, start)), 0)  # 河南省郑州市: the city's own body
        place = text[begin : start - 1]
        if 2 <= len(place) <= 3 and not is_generic(place, lexicon) and not re.search(PLACE_PREFIX + "$", place):
            return begin
    m = re.search(PLACE_PREFIX + "$", window)
    return start - len(m.group(0)) if m else start


BRANCHED = ("人民银行", "海关", "税务总局", "银行", "国家开发银行", "农业发展银行", "中国进出口银行", "监管局", "证监局", "银保监局")
BRANCH = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:分行|中心支行|支行|分中心|营业管理部|分局|监管局)")

# party committees alone or with their government as one word (省委省政府); not the start of a
# committee's department (市委组织部), which the lexicon reads whole
PARTY = re.compile(r"(?:[省市县区]委[省市县区](?:人民)?政府|[省市县区]委)(?!组织部|宣传部|统战部|编办|人才办|军民融合办|政法委|政研室|农办|网信办|外办|财经委|办公室|办公厅|书记|常委|[\u4e00-\u9fff]{0,6}?(?:委员会|小组)?办公室)")
CLASS_BODY = re.compile(r"^(?:各|县区|区县|县市区|县\(市、?区\)|县\(区\)|市县|市、县)")
ORGANISATION_KINDS = ("企业", "高校", "学校", "行业", "基层", "社区", "园区", "乡镇", "农村", "院所", "医院")
OPEN_BODIES = ("领导小组", "联席会议", "委员会")  # a body named after its work: 市科技创新工作领导小组, 省委科技委员会
OFFICE_OF = re.compile(r"办公室|办公厅")  # 省委科技委员会办公室, X领导小组办公室: the body's office is a body too


def _open_body_start(text: str, m: re.Match, lexicon: Lexicon) -> int:
    """Where a body named after its work begins (市科技创新工作领导小组): its topic is part of its
    name, unless the topic is only generic words with no level before them."""
    if not m.group().endswith(OPEN_BODIES):
        return m.start()
    start = scan_name_start(text, m.start(), lexicon)
    if start < m.start() and (text[start] in "省市县区" or not is_generic(text[start : m.start()], lexicon, ("市", "省", "县", "区"))):
        return start
    return m.start()


def _in_salutation(text: str, at: int) -> bool:
    """Is ``at`` on a 通知's addressee line (各县、区人民政府,市政府各部门:)? Those are the classes of
    body the notice is sent to, not bodies the plan names."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    if not (line.startswith("各") and line.endswith((":", ":")) and len(line) <= 80):
        return False
    item = max(text.rfind(",", start, at), text.rfind(",", start, at), start - 1) + 1
    return text[item:at].lstrip().startswith("各")  # 各县、区人民政府 is a class; 市人民政府各部门 names the city's government


def find_departments(doc: Document, lexicon: Lexicon, index: SentenceIndex) -> list[Mention]:
    """Departments from the lexicon, with their place prefix; a bare generic one is skipped."""
    found = []
    text, meta = doc.text, doc.metadata
    for m in PARTY.finditer(text):
        a = department_prefix(text, m.start() + 1, meta.city, meta.province, lexicon) if m.start() else 0
        a = min(a, m.start())
        found.append(_mention(doc, index, text[a : m.end()], "Department", a, m.end(), "department:party committee"))
    for m in _department_regex(lexicon.departments).finditer(text):
        if text.startswith("门", m.end()):
            continue  # 科技部门 is a kind of body, not the ministry
        a = department_prefix(text, _open_body_start(text, m, lexicon), meta.city, meta.province, lexicon)
        branch = BRANCH.match(text, m.end()) if m.group() in BRANCHED else None
        if branch:  # 人民银行济南分中心, 国家开发银行山东省分行: a national body's local branch
            found.append(_mention(doc, index, text[a : branch.end()], "Department", a, branch.end(), f"department:{m.group()} branch"))
            continue
        end = m.end()
        office = OFFICE_OF.match(text, end) if m.group().endswith(OPEN_BODIES) and a < m.start() else None
        end = office.end() if office else end  # 省委科技委员会办公室: the committee's office
        name = text[a:end]
        if a == m.start() and m.group() in ("政府", "人民政府", "委员会", "管委", "管委会", "办公室", "办公厅", "组织部", "宣传部", "海关", "人民银行"):
            continue  # "政府引导" is no body; bare ones count only in responsibility lists
        if a == m.start() and text[max(0, a - 2) : a] in ORGANISATION_KINDS:
            continue  # 企业科协, 高校党委: the body every one of a kind of organisation has, a class
        if CLASS_BODY.match(name) or _in_salutation(text, a):
            continue  # 各县区人民政府, 县区政府: a class of bodies, a body only inside a responsibility list; 各县、区人民政府: the 通知's addressees
        found.append(_mention(doc, index, name, "Department", a, end, f"department:{m.group()}"))
    return found


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


def _trade_name_start(text: str, a: int, lexicon: Lexicon) -> int:
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
            a = _trade_name_start(text, a, lexicon)  # 华为技术有限公司: 为 is in the name
        elif a and text[a - 1] in lexicon.boundary_words:
            owner = _trade_name_start(text, a, lexicon)  # 华为洛阳人工智能先进实验室: a firm's own lab
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
        found.append(_mention(doc, index, name, type_, a, a + len(name), f"suffix:{suffix}"))
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


GROWN_BY = re.compile(r"新馆|分馆|联盟(?!成员|单位)")


EVENTS = ("大赛", "大会", "会", "活动周")  # an event's name ends there whatever follows (中国创新创业大赛行业赛)


PROGRAM_COUNT = re.compile(r"(?:(?<=[实施开展推进启动组织,。;、“])|(?<=^))[百千万]+[名人家企个项]")
PROGRAMME_VERB = r"(?:实施|开展|推进|参与|启动|组织|举办|承办|投身|创建|推广|深化|融入|加入)"
QUOTED_NAME = r"“[^“”,。;:()]{2,16}”"
KIND = r"(?:计划|工程|行动|活动|项目|专项|大赛|建设年)"
# 实施“河洛工匠”“乡村工匠”计划, 组织实施省“五个100”、市“六个10”工程, 投身“产业项目建设年”
QUOTED_PROGRAMMES = re.compile(rf"{PROGRAMME_VERB}[^,。;“”]{{0,3}}?((?:(?:[、和及]|^)?(?:省|市|县|区)?(?:{QUOTED_NAME})+{KIND}?)+)", re.MULTILINE)
ONE_QUOTED = re.compile(rf"({QUOTED_NAME})({KIND}(?![\u4e00-\u9fff]))?")
# a bare quoted name is a programme where it stands as a noun; before 改革, 制度, 战略, 模式, 企业 …
# it qualifies the word after it (“放管服”改革, “四上”企业倍增计划)
STANDS_ALONE = re.compile(r"[,。;、:“\n]|建设|系列|试点|务实|互认|等|和|与|及|$")


def find_quoted_programmes(doc: Document, lexicon: Lexicon, index: SentenceIndex) -> list[Mention]:
    """Programmes a plan names in quotes after a programme verb (实施/开展/推进/参与 …): each quoted
    name is one; a kind word right after the quote belongs to it (“乡村工匠”计划), other words
    after it (“科创成果直通车”系列活动) vary between mentions and do not."""
    text, found = doc.text, []
    strategies = strategy_titles(text)
    for m in QUOTED_PROGRAMMES.finditer(text):
        for q in ONE_QUOTED.finditer(text, m.start(1), m.end(1)):
            core = q.group(1)[1:-1]
            titled = None if q.group(2) else TITLE_AFTER_QUOTE.match(text, q.end(1))
            words = titled.group()[: -len(titled.group(1))] if titled else ""
            if titled and core not in strategies and not is_generic(words, lexicon, ("系列",)) and not lexicon.suffix_type(words):
                a, b = q.start(1), titled.end()  # 实施“襄智+”场景开放计划: the words up to the kind are the title's
                # (but “X”系列活动, “X”创新活动: common words there vary between mentions, the quote is the name)
                found.append(_mention(doc, index, text[a:b], "Program", a, b, "quoted:programme"))
                continue
            if "+" in core and not q.group(2) or core in strategies:
                continue  # “承诺制+标准地”: a formula (but “AI+制造”工程 is titled); “东接东融”战略: a strategy, not a programme
            if q.group(2):
                a, b = q.start(1), q.end(2)
                found.append(_mention(doc, index, text[a:b], "Program", a, b, "quoted:programme"))
            elif STANDS_ALONE.match(text, q.end(1)) and not slogan(core, lexicon):
                found.append(_mention(doc, index, core, "Program", q.start(1) + 1, q.end(1) - 1, "quoted:programme"))
    return found


# a title that goes on after its quote to its kind word: “襄智+”场景开放计划, “科创城固”科技成果对接会
TITLE_AFTER_QUOTE = re.compile(r"[\u4e00-\u9fffA-Za-z]{0,8}?(计划|工程|行动|活动|项目|专项|大赛|大会|对接会|推介会|论坛|峰会|活动周)(?![\u4e00-\u9fff])")


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
            found.append(_mention(doc, index, item, "Firm", a, b, "enumeration:enterprise centre"))
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
        found.append(_mention(doc, index, name, "Firm", a, b, "enumeration:frame"))
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
                    a = max(floor, _trade_name_start(text, a, lexicon))  # 推动华为等: 为 is in the name
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
            found.append(_mention(doc, index, name, type_, a, b, f"enumeration:{m.group(2)}"))
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
            found.append(_mention(doc, index, r.name, "Firm", a, b, "enumeration:beside a name"))
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


def find_quoted_products(doc: Document, lexicon: Lexicon, index: SentenceIndex) -> list[Mention]:
    found = []
    for m in QUOTED.finditer(doc.text):
        for ending, type_ in lexicon.quoted_products:
            if m.group(1).endswith(ending):
                found.append(_mention(doc, index, m.group(1), type_, m.start(1), m.end(1), f"quoted:{ending}"))
                break
    return found


def find_user_entities(doc: Document, lexicon: Lexicon, index: SentenceIndex) -> list[Mention]:
    found = []
    for name, type_ in lexicon.user_entities:
        for m in re.finditer(re.escape(name), doc.text):
            found.append(_mention(doc, index, name, type_, m.start(), m.end(), "lexicon:user"))
    return found


def find_issuer(doc: Document, index: SentenceIndex) -> list[Mention]:
    """The issuing body, where the text first names it (the 通知's title line, a signature)."""
    issuer = doc.metadata.issuer
    at = doc.text.find(issuer) if issuer else -1
    if at < 0:
        return []
    found = []
    for body in re.finditer(r"[^\s、]+", issuer):  # 中共常州市委 常州市人民政府: two bodies issue it together
        found.append(_mention(doc, index, body.group(), "Department", at + body.start(), at + body.end(), "metadata:issuer"))
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
                found.append(_mention(doc, index, m.group(), full.type, m.start(), m.end(), f"abbreviation:{full.name}"))
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


