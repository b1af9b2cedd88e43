"""Relations the text states between entities, each with the sentence that states it.

ledBy        由A、B牵头组建 / A牵头
participant  依托A、B…等(企事业单位)共同参与建设
supportedBy  A、B等提供技术支持
partnerOf    与A共建B; a platform whose name holds a university's (天津大学鹤壁技术转移中心)
locatedIn    a name that holds the plan's city or a county (鹤壁汽车电子检测中心 → 鹤壁市);
             A在我市落地 / 落户我市
upgradeTo    推动A、B创建/晋级/申建/争创/建设C; C a named platform or a status (省级高新区), a concept
"""

from __future__ import annotations

import bisect
import re

from ..model import Document, Mention, Relation
from ..vocabulary.gazetteer import Gazetteer, default_gazetteer
from ..vocabulary.lexicon import Lexicon, is_common_word
from .names import is_generic
from .sentences import SentenceIndex

BUILT = ("Lab", "Institute", "Platform", "Park")
ORGS = ("Lab", "Institute", "Platform", "Park", "Firm", "University", "Department")
COUNTY = re.compile(r"^([\u4e00-\u9fff]{1,2}县|[\u4e00-\u9fff]{2}区)(?=[\u4e00-\u9fff])")
SITED = re.compile(r"(?:位于|坐落于|落户(?:在|于)?|选址(?:在|于))([\u4e00-\u9fff]{2,10}?(?:省|市|区|县|镇|乡|街道))")
LOCAL = re.compile(r"在(?:我市|本市|我区|我县)(?:挂牌)?(?:落地|落户|建设|设立)|落户(?:我市|本市)")


def _length(mention: Mention) -> int:
    return mention.span[1] - mention.span[0]


def _place(name: str, type_: str = "Place") -> Mention:
    return Mention(name, type_, (0, 0), (0, 0), "place")


class MentionIndex(list):
    """The mentions in text order, with range look-ups by bisection: every frame asks for the
    names within a stretch of text, and a scan of all mentions each time made a long plan's
    relations quadratic (a 1 MB plan on one line took minutes)."""

    def __init__(self, mentions):
        super().__init__(sorted(mentions, key=lambda m: m.span))
        self.starts = [m.span[0] for m in self]
        self.by_end: dict[int, list[Mention]] = {}
        for m in self:
            self.by_end.setdefault(m.span[1], []).append(m)

    def within(self, a: int, b: int, types=None) -> list[Mention]:
        """Mentions that start at or after ``a`` and end by ``b``, in text order."""
        i, j = bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)
        return [m for m in self[i:j] if m.span[1] <= b and (types is None or m.type in types)]

    def starting(self, at: int) -> list[Mention]:
        i, j = bisect.bisect_left(self.starts, at), bisect.bisect_right(self.starts, at)
        return self[i:j]

    def ending(self, at: int) -> list[Mention]:
        return self.by_end.get(at, [])


def _between(mentions: MentionIndex, a: int, b: int, types=ORGS):
    return mentions.within(a, b, types)


def _subject_before(mentions: MentionIndex, offset: int, sentence, types=BUILT):
    before = mentions.within(sentence[0], offset, types)
    return before[-1] if before else None


def _box_subject(boxes, mentions, offset: int):
    """The name a box item (龙门实验室:由…) describes: the mention at its title."""
    for u in boxes:
        if u.span[0] <= offset < u.span[1]:
            return next((m for m in mentions.starting(u.span[0]) if m.type in BUILT), None)
    return None


def _frame(doc, mentions, index, pattern, predicate, rule, out, subject_at: int = 1):
    """Relate the lab or platform before a frame to the names in its group 1; the subject is looked
    for before the group, or before the whole match (``subject_at=0``: 天府永兴实验室由A牵头、B共同参与)."""
    text = doc.text
    boxes = [u for u in doc.units if u.kind == "boxitem"]
    for m in re.finditer(pattern, text):
        sentence = index.around(m.start())
        subject = _box_subject(boxes, mentions, m.start()) or _subject_before(mentions, m.start(subject_at), sentence)
        if subject is None:
            continue
        if OTHER_FRAME_INSIDE.search(m.group(1)):
            continue  # 依托A建设,推动B由C牵头、D共同参与建设: D takes part in B's building, not A's
        objects = _between(mentions, m.start(1), m.end(1))
        for obj in objects:
            inside = any(q is not obj and q.span[0] <= obj.span[0] and obj.span[1] <= q.span[1] for q in objects)
            if obj.span != subject.span and not inside:  # 中国科学院 of 中国科学院X研究所 leads nothing itself
                out.append(Relation(subject, predicate, obj, rule))


