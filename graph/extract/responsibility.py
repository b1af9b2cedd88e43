"""Read who is responsible for each measure: 责任单位 lists, 牵头/配合 forms, tables, 由X牵头.

A list inherits its place prefix: in "市科技局、财政局,各县区政府、管委" the bare
财政局 is 市财政局 and 管委 is 各管委. A nested 〈…〉 names a body inside its neighbour
(市委组织部〈市人才办〉): it is a mention, not a second responsible body.
"""

from __future__ import annotations

import re

from ..model import Document, Mention, Responsibility
from ..vocabulary.lexicon import Lexicon
from .sentences import SentenceIndex, innermost_unit

# a role label: what the body does (牵头, 配合, 责任 …) and what it is (单位, 科室 …), with the
# bracket some tables add (牵头科室(单位), 配合部门(单位)); 主要/协同 before it (协同配合单位)
ROLE = (
    r"((?:主要|协同|协助|具体|牵头)?(?:责任|牵头|配合|参与|协办|主办|主责|承办|协同|实施)"
    r"(?:单位|部门|处室|科室|股室|主体)(?:[((](?:单位|部门|科室|处室|股室)[))])?)"
)
LIST_OPEN = re.compile(rf"[(\[【]\s*(?={ROLE}\s*[::])")
# a segment runs to the next label, which may follow a comma: (牵头单位:A、B,责任单位:C)
ROLE_SEGMENT = re.compile(rf"{ROLE}\s*[::]\s*((?:(?![,,\s]\s*{ROLE}\s*[::])[^;;])+)")
BARE_LIST = re.compile(rf"(?:^|(?<=[。;\n]))[ \t]*{ROLE}\s*[::]\s*([^\n。]+)", re.MULTILINE)
LEAD_PAREN = re.compile(r"[(]([^()\n]{2,60}?)牵头(?:[,、;]([^()\n]{2,80}?)(?:等)?(?:配合|参与|协助|负责))?[)]")
DUTY_PAREN = re.compile(r"[(]((?:(?!牵头)[^()\n]){2,80}?)(按职责分工|按职责|按职能|分别)?负责[)]")
# a bracket of bodies alone closing a measure, with no label: (市科技局、市财政局)。 at a line's end
BODY_PAREN = re.compile(r"(?<=[。;;!?])\s*[(]([^()\n:]{2,100})[)](?=[。;]?\s*(?:\n|$))")  # after a sentence, not a name's alias
LED_BY = re.compile(r"由([^,。;:()]{2,40}?)(?:负责)?牵头(?:[,,、]([^,。;:()]{2,60}?)(?:等)?(?:配合|参与|协助|协同))?")
LEAD_MARK = re.compile(r"[(](?:牵头|牵头单位|牵头部门)[)]$")
SEPARATORS = re.compile(r"[、,;/\s]+")
LEVEL = re.compile(r"^(各|省委|市委|县委|区委|省|市|县|区)")
LEAD_ROLES = ("牵头单位", "牵头部门", "牵头处室", "主办单位")
SHARED_GOVERNMENT = re.compile(r"[市县区](?:\([^()]*\))?(?:人民)?政府")  # 县(市)政府 after 各区、
PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:市|县|区|州|盟|旗)")  # a place and nothing after it, in fullmatch


