"""The typed records that flow between the pipeline's stages.

Each stage takes and returns these frozen dataclasses, so a stage can be tested alone
with a hand-made record and the app never sees parser internals.
Spans are (begin, end) character offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class Metadata:
    title: str
    issuer: str = ""
    doc_number: str = ""
    date: str = ""  # ISO date the plan was signed (成文日期), else published
    published: str = ""
    city: str = ""  # 鹤壁市
    province: str = ""  # 河南省
    kind: str = ""  # 五年规划 / 三年行动计划 / 年度工作要点 / 其他
    period_start: int | None = None
    period_end: int | None = None
    publisher: str = ""  # the site footer's 主办单位, if any
    district: str = ""  # 龙岗区, for a district's or county's own plan


@dataclass(frozen=True)
class Unit:
    """A section or measure: one node of the plan's numbered structure."""

    number: str  # path of markers, e.g. "三.(一).1"
    title: str
    span: Span  # the whole unit, heading and body
    body: Span  # the text after the heading
    level: int
    kind: str  # "chapter", "section", "item", "lead", "box", "table"
    parent: str | None = None  # number of the parent unit
    is_measure: bool = False


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    span: Span
    header: tuple[str, ...] = ()
    caption: str = ""


@dataclass(frozen=True)
class Document:
    path: str
    doc_id: str  # content hash: the same text always gets the same IRIs
    text: str
    metadata: Metadata
    units: tuple[Unit, ...] = ()
    tables: tuple[TableRow, ...] = ()

    def snippet(self, span: Span) -> str:
        return self.text[span[0] : span[1]]


@dataclass(frozen=True)
class Mention:
    """A surface form of an entity at a place in the text, and what found it."""

    name: str
    type: str
    span: Span
    sentence: Span
    rule: str
    unit: str | None = None  # number of the unit that holds it


@dataclass(frozen=True)
class Rejected:
    """A candidate name the rules did not take, and why (``innograph extract --explain``)."""

    name: str
    type: str
    span: Span
    reason: str  # "class: …", "boundary: …"


@dataclass(frozen=True)
class Relation:
    subject: Mention
    predicate: str  # a local name of ontology.md: ledBy, participant, ...
    object: Mention
    rule: str


@dataclass(frozen=True)
class Responsibility:
    body: Mention
    measure: str  # Unit.number
    lead: bool  # only where the text marks it (牵头单位, X牵头, 主要责任单位, a note): never from list order
    role: str  # 责任单位 / 牵头单位 / 配合单位 / 由…牵头
    position: int = 1  # 1 = listed first in its list


@dataclass(frozen=True)
class Target:
    indicator: str
    value: float
    span: Span
    sentence: Span
    rule: str
    unit: str = ""
    year: int | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    qualifier: str = ""  # 以上 / 左右 / 突破 / 不少于 ...
    value_text: str = ""
    measure: str | None = None


@dataclass(frozen=True)
class Extraction:
    document: Document
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    targets: tuple[Target, ...] = ()
    citations: tuple[Mention, ...] = field(default=())
    rejected: tuple[Rejected, ...] = ()
