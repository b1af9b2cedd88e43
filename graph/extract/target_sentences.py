"""Targets in sentences: "到2025年,X达到N单位以上", "2019年、2020年X分别达到a、b",
"新增A 1000家,B 1500家" (B inherits 新增), "由a提高到b" (baseline and target); money paid per
head is a subsidy, not a target.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document, Target
from ..vocabulary.lexicon import dictionary_words
from .quantities import CN_COUNT, DOUBLING, NUMBER, TIMES, UNITS, arabic_numerals
from .sentences import SentenceIndex, unit_at
from .target_years import WINDOW, YEAR, context_year, digit_years, sentence_years

# a value's verb: a comparison (突破3000亿元: more than that) or a level reached (达到2万家)
COMPARISONS = ("突破", "超过", "不少于", "不低于")
LEVELS = ("达到", "提高到", "提高至", "提升到", "提升至", "增长到", "增长至", "增至", "增加到", "保持在", "控制在", "达")
VALUE = re.compile(
    rf"(?P<verb>{'|'.join(COMPARISONS + LEVELS)})?"
    rf"(?P<num>{NUMBER})(?:\s*[—\-~至到]\s*(?P<num2>{NUMBER}))?\s*(?P<unit>{UNITS})(?P<qual>以上|左右|以内|以下)?"
)
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
    years = sentence_years(sentence)
    committed = task_row or re.search(r"达到|突破|超过|提高到|提高至|提升到|提升至|增长到|增至|保持在|控制在|新增|新建|培育|力争|每年|不少于|以上|全年|引进|规模\d|争创|形成|打造|建成|布局|达\d", sentence)
    # in an annual plan a count that closes its clause is the year's work (选派科技副总50名); one before a noun
    # counts what exists (推进7家驻郑高校…) or titles something (八项规定)
    this_years = meta.kind == "年度工作要点" and re.search(r"\d\s*(?:家|个|项|名|件|所|座|批|场|次|人)(?:以上|左右)?\s*(?:[,;。]|$)", sentence)
    if not years and not committed and not this_years and "翻" not in sentence and "倍" not in sentence:
        return []  # no year, no commitment, no doubling: nothing to read (and the context need not be looked for)
    start = meta.period_start or 0
    context = context_year(doc, a)
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
        cyears = sentence_years(sentence[: clause.end()])
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
