"""Read quantitative targets (指标) from indicator tables and from target sentences.

Tables: a header with an indicator column and year columns (2020年基数 | 2025年目标).
Sentences: "到2025年,X达到N单位以上", "2019年、2020年X分别达到a、b", "新增A 1000家,B 1500家"
(B inherits 新增), "由a提高到b" (baseline and target). Sentences of background sections
(发展基础, 形势) report the past and give no targets.
"""

from __future__ import annotations

import re
from dataclasses import replace

import cn2an

from ..ingest.metadata import FIVE_YEAR
from ..model import Document, Target
from ..vocabulary.lexicon import Lexicon, dictionary_words
from .sentences import SentenceIndex, unit_at

# counters as plans write them: of bodies and things (家, 个, 场), of people, of money, of computing
# power (PFlops), of energy and land; longer ones first (个百分点 before 个, 万人次 before 万人)
UNITS = (r"(?:%|‰|个百分点|万亿元|亿元|万元|元|万家|万个|万项|万件|万名|万台|万套|万户|万人次|亿人次|人次|万人|万千瓦|千瓦|兆瓦"
         r"|万吨|吨|万亩|亩|万平方米|平方米|公里|EFlops|PFlops|EFLOPS|PFLOPS|EF|PF"
         r"|家|个|名|项|件|人|所|座|倍|台|套|条|篇|次|场|批|支|种|届|处|款|部|亿|万)")
NUMBER = r"\d+(?:\.\d+)?"
# a value's verb: a comparison (突破3000亿元: more than that) or a level reached (达到2万家)
COMPARISONS = ("突破", "超过", "不少于", "不低于")
LEVELS = ("达到", "提高到", "提高至", "提升到", "提升至", "增长到", "增长至", "增至", "增加到", "保持在", "控制在", "达")
VALUE = re.compile(
    rf"(?P<verb>{'|'.join(COMPARISONS + LEVELS)})?"
    rf"(?P<num>{NUMBER})(?:\s*[—\-~至到]\s*(?P<num2>{NUMBER}))?\s*(?P<unit>{UNITS})(?P<qual>以上|左右|以内|以下)?"
)
YEAR = re.compile(r"(?:(?:到|至|截至|截止到|截止)\s*)?((?:19|20)\d{2})\s*年(?:底|末)?")
MULTI = re.compile(rf"分别(?:达到|为|突破|超过)?((?:{NUMBER}\s*{UNITS}?(?:以上|左右)?\s*[、和及]\s*)+{NUMBER}\s*{UNITS}?(?:以上|左右)?)")
BASELINE = re.compile(rf"(?:由|从)\s*(?:((?:19|20)\d{{2}})年的?)?\s*({NUMBER})\s*{UNITS}?\s*(?:提高|增长|提升|增加|扩大)(?:到|至)")
# what a count's name may open with (新增高新技术企业), or, after its noun, end with (X新增100家)
PERIODS = "每年|年均|累计|全年"
NEWLY = "新增|新建|新培育|新引进培育|引进培育|新引进|新认定|新获批"
LEAD = re.compile(rf"^((?:{PERIODS}|力争)?(?:{NEWLY}|培育|建设|建成|创建|争创|打造|形成|认定|组织实施|柔性引进|遴选|引进)*)")
# money a plan pays (给予最高100万元奖励) or a threshold that picks who is meant (营业收入1亿元以上的企业): no target
EXISTING_BEFORE = re.compile(r"(?:依托|利用|围绕|聚焦|整合|现有|拥有)$")  # 依托9个园区: what exists, not a target
SUBSIDY_BEFORE = re.compile(r"(?:给予|最高|奖励|补助|补贴|资助|减按|一次性|按照|按)[^,;。]{0,4}$")
PER_HEAD = re.compile(r"(?:每人|每名|每户|每家|每个|每项|每套)[^,;。]{0,4}$")  # 每人1万元: money per head is paid, not reached
SUBSIDY_AFTER = re.compile(r"^(?:的)?(?:奖励|补助|补贴|资助|支持|扶持)")
THRESHOLD_AFTER = re.compile(r"^(?:以上|以下)?的")
TRAILING_LEAD = re.compile(rf"(?:{PERIODS})?(?:{NEWLY})$")
STRIP = re.compile(r"^(?:[,、;:]|到|至|其中|力争|确保|预计|全市|全省|我市|实现|使|年底|年末|底|末|\s)+")
PAST = re.compile(r"十[一二三]五(?:期间|以来|时期)|已经|已建成|现有|截至目前|目前已")


