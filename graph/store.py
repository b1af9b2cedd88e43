"""Open, fill and save graphs.

The default store is a persistent Oxigraph database on disk, reached through oxrdflib so
the rest of the package keeps rdflib's API (queries are answered by Oxigraph). Each plan
is one named graph; entities live in their own named graph. In Oxigraph the default
graph also holds the union of them all, kept in step on every change: queries run on it
about five times faster than on Oxigraph's computed union (0.21 s against 1.12 s for the
responsibility example at 1.5M triples, measured here). Graph files are written
atomically, so a failed write never leaves half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from .namespaces import bind_prefixes

CODE_DIR = Path(__file__).resolve().parent
ROOT = CODE_DIR.parent
DEFAULT_PLANS = ROOT / "data" / "plans"
DEFAULT_STORE = ROOT / "data" / "build" / "store"
QUAD_FORMATS = {"trig", "nquads"}
FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads", ".xml": "xml", ".rdf": "xml"}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


class StoreError(ValueError):
    """A graph file or store that cannot be written or read; the message names it."""


def rdf_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(f"{path}: unknown graph format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def open_dataset(path: str | Path | None = None) -> Dataset:
    """An Oxigraph-backed dataset: on disk at ``path`` (created if needed), else in memory.

    A store another process holds open for writing is opened read-only.
    """
    from oxrdflib import OxigraphStore  # brings rdflib's SPARQL engine (0.1 s): not before a store is opened

    if path is None:
        inner = ox.Store()
    else:
        Path(path).mkdir(parents=True, exist_ok=True)
        try:
            inner = ox.Store(str(path))
        except OSError as exc:
            try:
                inner = ox.Store.read_only(str(path))
            except OSError:
                raise StoreError(f"{path}: cannot open the graph store ({exc})") from exc
    dataset = Dataset(store=OxigraphStore(store=inner), default_union=False)  # the default graph is the union
    bind_prefixes(dataset)
    return dataset


REMOTE_PREFIX = "sparql+"


def is_remote(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.startswith(REMOTE_PREFIX)


def open_remote(location: str) -> Dataset:
    """A dataset on any SPARQL 1.1 Query/Update endpoint: ``sparql+http://host:port/sparql``.

    POSTed forms and JSON results are what worked reliably against Virtuoso here.
    """
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    endpoint = location[len(REMOTE_PREFIX) :]
    store = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint, method="POST_FORM",
                              returnFormat="json", autocommit=True)
    dataset = Dataset(store=store, default_union=True)
    bind_prefixes(dataset)
    return dataset


def open_location(location: str | Path | None) -> Dataset:
    """A store folder, a remote endpoint (sparql+http://…) or, for None, memory."""
    return open_remote(location) if is_remote(location) else open_dataset(location)


def oxigraph_of(graph: Graph) -> ox.Store | None:
    """The pyoxigraph store behind an rdflib graph, if there is one."""
    store = getattr(graph, "store", None)
    return store._inner if type(store).__name__ == "OxigraphStore" else None


def load_graph_blocks(graph: Graph, data: str | bytes | Path, slice_bytes: int = 32 << 20) -> None:
    """Add named graphs written as ``graph_block``s (text or a file) to a dataset,
    and in Oxigraph to its union default graph too.

    Oxigraph's bulk loader is fast but holds what it loads in memory, so a file is fed to
    it in slices of about 32 MB (whole blocks): memory stays flat whatever the corpus. A
    load uses one core and lets go of Python's lock, so the named graphs and the union of
    each slice are loaded side by side (a slice took 1.0 s instead of 1.6 s here); a
    build's time is mostly this load. The union is the blocks' lines without their
    opening and closing lines: no line is rewritten.
    """
    inner = oxigraph_of(graph)
    if inner is not None:
        with ThreadPoolExecutor(max_workers=1) as beside:
            for chunk in _block_slices(data, slice_bytes):
                named = beside.submit(inner.bulk_load, chunk, format=ox.RdfFormat.TRIG, lenient=True)
                inner.bulk_load(_block_lines(chunk), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=True)
                named.result()  # its error, if any, is raised here
        return
    if type(getattr(graph, "store", None)).__name__ == "SPARQLUpdateStore":
        load_remote(graph, data)
        return
    text = data.read_text(encoding="utf-8") if isinstance(data, Path) else data
    graph.parse(data=text, format="trig")


def load_remote(graph: Graph, data: str | bytes | Path, batch: int = 1000) -> None:
    """Send named graphs to an endpoint in large INSERT DATA requests, one graph block each."""
    from collections import defaultdict

    source = {"path": str(data)} if isinstance(data, Path) else {"input": data.encode("utf-8") if isinstance(data, str) else data}
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in ox.parse(**source, format=ox.RdfFormat.TRIG):
        by_graph[str(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
    for name, triples in by_graph.items():
        for k in range(0, len(triples), batch):
            body = "\n".join(triples[k : k + batch])
            graph.store.update(f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}", initNs={}, initBindings={}, queryGraph=None)


BLOCK_OPEN, BLOCK_CLOSE = b" {\n", b"\n}\n"  # no N-Triples line holds either: line breaks in literals are escaped


def graph_block(name: URIRef, ntriples: str) -> str:
    r"""One named graph as a TriG block: its name, then its N-Triples lines, then a closing line.

    ``load_graph_blocks`` loads a file of such blocks as TriG into the named graphs, and
    their lines alone as N-Triples into the union; so no line has to be rewritten.

    >>> graph_block(URIRef("urn:g"), '<urn:a> <urn:b> "x" .\n')
    '<urn:g> {\n<urn:a> <urn:b> "x" .\n}\n'
    """
    return f"<{name}> {{\n{ntriples}}}\n"


def _block_lines(chunk: bytes) -> bytes:
    """The N-Triples lines of whole graph blocks, without the blocks' opening and closing lines."""
    lines, start = [], 0
    while (opened := chunk.find(BLOCK_OPEN, start)) >= 0:
        closed = chunk.index(BLOCK_CLOSE, opened)
        lines.append(chunk[opened + len(BLOCK_OPEN):closed + 1])
        start = closed + len(BLOCK_CLOSE)
    return b"".join(lines)


def _block_slices(data: str | bytes | Path, size: int):
    """Graph blocks in slices of about ``size`` bytes, each ending where a block ends."""
    if isinstance(data, Path):
        rest = b""
        with data.open("rb") as handle:
            while chunk := handle.read(size):
                rest += chunk
                if (end := rest.rfind(BLOCK_CLOSE)) >= 0:
                    end += len(BLOCK_CLOSE)
                    yield rest[:end]
                    rest = rest[end:]
        if rest:
            yield rest
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    start = 0
    while start < len(raw):
        end = raw.find(BLOCK_CLOSE, min(len(raw), start + size) - len(BLOCK_CLOSE))
        end = len(raw) if end < 0 else end + len(BLOCK_CLOSE)
        yield raw[start:end]
        start = end


def drop_graph(graph: Graph, name: URIRef) -> None:
    """Remove one named graph (a plan's, or the entities'), and its triples from the union."""
    inner = oxigraph_of(graph)
    if inner is not None:
        node = ox.NamedNode(str(name))
        if inner.contains_named_graph(node):
            triples = [(q.subject, q.predicate, q.object) for q in inner.quads_for_pattern(None, None, None, node)]
            inner.remove_graph(node)
            for s, p, o in triples:  # a triple another graph still states stays in the union
                if not any(not isinstance(q.graph_name, ox.DefaultGraph) for q in inner.quads_for_pattern(s, p, o, None)):
                    inner.remove(ox.Quad(s, p, o, ox.DefaultGraph()))
        return
    if type(getattr(graph, "store", None)).__name__ == "SPARQLUpdateStore":
        graph.store.update(f"DROP SILENT GRAPH <{name}>", initNs={}, initBindings={}, queryGraph=None)
        return
    if isinstance(graph, Dataset):
        graph.remove_graph(graph.graph(name))


def count_triples(graph: Graph) -> int:
    """Triples in the union of the graph's named graphs, counted by the store."""
    from .query import run_query

    return int(run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])


def _named_ox_quads(inner: ox.Store):
    """Oxigraph's quads in named graphs: the stored data without the derived union."""
    return (q for q in inner.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph))


def named_quads(dataset: Graph):
    """The quads of a dataset's named graphs (in Oxigraph, without the derived union)."""
    inner = oxigraph_of(dataset)
    if inner is None:
        yield from dataset.quads((None, None, None, None))
        return
    from oxrdflib._converter import from_ox

    for q in _named_ox_quads(inner):
        yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(q.graph_name.value)


def flatten(dataset: Dataset) -> Graph:
    """The union of a dataset's named graphs as one plain in-memory graph."""
    graph = Graph()
    bind_prefixes(graph)
    graph.addN((s, p, o, graph) for s, p, o, _ in named_quads(dataset))
    return graph


def save_graph(graph: Graph, path: str | Path) -> Path:
    """Serialise by the file's extension into a temporary file, then rename it into place."""
    path = Path(path)
    fmt = rdf_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        if fmt in QUAD_FORMATS and not isinstance(graph, Dataset):
            raise StoreError(f"{path}: {fmt} needs named graphs; build with a .trig or .nq output")
        inner = oxigraph_of(graph)
        if inner is not None and fmt in QUAD_FORMATS:  # Oxigraph writes the named graphs fast; the union is derived
            ox.serialize(_named_ox_quads(inner), tmp, format=OX_FORMATS[fmt])
        else:
            if isinstance(graph, Dataset) and fmt not in QUAD_FORMATS:
                graph = flatten(graph)
            if fmt == "json-ld":
                from .namespaces import PREFIXES

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
        return open_dataset(path)
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


# modules that only read a built graph: changing them must not re-extract every plan
READING_CODE = {"analyse.py", "render.py", "explore.py", "stats.py", "explain.py", "validate.py", "export.py",
                "endpoint.py", "cli.py", "__main__.py", "queries"}


def fingerprint(code: Path = CODE_DIR, data: Path = ROOT / "data") -> str:
    """Hash of what every plan's triples depend on besides the plan: lexicons, aliases, code
    (all of graph/ but the modules that only read the graph: a new module counts until
    listed in READING_CODE, so the list can only cause a needless rebuild, never a stale one)."""
    digest = hashlib.sha1()
    aliases = data / "aliases.csv"
    if aliases.exists():
        digest.update(aliases.read_bytes())
    for root in (data / "lexicons", code):
        for f in sorted(p for p in Path(root).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if root == code and f.relative_to(code).parts[0] in READING_CODE:
                continue
            digest.update(str(f.relative_to(root)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


def meta_dir(store_dir: Path) -> Path:
    """Where a store's manifest and per-plan identities live (beside, not inside, the database)."""
    store_dir = Path(store_dir)
    return store_dir.with_name(store_dir.name + "-meta")


def read_manifest(store_dir: Path) -> dict:
    path = meta_dir(store_dir) / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(store_dir: Path, manifest: dict) -> None:
    meta_dir(store_dir).mkdir(parents=True, exist_ok=True)
    path = meta_dir(store_dir) / "manifest.json"
    tmp = path.with_suffix(".tmp")
    # ASCII escapes: a file name's undecodable bytes (surrogate escapes) go in and come back as they were
    tmp.write_text(json.dumps(manifest, ensure_ascii=True, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def clear_remote(graph: Graph) -> None:
    """Drop innograph's named graphs from an endpoint, and nothing else it holds."""
    from .build import GRAPHS

    rows = graph.store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{GRAPHS}\")) }}",
                             initNs={}, initBindings={}, queryGraph=None)
    for (name,) in rows:
        drop_graph(graph, name)


def default_graph(plans_dir: Path = DEFAULT_PLANS, store_dir: Path = DEFAULT_STORE) -> Dataset:
    """The store of the bundled plans, brought up to date (nothing is redone if nothing changed).

    It runs in this process (no workers): the app's main module is its script, which a
    spawned worker would run again. Large corpora are built with ``innograph build``.
    """
    from .pipeline import update_store

    dataset = open_dataset(store_dir)
    update_store(dataset, [plans_dir], store_dir, jobs=1)
    return dataset
