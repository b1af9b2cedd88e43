"""Remote stores: any SPARQL 1.1 Query/Update endpoint (Oxigraph's server, Virtuoso, Fuseki).

A location ``sparql+URL`` names one; options after ``#`` (never sent to a server) name its
update URL, its Graph Store Protocol URL or Virtuoso's bulk loader, each a faster way in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from ..namespaces import BUILD_GRAPH, GRAPH_PREFIX, bind_prefixes
from .errors import RemoteStoreError
from .virtuoso import VIRTUOSO_GRANT, virtuoso_bulk_load

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


PAGE = 10_000
"""Triples read per request when a graph is copied out of a remote store: Virtuoso cuts every
answer at ResultSetMaxRows (10,000 in Debian's virtuoso.ini), silently."""

GRAPHS_TTL = 10.0
"""Seconds a remote store's list of innograph's graphs is trusted before it is asked again
(another client may build into the same store); a write of ours forgets it at once."""


class RemoteStore(SPARQLUpdateStore):
    """rdflib's SPARQL Update store, scoped to innograph's own graphs.

    A shared server holds other data (Virtuoso: its system graphs, owl#, virtrdf#, DAV), and
    its default graph is the union of everything. Every query of ours is therefore sent with
    the protocol's ``default-graph-uri`` and ``named-graph-uri`` set to innograph's graphs, so
    that ``?s ?p ?o`` and ``GRAPH ?g`` read exactly what a folder store holds.
    """

    def __init__(self, location: str):
        query, update = remote_endpoints(location)
        super().__init__(query_endpoint=query, update_endpoint=update, method="POST_FORM",
                         returnFormat="json", autocommit=True)
        self.location = location
        self.graph_store_url = graph_store_url(location)
        self.bulk_loader = bulk_loader(location)
        self._graphs: tuple[float, tuple[str, ...]] | None = None

    def forget_graphs(self) -> None:
        self._graphs = None

    def own_graphs(self) -> tuple[str, ...]:
        """The IRIs of innograph's named graphs on the server, sorted."""
        import time

        if self._graphs is None or time.monotonic() - self._graphs[0] > GRAPHS_TTL:
            listing = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}'
            names = sorted(s["g"].value for s in parse_results(*self.send(listing, RESULTS_ACCEPT, scoped=False)))
            self._graphs = (time.monotonic(), tuple(names))
        return self._graphs[1]

    def send(self, query: str, accept: str, default_graphs: Iterable[str] | None = None,
             named_graphs: Iterable[str] | None = None, scoped: bool = True, timeout: float = 600) -> tuple[str, bytes]:
        """POST one query to the server: (the answer's media type, its bytes).

        Scoped, the query reads innograph's graphs only: the given ones where it is one of
        them, else all of them. A graph outside them, or none at all, leaves the default graph
        empty, as the protocol says of a graph the dataset does not hold.
        """
        import urllib.error
        import urllib.parse
        import urllib.request

        params: list[tuple[str, str]] = [("query", query)]
        if scoped:
            own = self.own_graphs()
            if default_graphs is None and named_graphs is None:
                defaults = named = own
            else:  # the client's dataset, less anything that is not innograph's
                mine = set(own)
                defaults, named = ([g for g in asked or () if g in mine] for asked in (default_graphs, named_graphs))
            params += [("default-graph-uri", g) for g in defaults or [NO_GRAPH]]
            params += [("named-graph-uri", g) for g in named or [NO_GRAPH]]
        request = urllib.request.Request(self.query_endpoint, data=urllib.parse.urlencode(params).encode(),
                                         headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return (response.headers.get("Content-Type") or "").split(";")[0].strip(), response.read()
        except OSError as exc:
            raise remote_error(exc, self.location) from None

    def graph_triples(self, name: str) -> Iterator[ox.Triple]:
        """One named graph's triples, read a page at a time (see PAGE)."""
        offset = 0
        while True:
            page = (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }} "
                    f"ORDER BY ?s ?p ?o LIMIT {PAGE} OFFSET {offset} }} }}")
            kind, body = self.send(page, "application/n-triples", scoped=False)
            triples = list(ox.parse(body, format=RDF_ANSWERS.get(kind, ox.RdfFormat.N_TRIPLES)))
            yield from triples
            if len(triples) < PAGE:
                return
            offset += PAGE


NO_GRAPH = f"{BUILD_GRAPH}/none"  # a graph no store holds: naming it alone makes the dataset empty

