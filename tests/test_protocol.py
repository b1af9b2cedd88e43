"""The SPARQL 1.1 Protocol as independent clients (raw HTTP, SPARQLWrapper, rdflib's SPARQLStore)
use it, against ``innograph serve`` on a store folder and on a graph file, and against Oxigraph's
own server on the same plans as the reference: dataset parameters (rdflib's SPARQLStore on one plan's named
graph), content negotiation with q-values and 406, every CONSTRUCT syntax, one query only, the
service description, HEAD, and entity IRIs that dereference (Turtle, JSON-LD, an HTML page)."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from graph.pipeline import build_plans, build_store
from graph.query.endpoint import make_server
from graph.store import save_graph

from . import oxigraph
from .conftest import PLANS

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = Namespace("http://www.w3.org/ns/shacl#")


def serve(source):
    server = make_server(source, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def store_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("protocol") / "store"
    build_store(folder, [PLANS], jobs=1)
    server, base = serve(str(folder))
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """Oxigraph's own server on the same plans: the reference the battery is held to."""
    import subprocess

    data = tmp_path_factory.mktemp("oxigraph-data") / "plans.trig"
    save_graph(build_plans([PLANS], named_graphs=True), data)  # the named graphs, each triple once (no union copy)
    folder = tmp_path_factory.mktemp("oxigraph-store")
    if Path(oxigraph.BINARY).exists():
        subprocess.run([oxigraph.BINARY, "load", "--location", str(folder), "--file", str(data)], check=True, capture_output=True)
    with oxigraph.oxigraph_server(folder, read_only=True) as port:
        yield f"http://127.0.0.1:{port}", "/query"


SERVERS = ["store_server", "file_server", "oxigraph_server"]


def endpoint(request, server):
    """(base, path of the query service) of a server fixture: innograph's at /sparql, Oxigraph's at /query."""
    value = request.getfixturevalue(server)
    return value if isinstance(value, tuple) else (value, "/sparql")


@pytest.fixture(scope="module")
def file_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("protocol-file") / "g.ttl"
    build_plans([PLANS]).serialize(path, format="turtle")
    server, base = serve(str(path))
    yield base
    server.shutdown()
    server.server_close()


def fetch(url, accept=None, method="GET", data=None, kind=None):
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", kind)) if v}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def ask(base, query, accept=None, path="/sparql", **params):
    return fetch(f"{base}{path}?" + urllib.parse.urlencode({"query": query, **params}, doseq=True), accept)


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def plan_graphs(base) -> list[str]:
    _, _, body = ask(base, PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p a ig:Plan } } ORDER BY ?g")
    return [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]]


@pytest.mark.parametrize("server", ["store_server", "oxigraph_server"])
def test_default_and_named_graph_parameters_read_only_those_graphs(server, request):
    base, path = endpoint(request, server)
    graphs = plan_graphs(store_server_base(request))
    assert len(graphs) == 4
    everything = count(ask(base, COUNT, None, path)[2])
    one = count(ask(base, COUNT, None, path, **{"default-graph-uri": graphs[0]})[2])
    two = count(ask(base, COUNT, None, path, **{"default-graph-uri": graphs[:2]})[2])
    assert 0 < one < two < everything
    _, _, body = ask(base, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None, path, **{"named-graph-uri": graphs[1]})
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [graphs[1]]
    # rdflib's SPARQLStore on one plan's named graph sends default-graph-uri: that plan's triples, not the union
    remote = Graph(store=SPARQLStore(query_endpoint=f"{base}{path}", returnFormat="json"), identifier=URIRef(graphs[0]))
    assert int(next(iter(remote.query(COUNT)))[0]) == one


def store_server_base(request) -> str:
    return request.getfixturevalue("store_server")


@pytest.mark.parametrize("server", SERVERS)
def test_sparqlwrapper_gets_each_result_format_as_parsed_data(server, request):
    """SPARQLWrapper, by GET and by POST: SELECT as JSON, XML, CSV, TSV; CONSTRUCT as Turtle, RDF/XML
    and JSON-LD, each converted by the client (not raw bytes)."""
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    base, path = endpoint(request, server)
    for method in (SPARQLWrapper.GET, SPARQLWrapper.POST):
        client = SPARQLWrapper.SPARQLWrapper(f"{base}{path}")
        client.setMethod(method)
        client.setQuery(PREFIXES + "SELECT ?l WHERE { ?x a ig:Lab ; rdfs:label ?l } ORDER BY ?l")
        client.setReturnFormat(SPARQLWrapper.JSON)
        labels = [b["l"]["value"] for b in client.queryAndConvert()["results"]["bindings"]]
        assert "龙门实验室" in labels
        for fmt in (SPARQLWrapper.XML, SPARQLWrapper.CSV, SPARQLWrapper.TSV):
            client.setReturnFormat(fmt)
            converted = client.queryAndConvert()
            text = converted.toxml() if hasattr(converted, "toxml") else converted.decode("utf-8")
            assert "龙门实验室" in text
        client.setQuery(PREFIXES + "CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x a ig:Lab ; rdfs:label ?l }")
        for fmt in (SPARQLWrapper.TURTLE, SPARQLWrapper.RDFXML, SPARQLWrapper.JSONLD):
            client.setReturnFormat(fmt)
            converted = client.queryAndConvert()
            graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format={
                SPARQLWrapper.TURTLE: "turtle", SPARQLWrapper.RDFXML: "xml", SPARQLWrapper.JSONLD: "json-ld"}[fmt])
            assert len(graph) == len(set(labels)), (fmt, type(converted))  # one triple per lab and name


PREFIXES = "PREFIX ig: <https://w3id.org/innograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