def find_list_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of '(责任单位:…)' blocks, brackets inside names (各县(市、区)政府) included.

    >>> t = "做好工作。(责任单位:市科技局,各县(市、区)政府)"
    >>> [t[a:b] for a, b in find_list_blocks(t)]
    ['责任单位:市科技局,各县(市、区)政府']
    """
    blocks = []
    for m in LIST_OPEN.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth and text[i] != "\n":
            depth += text[i] in "([【"
            depth -= text[i] in ")]】"
            i += 1
        if depth == 0:
            blocks.append((m.end(), i - 1))
    return blocks


def _tokens(text: str) -> list[tuple[int, str]]:
    """Split a list at 、,;/ and spaces that are not inside brackets; 各区、县(市)政府 stays one
    (各区 alone names no body: the levels share the 政府 after them)."""
    depth, start, tokens = 0, 0, []
    for i, c in enumerate(text + "、"):
        if c in "(〈<〔【[":
            depth += 1
        elif c in ")〉>〕】]":
            depth = max(0, depth - 1)
        elif depth == 0 and (c in "、,;/" or c.isspace()):
            if i > start:
                if tokens and re.fullmatch(r"各[市县区]", tokens[-1][1]) and SHARED_GOVERNMENT.fullmatch(text[start:i]):
                    tokens[-1] = (tokens[-1][0], text[tokens[-1][0] : i])
                else:
                    tokens.append((start, text[start:i]))
            start = i + 1
    return tokens


# a plan's own note that the first of each list leads (排在首位的为牵头单位, 第一个为牵头部门)
FIRST_LEADS_NOTE = re.compile(r"(?:排在?(?:首位|第一位?|最前)|列(?:在)?(?:首位|第一)|第一个|排名第一|居首)(?:的|者)?(?:单位|部门)?为(?:牵头|主要?责任)(?:单位|部门)")


def _role_is_lead(role: str, position: int, first_leads: bool = False) -> bool:
    """A lead is what the text marks as lead: a lead role, or the plan's note that the first listed leads."""
    if role in LEAD_ROLES or "牵头" in role or role.startswith("主要责任"):
        return True
    return first_leads and position == 0 and role in ("责任单位", "责任部门", "责任处室", "实施主体")


def split_bodies(text: str, start: int, lexicon: Lexicon, city: str = "") -> list[tuple[str, int, int, list]]:
    """Split a list of bodies into (full name, begin, end, nested names) with inherited prefixes.

    >>> from graph.vocabulary.lexicon import default_lexicon
    >>> [b[0] for b in split_bodies("市科技局、财政局,各县区政府、管委", 0, default_lexicon())]
    ['市科技局', '市财政局', '各县区政府', '各管委']
    """
    found = []
    prefix = ""
    for offset, raw in _tokens(text):
        alias = re.fullmatch(r"(.+?)[(]([^()]{2,20})[)]", raw.strip("等。"))
        if alias and lexicon.department_suffix(alias.group(1)) and lexicon.department_suffix(alias.group(2)):
            raw = alias.group(1) + "〈" + alias.group(2) + "〉"  # 市委组织部(市委人才办): one body under two names
        nested = re.findall(r"[〈<]([^〉>]+)[〉>]", raw)
        surface = re.sub(r"[〈<][^〉>]*[〉>]", "", raw).strip("等。")
        if not surface or surface in ("有关部门", "相关部门", "有关单位", "相关单位"):
            continue
        begin = start + offset
        end = begin + len(re.sub(r"[〈<].*$", "", raw).rstrip("等。"))
        level = LEVEL.match(surface)
        if surface in lexicon.departments:
            surface = prefix + surface
        elif city and surface.startswith(city):
            prefix = "市"
        elif level:
            prefix = level.group(1)[0]
        found.append((surface, begin, end, nested))
    return _share_last_body(found, lexicon)


def _share_last_body(found: list, lexicon: Lexicon) -> list:
    """南京市、无锡市、镇江市人民政府: the bare places before the last name are each that body's."""
    head = PLACE.match(found[-1][0]) if found else None
    body = found[-1][0][head.end() :] if head else ""
    if not body or not lexicon.department_suffix(body):
        return found
    k = len(found) - 1
    while k > 0 and PLACE.fullmatch(found[k - 1][0]):
        k -= 1
    shared = [(name + body, *rest) for name, *rest in found[k:-1]]
    return found[:k] + shared + found[-1:]


def _column_role(header: str) -> str:
    """The role a table column gives its bodies: 主要责任单位 (it leads), else the label it holds.

    >>> _column_role("主要责任单位"), _column_role("协同配合单位"), _column_role("牵头")
    ('主要责任单位', '协同配合单位', '牵头')
    """
    if "主要责任" in header:
        return "主要责任单位"
    label = re.search(ROLE, header)
    return label.group(1) if label else header


# a cell that says who leads in its own words: 县科技局牵头,县财政局、各镇配合
LEAD_IN_CELL = re.compile(r"(.{2,60}?)牵头(?:[,,、;;]\s*(.{2,80}?)(?:等)?(?:配合|参与|协助|协同|负责))?[。]?")


