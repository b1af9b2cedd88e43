"""Targets in tables: indicator tables (指标 | 2020年基数 | 2025年目标) and the counts of
task tables (共建基地3个 in a row whose 完成时限 gives the year).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document, Target
from .quantities import UNITS, parse_number
from .sentences import SentenceIndex, unit_at
from .target_sentences import targets_from_sentence
from .target_years import digit_years


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
