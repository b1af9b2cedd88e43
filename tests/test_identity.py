"""One node per real-world entity: scoping, cross-plan identity, aliases, review and user rules."""

from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from graph.analyse.duplicates import find_suspects, suspect_reason
from graph.build import build_graph
from graph.extract import extract_document
from graph.ingest.documents import document_from_text
from graph.namespaces import IG
from graph.query import run_query
from graph.resolve.rules import AliasRules, load_alias_rules


def nodes_labelled(graph, label):
    return set(graph.subjects(RDFS.label, Literal(label, lang="zh")))


def test_zhengluoxin_is_one_node_in_three_plans(bundled_graph):
    (node,) = nodes_labelled(bundled_graph, "郑洛新国家自主创新示范区")
    assert len(set(bundled_graph.objects(node, IG.mentionedIn))) == 3
    assert Literal("郑洛新国家自创区", lang="zh") in set(bundled_graph.objects(node, SKOS.altLabel))


def test_provincial_academy_is_scoped_and_shared(bundled_graph):
    (node,) = nodes_labelled(bundled_graph, "河南省科学院")
    assert len(set(bundled_graph.objects(node, IG.mentionedIn))) == 2
    assert Literal("省科学院", lang="zh") in set(bundled_graph.objects(node, SKOS.altLabel))


def test_city_bodies_are_distinct_per_city(bundled_graph):
    hebi, zhengzhou = nodes_labelled(bundled_graph, "鹤壁市科技局"), nodes_labelled(bundled_graph, "郑州市科学技术局")
    assert len(hebi) == 1 and len(zhengzhou) == 1 and hebi != zhengzhou
    assert len(nodes_labelled(bundled_graph, "鹤壁市各县区政府")) == 1  # the class entry of its lists, scoped to the city


def test_no_two_entity_nodes_share_a_label(bundled_graph):
    rows = run_query(bundled_graph, """
        SELECT ?l WHERE { ?e rdfs:label ?l ; a ?t .
          FILTER(?t IN (ig:Lab, ig:Park, ig:Firm, ig:University, ig:Institute, ig:Platform, ig:Program, ig:Department, ig:Fund, ig:Policy)) }
        GROUP BY ?l HAVING (COUNT(DISTINCT ?e) > 1)""").rows
    assert rows == ()


def two_plans():
    a = document_from_text("甲市科技工作要点\n一、重点任务\n1.建设。推动甲市智能研究院与乙山实验室合作。(责任单位:市科技局)", "a.txt")
    b = document_from_text("乙市科技工作要点\n一、重点任务\n1.建设。支持乙山重点实验室发展。(责任单位:市科技局)", "b.txt")
    return [extract_document(a), extract_document(b)]


def test_user_merge_and_keep_apart(lexicon):
    plain = build_graph(two_plans(), lexicon, rules=AliasRules())
    assert nodes_labelled(plain, "乙山实验室") and nodes_labelled(plain, "乙山重点实验室")
    merged = build_graph(two_plans(), lexicon, rules=AliasRules(merge={"乙山实验室": "乙山重点实验室"}))
    (node,) = nodes_labelled(merged, "乙山重点实验室")
    assert Literal("乙山实验室", lang="zh") in set(merged.objects(node, SKOS.altLabel))
    assert not nodes_labelled(merged, "乙山实验室")
    # 市科技局 of 甲市 and 乙市 are two bodies already; keep_apart also splits what the rules would join
    docs = [extract_document(document_from_text(t, f"{i}.txt")) for i, t in enumerate((
        "丙市科技工作要点\n一、重点任务\n1.建设。推动丙市高新技术产业开发区发展。", "丙市科技工作要点(2)\n一、重点任务\n1.建设。推动丙市高新区发展。"))]
    joined = build_graph(docs, lexicon, rules=AliasRules())
    assert len(nodes_labelled(joined, "丙市高新技术产业开发区")) == 1 and not nodes_labelled(joined, "丙市高新区")
    apart = build_graph(docs, lexicon, rules=AliasRules(keep_apart=frozenset({frozenset({"丙市高新技术产业开发区", "丙市高新区"})})))
    assert len(nodes_labelled(apart, "丙市高新技术产业开发区")) == 1 and len(nodes_labelled(apart, "丙市高新区")) == 1


def test_alias_file_is_read_and_checked(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("action,name,other,note\n# a comment\nmerge,黎明院,黎明化工研究院,\nkeep_apart,河南大学,河南科技大学,two universities\n",
                    encoding="utf-8")
    rules = load_alias_rules(path)
    assert rules.merge == {"黎明院": "黎明化工研究院"}
    assert rules.apart("河南科技大学", "河南大学")
    path.write_text("action,name,other\njoin,a,b\n", encoding="utf-8")
    import pytest

    from graph.resolve.rules import AliasFileError

    with pytest.raises(AliasFileError, match="line 2"):
        load_alias_rules(path)


def test_bundled_alias_file_is_valid():
    assert isinstance(load_alias_rules(), AliasRules)


def test_suspects(bundled_graph):
    pairs = {(s.a, s.b, s.reason) for s in find_suspects(bundled_graph)}
    assert not any({"周山双创智慧岛", "高新区周山双创智慧岛"} == {a, b} for a, b, _ in pairs)  # a park locator: one node already
    assert ("国家镁工程中心", "国家镁工程中心鹤壁研发中心", "one name inside the other") in pairs  # (一带一路 is a strategy now, no entity)
    assert not any({"洛阳高新区", "郑州高新区"} == {a, b} for a, b, _ in pairs)  # two cities' zones are two zones
    assert suspect_reason("河南省科学院", "省科学院", ["河南省"]) == "the same name but for a place prefix"
    assert suspect_reason("中超新材", "中钛新材", []) == "one character apart"
