"""A second SPARQL 1.1 store behind innograph: Oxigraph's own server (PyPI ``oxigraph``), whose
query and update URLs differ (/query, /update: ``sparql+…/query#update=…/update``), loaded by
INSERT DATA or through the Graph Store Protocol (``&store=…/store``). The bundled plans built
into it answer every example query as the embedded store does."""


import pytest

from graph.analyse.stats import graph_stats
from graph.pipeline import build_plans, update_store
from graph.query import count_triples, list_queries, run_query
from graph.store import open_remote

from .conftest import PLANS, example_bindings
from .oxigraph import oxigraph_server
from .test_remote_store import normalised


@pytest.fixture(scope="module", params=["insert-data", "graph-store"])
def both(tmp_path_factory, request):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as port:
        location = f"sparql+http://127.0.0.1:{port}/query#update=http://127.0.0.1:{port}/update"
        if request.param == "graph-store":  # bulk loads through the Graph Store Protocol
            location += f"&store=http://127.0.0.1:{port}/store"
        remote = open_remote(location)
        report = update_store(remote, [PLANS], jobs=2)
        assert report.added == 4
        yield remote, build_plans([PLANS], named_graphs=True)


def test_same_triples_and_counts(both):
    remote, embedded = both
    assert count_triples(remote) == count_triples(embedded)
    assert graph_stats(remote) == graph_stats(embedded)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_examples_answer_the_same(both, query):
    remote, embedded = both
    bindings = example_bindings(query)
    assert normalised(run_query(remote, query.text, **bindings).rows) == normalised(run_query(embedded, query.text, **bindings).rows)


def test_a_rebuild_replaces_the_plans_graphs_without_doubling_them(both):
    remote, embedded = both
    update_store(remote, [PLANS], rebuild=True)
    assert count_triples(remote) == count_triples(embedded)
