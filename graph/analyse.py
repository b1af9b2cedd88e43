"""Network views of the graph with networkx: the entity network, neighbourhoods, caps, layout.

The RDF graph is read once into an undirected simple graph whose nodes carry plain data
(label, type, plans, a source sentence); every view is taken from that cached graph,
never by converting the RDF graph again.
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .namespaces import ENTITY_TYPES
from .query import run_query
from .store import meta_dir

NODES_QUERY = """
SELECT ?node ?label ?type WHERE {
  VALUES ?t { %s }
  ?node a ?t ; rdfs:label ?label .
  BIND(STRAFTER(STR(?t), "#") AS ?type)
}
"""

PLANS_QUERY = "SELECT ?node ?p WHERE { ?node ig:mentionedIn ?p }"
PLAN_TITLES_QUERY = "SELECT ?p ?title WHERE { ?p a ig:Plan ; rdfs:label ?title }"

# a tooltip sentence for each node: its mentions' sentences by IRI (the least is chosen in
# Python, the same on every build), then each sentence's text once. Reading the text per
# mention took a third longer and held each sentence as often as it names something; a
# SAMPLE per node in SPARQL took longer still.
MENTION_SENTENCES_QUERY = "SELECT ?node ?sn WHERE { ?m itsrdf:taIdentRef ?node ; nif:sentence ?sn }"
SENTENCE_TEXTS_QUERY = "SELECT ?sn ?text WHERE { ?sn a nif:Sentence ; nif:anchorOf ?text }"

ALT_QUERY = "SELECT ?node ?alt WHERE { ?node skos:altLabel ?alt }"

EDGES_QUERY = """
SELECT ?s ?p ?o WHERE {
  VALUES ?prop { ig:ledBy ig:participant ig:supportedBy ig:partnerOf ig:locatedIn ig:upgradeTo }
  ?s ?prop ?o .
  BIND(STRAFTER(STR(?prop), "#") AS ?p)
}
"""

MEASURES_QUERY = """
SELECT ?m ?label ?plan ?body ?lead WHERE {
  ?body ig:responsibleFor ?m .
  ?m rdfs:label ?label ; ig:inPlan/rdfs:label ?plan .
  BIND(EXISTS { ?body ig:leads ?m } AS ?lead)
}
"""


NETWORK_FORMAT = 3  # raise when entity_network's output changes, so kept copies are read again


@dataclass(frozen=True)
class View:
    graph: nx.Graph
    cut: bool  # True when the cap removed nodes
    total: int  # nodes before the cap


def entity_network(graph: Graph, with_measures: bool = True) -> nx.Graph:
    """Entities (and places) as nodes, stated relations and responsibilities as edges."""
    gc.disable()  # millions of fresh tuples, no cycles: collections would rescan them again and again
    try:
        return _entity_network(graph, with_measures)
    finally:
        gc.enable()


def _entity_network(graph: Graph, with_measures: bool) -> nx.Graph:
    g = nx.Graph()
    types = " ".join(f"ig:{t}" for t in (*ENTITY_TYPES, "Place"))
    for node, label, type_ in run_query(graph, NODES_QUERY % types).rows:
        g.add_node(node, label=label, type=type_, plans=(), sentence="", alt=())
    titles = dict(run_query(graph, PLAN_TITLES_QUERY).rows)
    named_in: dict[str, set[str]] = {}
    for node, plan in run_query(graph, PLANS_QUERY).rows:
        if node in g and plan in titles:
            named_in.setdefault(node, set()).add(titles[plan])
    for node, plans in named_in.items():
        g.nodes[node]["plans"] = tuple(sorted(plans))
    for node, alt in run_query(graph, ALT_QUERY).rows:
        if node in g:
            g.nodes[node]["alt"] = g.nodes[node]["alt"] + (alt,)
    first: dict[str, str] = {}
    for node, sentence in run_query(graph, MENTION_SENTENCES_QUERY).rows:
        if node in g and (node not in first or sentence < first[node]):
            first[node] = sentence
    texts = dict(run_query(graph, SENTENCE_TEXTS_QUERY).rows)
    for node, sentence in first.items():
        g.nodes[node]["sentence"] = texts.get(sentence, "")
    for s, p, o in run_query(graph, EDGES_QUERY).rows:
        if s in g and o in g:
            g.add_edge(s, o, relation=p)
    if with_measures:
        for m, label, plan, body, lead in run_query(graph, MEASURES_QUERY).rows:
            if body not in g:
                continue
            if m not in g:
                g.add_node(m, label=label, type="Measure", plans=(plan,), sentence="", alt=())
            g.add_edge(body, m, relation="leads" if lead else "responsibleFor")
    return g


def _kept_network_path(store_dir: Path, with_measures: bool) -> Path:
    """Where the network of the store's current plans is kept: the name carries a stamp of
    the manifest (the plans' content hashes), so a copy is current exactly when it exists."""
    manifest = (meta_dir(store_dir) / "manifest.json").read_bytes()
    stamp = hashlib.sha1(manifest + bytes([with_measures, NETWORK_FORMAT])).hexdigest()[:16]
    return meta_dir(store_dir) / f"network-{int(with_measures)}-{stamp}.pickle"


def stored_entity_network(graph: Graph, store_dir: Path | None, with_measures: bool = True) -> nx.Graph:
    """The entity network, kept beside an on-disk store and reused while its plans are unchanged.

    Reading it from the store takes seconds at 1.5M triples; the pickle loads in a tenth
    of one, which is what an explorer's first page waits for.
    """
    if store_dir is None or not (meta_dir(store_dir) / "manifest.json").exists():
        return entity_network(graph, with_measures)
    path = _kept_network_path(store_dir, with_measures)
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass  # no usable copy: read it from the store
    network = entity_network(graph, with_measures)
    tmp = path.with_suffix(".tmp")
    try:
        with tmp.open("wb") as handle:
            pickle.dump(network, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(f"network-{int(with_measures)}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only store folder: work without the copy
    return network


def keep_entity_network(graph: Graph, store_dir: Path) -> bool:
    """Read the explorer's default network (entities, no measures) after a build, so its
    first page does not; True if it had to be read (the plans changed)."""
    if _kept_network_path(store_dir, False).exists():
        return False
    stored_entity_network(graph, store_dir, with_measures=False)
    return True


def find_nodes(g: nx.Graph, text: str, limit: int = 50) -> list[str]:
    """Nodes whose label or alias contains the text, exact matches and short labels first."""
    text = text.strip()
    if not text:
        return []
    hits = [n for n, d in g.nodes(data=True) if text in d["label"] or any(text in a for a in d.get("alt", ()))]
    return sorted(hits, key=lambda n: (g.nodes[n]["label"] != text, len(g.nodes[n]["label"]), g.nodes[n]["label"]))[:limit]


def filter_network(g: nx.Graph, plans: list[str] | None = None, types: list[str] | None = None) -> nx.Graph:
    """The subgraph of nodes named in any of the plans and of any of the types (None: all)."""
    if not plans and not types:
        return g
    keep = [
        n
        for n, d in g.nodes(data=True)
        if (not types or d["type"] in types or d["type"] in ("Place", "Measure") and d["type"] in types)
        and (not plans or d["type"] == "Place" or set(d["plans"]) & set(plans))
    ]
    return g.subgraph(keep)


def neighbourhood(g: nx.Graph, node: str, radius: int = 1) -> nx.Graph:
    """The ego graph of a node (an undirected simple graph keeps this cheap)."""
    return nx.ego_graph(g, node, radius=radius)


def cap_nodes(g: nx.Graph, limit: int = 300, focus: str | None = None) -> View:
    """Keep at most ``limit`` nodes: the focus, then the best-connected ones."""
    total = g.number_of_nodes()
    if total <= limit:
        return View(g, False, total)
    degree = dict(g.degree())
    labels = g.nodes(data="label")
    ranked = heapq.nsmallest(limit, g.nodes, key=lambda n: (n != focus, -degree[n], labels[n]))
    return View(g.subgraph(ranked).copy(), True, total)


def layout(g: nx.Graph, seed: int = 7, scale: float = 600.0) -> dict[str, tuple[float, float]]:
    """Deterministic positions computed in Python, so the browser draws without physics."""
    if g.number_of_nodes() == 0:
        return {}
    k = 2.0 / max(1, g.number_of_nodes()) ** 0.5
    pos = nx.spring_layout(g, seed=seed, k=k, iterations=40, scale=scale)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def degree_ranking(g: nx.Graph, top: int = 20) -> list[tuple[str, str, int]]:
    """(label, type, degree) of the best-connected nodes."""
    ranked = sorted(g.degree, key=lambda x: -x[1])[:top]
    return [(g.nodes[n]["label"], g.nodes[n]["type"], d) for n, d in ranked]
