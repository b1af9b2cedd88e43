"""YASGUI, the SPARQL editor analysts use, queries ``innograph serve`` from Chromium: the test
installs YASGUI from npm into a temporary folder, serves it on loopback beside the endpoint
(another origin: the endpoint runs with --cors), runs a query and finds the result table."""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from graph.pipeline import build_plans
from graph.query.endpoint import make_server

from .browser import SHOTS, browser_page
from .conftest import PLANS

YASGUI = "@zazuko/yasgui@4.6.2"

PAGE = """<!doctype html><meta charset="utf-8"><title>YASGUI</title>
<link href="yasgui.min.css" rel="stylesheet"><script src="yasgui.min.js"></script>
<div id="yasgui"></div>
<script>
  window.yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "%s", method: "POST" }, copyEndpointOnNewTab: false, persistenceId: null });
</script>"""


@pytest.fixture(scope="module")
def yasgui_folder(tmp_path_factory):
    npm = shutil.which("npm")
    if not npm:
        pytest.skip("npm is not installed (.ci/run installs it): the YASGUI test is skipped")
    folder = tmp_path_factory.mktemp("yasgui")
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder), YASGUI],
                          check=False, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"npm install {YASGUI} failed: {done.stderr[-500:]}")
    build = folder / "node_modules" / "@zazuko" / "yasgui" / "build"
    site = folder / "site"
    site.mkdir()
    for name in ("yasgui.min.js", "yasgui.min.css"):
        shutil.copy(build / name, site / name)
    return site


def test_yasgui_queries_the_endpoint_and_shows_a_table(yasgui_folder):
    endpoint = make_server(build_plans([PLANS], named_graphs=True), "127.0.0.1", 0, cors=True)
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()
    (yasgui_folder / "index.html").write_text(PAGE % f"http://127.0.0.1:{endpoint.server_port}/sparql", encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(yasgui_folder)))
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        with browser_page(1200, 900) as page:
            page.goto(f"http://127.0.0.1:{site.server_port}/index.html")
            page.wait_for_function("() => window.yasgui && window.yasgui.getTab()", timeout=30000)
            page.evaluate("""() => { const tab = window.yasgui.getTab();
                tab.setQuery('PREFIX ig: <https://w3id.org/innograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
                  + 'SELECT ?lab ?label WHERE { ?lab a ig:Lab ; rdfs:label ?label } ORDER BY ?label');
                tab.query(); }""")
            page.get_by_text("龙门实验室").first.wait_for(timeout=60000)
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / "yasgui_results.png"), full_page=True)
            table = page.locator(".yasr table").first.inner_text()
            assert "lab" in table and "label" in table and "龙门实验室" in table
    finally:
        site.shutdown()
        site.server_close()
        endpoint.shutdown()
        endpoint.server_close()
