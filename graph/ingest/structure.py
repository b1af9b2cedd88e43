"""Find chapters, sections and measures from the numbering Chinese plans use.

一、 chapter; (一) section; 1. / 1、 item; (1) / ① sub-item; ——lead phrase; 专栏 box
and its "名称:" items; plain paragraphs that open with a short lead phrase ending in 。
(推动全国重点实验室提质增量。…) are measures of their section. Lines with pipes are
table rows. Web pages that put a whole chapter on one line are split at markers that
follow white space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import Span, TableRow, Unit
from ..vocabulary.lexicon import Lexicon

CN = "一二三四五六七八九十"
MARKERS = (
    # 第三章 / 第一节 stand above 一、 and (一) where a plan uses both; their number keeps the words
    ("chapter", 0.5, re.compile(rf"(第[{CN}]{{1,3}}章)\s*")),
    ("section", 0.8, re.compile(rf"(第[{CN}]{{1,3}}节)\s*")),
    ("chapter", 1, re.compile(rf"([{CN}]{{1,3}})、\s*")),
    ("chapter", 1, re.compile(r"(附件\s*\d{0,2})\s*[::]?\s*(?=\S)")),  # 附件:重点任务分解表, a chapter of its own
    ("section", 2, re.compile(rf"\(([{CN}]{{1,3}})\)\s*")),
    ("item", 3, re.compile(r"(\d{1,2})(?:[、.](?!\d)|\s)\s*")),
    ("subitem", 4, re.compile(r"\((\d{1,2})\)\s*")),
    ("subitem", 4, re.compile(r"([①-⑳])\s*")),
    ("box", 3.5, re.compile(rf"(专栏\s*[{CN}\d]*)\s*[::]?\s*")),
)
LEAD_DASH = re.compile(r"——\s*")
INLINE_SPLIT = re.compile(rf"\s+(?=(?:第[{CN}]{{1,3}}[章节]|[{CN}]{{1,3}}、|\([{CN}]{{1,3}}\)|\d{{1,2}}、|专栏[{CN}\d]+))")
BOX_ITEM = re.compile(r"([^\s::,。;、]{2,30})[::]\s*(?=\S)")
BOX_ITEM_SPLIT = re.compile(r"\s+(?=[^\s::,。;、|]{2,30}[::])")
HEAD_END = re.compile(r"[。;:!?]|\s{1,}(?=\S)")
LEAD_PHRASE = re.compile(r"([^,。;:()]{3,24}?)。(?=\S)")


@dataclass
class _Node:
    kind: str
    rank: float
    marker: str
    title: str
    start: int
    head_end: int
    end: int
    parent: _Node | None = None
    children: list = field(default_factory=list)
    number: str = ""


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines, split again where a marker follows white space mid-line.

    >>> t = "一、总体 (一)目标 到2025年。"
    >>> [t[a:b] for a, b in split_paragraphs(t)]
    ['一、总体', '(一)目标 到2025年。']
    """
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        cuts = [m.start()] + [m.start() + s.end() for s in INLINE_SPLIT.finditer(m.group())] + [m.end()]
        for a, b in pairwise(cuts):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                spans.append((a, b))
    return spans


def heading_end(text: str, start: int, end: int) -> int:
    """Where a unit's heading stops: at the first 。;: or a gap of white space."""
    m = HEAD_END.search(text, start, end)
    return m.start() if m else end


HEADER_WORDS = re.compile(r"指标|名称|序号|单位|部门|任务|措施|内容|事项|目标|基数|年份|类别|项目|备注|时限|完成时间")
DUTY_COLUMN = re.compile(r"牵头|责任|配合|参与|协办|主办")
TASK_COLUMN = re.compile(r"任务|措施|内容|事项|工作|项目|举措")


def is_header(cells: tuple[str, ...]) -> bool:
    """A header row names its columns: short cells, header words, no numbers."""
    filled = [c for c in cells if c]
    if any(re.fullmatch(r"[\d.,%—\-]+", c) for c in filled):
        return False
    return sum(bool(HEADER_WORDS.search(c)) and len(c) <= 12 for c in filled) * 2 >= len(filled)


def duty_table_task(row: TableRow) -> int | None:
    """The task column of a row whose table has a responsibility column, else None."""
    if not any(DUTY_COLUMN.search(h) for h in row.header):
        return None
    for i, h in enumerate(row.header):
        if TASK_COLUMN.search(h) and not DUTY_COLUMN.search(h) and i < len(row.cells) and row.cells[i]:
            return i
    longest = max(range(len(row.cells)), key=lambda i: len(row.cells[i]))
    return longest if not DUTY_COLUMN.search(row.header[longest] if longest < len(row.header) else "") else None


