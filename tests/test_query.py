"""The example queries answer real questions on the bundled graph; errors are clear."""

import pytest

from graph.query import QueryError, get_query, list_queries, run_named, run_query


def test_at_least_eight_examples_with_titles():
    queries = list_queries()
    assert len(queries) >= 8
    for q in queries:
        assert q.title_zh and q.title_en and q.title_zh != q.name


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_example_runs_and_answers(bundled_graph, query):
    bindings = {"name": "龙门实验室"} if "name" in query.params else {}
    result = run_query(bundled_graph, query.text, **bindings)
    assert result.rows, query.name


def test_responsibility_example(bundled_graph):
    rows = run_named(bundled_graph, "01_responsibility").records()
    assert {"plan": "鹤壁市科技创新三年行动计划(2019—2021年)", "number": "三.(九)", "measure": "加强知识产权保护",
            "body": "鹤壁市知识产权局", "lead": True} in rows


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
    assert csv_text.splitlines()[0] == "plan,policy"
    assert len(csv_text.splitlines()) > 5
