"""Graph files: read and write RDF in any of its formats, atomically.

A failed write never leaves half a file: a graph is written to a temporary file beside its
place and renamed into it. Oxigraph's writers keep every term as it was stored.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from ..namespaces import bind_prefixes
from .errors import StoreError
from .folder import open_store
from .oxigraph import dataset_of, named_ox_quads, oxigraph_of
from .remote import is_remote_dataset, remote_quads, remote_snapshot

QUAD_FORMATS = {"trig", "nquads"}


FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads", ".xml": "xml", ".rdf": "xml"}


OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def rdf_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(f"{path}: unknown graph format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def named_quads(dataset: Graph):
    """The quads of a dataset's named graphs (in Oxigraph, without the derived union; on a
    remote store, innograph's graphs only)."""
    inner = oxigraph_of(dataset)
    if inner is None and not is_remote_dataset(dataset):
        yield from dataset.quads((None, None, None, None))
        return
    from oxrdflib._converter import from_ox

    for q in named_ox_quads(inner) if inner is not None else remote_quads(dataset):
        yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(q.graph_name.value)


def flatten(dataset: Dataset) -> Graph:
    """The union of a dataset's named graphs as one plain in-memory graph."""
    graph = Graph()
    bind_prefixes(graph)
    graph.addN((s, p, o, graph) for s, p, o, _ in named_quads(dataset))
    return graph


def _ox_triples(graph: Graph) -> list:
    """A graph's triples as Oxigraph terms, each once (a dataset's union), in a stable order."""
    inner = oxigraph_of(graph)
    if inner is not None:
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in inner.quads_for_pattern(None, None, None, None)}
    else:
        if isinstance(graph, Dataset):
            graph = flatten(graph)
        triples = set(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return sorted(triples, key=str)


def save_graph(graph: Graph, path: str | Path) -> Path:
    """Serialise by the file's extension into a temporary file, then rename it into place."""
    path = Path(path)
    fmt = rdf_format(path)
    if is_remote_dataset(graph):  # innograph's graphs, copied out once, are written as a folder's are
        graph = dataset_of(remote_snapshot(graph))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        if fmt in QUAD_FORMATS and not isinstance(graph, Dataset):
            raise StoreError(f"{path}: {fmt} needs named graphs; build with a .trig or .nq output")
        inner = oxigraph_of(graph)
        if inner is not None and fmt in QUAD_FORMATS:  # Oxigraph writes the named graphs fast; the union is derived
            ox.serialize(named_ox_quads(inner), tmp, format=OX_FORMATS[fmt])
        elif fmt in ("turtle", "nt"):  # Oxigraph's writers keep every term as it is ("100"^^xsd:decimal, not 100.0)
            from ..namespaces import PREFIXES

            ox.serialize(_ox_triples(graph), tmp, format=OX_FORMATS[fmt],
                         prefixes={k: str(v) for k, v in PREFIXES.items()} if fmt == "turtle" else None)
        else:
            if isinstance(graph, Dataset) and fmt not in QUAD_FORMATS:
                graph = flatten(graph)
            if fmt == "json-ld":
                from ..namespaces import PREFIXES

                context = {k: str(v) for k, v in PREFIXES.items()}
                graph.serialize(tmp, format=fmt, context=context, auto_compact=True)
            else:
                graph.serialize(tmp, format=fmt, encoding="utf-8")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_graph(path: str | Path) -> Graph:
    """Read a graph file or open a store folder; TriG and N-Quads keep their named graphs."""
    path = Path(path)
    if path.is_dir():
        return open_store(path)
    if not path.exists():
        raise StoreError(f"{path}: no such graph file")
    fmt = rdf_format(path)
    graph = Dataset(default_union=True) if fmt in QUAD_FORMATS else Graph()
    bind_prefixes(graph)
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:
        raise StoreError(f"{path}: cannot parse as {fmt} ({exc})") from exc
    return graph