def parse_number(text: str) -> tuple[float | None, str]:
    """Read a table cell or value: (number, qualifier).

    >>> parse_number("3.75左右"), parse_number("—")
    ((3.75, '左右'), (None, ''))
    """
    m = re.search(NUMBER, text or "")
    if not m:
        return None, ""
    qual = re.search(r"以上|左右|以内|以下|突破|不少于|不低于|超过", text)
    return float(m.group()), qual.group() if qual else ""


def _indicator_and_unit(name: str) -> tuple[str, str]:
    m = re.search(r"[((]([^()()]{1,8})[))]\s*$", name)
    if m and re.fullmatch(UNITS + r"|万人|亿元|个百分点|‰|%", m.group(1)):
        return name[: m.start()].strip(), m.group(1)
    return name.strip(), ""


def targets_from_tables(doc: Document, index: SentenceIndex) -> list[Target]:
    found = []
    for row in doc.tables:
        header = row.header
        name_col = next((i for i, h in enumerate(header) if re.search(r"指标|名称|项目", h)), None)
        if name_col is None or name_col >= len(row.cells):
            continue
        base_col = next((i for i, h in enumerate(header) if re.search(r"基数|基期|现状|基准", h)), None)
        goal_cols = [i for i, h in enumerate(header) if re.search(r"目标|预期|规划|(?:19|20)\d{2}年?$", h) and i != base_col and i != name_col
                     and not re.fullmatch(r"属性|指标属性", h)]
        if base_col is None:  # 2020年 | 2025年 with no word saying which is the base: the year before the plan's period is
            years = [(int(y.group()), i) for i in goal_cols if (y := re.search(r"(?:19|20)\d{2}", header[i]))]
            start = doc.metadata.period_start
            if len(years) >= 2 and (start is None or min(years)[0] < start):
                base_col = min(years)[1]
                goal_cols = [i for i in goal_cols if i != base_col]
        indicator, unit = _indicator_and_unit(row.cells[name_col])
        unit_col = next((i for i, h in enumerate(header) if h in ("单位", "计量单位")), None)
        if unit_col is not None and unit_col < len(row.cells) and row.cells[unit_col]:
            unit = row.cells[unit_col]  # a unit column says it for every row
        base_value, base_year = None, None
        if base_col is not None and base_col < len(row.cells):
            base_value, _ = parse_number(row.cells[base_col])
            y = re.search(r"(?:19|20)\d{2}", header[base_col])
            base_year = int(y.group()) if y else doc.metadata.period_start and doc.metadata.period_start - 1
        for col in goal_cols:
            if col >= len(row.cells):
                continue
            value, qual = parse_number(row.cells[col])
            if value is None:
                continue
            y = re.search(r"(?:19|20)\d{2}", header[col])
            year = int(y.group()) if y else doc.metadata.period_end
            a = row.span[0] + doc.text[row.span[0] : row.span[1]].find(row.cells[name_col])
            found.append(Target(indicator, value, (a, a + len(row.cells[name_col])), index.around(row.span[0]), "table",
                                unit=unit, year=year, baseline=base_value, baseline_year=base_year, qualifier=qual,
                                value_text=row.cells[col], measure=unit_at(doc.units, row.span[0])))
    return found


