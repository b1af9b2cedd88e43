"""Queries people type are bounded: a time limit that really stops the engine, a row cap that
says so, a memory cap, and a query stopped when its client goes away; on the endpoint and in
the explorer's console."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph.pipeline import build_store
from graph.query import QueryError
from graph.query.endpoint import make_server
from graph.query.sandbox import Limits, QueryCancelled, QuerySandbox, QueryTimeout

from .conftest import PLANS

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 16k³ rows: hours
EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
SORTED_PAIRS = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a"  # every pair held to be sorted: memory


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bounded") / "store"
    build_store(folder, [PLANS], jobs=1)
    return folder


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None  # the process is gone
    return (int(fields[11]) + int(fields[12])) / 100


def test_an_overrunning_query_is_stopped_and_its_worker_killed(store):
    sandbox = QuerySandbox(store, Limits(seconds=2))
    assert sandbox.run_query("SELECT (COUNT(*) AS ?n) WHERE { ?p a ig:Plan }").rows == ((4,),)  # a worker, kept
    (worker,) = sandbox._idle
    start = time.perf_counter()
    with pytest.raises(QueryTimeout, match="longer than 2 s"):
        sandbox.run_query(CROSS_PRODUCT)
    assert time.perf_counter() - start < 4
    time.sleep(0.5)
    assert cpu_seconds(worker.process.pid) is None and worker.process.poll() is not None  # no core kept busy
    assert sandbox.run_query("SELECT (COUNT(*) AS ?n) WHERE { ?p a ig:Plan }").rows == ((4,),)  # the next one works
    sandbox.close()


def test_rows_are_capped_and_the_cap_is_said(store):
    sandbox = QuerySandbox(store, Limits(rows=50))
    capped = sandbox.run_query(EVERY_TRIPLE)
    assert len(capped.rows) == 50 and capped.truncated and capped.row_cap == 50
    whole = sandbox.run_query("SELECT ?p WHERE { ?p a ig:Plan }")
    assert len(whole.rows) == 4 and not whole.truncated
    bound = sandbox.run_query("SELECT ?e WHERE { ?e a ig:Lab ; rdfs:label ?l FILTER(STR(?l) = ?name) }", name="龙门实验室")
    assert len(bound.rows) == 1 and not bound.truncated  # values are bound in the worker as in run_query
    sandbox.close()


def test_a_query_over_its_memory_is_stopped(store):
    sandbox = QuerySandbox(store, Limits(seconds=60, memory_mb=400))
    start = time.perf_counter()
    with pytest.raises(QueryError, match="more than 400 MB"):
        sandbox.run_query(SORTED_PAIRS)
    assert time.perf_counter() - start < 30
    assert sandbox.run_query("ASK { ?s ?p ?o }").rows == ((True,),)
    sandbox.close()


def test_a_query_whose_caller_leaves_is_stopped(store):
    sandbox = QuerySandbox(store, Limits(seconds=60))
    sandbox.run_query("ASK { }")
    (worker,) = sandbox._idle
    asked = time.perf_counter()
    with pytest.raises(QueryCancelled):
        sandbox.run_query(CROSS_PRODUCT, cancelled=lambda: time.perf_counter() - asked > 1)
    assert time.perf_counter() - asked < 3 and worker.process.poll() is not None
    sandbox.close()


@pytest.fixture()
def endpoint(store):
    server = make_server(store, "127.0.0.1", 0, limits=Limits(seconds=2, workers=2))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    server.RequestHandlerClass.sandbox.close()


def url_of(server, query: str) -> str:
    return f"http://127.0.0.1:{server.server_port}/sparql?" + urllib.parse.urlencode({"query": query})


def test_the_endpoint_answers_an_overrunning_query_with_503_and_goes_on(endpoint):
    start = time.perf_counter()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(url_of(endpoint, CROSS_PRODUCT), timeout=30)
    assert caught.value.code == 503 and "stopped" in caught.value.read().decode()
    assert time.perf_counter() - start < 5
    with urllib.request.urlopen(url_of(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/innograph/ontology#Plan> }"),
                                timeout=30) as response:
        assert json.load(response)["results"]["bindings"][0]["n"]["value"] == "4"


def test_the_endpoint_stops_a_query_when_its_client_hangs_up(store):
    server = make_server(store, "127.0.0.1", 0, limits=Limits(seconds=60))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sandbox = server.RequestHandlerClass.sandbox
    sandbox.run_query("ASK { }")
    (worker,) = sandbox._idle
    client = socket.create_connection(("127.0.0.1", server.server_port))
    path = url_of(server, CROSS_PRODUCT).split(str(server.server_port), 1)[1]
    client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    time.sleep(1.0)
    assert worker.process.poll() is None  # the query is running in the worker
    client.close()
    deadline = time.time() + 5
    while worker.process.poll() is None and time.time() < deadline:
        time.sleep(0.1)
    assert worker.process.poll() is not None  # killed well before its 60 s
    server.shutdown()
    server.server_close()
    sandbox.close()


def test_the_console_stops_a_long_query_with_a_message(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from app_pages import state

    from .conftest import ROOT, run_in_console

    monkeypatch.setattr(state, "QUERY_LIMITS", Limits(seconds=1.5, rows=20))
    state.query_sandbox.clear()
    try:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
        app.switch_page("app_pages/sparql_view.py").run()
        run_in_console(app, CROSS_PRODUCT)
        assert not app.exception
        assert [e.value for e in app.error] == ["查询超过 1.5 秒,已停止。请缩小范围(加 LIMIT 或更具体的条件)后再试。"]
        run_in_console(app, EVERY_TRIPLE)
        assert not app.error and "只显示前 20 行" in app.warning[0].value
        assert app.dataframe[0].value.shape[0] == 20
    finally:
        state.query_sandbox.clear()
