"""Places carry their national division code and the chain of divisions they lie in, so a
query rolls a county's or a city's plans up to the province (codes checked by hand against
GB/T 2260: 洛阳市 410300, 涧西区 410305, 河南省 410000, 益阳市 430900, 湖南省 430000)."""

from graph.build.triples import place_triples
from graph.query import run_query

SCHEMA = "PREFIX schema: <https://schema.org/>\n"


def place(graph, name):
    rows = run_query(graph, SCHEMA + f"""SELECT ?code ?level ?parent WHERE {{ ?p a ig:Place ; rdfs:label "{name}"@zh .
        OPTIONAL {{ ?p ig:divisionCode ?code ; ig:divisionLevel ?level }}
        OPTIONAL {{ ?p schema:containedInPlace/rdfs:label ?parent }} }}""").rows
    assert len(rows) == 1, (name, rows)
    return rows[0]


def test_a_district_a_city_and_a_province_with_codes_and_parents(bundled_graph):
    assert place(bundled_graph, "涧西区") == ("410305", "county", "洛阳市")
    assert place(bundled_graph, "洛阳市") == ("410300", "city", "河南省")
    assert place(bundled_graph, "河南省") == ("410000", "province", None)
    assert place(bundled_graph, "益阳市") == ("430900", "city", "湖南省")


def test_every_plan_rolls_up_to_the_province_it_names(bundled_graph):
    rows = run_query(bundled_graph, SCHEMA + """SELECT ?plan ?named ?province WHERE {
        ?plan a ig:Plan ; ig:provinceName ?named ; ig:city/schema:containedInPlace* ?p .
        ?p ig:divisionLevel "province" ; rdfs:label ?province }""").rows
    assert len(rows) == 4
    assert all(named == province for _, named, province in rows)


def test_a_county_rolls_up_through_its_city():
    triples = list(place_triples(["桃江县"]))
    labels = {str(s): str(o) for s, p, o in triples if str(p).endswith("#label")}
    chain = {labels[str(s)]: labels[str(o)] for s, p, o in triples if str(p).endswith("containedInPlace")}
    assert chain == {"桃江县": "益阳市", "益阳市": "湖南省"}


def test_a_name_several_divisions_share_gets_no_code():
    """鼓楼区 is a district of 南京市, 福州市, 徐州市 and 开封市: no code is better than a wrong one."""
    triples = list(place_triples(["鼓楼区"]))
    assert [str(p).rsplit("#", 1)[-1] for _, p, _ in triples] == ["type", "label"]
