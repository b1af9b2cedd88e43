"""Queries are read-only, local and bounded, wherever they come from: the console and CLI
(run_query), and the endpoint over HTTP, which answers bad requests with 400, not a crash."""

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from graph.pipeline import build_plans
from graph.query import QueryError, QueryResult, run_query
from graph.query.endpoint import make_server
from graph.query.guard import QueryRefused, check_query

from .conftest import ZHENGZHOU

DEEP = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000


@pytest.fixture(scope="module")
def graph():
    return build_plans([ZHENGZHOU], named_graphs=True)


@pytest.fixture()
def target():
    """A local HTTP server a SERVICE clause would fetch: it counts the requests it gets."""
    hits = []

    class Handler(__import__("http.server").server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = __import__("http.server").server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/x", hits
    server.shutdown()


def test_the_guard_refuses_updates_service_and_deep_nesting():
    for query, kind in (("INSERT DATA { <a> <b> <c> }", "update"), ("DROP ALL", "update"),
                        ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }", "service"), (DEEP, "depth")):
        with pytest.raises(QueryRefused) as refused:
            check_query(query)
        assert refused.value.kind == kind
    check_query("SELECT ?insert WHERE { ?insert ig:service 'DROP' } # INSERT")  # names, strings, comments are no keywords


def test_console_queries_refuse_service_and_survive_deep_nesting(graph, target):
    url, hits = target
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(graph, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    with pytest.raises(QueryError, match="levels deep"):
        run_query(graph, DEEP)  # the engine would crash the process
    with pytest.raises(QueryError, match="read-only"):
        run_query(graph, "DELETE WHERE { ?s ?p ?o }")
    assert hits == []


def _post(url: str, body: bytes, headers: dict) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def test_the_endpoint_is_local_and_bounded_and_answers_bad_requests(graph, target):
    url, hits = target
    server = make_server(graph, "127.0.0.1", 0)
    server.RequestHandlerClass.timeout = 2
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_port}/sparql"
    try:
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        status, body, headers = _post(endpoint, urllib.parse.urlencode({"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"}).encode(), form)
        assert status == 403 and b"SERVICE" in body and hits == []
        assert "Access-Control-Allow-Origin" not in headers  # CORS off unless --cors
        status, body, _ = _post(endpoint, urllib.parse.urlencode({"query": DEEP}).encode(), form)
        assert status == 400 and b"levels deep" in body
        status, body, _ = _post(endpoint, b"query=\xff\xfe", form)
        assert status == 400 and b"UTF-8" in body
        status, _, _ = _post(endpoint, b"query=x", {**form, "Content-Length": "-1"})
        assert status == 400
        # a body shorter than its Content-Length: the server gives up after its read timeout
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as raw:
            raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nSELECT")
            raw.settimeout(10)
            assert raw.recv(100) == b""  # closed, not held forever
        status, body, _ = _post(endpoint, b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {"Content-Type": "application/sparql-query"})
        assert status == 200  # and it still answers
    finally:
        server.shutdown()
        server.server_close()


def test_csv_cells_that_look_like_formulas_are_neutralised():
    import csv
    import io

    text = QueryResult(("name", "value"), (('=HYPERLINK("http://x","y")', -3), ("+1", 2), ("@SUM(A1)", 1), ("龙门实验室", None))).to_csv()
    assert list(csv.reader(io.StringIO(text))) == [["name", "value"], ["'=HYPERLINK(\"http://x\",\"y\")", "-3"],
                                                    ["'+1", "2"], ["'@SUM(A1)", "1"], ["龙门实验室", ""]]
