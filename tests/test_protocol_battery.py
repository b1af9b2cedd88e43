"""The protocol battery: each case where innograph's endpoint fell short of the SPARQL 1.1
Protocol, the Service Description or Linked Data conventions, asked of ``innograph serve`` on
a store folder, of ``innograph serve`` in front of a remote store, and (where the case is the
protocol's) of Oxigraph's own server on the same plans, which is the reference."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF

from . import oxigraph
from .conftest import PLANS
from .test_protocol import SD, SH, oxigraph_server, serve, store_server  # noqa: F401 - fixtures

VOID = Namespace("http://rdfs.org/ns/void#")
IG = Namespace("https://w3id.org/innograph/ontology#")
DECLARED = "PREFIX ig: <https://w3id.org/innograph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def remote_server(tmp_path_factory):
    """``innograph serve --store sparql+…`` in front of Oxigraph's server holding the plans."""
    from graph.pipeline import update_store
    from graph.store import open_remote

    with oxigraph.oxigraph_server(tmp_path_factory.mktemp("battery-ox")) as port:
        location = f"sparql+http://127.0.0.1:{port}/query#update=http://127.0.0.1:{port}/update"
        update_store(open_remote(location), [PLANS], jobs=1)
        server, base = serve(location)
        yield base
        server.shutdown()
        server.server_close()


def service(request, name: str) -> str:
    """The query URL of a server fixture."""
    value = request.getfixturevalue(name)
    return f"{value[0]}{value[1]}" if isinstance(value, tuple) else f"{value}/sparql"


def call(url: str, accept: str | None = None, method: str = "GET", data: bytes | None = None, kind: str | None = None):
    """(status, headers, body) of one request."""
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", kind)) if v}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def select(url: str, query: str, **params) -> list[dict]:
    status, _, body = call(url + "?" + urllib.parse.urlencode({"query": query, **params}, doseq=True),
                           "application/sparql-results+json")
    assert status == 200, body[:300]
    return json.loads(body)["results"]["bindings"]


def graph_names(url: str) -> list[str]:
    return sorted(b["g"]["value"] for b in select(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))


ALL = ["store_server", "remote_server", "oxigraph_server"]
OURS = ["store_server", "remote_server"]