def _counted(clause: str, at: int) -> tuple[str, int] | None:
    """What a number counts when the count comes first (新培育2家创新型研发机构): the words after
    it, and where they end. Where they describe it first (50家创新能力强、成长性好的“瞪羚”企业),
    the thing counted is what follows the last 的."""
    phrase = re.match(r"[^,;。\d]{2,60}", clause[at:])
    if phrase and "的" in phrase.group():
        head = phrase.group().rsplit("的", 1)[1]
        if 2 <= len(head) <= 30 and "、" not in head:
            return head, phrase.end()
    words = re.match(r"[^、,;。\d]{2,30}", clause[at:])
    return (words.group(), words.end()) if words else None


def only_verbs(name: str) -> bool:
    """Is a name only verbs of two characters each, so the count's noun comes after it?

    >>> only_verbs("培养引进"), only_verbs("每年遴选支持"), only_verbs("高层次人才")
    (True, True, False)
    """
    words = dictionary_words()
    name = re.sub(rf"^(?:{PERIODS})", "", name)
    chunks = [name[i : i + 2] for i in range(0, len(name), 2)]
    return bool(name) and len(name) % 2 == 0 and all(words.get(c, (0, ""))[1] == "v" for c in chunks)


FIELD = re.compile(r"^(?:支持|鼓励)?(?:在|围绕|聚焦|面向)?[^,;。]{1,40}?等?[^,;。等]{0,6}?(?:领域|方向|行业)(?:内|中)?")


def _clean_name(name: str) -> str:
    name = name.rsplit(":", 1)[-1]  # 创新能力显著增强:全社会研发投入年均增速 — the heading is no part of it
    name = re.sub(r"^\s*(?:\d{1,2}[.、]|\(\d{1,2}\)|[①-⑳]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)", "", name)
    name = YEAR.sub("", name)
    name = re.sub(r"^[、,和及与]+", "", name)
    name = STRIP.sub("", name)
    name = FIELD.sub("", name)  # 在氢能储能等未来产业领域布局组建N个X: the field is where, not what
    name = re.sub(r"(?:分别|均|的|总量|数量|规模)?(?:达到|突破|超过|不少于|不低于|为|达)?$", "", name)
    return name.strip(" ,、")


CN_YEAR = re.compile(r"[一二三四五六七八九〇零O0]{4}(?=年)")
CN_DIGIT = str.maketrans("〇零O0一二三四五六七八九", "000012345678" + "9")
TIMES = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "十": 10, "2": 2, "3": 3, "4": 4, "5": 5}
DOUBLING = re.compile(
    rf"(?:由|从|在)?\s*((?:19|20)\d{{2}})年的?\s*({NUMBER})\s*({UNITS})?(?:的基础上)?\s*(?:实现|再)?"
    rf"(?:(翻一番|翻番|翻两番|翻三番)|(增长|提高|增加)?(到|至|为|达到)?([两二三四五十2345])倍)"
)


# the end of a five-year plan's period, written as long as its year so offsets hold:
# “十四五”末 → 2025年末, 十四五期末 → 2025年
PERIOD_END = re.compile(r"“(十[一二三四五六七八九]?五)”(?=末|期末|时期末)|(十[一二三四五六七八九]?五)期末")


def _period_end(m: re.Match) -> str:
    start = FIVE_YEAR.get(m.group(1) or m.group(2))
    if start is None:
        return m.group()
    return f"{start + 4}年"


def digit_years(sentence: str) -> str:
    """Write 二0三五年 as 2035年 and the end of a plan period (“十四五”末) as its year, each
    in as many characters as it had, so offsets hold.

    >>> digit_years("到二0三五年"), digit_years("到“十四五”末,"), digit_years("十三五期末")
    ('到2035年', '到2025年末,', '2020年')
    """
    sentence = PERIOD_END.sub(_period_end, sentence) if "五" in sentence else sentence
    return CN_YEAR.sub(lambda m: m.group().translate(CN_DIGIT), sentence)


