"""Where things are and whom they work with: locatedIn from a name that holds the plan's
city or a county (鹤壁汽车电子检测中心 → 鹤壁市), from 在我市落地 / 落户我市 and from 位于Y; partnerOf
from 与A共建B and a platform whose name holds a university's (天津大学鹤壁技术转移中心).
"""

from __future__ import annotations

import re

from ..model import Document, Relation
from ..vocabulary.gazetteer import Gazetteer
from ..vocabulary.lexicon import Lexicon, is_common_word
from .mention_index import BUILT, between, clauses, place_mention, subject_before
from .names import is_generic
from .sentences import SentenceIndex

COUNTY = re.compile(r"^([\u4e00-\u9fff]{1,2}县|[\u4e00-\u9fff]{2}区)(?=[\u4e00-\u9fff])")
SITED = re.compile(r"(?:位于|坐落于|落户(?:在|于)?|选址(?:在|于))([\u4e00-\u9fff]{2,10}?(?:省|市|区|县|镇|乡|街道))")
LOCAL = re.compile(r"在(?:我市|本市|我区|我县)(?:挂牌)?(?:落地|落户|建设|设立)|落户(?:我市|本市)")
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
                out.append(Relation(outer, "locatedIn", place_mention(districts[head]), "name:holds district"))
            elif county and not name.startswith(stem or "\0") and not lexicon.suffix_type(county.group(1)):
                out.append(Relation(outer, "locatedIn", place_mention(county.group(1)), "name:holds county"))
            elif outer.type == "Park" and (other := _other_city(name, city, gazetteer, lexicon)):
                out.append(Relation(outer, "locatedIn", place_mention(other), "name:holds another city"))
            elif outer.type != "Park" and (inside := _city_inside(name, city, gazetteer)):
                out.append(Relation(outer, "locatedIn", place_mention(inside), "name:holds another city"))
        if own_county and county_stem in name and not any(r.predicate == "locatedIn" for r in out[placed_from:]):
            out.append(Relation(outer, "locatedIn", place_mention(own_county), "name:holds the plan's county"))  # 国网城固县供电公司
            continue
        if stem and stem in name:
            elsewhere = next((gazetteer.find(x) for x in ELSEWHERE.findall(name) if x != stem and gazetteer.find(x)), None)
            if elsewhere and elsewhere.level == "province" and gazetteer.province_of(city) == elsewhere.name:
                elsewhere = None  # 中国(湖南)自贸试验区常德片区: the province holds the plan's own city
            place = elsewhere.name if elsewhere and elsewhere.level in ("city", "province") else city
            out.append(Relation(outer, "locatedIn", place_mention(place), "name:holds city"))
    return out


def relations_of_location(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    out = []
    city = doc.metadata.city
    if not city:
        return out
    for m in LOCAL.finditer(doc.text):
        sentence = index.around(m.start())
        clause_start = max(doc.text.rfind(c, sentence[0], m.start()) for c in ",;。") + 1
        for obj in between(mentions, max(sentence[0], clause_start), m.start(), BUILT):
            out.append(Relation(obj, "locatedIn", place_mention(city), "frame:在我市落地"))
    return out


SUBJECT_CITY = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:市)?(?=以|围绕|依托|聚焦|加快|推进|打造|建设|坚持|着力|实施)")


def relations_of_subject_city(doc: Document, mentions, index: SentenceIndex, gazetteer: Gazetteer) -> list[Relation]:
    """A sentence about another city (成都以天府新区、东部新区为创新主阵地; 佛山围绕X、Y布局): the
    parks and platforms it names are in that city, as the plan tells of other cities' experience."""
    out = []
    own = doc.metadata.city
    for a, b in clauses(doc.text, index):
        start = a + len(re.match(r"[\s\d.、()()一二三四五六七八九十]*", doc.text[a:b]).group())
        m = SUBJECT_CITY.match(doc.text, start, b)
        place = gazetteer.city(m.group(1)) if m else None
        if not place or place.name == own:
            continue
        for obj in mentions.within(m.end(), b, BUILT):
            if not re.match(r"省|市|国家", obj.name):  # 省科学院: a province's or the nation's, wherever it works
                out.append(Relation(obj, "locatedIn", place_mention(place.name), "frame:another city's sentence"))
    return out


def relations_of_siting(doc: Document, mentions, index: SentenceIndex) -> list[Relation]:
    """X位于/落户Y: Y a place written after the verb."""
    out = []
    for m in SITED.finditer(doc.text):
        sentence = index.around(m.start())
        clause_start = max(doc.text.rfind(c, sentence[0], m.start()) for c in ",;。") + 1
        subject = subject_before(mentions, m.start(), (max(sentence[0], clause_start), m.start()), BUILT + ("Firm", "University"))
        if subject is not None:
            out.append(Relation(subject, "locatedIn", place_mention(m.group(1)), "frame:位于"))
    return out
