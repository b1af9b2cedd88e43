"""Quantities as plans write them: numbers in Arabic digits or Chinese numerals (一百二十家),
with 万/亿, ranges and multiples (翻一番), and the units they count in (亿元, 家, PFlops, 亩).
"""

from __future__ import annotations

import re

import cn2an

# counters as plans write them: of bodies and things (家, 个, 场), of people, of money, of computing
# power (PFlops), of energy and land; longer ones first (个百分点 before 个, 万人次 before 万人)
UNITS = (r"(?:%|‰|个百分点|万亿元|亿元|万元|元|万家|万个|万项|万件|万名|万台|万套|万户|万人次|亿人次|人次|万人|万千瓦|千瓦|兆瓦"
         r"|万吨|吨|万亩|亩|万平方米|平方米|公里|EFlops|PFlops|EFLOPS|PFLOPS|EF|PF"
         r"|家|个|名|项|件|人|所|座|倍|台|套|条|篇|次|场|批|支|种|届|处|款|部|亿|万)")


NUMBER = r"\d+(?:\.\d+)?"


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


CN_YEAR = re.compile(r"[一二三四五六七八九〇零O0]{4}(?=年)")
CN_DIGIT = str.maketrans("〇零O0一二三四五六七八九", "000012345678" + "9")
TIMES = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "十": 10, "2": 2, "3": 3, "4": 4, "5": 5}
DOUBLING = re.compile(
    rf"(?:由|从|在)?\s*((?:19|20)\d{{2}})年的?\s*({NUMBER})\s*({UNITS})?(?:的基础上)?\s*(?:实现|再)?"
    rf"(?:(翻一番|翻番|翻两番|翻三番)|(增长|提高|增加)?(到|至|为|达到)?([两二三四五十2345])倍)"
)
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