RESULTS_ACCEPT = "application/sparql-results+xml, application/sparql-results+json;q=0.9"


def parse_results(kind: str, body: bytes):
    """A server's SELECT or ASK answer, read by Oxigraph in the syntax the server chose."""
    fmt = ox.QueryResultsFormat.JSON if "json" in kind else ox.QueryResultsFormat.XML
    try:
        return ox.parse_query_results(body, format=fmt)
    except SyntaxError as exc:
        raise RemoteStoreError(f"the store's answer ({kind or 'no type'}) cannot be read: {exc}") from None


RDF_ANSWERS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
             "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML}


def open_remote(location: str) -> Dataset:
    """A dataset on any SPARQL 1.1 Query/Update endpoint: ``sparql+http://host:port/sparql``,
    or ``sparql+QUERY_URL#update=UPDATE_URL`` where the server has two.

    POSTed forms and JSON results are what worked reliably against Virtuoso here.
    """
    dataset = Dataset(store=RemoteStore(location), default_union=True)
    bind_prefixes(dataset)
    return dataset


def is_remote_dataset(graph: Graph) -> bool:
    """Whether a dataset is one ``open_remote`` opened."""
    return isinstance(getattr(graph, "store", None), RemoteStore)


def remote_quads(graph: Graph) -> Iterator[ox.Quad]:
    """The quads of innograph's own named graphs on a remote store, graph by graph."""
    for name in graph.store.own_graphs():
        node = ox.NamedNode(name)
        for t in graph.store.graph_triples(name):
            yield ox.Quad(t.subject, t.predicate, t.object, node)


def remote_snapshot(graph: Graph) -> ox.Store:
    """innograph's graphs on a remote store copied into an Oxigraph store in memory (the
    default graph their union, as in a folder store): what an export or validation reads whole."""
    inner = ox.Store()
    for quad in remote_quads(graph):
        inner.add(quad)
        inner.add(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    return inner


def read_remote_manifest(graph: Graph) -> dict:
    """The manifest of the last build into a remote store ({} if none): which plan files it
    holds, by content hash, and the code that built them, so a rebuild redoes only what changed."""
    import json

    query = f"SELECT ?m WHERE {{ GRAPH <{BUILD_GRAPH}> {{ <{BUILD_GRAPH}> <{DCTERMS.description}> ?m }} }}"
    for solution in parse_results(*graph.store.send(query, RESULTS_ACCEPT, scoped=False)):
        try:
            return json.loads(solution["m"].value)
        except ValueError:
            return {}
    return {}


def write_remote_manifest(graph: Graph, manifest: dict) -> None:
    """Replace the remote store's build manifest (after the graphs it describes are in)."""
    import json

    text = ox.Literal(json.dumps(manifest, ensure_ascii=False, sort_keys=True))
    drop_remote_graph(graph, BUILD_GRAPH)
    _update(graph, f"INSERT DATA {{ GRAPH <{BUILD_GRAPH}> {{ <{BUILD_GRAPH}> <{DCTERMS.description}> {text} }} }}")


def _update(graph: Graph, update: str) -> None:
    try:
        graph.store.update(update, initNs={}, initBindings={}, queryGraph=None)
    except OSError as exc:  # the server's own words, not rdflib's traceback (HTTPError and URLError are OSErrors)
        raise remote_error(exc, f"sparql+{graph.store.update_endpoint}") from None
    finally:
        graph.store.forget_graphs()


def load_remote(graph: Graph, data: str | bytes | Path, batch: int = 1000) -> None:
    """Send named graphs to an endpoint in large INSERT DATA requests, one graph block each."""
    from collections import defaultdict

    source = {"path": str(data)} if isinstance(data, Path) else {"input": data.encode("utf-8") if isinstance(data, str) else data}
    if getattr(graph.store, "bulk_loader", None):
        folder, isql = graph.store.bulk_loader
        virtuoso_bulk_load(data, folder, isql)
        graph.store.forget_graphs()
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
        graph.store.forget_graphs()
        return
    for name, triples in by_graph.items():
        for k in range(0, len(triples), batch):
            body = "\n".join(triples[k : k + batch])
            _update(graph, f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")


def drop_remote_graph(graph: Graph, name: URIRef) -> None:
    """DROP one named graph on the endpoint."""
    _update(graph, f"DROP SILENT GRAPH <{name}>")
