"""A read-only SPARQL 1.1 Protocol endpoint over the graph (for YASGUI and other clients).

``/sparql`` takes ``query`` by GET, by POSTed form or as an ``application/sparql-query``
body, and answers in the format the client accepts: SPARQL JSON (default), XML, CSV or
TSV for SELECT/ASK; Turtle or N-Triples for CONSTRUCT/DESCRIBE. Updates are refused with
403. The standard library's HTTP server is enough for one analyst's loopback use.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox
from rdflib import Graph

from .guard import QueryRefused, check_query
from .namespaces import PREFIXES
from .store import oxigraph_of

RESULT_TYPES = {
    "application/sparql-results+json": (ox.QueryResultsFormat.JSON, "json"),
    "application/json": (ox.QueryResultsFormat.JSON, "json"),
    "application/sparql-results+xml": (ox.QueryResultsFormat.XML, "xml"),
    "application/xml": (ox.QueryResultsFormat.XML, "xml"),
    "text/csv": (ox.QueryResultsFormat.CSV, "csv"),
    "text/tab-separated-values": (ox.QueryResultsFormat.TSV, "tsv"),
}
GRAPH_TYPES = {"text/turtle": (ox.RdfFormat.TURTLE, "turtle"), "application/n-triples": (ox.RdfFormat.N_TRIPLES, "nt")}


def _choose(accept: str, table: dict, default: str) -> str:
    for part in (accept or "").split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in table:
            return kind
    return default


def answer(graph: Graph, query: str, accept: str, federation: bool = False) -> tuple[bytes, str]:
    """Run a query and serialise its result for the Accept header: (body, content type).
    The guard refuses updates, SERVICE (unless ``federation``) and queries too deep to run."""
    check_query(query, allow_service=federation)
    inner = oxigraph_of(graph)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    if inner is not None:
        result = inner.query(query, prefixes=prefixes)
        if isinstance(result, ox.QueryTriples):
            kind = _choose(accept, GRAPH_TYPES, "text/turtle")
            return result.serialize(format=GRAPH_TYPES[kind][0]), kind
        kind = _choose(accept, RESULT_TYPES, "application/sparql-results+json")
        return result.serialize(format=RESULT_TYPES[kind][0]), kind
    result = graph.query(query, initNs=prefixes)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        kind = _choose(accept, GRAPH_TYPES, "text/turtle")
        return result.graph.serialize(format=GRAPH_TYPES[kind][1], encoding="utf-8"), kind
    kind = _choose(accept, RESULT_TYPES, "application/sparql-results+json")
    return result.serialize(format=RESULT_TYPES[kind][1]), kind


class SparqlHandler(BaseHTTPRequestHandler):
    graph_source: Callable[[], Graph]  # set on the subclass make_server builds: the graph as it is now
    cors = False  # Access-Control-Allow-Origin: * only when the user turns it on
    federation = False
    timeout = 10  # seconds a client may take to send its request (a short or stalled body ends there)
    MAX_BODY = 1_000_000

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, params: dict, body_query: str | None = None) -> None:
        if urlparse(self.path).path.rstrip("/") != "/sparql":
            self._send(HTTPStatus.NOT_FOUND, b"The SPARQL endpoint is at /sparql")
            return
        if "update" in params:
            self._send(HTTPStatus.FORBIDDEN, b"This endpoint is read-only: SPARQL Update is refused.")
            return
        query = body_query if body_query is not None else (params.get("query") or [None])[0]
        if not query:
            self._send(HTTPStatus.BAD_REQUEST, b"Give a SPARQL query in the 'query' parameter.")
            return
        try:
            body, kind = answer(self.graph_source(), query, self.headers.get("Accept", ""), self.federation)
        except QueryRefused as exc:
            self._send(HTTPStatus.FORBIDDEN if exc.kind in ("update", "service") else HTTPStatus.BAD_REQUEST, str(exc).encode())
            return
        except SyntaxError as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {exc}".encode())
            return
        except Exception as exc:  # an evaluation error is the client's to read, not a crash
            self._send(HTTPStatus.BAD_REQUEST, f"Query failed: {exc}".encode())
            return
        self._send(HTTPStatus.OK, body, kind + ("; charset=utf-8" if kind.startswith("text/") else ""))

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle(parse_qs(urlparse(self.path).query))

    def do_POST(self) -> None:  # noqa: N802
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 <= length <= self.MAX_BODY:
                raise ValueError(length)
        except ValueError:
            self._send(HTTPStatus.BAD_REQUEST, f"Content-Length must be a number from 0 to {self.MAX_BODY:,}.".encode())
            return
        try:
            raw = self.rfile.read(length).decode("utf-8")
        except UnicodeDecodeError:
            self._send(HTTPStatus.BAD_REQUEST, b"The request body is not UTF-8.")
            return
        except OSError:  # the client stopped sending before Content-Length bytes (the read timed out)
            self.close_connection = True
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            self._send(HTTPStatus.FORBIDDEN, b"This endpoint is read-only: SPARQL Update is refused.")
        elif kind == "application/sparql-query":
            self._handle(parse_qs(urlparse(self.path).query), raw)
        else:
            self._handle(parse_qs(raw))

    def do_OPTIONS(self) -> None:  # noqa: N802 - browsers ask before a cross-origin POST
        self.send_response(HTTPStatus.NO_CONTENT)
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()


def make_server(graph: Graph | Callable[[], Graph], host: str = "127.0.0.1", port: int = 7878, cors: bool = False,
                federation: bool = False) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL on /sparql; port 0 picks a free one. Cross-origin
    requests (CORS) and federated queries (SERVICE) are off unless asked for: any web page
    the analyst opens could otherwise drive the endpoint, or make it fetch other servers.
    ``graph`` is a graph, or a function giving the graph to answer from (a store's
    published generation, which a build may replace while the server runs)."""
    source = graph if callable(graph) and not isinstance(graph, Graph) else (lambda: graph)
    handler = type("BoundSparqlHandler", (SparqlHandler,), {"graph_source": staticmethod(source), "cors": cors, "federation": federation})
    return ThreadingHTTPServer((host, port), handler)
