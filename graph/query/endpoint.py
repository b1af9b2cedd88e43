"""A read-only SPARQL 1.1 Protocol endpoint over the graph (for YASGUI and other clients).

``/sparql`` takes ``query`` by GET, by POSTed form or as an ``application/sparql-query``
body, with ``default-graph-uri`` / ``named-graph-uri`` to read only some graphs (a plan's),
and answers in the format the client prefers by its Accept header (q-values, wildcards; 406
when none can be given): SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK; Turtle,
N-Triples, RDF/XML, JSON-LD, N-Quads or TriG for CONSTRUCT/DESCRIBE. A GET without a query
is the service description (VoID and SPARQL-SD: the plans' graphs, the example queries);
a browser gets a small query page. IRIs under ``/id/`` dereference: a browser gets a page of
what is said about the thing, other clients its description (Turtle, JSON-LD …) with where
each mention was read. Updates are refused with 403. The standard library's HTTP server is
enough for one analyst's loopback use.
"""

from __future__ import annotations

import json
import select
import socket
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from ..namespaces import IGD
from .guard import QueryRefused, check_query
from .named import list_queries
from .protocol import GRAPH_TYPES, NotAcceptable, negotiate
from .results import QueryError
from .sandbox import Limits, QueryCancelled, QuerySandbox, QueryTimeout


