"""Counts that summarise a graph: plans, entities by type, measures, targets, relations."""

from __future__ import annotations

from rdflib import Graph

from .namespaces import ENTITY_TYPES, IG, RELATION_PROPERTIES
from .query import run_query

STATS_QUERY = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a ?c . VALUES ?c { %s } BIND(STRAFTER(STR(?c), "#") AS ?what) }
}
GROUP BY ?what
"""

RELATIONS_QUERY = """
SELECT ?what (COUNT(*) AS ?n) WHERE {
  ?s ?p ?o . VALUES ?p { %s } BIND(STRAFTER(STR(?p), "#") AS ?what)
}
GROUP BY ?what
"""


def graph_stats(graph: Graph) -> dict[str, int]:
    """Counts by class and by relation property, plus the number of triples."""
    classes = " ".join(f"<{IG[c]}>" for c in ("Plan", "Section", "Measure", "Target", "Indicator", "Mention", *ENTITY_TYPES, "Place"))
    props = " ".join(f"<{IG[p]}>" for p in (*RELATION_PROPERTIES, "responsibleFor", "leads", "mentions", "cites"))
    counts = {c: 0 for c in ("Plan", "Section", "Measure", "Target", "Indicator", "Mention", *ENTITY_TYPES, "Place")}
    for what, n in run_query(graph, STATS_QUERY % classes).rows:
        counts[what] = int(n)
    for what, n in run_query(graph, RELATIONS_QUERY % props).rows:
        counts[what] = int(n)
    counts["entities"] = sum(counts[t] for t in ENTITY_TYPES)
    counts["triples"] = int(run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
    return counts