def doubling_targets(doc: Document, a: int, b: int, sentence: str, year, index) -> list[Target]:
    """翻番 / 两倍 with a stated base: the target is the base times the factor."""
    found = []
    for m in DOUBLING.finditer(sentence):
        factor = {"翻一番": 2, "翻番": 2, "翻两番": 4, "翻三番": 8}.get(m.group(4) or "", 0)
        if not factor and m.group(7):
            # 增长两倍 adds twice the base (×3); 增长到两倍 / 达到两倍 is twice the base
            factor = TIMES.get(m.group(7), 0) + (1 if m.group(5) and not m.group(6) else 0)
        if not factor:
            continue
        head = re.split(r"[,;。]", sentence[: m.start()])[-1] if m.start() else ""
        name = _clean_name(re.sub(r"(?:由|从|在)$", "", head))
        base = float(m.group(2))
        found.append(Target(name, base * factor, (a + m.start(), a + m.end()), (a, b), f"sentence:{m.group(4) or '倍'}",
                            unit=m.group(3) or "", year=year, baseline=base, baseline_year=int(m.group(1)),
                            qualifier=m.group(4) or f"{m.group(7)}倍", value_text=m.group(0), measure=unit_at(doc.units, a)))
    return found


PARAGRAPH = 3000  # how far back a paragraph's 到2025年 is looked for (a plan on one line has no paragraphs)


WINDOW = re.compile(r"[\d一二两三四五六七八九十]+年(?:内|之内|时间)")


def _context_year(doc: Document, offset: int) -> int | None:
    """A '到2025年' earlier in the same paragraph sets the year of the sentences after it."""
    line_start = doc.text.rfind("\n", max(0, offset - PARAGRAPH), offset) + 1 or max(0, offset - PARAGRAPH)
    window = doc.text[line_start:offset]
    years = CONTEXT_YEAR.findall(window) or CONTEXT_YEAR.findall(digit_years(window))  # digits first: the common case, and cheap
    if years:
        return int(years[-1])
    return _list_opener_year(doc.text, line_start) if LIST_ITEM.match(doc.text[line_start : line_start + 8]) else None


CONTEXT_YEAR = re.compile(r"(?:到|至)\s*((?:19|20)\d{2})\s*年")


LIST_OPENER = re.compile(r"^\s*(?:到|至)\s*((?:19|20)\d{2})\s*年[^\n]{0,120}[::]\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[((]\d{1,2}[))]|\d{1,2}[.、.]|[①-⑳]|——|[一二三四五六七八九十]{1,2}是)")


def _list_opener_year(text: str, line_start: int, max_lines: int = 12) -> int | None:
    """The year of a list's opening line (到2025年,…主要目标是:) for the items under it, each
    on a line of its own ((1)… (2)…): looked for over the item lines just before this one."""
    end = line_start - 1
    for _ in range(max_lines):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = digit_years(text[start:end])
        opener = LIST_OPENER.match(line)
        if opener:
            return int(opener.group(1))
        if not LIST_ITEM.match(line) and start != line_start:
            return None  # a line that is no item of the list: the list, if any, ended there
        end = start - 1
    return None


def _sentence_years(sentence: str) -> list[int]:
    return [int(y) for y in YEAR.findall(sentence)]


# a count in Chinese numerals: 十家, 两万个, 三百名 (not 一流, 统一, 十四五, 第三: a counter must follow)
# (after a noun too: 新增高新技术企业三百家, 建成研究中心十个; but not 百家争鸣, 千家万户)
CN_COUNT = re.compile(r"(?<![第\u4e00-\u9fff])([零一二两三四五六七八九十百千]+(?:万|亿)?)(?=[家个项名所座批件种类支次人倍])"
                      r"|(?<=[新增建成培育引进达到突破超过不少于低于至为])([零一二两三四五六七八九十百千]+(?:万|亿)?)(?=[家个项名所座批件种类支次人倍])"
                      r"|(?<=[\u4e00-\u9fff])(?<![第每逐统唯万之零一二两三四五六七八九十百千])([一二两三四五六七八九]?[十百千][零一二两三四五六七八九十百千]*(?:万|亿)?|[两三四五六七八九])"
                      r"(?=[家个项名所座批件])(?!家争鸣|家万户|个一批)")


