"""The year a target is for: stated in its sentence, in the list or paragraph it
belongs to (到2025年: 1. … 2. …), or the end of a period (“十四五”末 → 2025).
"""

from __future__ import annotations

import re

from ..ingest.metadata import FIVE_YEAR
from ..model import Document
from .quantities import CN_DIGIT, CN_YEAR

YEAR = re.compile(r"(?:(?:到|至|截至|截止到|截止)\s*)?((?:19|20)\d{2})\s*年(?:底|末)?")
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


PARAGRAPH = 3000  # how far back a paragraph's 到2025年 is looked for (a plan on one line has no paragraphs)
WINDOW = re.compile(r"[\d一二两三四五六七八九十]+年(?:内|之内|时间)")


def context_year(doc: Document, offset: int) -> int | None:
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


def sentence_years(sentence: str) -> list[int]:
    return [int(y) for y in YEAR.findall(sentence)]
