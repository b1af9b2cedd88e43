"""Saving and loading: formats by extension, atomic writes, clear errors."""

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.pipeline import build_plans
from graph.store import StoreError, load_graph, save_graph

from .conftest import ZHENGZHOU


@pytest.fixture(scope="module")
def small_graph():
    return build_plans([ZHENGZHOU])


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_round_trip(tmp_path, small_graph, suffix):
    path = save_graph(small_graph, tmp_path / f"g{suffix}")
    assert isomorphic(load_graph(path), small_graph)


def test_unknown_format_is_refused_before_writing(tmp_path, small_graph):
    with pytest.raises(StoreError, match="unknown graph format"):
        save_graph(small_graph, tmp_path / "g.docx")
    assert not list(tmp_path.iterdir())


def test_failed_save_keeps_the_old_file(tmp_path, small_graph, monkeypatch):
    path = save_graph(small_graph, tmp_path / "g.ttl")
    before = path.read_bytes()

    def boom(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Graph, "serialize", boom)
    with pytest.raises(RuntimeError):
        save_graph(small_graph, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]  # no temporary file left behind


def test_unparseable_graph_names_the_file(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.ttl"):
        load_graph(path)