OTHER_FRAME_INSIDE = re.compile(r"牵头|[,,](?:推动|支持|鼓励|引导)")


LEADS_THE_BUILDING = re.compile(r"(?<!由)牵头(?:组建|建设|成立|共建|打造|创建)(?:国家级|省级|国家|省)?")
NESTED_PART = "frame:联合…共同建设 (inside a listed name)"  # kept only to drop the upgradeTo the same words gave
JOINT_BUILD = re.compile(r"(?:依托([^,。;]{2,100}?)[,,])?联合([^。;]{2,200}?)(?:等[\u4e00-\u9fff]{0,6}?)?共同(?:参与)?(?:建设|组建|打造|创建)")


def relations_from_frames(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    out: list[Relation] = []
    _frame(doc, mentions, index, r"由([^。;]{2,120}?)牵头(?:组建|建设|成立|共建)?", "ledBy", "frame:由…牵头", out)
    _frame(doc, mentions, index, r"依托([^。;]{2,300}?)等?[\u4e00-\u9fff]{0,6}共同参与(?:建设|组建)", "participant", "frame:共同参与", out)
    _frame(doc, mentions, index, r"由[^,。;]{2,120}?牵头[、,,]([^。;]{2,200}?)(?:等[\u4e00-\u9fff]{0,6}?)?共同参与(?:建设|组建)", "participant", "frame:由…牵头、…共同参与", out, subject_at=0)
    _frame(doc, mentions, index, r"[,;:]([^,。;:]{2,200}?)等?提供技术支[持撑]", "supportedBy", "frame:提供技术支持", out)
    text = doc.text
    for m in LEADS_THE_BUILDING.finditer(text):
        # 支持A、B牵头建设X: X ledBy A and B (the names listed right before 牵头, in its clause)
        built = [x for x in mentions.within(m.end(), m.end() + 40) if x.type in BUILT][:1]
        if not built or built[0].span[0] - m.end() > 3:
            continue
        clause = max(text.rfind(c, 0, m.start()) for c in ",。;:\n") + 1
        for leader in _listed_before(mentions, text, m.start(), clause, ORGS):
            out.append(Relation(built[0], "ledBy", leader, "frame:A牵头建设X"))
    for m in JOINT_BUILD.finditer(text):
        # 依托A,联合B、C共同建设Z: A, B and C take part in building Z (the lab or platform right after)
        sentence = index.around(m.start())
        built = [x for x in mentions.within(m.end(), sentence[1] + 10_000) if x.span[0] < sentence[1] and x.type in BUILT][:1]
        if not built or built[0].span[0] - m.end() > 2:
            continue
        for a, b in ((m.start(1), m.end(1)), (m.start(2), m.end(2))):
            if a >= 0:
                listed = _between(mentions, a, b)
                for p in listed:  # a name inside a longer listed name is that one's part (浙江大学 of 浙江大学长兴研究院)
                    inside = any(q is not p and q.span[0] <= p.span[0] and p.span[1] <= q.span[1] for q in listed)
                    out.append(Relation(built[0], "participant", p, NESTED_PART if inside else "frame:联合…共同建设"))
    for m in re.finditer(r"(?:支持|推动|鼓励|引导|联合)([^,。;与]{2,80}?等[\d一二两三四五六七八九十]*[所家个]?[\u4e00-\u9fff]{0,4}?)(?:合作|联合)?共建", text):
        # 支持A、B等5所高校共建C: every listed body is C's partner
        sentence = index.around(m.start())
        built = [x for x in mentions.within(m.end(), sentence[1] + 10_000) if x.span[0] < sentence[1] and x.type in BUILT][:1]
        for p in _between(mentions, m.start(1), m.end(1)) if built else ():
            out.append(Relation(built[0], "partnerOf", p, "frame:A、B等共建"))
    for m in re.finditer(r"与([^,。;]{2,80}?)(?:等[\d一二两三四五六七八九十]*[所家个]?[\u4e00-\u9fff]{0,4}?)?(?:合作)?共建", text):
        sentence = index.around(m.start())
        partners = _between(mentions, m.start(1), m.end(1))
        edge = m.start()
        while before := max((x for x in mentions.ending(edge) if x.type in ORGS), key=_length, default=None):
            partners.append(before)  # A与B共建C: A too, and each of A1、A2与B共建C
            if text[before.span[0] - 1 : before.span[0]] != "、":
                break
            edge = before.span[0] - 1
        built = [x for x in mentions.within(m.end(), sentence[1] + 10_000) if x.span[0] < sentence[1] and x.type in BUILT][:1]
        for p in partners:
            if built:
                out.append(Relation(built[0], "partnerOf", p, "frame:与…共建"))
    return out


PLACED = ("Lab", "Institute", "Platform", "Park", "Firm", "University")  # what has a place; not bodies, policies, programmes, funds
STANDALONE_DISTRICT = re.compile(r"(?:^|(?<=[、,。;:\s以在和及与]))([\u4e00-\u9fff]{2}区)(?=[、,。;:\s和及与])")
PARK_LOCATOR = re.compile(r"(?:高新区|经开区|高新技术产业开发区|经济技术开发区)(?=[\u4e00-\u9fff“])")
ELSEWHERE = re.compile(r"[((]([\u4e00-\u9fff]{2,4})[))]")


def districts_of(doc: Document, gazetteer: Gazetteer, lexicon: Lexicon) -> dict[str, str]:
    """The plan's own districts and counties by full and short name (洛龙区, 洛龙 → 洛龙区): the
    gazetteer's, and districts the text names on their own (伊滨区, a functional district)."""
    found: dict[str, str] = {}
    for d in gazetteer.within(doc.metadata.city) if doc.metadata.city else ():
        found[d.name] = d.name
        if d.short and not is_common_word(d.short) and not doc.metadata.city.startswith(d.short):
            # 中原 is a region before it is 中原区; 岳阳 is the city before it is 岳阳县
            found[d.short] = d.name
    for m in STANDALONE_DISTRICT.finditer(doc.text):
        name = m.group(1)
        if lexicon.suffix_type(name) or is_generic(name[:-1], lexicon) or is_common_word(name[:-1]):
            continue  # 示范区, 自贸区: kinds of zone, not districts
        found.setdefault(name, name)
        found.setdefault(name[:-1], name)
    return found


def _other_city(name: str, own: str, gazetteer: Gazetteer, lexicon: Lexicon) -> str:
    """Another city or county-level city heading a park's name (济源虎岭高新区 → 济源市), a
    province before it stepped over (湖南沅江高新技术产业园区 → 沅江市)."""
    for province in lexicon.provinces:
        if name.startswith((province, province[:2])):
            name = name[len(province) if name.startswith(province) else 2 :]
            break
    for k in (4, 3, 2):
        place = gazetteer.find(name[:k])
        is_city = place and place.level in ("city", "county") and place.name.endswith("市") and place.name != own
        if is_city and not lexicon.suffix_type(name[:k]) and len(name) > k:
            return place.name
    return ""


def _city_inside(name: str, own: str, gazetteer: Gazetteer) -> str:
    """Another city written inside a centre's name, after its owner or kind (国家技术转移郑州中心,
    华中科技大学襄阳研究院 → 郑州市, 襄阳市): where the centre is. Not the name's first word, which
    names an owner (天津大学…), nor a province."""
    for i in range(2, len(name) - 2):
        for k in (3, 2):
            place = gazetteer.city(name[i : i + k])
            if place and place.name != own:
                return place.name
    return ""


def relations_from_names(doc: Document, mentions, lexicon: Lexicon, gazetteer: Gazetteer) -> list[Relation]:
    """Relations a name states by holding another name or a place: a university it holds
    (partnerOf), the plan's city (洛阳师范学院 → 洛阳市), a district heading it (洛龙高新区 →
    洛龙区), and for a park another city (济源虎岭高新区 → 济源市)."""
    out = []
    city = doc.metadata.city or doc.metadata.province
    stem = re.sub(r"[市省]$", "", city) if len(city) > 2 else city
    districts = districts_of(doc, gazetteer, lexicon)
    parks = {m.name: m for m in mentions if m.type == "Park"}
    own_county = doc.metadata.district  # a county's or district's plan: its own place, wherever a name holds it
    county_stem = own_county[:-1] if len(own_county) > 2 else own_county
    for outer in mentions:
        if outer.type not in PLACED:
            continue
        name, placed_from = outer.name, len(out)
        if outer.type in BUILT:
            for inner in mentions.within(outer.span[0], outer.span[1], ("University",)):
                if inner.span[1] < outer.span[1]:
                    rest = doc.text[inner.span[1] : outer.span[1]]
                    placed = gazetteer.find(rest[:2]) or gazetteer.find(rest[:3]) or rest[:2] in districts
                    if placed or rest.endswith("转移中心"):
                        # 天津大学鹤壁技术转移中心, 浙江大学技术转移中心: a transfer centre or a centre in another
                        # place is a partnership; 湖南城市学院众创空间 is the university's own
                        out.append(Relation(outer, "partnerOf", inner, "name:holds university"))
            park = PARK_LOCATOR.match(name)
            own_park = park and (parks.get(stem + park.group()) or parks.get(city + park.group()))
            if own_park and lexicon.suffix_type(name[park.end() :]):
                out.append(Relation(outer, "locatedIn", own_park, "name:park locator"))  # 高新区周山双创智慧岛 → 洛阳高新区
                continue
            head = next((name[:k] for k in (4, 3, 2) if name[:k] in districts and len(name) > k), "")
            county = COUNTY.match(name)
            if head and not lexicon.suffix_type(head):
                out.append(Relation(outer, "locatedIn", _place(districts[head]), "name:holds district"))
            elif county and not name.startswith(stem or "\0") and not lexicon.suffix_type(county.group(1)):
                out.append(Relation(outer, "locatedIn", _place(county.group(1)), "name:holds county"))
            elif outer.type == "Park" and (other := _other_city(name, city, gazetteer, lexicon)):
                out.append(Relation(outer, "locatedIn", _place(other), "name:holds another city"))
            elif outer.type != "Park" and (inside := _city_inside(name, city, gazetteer)):
                out.append(Relation(outer, "locatedIn", _place(inside), "name:holds another city"))
        if own_county and county_stem in name and not any(r.predicate == "locatedIn" for r in out[placed_from:]):
            out.append(Relation(outer, "locatedIn", _place(own_county), "name:holds the plan's county"))  # 国网城固县供电公司
            continue
        if stem and stem in name:
            elsewhere = next((gazetteer.find(x) for x in ELSEWHERE.findall(name) if x != stem and gazetteer.find(x)), None)
            if elsewhere and elsewhere.level == "province" and gazetteer.province_of(city) == elsewhere.name:
                elsewhere = None  # 中国(湖南)自贸试验区常德片区: the province holds the plan's own city
            place = elsewhere.name if elsewhere and elsewhere.level in ("city", "province") else city
            out.append(Relation(outer, "locatedIn", _place(place), "name:holds city"))
    return out


UPGRADE_VERB = re.compile(
    r"(?:成功|积极|加快|高质量|全力)?(?:创建|晋级|申建|争创|申报|获批|升级为|转型为|转型升级为|建设成为|打造成为|建成|创成|建设|打造|成为)|加快|推荐申报"
    r"|等(?=(?:国家级|省级|国家|省)[^,。;]{2,16}?(?:建设|创建))"  # 支持A、B等国家级企业技术中心建设
)
STRONG_UPGRADE = re.compile(r"创建|晋级|申建|争创|获批|创成|升级为")  # a quoted status (“双一流”) only after these
UPGRADE_FRAME = re.compile(r"推动|支持|依托|鼓励|引导|推进|促进|以")
LIST_GAP = re.compile(r"(?:、|和|及|与|以及)?")
SUBJECT_GAP = re.compile(r"(?:等[\u4e00-\u9fff]{0,6}?)?(?:企业|高校|单位|园区|院所)?")
# where a status phrase ends: before a list mark, punctuation or a verb that goes on the sentence
STATUS_RUN = re.compile(r"[^,。;:、!?()\n]{2,24}")
STATUS_STOP = re.compile(r"建设|发展|提质|工作|试点发展|落地|为|等")
UPGRADE_SUBJECTS = BUILT + ("Firm", "University")


def _listed_before(mentions, text: str, end: int, floor: int, types=None) -> list[Mention]:
    """The names listed right before ``end`` (A、B和C等企业|创建): the nearest, then each one
    joined to it by 、/和/及."""
    out, edge = [], end
    while True:
        near = mentions.within(floor, edge, types or UPGRADE_SUBJECTS)
        if not near:
            return out
        last = max(near, key=lambda m: (m.span[1], -m.span[0]))
        gap = text[last.span[1] : edge]
        if not (SUBJECT_GAP.fullmatch(gap) if not out else LIST_GAP.fullmatch(gap)):
            return out
        out.insert(0, last)
        edge = last.span[0]


def status_at(text: str, at: int, lexicon: Lexicon, quoted_ok: bool = True) -> tuple[str, int] | None:
    """A status written at ``at`` (省级高新区, 国家企业技术中心, “双一流”): a class of body, not one
    named body, ending with a type suffix or a status head. Returns (name, end)."""
    quoted = re.match(r"“([^“”]{2,12})”", text[at : at + 16])
    if quoted:
        return (quoted.group(1), at + quoted.end()) if quoted_ok else None
    run = STATUS_RUN.match(text, at)
    if not run:
        return None
    words = run.group()
    stop = STATUS_STOP.search(words, 2)
    words = words[: stop.start()] if stop else words
    def head(name: str):
        return lexicon.suffix_type(name) or lexicon.status_head(name)

    for end in range(len(words), 1, -1):
        ending = head(words[:end])
        if ending and end > len(ending[0]):
            inner = re.search(r"[和及与]", words[:end])
            if inner and head(words[: inner.start()]):
                end = inner.start()  # 临床医学研究中心和国家级研发平台: two statuses
            return words[:end], at + end
    return None


def _upgrade_objects(mentions, text: str, at: int, limit: int, lexicon: Lexicon, quoted_ok: bool) -> list[Mention]:
    """What follows an upgrade verb: named platforms or statuses, listed with 、/和/及."""
    out = []
    while at < limit:
        level = re.match(r"(?:国家级|省级|市级|国家|省|市)?", text[at:limit]).end()  # 创建省级X: the level is no part of the name
        named = max((m for m in mentions.starting(at) + mentions.starting(at + level) if m.type in BUILT), key=_length, default=None)
        if named is not None:
            out.append(named)
            at = named.span[1]
        else:
            status = status_at(text, at, lexicon, quoted_ok)
            if status is None:
                break
            name, end = status
            out.append(Mention(name, "Status", (at, end), (at, end), "status"))
            at = end
        joint = re.match(r"(?:、|和|及|以及)“?", text[at:limit])
        if not joint or not joint.group():
            break
        at += len(joint.group().rstrip("“"))
    return out


def relations_of_upgrade(doc: Document, mentions, index: SentenceIndex, lexicon: Lexicon) -> list[Relation]:
    """推动/支持 A、B 创建/争创/申建/建设 C、D: each listed subject upgradeTo each object, where an
    object is a named platform or a status (省级高新区) made a concept. The subjects are the
    names listed right before the verb in its own clause."""
    out = []
    text = doc.text
    for a, b in index.spans:
        for verb in UPGRADE_VERB.finditer(text, a, b):
            clause_start = max(a, max(text.rfind(c, a, verb.start()) for c in "。;,:") + 1)
            subjects = _listed_before(mentions, text, verb.start(), clause_start)
            framed = subjects and UPGRADE_FRAME.search(text, clause_start, subjects[0].span[0])
            if verb.group() == "等" and not (subjects and re.search(r"支持|鼓励|引导|推动", text[clause_start : subjects[0].span[0]])):
                continue  # 推进A、B等省实验室建设 describes what they are; 支持A、B等国家级企业技术中心建设 is an upgrade
            if not subjects and clause_start > a:  # 依托A、B等功能区,申报C / 以A为依托,争创B: the clause before
                before = max(text.rfind(c, a, clause_start - 1) for c in "。;,:") + 1
                clause = text[max(a, before) : clause_start]
                if clause.startswith("依托") or re.match(r"以.+为依托", clause):
                    subjects = [m for m in mentions.within(max(a, before), clause_start, UPGRADE_SUBJECTS) if m.span[1] < clause_start]
                    framed = True
            if not subjects:
                continue
            if not framed and not re.match(r"成功|获批", verb.group()) and not text.startswith(("创建", "晋级", "申建", "争创"), verb.start()):
                continue  # 龙门实验室建设 is no upgrade; 推动龙门实验室建设X is
            objects = _upgrade_objects(mentions, text, verb.end(), b, lexicon, bool(STRONG_UPGRADE.search(verb.group())))
            for src in subjects:
                for obj in objects:
                    if obj.name != src.name:
                        out.append(Relation(src, "upgradeTo", obj, f"frame:{verb.group()}"))
    return out


def relations_of_location(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    out = []
    city = doc.metadata.city
    if not city:
        return out
    for m in LOCAL.finditer(doc.text):
        sentence = index.around(m.start())
        clause_start = max(doc.text.rfind(c, sentence[0], m.start()) for c in ",;。") + 1
        for obj in _between(mentions, max(sentence[0], clause_start), m.start(), BUILT):
            out.append(Relation(obj, "locatedIn", _place(city), "frame:在我市落地"))
    return out


SUBJECT_CITY = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:市)?(?=以|围绕|依托|聚焦|加快|推进|打造|建设|坚持|着力|实施)")


def relations_of_subject_city(doc: Document, mentions, index: SentenceIndex, gazetteer: Gazetteer) -> list[Relation]:
    """A sentence about another city (成都以天府新区、东部新区为创新主阵地; 佛山围绕X、Y布局): the
    parks and platforms it names are in that city, as the plan tells of other cities' experience."""
    out = []
    own = doc.metadata.city
    for a, b in _clauses(doc.text, index):
        start = a + len(re.match(r"[\s\d.、()()一二三四五六七八九十]*", doc.text[a:b]).group())
        m = SUBJECT_CITY.match(doc.text, start, b)
        place = gazetteer.city(m.group(1)) if m else None
        if not place or place.name == own:
            continue
        for obj in mentions.within(m.end(), b, BUILT):
            if not re.match(r"省|市|国家", obj.name):  # 省科学院: a province's or the nation's, wherever it works
                out.append(Relation(obj, "locatedIn", _place(place.name), "frame:another city's sentence"))
    return out


def _clauses(text: str, index: SentenceIndex):
    """Each sentence cut at its semicolons: plans list other cities' deeds one per clause."""
    for a, b in index.spans:
        for part in re.finditer(r"[^;]+", text[a:b]):
            yield a + part.start(), a + part.end()


def relations_of_siting(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    """X位于/落户Y: Y a place written after the verb."""
    out = []
    for m in SITED.finditer(doc.text):
        sentence = index.around(m.start())
        clause_start = max(doc.text.rfind(c, sentence[0], m.start()) for c in ",;。") + 1
        subject = _subject_before(mentions, m.start(), (max(sentence[0], clause_start), m.start()), BUILT + ("Firm", "University"))
        if subject is not None:
            out.append(Relation(subject, "locatedIn", _place(m.group(1)), "frame:位于"))
    return out


def extract_relations(doc: Document, lexicon: Lexicon, mentions) -> list[Relation]:
    """All stated relations, one per (subject name, predicate, object name)."""
    index = SentenceIndex(doc.text)
    mentions = MentionIndex(m for m in mentions if not m.rule.startswith("responsibility"))
    found = relations_from_frames(doc, mentions, index) + relations_from_names(doc, mentions, lexicon, default_gazetteer())
    found += relations_of_upgrade(doc, mentions, index, lexicon) + relations_of_location(doc, mentions, index)
    found += relations_of_siting(doc, mentions, index) + relations_of_subject_city(doc, mentions, index, default_gazetteer())
    joint = {(r.object.name, r.subject.name) for r in found if r.predicate == "participant"}
    found = [r for r in found if r.rule != NESTED_PART and not (r.predicate == "upgradeTo" and (r.subject.name, r.object.name) in joint)]
    seen, out = set(), []
    for r in found:
        key = (r.subject.name, r.predicate, r.object.name)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
