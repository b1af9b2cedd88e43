"""The graph of the bundled plans: plans, entities, duties, targets, provenance, stable IRIs."""

from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SKOS

from graph.namespaces import ENTITY_TYPES, IG, ITSRDF, NIF
from graph.pipeline import build_plans
from graph.query import run_query

from .conftest import HEBI, LUOYANG


def test_four_plans_with_title_issuer_and_date(bundled_graph):
    rows = run_query(bundled_graph, """
        SELECT ?title ?issuer ?date WHERE { ?p a ig:Plan ; rdfs:label ?title ; ig:issuedBy/rdfs:label ?issuer ; dcterms:issued ?date }
    """).rows
    assert len(rows) == 4
    assert ("鹤壁市科技创新三年行动计划(2019—2021年)", "鹤壁市人民政府办公室", "2019-08-21") in {(t, i, str(d)) for t, i, d in rows}


def test_enough_entities_over_all_ten_types(bundled_graph):
    counts = {t: len(set(bundled_graph.subjects(RDF.type, IG[t]))) for t in ENTITY_TYPES}
    assert all(n > 0 for n in counts.values()), counts
    assert sum(counts.values()) >= 250


def test_every_hebi_duty_list_is_linked(bundled_graph, extractions):
    """Each (body, measure) pair read from a 责任单位 list is a responsibleFor triple with its place in the list;
    the plan marks no lead, so nobody leads."""
    rows = run_query(bundled_graph, """
        SELECT ?number ?body ?lead WHERE {
          ?p a ig:Plan ; ig:cityName "鹤壁市" . ?m ig:inPlan ?p ; ig:number ?number .
          ?b ig:responsibleFor ?m ; skos:altLabel|rdfs:label ?body . BIND(EXISTS { ?b ig:leads ?m } AS ?lead) }
    """).rows
    linked = {(n, b): lead for n, b, lead in rows}
    for r in extractions["hebi"].responsibilities:
        assert linked.get((r.measure, r.body.name)) == r.lead, r
    assert not any(linked.values())  # plain (责任单位:…) lists mark no lead
    firsts = run_query(bundled_graph, """
        SELECT ?number WHERE { ?p a ig:Plan ; ig:cityName "鹤壁市" . ?m ig:inPlan ?p ; ig:number ?number .
          ?st rdf:predicate ig:responsibleFor ; rdf:object ?m ; ig:listPosition 1 }""").rows
    assert len({n for (n,) in firsts}) == 21  # each list's first body stays queryable


def test_luoyang_table_targets_with_baselines(bundled_graph):
    rows = run_query(bundled_graph, """
        SELECT ?name ?value ?baseline ?year WHERE { ?p ig:cityName "洛阳市" ; ig:hasTarget ?t .
          ?t ig:indicator/(rdfs:label|skos:altLabel) ?name ; ig:targetValue ?value ; ig:baselineValue ?baseline ; ig:targetYear ?year }
    """).rows
    found = {(n, float(v), float(b), str(y)) for n, v, b, y in rows}
    assert ("技术合同成交额", 120.0, 53.8, "2025") in found
    assert ("高新技术企业数", 1600.0, 755.0, "2025") in found  # the table's wording, an altLabel of 高新技术企业
    assert ("高新技术企业", 1600.0, 755.0, "2025") in found
    assert len({n for n, *_ in found}) >= 10


def test_every_mention_and_relation_has_provenance(bundled_graph):
    missing = run_query(bundled_graph, """
        SELECT ?e WHERE { ?e a ?t . FILTER(?t IN (ig:Lab, ig:Park, ig:Firm, ig:University, ig:Institute, ig:Platform,
          ig:Program, ig:Department, ig:Fund, ig:Policy))
          FILTER NOT EXISTS { ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?p ; nif:beginIndex ?b ; nif:endIndex ?x ;
                              nif:sentence/nif:anchorOf ?s } }
    """).rows
    assert missing == ()
    unsourced = run_query(bundled_graph, """
        SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p IN (ig:responsibleFor, ig:ledBy, ig:participant, ig:upgradeTo, ig:locatedIn))
          FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                              prov:wasDerivedFrom/nif:sentence/nif:anchorOf ?sentence } }
    """).rows
    assert unsourced == ()


def test_offsets_give_back_the_sentence(bundled_graph, documents):
    doc = documents["luoyang"]
    for mention in list(bundled_graph.subjects(RDF.type, IG.Mention))[:200]:
        if str(doc.doc_id) not in str(mention):
            continue
        begin = int(bundled_graph.value(mention, NIF.beginIndex))
        end = int(bundled_graph.value(mention, NIF.endIndex))
        assert str(bundled_graph.value(mention, NIF.anchorOf)) == doc.text[begin:end]


def test_iris_are_stable_across_builds():
    first, second = build_plans([HEBI]), build_plans([HEBI])
    assert set(first.subjects()) == set(second.subjects())
    assert len(first) == len(second)


def test_entity_named_in_three_plans_is_one_node(bundled_graph):
    nodes = {s for s, _, o in bundled_graph.triples((None, RDFS.label, None)) if str(o) == "郑洛新国家自主创新示范区"}
    assert len(nodes) == 1
    assert len(set(bundled_graph.objects(nodes.pop(), IG.mentionedIn))) == 3


def test_municipal_bodies_are_scoped_to_their_city(bundled_graph):
    labels = {str(o) for o in bundled_graph.objects(None, RDFS.label)}
    assert "鹤壁市科技局" in labels
    hebi = [s for s in bundled_graph.subjects(RDFS.label, Literal("鹤壁市科技局", lang="zh"))]
    assert Literal("市科技局", lang="zh") in set(bundled_graph.objects(hebi[0], SKOS.altLabel))


def test_single_plan_build_holds_only_that_plan():
    graph = build_plans([LUOYANG])
    assert len(set(graph.subjects(RDF.type, IG.Plan))) == 1
    assert any(True for _ in graph.triples((None, ITSRDF.taIdentRef, None)))


def test_an_impossible_date_is_kept_as_text_with_a_warning(tmp_path, caplog):
    from rdflib.namespace import DCTERMS, XSD

    from graph.pipeline import build_plans

    path = tmp_path / "plan.txt"
    path.write_text("开封市人民政府办公室\n开封市科技创新行动方案\n一、重点任务\n(一)建设开封实验室,推动河南大学发展。\n"
                    "开封市人民政府办公室\n2019年2月30日\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="innograph"):
        graph = build_plans([path])
    issued = list(graph.objects(None, DCTERMS.issued))
    assert issued and all(o.datatype != XSD.date for o in issued) and str(issued[0]) == "2019-02-30"
    assert any("2019-02-30" in r.getMessage() and "plan.txt" in r.getMessage() for r in caplog.records)
