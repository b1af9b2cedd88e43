"""Remote stores: any SPARQL 1.1 Query/Update endpoint (Oxigraph's server, Virtuoso, Fuseki).

A location ``sparql+URL`` names one; options after ``#`` (never sent to a server) name its
update URL, its Graph Store Protocol URL or Virtuoso's bulk loader, each a faster way in.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from ..namespaces import bind_prefixes
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


def is_remote_dataset(graph: Graph) -> bool:
    """Whether a dataset is one ``open_remote`` opened."""
    return type(getattr(graph, "store", None)).__name__ == "SPARQLUpdateStore"


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


def drop_remote_graph(graph: Graph, name: URIRef) -> None:
    """DROP one named graph on the endpoint."""
    try:
        graph.store.update(f"DROP SILENT GRAPH <{name}>", initNs={}, initBindings={}, queryGraph=None)
    except OSError as exc:
        raise remote_error(exc, f"sparql+{graph.store.update_endpoint}") from None
