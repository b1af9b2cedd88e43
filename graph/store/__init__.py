"""Open, fill and save graphs.

The default store is a persistent Oxigraph database on disk, reached through oxrdflib so
the rest of the package keeps rdflib's API (queries are answered by Oxigraph); builds
publish it in generations (see the end of this module). Each plan
is one named graph; entities live in their own named graph. In Oxigraph the default
graph also holds the union of them all, kept in step on every change: queries run on it
about five times faster than on Oxigraph's computed union (0.21 s against 1.12 s for the
responsibility example at 1.5M triples, measured here). Graph files are written
atomically, so a failed write never leaves half a file.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from ..namespaces import bind_prefixes
from ..paths import (
    ALIASES_FILE,
    BUNDLED_PLANS,
    CODE_DIR,
    DEFAULT_STORE,  # noqa: F401 - the store the commands and the explorer open, named here with the rest
    LEXICON_DIR,
)

DEFAULT_PLANS = BUNDLED_PLANS
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
    """An Oxigraph-backed dataset: in memory, or the published graph of a store folder
    (read-only: only a build writes a store, into a generation of its own)."""
    if path is not None:
        return open_store(path)
    return _dataset_of(ox.Store())  # the default graph is the union, kept by load_graph_blocks


REMOTE_PREFIX = "sparql+"


def is_remote(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.startswith(REMOTE_PREFIX)


def remote_endpoints(location: str) -> tuple[str, str]:
    """The query and update URLs of a remote store. One URL serves both (Virtuoso's /sparql);
    a server with two (Oxigraph's /query and /update, Fuseki, GraphDB) is written with the
    update URL after ``#update=``, a part of the address no server is sent (and its Graph
    Store Protocol URL, for bulk loads, after ``&store=``).

    >>> remote_endpoints("sparql+http://h:7878/query#update=http://h:7878/update")
    ('http://h:7878/query', 'http://h:7878/update')
    >>> remote_endpoints("sparql+http://h:8890/sparql")
    ('http://h:8890/sparql', 'http://h:8890/sparql')
    """
    query, options = _remote_parts(location)
    return query, options.get("update", query)


def _remote_parts(location: str) -> tuple[str, dict[str, str]]:
    """The query URL and the options written after it (#update=…&store=…)."""
    from urllib.parse import parse_qsl

    address = location[len(REMOTE_PREFIX) :]
    query, _, fragment = address.partition("#")
    return query, dict(parse_qsl(fragment))


def graph_store_url(location: str) -> str | None:
    """The server's SPARQL 1.1 Graph Store Protocol URL, if the location names one
    (``#…&store=http://h/store``): plans are then loaded a graph per request, in bulk.

    >>> graph_store_url("sparql+http://h/query#update=http://h/update&store=http://h/store")
    'http://h/store'
    """
    return _remote_parts(location)[1].get("store")


def bulk_loader(location: str) -> tuple[Path, str] | None:
    """Virtuoso's bulk loader, if the location names one (``#…&bulk=DIR&isql=HOST:PORT``): a
    folder the server reads (one of its DirsAllowed) and its SQL port. Plans are then written
    there and loaded by the server itself, two loaders side by side.

    >>> bulk_loader("sparql+http://h:8890/sparql#bulk=/srv/load&isql=h:1111")
    (PosixPath('/srv/load'), 'h:1111')
    """
    options = _remote_parts(location)[1]
    return (Path(options["bulk"]), options.get("isql", "127.0.0.1:1111")) if options.get("bulk") else None


class RemoteStoreError(StoreError):
    """A remote store refused a request: its own message, in one line, and what to do."""


VIRTUOSO_GRANT = ("for Virtuoso, let its SPARQL user write: isql 1111 dba <password> exec='GRANT SPARQL_UPDATE TO \"SPARQL\"; "
                  "DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'")


def remote_error(exc: Exception, url: str) -> RemoteStoreError:
    """A remote store's HTTP error as one line: the status, the server's message, and for a
    refused write the step that allows it."""
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read().decode("utf-8", "replace")
        except OSError:
            body = ""
        said = " ".join(body.split())[:300] or exc.reason
        hint = ""
        if "permission" in body.lower() or exc.code in (401, 403):
            hint = "; " + (VIRTUOSO_GRANT if "DB.DBA" in body or "Virtuoso" in body else "the server does not let this client write")
        return RemoteStoreError(f"{url}: the store answered {exc.code}: {said}{hint}")
    return RemoteStoreError(f"{url}: {' '.join(str(exc).split())[:300]}")


def open_remote(location: str) -> Dataset:
    """A dataset on any SPARQL 1.1 Query/Update endpoint: ``sparql+http://host:port/sparql``,
    or ``sparql+QUERY_URL#update=UPDATE_URL`` where the server has two.

    POSTed forms and JSON results are what worked reliably against Virtuoso here.
    """
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    query, update = remote_endpoints(location)
    store = SPARQLUpdateStore(query_endpoint=query, update_endpoint=update, method="POST_FORM",
                              returnFormat="json", autocommit=True)
    store.graph_store_url = graph_store_url(location)
    store.bulk_loader = bulk_loader(location)
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
    if getattr(graph.store, "bulk_loader", None):
        folder, isql = graph.store.bulk_loader
        virtuoso_bulk_load(data, folder, isql)
        return
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in ox.parse(**source, format=ox.RdfFormat.TRIG):
        by_graph[str(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
    bulk = getattr(graph.store, "graph_store_url", None)
    if bulk:  # the Graph Store Protocol: each plan's graph in one request, loaded by the server in bulk
        import urllib.parse
        import urllib.request

        for name, triples in by_graph.items():
            url = f"{bulk}?graph={urllib.parse.quote(name.strip('<>'), safe='')}"
            request = urllib.request.Request(url, data="\n".join(triples).encode("utf-8") + b"\n", method="POST",
                                             headers={"Content-Type": "application/n-triples"})
            try:
                with urllib.request.urlopen(request, timeout=600) as response:
                    response.read()
            except OSError as exc:
                raise remote_error(exc, f"sparql+{bulk}") from None
        return
    for name, triples in by_graph.items():
        for k in range(0, len(triples), batch):
            body = "\n".join(triples[k : k + batch])
            try:
                graph.store.update(f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}", initNs={}, initBindings={}, queryGraph=None)
            except OSError as exc:  # the server's own words, not rdflib's traceback (HTTPError and URLError are OSErrors)
                raise remote_error(exc, f"sparql+{graph.store.update_endpoint}") from None


BULK_LOADERS = 2  # Virtuoso's loaders run side by side, a file each; one per core here


def virtuoso_bulk_load(data: str | bytes | Path, folder: Path, isql: str, slice_bytes: int = 32 << 20) -> None:
    """Load graph blocks with Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run``): the
    blocks are written as TriG files into a folder the server reads, loaded by the server
    (far faster than INSERT DATA or the Graph Store Protocol, which parse on one thread and
    log every row), checkpointed, and removed. The SQL login is ``INNOGRAPH_ISQL_USER`` /
    ``INNOGRAPH_ISQL_PASSWORD`` (Virtuoso's ``dba``); a file the server could not load is an
    error naming the file and Virtuoso's message."""
    import subprocess
    import uuid

    user, password = os.environ.get("INNOGRAPH_ISQL_USER", "dba"), os.environ.get("INNOGRAPH_ISQL_PASSWORD")
    client = shutil.which("isql-vt") or shutil.which("isql")
    where = f"virtuoso bulk loader at {isql}"
    if password is None:
        raise RemoteStoreError(f"{where}: set INNOGRAPH_ISQL_PASSWORD to the password of {user}")
    if client is None:
        raise RemoteStoreError(f"{where}: Virtuoso's isql client (isql-vt) is not installed here")
    folder.mkdir(parents=True, exist_ok=True)
    batch = f"innograph-{uuid.uuid4().hex[:12]}"
    files = []
    try:
        for k, chunk in enumerate(_block_slices(data, slice_bytes)):
            path = folder / f"{batch}-{k:05d}.trig"
            path.write_bytes(chunk)
            files.append(path)
        if not files:
            return

        def sql(command: str) -> str:
            done = subprocess.run([client, isql, user, password, f"exec={command}"], capture_output=True, text=True,
                                  timeout=24 * 3600, check=False)
            if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
                said = " ".join((done.stderr or done.stdout).split())[:300]
                raise RemoteStoreError(f"{where}: {said}")
            return done.stdout

        sql(f"ld_dir('{folder.resolve()}', '{batch}-%.trig', 'urn:innograph:unnamed');")
        loaders = [subprocess.Popen([client, isql, user, password, "exec=rdf_loader_run();"], stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True) for _ in range(min(BULK_LOADERS, len(files)))]
        outputs = [loader.communicate()[0] for loader in loaders]
        if any(loader.returncode for loader in loaders):
            raise RemoteStoreError(f"{where}: {' '.join(outputs[0].split())[:300]}")
        mine = f"ll_file LIKE '{folder.resolve()}/{batch}-%'"  # (isql reads a quote opening with % as a macro)
        if batch in sql(f"SELECT ll_file FROM DB.DBA.load_list WHERE {mine} AND ll_error IS NOT NULL;"):
            # loaders side by side can deadlock on a shared page; such a file is loaded again
            # alone (a quad already in is not added twice: Virtuoso keeps quads as a set)
            sql(f"UPDATE DB.DBA.load_list SET ll_state = 0, ll_error = NULL WHERE {mine} AND ll_error IS NOT NULL;")
            sql("rdf_loader_run();")
        sql("checkpoint;")
        failed = sql(f"SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE {mine} AND ll_error IS NOT NULL;")
        sql(f"DELETE FROM DB.DBA.load_list WHERE {mine};")
        if batch in failed:
            line = next(line for line in failed.splitlines() if batch in line)
            raise RemoteStoreError(f"{where}: the server could not load {' '.join(line.split())[:300]}")
    finally:
        for path in files:
            path.unlink(missing_ok=True)


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


def save_blocks(dataset: Graph, path: Path) -> Path:
    """An Oxigraph dataset's named graphs as graph blocks, which ``load_graph_blocks`` reads
    back with their union."""
    inner = oxigraph_of(dataset)
    with Path(path).open("wb") as out:
        for name in inner.named_graphs():
            out.write(f"{name} {{\n".encode())
            ox.serialize((q.triple for q in inner.quads_for_pattern(None, None, None, name)), out, format=ox.RdfFormat.N_TRIPLES)
            out.write(BLOCK_CLOSE[1:])
    return Path(path)


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
        try:
            graph.store.update(f"DROP SILENT GRAPH <{name}>", initNs={}, initBindings={}, queryGraph=None)
        except OSError as exc:
            raise remote_error(exc, f"sparql+{graph.store.update_endpoint}") from None
        return
    if isinstance(graph, Dataset):
        graph.remove_graph(graph.graph(name))


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        if fmt in QUAD_FORMATS and not isinstance(graph, Dataset):
            raise StoreError(f"{path}: {fmt} needs named graphs; build with a .trig or .nq output")
        inner = oxigraph_of(graph)
        if inner is not None and fmt in QUAD_FORMATS:  # Oxigraph writes the named graphs fast; the union is derived
            ox.serialize(_named_ox_quads(inner), tmp, format=OX_FORMATS[fmt])
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


# code that only reads a built graph (folders and files under graph/): changing it must not
# re-extract every plan
READING_CODE = ("analyse/", "view/", "extract/explain.py", "query/endpoint.py", "query/queries/", "cli.py", "__main__.py")


def fingerprint(code: Path = CODE_DIR, lexicons: Path = LEXICON_DIR, aliases: Path = ALIASES_FILE) -> str:
    """Hash of what every plan's triples depend on besides the plan: lexicons, aliases, code
    (all of graph/ but the code that only reads the graph: a new module counts until listed
    in READING_CODE, so the list can only cause a needless rebuild, never a stale one)."""
    digest = hashlib.sha1()
    if aliases.exists():
        digest.update(aliases.read_bytes())
    for root in (lexicons, code):
        for f in sorted(p for p in Path(root).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if root == code and f.relative_to(code).as_posix().startswith(READING_CODE):
                continue
            digest.update(str(f.relative_to(root)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


# --- Generations: a build is a transaction ----------------------------------------------
#
# A store folder holds generations, each a complete Oxigraph database with the manifest of
# the plans in it, and a HEAD file naming the published one. A build copies the published
# generation (Oxigraph's backup: hard links, cheap), changes the copy, closes it, and then
# publishes it by replacing HEAD, one atomic rename. Readers open the generation HEAD names,
# read-only, and hold a shared lock on it; a published generation is never written again
# (Oxigraph says a read-only reader beside a writer is undefined behaviour: the runaway
# reader). A build killed at any point leaves HEAD as it was, so readers see the old graph or
# the new one and never a mix; its unpublished copy is removed by the next build, as is
# every old generation no reader holds. One writer at a time: a build takes the folder's lock.

HEAD = "HEAD"
GENERATIONS = "generations"
DATABASE = "db"
MANIFEST = "manifest.json"
READERS = "readers.lock"


class StoreBusy(StoreError):
    """Another build is writing the store; nothing was done."""


def _sync_write(path: Path, text: str) -> None:
    """Write a small file durably and atomically: a temporary file, synced, renamed into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def published_generation(folder: str | Path) -> Path | None:
    """The generation the store's HEAD names, or None before the first build."""
    try:
        name = (Path(folder) / HEAD).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(folder) / GENERATIONS / name if name else None


def read_manifest(folder: str | Path) -> dict:
    """The manifest of the published generation: fingerprint and plans ({} before a build)."""
    generation = published_generation(folder)
    try:
        return json.loads((generation / MANIFEST).read_text(encoding="utf-8")) if generation else {}
    except (OSError, ValueError):
        return {}


def is_bare_database(folder: Path) -> bool:
    """An Oxigraph (RocksDB) database made elsewhere, or by innograph before generations."""
    return (folder / "CURRENT").is_file() and not (folder / HEAD).exists()


def import_query_engine() -> None:
    """Import what the first opened store and the first query need and importing this module
    does not (oxrdflib, rdflib's SPARQL parser: 0.3-0.5 s), e.g. while a first page is read."""
    import oxrdflib  # noqa: F401
    import rdflib.plugins.sparql  # noqa: F401


def open_store(folder: str | Path) -> Dataset:
    """The published generation of a store folder, read-only, held open under a shared lock
    (so no build removes it while this dataset lives). A bare Oxigraph database is opened
    read-only as it is."""
    folder = Path(folder)
    if is_bare_database(folder):
        return _dataset_of(_open_read_only(folder))
    for _ in range(20):  # a build may publish and collect between reading HEAD and locking
        generation = published_generation(folder)
        if generation is None:
            raise StoreError(f"{folder}: no graph store here yet; build one with `innograph build PLANS --store {folder}`")
        try:
            handle = (generation / READERS).open("rb")
        except FileNotFoundError:
            continue
        fcntl.flock(handle, fcntl.LOCK_SH)
        if (generation / DATABASE / "CURRENT").is_file():
            dataset = _dataset_of(_open_read_only(generation / DATABASE))
            dataset.reader_lock = handle  # released when the dataset is
            dataset.generation = generation
            return dataset
        handle.close()
    raise StoreError(f"{folder}: the store changed under every attempt to open it")


def close_store(dataset: Dataset) -> None:
    """Let go of a store opened by ``open_store`` now, not when it is collected: its
    database, and its hold on the generation (which the next build may then remove)."""
    dataset.store.close()
    lock = getattr(dataset, "reader_lock", None)
    if lock is not None:
        lock.close()


def _open_read_only(path: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the graph store ({exc})") from exc


def _dataset_of(inner: ox.Store) -> Dataset:
    from oxrdflib import OxigraphStore  # brings rdflib's SPARQL engine (0.1 s): not before a store is opened

    dataset = Dataset(store=OxigraphStore(store=inner), default_union=False)
    bind_prefixes(dataset)
    return dataset


class LiveStore:
    """A store folder as a long-running, one-thread reader (a query worker) sees it: the
    published generation, reopened when a build publishes a new one (the old one let go)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._generation: Path | None = None
        self._dataset: Dataset | None = None

    def graph(self) -> Dataset:
        current = published_generation(self.folder)
        if self._dataset is None or current != self._generation:
            previous, self._dataset = self._dataset, open_store(self.folder)
            if previous is not None:  # a one-thread reader (a query worker) is done with it
                close_store(previous)
            self._generation = getattr(self._dataset, "generation", None)
        return self._dataset


class StoreWriter:
    """One build's hold on a store folder: the published generation to start from, the
    staging copy it changes, and the rename that publishes it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.base = published_generation(folder)
        self.manifest = read_manifest(folder)
        self.staging: Path | None = None
        self._dataset: Dataset | None = None

    def stage(self, copy: bool) -> Dataset:
        """A new generation, read-write: a copy of the published one, or empty."""
        root = self.folder / GENERATIONS
        root.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name[1:]) for p in root.glob("g*") if p.name[1:].isdigit()]
        self.staging = root / f"g{max(numbers, default=0) + 1:06d}"
        self.staging.mkdir()
        (self.staging / READERS).touch()
        if copy and self.base is not None:
            source = ox.Store.read_only(str(self.base / DATABASE))
            source.backup(str(self.staging / DATABASE))
            del source
        inner = ox.Store(str(self.staging / DATABASE))
        self._dataset = _dataset_of(inner)
        return self._dataset

    def publish(self, manifest: dict) -> None:
        """Close the staging database (nothing may write it once readers can open it),
        record its manifest, then point HEAD at it."""
        if self._dataset is None or self.staging is None:
            return
        oxigraph_of(self._dataset).flush()
        self._dataset.store.close()  # lets go of the database even if a reference to the dataset lingers
        self._dataset = None
        gc.collect()
        try:  # the staging database must be closed by now: opening it for writing proves it
            probe = ox.Store(str(self.staging / DATABASE))
        except OSError as exc:
            raise StoreError(f"{self.staging}: still open for writing; not published") from exc
        del probe
        # ASCII escapes: a file name's undecodable bytes (surrogate escapes) go in and come back as they were
        _sync_write(self.staging / MANIFEST, json.dumps(manifest, ensure_ascii=True, indent=1))
        _sync_write(self.folder / HEAD, self.staging.name + "\n")
        self.base, self.manifest, self.staging = self.staging, manifest, None

    def collect(self) -> None:
        """Remove every generation but the published one that no reader holds (a killed
        build's staging copy among them)."""
        for generation in sorted((self.folder / GENERATIONS).glob("g*")):
            if generation in (self.base, self.staging):
                continue
            try:
                handle = (generation / READERS).open("rb")
            except FileNotFoundError:
                handle = None
            try:
                if handle is not None:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(generation, ignore_errors=True)
            except BlockingIOError:
                pass  # a reader has it open: the next build tries again
            finally:
                if handle is not None:
                    handle.close()


@contextmanager
def writing(folder: str | Path, wait: bool = False) -> Iterator[StoreWriter]:
    """Hold a store folder's write lock for one build; a second build is refused at once
    (or waits, with ``wait``). What the build staged and did not publish is removed."""
    folder = Path(folder)
    if is_bare_database(folder):
        raise StoreError(f"{folder}: an Oxigraph database that innograph did not build (or built before stores had "
                         "generations); build into a new folder, or delete this one first")
    folder.mkdir(parents=True, exist_ok=True)
    lock = (folder / "build.lock").open("a+")
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            raise StoreBusy(f"{folder}: another build is writing this store ({holder}); try again when it ends") from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}")
        lock.flush()
        writer = StoreWriter(folder)
        writer.collect()
        try:
            yield writer
        finally:
            if writer.staging is not None:
                writer._dataset = None
                gc.collect()
                shutil.rmtree(writer.staging, ignore_errors=True)
            writer.collect()
    finally:
        lock.close()
