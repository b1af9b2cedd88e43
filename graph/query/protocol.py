"""Answers as the SPARQL 1.1 Protocol gives them: the result syntax the client accepts.

Content negotiation follows RFC 9110; every syntax is written by Oxigraph, whichever store
answered, so a client gets the same bytes for the same answer from a folder, a file or a
remote store.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from ..namespaces import PREFIXES
from ..store import RDF_ANSWERS, is_remote_dataset, oxigraph_of
from .guard import check_query
from .results import QueryError
from .run import REMOTE_ACCEPT, declare_prefixes, readable_syntax_error

RESULT_TYPES = {
    "application/sparql-results+json": (ox.QueryResultsFormat.JSON, "json"),
    "application/json": (ox.QueryResultsFormat.JSON, "json"),
    "application/sparql-results+xml": (ox.QueryResultsFormat.XML, "xml"),
    "application/xml": (ox.QueryResultsFormat.XML, "xml"),
    "text/csv": (ox.QueryResultsFormat.CSV, "csv"),
    "text/tab-separated-values": (ox.QueryResultsFormat.TSV, "tsv"),
}


GRAPH_TYPES = {
    "text/turtle": (ox.RdfFormat.TURTLE, "turtle"),
    "application/json": (ox.RdfFormat.JSON_LD, "json-ld"),  # a JSON client asking for a description: JSON-LD
    "application/n-triples": (ox.RdfFormat.N_TRIPLES, "nt"),
    "application/rdf+xml": (ox.RdfFormat.RDF_XML, "xml"),
    "application/ld+json": (ox.RdfFormat.JSON_LD, "json-ld"),
    "application/n-quads": (ox.RdfFormat.N_QUADS, "nquads"),
    "application/trig": (ox.RdfFormat.TRIG, "trig"),
}


FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
    "ntriples": "application/n-triples", "n-triples": "application/n-triples", "jsonld": "application/ld+json",
    "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "n3": "text/turtle",
    "nquads": "application/n-quads", "trig": "application/trig", "html": "text/html",
}


def format_parameter(value: str) -> str | None:
    """A ``format=``/``output=`` parameter (json, csv, turtle … or a media type) as the Accept
    header it stands for: what lets ``pandas.read_csv(url + "&format=csv")`` get CSV. For a
    CONSTRUCT, json stands for JSON-LD and xml for RDF/XML. None for a name it does not know:
    the Accept header then decides (SPARQLWrapper sends both).

    >>> format_parameter("csv"), format_parameter("text/tab-separated-values"), format_parameter("nonsense")
    ('text/csv', 'text/tab-separated-values', None)
    """
    value = value.strip().lower()
    if "/" in value:
        return value if value in RESULT_TYPES or value in GRAPH_TYPES or value == "text/html" else None
    both = {"json": "application/sparql-results+json, application/ld+json;q=0.9",
            "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9"}
    return both.get(value) or FORMAT_NAMES.get(value)


def check_declared_prefixes(query: str) -> None:
    """Refuse a query that uses a prefix it does not declare, as the SPARQL grammar does (and
    every other server): an endpoint that quietly knew ``ig:`` would accept queries that then
    fail everywhere else. innograph's own tools declare the project's prefixes for the user."""
    if "service" in query.lower():
        return  # the guard has its word on SERVICE; nothing here may reach another server
    try:
        ox.Store().query(query)  # parsed, not run: an answer is read only when it is iterated
    except SyntaxError as exc:
        message = readable_syntax_error(str(exc), query)
        if "unknown prefix" in message:
            raise QueryError(f"SPARQL syntax error: {message}") from None
    except Exception:  # noqa: BLE001, S110 - anything else is the real run's to report
        pass


class NotAcceptable(ValueError):
    """The client accepts none of the media types the answer can be written in (HTTP 406)."""


def negotiate(accept: str, offered: dict, default: str) -> str:
    """The offered media type the Accept header prefers (RFC 9110: q-values, type/* and */*;
    q=0 excludes), the default for an empty header; NotAcceptable if none is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES, "application/json")
    'application/sparql-results+xml'
    >>> negotiate("text/*", RESULT_TYPES, "application/json"), negotiate("", RESULT_TYPES, "application/json")
    ('text/csv', 'application/json')
    """
    if not (accept or "").strip():
        return default
    best, best_q, best_rank = None, 0.0, -1
    for part in accept.split(","):
        kind, *params = [x.strip() for x in part.split(";")]
        kind = kind.lower()
        q = 1.0
        for param in params:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q <= 0 or not kind:
            continue
        if kind == "*/*":
            candidates, rank = [default], 0
        elif kind.endswith("/*"):
            candidates, rank = [t for t in offered if t.startswith(kind[:-1])], 1
        else:
            candidates, rank = [kind] if kind in offered else [], 2
        for candidate in candidates:
            if (q, rank) > (best_q, best_rank):
                best, best_q, best_rank = candidate, q, rank
    if best is None:
        raise NotAcceptable(f"none of {accept!r} can be given; this answer can be: {', '.join(offered)}")
    return best


def write_triples(triples, accept: str) -> tuple[bytes, str]:
    """A CONSTRUCT's triples written by Oxigraph in the syntax the client prefers; a quad syntax
    (N-Quads, TriG) gets them in the default graph."""
    kind = negotiate(accept, GRAPH_TYPES, "text/turtle")
    fmt = GRAPH_TYPES[kind][0]
    kind = "application/ld+json" if kind == "application/json" else kind  # JSON-LD, by its own name
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        triples = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return ox.serialize(triples, format=fmt), kind


def _remote_answer(graph: Graph, query: str, accept: str, default_graphs: tuple[str, ...],
                   named_graphs: tuple[str, ...]) -> tuple[bytes, str]:
    """A remote store's answer on innograph's graphs (those the client names, or all), asked in
    one syntax and written by Oxigraph in the one the client accepts: CONSTRUCT as RDF
    whatever rdflib would make of it, errors in one line."""
    from ..store import RemoteStoreError, parse_results

    try:
        kind, data = graph.store.send(declare_prefixes(query), REMOTE_ACCEPT, default_graphs or None, named_graphs or None)
        if kind in RDF_ANSWERS:
            return write_triples(ox.parse(data, format=RDF_ANSWERS[kind]), accept)
        parsed = parse_results(kind, data)
    except (RemoteStoreError, SyntaxError) as exc:
        raise QueryError(str(exc)) from None
    chosen = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    return parsed.serialize(format=RESULT_TYPES[chosen][0]), chosen


def answer(graph: Graph, query: str, accept: str, federation: bool = False,
           default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> tuple[bytes, str]:
    """Run a query and serialise its result for the Accept header: (body, content type).
    The guard refuses updates, SERVICE (unless ``federation``) and queries too deep to run.
    ``default_graphs`` and ``named_graphs`` are the protocol's default-graph-uri and
    named-graph-uri: the query then reads only those graphs."""
    check_query(query, allow_service=federation)
    inner = oxigraph_of(graph)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    if inner is not None:
        dataset = {}
        if default_graphs or named_graphs:  # the protocol: the dataset is what they name, and only that
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            result = inner.query(query, prefixes=prefixes, **dataset)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {readable_syntax_error(str(exc), query)}") from exc
        if isinstance(result, ox.QueryTriples):
            return write_triples(result, accept)
        kind = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
        return result.serialize(format=RESULT_TYPES[kind][0]), kind
    if is_remote_dataset(graph):
        return _remote_answer(graph, query, accept, default_graphs, named_graphs)
    if default_graphs or named_graphs:
        raise QueryError("default-graph-uri and named-graph-uri are answered by a store, not by an rdflib graph")
    try:
        result = graph.query(query, initNs=prefixes)
    except Exception as exc:  # rdflib's parser and a remote store's errors
        message = getattr(exc, "msg", None) or str(exc)  # a remote store's own message, in one line
        raise QueryError(" ".join(str(message).split())[:500]) from exc
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return write_triples(ox.parse(result.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES), accept)
    kind = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    fmt = RESULT_TYPES[kind][1]
    if fmt == "tsv" or (result.type == "ASK" and fmt == "csv"):  # rdflib writes neither: the same answer, written by Oxigraph
        body = result.serialize(format="xml")
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        return parsed.serialize(format=RESULT_TYPES[kind][0]), kind
    return result.serialize(format=fmt), kind
