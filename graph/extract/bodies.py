"""Government bodies: departments by the lexicon's names and their places, open bodies
(X市人民政府办公室), party bodies, a branch of a body, and a document's issuers.

Rules: ``department:<lexicon entry>``, ``issuer``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, Mention
from ..vocabulary.lexicon import Lexicon
from .names import is_generic, scan_name_start
from .sentences import SentenceIndex, mention_at

PLACE_PREFIX = r"(?:省委省|市委市|县委县|区委区|县\(市、?区\)|县市区|县区|区县|各县\(市、?区\)|各县\(市\)区|各区县\(市\)|各县\(区\)|各县区|各区县|各县市区|各设区市|设区市|各区|各|[\u4e00-\u9fff]{1,2}县|省委|市委|县委|区委|省|市|县|区)"
OTHER_PLACE_LEVELS = "市县区州"  # a 2-3 character place name before one of these is a place the lexicon need not know


@lru_cache(maxsize=8)
def _department_regex(departments: tuple) -> re.Pattern:
    return re.compile("|".join(re.escape(d) for d in departments))


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
        found.append(mention_at(doc, index, text[a : m.end()], "Department", a, m.end(), "department:party committee"))
    for m in _department_regex(lexicon.departments).finditer(text):
        if text.startswith("门", m.end()):
            continue  # 科技部门 is a kind of body, not the ministry
        a = department_prefix(text, _open_body_start(text, m, lexicon), meta.city, meta.province, lexicon)
        branch = BRANCH.match(text, m.end()) if m.group() in BRANCHED else None
        if branch:  # 人民银行济南分中心, 国家开发银行山东省分行: a national body's local branch
            found.append(mention_at(doc, index, text[a : branch.end()], "Department", a, branch.end(), f"department:{m.group()} branch"))
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
        found.append(mention_at(doc, index, name, "Department", a, end, f"department:{m.group()}"))
    return found


def find_issuer(doc: Document, index: SentenceIndex) -> list[Mention]:
    """The issuing body, where the text first names it (the 通知's title line, a signature)."""
    issuer = doc.metadata.issuer
    at = doc.text.find(issuer) if issuer else -1
    if at < 0:
        return []
    found = []
    for body in re.finditer(r"[^\s、]+", issuer):  # 中共常州市委 常州市人民政府: two bodies issue it together
        found.append(mention_at(doc, index, body.group(), "Department", at + body.start(), at + body.end(), "metadata:issuer"))
    return found