def arabic_numerals(text: str) -> tuple[str, list[int]]:
    """The text with counts in Chinese numerals written in digits (新增十家 → 新增10家, by cn2an),
    and for each character of it where it stands in the original (one more for the end), so
    that a target's span still points at the words as written.

    >>> arabic_numerals("新增十家,引进两万名")[0]
    '新增10家,引进20000名'
    """
    out, where, last = [], [], 0
    for m in CN_COUNT.finditer(text):
        if m.group() == "一" or text.count("“", 0, m.start()) > text.count("”", 0, m.start()):
            continue  # 一个运营主体 is "a", not a count; “三个一批” is a slogan
        try:
            value = cn2an.cn2an(m.group(), "smart")
        except ValueError:
            continue
        out.append(text[last : m.start()])
        where.extend(range(last, m.start()))
        digits = f"{value:g}" if isinstance(value, float) else str(value)
        out.append(digits)
        where.extend([m.start()] * (len(digits) - 1) + [m.end() - 1])
        last = m.end()
    out.append(text[last:])
    where.extend(range(last, len(text) + 1))
    return "".join(out), where


def targets_from_sentence(doc: Document, a: int, b: int, index: SentenceIndex, task_row: bool = False) -> list[Target]:
    """Targets of one sentence, or none if it reports the past; counts in Chinese numerals
    (新增十家) are read as digits, their spans kept on the words as written. A task table's
    cell commits to every count it holds (共建基地3个), whatever its verb."""
    sentence = doc.text[a:b]
    if not CN_COUNT.search(sentence):  # most sentences: no Chinese numeral to rewrite, spans as they are
        return _targets_of_sentence(doc, a, b, index, digit_years(sentence), task_row)
    written, where = arabic_numerals(sentence)
    found = _targets_of_sentence(doc, a, b, index, digit_years(written), task_row)
    if len(written) == b - a:
        return found  # no numeral rewritten: the spans are the text's own

    def back(x: int) -> int:
        return a + where[min(max(x - a, 0), len(where) - 1)]

    return [replace(t, span=(back(t.span[0]), back(t.span[1] - 1) + 1)) for t in found]