def _cell_parts(cell: str, role: str) -> list[tuple[str, int, str]]:
    """A duty cell's lists with their roles: the column's role, unless the cell names its lead.

    >>> _cell_parts("县科技局牵头,县财政局、各镇配合", "责任单位")
    [('县科技局', 0, '牵头'), ('县财政局、各镇', 7, '配合')]
    >>> _cell_parts("县科技局、县财政局", "牵头单位")
    [('县科技局、县财政局', 0, '牵头单位')]
    """
    m = LEAD_IN_CELL.fullmatch(cell)
    if not m or "牵头" in role:
        return [(cell, 0, role)]
    parts = [(m.group(1), m.start(1), "牵头")]
    return parts + [(m.group(2), m.start(2), "配合")] if m.group(2) else parts


BODY_END = re.compile(r"(?:局|厅|委|办|部|院|中心|分行|支行|分局|公司|集团|政府|管委会|委员会|办公室|小组)$")


def _is_body(name: str, lexicon: Lexicon) -> bool:
    """A listed name that reads as a body: a department of the lexicon, or a name ending as bodies
    end (人民银行X分行, X监管局, a state-owned 公司 acting as a unit)."""
    return bool(lexicon.department_suffix(name) or BODY_END.search(name))


BRANCH_END = re.compile(r"(?:分行|支行|分中心|营业管理部|分局|监管局)$")


def _body_type(name: str, lexicon: Lexicon) -> str:
    if lexicon.department_suffix(name) or BRANCH_END.search(name):
        return "Department"  # a bank's or a ministry's local branch acts as a government unit
    hit = lexicon.suffix_type(name)
    return hit[1] if hit else "Department"


