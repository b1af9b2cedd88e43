"""Every export format re-reads to the same counts."""

import csv

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from graph.pipeline import build_plans
from graph.query import QUERY_DIR, get_query, run_query
from graph.store import flatten, named_quads
from graph.view.export import TABLES, ExportError, export_graph, plain_network

from .conftest import PLANS


@pytest.fixture(scope="module")
def dataset():
    return build_plans([PLANS], named_graphs=True)


@pytest.fixture(scope="module")
def triples(dataset):
    return len(flatten(dataset))


@pytest.mark.parametrize("fmt, suffix, parser", [("turtle", ".ttl", "turtle"), ("nt", ".nt", "nt"), ("jsonld", ".jsonld", "json-ld")])
def test_triple_formats_round_trip(tmp_path, dataset, triples, fmt, suffix, parser):
    (path,) = export_graph(dataset, fmt, tmp_path / f"g{suffix}")
    assert len(Graph().parse(path, format=parser)) == triples


@pytest.mark.parametrize("fmt, suffix, parser", [("trig", ".trig", "trig"), ("nquads", ".nq", "nquads")])
def test_quad_formats_keep_one_graph_per_plan(tmp_path, dataset, fmt, suffix, parser):
    (path,) = export_graph(dataset, fmt, tmp_path / f"g{suffix}")
    again = Dataset()
    again.parse(path, format=parser)
    names = {str(g.identifier) for g in again.graphs() if len(g)}
    plans = [n for n in names if "/graph/" in n and not n.endswith("/entities")]
    assert len(plans) == 4
    assert sum(1 for _ in again.quads((None, None, None, None))) == sum(1 for _ in named_quads(dataset))


def test_jsonld_has_a_context(tmp_path, dataset):
    (path,) = export_graph(dataset, "jsonld", tmp_path / "g.jsonld")
    head = path.read_text(encoding="utf-8")[:2000]
    assert '"@context"' in head and "https://w3id.org/innograph/ontology#" in head


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_round_trip(tmp_path, dataset, fmt, reader):
    (path,) = export_graph(dataset, fmt, tmp_path / f"g.{fmt}")
    network = plain_network(dataset)
    again = reader(path)
    assert (again.number_of_nodes(), again.number_of_edges()) == (network.number_of_nodes(), network.number_of_edges())
    labels = {d["label"] for _, d in again.nodes(data=True)}
    assert "龙门实验室" in labels


def test_csv_tables_round_trip(tmp_path, dataset):
    files = export_graph(dataset, "csv", tmp_path / "tables")
    assert [f.stem for f in files] == list(TABLES)
    for path in files:
        with path.open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        expected = run_query(dataset, get_query(path.stem, QUERY_DIR / "tables").text)
        assert len(rows) == len(expected.rows) > 0
        assert list(rows[0]) == list(expected.columns)


def test_wrong_suffix_is_refused(tmp_path, dataset):
    with pytest.raises(ExportError, match="should end in .ttl"):
        export_graph(dataset, "turtle", tmp_path / "g.nt")


def test_export_command(tmp_path):
    from click.testing import CliRunner

    from graph.cli import cli

    result = CliRunner().invoke(cli, ["export", "--format", "gexf", "--out", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 250


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_keep_direction_and_every_relation(tmp_path, dataset, fmt, reader):
    """Gephi and igraph read who leads whom and what is located where: every stated relation
    and duty an edge in its direction, named, with its sentence."""
    (path,) = export_graph(dataset, fmt, tmp_path / f"g.{fmt}")
    again = reader(path)
    assert again.is_directed()
    stated = run_query(dataset, """SELECT DISTINCT ?s ?p ?o WHERE {
        VALUES ?p { ig:ledBy ig:participant ig:supportedBy ig:partnerOf ig:locatedIn ig:upgradeTo ig:responsibleFor ig:leads }
        ?s ?p ?o }""").rows
    edges = {(s, d["relation"], o) for s, o, d in again.edges(data=True)}
    assert edges == {(s, p.split("#")[1], o) for s, p, o in stated}
    placed = [again.nodes[o]["type"] for s, o, d in again.edges(data=True) if d["relation"] == "locatedIn"]
    assert placed and all(t in ("Place", "Park") for t in placed)  # "X locatedIn place", never the reverse
    lab = next(n for n, d in again.nodes(data=True) if d["label"] == "龙门实验室")
    led = [d for s, o, d in again.out_edges(lab, data=True) if d["relation"] == "ledBy"]
    assert led and all("牵头" in d["sentence"] for d in led)


def test_turtle_and_ntriples_exports_are_term_identical(tmp_path, dataset):
    """Every literal as built: "100"^^xsd:decimal stays "100", not 100.0, in either syntax."""
    import pyoxigraph as ox

    (turtle,) = export_graph(dataset, "turtle", tmp_path / "g.ttl")
    (ntriples,) = export_graph(dataset, "nt", tmp_path / "g.nt")
    a, b = set(ox.parse(path=str(turtle))), set(ox.parse(path=str(ntriples)))
    assert a == b and len(a) > 10_000
    from rdflib import XSD, Literal

    written = {t.object.value for t in a if isinstance(t.object, ox.Literal) and t.object.datatype.value == str(XSD.decimal)}
    built = {str(o) for o in dataset.objects() if isinstance(o, Literal) and o.datatype == XSD.decimal}
    assert written == built and "100" in built  # 100 as the build wrote it, not rewritten as 100.0


def test_igraph_reads_the_graphml_directed_with_every_relation(tmp_path, dataset):
    igraph = pytest.importorskip("igraph")
    (path,) = export_graph(dataset, "graphml", tmp_path / "g.graphml")
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.is_directed()
    network = nx.read_graphml(path)
    assert read.ecount() == network.number_of_edges()
    edges = {(read.vs[e.source]["label"], e["relation"], read.vs[e.target]["label"]) for e in read.es}
    assert ("龙门实验室", "ledBy", "河南科技大学") in edges and ("河南科技大学", "ledBy", "龙门实验室") not in edges


def test_graphml_edge_ids_are_unique_and_stable(tmp_path, dataset):
    """GraphML forbids two edges with one id: each stated relation has its own, the same on every export."""
    import xml.etree.ElementTree as ET

    def ids(path):
        return [e.get("id") for e in ET.parse(path).getroot().iter("{http://graphml.graphdrawing.org/xmlns}edge")]

    first = ids(export_graph(dataset, "graphml", tmp_path / "a.graphml")[0])
    assert len(first) > 100 and len(set(first)) == len(first)
    assert sum(i.startswith("locatedIn-") for i in first) > 10  # many locatedIn edges, each its own id
    assert ids(export_graph(dataset, "graphml", tmp_path / "b.graphml")[0]) == first