def _literal(text: str) -> str:
    """A string as a Turtle/SPARQL long literal."""
    return '"""' + text.replace("\\", "\\\\").replace('"', '\\"') + '"""'


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
        if not getattr(self, "_head", False):
            self.wfile.write(body)

    def _handle(self, params: dict, body_query: str | None = None) -> None:
        path = urlparse(self.path).path
        if path.startswith("/id/") and self.command in ("GET", "HEAD"):
            self._describe(str(IGD) + path[len("/id/"):])
            return
        if path.rstrip("/") != "/sparql":
            self._send(HTTPStatus.NOT_FOUND, b"The SPARQL endpoint is at /sparql")
            return
        if "update" in params:
            self._send(HTTPStatus.FORBIDDEN, b"This endpoint is read-only: SPARQL Update is refused.")
            return
        if len(params.get("query", ())) > 1 or (body_query is not None and "query" in params):
            self._send(HTTPStatus.BAD_REQUEST, b"Give one query: the 'query' parameter came more than once.")
            return
        query = body_query if body_query is not None else (params.get("query") or [None])[0]
        if not query:
            if self.command in ("GET", "HEAD"):
                self._service_description()
            else:
                self._send(HTTPStatus.BAD_REQUEST, b"Give a SPARQL query in the 'query' parameter.")
            return
        self._run(query, self.headers.get("Accept", ""), tuple(params.get("default-graph-uri", ())),
                  tuple(params.get("named-graph-uri", ())))

    def _run(self, query: str, accept: str, default_graphs=(), named_graphs=()) -> None:
        try:
            check_query(query, allow_service=self.federation)  # before a worker is asked: refusals keep their status
            body, kind = self.sandbox.answer(query, accept, self.federation, cancelled=self._client_gone,
                                             default_graphs=default_graphs, named_graphs=named_graphs)
        except NotAcceptable as exc:
            self._send(HTTPStatus.NOT_ACCEPTABLE, str(exc).encode())
            return
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
        self._send_answer(body, kind)

    def _send_answer(self, body: bytes, kind: str) -> None:
        self._send(HTTPStatus.OK, body, kind + ("; charset=utf-8" if kind.startswith("text/") else ""))

    def _answer_or_refuse(self, query: str, failed: HTTPStatus) -> tuple[bytes, str] | None:
        """One of the endpoint's own queries (a description, a dereferenced IRI) answered in the
        client's syntax; None once the refusal (406, or ``failed``) is sent."""
        try:
            return self.sandbox.answer(query, self.headers.get("Accept", ""), self.federation, cancelled=self._client_gone)
        except NotAcceptable as exc:
            self._send(HTTPStatus.NOT_ACCEPTABLE, str(exc).encode())
        except QueryError as exc:
            self._send(failed, str(exc).encode())
        return None

    def _wants_html(self) -> bool:
        accept = self.headers.get("Accept", "")
        try:
            return negotiate(accept, {"text/html": 0, **GRAPH_TYPES}, "text/turtle") == "text/html"
        except NotAcceptable:
            return False

    def _service_description(self) -> None:
        """What this service is and holds: SPARQL-SD and VoID (each plan's graph, the example
        queries as sh:SPARQLExecutable-style resources), or a query page for a browser."""
        if self._wants_html():
            examples = "".join(f"<li><a href='?query={escape(q.text, quote=True)}'>{escape(q.title('en'))}</a> — "
                               f"{escape(q.about('en'))}</li>" for q in list_queries())
            page = (f"<!doctype html><meta charset='utf-8'><title>innograph SPARQL</title><h1>innograph SPARQL endpoint</h1>"
                    f"<form method='get' action='/sparql'><textarea name='query' rows='12' cols='90'>"
                    f"SELECT ?lab ?label WHERE {{ ?lab a ig:Lab ; rdfs:label ?label }} LIMIT 20</textarea><br>"
                    f"<button type='submit'>Run</button></form><h2>Examples</h2><ul>{examples}</ul>")
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")
            return
        here = f"http://{self.headers.get('Host', 'localhost')}/sparql"
        queries = list_queries()  # each example an IRI of its own: written once, whatever the rows below
        examples = " , ".join(f"<{here}#{q.name}>" for q in queries) + " .\n" + "\n".join(
            f"""  <{here}#{q.name}> a sh:SPARQLExecutable, sh:SPARQLSelectExecutable ; rdfs:label {_literal(q.title('en'))}@en ,
    {_literal(q.title('zh'))}@zh ; rdfs:comment {_literal(q.about('en'))}@en ; sh:select {_literal(q.text)} .""" for q in queries)
        construct = f"""PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {{
  <{here}> a sd:Service ; sd:endpoint <{here}> ; sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
      <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
      <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/RDF_XML>,
      <http://www.w3.org/ns/formats/JSON-LD> ;
    sd:defaultDataset <{here}#dataset> ; rdfs:seeAlso {examples}
  <{here}#dataset> a sd:Dataset, void:Dataset ; sd:defaultGraph <{here}#union> ; void:sparqlEndpoint <{here}> ;
    sd:namedGraph ?ng ; void:subset ?g .
  <{here}#union> a sd:Graph ; rdfs:comment "The union of every plan's graph." .
  ?ng a sd:NamedGraph ; sd:name ?g ; sd:graph ?g .
  ?g a sd:Graph, void:Dataset ; rdfs:label ?title ; void:sparqlEndpoint <{here}> ; rdfs:seeAlso ?plan .
}} WHERE {{ OPTIONAL {{ GRAPH ?g {{ ?plan a <https://w3id.org/innograph/ontology#Plan> ; rdfs:label ?title }}
                   BIND(IRI(CONCAT("{here}#graph-", MD5(STR(?g)))) AS ?ng) }} }}"""
        answered = self._answer_or_refuse(construct, HTTPStatus.INTERNAL_SERVER_ERROR)
        if answered:
            self._send_answer(*answered)

    def _describe(self, iri: str) -> None:
        """A thing's IRI, dereferenced: what is said about it and to it, and each mention of it
        with its offsets and sentence (its provenance). A browser gets it as an HTML page."""
        if any(c in iri for c in "<>\"{}|^`\\ "):
            self._send(HTTPStatus.BAD_REQUEST, b"Not an IRI of this graph.")
            return
        construct = f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . ?m ?mp ?mo . ?sn nif:anchorOf ?text }} WHERE {{
  {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }}
  UNION {{ ?m itsrdf:taIdentRef <{iri}> ; ?mp ?mo . OPTIONAL {{ ?m nif:sentence ?sn . ?sn nif:anchorOf ?text }} }} }}"""
        if self._wants_html():
            try:
                body, _ = self.sandbox.answer(f"SELECT ?p ?o ?dir WHERE {{ {{ <{iri}> ?p ?o BIND('out' AS ?dir) }} UNION "
                                              f"{{ ?o ?p <{iri}> BIND('in' AS ?dir) }} }} LIMIT 500",
                                              "application/sparql-results+json", self.federation, cancelled=self._client_gone)
            except QueryError as exc:
                self._send(HTTPStatus.BAD_REQUEST, str(exc).encode())
                return
            rows = json.loads(body)["results"]["bindings"]
            if not rows:
                self._send(HTTPStatus.NOT_FOUND, f"Nothing is said about {iri} here.".encode())
                return
            items = "".join(f"<tr><td>{'→' if r['dir']['value'] == 'out' else '←'}</td><td>{escape(r['p']['value'])}</td>"
                            f"<td>{escape(r['o']['value'])}</td></tr>" for r in rows)
            page = (f"<!doctype html><meta charset='utf-8'><title>{escape(iri)}</title><h1>{escape(iri)}</h1>"
                    f"<table>{items}</table>")
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")
            return
        answered = self._answer_or_refuse(construct, HTTPStatus.BAD_REQUEST)
        if answered and answered[0].strip() in (b"", b"[]", b"{}"):
            self._send(HTTPStatus.NOT_FOUND, f"Nothing is said about {iri} here.".encode())
        elif answered:
            self._send_answer(*answered)

    def _client_gone(self) -> bool:
        """True once the client has closed its connection (readable, with nothing to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def do_GET(self) -> None:
        self._handle(parse_qs(urlparse(self.path).query))

    def do_HEAD(self) -> None:  # the same headers as GET, no body
        self._head = True
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
