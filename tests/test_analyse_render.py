"""The network view: neighbourhoods, caps, layout and offline HTML."""

import re

import pytest

from graph.analyse import cap_nodes, entity_network, filter_network, find_nodes, layout, neighbourhood
from graph.namespaces import NIF
from graph.render import render_network


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


def test_layout_is_deterministic(network):
    view = cap_nodes(network, 60).graph
    assert layout(view) == layout(view)


def test_html_is_self_contained(network):
    view = cap_nodes(network, 30).graph
    html = render_network(view, layout(view), {"Lab": "实验室"})
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=\"(?:https?:|\.\./)", html)
    assert "new vis.Network" in html and '"physics": {"enabled": false}' in html
