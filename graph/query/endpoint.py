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
from urllib.parse import parse_qs, quote, urlparse

from rdflib.namespace import RDFS

from ..namespaces import GRAPH_PREFIX, IG, IGD, PREFIXES
from ..paths import ONTOLOGY_DIR
from .guard import QueryRefused, check_query
from .named import list_queries
from .protocol import GRAPH_TYPES, NotAcceptable, check_declared_prefixes, format_parameter, negotiate, write_triples
from .results import QueryError
from .sandbox import Limits, QueryCancelled, QuerySandbox, QueryTimeout


def _literal(text: str) -> str:
    """A string as a Turtle/SPARQL long literal."""
    return '"""' + text.replace("\\", "\\\\").replace('"', '\\"') + '"""'


VARIANT_NAMES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "jsonld",
                 "application/json": "jsonld", "application/rdf+xml": "rdfxml", "application/n-quads": "nquads",
                 "application/trig": "trig"}  # a representation's own URL: Content-Location


def _local(iri: str) -> str:
    """Where an IRI of innograph's dereferences on this server (its path), else the IRI itself."""
    if iri.startswith(str(IGD)):
        return "/id/" + iri[len(str(IGD)):]
    if iri.startswith(str(IG)):
        return ONTOLOGY_PATH + "#" + iri[len(str(IG)):]
    return iri


def _writable_iri(iri: str) -> bool:
    """Whether a path's IRI can stand between < > in a query: none of the characters an IRI
    may not hold, so a requested path never becomes query text."""
    return not any(c in iri for c in "<>\"{}|^`\\ ")


SHARED_GRAPH_TITLE = "entities, places, indicators and statuses shared by the plans"  # the graph with no plan


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and prefix != "igd":
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri


def _link(term: dict, name: str | None = None) -> str:
    """A SPARQL JSON term as HTML: an IRI a link named by its label where it has one (escaped:
    plan text is untrusted), a literal its text."""
    if term["type"] == "uri":
        href = _local(term["value"])
        if not href.startswith(("/", "http://", "https://")):
            return escape(term["value"])  # urn:, javascript: … never a link
        return (f"<a href='{escape(href, quote=True)}' title='{escape(term['value'], quote=True)}'>"
                f"{escape(name or _short(term['value']))}</a>")
    return escape(term["value"])


STARTER_QUERY = (f"PREFIX ig: <{IG}>\nPREFIX rdfs: <{RDFS}>\n"
                 "SELECT ?lab ?label WHERE { ?lab a ig:Lab ; rdfs:label ?label } LIMIT 20")  # the query page's first query

ONTOLOGY_PATH = "/ontology"  # https://w3id.org/innograph/ontology (and its terms, #Lab …) served here

ENDPOINT_LIMITS = Limits(seconds=30.0, memory_mb=4096, workers=2)  # rows: whole answers; a client asks for a LIMIT


