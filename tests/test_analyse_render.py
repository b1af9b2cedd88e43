"""The network view: neighbourhoods, caps, layout and offline HTML."""

import re

import pytest

from graph.analyse import cap_nodes, capped_neighbourhood, entity_network, filter_network, find_nodes, layout, neighbourhood
from graph.namespaces import NIF
from graph.view.render import render_network


@pytest.fixture(scope="module")
def network(bundled_graph):
    return entity_network(bundled_graph, with_measures=True)


def test_find_and_neighbourhood(network, bundled_graph):
    lab = find_nodes(network, "龙门实验室")[0]
    assert network.nodes[lab]["label"] == "龙门实验室" and network.nodes[lab]["type"] == "Lab"
    around = {network.nodes[n]["label"] for n in neighbourhood(network, lab, 1)}
    assert {"河南科技大学", "郑州大学", "中信重工", "华中科技大学"} <= around
    sentence = neighbourhood(network, lab, 1).nodes[lab]["sentence"]  # a tooltip shows its source
    sentences = {str(text) for s in set(bundled_graph.objects(None, NIF.sentence)) for text in bundled_graph.objects(s, NIF.anchorOf)}
    assert sentence in sentences and "龙门实验室" in sentence and len(sentence) > len("龙门实验室")


@pytest.mark.parametrize("text", ["龙门实验室", "实验室", "科技局", "黎明院", "大学", "市", "无此名称", "院、"])
def test_find_nodes_finds_what_a_scan_of_every_name_finds(network, text):
    """The name index finds each node whose label or alias holds the text, once, in the same order."""
    scan = [n for n, d in network.nodes(data=True) if text in d["label"] or any(text in a for a in d.get("alt", ()))]
    order = sorted(scan, key=lambda n: (network.nodes[n]["label"] != text, len(network.nodes[n]["label"]), network.nodes[n]["label"]))
    assert find_nodes(network, text, limit=10_000) == order
    hebi = filter_network(network, ["鹤壁市科技创新三年行动计划(2019—2021年)"])
    assert set(find_nodes(hebi, text, limit=10_000)) == {n for n in scan if n in hebi}  # a filtered view: its own index


def test_filters(network):
    hebi = "鹤壁市科技创新三年行动计划(2019—2021年)"
    view = filter_network(network, [hebi], ["Department"])
    assert view.number_of_nodes() > 0
    assert all(d["type"] == "Department" and hebi in d["plans"] for _, d in view.nodes(data=True))


def test_cap_keeps_focus_and_reports_the_cut(network):
    focus = find_nodes(network, "龙门实验室")[0]
    view = cap_nodes(network, 40, focus)
    assert view.cut and view.total == network.number_of_nodes()
    assert view.graph.number_of_nodes() == 40 and focus in view.graph


@pytest.mark.parametrize("radius", [1, 2, 3])
@pytest.mark.parametrize("limit", [5, 20, 300])
def test_a_capped_neighbourhood_is_the_cap_of_the_neighbourhood(network, radius, limit):
    """Made without copying the whole neighbourhood, it keeps the same nodes and edges."""
    for name in ("龙门实验室", "鹤壁市科技局", "河南科技大学"):
        node = find_nodes(network, name)[0]
        expected = cap_nodes(neighbourhood(network, node, radius), limit, node)
        got = capped_neighbourhood(network, node, radius, limit)
        assert (got.cut, got.total) == (expected.cut, expected.total)
        assert set(got.graph.nodes) == set(expected.graph.nodes) and set(map(frozenset, got.graph.edges)) == set(map(frozenset, expected.graph.edges))


LAYOUT_IN_A_NEW_PROCESS = """
import json, pickle, sys
from graph.analyse import cap_nodes, layout
network = pickle.load(open(sys.argv[1], "rb"))
view = cap_nodes(network, 60).graph
print(json.dumps(sorted(layout(view).items())))
"""


