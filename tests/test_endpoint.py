"""innograph serve: a read-only SPARQL 1.1 endpoint queried by a standard client."""

import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from graph.pipeline import build_plans
from graph.query import list_queries, run_query
from graph.query.endpoint import make_server

from .conftest import PLANS, example_bindings


@pytest.fixture(scope="module")
def served():
    dataset = build_plans([PLANS], named_graphs=True)
    server = make_server(dataset, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield dataset, f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()


def normalised(rows):
    cells = [tuple(" | ".join(sorted(v.split(" | "))) if isinstance(v, str) else v for v in row) for row in rows]
    return sorted(cells, key=lambda row: tuple((v is None, str(v)) for v in row))


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_examples_answer_the_same_over_http(served, query):
    dataset, url = served
    remote = Graph(store=SPARQLStore(query_endpoint=url, returnFormat="json"))
    bindings = example_bindings(query)
    assert normalised(run_query(remote, query.text, **bindings).rows) == normalised(run_query(dataset, query.text, **bindings).rows)


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type"), err.read().decode("utf-8")


def test_get_post_and_formats(served):
    _, url = served
    query = "PREFIX ig: <https://w3id.org/innograph/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?p a ig:Plan }"
    status, kind, body = fetch(url + "?" + urllib.parse.urlencode({"query": query}))
    assert status == 200 and kind.startswith("application/sparql-results+json") and '"4"' in body
    status, kind, body = fetch(url, urllib.parse.urlencode({"query": query}).encode(), {"Accept": "text/csv"})
    assert status == 200 and kind.startswith("text/csv") and body.splitlines() == ["n", "4"]
    status, kind, body = fetch(url, query.encode(), {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+xml"})
    assert status == 200 and "<sparql" in body
    status, kind, body = fetch(url + "?" + urllib.parse.urlencode({"query": "PREFIX ig: <https://w3id.org/innograph/ontology#> CONSTRUCT WHERE { ?p a ig:Plan }"}))
    assert status == 200 and kind.startswith("text/turtle")


def test_updates_are_refused_and_errors_are_clear(served):
    dataset, url = served
    status, _, body = fetch(url, urllib.parse.urlencode({"update": "DROP ALL"}).encode())
    assert status == 403 and "read-only" in body
    status, _, _ = fetch(url, b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, body = fetch(url + "?" + urllib.parse.urlencode({"query": "SELEC ?x"}))
    assert status == 400 and "syntax" in body
    assert run_query(dataset, "SELECT (COUNT(*) AS ?n) WHERE { ?p a ig:Plan }").rows == ((4,),)
