"""Plain-data answers for the explorer's views: plans, an entity's relations, duties.

Each function runs one internal query (``graph/query/queries/internal/``) with bindings and
returns a QueryResult; the app turns results into tables and never writes SPARQL. The
corpus-wide views (workloads, indicators, targets, counts) read the summary kept with a
store's generation instead when there is one (``graph/query/summary.py``): the same answers,
without a scan of every plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from ..query import QUERY_DIR, QueryResult, get_query, run_query
from ..query.summary import kept_summary

INTERNAL = QUERY_DIR / "internal"


def _run(graph: Graph, name: str, **bindings) -> QueryResult:
    return run_query(graph, get_query(name, INTERNAL).text, **bindings).without(*bindings)


def list_plans(graph: Graph) -> QueryResult:
    return _run(graph, "plans")


def plan_places(graph: Graph, plans: QueryResult | None = None) -> list[str]:
    """The places plans are for, as the examples' ``city`` parameter takes them: a plan's
    city, or a provincial plan's province (of ``plans``, the plans listed, if given)."""
    records = (plans or list_plans(graph)).records()
    return sorted({r["city"] or r["province"] for r in records if r["city"] or r["province"]})


def entity_relations(graph: Graph, entity: str) -> QueryResult:
    """Who leads, takes part in, supports … an entity, and what it relates to, with sources."""
    return _run(graph, "entity_relations", node=URIRef(entity))


def plan_duties(graph: Graph, plan: str) -> QueryResult:
    """(measure number, measure, body, lead) rows of one plan, in reading order."""
    return _run(graph, "plan_duties", plan=URIRef(plan))


def plans_with_duties(graph: Graph) -> dict[str, int]:
    """Plan IRI → measures with a responsible body, for the plans that name any."""
    if (summary := kept_summary(graph)) is not None:
        return dict(summary["plans_with_duties"])
    return {plan: n for plan, n in _run(graph, "plans_with_duties").rows}


def list_bodies(graph: Graph) -> QueryResult:
    """(body, label, measures) of every body responsible for a measure, the busiest first."""
    if (summary := kept_summary(graph)) is not None:
        return QueryResult(("body", "label", "measures"), tuple((b, label, n) for b, label, n, *_ in summary["workload"]))
    return _run(graph, "bodies")


def body_duties(graph: Graph, body: str) -> QueryResult:
    """The measures one body is responsible for, across all plans, with their text."""
    return _run(graph, "body_duties", body=URIRef(body))


def body_workload(graph: Graph) -> QueryResult:
    """Each body's measures, how many it leads, and in how many plans."""
    if (summary := kept_summary(graph)) is not None:
        return QueryResult(("body", "label", "measures", "leads", "plans"), tuple(map(tuple, summary["workload"])))
    return _run(graph, "workload")


def indicators(graph: Graph) -> QueryResult:
    """(indicator, label, plans setting it), the most shared first."""
    if (summary := kept_summary(graph)) is not None:
        return QueryResult(("indicator", "label", "plans"), tuple(map(tuple, summary["indicators"])))
    return _run(graph, "indicators")


def entities_by_city(graph: Graph) -> QueryResult:
    """(city, type, entities named in that city's plans), by city."""
    if (summary := kept_summary(graph)) is not None:
        return QueryResult(("city", "type", "entities"), tuple(map(tuple, summary["entities_by_city"])))
    return _run(graph, "entities_by_city")


TARGET_COLUMNS = ("indicator", "label", "city", "plan", "title", "year", "value", "unit", "qualifier", "baseline", "baselineYear",
                  "text")
TARGET_SENTENCES = "SELECT ?target ?text WHERE { VALUES ?target { %s } ?target prov:wasDerivedFrom ?ev . ?ev nif:sentence ?sn . ?sn nif:anchorOf ?text }"


def targets(graph: Graph, indicator: str) -> QueryResult:
    """One indicator's targets in every plan: city, plan, year, value, unit, baseline, sentence.

    The sentences are asked for the targets found, by their IRIs: as an OPTIONAL of the first
    query Oxigraph joined every derivation in the store (4.0 s against 0.7 s at 1.5M triples).
    """
    if (summary := kept_summary(graph)) is not None:
        return QueryResult(TARGET_COLUMNS, tuple(tuple(r) for r in summary["targets"] if r[0] == str(indicator)))
    found = run_query(graph, get_query("targets", INTERNAL).text, indicator=URIRef(indicator))
    where = found.columns.index("target")
    texts = {}
    for k in range(0, len(found.rows), 500):
        iris = " ".join(URIRef(row[where]).n3() for row in found.rows[k:k + 500])
        for target, text in run_query(graph, TARGET_SENTENCES % iris).rows if iris else ():
            texts[target] = min(text, texts.get(target, text))  # the same sentence whatever order they come in
    columns = tuple(c if c != "target" else "text" for c in found.columns)
    assert columns == TARGET_COLUMNS, columns
    return QueryResult(columns, tuple(row[:where] + (texts.get(row[where], ""),) + row[where + 1:] for row in found.rows))


@dataclass(frozen=True)
class EntityCard:
    iri: str
    label: str
    type: str
    aliases: tuple[str, ...]
    plans: tuple[tuple[str, str], ...]  # (plan IRI, title)


def entity_card(graph: Graph, entity: str) -> EntityCard | None:
    """What the graph says an entity is: name, type, other names, the plans naming it (None if unknown)."""
    rows = _run(graph, "entity", node=URIRef(entity)).records()
    if not rows:
        return None
    aliases = tuple(dict.fromkeys(r["alt"] for r in rows if r["alt"]))
    plans = tuple(dict.fromkeys((r["plan"], r["title"]) for r in rows if r["plan"]))
    return EntityCard(entity, rows[0]["label"], rows[0]["type"], aliases, plans)