@pytest.mark.parametrize("server", SERVERS)
def test_content_negotiation_with_q_values_and_406(server, request):
    base, path = endpoint(request, server)
    query = PREFIXES + "SELECT ?l WHERE { ?x a ig:Lab ; rdfs:label ?l } LIMIT 3"
    assert ask(base, query, "text/csv;q=0.3, application/sparql-results+xml;q=0.8", path)[1].startswith("application/sparql-results+xml")
    if server != "oxigraph_server":  # Oxigraph's server answers text/* with JSON; innograph gives a text type
        assert ask(base, query, "text/*", path)[1].startswith("text/")
    assert ask(base, query, "*/*", path)[1].startswith("application/sparql-results+json")
    status, kind, body = ask(base, query, "text/tab-separated-values", path)
    assert status == 200 and kind.startswith("text/tab-separated-values") and body.startswith(b"?l")
    assert ask(base, query, "image/png", path)[0] == 406
    status, _, body = ask(base, PREFIXES + "ASK { ?x a ig:Lab }", "text/csv", path)
    assert status == 200 and body.strip() == b"true"


def test_a_type_refused_with_q_0_is_not_given(store_server):
    assert ask(store_server, COUNT, "text/csv;q=0")[0] == 406


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize("accept, rdf_format", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")])
def test_construct_in_every_syntax_a_client_asks_for(server, accept, rdf_format, request):
    base, path = endpoint(request, server)
    status, kind, body = ask(base, PREFIXES + "CONSTRUCT { ?x a ig:Lab ; rdfs:label ?l } WHERE { ?x a ig:Lab ; rdfs:label ?l }",
                             accept, path)
    assert status == 200 and kind.startswith(accept)
    graph = Graph().parse(data=body, format=rdf_format)
    assert len(graph) > 20 and "龙门实验室" in {str(o) for o in graph.objects()}


def test_one_query_per_request_and_head(store_server):
    query = urllib.parse.quote(COUNT)
    assert fetch(f"{store_server}/sparql?query={query}&query={query}")[0] == 400
    status, kind, body = fetch(f"{store_server}/sparql?query={query}", method="HEAD")
    assert status == 200 and kind.startswith("application/sparql-results+json") and body == b""


def test_the_service_description_lists_every_plan_graph_and_the_examples(store_server):
    status, kind, body = fetch(f"{store_server}/sparql", "text/turtle")
    assert status == 200 and kind.startswith("text/turtle")
    description = Graph().parse(data=body, format="turtle")
    names = {str(o) for o in description.objects(None, SD.name)}
    assert names == {*plan_graphs(store_server), "https://w3id.org/innograph/id/graph/entities"}  # every graph, the entities' too
    examples = list(description.subjects(None, SH.SPARQLExecutable))
    from graph.query import list_queries

    assert len(examples) == len(list_queries())
    assert {str(o) for o in description.objects(None, SH.select)} == {q.text for q in list_queries()}
    status, kind, page = fetch(f"{store_server}/sparql", "text/html")
    assert status == 200 and kind.startswith("text/html") and b"<form" in page


def test_an_entity_iri_dereferences_with_its_provenance(store_server):
    _, _, body = ask(store_server, PREFIXES + 'SELECT ?e WHERE { ?e rdfs:label "龙门实验室"@zh }')
    iri = json.loads(body)["results"]["bindings"][0]["e"]["value"]
    local = f"{store_server}/id/" + iri.split("/id/", 1)[1]
    status, kind, turtle = fetch(local, "text/turtle")
    assert status == 200 and kind.startswith("text/turtle")
    described = Graph().parse(data=turtle, format="turtle")
    NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    assert (URIRef(iri), None, None) in described
    assert any("牵头组建" in str(t) for t in described.objects(None, NIF.anchorOf))  # the sentences it was read from
    assert any(True for _ in described.objects(None, NIF.beginIndex))  # and where in the plan
    status, kind, data = fetch(local, "application/ld+json")
    assert status == 200 and len(Graph().parse(data=data, format="json-ld")) == len(described)
    status, kind, page = fetch(local, "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and kind.startswith("text/html") and "龙门实验室".encode() in page
    assert fetch(f"{store_server}/id/entity/0000000000000000", "text/turtle")[0] == 404


def test_options_and_cors_only_when_asked(store_server):
    status, _, _ = fetch(f"{store_server}/sparql", method="OPTIONS")
    assert status == 204


def test_serve_over_a_remote_store_negotiates_the_same(tmp_path):
    """``innograph serve --store sparql+…``: the endpoint in front of a remote store (Oxigraph's
    server here) gives the same formats, CONSTRUCT as RDF (not bindings) and errors in one line."""
    from graph.pipeline import update_store
    from graph.store import open_remote

    with oxigraph.oxigraph_server(tmp_path / "ox") as port:
        location = f"sparql+http://127.0.0.1:{port}/query#update=http://127.0.0.1:{port}/update"
        update_store(open_remote(location), [PLANS], jobs=1)
        server, base = serve(location)
        try:
            query = PREFIXES + "SELECT ?l WHERE { ?x a ig:Lab ; rdfs:label ?l } LIMIT 3"
            for accept in ("text/csv", "text/tab-separated-values", "application/sparql-results+xml"):
                status, kind, _ = ask(base, query, accept)
                assert status == 200 and kind.startswith(accept)
            status, kind, body = ask(base, PREFIXES + "CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x a ig:Lab ; rdfs:label ?l }",
                                     "application/rdf+xml")
            assert status == 200, body
            assert kind.startswith("application/rdf+xml") and len(Graph().parse(data=body, format="xml")) > 10
            status, _, body = ask(base, "SELECT ?x WHERE { ?x ")
            assert status == 400 and b"Traceback" not in body and len(body.decode().splitlines()) == 1
        finally:
            server.shutdown()
            server.server_close()
