"""Network views of the graph with networkx: the entity network, neighbourhoods, caps, layout.

The RDF graph is read once into an undirected simple graph whose nodes carry plain data
(label, type, plans, a source sentence); every view is taken from that cached graph,
never by converting the RDF graph again.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import heapq
import os
import pickle
import weakref
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..namespaces import ENTITY_TYPES
from ..query import run_query, stream_rows
from ..store import MANIFEST, oxigraph_of, published_generation

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
DEFAULT_CAP = 300  # nodes a view sends to the browser unless the user asks for more
LAYOUT_SEED, LAYOUT_SCALE = 7, 600.0  # the same view gets the same positions on every run


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


def _kept_network_path(store_dir: Path | None, with_measures: bool, kind: str = "network") -> Path | None:
    """Where the network of the store's published plans (or, as ``kind="first-view"``, the
    view an explorer opens with) is kept (None without a store folder): in the published
    generation, named with a stamp of its manifest (the plans' content hashes), so a copy
    is current exactly when it exists."""
    generation = published_generation(store_dir) if store_dir is not None else None
    if generation is None or not (manifest := generation / MANIFEST).exists():
        return None
    stamp = hashlib.sha1(manifest.read_bytes() + bytes([with_measures, NETWORK_FORMAT])).hexdigest()[:16]
    return manifest.parent / f"{kind}-{int(with_measures)}-{stamp}.pickle"


def _keep(value, path: Path, kind: str, with_measures: bool) -> None:
    """Pickle ``value`` to ``path`` whole or not at all; older copies of the kind go."""
    tmp = path.with_suffix(".tmp")
    try:
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{kind}-{int(with_measures)}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only store folder: work without the copy


def first_view(network: nx.Graph) -> nx.Graph:
    """The view an explorer opens with, as a graph of its own: the network capped at
    DEFAULT_CAP, laid out, with the plans to filter by and what the cap left out."""
    capped = cap_nodes(network, DEFAULT_CAP)
    view = nx.Graph(capped.graph)
    view.graph.clear()
    view.graph.update(plans=network.graph.get("plans", ()), cut=capped.cut, total=capped.total)
    view.graph["layouts"] = {_layout_key(_canonical(view)): layout(view)}
    return view


def keep_first_view(network: nx.Graph, store_dir: Path | None) -> None:
    """Keep the first view beside the kept network (if it is not there): at national scale
    the network is tens of MB and takes seconds to read, the first view a few ms."""
    path = _kept_network_path(store_dir, False, "first-view")
    if path is not None and not path.exists():
        _keep(first_view(network), path, "first-view", False)


def kept_first_view(store_dir: Path | None) -> View | None:
    """The first view kept for the store's current plans, if there is one."""
    view = _read_kept(_kept_network_path(store_dir, False, "first-view"))
    return View(view, view.graph["cut"], view.graph["total"]) if view is not None else None


def kept_entity_network(store_dir: Path | None, with_measures: bool = True) -> nx.Graph | None:
    """The entity network kept beside an on-disk store for its current plans, if there is
    one: reading it needs neither the store nor rdflib's query engine."""
    return _read_kept(_kept_network_path(store_dir, with_measures))


def _read_kept(path: Path | None) -> nx.Graph | None:
    """A kept network or view (None if there is none, or it cannot be read), its layouts
    taken in, so what it was laid out as is not laid out again."""
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            kept = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    _LAYOUTS.update(kept.graph.get("layouts", {}))
    return kept


def stored_entity_network(graph: Graph, store_dir: Path | None, with_measures: bool = True) -> nx.Graph:
    """The entity network, kept beside an on-disk store and reused while its plans are unchanged.

    Reading it from the store takes seconds at 1.5M triples; the pickle loads in a tenth
    of one, which is what an explorer's first page waits for.
    """
    kept = kept_entity_network(store_dir, with_measures)
    if kept is not None:
        return kept
    network = entity_network(graph, with_measures)
    path = _kept_network_path(store_dir, with_measures)
    if path is None:
        return network
    keep_default_layout(network)
    _keep(network, path, "network", with_measures)
    if not with_measures:
        keep_first_view(network, store_dir)
    return network


def keep_entity_network(graph: Graph, store_dir: Path) -> bool:
    """Read the explorer's default network (entities, no measures) after a build, so its
    first page does not; True if it had to be read (the plans changed)."""
    path = _kept_network_path(store_dir, False)
    if path is not None and path.exists():
        return False
    stored_entity_network(graph, store_dir, with_measures=False)
    return True


def find_nodes(g: nx.Graph, text: str, limit: int = 50) -> list[str]:
    """Nodes whose label or alias contains the text, exact matches and short labels first."""
    text = text.strip()
    if not text:
        return []
    if "\0" in text or "\n" in text:
        hits = [n for n, d in g.nodes(data=True) if text in d["label"] or any(text in a for a in d.get("alt", ()))]
    else:
        names, starts, nodes = _name_index(g)
        found, at = set(), names.find(text)
        while at != -1:  # str.find runs in C: a national network's 200,000 names in a few ms, not 0.3 s
            i = bisect.bisect_right(starts, at) - 1
            found.add(nodes[i])
            at = names.find(text, starts[i + 1] if i + 1 < len(starts) else len(names))
        hits = list(found)
    return sorted(hits, key=lambda n: (g.nodes[n]["label"] != text, len(g.nodes[n]["label"]), g.nodes[n]["label"]))[:limit]


_NAME_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # graph → its names, made once per graph


def _name_index(g: nx.Graph) -> tuple[str, list[int], list[str]]:
    """Every node's label and aliases in one string (a NUL between a node's names, a line
    break between nodes), where each node's part starts, and the nodes in that order."""
    index = _NAME_INDEXES.get(g)
    if index is None:
        parts, starts, nodes, at = [], [], [], 0
        for n, d in g.nodes(data=True):
            part = "\0".join([d["label"], *d.get("alt", ())]) + "\n"
            parts.append(part)
            starts.append(at)
            nodes.append(n)
            at += len(part)
        index = _NAME_INDEXES[g] = ("".join(parts), starts, nodes)
    return index


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


def path_between(g: nx.Graph, source: str, target: str) -> list[str]:
    """The shortest chain of stated relations from one entity to another (its nodes, both
    ends included), or [] when the plans connect them by none. Places and statuses are
    nodes too: two labs in one district are two hops apart through it.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> path_between(g, "a", "c"), path_between(g, "a", "y")
    (['a', 'b', 'c'], [])
    """
    try:
        return nx.shortest_path(g, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def cap_nodes(g: nx.Graph, limit: int = DEFAULT_CAP, focus: str | None = None) -> View:
    """Keep at most ``limit`` nodes: the focus, then the best-connected ones. Without a focus
    (the overview), nodes with no stated relation are left out: in a picture of relations
    they say nothing, and spring layout threw them into a ring around it; search finds them."""
    total = g.number_of_nodes()
    # a plain graph's adjacency read directly: its degree view took 0.3 s over a national network
    degree = {n: len(nbrs) for n, nbrs in g._adj.items()} if type(g) is nx.Graph else dict(g.degree())
    # a node's degree is the same with the unrelated nodes left out, so they are left out
    # by name and only what is kept is copied (copying a national network took 0.4 s)
    related = [n for n, d in degree.items() if d] if focus is None else []
    candidates = related if related else list(g)
    if len(candidates) <= limit:
        return View(g if len(candidates) == total else g.subgraph(candidates).copy(), False, total)
    labels = g.nodes(data="label")
    if focus is None:
        return View(g.subgraph(_hubs_and_their_stars(g, candidates, degree, limit)).copy(), True, total)
    ranked = [focus] + [n for n in _best_connected(candidates, degree, labels, limit) if n != focus][: limit - 1]
    return View(g.subgraph(ranked if focus in g else ranked[1:]).copy(), True, total)


def _best_connected(nodes, degree: dict, labels, k: int) -> list:
    """The k best-connected nodes, ties by label: labels are looked up only for the nodes as
    well connected as the k-th (a national network's every label took a tenth of a second)."""
    nodes = list(nodes)
    if len(nodes) > k:
        cut = heapq.nlargest(k, (degree[n] for n in nodes))[-1]
        nodes = [n for n in nodes if degree[n] >= cut]
    return sorted(nodes, key=lambda n: (-degree[n], labels[n]))[:k]


STAR_SIZE = 7  # neighbours the overview shows around each of its hubs
STAR_POOL = 40  # the best-connected neighbours a star is picked from


def _hubs_and_their_stars(g: nx.Graph, candidates: list, degree: dict, limit: int) -> list:
    """The overview's nodes: the best-connected nodes, each with a few of its neighbours, its
    own ones first (those the fewest other shown hubs share). The best-connected nodes alone were one
    dense knot at national scale (every hub's neighbours are the other hubs' too); hubs with
    stars read as separate clusters."""
    labels = g.nodes(data="label")
    hubs = _best_connected(candidates, degree, labels, limit)
    leading = set(hubs[: limit // (STAR_SIZE + 1) + 1])  # the hubs the overview will show, about
    kept: dict = {}
    for hub in hubs:
        if len(kept) >= limit:
            break
        if hub in kept:
            continue
        kept[hub] = True
        pool = _best_connected((n for n in g[hub] if n not in kept), degree, labels, STAR_POOL)
        # the fewest other shown hubs first; a stable sort keeps the best-connected first within each
        star = sorted(pool, key=lambda n: sum(1 for m in g[n] if m != hub and (m in kept or m in leading)))[:STAR_SIZE]
        for n in star[: limit - len(kept)]:
            kept[n] = True
    return list(kept)


def capped_neighbourhood(g: nx.Graph, node: str, radius: int = 1, limit: int = DEFAULT_CAP) -> View:
    """``cap_nodes(neighbourhood(g, node, radius), limit, node)`` without copying the whole
    neighbourhood first: a national body's is thousands of nodes (0.2 s to copy), of which
    a view keeps a few hundred.

    >>> g = nx.Graph([("a", "b"), ("a", "c"), ("c", "d"), ("d", "e")])
    >>> for n in g:
    ...     g.nodes[n]["label"] = n
    >>> view = capped_neighbourhood(g, "a", 2, limit=3)
    >>> sorted(view.graph), view.cut, view.total
    (['a', 'b', 'c'], True, 4)
    """
    near = nx.single_source_shortest_path_length(g, node, cutoff=radius)
    if len(near) <= limit:
        return View(g.subgraph(near).copy(), False, len(near))
    degree = {n: sum(1 for other in g[n] if other in near) for n in near}  # as in the neighbourhood itself
    labels = g.nodes(data="label")
    ranked = heapq.nsmallest(limit, near, key=lambda n: (n != node, -degree[n], labels[n]))
    return View(g.subgraph(ranked).copy(), True, len(near))


_LAYOUTS: dict[str, dict[str, tuple[float, float]]] = {}  # layout key → positions, newest last
_LAYOUTS_KEPT = 64


def _canonical(g: nx.Graph) -> nx.Graph:
    """The same nodes and edges in sorted order. spring_layout's start depends on the order,
    and networkx's subgraph views iterate a set, whose order changes from process to
    process: without this the same view was laid out differently on every start."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(g.nodes))
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges))
    return ordered


def _layout_key(g: nx.Graph, seed: int = LAYOUT_SEED, scale: float = LAYOUT_SCALE) -> str:
    """Names a canonical view exactly: its nodes and edges and the layout's parameters."""
    digest = hashlib.blake2b(f"{seed} {scale}".encode(), digest_size=16)
    for n in g.nodes:
        digest.update(n.encode() + b"\0")
    digest.update(b"\1")
    for s, o in g.edges:
        digest.update(s.encode() + b"\0" + o.encode() + b"\0")
    return digest.hexdigest()


def layout(g: nx.Graph, seed: int = LAYOUT_SEED, scale: float = LAYOUT_SCALE) -> dict[str, tuple[float, float]]:
    """Deterministic positions computed in Python, so the browser draws without physics.

    A view laid out before in this process (or kept with the network, see
    ``keep_default_layout``) is not laid out again: spring_layout takes 0.1-0.3 s for
    300 nodes, a good part of the explorer's first page.
    """
    if g.number_of_nodes() == 0:
        return {}
    g = _canonical(g)
    key = _layout_key(g, seed, scale)
    if key in _LAYOUTS:
        return _LAYOUTS[key]
    k = 2.0 / max(1, g.number_of_nodes()) ** 0.5
    pos = nx.spring_layout(g, seed=seed, k=k, iterations=40, scale=scale)
    positions = {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    _LAYOUTS[key] = positions
    while len(_LAYOUTS) > _LAYOUTS_KEPT:
        del _LAYOUTS[next(iter(_LAYOUTS))]
    return positions


def keep_default_layout(network: nx.Graph) -> None:
    """Lay out the view an explorer opens with (the whole network, capped at DEFAULT_CAP)
    and keep the positions in the network, so a kept network brings its first view's layout."""
    view = _canonical(cap_nodes(network, DEFAULT_CAP).graph)
    network.graph["layouts"] = {_layout_key(view): layout(view)}


def degree_ranking(g: nx.Graph, top: int = 20) -> list[tuple[str, str, int]]:
    """(label, type, degree) of the best-connected nodes."""
    ranked = sorted(g.degree, key=lambda x: -x[1])[:top]
    return [(g.nodes[n]["label"], g.nodes[n]["type"], d) for n, d in ranked]
