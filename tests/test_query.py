"""The example queries answer real questions on the bundled graph; errors are clear."""

import pytest
from rdflib import Literal

from graph.pipeline import update_store
from graph.query import QueryError, get_query, list_queries, run_named, run_query, split_ordering
from graph.query.run import run_on_oxigraph
from graph.store import open_dataset

from .conftest import PLANS, example_bindings


def test_at_least_eight_examples_with_titles():
    queries = list_queries()
    assert len(queries) >= 8
    for q in queries:
        assert q.title_zh and q.title_en and q.title_zh != q.name


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_example_runs_and_answers(bundled_graph, query):
    bindings = example_bindings(query)
    result = run_query(bundled_graph, query.text, **bindings)
    assert result.rows, query.name


def test_responsibility_example(bundled_graph):
    rows = run_named(bundled_graph, "01_responsibility").records()
    assert {"city": "鹤壁市", "plan": "鹤壁市科技创新三年行动计划(2019—2021年)", "number": "三.(九)", "measure": "加强知识产权保护",
            "body": "鹤壁市知识产权局", "position": 1, "lead": False} in rows  # listed first, no lead marked


def test_university_labs_example(bundled_graph):
    rows = {(r["university"], r["role"], r["lab"]) for r in run_named(bundled_graph, "02_university_labs").records()}
    assert ("河南科技大学", "牵头", "龙门实验室") in rows


def test_park_parameter_is_bound_not_formatted(bundled_graph):
    rows = run_named(bundled_graph, "05_measures_mentioning", name="中原科技城").records()
    assert rows and all("中原科技城" in r["entity"] for r in rows)
    assert run_named(bundled_graph, "05_measures_mentioning", name='") } #').rows == ()


def test_relation_source_example_gives_sentence(bundled_graph):
    rows = run_named(bundled_graph, "06_relation_sources").records()
    ledby = [r for r in rows if r["relation"] == "ledBy" and r["object"] == "河南科技大学"]
    assert ledby and "由河南科技大学、郑州大学牵头组建" in ledby[0]["sentence"]
    assert ledby[0]["end"] > ledby[0]["begin"]


def test_syntax_error_is_a_clear_message(bundled_graph):
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        run_query(bundled_graph, "SELEC ?x WHERE { ?x ?y ?z }")


def test_unknown_example_lists_the_known_ones():
    with pytest.raises(QueryError, match="01_responsibility"):
        get_query("no_such_query")


def test_csv_has_header_and_rows(bundled_graph):
    csv_text = run_named(bundled_graph, "09_cited_policies").to_csv()
    assert csv_text.splitlines()[0] == "city,plan,policy"
    assert len(csv_text.splitlines()) > 5


@pytest.mark.parametrize("query", [q for q in list_queries() if "city" in q.optional], ids=lambda q: q.name)
def test_a_city_picks_its_plans_rows_and_no_city_gives_every_plans(bundled_graph, query):
    every = run_query(bundled_graph, query.text).records()
    cities = {r["city"] for r in every}
    assert cities
    for city in cities:
        rows = run_query(bundled_graph, query.text, city=city).records()
        assert rows and {r["city"] for r in rows} == {city}
    assert sum(len(run_query(bundled_graph, query.text, city=c).rows) for c in cities) == len(every)


def test_a_provincial_plan_without_a_city_is_found_by_its_province():
    from graph.build import build_graph
    from graph.extract import extract_document
    from graph.ingest.documents import document_from_text
    from graph.vocabulary.lexicon import default_lexicon

    text = ("湖北省科学技术厅关于印发《湖北省科技创新2023年工作要点》的通知\n一、重点任务\n"
            "(一)建设东湖实验室。(责任单位:省科技厅、省财政厅)\n")
    graph = build_graph([extract_document(document_from_text(text))], default_lexicon())
    rows = run_query(graph, get_query("01_responsibility").text, city="湖北省").records()
    assert {r["body"] for r in rows} == {"湖北省科学技术厅", "湖北省财政厅"} and {r["city"] for r in rows} == {"湖北省"}


