"""Networks kept beside a store: the explorer's first page reads them, not the store.

Reading the network from the store takes seconds at 1.5M triples; a kept copy (a pickle
named by the store's current plans and NETWORK_FORMAT) loads in a tenth of one, and needs
neither the store nor rdflib's query engine.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..store import MANIFEST, published_generation
from .network import NETWORK_FORMAT, entity_network
from .positions import keep_default_layout, layouts_of, remember_layouts
from .views import DEFAULT_CAP, View, cap_nodes


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
    view.graph["layouts"] = layouts_of(view)
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
    remember_layouts(kept.graph.get("layouts", {}))
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