def extract_responsibilities(
    doc: Document, lexicon: Lexicon, mentions: tuple[Mention, ...]
) -> tuple[list[Responsibility], list[Mention]]:
    """Return the responsibilities and the body mentions they name (with expanded names)."""
    index = SentenceIndex(doc.text)
    text = doc.text
    results: list[Responsibility] = []
    bodies: list[Mention] = []

    first_leads = bool(FIRST_LEADS_NOTE.search(text))

    def add(name, a, b, measure, lead, role, nested=(), position=0):
        marked = LEAD_MARK.search(name)
        if marked:  # 省科技厅(牵头): the list marks its lead in a bracket after the name
            name, b, lead = name[: marked.start()], a + marked.start(), True
        mention = Mention(name, _body_type(name, lexicon), (a, b), index.around(a), f"responsibility:{role}", measure)
        bodies.append(mention)
        results.append(Responsibility(mention, measure, lead, role, position + 1))
        for inner in nested:
            k = text.find(inner, b)
            if k >= 0:
                bodies.append(Mention(inner, "Department", (k, k + len(inner)), index.around(k), "responsibility:nested", measure))

    for block_start, block_end in find_list_blocks(text):
        unit = innermost_unit(doc.units, block_start)
        if unit is None:
            continue
        listed_before = 0  # positions run on across the labels of one list: (牵头单位:A;配合单位:B) → 1, 2
        for seg in ROLE_SEGMENT.finditer(text[block_start:block_end]):
            role, listed = seg.group(1), seg.group(2)
            segment = split_bodies(listed.rstrip(","), block_start + seg.start(2), lexicon, doc.metadata.city)
            for k, (name, a, b, nested) in enumerate(segment):
                add(name, a, b, unit.number, _role_is_lead(role, k, first_leads), role, nested, listed_before + k)
            listed_before += len(segment)
    in_blocks = find_list_blocks(text)
    listed_in: dict[str, int] = {}  # label lines of one measure number their bodies on: 牵头单位: A / 责任单位: B, C → 1, 2, 3
    for m in BARE_LIST.finditer(text):  # 责任单位:… written as its own sentence or line
        if any(a <= m.start(2) < b for a, b in in_blocks):
            continue
        unit = innermost_unit(doc.units, m.start())
        if unit is None:
            continue
        role = m.group(1)
        listed_before = listed_in.get(unit.number, 0)
        for seg in ROLE_SEGMENT.finditer(text[m.start(1) : m.end(2)]):
            role, offset = seg.group(1), m.start(1) + seg.start(2)
            segment = split_bodies(seg.group(2).rstrip(","), offset, lexicon, doc.metadata.city)
            for k, (name, a, b, nested) in enumerate(segment):
                add(name, a, b, unit.number, _role_is_lead(role, k, first_leads), role, nested, listed_before + k)
            listed_before += len(segment)
        listed_in[unit.number] = listed_before
    for m in LEAD_PAREN.finditer(text):  # (市科技局牵头,市财政局配合)
        unit = innermost_unit(doc.units, m.start())
        if unit is None or not _is_body(m.group(1).split("、")[-1], lexicon):
            continue
        leads = split_bodies(m.group(1), m.start(1), lexicon, doc.metadata.city)
        for k, (name, a, b, nested) in enumerate(leads):
            add(name, a, b, unit.number, True, "牵头", nested, k)
        if m.group(2):
            for k, (name, a, b, nested) in enumerate(split_bodies(m.group(2), m.start(2), lexicon, doc.metadata.city), len(leads)):
                add(name, a, b, unit.number, False, "配合", nested, k)
    for m in DUTY_PAREN.finditer(text):  # (市科技局、市发改委按职责分工负责): each responsible, one alone leads
        unit = innermost_unit(doc.units, m.start())
        listed = split_bodies(m.group(1), m.start(1), lexicon, doc.metadata.city)
        labelled = bool(m.group(2))  # (A、B、C按职责分工负责) is a list because it says so, known bodies or not
        if unit is None or not listed or not (labelled and any(_is_body(name, lexicon) for name, *_ in listed) or all(lexicon.department_suffix(name) for name, *_ in listed)):
            continue
        for k, (name, a, b, nested) in enumerate(listed):
            add(name, a, b, unit.number, False, "负责", nested, k)
    taken = {r.body.span[0] for r in results}
    for m in BODY_PAREN.finditer(text):  # (人民银行X分行、市地方金融监管局、市科技局): bodies only, so theirs
        unit = innermost_unit(doc.units, m.start())
        listed = split_bodies(m.group(1), m.start(1), lexicon, doc.metadata.city)
        if unit is None or len(listed) == 0 or any(a in taken for _, a, *_ in listed):
            continue
        if not (all(_is_body(name, lexicon) for name, *_ in listed) and any(lexicon.department_suffix(name) for name, *_ in listed)):
            continue
        for k, (name, a, b, nested) in enumerate(listed):
            add(name, a, b, unit.number, False, "责任单位", nested, k)
    rows = {row.span[0]: row for row in doc.tables}
    for unit in doc.units:
        row = rows.get(unit.span[0]) if unit.kind == "table" else None
        if row is None:
            continue
        row_text = text[row.span[0] : row.span[1]]
        cursor, listed_before = 0, 0  # positions run on across a row's columns: 牵头 1, 配合 2, 3
        for column, cell in enumerate(row.cells):
            at = row_text.find(cell, cursor) if cell else -1
            if at >= 0:
                cursor = at + len(cell)
            role = row.header[column] if column < len(row.header) else ""
            if not cell or at < 0 or not re.search(ROLE + "|牵头|责任|配合", role):
                continue
            role = _column_role(role)
            for part, offset, part_role in _cell_parts(cell, role):
                listed = split_bodies(part, row.span[0] + at + offset, lexicon, doc.metadata.city)
                for k, (name, a, b, nested) in enumerate(listed):
                    add(name, a, b, unit.number, _role_is_lead(part_role, k, first_leads), part_role, nested, listed_before + k)
                listed_before += len(listed)
    for m in LED_BY.finditer(text):
        unit = innermost_unit(doc.units, m.start())
        if unit is None or not unit.is_measure:
            continue
        leads = [b for b in split_bodies(m.group(1), m.start(1), lexicon, doc.metadata.city) if lexicon.department_suffix(b[0])]
        for k, (name, x, y, nested) in enumerate(leads):
            add(name, x, y, unit.number, True, "由…牵头", nested, k)
        if leads and m.group(2):  # 由A牵头,B、C配合
            for k, (name, x, y, nested) in enumerate(split_bodies(m.group(2), m.start(2), lexicon, doc.metadata.city), len(leads)):
                if _is_body(name, lexicon):
                    add(name, x, y, unit.number, False, "配合", nested, k)
    return results, bodies
