"""A second SPARQL 1.1 store behind innograph: Oxigraph's own server (PyPI ``oxigraph``), whose
query and update URLs differ (/query, /update: ``sparql+…/query#update=…/update``), loaded by
INSERT DATA or through the Graph Store Protocol (``&store=…/store``). The bundled plans built
into it answer every example query as the embedded store does."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.pipeline import build_plans, update_store
from graph.query import count_triples, list_queries, run_query
from graph.stats import graph_stats
from graph.store import open_remote

from .conftest import PLANS
from .test_remote_store import normalised

BINARY = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", params=["insert-data", "graph-store"])
def both(tmp_path_factory, request):
    if not Path(BINARY).exists():
        pytest.skip("Oxigraph's server (pip install oxigraph) is not installed")
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                               "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        location = f"sparql+http://127.0.0.1:{port}/query#update=http://127.0.0.1:{port}/update"
        if request.param == "graph-store":  # bulk loads through the Graph Store Protocol
            location += f"&store=http://127.0.0.1:{port}/store"
        remote = open_remote(location)
        report = update_store(remote, [PLANS], jobs=2)
        assert report.added == 4
        yield remote, build_plans([PLANS], named_graphs=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_same_triples_and_counts(both):
    remote, embedded = both
    assert count_triples(remote) == count_triples(embedded)
    assert graph_stats(remote) == graph_stats(embedded)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_examples_answer_the_same(both, query):
    remote, embedded = both
    bindings = {"name": "龙门实验室"} if query.params else {}
    assert normalised(run_query(remote, query.text, **bindings).rows) == normalised(run_query(embedded, query.text, **bindings).rows)


def test_a_rebuild_replaces_the_plans_graphs_without_doubling_them(both):
    remote, embedded = both
    update_store(remote, [PLANS])
    assert count_triples(remote) == count_triples(embedded)