def _targets_of_sentence(doc: Document, a: int, b: int, index: SentenceIndex, sentence: str, task_row: bool = False) -> list[Target]:
    meta = doc.metadata
    if PAST.search(sentence):
        return []
    years = _sentence_years(sentence)
    committed = task_row or re.search(r"达到|突破|超过|提高到|提高至|提升到|提升至|增长到|增至|保持在|控制在|新增|新建|培育|力争|每年|不少于|以上|全年|引进|规模\d|争创|形成|打造|建成|布局|达\d", sentence)
    # in an annual plan a count that closes its clause is the year's work (选派科技副总50名); one before a noun
    # counts what exists (推进7家驻郑高校…) or titles something (八项规定)
    this_years = meta.kind == "年度工作要点" and re.search(r"\d\s*(?:家|个|项|名|件|所|座|批|场|次|人)(?:以上|左右)?\s*(?:[,;。]|$)", sentence)
    if not years and not committed and not this_years and "翻" not in sentence and "倍" not in sentence:
        return []  # no year, no commitment, no doubling: nothing to read (and the context need not be looked for)
    start = meta.period_start or 0
    context = _context_year(doc, a)
    default_year = meta.period_start if meta.kind == "年度工作要点" else None
    found = doubling_targets(doc, a, b, sentence, context or default_year or meta.period_end, index)
    taken = [t.span for t in found]
    if years and max(years) < start:
        return found
    if not years and not committed and not this_years:
        return found
    multi = MULTI.search(sentence)
    if multi and len(years) >= 2:
        values = [m for m in VALUE.finditer(multi.group(1))] or []
        nums = re.findall(NUMBER, multi.group(1))
        unit = re.search(UNITS, multi.group(1))
        name = _clean_name(sentence[: multi.start()].split(",")[-1] if "," in sentence[: multi.start()] else sentence[: multi.start()])
        for year, num, m in zip(years[-len(nums):], nums, values or [None] * len(nums)):
            found.append(Target(name, float(num), (a + multi.start(), a + multi.end()), (a, b), "sentence:分别",
                                unit=unit.group() if unit else "", year=year, qualifier=(m.group("qual") or "") if m else "",
                                value_text=num, measure=unit_at(doc.units, a)))
        return found
    lead = ""
    for clause in re.finditer(r"[^,;。]+", sentence):
        ctext = clause.group()
        cyears = _sentence_years(sentence[: clause.end()])
        year = cyears[-1] if cyears else (context or default_year)
        if WINDOW.search(ctext) and not YEAR.search(ctext):
            year = None  # 三年内建成…: a window from an unstated start, not a year
        prev, baseline_of_next, name_of_next = 0, None, None
        for m in VALUE.finditer(ctext):
            if any(x <= a + clause.start() + m.start() < y for x, y in taken):
                prev = m.end()
                continue  # the base of a 翻番 / 倍 target
            if m.group("unit") in ("万", "亿") or re.match(r"(?:19|20)\d{2}$", m.group("num")) and m.group("unit") == "":
                continue
            if ctext[m.end() : m.end() + 1] in ("年", "月", "日"):
                continue
            rest = ctext[m.end() :]
            money = m.group("unit").endswith("元")
            if EXISTING_BEFORE.search(ctext[: m.start()]) or SUBSIDY_BEFORE.search(ctext[: m.start()]) or SUBSIDY_AFTER.match(rest) or money and PER_HEAD.search(ctext[: m.start()]) or money and THRESHOLD_AFTER.match(rest) and not ctext[: m.start()].endswith("规模"):
                prev = m.end()
                continue  # a subsidy, an award or a threshold, not a quantity the plan commits to
            if re.match(r"(?:提高|增长|提升|增加|扩大)(?:到|至)", ctext[m.end() : m.end() + 3]):
                baseline_of_next, name_of_next = float(m.group("num")), ctext[prev : m.start()]
                prev = m.end()
                continue  # 由1.2%提高到2.0%: the first number is the baseline
            raw = name_of_next if name_of_next is not None else ctext[prev : m.start()]
            after = _counted(ctext, m.end())
            prev = m.end()
            each = raw.endswith("各")
            raw = raw[:-1] if each else raw
            base = BASELINE.search(raw + (m.group("verb") or ""))
            baseline = float(base.group(2)) if base else baseline_of_next
            if base:
                raw = raw[: base.start()]
            raw = re.sub(r"(?:由|从)$", "", raw)
            baseline_of_next, name_of_next = None, None
            name = _clean_name(raw)
            trailing = TRAILING_LEAD.search(name)
            if trailing and trailing.start():
                name = trailing.group() + name[: trailing.start()]  # X企业新增100家: 新增X企业, as 新增X企业100家 is named
            own = LEAD.match(name).group(1)
            if after and raw.endswith("规模") and "的" in ctext[m.end() : m.end() + after[1]]:
                name, prev = after[0] + "规模", m.end() + after[1]  # 设立规模50亿元的X基金: X基金规模
            elif after and (not name or own == name or only_verbs(name)):
                name = name + after[0]  # quantity first: 新培育2家创新型研发机构
                prev = m.end() + after[1]
            if len(name) < 2 or len(name) > 40:
                continue
            if own:
                lead = own
            elif lead and m.group("verb") not in LEVELS + ("突破", "超过") and not re.match(r"每年|累计", name):
                name = lead + name  # 新增A 1000家,B不少于1500家; but B达到2万家, B突破150亿元 are levels of their own
            qual = m.group("qual") or (m.group("verb") if m.group("verb") in COMPARISONS else "")
            for part in (name.split("、") if each else [name]):
                found.append(Target(part, float(m.group("num")), (a + clause.start() + m.start(), a + clause.start() + m.end()),
                                    (a, b), f"sentence:{m.group('verb') or 'value'}", unit=m.group("unit"), year=year,
                                    baseline=baseline, qualifier=qual, value_text=m.group(0), measure=unit_at(doc.units, a)))
    return found


