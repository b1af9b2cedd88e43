"""Store: where graphs are kept, whatever kind of store it is.

One small interface over three kinds: a **folder** of Oxigraph generations (``folder``; the
default, embedded through ``oxigraph``), a **remote** SPARQL endpoint (``remote``; filled in
bulk by ``virtuoso`` where the server is Virtuoso), and graph **files** (``files``). A build
hands every kind the same graph blocks (``blocks``). Callers open a location with
``open_location``, add blocks with ``load_graph_blocks`` and remove a plan's graph with
``drop_graph``; the kind is told by the location. May import only the foundation
(``namespaces``, ``paths``): how a graph is kept knows nothing of how it is made.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from ..paths import BUNDLED_PLANS, DEFAULT_STORE
from .blocks import graph_block
from .errors import RemoteStoreError, StoreBusy, StoreError
from .files import FORMATS, QUAD_FORMATS, flatten, load_graph, named_quads, rdf_format, save_graph
from .folder import (
    HEAD,
    MANIFEST,
    READING_CODE,
    LiveStore,
    StoreWriter,
    close_store,
    fingerprint,
    import_query_engine,
    is_bare_database,
    open_store,
    published_generation,
    read_manifest,
    writing,
)
from .oxigraph import dataset_of, drop_oxigraph_graph, load_oxigraph_blocks, oxigraph_of, save_blocks
from .remote import (
    RDF_ANSWERS,
    REMOTE_PREFIX,
    RemoteStore,
    bulk_loader,
    drop_remote_graph,
    graph_store_url,
    is_remote,
    is_remote_dataset,
    load_remote,
    open_remote,
    parse_results,
    read_remote_manifest,
    remote_endpoints,
    remote_error,
    remote_quads,
    remote_snapshot,
    write_remote_manifest,
)
from .virtuoso import VIRTUOSO_GRANT, virtuoso_bulk_load

DEFAULT_PLANS = BUNDLED_PLANS

__all__ = [
    "DEFAULT_PLANS",
    "DEFAULT_STORE",
    "FORMATS",
    "HEAD",
    "MANIFEST",
    "QUAD_FORMATS",
    "RDF_ANSWERS",
    "READING_CODE",
    "REMOTE_PREFIX",
    "VIRTUOSO_GRANT",
    "LiveStore",
    "RemoteStore",
    "RemoteStoreError",
    "StoreBusy",
    "StoreError",
    "StoreWriter",
    "bulk_loader",
    "close_store",
    "drop_graph",
    "fingerprint",
    "flatten",
    "graph_block",
    "graph_store_url",
    "import_query_engine",
    "is_bare_database",
    "is_remote",
    "load_graph",
    "load_graph_blocks",
    "load_remote",
    "named_quads",
    "open_dataset",
    "open_location",
    "open_remote",
    "open_store",
    "oxigraph_of",
    "parse_results",
    "published_generation",
    "rdf_format",
    "read_manifest",
    "read_remote_manifest",
    "remote_endpoints",
    "remote_error",
    "remote_quads",
    "remote_snapshot",
    "save_blocks",
    "save_graph",
    "virtuoso_bulk_load",
    "write_remote_manifest",
    "writing",
]


def open_dataset(path: str | Path | None = None) -> Dataset:
    """An Oxigraph-backed dataset: in memory, or the published graph of a store folder
    (read-only: only a build writes a store, into a generation of its own)."""
    if path is not None:
        return open_store(path)
    return dataset_of(ox.Store())  # the default graph is the union, kept by load_graph_blocks


def open_location(location: str | Path | None) -> Dataset:
    """A store folder, a remote endpoint (sparql+http://…) or, for None, memory."""
    return open_remote(location) if is_remote(location) else open_dataset(location)


def load_graph_blocks(graph: Graph, data: str | bytes | Path, slice_bytes: int = 32 << 20) -> None:
    """Add named graphs written as ``graph_block``s (text or a file) to a dataset of any kind,
    and in Oxigraph to its union default graph too."""
    inner = oxigraph_of(graph)
    if inner is not None:
        load_oxigraph_blocks(inner, data, slice_bytes)
    elif is_remote_dataset(graph):
        load_remote(graph, data)
    else:
        graph.parse(data=data.read_text(encoding="utf-8") if isinstance(data, Path) else data, format="trig")


def drop_graph(graph: Graph, name: URIRef) -> None:
    """Remove one named graph (a plan's, or the entities'), and its triples from the union."""
    inner = oxigraph_of(graph)
    if inner is not None:
        drop_oxigraph_graph(inner, name)
    elif is_remote_dataset(graph):
        drop_remote_graph(graph, name)
    elif isinstance(graph, Dataset):
        graph.remove_graph(graph.graph(name))
