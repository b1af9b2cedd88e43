"""Positions of a view's nodes, computed once: the same view gets the same layout on every run."""

from __future__ import annotations

import hashlib

import networkx as nx

from .views import DEFAULT_CAP, cap_nodes

LAYOUT_SEED, LAYOUT_SCALE = 7, 600.0  # the same view gets the same positions on every run


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


def layouts_of(view: nx.Graph) -> dict[str, dict[str, tuple[float, float]]]:
    """A view's layout under its key, to be kept with it."""
    return {_layout_key(_canonical(view)): layout(view)}


def remember_layouts(layouts: dict) -> None:
    """Take in layouts kept with a network or a view, so they are not laid out again."""
    _LAYOUTS.update(layouts)


def keep_default_layout(network: nx.Graph) -> None:
    """Lay out the view an explorer opens with (the whole network, capped at DEFAULT_CAP)
    and keep the positions in the network, so a kept network brings its first view's layout."""
    network.graph["layouts"] = layouts_of(cap_nodes(network, DEFAULT_CAP).graph)
