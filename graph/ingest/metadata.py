"""Find a plan's title, issuer, document number, dates, place, kind and period."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Metadata
from ..vocabulary.gazetteer import default_gazetteer
from ..vocabulary.lexicon import Lexicon

CN_DIGITS = {"〇": 0, "零": 0, "0": 0, "O": 0, "o": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,8}[〔\[(]\d{4}[〕\])]\s*\d+\s*号")
ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
SIGNATURE_DATE = re.compile(r"^\s*(?:\S{2,20}\s+)?(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")
CN_DATE = re.compile(r"([一二三四五六七八九〇零O0]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?")
PLAN_WORDS = re.compile(r"规划|计划|要点|方案|意见|纲要|措施|办法")
FIVE_YEAR = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}
CITY = re.compile(r"^([\u4e00-\u9fa5]{2,8}?(?:自治州|市|州|盟|地区))")


def chinese_number(text: str) -> int:
    """Read a small Chinese numeral or a digit-by-digit year.

    >>> chinese_number("二〇二一"), chinese_number("十一"), chinese_number("二十三")
    (2021, 11, 23)
    """
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


ISSUED_DIRECTLY = re.compile(r"^((?:[\u4e00-\u9fff]{2,20}(?:委|政府|局|厅|办公室|办公厅|委员会)[\s、]*)+?)(关于[^。]{4,60}的(?:若干措施|若干政策|实施意见|意见|决定|办法|通知))$")
ISSUING_BODY = re.compile(r"^[\u4e00-\u9fff()]{2,28}(?:局|厅|委|政府|办公室|办公厅|委员会)$")


def find_title_and_issuer(lines: list[str]) -> tuple[str, str]:
    """Read '<issuer>关于印发<title>的通知', else the first line that names a plan."""
    head = [ln.strip().strip("|").strip() for ln in lines[:20] if ln.strip().strip("|").strip()]
    for i, line in enumerate(head):
        joined = line + (head[i + 1] if line.endswith("关于印发") and i + 1 < len(head) else "")
        m = re.search(r"^(.*?)关于印发(.+?)的通知", joined)
        if m:
            return m.group(2).strip("《》 "), m.group(1).strip()
    for line in head[:3]:  # <issuers>关于X的若干措施: a document its bodies issue themselves (中共X市委 X市人民政府关于…)
        m = ISSUED_DIRECTLY.match(line)
        if m:
            return m.group(2), m.group(1).strip()
    for i, line in enumerate(head):
        if PLAN_WORDS.search(line) and len(line) <= 60 and not line.startswith(("《", "根据", "为")):
            after = head[i + 1] if i + 1 < len(head) else ""
            by = after if len(after) <= 30 and ISSUING_BODY.search(after) else ""  # a page: the title, then who issued it
            return line.strip("《》 "), by
    return (head[0][:60] if head else ""), ""


def find_signature(lines: list[str]) -> tuple[str, str]:
    """Find the signing body and date near the end or after the 通知 (issuer, ISO date)."""
    issuer, date = "", ""
    for i, line in enumerate(lines):
        s = line.strip()
        m = SIGNATURE_DATE.match(s)
        if m and not date:
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            continue
        m = CN_DATE.search(s)
        if m and len(s) <= 40 and s.endswith(("日", "月")):
            year, month = chinese_number(m.group(1)), chinese_number(m.group(2))
            day = chinese_number(m.group(3)) if m.group(3) else None
            date = date or (f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""))
            before = s[: m.start()].strip()
            if not before and i > 0:
                before = lines[i - 1].strip()
            if before and len(before) <= 30 and re.search(r"(局|厅|委|政府|办公室|办公厅|委员会)$", before):
                issuer = before
    return issuer, date


def find_province(text: str, names: list[str], lexicon: Lexicon, city: str = "") -> str:
    """The province a title or issuer names; else the city's own (东莞市 → 广东省, however often the
    text names 香港); else, for a plan of no known city, the one its text names most."""
    for name in names:
        for province in lexicon.provinces:
            if name.startswith((province, province[:-1] + "省")):
                return province
    if city and default_gazetteer().province_of(city):
        return default_gazetteer().province_of(city)
    counts = Counter()
    for province in lexicon.provinces:
        stem = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", province)
        counts[province] = text.count(stem) if len(stem) >= 2 else 0
    best, n = counts.most_common(1)[0] if counts else ("", 0)
    return best if n >= 2 else ""


def find_city(names: list[str], lexicon: Lexicon) -> str:
    for name in names:
        name = re.sub(r"^(?:中共|中国共产党)", "", name)  # 中共常州市委: the party's committee of 常州市
        for province in lexicon.provinces:
            if name.startswith(province):
                name = name[len(province) :]
                if province.endswith("市") and province in names[0]:
                    return province  # a municipality is its own city
        m = CITY.match(name)
        if m and m.group(1) not in lexicon.provinces:
            return m.group(1)
    return ""


def city_of_district(names: list[str]) -> str:
    """The city of a district or county a title or issuer starts with (光明区科技局 → 深圳市), from
    the gazetteer, where only one city has a division of that name."""
    gazetteer = default_gazetteer()
    for name in names:
        for k in range(2, 9):
            place = gazetteer.find(name[:k], "county")
            if place and name[:k] == place.name:
                return place.city or place.province
    return ""


def district_of(names: list[str], city: str, province: str) -> str:
    """The district or county whose own plan this is: the one its issuer or title starts with,
    after the city and province (深圳市龙岗区科技创新局, 龙岗区2024年…清单 → 龙岗区); "" for a
    city's or a province's plan."""
    gazetteer = default_gazetteer()
    for name in names:
        for prefix in (province, city, city[:-1] if len(city) > 2 else ""):
            if prefix and name.startswith(prefix):
                name = name[len(prefix) :]
        for k in range(2, 8):
            places = [d for d in gazetteer.by_name.get(name[:k], ()) if d.level == "county" and (not city or d.city == city)]
            if len(places) == 1:  # 南山区 is in 深圳市 and in 鹤岗市: the plan's city says which
                return places[0].name
    return ""


def find_kind_and_period(title: str, text: str) -> tuple[str, int | None, int | None]:
    kind = "其他"
    if "要点" in title:
        kind = "年度工作要点"
    elif re.search(r"行动计划|行动方案", title):
        kind = "三年行动计划" if "三年" in title else "行动计划"
    elif "规划" in title:
        kind = "五年规划" if re.search(r"十[一二三四五六]五|五年", title) else "规划"
    start = end = None
    m = re.search(r"(\d{4})\s*[—–\-~至到]\s*(\d{4})年", title)
    if m:
        start, end = int(m.group(1)), int(m.group(2))
    else:
        for label, first in FIVE_YEAR.items():
            if label in title:
                start, end = first, first + 4
                break
    m = re.search(r"规划期(?:限)?(?:为|是)?\s*(\d{4})\s*[—–\-~至到]\s*(\d{4})年", text)
    if m:
        start, end = int(m.group(1)), int(m.group(2))
    if start is None:
        m = re.search(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?(?!\s*[—–\-~至到])", title) or re.search(r"[((](\d{4})年?[))]", title)
        if m:
            start = end = int(m.group(1))
    return kind, start, end


def extract_metadata(raw_lines: list[str], lines: list[str], text: str, lexicon: Lexicon) -> Metadata:
    """Read metadata from the page header (raw lines, residue included) and the clean text."""
    raw = "\n".join(raw_lines[:40])
    title, issuer = find_title_and_issuer(lines)
    signer, signed = find_signature(lines)
    issuer = issuer or signer
    m = DOC_NUMBER.search(raw)
    doc_number = re.sub(r"\s+", "", m.group(0)) if m else ""
    published = ""
    m = re.search(r"(?:发布日期|发布时间|时间)\s*[::]?\s*(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    if m:
        published = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.search(r"成文日期\s*[::]?\s*(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else signed or published
    m = re.search(r"主办单位\s*[::]\s*(\S+)", "\n".join(raw_lines[-15:]))
    publisher = m.group(1) if m else ""
    m = re.search(r"(?:发布机构|发文机关|发文单位|来源)\s*[::]\s*(\S+)", raw)  # a page's metadata block
    agency = m.group(1) if m and m.group(1) != "本站" else ""
    issuer = issuer or (agency if agency and (lexicon.department_suffix(agency) or ISSUING_BODY.match(agency)) else "")  # a page names its issuer there
    names = [n for n in (issuer, title, publisher, agency) if n]
    city = find_city(names, lexicon) or city_of_district(names)
    province = find_province(text, names, lexicon, city)
    kind, start, end = find_kind_and_period(title, text)
    district = district_of([n for n in (issuer, title, agency) if n], city, province)
    return Metadata(
        title=title,
        issuer=issuer,
        doc_number=doc_number,
        date=date,
        published=published,
        city=city,
        province=province,
        kind=kind,
        period_start=start,
        period_end=end,
        publisher=publisher,
        district=district,
    )