class SparqlHandler(BaseHTTPRequestHandler):
    sandbox: QuerySandbox  # set on the subclass make_server builds: workers that have the graph open
    cors = False  # Access-Control-Allow-Origin: * only when the user turns it on
    federation = False
    timeout = 10  # seconds a client may take to send its request (a short or stalled body ends there)
    MAX_BODY = 1_000_000

    def log_message(self, format, *args):
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/plain; charset=utf-8", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")  # every answer here is negotiated, so a cache keys it by Accept
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if not getattr(self, "_head", False):
            self.wfile.write(body)

    def _accept(self) -> str:
        """The Accept header, or what a ``format=``/``output=`` parameter asks for instead."""
        params = parse_qs(urlparse(self.path).query) | getattr(self, "_form", {})
        for name in ("format", "output"):
            asked = format_parameter(params[name][0]) if params.get(name) else None
            if asked:
                return asked
        return self.headers.get("Accept", "")

    def _handle(self, params: dict, body_query: str | None = None) -> None:
        self._form = params
        path = urlparse(self.path).path
        if self.command in ("GET", "HEAD") and path.rstrip("/") == ONTOLOGY_PATH:
            self._ontology()
            return
        if path.startswith("/id/") and self.command in ("GET", "HEAD"):
            iri = str(IGD) + path[len("/id/"):]
            if iri.startswith(GRAPH_PREFIX) and len(iri) > len(GRAPH_PREFIX):
                self._graph(iri)
            else:
                self._describe(iri)
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
        self._run(query, self._accept(), tuple(params.get("default-graph-uri", ())),
                  tuple(params.get("named-graph-uri", ())))

    def _run(self, query: str, accept: str, default_graphs=(), named_graphs=()) -> None:
        try:
            check_query(query, allow_service=self.federation)  # before a worker is asked: refusals keep their status
            check_declared_prefixes(query)
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
            return self.sandbox.answer(query, self._accept(), self.federation, cancelled=self._client_gone)
        except NotAcceptable as exc:
            self._send(HTTPStatus.NOT_ACCEPTABLE, str(exc).encode())
        except QueryError as exc:
            self._send(failed, str(exc).encode())
        return None

    def _wants_html(self) -> bool:
        accept = self._accept()
        try:
            return negotiate(accept, {"text/html": 0, **GRAPH_TYPES}, "text/turtle") == "text/html"
        except NotAcceptable:
            return False

    def _service_description(self) -> None:
        """What this service is and holds: SPARQL-SD and VoID (each plan's graph, the example
        queries as sh:SPARQLExecutable-style resources), or a query page for a browser."""
        if self._wants_html():
            examples = "".join(f"<li><a href='?format=json&amp;query={escape(quote(q.text), quote=True)}'>{escape(q.title('en'))}</a> — "
                               f"{escape(q.about('en'))}</li>" for q in list_queries())
            page = (f"<!doctype html><meta charset='utf-8'><title>innograph SPARQL</title><h1>innograph SPARQL endpoint</h1>"
                    f"<form method='get' action='/sparql'><textarea name='query' rows='12' cols='90'>"
                    f"{escape(STARTER_QUERY)}</textarea><br>"
                    f"<label>Answer as <select name='format'><option>json</option><option>csv</option><option>tsv</option>"
                    f"<option>xml</option></select></label> "
                    f"<button type='submit'>Run</button></form><h2>Examples</h2><ul>{examples}</ul>")
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")
            return
        here = f"http://{self.headers.get('Host', 'localhost')}/sparql"
        queries = list_queries()  # each example an IRI of its own: written once, whatever the rows below
        declare = " ,\n".join(f'[ sh:prefix "{k}" ; sh:namespace "{v}"^^xsd:anyURI ]' for k, v in PREFIXES.items())
        examples = " , ".join(f"<{here}#{q.name}>" for q in queries) + " .\n" + "\n".join(
            f"""  <{here}#{q.name}> a sh:SPARQLExecutable, sh:SPARQLSelectExecutable ; rdfs:label {_literal(q.title('en'))}@en ,
    {_literal(q.title('zh'))}@zh ; rdfs:comment {_literal(q.about('en'))}@en ; sh:select {_literal(q.text)} ;
    sh:prefixes <{here}#prefixes> .""" for q in queries) + f"\n  <{here}#prefixes> sh:declare {declare} ."
        construct = f"""PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX ig: <{IG}>
CONSTRUCT {{
  <{here}> a sd:Service ; sd:endpoint <{here}> ; sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
      <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
      <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/RDF_XML>,
      <http://www.w3.org/ns/formats/JSON-LD> ;
    sd:defaultDataset <{here}#dataset> ; rdfs:seeAlso {examples}
  <{here}#dataset> a sd:Dataset, void:Dataset ; sd:defaultGraph <{here}#union> ; void:sparqlEndpoint <{here}> ;
    sd:namedGraph ?ng ; void:subset ?g .
  <{here}#union> a sd:Graph, void:Dataset ; rdfs:comment "The union of every plan's graph and the entities' graph." ;
    void:triples ?total .
  ?ng a sd:NamedGraph ; sd:name ?g ; sd:graph ?g .
  ?g a sd:Graph, void:Dataset ; rdfs:label ?title ; void:triples ?n ; void:sparqlEndpoint <{here}> ; rdfs:seeAlso ?plan .
}} WHERE {{
  {{ {{ SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g }}
     OPTIONAL {{ GRAPH ?g {{ ?plan a ig:Plan ; rdfs:label ?plan_title }} }}
     BIND(COALESCE(?plan_title, "{SHARED_GRAPH_TITLE}") AS ?title)
     BIND(IRI(CONCAT("{here}#graph-", MD5(STR(?g)))) AS ?ng) }}
  UNION {{ SELECT (COUNT(*) AS ?total) WHERE {{ ?s ?p ?o }} }}
}}"""
        answered = self._answer_or_refuse(construct, HTTPStatus.INTERNAL_SERVER_ERROR)
        if answered:
            self._send_answer(*answered)

    def _describe(self, iri: str) -> None:
        """A thing's IRI, dereferenced: what is said about it and to it, and each mention of it
        with its offsets and sentence (its provenance). A browser gets it as an HTML page whose
        title is the thing's label and whose IRIs are links."""
        if not _writable_iri(iri):
            self._send(HTTPStatus.BAD_REQUEST, b"Not an IRI of this graph.")
            return
        construct = f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . ?m ?mp ?mo . ?sn nif:anchorOf ?text }} WHERE {{
  {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }}
  UNION {{ ?m itsrdf:taIdentRef <{iri}> ; ?mp ?mo . OPTIONAL {{ ?m nif:sentence ?sn . ?sn nif:anchorOf ?text }} }} }}"""
        if self._wants_html():
            rows = []
            try:  # what it says first, then what is said of it, each bounded: a plan is the object of thousands
                for direction, pattern in (("out", f"<{iri}> ?p ?o"), ("in", f"?o ?p <{iri}>")):
                    body, _ = self.sandbox.answer(f"SELECT ?p ?o ('{direction}' AS ?dir) (SAMPLE(?named) AS ?name) WHERE {{ {pattern} "
                                                  f"OPTIONAL {{ ?o rdfs:label ?named }} }} GROUP BY ?p ?o LIMIT 500",
                                                  "application/sparql-results+json", self.federation, cancelled=self._client_gone)
                    rows += json.loads(body)["results"]["bindings"]
            except QueryError as exc:
                self._send(HTTPStatus.BAD_REQUEST, str(exc).encode())
                return
            if not rows:
                self._send(HTTPStatus.NOT_FOUND, f"Nothing is said about {iri} here.".encode())
                return
            self._send_html(iri, rows)
            return
        self._send_described(construct, iri)

    def _send_html(self, iri: str, rows: list[dict]) -> None:
        """The HTML page of a thing: its label as the title, a row per statement, IRIs as links."""
        labels = [r["o"] for r in rows if r["dir"]["value"] == "out" and r["p"]["value"] == str(RDFS.label)]
        label = next((x["value"] for x in labels if x.get("xml:lang") == "zh"), labels[0]["value"] if labels else iri)
        items = "".join(f"<tr><td>{'→' if r['dir']['value'] == 'out' else '←'}</td><td>{_link(r['p'])}</td>"
                        f"<td>{_link(r['o'], r.get('name', {}).get('value'))}</td></tr>" for r in rows)
        page = (f"<!doctype html><meta charset='utf-8'><title>{escape(label)}</title><h1>{escape(label)}</h1>"
                f"<p><code>{escape(iri)}</code> · <a href='{escape(_local(iri), quote=True)}?format=turtle'>Turtle</a> · "
                f"<a href='{escape(_local(iri), quote=True)}?format=jsonld'>JSON-LD</a></p><table>{items}</table>")
        self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8", {"Content-Location": f"{_local(iri)}?format=html"})

    def _send_described(self, construct: str, iri: str) -> None:
        """A CONSTRUCT about an IRI in the client's syntax, with where that one syntax lives."""
        answered = self._answer_or_refuse(construct, HTTPStatus.BAD_REQUEST)
        if answered and answered[0].strip() in (b"", b"[]", b"{}"):
            self._send(HTTPStatus.NOT_FOUND, f"Nothing is said about {iri} here.".encode())
        elif answered:
            body, kind = answered
            self._send(HTTPStatus.OK, body, kind + ("; charset=utf-8" if kind.startswith("text/") else ""),
                       {"Content-Location": f"{_local(iri)}?format={VARIANT_NAMES.get(kind, 'turtle')}"})

    def _graph(self, iri: str) -> None:
        """A plan's named graph (or the entities'), dereferenced: its triples; a browser gets a
        page that says what the graph holds and where to read it."""
        if not _writable_iri(iri):
            self._send(HTTPStatus.BAD_REQUEST, b"Not an IRI of this graph.")
            return
        if self._wants_html():
            body, _ = self.sandbox.answer(f"SELECT (COUNT(*) AS ?n) (SAMPLE(?plan) AS ?p) (SAMPLE(?title) AS ?t) WHERE {{ GRAPH <{iri}> {{ "
                                          f"?s ?x ?o OPTIONAL {{ ?s a ig:Plan ; rdfs:label ?title BIND(?s AS ?plan) }} }} }}",
                                          "application/sparql-results+json", self.federation, cancelled=self._client_gone)
            row = json.loads(body)["results"]["bindings"][0]
            if int(row["n"]["value"]) == 0:
                self._send(HTTPStatus.NOT_FOUND, f"No graph {iri} here.".encode())
                return
            title = row.get("t", {}).get("value") or SHARED_GRAPH_TITLE
            plan = f"<p>The graph of <a href='{escape(_local(row['p']['value']), quote=True)}'>{escape(title)}</a>.</p>" if "p" in row else ""
            page = (f"<!doctype html><meta charset='utf-8'><title>{escape(title)}</title><h1>{escape(title)}</h1>{plan}"
                    f"<p><code>{escape(iri)}</code>: {int(row['n']['value']):,} triples · "
                    f"<a href='{escape(_local(iri), quote=True)}?format=turtle'>Turtle</a> · "
                    f"<a href='{escape(_local(iri), quote=True)}?format=nt'>N-Triples</a></p>")
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8", {"Content-Location": f"{_local(iri)}?format=html"})
            return
        self._send_described(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", iri)

    def _ontology(self) -> None:
        """The ontology's IRI (and so each of its terms, ig:Lab = /ontology#Lab) dereferenced."""
        import pyoxigraph as ox

        triples = ox.parse(path=str(ONTOLOGY_DIR / "innograph.ttl"), format=ox.RdfFormat.TURTLE)
        try:
            body, kind = write_triples(triples, self._accept())
        except NotAcceptable as exc:
            self._send(HTTPStatus.NOT_ACCEPTABLE, str(exc).encode())
            return
        self._send(HTTPStatus.OK, body, kind + ("; charset=utf-8" if kind.startswith("text/") else ""),
                   {"Content-Location": f"{ONTOLOGY_PATH}?format={VARIANT_NAMES.get(kind, 'turtle')}"})

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
        elif kind in ("application/x-www-form-urlencoded", ""):
            self._handle(parse_qs(urlparse(self.path).query) | parse_qs(raw))
        else:
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                       f"A query is POSTed as application/x-www-form-urlencoded or application/sparql-query, not {kind}.".encode())

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