@pytest.fixture(scope="module")
def oxigraph_bundled():
    dataset = open_dataset(None)
    update_store(dataset, [PLANS], jobs=1)
    return dataset


def _sorted_by_oxigraph(dataset, text, **bindings):
    """The same query with Oxigraph doing the sorting (the ordering is not split off)."""
    from graph.query import param_languages

    languages = param_languages(text)  # bound as run_query binds them
    return run_on_oxigraph(dataset.store._inner, text, {k: Literal(v, lang=languages.get(k)) for k, v in bindings.items()},
                            sort_here=False)


@pytest.mark.parametrize("query", [q for q in list_queries() if split_ordering(q.text)[1]], ids=lambda q: q.name)
def test_python_ordering_agrees_with_oxigraph(oxigraph_bundled, query):
    bindings = example_bindings(query)
    ordering = split_ordering(query.text)[1]
    ours = run_query(oxigraph_bundled, query.text, **bindings)
    theirs = _sorted_by_oxigraph(oxigraph_bundled, query.text, **bindings)
    assert ours.columns == theirs.columns and len(ours.rows) == len(theirs.rows) > 1
    assert sorted(map(repr, ours.rows)) == sorted(map(repr, theirs.rows))
    keys = [ours.columns.index(name) for name, _ in ordering.keys]
    assert [tuple(r[i] for i in keys) for r in ours.rows] == [tuple(r[i] for i in keys) for r in theirs.rows]


def test_limit_and_offset_after_python_ordering(oxigraph_bundled):
    text = "SELECT ?label WHERE { ?e a ig:University ; rdfs:label ?label } ORDER BY DESC(?label)"
    everything = [r[0] for r in run_query(oxigraph_bundled, text).rows]
    assert everything == sorted(everything, reverse=True) and len(everything) > 5
    assert [r[0] for r in run_query(oxigraph_bundled, text + " LIMIT 3 OFFSET 2").rows] == everything[2:5]


def test_unbound_sorts_first_and_numbers_by_value(oxigraph_bundled):
    text = """SELECT ?v WHERE { VALUES ?v { 10 9 UNDEF 100 } } ORDER BY ?v"""
    assert [r[0] for r in run_query(oxigraph_bundled, text).rows] == [None, 9, 10, 100]


def test_only_a_final_plain_ordering_is_split():
    assert split_ordering("SELECT ?a WHERE { ?a ?p ?b } ORDER BY STRLEN(?a)")[1] is None
    assert split_ordering("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 1 } }")[1] is None
    assert split_ordering("SELECT ?a WHERE { ?a ?p ?b }\n# ORDER BY ?a")[1] is None
    text, ordering = split_ordering("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a HAVING (COUNT(?b) > 1)\nORDER BY DESC(?n) ?a")
    assert text.rstrip().endswith("HAVING (COUNT(?b) > 1)")
    assert ordering.keys == (("n", True), ("a", False))


def test_ordering_by_a_hidden_variable_is_left_to_oxigraph(oxigraph_bundled):
    text = "SELECT ?label WHERE { ?e a ig:University ; rdfs:label ?label ; ig:mentionedIn ?p } ORDER BY ?e ?label"
    rows = run_query(oxigraph_bundled, text).rows
    assert rows == _sorted_by_oxigraph(oxigraph_bundled, text).rows


def test_shared_entities_are_those_of_the_chosen_city_that_other_plans_name_too(bundled_graph):
    rows = run_named(bundled_graph, "03_shared_entities", city="洛阳市").records()
    assert rows and {r["city"] for r in rows} == {"洛阳市"}
    shared = {r["entity"]: r["other_plans"] for r in rows}
    assert 1 <= shared["郑洛新国家自主创新示范区"] <= 3  # Luoyang's, and Zhengzhou's too; four plans in all
    assert max(shared.values()) <= 3
