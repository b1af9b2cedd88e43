"""A read-only SPARQL 1.1 Protocol endpoint over the graph (for YASGUI and other clients).

``/sparql`` takes ``query`` by GET, by POSTed form or as an ``application/sparql-query``
body, and answers in the format the client accepts: SPARQL JSON (default), XML, CSV or
TSV for SELECT/ASK; Turtle or N-Triples for CONSTRUCT/DESCRIBE. Updates are refused with
403. The standard library's HTTP server is enough for one analyst's loopback use.
"""

from __future__ import annotations

import select
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .guard import QueryRefused, check_query
from .query import QueryError
from .sandbox import Limits, QueryCancelled, QuerySandbox, QueryTimeout

ENDPOINT_LIMITS = Limits(seconds=30.0, memory_mb=4096, workers=2)  # rows: whole answers; a client asks for a LIMIT


class SparqlHandler(BaseHTTPRequestHandler):
    sandbox: QuerySandbox  # set on the subclass make_server builds: workers that have the graph open
    cors = False  # Access-Control-Allow-Origin: * only when the user turns it on
    federation = False
    timeout = 10  # seconds a client may take to send its request (a short or stalled body ends there)
    MAX_BODY = 1_000_000

    def log_message(self, format, *args):
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
            check_query(query, allow_service=self.federation)  # before a worker is asked: refusals keep their status
            body, kind = self.sandbox.answer(query, self.headers.get("Accept", ""), self.federation, cancelled=self._client_gone)
        except QueryRefused as exc:
            self._send(HTTPStatus.FORBIDDEN if exc.kind in ("update", "service") else HTTPStatus.BAD_REQUEST, str(exc).encode())
            return
        except QueryCancelled:
            self.close_connection = True
            return
        except QueryTimeout as exc:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, str(exc).encode())
            return
        except QueryError as exc:  # syntax and evaluation errors are the client's to read, not a crash
            self._send(HTTPStatus.BAD_REQUEST, str(exc).encode())
            return
        self._send(HTTPStatus.OK, body, kind + ("; charset=utf-8" if kind.startswith("text/") else ""))

    def _client_gone(self) -> bool:
        """True once the client has closed its connection (readable, with nothing to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def do_GET(self) -> None:
        self._handle(parse_qs(urlparse(self.path).query))

    def do_POST(self) -> None:
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

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()


def make_server(source, host: str = "127.0.0.1", port: int = 7878, cors: bool = False,
                federation: bool = False, limits: Limits = ENDPOINT_LIMITS) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL on /sparql; port 0 picks a free one. Cross-origin
    requests (CORS) and federated queries (SERVICE) are off unless asked for: any web page
    the analyst opens could otherwise drive the endpoint, or make it fetch other servers.
    ``source`` is a store folder (answered at its published generation, so a build's new
    one is picked up), a graph file, ``sparql+http://…`` or an rdflib graph. Queries run in
    worker processes within ``limits`` (``sandbox``): one that overruns is stopped and
    answered with 503, and one whose client hangs up is stopped too."""
    handler = type("BoundSparqlHandler", (SparqlHandler,), {"sandbox": QuerySandbox(source, limits), "cors": cors,
                                                             "federation": federation})
    return ThreadingHTTPServer((host, port), handler)
