"""The Python API a notebook uses (graph.notebook), on a store folder and on a remote store:
example queries by name with their parameters, typed SELECT text, the CSV tables and
CONSTRUCT answers as rdflib graphs with their literals' types."""

import pandas as pd
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD

from graph import notebook as ig
from graph.pipeline import build_store, update_store
from graph.query import QueryError
from graph.store import open_remote

from .conftest import PLANS
from .oxigraph import oxigraph_server

IG = "https://w3id.org/innograph/ontology#"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    store = tmp_path_factory.mktemp("notebook") / "store"
    build_store(store, [PLANS], jobs=1)
    return store


def test_an_example_by_name_with_a_parameter_is_a_dataframe(folder):
    g = ig.open_graph(folder)
    duties = ig.frame(g, "01_responsibility", city="鹤壁市")
    assert isinstance(duties, pd.DataFrame)
    assert list(duties.columns) == ["city", "plan", "number", "measure", "body", "position", "lead"]
    assert set(duties["city"]) == {"鹤壁市"} and len(duties) > 20
    assert duties["position"].dtype.kind == "i" and duties["lead"].dtype == bool  # numbers and booleans, not text


def test_typed_select_text_and_the_tables(folder):
    g = ig.open_graph(folder)
    labs = ig.frame(g, "SELECT ?label WHERE { ?lab a ig:Lab ; rdfs:label ?label } ORDER BY ?label")
    assert "龙门实验室" in set(labs["label"])
    targets = ig.table(g, "targets")
    assert len(targets) == 90 and "indicator" in " ".join(targets.columns)
    names = set(ig.queries()["name"])
    assert "01_responsibility" in names and len(names) == 10
    with pytest.raises(QueryError, match="known"):
        ig.frame(g, "no_such_query")
    with pytest.raises(QueryError):
        ig.frame(g, "DELETE WHERE { ?s ?p ?o }")  # read-only, as everywhere


def test_construct_gives_an_rdflib_graph_with_typed_literals(folder):
    g = ig.open_graph(folder)
    years = ig.construct(g, "CONSTRUCT { ?t ig:targetYear ?y } WHERE { ?t ig:targetYear ?y }")
    assert len(years) > 50
    assert {o.datatype for o in years.objects()} == {XSD.integer}
    labs = ig.construct(g, "CONSTRUCT { ?lab rdfs:label ?l } WHERE { ?lab a ig:Lab ; rdfs:label ?l }")
    assert Literal("龙门实验室", lang="zh") in set(labs.objects(None, RDFS.label))


def test_the_same_answers_from_a_remote_store(folder, tmp_path):
    local = ig.open_graph(folder)
    with oxigraph_server(tmp_path / "ox") as port:
        location = f"sparql+http://127.0.0.1:{port}/query#update=http://127.0.0.1:{port}/update"
        update_store(open_remote(location), [PLANS], jobs=1)
        remote = ig.open_graph(location)
        for name in ("01_responsibility", "07_entities_by_type"):
            theirs, ours = ig.frame(remote, name), ig.frame(local, name)
            key = list(ours.columns)
            pd.testing.assert_frame_equal(theirs.sort_values(key).reset_index(drop=True),
                                          ours.sort_values(key).reset_index(drop=True))
        query = "CONSTRUCT { ?t ig:targetYear ?y } WHERE { ?t ig:targetYear ?y }"
        assert set(ig.construct(remote, query)) == set(ig.construct(local, query))
        assert (None, URIRef(IG + "targetYear"), None) in ig.construct(remote, query)
