"""Review identity: likely duplicate entities in a built graph.

``find_suspects`` lists pairs of entities that may be one: the same name once place
prefixes are removed, one name inside the other, or names one character apart. The user
answers in ``data/aliases.csv`` (merge / keep_apart; see ``resolve.rules``), which ``resolve``
applies at the next build.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph

from ..namespaces import ENTITY_TYPES
from ..query import run_query

ENTITIES_QUERY = """
SELECT ?e ?label ?type (COUNT(DISTINCT ?p) AS ?plans) (GROUP_CONCAT(DISTINCT ?title; separator=" | ") AS ?titles) WHERE {
  ?e a ?t ; rdfs:label ?label ; ig:mentionedIn ?p . ?p rdfs:label ?title .
  FILTER(?t IN (%s))
  BIND(STRAFTER(STR(?t), "#") AS ?type)
}
GROUP BY ?e ?label ?type
ORDER BY ?type ?label
"""

PLACES_QUERY = "SELECT DISTINCT ?name WHERE { { ?p ig:cityName ?name } UNION { ?p ig:provinceName ?name } }"



@dataclass(frozen=True)
class Suspect:
    a: str
    b: str
    type_a: str
    type_b: str
    reason: str
    plans_a: str
    plans_b: str


def _without_place(name: str, places: list[str]) -> str:
    """The name without one leading place or level word: 河南省科学院 → 科学院, 省科学院 → 科学院."""
    for place in places:
        for form in (place, place[:-1] if len(place) > 2 else place):
            if name.startswith(form) and len(name) > len(form) + 2:
                return name[len(form) :]
    m = re.match(r"^(中国|国家|省|市|县|区)(?=..)", name)
    return name[m.end() :] if m else name


def _one_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def suspect_reason(a: str, b: str, places: list[str]) -> str | None:
    """Why two names of one type may name one entity, or None.

    >>> suspect_reason("河南省科学院", "省科学院", ["河南省"])
    'the same name but for a place prefix'
    >>> suspect_reason("洛阳高新区", "郑州高新区", ["洛阳市", "郑州市"]) is None
    True
    """
    wa, wb = _without_place(a, places), _without_place(b, places)
    if a != b and (wa == b or wb == a or (wa == wb and (wa, wb) != (a, b) and (a.startswith(("省", "市", "国家")) or b.startswith(("省", "市", "国家"))))):
        return "the same name but for a place prefix"
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and short in long:
        return "one name inside the other"
    if _one_apart(a, b):
        return "one character apart"
    return None


def find_suspects(graph: Graph) -> list[Suspect]:
    """Pairs of entities that may be one, with the reason and the plans naming each."""
    types = ", ".join(f"ig:{t}" for t in ENTITY_TYPES)
    rows = run_query(graph, ENTITIES_QUERY % types).rows
    places = sorted({r[0] for r in run_query(graph, PLACES_QUERY).rows}, key=len, reverse=True)
    by_type = defaultdict(list)
    for _, label, type_, _, titles in rows:
        by_type[type_].append((label, " | ".join(sorted((titles or "").split(" | ")))))  # GROUP_CONCAT has no order
    found = []
    for type_, items in by_type.items():
        for i, (a, pa) in enumerate(items):
            for b, pb in items[i + 1 :]:
                reason = suspect_reason(a, b, places)
                if reason:
                    found.append(Suspect(a, b, type_, type_, reason, pa, pb))
    return found