def test_layout_is_the_same_on_every_start(network, tmp_path):
    """Each start of the app is a new process with its own string hashing (set order)."""
    import json
    import os
    import pickle
    import subprocess
    import sys

    (tmp_path / "network.pickle").write_bytes(pickle.dumps(network))
    runs = [subprocess.run([sys.executable, "-c", LAYOUT_IN_A_NEW_PROCESS, str(tmp_path / "network.pickle")],
                           env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1]
    positions = {n: tuple(xy) for n, xy in json.loads(runs[0])}
    assert len(positions) == 60 and len(set(positions.values())) == 60


def test_layout_does_not_depend_on_the_order_nodes_come_in(network, monkeypatch):
    import networkx as nx

    from graph.analyse import positions

    view = cap_nodes(network, 60).graph
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(view.nodes)))
    shuffled.add_edges_from(reversed([(o, s) for s, o in view.edges]))
    monkeypatch.setattr(positions, "_LAYOUTS", {})
    first = layout(view)
    monkeypatch.setattr(positions, "_LAYOUTS", {})  # laid out afresh, not remembered
    assert layout(shuffled) == first


def test_html_is_self_contained(network):
    view = cap_nodes(network, 30).graph
    html = render_network(view, layout(view), {"Lab": "实验室"})
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=\"(?:https?:|\.\./)", html)
    assert "new vis.Network" in html and '"physics": {"enabled": false}' in html


def test_oxigraphs_hashed_queries_read_the_same_network(monkeypatch):
    """On Oxigraph the network is read with subqueries (hash joins); the plain form, which
    every other store gets, must give the very same nodes, data and edges."""
    from graph.analyse import network
    from graph.pipeline import build_plans

    from .conftest import PLANS

    dataset = build_plans([PLANS], named_graphs=True)  # Oxigraph, as a store is
    hashed = entity_network(dataset, with_measures=True)
    monkeypatch.setattr(network, "oxigraph_of", lambda graph: None)
    plain = entity_network(dataset, with_measures=True)
    assert hashed.number_of_nodes() > 400 and hashed.number_of_edges() > 200
    assert dict(hashed.nodes(data=True)) == dict(plain.nodes(data=True))
    assert {frozenset(e) for e in hashed.edges} == {frozenset(e) for e in plain.edges}
    assert sum(1 for _, d in hashed.nodes(data=True) if d["sentence"]) > 250


def test_the_overview_draws_relations_not_a_ring_of_loose_names(bundled_graph):
    """Without a focus, entities with no stated relation are left out (search finds them), and a
    big view labels only its best-connected nodes, each of the others named on hover."""
    network = entity_network(bundled_graph, with_measures=False)
    loose = [n for n, d in network.degree() if d == 0]
    assert len(loose) > 50  # the bundled plans name many things they relate to nothing
    overview = cap_nodes(network).graph
    assert overview.number_of_nodes() > 60 and not set(loose) & set(overview)
    focus = loose[0]  # a focus is shown even when it has no relation
    assert focus in cap_nodes(network, focus=focus).graph
    html = render_network(overview, layout(overview))
    labels = re.findall(r'"label": "([^"]*)"', html)
    named = [label for label in labels if label.strip()]
    assert len(labels) >= overview.number_of_nodes() and 0 < len(named) <= 41


def test_an_edge_carries_the_sentence_that_states_it(network):
    lab = find_nodes(network, "龙门实验室")[0]
    university = find_nodes(network, "河南科技大学")[0]
    sentence = network.edges[lab, university]["sentence"]
    assert sentence.startswith("龙门实验室:由河南科技大学、郑州大学牵头组建")
    html = render_network(neighbourhood(network, lab, 1), layout(neighbourhood(network, lab, 1)), relation_names={"ledBy": "牵头单位"})
    import json

    assert json.dumps("牵头单位\n“龙门实验室:由河南科技大学")[1:-1] in html  # the edge's tooltip, as the view's JSON writes it


def test_the_overview_shows_hubs_each_with_its_own_neighbours():
    """Three hubs share ten better-connected neighbours and each has twenty of its own: the overview
    shows each hub with neighbours of its own, clusters a person can tell apart, not the shared knot."""
    import networkx as nx

    from graph.analyse import STAR_SIZE, cap_nodes

    g = nx.Graph()
    for h in "ABC":
        g.add_edges_from((h, f"{h}{k}") for k in range(20))
        g.add_edges_from((h, f"S{k}") for k in range(10))
    for n in g:
        g.nodes[n]["label"] = n
    view = cap_nodes(g, limit=3 * (STAR_SIZE + 1))
    assert view.cut and set("ABC") <= set(view.graph)
    assert not any(n.startswith("S") for n in view.graph)  # shared by every hub: no star of any
    assert all(sum(1 for n in view.graph if n.startswith(h) and n != h) == STAR_SIZE for h in "ABC")
