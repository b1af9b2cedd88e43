"""A shared remote store: the bundled plans built into Virtuoso answer like the embedded store.

Needs Debian's virtuoso-opensource (``.ci/run`` installs it); without it the test is skipped.
"""

import os

import pytest

from graph.pipeline import build_plans, update_store
from graph.query import count_triples, list_queries, run_query
from graph.store import open_remote

from . import virtuoso
from .conftest import PLANS, example_bindings

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
    bindings = example_bindings(query)
    assert normalised(run_query(remote, query.text, **bindings).rows) == normalised(run_query(embedded, query.text, **bindings).rows)


def test_rebuilding_replaces_only_our_graphs(both):
    remote, embedded = both
    update_store(remote, [PLANS], rebuild=True)
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
    from graph.query.summary import kept_summary
    from graph.store import close_store, open_store

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


def test_virtuosos_bulk_loader_loads_the_same_graphs(server, both, tmp_path, monkeypatch):
    """``#bulk=DIR&isql=HOST:PORT``: the plans go through files Virtuoso loads itself, with
    the same triples and answers as the embedded store; the files are gone afterwards."""
    _, embedded = both
    load = server.folder / "bulk"  # inside the server's DirsAllowed
    location = f"sparql+{server.endpoint}#bulk={load}&isql=127.0.0.1:{server.sql_port}"
    monkeypatch.delenv("INNOGRAPH_ISQL_PASSWORD", raising=False)
    with pytest.raises(Exception, match="INNOGRAPH_ISQL_PASSWORD"):
        update_store(open_remote(location), [PLANS], jobs=1)
    monkeypatch.setenv("INNOGRAPH_ISQL_PASSWORD", "dba")
    remote = open_remote(location)
    report = update_store(remote, [PLANS], jobs=1, rebuild=True)  # replaces the graphs the first test loaded by INSERT DATA
    assert report.added == 4
    assert run_query(remote, OWN_TRIPLES).rows == run_query(embedded, OWN_TRIPLES).rows
    query = next(q for q in list_queries() if q.name == "06_relation_sources")
    assert normalised(run_query(remote, query.text).rows) == normalised(run_query(embedded, query.text).rows)
    assert list(load.iterdir()) == []