def _dedupe(targets: list[Target]) -> list[Target]:
    """One target per indicator, value and year: a plan often repeats its goals in its measures.
    Never in one sentence, though: two alike names there are two things (“瞪羚”企业, “独角兽”企业)."""
    kept: list[Target] = []
    for t in targets:
        twin = next((k for k in kept if k.value == t.value and k.unit == t.unit and (k.sentence != t.sentence or k.indicator == t.indicator)
                     and _is_range(k) == _is_range(t)
                     and (k.year == t.year or k.year is None or t.year is None)
                     and (k.indicator in t.indicator or t.indicator in k.indicator or _overlap(k.indicator, t.indicator) >= 0.6 * min(len(k.indicator), len(t.indicator)))), None)
        if twin is None:
            kept.append(t)
    return kept


def _is_range(t: Target) -> bool:
    """Is the value a range? 组建5—8家 is another target than 不少于5家, though both read 5."""
    return bool(re.search(r"\d\s*[—\-~至到]\s*\d", t.value_text or ""))


def _overlap(x: str, y: str) -> int:
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, x, y).find_longest_match(0, len(x), 0, len(y))
    return m.size


DEADLINE = re.compile(r"期限|时限|完成时间|时间节点")
TASK = re.compile(r"任务|工作|内容|举措|措施")


def targets_from_task_rows(doc: Document, index: SentenceIndex, taken: set[int]) -> list[Target]:
    """A task table (序号 | 重点工作任务 | 主要责任单位 | … | 完成期限): the targets a task cell sets,
    in the year of its row's deadline (2025年12月底 → 2025) where the row gives one."""
    found = []
    for row in doc.tables:
        deadline = next((k for k, h in enumerate(row.header) if DEADLINE.search(h)), None)
        task = next((k for k, h in enumerate(row.header) if TASK.search(h) and not DEADLINE.search(h)), None)
        if deadline is None or task is None or max(deadline, task) >= len(row.cells) or row.span[0] in taken:
            continue
        year = re.search(r"(?:19|20)\d{2}", digit_years(row.cells[deadline]))
        at = doc.text.find(row.cells[task], row.span[0], row.span[1])
        if at < 0 or not row.cells[task]:
            continue
        for t in targets_from_sentence(doc, at, at + len(row.cells[task]), index, task_row=True):
            found.append(replace(t, year=int(year.group()) if year else t.year, rule=t.rule + "+deadline"))
    return found


def extract_targets(doc: Document, lexicon: Lexicon) -> list[Target]:
    index = SentenceIndex(doc.text)
    found = targets_from_tables(doc, index)
    roles = {u.number: lexicon.section_role(u.title) for u in doc.units}
    parents = {u.number: u.parent for u in doc.units}

    def background(number):
        while number:
            if roles.get(number) == "background":
                return True
            number = parents.get(number)
        return False

    found.extend(targets_from_task_rows(doc, index, {t.span[0] for t in found}))
    table_spans = [r.span for r in doc.tables]
    for a, b in index.spans:
        if any(x <= a < y for x, y in table_spans):
            continue
        if background(unit_at(doc.units, a)):
            continue
        found.extend(targets_from_sentence(doc, a, b, index))
    return _dedupe(found)
