"""A shared remote store: the bundled plans built into Virtuoso answer like the embedded store.

Needs Debian's virtuoso-opensource (``.ci/run`` installs it); without it the test is skipped.
"""

import os

import pytest

from graph.pipeline import build_plans, update_store
from graph.query import count_triples, list_queries, run_query
from graph.store import open_remote

from . import virtuoso
from .conftest import PLANS

REQUIRED = os.environ.get("INNOGRAPH_REQUIRE_VIRTUOSO") == "1"  # .ci/run: a missing server is a failure
pytestmark = [pytest.mark.virtuoso,
              pytest.mark.skipif(not virtuoso.available() and not REQUIRED, reason="virtuoso-opensource is not installed")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = virtuoso.Virtuoso(tmp_path_factory.mktemp("virtuoso")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def both(server):
    remote = open_remote("sparql+" + server.endpoint)
    report = update_store(remote, [PLANS], jobs=2)
    assert report.added == 4
    return remote, build_plans([PLANS], named_graphs=True)


OWN_TRIPLES = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/innograph/id/graph/")) }'


def normalised(rows):
    def cell(v):
        if isinstance(v, bool):
            return int(v)  # Virtuoso answers EXISTS with 1/0
        if isinstance(v, str) and " | " in v:
            return " | ".join(sorted(v.split(" | ")))
        return v
    return sorted((tuple(cell(v) for v in row) for row in rows), key=lambda r: tuple((v is None, str(v)) for v in r))


def test_same_triples(both):
    remote, embedded = both
    assert count_triples(remote) >= count_triples(embedded)  # Virtuoso's own graphs come on top
    own = OWN_TRIPLES
    assert run_query(remote, own).rows == run_query(embedded, own).rows


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_examples_answer_the_same(both, query):
    remote, embedded = both
    bindings = {"name": "龙门实验室"} if query.params else {}
    assert normalised(run_query(remote, query.text, **bindings).rows) == normalised(run_query(embedded, query.text, **bindings).rows)


def test_rebuilding_replaces_only_our_graphs(both):
    remote, embedded = both
    update_store(remote, [PLANS])
    own = OWN_TRIPLES
    assert run_query(remote, own).rows == run_query(embedded, own).rows
    assert run_query(remote, "ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }").rows == ((True,),)


def test_the_endpoint_answers_over_virtuoso_in_the_formats_clients_ask(both):
    """``innograph serve --store sparql+…`` in front of Virtuoso: CONSTRUCT as RDF, SELECT as CSV."""
    from rdflib import Graph

    from graph.query import answer

    remote, _ = both
    body, kind = answer(remote, "CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x a ig:Lab ; rdfs:label ?l }", "text/turtle")
    assert kind == "text/turtle" and len(Graph().parse(data=body, format="turtle")) > 10
    body, kind = answer(remote, "SELECT ?l WHERE { ?x a ig:Lab ; rdfs:label ?l }", "text/csv")
    assert kind == "text/csv" and "龙门实验室" in body.decode("utf-8")


def test_every_view_answers_over_virtuoso_as_over_the_embedded_stores_kept_summary(both, tmp_path):
    """Virtuoso's views are asked by SPARQL; the embedded store's come from its kept summary."""
    from graph.pipeline import build_store
    from graph.store import close_store, open_store
    from graph.summary import kept_summary

    from .test_summary import views

    remote, _ = both
    build_store(tmp_path / "store", [PLANS], jobs=1)
    embedded = open_store(tmp_path / "store")
    try:
        assert kept_summary(embedded) is not None and kept_summary(remote) is None
        ours, theirs = views(embedded), views(remote)
    finally:
        close_store(embedded)
    # triples: Virtuoso counts innograph's graphs one by one, Oxigraph its union once
    assert ours["stats"].pop("triples") <= theirs["stats"].pop("triples")
    assert ours == theirs