@pytest.mark.parametrize("server", ALL)
def test_named_graph_uri_alone_leaves_the_default_graph_empty(server, request):
    """SPARQL 1.1 Protocol 2.1.4: the dataset is what the parameters name, so with only
    named-graph-uri the default graph is empty; with only default-graph-uri, no named graph."""
    url = service(request, server)
    one = graph_names(url)[0]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert select(url, count, **{"named-graph-uri": one})[0]["n"]["value"] == "0"
    assert int(select(url, count, **{"default-graph-uri": one})[0]["n"]["value"]) > 0
    assert select(url, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", **{"default-graph-uri": one}) == []


@pytest.mark.parametrize("server", OURS)
def test_the_service_description_lists_all_five_graphs_with_their_triples(server, request):
    url = service(request, server)
    status, _headers, body = call(url, "text/turtle")
    assert status == 200
    description = Graph().parse(data=body, format="turtle")
    names = sorted(str(o) for o in description.objects(None, SD.name))
    assert names == graph_names(url) and len(names) == 5
    assert "https://w3id.org/innograph/id/graph/entities" in names
    for name in names:
        triples = description.value(URIRef(name), VOID.triples)
        counted = select(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")[0]["n"]["value"]
        assert triples is not None and int(triples) == int(counted), name
    union = int(select(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"])
    assert Literal(union) in set(description.objects(None, VOID.triples))


def test_every_example_carries_its_prefixes_and_runs_on_another_server(store_server, oxigraph_server):  # noqa: F811
    """The examples as the service description gives them run unchanged on Oxigraph's server
    (which knows no prefix of ours) with the same rows; their prefixes are also sh:prefixes."""
    ours = f"{store_server}/sparql"
    theirs = f"{oxigraph_server[0]}{oxigraph_server[1]}"
    description = Graph().parse(data=call(ours, "text/turtle")[2], format="turtle")
    examples = list(description.subject_objects(SH.select))
    assert len(examples) == 10
    for example, text in examples:
        assert str(text).lstrip("#").strip() and "PREFIX ig:" in str(text)
        prefixes = description.value(example, SH.prefixes)
        declared = {str(description.value(d, SH.prefix)): str(description.value(d, SH.namespace))
                    for d in description.objects(prefixes, SH.declare)}
        assert declared["ig"] == str(IG)
        status, _, body = call(theirs + "?" + urllib.parse.urlencode({"query": str(text)}), "application/sparql-results+json")
        assert status == 200, (example, body[:300])
        rows_there = len(json.loads(body)["results"]["bindings"])
        assert rows_there == len(select(ours, str(text))), example


@pytest.mark.parametrize("server", ALL)
def test_an_undeclared_prefix_is_a_syntax_error(server, request):
    url = service(request, server)
    status, _, body = call(url + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s a ig:Lab } LIMIT 1"}),
                           "application/sparql-results+json")
    assert status == 400
    if server != "oxigraph_server":
        assert b"unknown prefix ig:" in body and len(body.decode().splitlines()) == 1
    status, _, _ = call(url + "?" + urllib.parse.urlencode({"query": DECLARED + "SELECT * WHERE { ?s a ig:Lab } LIMIT 1"}))
    assert status == 200


@pytest.mark.parametrize("server", OURS)
def test_a_format_parameter_chooses_the_syntax(server, request):
    """``format=csv`` (or ``output=``) stands for the Accept header a plain URL cannot send."""
    pandas = pytest.importorskip("pandas")
    url = service(request, server)
    query = DECLARED + "SELECT ?lab ?label WHERE { ?lab a ig:Lab ; rdfs:label ?label } ORDER BY ?label"
    status, headers, body = call(url + "?" + urllib.parse.urlencode({"query": query, "format": "csv"}))
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    frame = pandas.read_csv(io.BytesIO(body))
    assert list(frame.columns) == ["lab", "label"] and "龙门实验室" in set(frame["label"])
    status, headers, _ = call(url + "?" + urllib.parse.urlencode({"query": query, "output": "tsv"}))
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    status, headers, _ = call(url + "?" + urllib.parse.urlencode({"query": query, "format": "xml"}), "application/json")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    construct = DECLARED + "CONSTRUCT { ?lab rdfs:label ?label } WHERE { ?lab a ig:Lab ; rdfs:label ?label }"
    status, headers, body = call(url + "?" + urllib.parse.urlencode({"query": construct, "format": "json"}))
    assert headers["Content-Type"].startswith("application/ld+json") and len(Graph().parse(data=body, format="json-ld")) > 10


@pytest.mark.parametrize("server", ALL)
def test_a_post_of_another_media_type_is_415(server, request):
    url = service(request, server)
    status, _, _ = call(url, "application/sparql-results+json", "POST", b"SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/plain")
    assert status == 415
    form = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}).encode()
    assert call(url, "application/sparql-results+json", "POST", form, "application/x-www-form-urlencoded")[0] == 200


def entity_path(base: str, label: str) -> tuple[str, str]:
    iri = select(f"{base}/sparql", DECLARED + f'SELECT ?e WHERE {{ ?e rdfs:label "{label}"@zh }}')[0]["e"]["value"]
    return iri, f"{base}/id/" + iri.split("/id/", 1)[1]


@pytest.mark.parametrize("server", OURS)
def test_linked_data_negotiates_with_vary_and_content_location(server, request):
    base = request.getfixturevalue(server)
    _iri, url = entity_path(base, "龙门实验室")
    variants = {}
    for accept, kind in (("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
                         ("application/json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml")):
        status, headers, body = call(url, accept)
        assert status == 200 and headers["Content-Type"].startswith(kind), accept
        assert headers["Vary"] == "Accept"
        located = headers["Content-Location"]
        assert located.startswith(url.split(base, 1)[1] + "?format=")
        # the variant's own URL gives the same representation whatever the client accepts
        again = call(base + located, "*/*")
        assert again[0] == 200 and again[1]["Content-Type"] == headers["Content-Type"] and again[2] == body
        variants[accept] = body
    assert len(Graph().parse(data=variants["application/json"], format="json-ld")) > 5  # JSON is JSON-LD, not 406
    assert call(url, "image/png")[0] == 406


@pytest.mark.parametrize("server", OURS)
def test_the_html_page_is_titled_by_the_label_and_links_its_iris(server, request):
    base = request.getfixturevalue(server)
    _iri, url = entity_path(base, "龙门实验室")
    status, headers, page = call(url, "text/html,application/xhtml+xml,*/*;q=0.8")
    text = page.decode("utf-8")
    assert status == 200 and headers["Vary"] == "Accept"
    assert "<title>龙门实验室</title>" in text
    assert "href='/id/" in text  # things of this graph link to their own pages here
    assert "href='/ontology#" in text  # and its terms to the ontology
    linked = text.split("href='/id/", 2)[2].split("'", 1)[0]
    assert call(f"{base}/id/{linked}", "text/html")[0] == 200  # a link followed is a page too


@pytest.mark.parametrize("server", OURS)
def test_plan_graphs_and_the_ontology_dereference(server, request):
    base = request.getfixturevalue(server)
    names = graph_names(f"{base}/sparql")
    for name in names:
        url = f"{base}/id/" + name.split("/id/", 1)[1]
        status, headers, body = call(url, "application/n-triples")
        assert status == 200 and headers["Vary"] == "Accept"
        counted = select(f"{base}/sparql", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")[0]["n"]["value"]
        assert len(Graph().parse(data=body, format="nt")) == int(counted)
        status, _, page = call(url, "text/html")
        assert status == 200 and b"triples" in page
    assert call(f"{base}/id/graph/0000000000000000", "text/turtle")[0] == 404
    status, headers, body = call(f"{base}/ontology", "text/turtle")
    assert status == 200 and headers["Content-Location"] == "/ontology?format=turtle"
    ontology = Graph().parse(data=body, format="turtle")
    assert (IG.Lab, RDF.type, OWL.Class) in ontology
    assert (URIRef("https://w3id.org/innograph/ontology"), RDF.type, OWL.Ontology) in ontology
    status, headers, body = call(f"{base}/ontology", "application/ld+json")
    assert status == 200 and len(Graph().parse(data=body, format="json-ld")) == len(ontology)