def parse_table_row(text: str, span: Span) -> tuple[str, ...]:
    cells = [c.strip() for c in text[span[0] : span[1]].split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


class _Builder:
    def __init__(self, text: str, lexicon: Lexicon):
        self.text = text
        self.lexicon = lexicon
        self.root = _Node("root", 0, "", "", 0, 0, len(text))
        self.stack = [self.root]
        self.tables: list[TableRow] = []
        self.header: tuple[str, ...] = ()
        self.caption = ""
        self.last_plain = ""

    def push(self, kind: str, rank: float, marker: str, start: int, head_end: int, end: int) -> None:
        while self.stack[-1].rank >= rank and self.stack[-1] is not self.root:
            self.stack.pop()
        parent = self.stack[-1]
        title = self.text[start:head_end]
        node = _Node(kind, rank, marker, title, start, head_end, end, parent)
        parent.children.append(node)
        self.stack.append(node)

    def extend(self, end: int) -> None:
        self.stack[-1].end = max(self.stack[-1].end, end)

    def in_box(self) -> bool:
        return any(n.kind == "box" for n in self.stack)

    def add(self, a: int, b: int) -> None:
        text = self.text
        line = text[a:b]
        stripped = line.rstrip("| ").rstrip()
        if "|" in stripped:
            self.add_table_row(a, b)
            return
        b = a + len(stripped)
        if not stripped:
            return
        if self.header and not stripped.startswith("|"):
            self.header, self.caption = (), ""
        for kind, rank, pattern in MARKERS:
            m = pattern.match(text, a, b)
            if m:
                marker = m.group(1).replace(" ", "")
                body = m.end()
                if kind == "box":
                    self.push(kind, rank, marker, a, b, b)
                    self.stack[-1].title = text[body:b]
                    return
                self.push(kind, rank, marker, body, heading_end(text, body, b), b)
                self.stack[-1].start = a
                return
        if self.in_box() and BOX_ITEM.match(text, a, b):
            pieces = [a] + [a + s.end() for s in BOX_ITEM_SPLIT.finditer(text[a:b])] + [b]
            for x, y in pairwise(pieces):
                y = x + len(text[x:y].rstrip())
                m = BOX_ITEM.match(text, x, y)
                if m:
                    self.push("boxitem", 5, "", x, x + len(m.group(1)), y)
                else:
                    self.extend(y)
            return
        if self.in_box():
            while self.stack[-1].kind in ("box", "boxitem"):
                self.stack.pop()
        m = LEAD_DASH.match(text, a, b)
        if m:
            self.push("lead", 5, "", m.end(), heading_end(text, m.end(), b), b)
            return
        if self.stack[-1].kind == "lead":
            self.stack.pop()
        m = LEAD_PHRASE.match(text, a, b)
        if m and self.stack[-1] is not self.root and self.stack[-1].rank <= 4:
            self.push("lead", 5, "", a, a + len(m.group(1)), b)
            return
        self.extend(b)
        self.last_plain = stripped

    def add_table_row(self, a: int, b: int) -> None:
        cells = parse_table_row(self.text, (a, b))
        filled = [c for c in cells if c]
        if len(filled) <= 1:
            self.caption = filled[0] if filled else self.caption
            return
        if is_header(cells) or not self.header:
            self.header, self.caption = cells, self.caption or self.last_plain
            return
        row = TableRow(cells=cells, span=(a, b), header=self.header, caption=self.caption)
        self.tables.append(row)
        task = duty_table_task(row)
        if task is not None:  # a row of a task table with a 牵头单位/责任单位 column is a measure
            start = a + self.text[a:b].find(row.cells[task])
            marker = row.cells[0] if row.cells[0].isdigit() else ""
            self.push("table", 5, marker, start, start + len(row.cells[task]), b)
            self.stack[-1].start = a
            self.stack.pop()


def _number(node: _Node, counters: dict) -> str:
    parent = node.parent.number if node.parent and node.parent.number else ""
    if node.marker.startswith("第"):
        own = node.marker  # 第三章.第一节
    elif node.kind == "section":
        own = f"({node.marker})"
    elif node.kind == "subitem":
        own = f"({node.marker})" if node.marker.isdigit() else node.marker
    elif node.kind in ("lead", "boxitem", "table") and not node.marker:
        key = (parent, node.kind)
        counters[key] = counters.get(key, 0) + 1
        own = {"lead": "p", "boxitem": "b", "table": "r"}[node.kind] + str(counters[key])
    else:
        own = node.marker
    number = f"{parent}.{own}" if parent else own
    while number in counters:
        number += "'"
    counters[number] = 1
    return number


def _finish(node: _Node, counters: dict, out: list[Unit], lexicon: Lexicon, role: str | None) -> int:
    end = node.end
    if node is not None and node.kind != "root":
        node.number = _number(node, counters)
        role = role or lexicon.section_role(node.title)
    index = len(out)
    if node.kind != "root":
        out.append(None)  # placeholder, filled once the end is known
    for child in node.children:
        end = max(end, _finish(child, counters, out, lexicon, role))
    if node.kind != "root":
        body_start = node.head_end + 1 if node.head_end < node.end else node.end
        has_body = body_start < end
        numbered = node.kind in ("item", "subitem", "lead", "boxitem")  # "1.建设X实验室。" alone is a measure too
        is_measure = (not node.children and (has_body or numbered) and role is None and node.kind != "box") or node.kind == "table"
        level = 0
        p = node.parent
        while p is not None and p.kind != "root":
            level, p = level + 1, p.parent
        out[index] = Unit(
            number=node.number,
            title=node.title.strip(),
            span=(node.start, end),
            body=(min(body_start, end), end),
            level=level,
            kind=node.kind,
            parent=node.parent.number if node.parent and node.parent.kind != "root" else None,
            is_measure=is_measure,
        )
    return end


def parse_structure(text: str, lexicon: Lexicon) -> tuple[tuple[Unit, ...], tuple[TableRow, ...]]:
    """Return the plan's units (sections and measures, in reading order) and table rows."""
    builder = _Builder(text, lexicon)
    for a, b in split_paragraphs(text):
        builder.add(a, b)
    units: list[Unit] = []
    _finish(builder.root, {}, units, lexicon, None)
    return tuple(units), tuple(builder.tables)
