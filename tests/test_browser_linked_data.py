"""Linked Data as a person follows it in Chromium: an entity's page from ``innograph serve`` is
titled by the entity's name, its IRIs are links, and following one (to the plan, then to the
plan's graph) lands on another page of the same kind. A screenshot of each is kept to look at."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request

from graph.pipeline import build_store
from graph.query.endpoint import make_server

from .browser import SHOTS, browser_page
from .conftest import PLANS


def test_an_entity_page_links_to_its_plan_and_the_plans_graph(tmp_path):
    build_store(tmp_path / "store", [PLANS], jobs=1)
    server = make_server(str(tmp_path / "store"), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        query = ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
                 'SELECT ?e WHERE { ?e rdfs:label "龙门实验室"@zh }')
        with urllib.request.urlopen(f"{base}/sparql?" + urllib.parse.urlencode({"query": query, "format": "json"})) as r:
            iri = json.loads(r.read())["results"]["bindings"][0]["e"]["value"]
        SHOTS.mkdir(exist_ok=True)
        with browser_page() as page:
            page.goto(f"{base}/id/" + iri.split("/id/", 1)[1])
            assert page.title() == "龙门实验室"
            assert page.locator("h1").inner_text() == "龙门实验室"
            page.screenshot(path=str(SHOTS / "linked_data_entity.png"), full_page=False)
            plan_link = page.locator("tr", has=page.locator("a", has_text="ig:mentionedIn")).locator("a[href^='/id/plan/']").first
            plan_link.click()
            page.wait_for_load_state()
            assert "规划" in page.title() or "要点" in page.title() or "计划" in page.title()
            page.screenshot(path=str(SHOTS / "linked_data_plan.png"), full_page=False)
            page.goto(f"{base}/id/graph/entities")
            assert "triples" in page.locator("body").inner_text()
            page.locator("a", has_text="Turtle").first.click()
            page.goto(f"{base}/sparql")  # the query page: its first query declares what it uses, so it runs
            page.screenshot(path=str(SHOTS / "linked_data_query_page.png"), full_page=False)
            page.locator("button", has_text="Run").click()
            page.wait_for_load_state()
            answer = json.loads(page.locator("body").inner_text())
            assert len(answer["results"]["bindings"]) == 16  # the bundled plans' labs
            page.goto(f"{base}/sparql")
            page.locator("a", has_text="Which labs and platforms each university").click()  # an example, as it is listed
            page.wait_for_load_state()
            assert json.loads(page.locator("body").inner_text())["results"]["bindings"]
    finally:
        server.shutdown()
        server.server_close()
