"""Views of the entity network: search, filters, neighbourhoods, paths and caps.

Pure networkx over plain data: a view is what a browser can draw (DEFAULT_CAP nodes unless
the user asks for more), with the best-connected nodes kept and what was cut counted.
"""

from __future__ import annotations

import bisect
import heapq
import weakref
from dataclasses import dataclass

import networkx as nx

DEFAULT_CAP = 300  # nodes a view sends to the browser unless the user asks for more


@dataclass(frozen=True)
class View:
    graph: nx.Graph
    cut: bool  # True when the cap removed nodes
    total: int  # nodes before the cap


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


def degree_ranking(g: nx.Graph, top: int = 20) -> list[tuple[str, str, int]]:
    """(label, type, degree) of the best-connected nodes."""
    ranked = sorted(g.degree, key=lambda x: -x[1])[:top]
    return [(g.nodes[n]["label"], g.nodes[n]["type"], d) for n, d in ranked]
