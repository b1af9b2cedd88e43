"""The entity network: the RDF graph read once into a networkx graph of plain data.

Nodes are entities and places carrying their label, type, plans and a source sentence;
edges are stated relations and responsibilities. Every view is taken from this graph,
never by converting the RDF graph again.
"""

from __future__ import annotations

import gc

import networkx as nx
from rdflib import Graph

from ..namespaces import ENTITY_TYPES
from ..query import run_query, stream_rows
from ..store import oxigraph_of

# The network reads whole predicates. Oxigraph joins plain patterns by looking each row's
# next term up on disk, one by one, but joins two subqueries by hashing, reading each
# predicate once in order: 3x faster for the mentions' sentences at 15M triples (10.6 s
# against 28-38 s), 1.5-2x for the others. rdflib joins subqueries pair by pair (n x m),
# so it, and any other store, gets the plain form (the second of each pair).
NODES_QUERY = (
    """SELECT ?node ?label ?type WHERE {
  { SELECT ?node ?t WHERE { VALUES ?t { %s } ?node a ?t } }
  { SELECT ?node ?label WHERE { ?node rdfs:label ?label } }
  BIND(STRAFTER(STR(?t), "#") AS ?type)
}""",
    """SELECT ?node ?label ?type WHERE {
  VALUES ?t { %s }
  ?node a ?t ; rdfs:label ?label .
  BIND(STRAFTER(STR(?t), "#") AS ?type)
}""",
)


PLANS_QUERY = "SELECT ?node ?p WHERE { ?node ig:mentionedIn ?p }"


PLAN_TITLES_QUERY = (
    "SELECT ?p ?title ?city WHERE { ?p a ig:Plan ; rdfs:label ?title OPTIONAL { ?p ig:cityName ?city } } ORDER BY ?city ?title")


# a tooltip sentence for each node: its mentions' sentences by IRI (the least is chosen in
# Python, the same on every build), then each sentence's text once. Reading the text per
# mention took a third longer and held each sentence as often as it names something; a
# SAMPLE per node in SPARQL took longer still.
MENTION_SENTENCES_QUERY = (
    "SELECT ?node ?sn WHERE { { SELECT ?m ?node WHERE { ?m itsrdf:taIdentRef ?node } } { SELECT ?m ?sn WHERE { ?m nif:sentence ?sn } } }",
    "SELECT ?node ?sn WHERE { ?m itsrdf:taIdentRef ?node ; nif:sentence ?sn }",
)


SENTENCE_TEXTS_QUERY = (
    "SELECT ?sn ?text WHERE { { SELECT ?sn WHERE { ?sn a nif:Sentence } } { SELECT ?sn ?text WHERE { ?sn nif:anchorOf ?text } } }",
    "SELECT ?sn ?text WHERE { ?sn a nif:Sentence ; nif:anchorOf ?text }",
)


ALT_QUERY = "SELECT ?node ?alt WHERE { ?node skos:altLabel ?alt }"


EDGES_QUERY = """
SELECT ?s ?p ?o WHERE {
  VALUES ?prop { ig:ledBy ig:participant ig:supportedBy ig:partnerOf ig:locatedIn ig:upgradeTo }
  ?s ?prop ?o .
  BIND(STRAFTER(STR(?prop), "#") AS ?p)
}
"""


EDGE_SENTENCES_QUERY = """
SELECT ?s ?o ?sn WHERE {
  VALUES ?prop { ig:ledBy ig:participant ig:supportedBy ig:partnerOf ig:locatedIn ig:upgradeTo }
  ?st rdf:predicate ?prop ; rdf:subject ?s ; rdf:object ?o ; prov:wasDerivedFrom ?ev .
  ?ev nif:sentence ?sn .
}
"""


MEASURES_QUERY = """
SELECT ?m ?label ?plan ?body ?lead WHERE {
  ?body ig:responsibleFor ?m .
  ?m rdfs:label ?label ; ig:inPlan/rdfs:label ?plan .
  BIND(EXISTS { ?body ig:leads ?m } AS ?lead)
}
"""


NETWORK_FORMAT = 7  # raise when entity_network's output changes, so kept copies are read again


def entity_network(graph: Graph, with_measures: bool = True) -> nx.Graph:
    """Entities (and places) as nodes, stated relations and responsibilities as edges."""
    gc.disable()  # millions of fresh tuples, no cycles: collections would rescan them again and again
    try:
        return _entity_network(graph, with_measures)
    finally:
        gc.enable()


def _entity_network(graph: Graph, with_measures: bool) -> nx.Graph:
    g = nx.Graph()
    form = 0 if oxigraph_of(graph) is not None else 1  # see NODES_QUERY
    types = " ".join(f"ig:{t}" for t in (*ENTITY_TYPES, "Place"))
    for node, label, type_ in run_query(graph, NODES_QUERY[form] % types).rows:
        g.add_node(node, label=label, type=type_, plans=(), sentence="", alt=())
    rows = run_query(graph, PLAN_TITLES_QUERY).rows
    titles = {plan: title for plan, title, _ in rows}
    g.graph["plans"] = tuple(dict.fromkeys(title for _, title, _ in rows))  # the plan filter's choices, by city
    named_in: dict[str, set[str]] = {}
    for node, plan in stream_rows(graph, PLANS_QUERY):
        if node in g and plan in titles:
            named_in.setdefault(node, set()).add(titles[plan])
    for node, plans in named_in.items():
        g.nodes[node]["plans"] = tuple(sorted(plans))
    for node, alt in stream_rows(graph, ALT_QUERY):
        if node in g:
            g.nodes[node]["alt"] = g.nodes[node]["alt"] + (alt,)
    first: dict[str, str] = {}
    for node, sentence in stream_rows(graph, MENTION_SENTENCES_QUERY[form]):
        if node in g and (node not in first or sentence < first[node]):
            first[node] = sentence
    said: dict[tuple[str, str], str] = {}  # the sentence stating each relation (the least, the same on every build)
    for s, o, sentence in stream_rows(graph, EDGE_SENTENCES_QUERY):
        if (s, o) not in said or sentence < said[(s, o)]:
            said[(s, o)] = sentence
    # only the texts of the sentences shown: every sentence of a national corpus is half a GB
    needed = set(first.values()) | set(said.values())
    texts = {sn: text for sn, text in stream_rows(graph, SENTENCE_TEXTS_QUERY[form]) if sn in needed}
    for node, sentence in first.items():
        g.nodes[node]["sentence"] = texts.get(sentence, "")
    for s, p, o in run_query(graph, EDGES_QUERY).rows:
        if s in g and o in g:
            g.add_edge(s, o, relation=p, sentence=texts.get(said.get((s, o), ""), ""))
    if with_measures:
        for m, label, plan, body, lead in run_query(graph, MEASURES_QUERY).rows:
            if body not in g:
                continue
            if m not in g:
                g.add_node(m, label=label, type="Measure", plans=(plan,), sentence="", alt=())
            g.add_edge(body, m, relation="leads" if lead else "responsibleFor")
    return g
