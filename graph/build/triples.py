"""Extractions become triples, every fact with its provenance.

A mention is a ``nif:Phrase`` with begin/end offsets in its plan and a ``nif:sentence``; a
relation, responsibility or target is also stated as an ``ig:Statement`` (an RDF reification, or node) that
``prov:wasDerivedFrom`` such a phrase. Each plan's triples go in its own named graph; what no
plan owns (entities' labels and aliases, places, indicators, statuses) in the shared one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from ..model import Document, Extraction, Mention, Span
from ..namespaces import SCHEMA, bind_prefixes
from ..resolve import Entity, PlanIdentities, combine_identities, identity_key, resolve_plan, scope_name
from ..resolve.rules import AliasRules, load_alias_rules
from ..vocabulary.gazetteer import default_gazetteer
from ..vocabulary.lexicon import Lexicon
from .iris import (
    ENTITY_GRAPH,
    entity_iri,
    indicator_concept,
    indicator_iri,
    place_iri,
    plan_graph_iri,
    plan_iri,
    span_iri,
    statement_iri,
    status_iri,
    target_iri,
    unit_iri,
)
from .terms import DCTERMS, IG, ITSRDF, NIF, PROV, RDF, RDFS, SKOS, XSD, date_literal, integer_literal, text_literal, zh

Triple = tuple


def status_triples(name: str) -> Iterator[Triple]:
    """A status (省级高新区) is a concept, not an entity: one node for every plan that names it
    (its IRI is its name's hash), described once in the shared graph."""
    node = status_iri(name)
    yield node, RDF.type, IG.Status
    yield node, RDFS.label, zh(name)
    yield node, SKOS.prefLabel, zh(name)
    yield node, SKOS.inScheme, IG.StatusScheme


def plan_triples(doc: Document, ids: PlanIdentities, lexicon: Lexicon) -> Iterator[Triple]:
    meta, plan = doc.metadata, plan_iri(doc)
    yield plan, RDF.type, IG.Plan
    yield plan, RDF.type, NIF.Context
    yield plan, RDFS.label, zh(meta.title)
    yield plan, DCTERMS.title, zh(meta.title)
    yield plan, DCTERMS.identifier, Literal(doc.doc_id)
    yield plan, DCTERMS.source, Literal(doc.path.replace("\\", "/").rsplit("/", 1)[-1])
    yield plan, IG.textLength, Literal(len(doc.text), datatype=XSD.integer)
    for prop, value in ((IG.docNumber, meta.doc_number), (IG.kind, meta.kind), (IG.cityName, meta.city), (IG.provinceName, meta.province)):
        if value:
            yield plan, prop, Literal(value)
    if meta.date:
        yield plan, DCTERMS.issued, date_literal(meta.date, doc.path)
    if meta.published:
        yield plan, IG.published, date_literal(meta.published, doc.path)
    if meta.period_start:
        yield plan, IG.periodStart, Literal(int(meta.period_start), datatype=XSD.integer)
    if meta.period_end:
        yield plan, IG.periodEnd, Literal(int(meta.period_end), datatype=XSD.integer)
    if meta.city:
        yield plan, IG.city, place_iri(meta.city)
    if meta.issuer:
        key = identity_key(scope_name(meta.issuer, meta, lexicon, "Department"), lexicon)
        if key in ids.forms:
            yield plan, IG.issuedBy, entity_iri(key)


def shared_names(ex: Extraction) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Places, indicators and statuses a plan names: nodes shared by plans, described once in the
    shared graph (a description in each plan's graph would be counted once per plan by a store
    whose default graph is the bag of all graphs, as Virtuoso's is)."""
    places = {ex.document.metadata.city} | {r.object.name for r in ex.relations if r.object.type == "Place"}
    statuses = {r.object.name for r in ex.relations if r.object.type == "Status"}
    return tuple(sorted(p for p in places if p)), tuple(sorted({t.indicator for t in ex.targets})), tuple(sorted(statuses))


def place_triples(names: Iterable[str]) -> Iterator[Triple]:
    """Each place with its name; where the name is one division of the national code table
    (GB/T 2260, through the gazetteer), its code, its level and the divisions it lies in,
    county → city → province, each a place too: a query rolls a county's plans up to its
    province with ``schema:containedInPlace*``. A name several divisions share (鼓楼区) is
    left without a code rather than given a wrong one."""
    gazetteer = default_gazetteer()
    todo, seen = sorted(set(names), reverse=True), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        node = place_iri(name)
        yield node, RDF.type, IG.Place
        yield node, RDFS.label, zh(name)
        division = gazetteer.find(name) or gazetteer.city(name)
        if division is None:
            continue
        yield node, IG.divisionCode, Literal(division.code)
        yield node, IG.divisionLevel, Literal(division.level)
        parent = (division.city or division.province) if division.level == "county" else division.province
        if parent and parent != division.name:
            yield node, SCHEMA.containedInPlace, place_iri(parent)
            todo.append(parent)


def shared_triples(places: Iterable[str], indicators: Iterable[str], statuses: Iterable[str] = ()) -> Iterator[Triple]:
    for name in statuses:
        yield from status_triples(name)
    yield from place_triples(places)
    for name in indicators:
        node, key = indicator_iri(name), indicator_concept(name)
        yield node, RDF.type, IG.Indicator
        yield node, RDFS.label, zh(key)
        yield node, SKOS.prefLabel, zh(key)
        yield node, SKOS.inScheme, IG.IndicatorScheme
        if name != key:
            yield node, SKOS.altLabel, zh(name)  # each plan's wording


def unit_triples(doc: Document, measures_with_duty: set[str]) -> Iterator[Triple]:
    plan = plan_iri(doc)
    for u in doc.units:
        node = unit_iri(doc, u.number)
        is_measure = u.is_measure or u.number in measures_with_duty
        yield node, RDF.type, IG.Measure if is_measure else IG.Section
        yield node, RDFS.label, zh(u.title or u.number)
        yield node, IG.number, Literal(u.number)
        yield node, IG.inPlan, plan
        yield node, IG.partOf, unit_iri(doc, u.parent) if u.parent else plan
        yield node, NIF.beginIndex, integer_literal(u.span[0])
        yield node, NIF.endIndex, integer_literal(u.span[1])
        if is_measure:  # a section's text is its parts' again (a chapter held every measure twice): its span says where it is
            yield node, IG.text, zh(doc.snippet(u.span))


def sentence_triples(doc: Document, span: Span) -> Iterator[Triple]:
    node = span_iri(doc, span, "s")
    yield node, RDF.type, NIF.Sentence
    yield node, NIF.referenceContext, plan_iri(doc)
    yield node, NIF.beginIndex, integer_literal(span[0])
    yield node, NIF.endIndex, integer_literal(span[1])
    yield node, NIF.anchorOf, zh(doc.snippet(span))


def mention_triples(doc: Document, m: Mention, entity: URIRef | None) -> Iterator[Triple]:
    """A mention is a nif:Phrase: where in which plan, in which sentence, found by which rule."""
    node = span_iri(doc, m.span)
    yield node, RDF.type, IG.Mention
    yield node, NIF.referenceContext, plan_iri(doc)
    yield node, NIF.beginIndex, integer_literal(m.span[0])
    yield node, NIF.endIndex, integer_literal(m.span[1])
    yield node, NIF.anchorOf, zh(doc.snippet(m.span))
    yield node, NIF.sentence, span_iri(doc, m.sentence, "s")
    yield node, IG.foundBy, text_literal(m.rule)
    if entity is not None:
        yield node, ITSRDF.taIdentRef, entity


def statement_triples(doc, s, p, o, evidence: Mention, rule: str, **extra) -> Iterator[Triple]:
    """State s p o, and the same as an ig:Statement (rdf:subject, rdf:predicate, rdf:object) derived from the evidence phrase."""
    yield s, p, o
    node = statement_iri(doc, (s, p, o), evidence.span)
    yield node, RDF.type, IG.Statement
    yield node, RDF.subject, s
    yield node, RDF.predicate, p
    yield node, RDF.object, o
    yield node, PROV.wasDerivedFrom, span_iri(doc, evidence.span)
    yield node, IG.foundBy, text_literal(rule)
    for key, value in extra.items():
        yield node, IG[key], Literal(value) if isinstance(value, int) else text_literal(value)


def extraction_triples(ex: Extraction, ids: PlanIdentities, lexicon: Lexicon) -> Iterator[Triple]:
    doc = ex.document
    plan = plan_iri(doc)
    duty = {r.measure for r in ex.responsibilities}
    yield from plan_triples(doc, ids, lexicon)
    yield from unit_triples(doc, duty)
    mentions = list(ex.mentions) + [r.body for r in ex.responsibilities]
    # each fact once: a plan names an entity and a sentence holds mentions many times over
    # (a sixth of the lines were repeats, each written, sent and loaded twice)
    seen_spans, seen_sentences, seen_facts = set(), set(), set()
    for m in mentions:
        key = ids.keys.get((m.span, m.name))
        entity = entity_iri(key) if key else None
        if m.span not in seen_spans:
            seen_spans.add(m.span)
            yield from mention_triples(doc, m, entity)
        if m.sentence not in seen_sentences:
            seen_sentences.add(m.sentence)
            yield from sentence_triples(doc, m.sentence)
        if entity is None:
            continue
        facts = [(entity, IG.mentionedIn, plan)]
        if m.type == "Policy":
            facts.append((plan, IG.cites, entity))
        if m.unit:
            facts.append((unit_iri(doc, m.unit), IG.mentions, entity))
        for fact in facts:
            if fact not in seen_facts:
                seen_facts.add(fact)
                yield fact
    for r in ex.responsibilities:
        body = entity_iri(ids.keys[(r.body.span, r.body.name)])
        measure = unit_iri(doc, r.measure)
        yield from statement_triples(doc, body, IG.responsibleFor, measure, r.body, r.body.rule, role=r.role, listPosition=r.position)
        if r.lead:
            yield from statement_triples(doc, body, IG.leads, measure, r.body, r.body.rule, role=r.role, listPosition=r.position)
    for rel in ex.relations:
        s = entity_iri(ids.keys[(rel.subject.span, rel.subject.name)])
        if rel.object.type == "Place":
            o = place_iri(rel.object.name)
            evidence = rel.subject
        elif rel.object.type == "Status":
            o = status_iri(rel.object.name)  # described in the shared graph
            evidence = rel.subject
        else:
            o = entity_iri(ids.keys[(rel.object.span, rel.object.name)])
            evidence = rel.object
        yield from statement_triples(doc, s, IG[rel.predicate], o, evidence, rel.rule)
    for k, t in enumerate(ex.targets):
        yield from target_triples(doc, t, k)
        if t.sentence not in seen_sentences:
            seen_sentences.add(t.sentence)
            yield from sentence_triples(doc, t.sentence)


def target_triples(doc: Document, t, k: int) -> Iterator[Triple]:
    plan = plan_iri(doc)
    node = target_iri(doc, t, k)
    indicator = indicator_iri(t.indicator)
    yield plan, IG.hasTarget, node
    yield node, RDF.type, IG.Target
    label = f"{t.indicator} {t.value_text or t.value}" + (f" ({t.year})" if t.year else "")
    yield node, RDFS.label, zh(label)
    yield node, IG.indicator, indicator
    yield node, IG.targetValue, Literal(Decimal(str(t.value)), datatype=XSD.decimal)
    if t.year:
        yield node, IG.targetYear, Literal(int(t.year), datatype=XSD.integer)
    if t.baseline is not None:
        yield node, IG.baselineValue, Literal(Decimal(str(t.baseline)), datatype=XSD.decimal)
    if t.baseline_year:
        yield node, IG.baselineYear, Literal(int(t.baseline_year), datatype=XSD.integer)
    for prop, value in ((IG.unit, t.unit), (IG.qualifier, t.qualifier), (IG.valueText, t.value_text)):
        if value:
            yield node, prop, Literal(value)
    if t.measure:
        yield node, IG.setIn, unit_iri(doc, t.measure)
    evidence = span_iri(doc, t.span, "v")
    yield node, PROV.wasDerivedFrom, evidence
    yield node, IG.foundBy, text_literal(t.rule)
    yield evidence, RDF.type, NIF.Phrase
    yield evidence, NIF.referenceContext, plan
    yield evidence, NIF.beginIndex, integer_literal(t.span[0])
    yield evidence, NIF.endIndex, integer_literal(t.span[1])
    yield evidence, NIF.anchorOf, zh(doc.snippet(t.span))
    yield evidence, NIF.sentence, span_iri(doc, t.sentence, "s")


def entity_triples(entities: dict[str, Entity]) -> Iterator[Triple]:
    for key, e in entities.items():
        node = entity_iri(key)
        yield node, RDF.type, IG[e.type]
        yield node, RDFS.label, zh(e.label)
        for alt in e.alt_labels:
            yield node, SKOS.altLabel, zh(alt)


def plan_quads(ex: Extraction, ids: PlanIdentities, lexicon: Lexicon) -> Iterator[tuple]:
    """One plan's triples in its own named graph."""
    g = plan_graph_iri(ex.document)
    for s, p, o in extraction_triples(ex, ids, lexicon):
        yield s, p, o, g


def shared_graph_triples(entities: dict[str, Entity], places: Iterable[str] = (), indicators: Iterable[str] = (),
                         statuses: Iterable[str] = ()) -> Iterator[Triple]:
    """The shared graph: entities' types, labels and aliases; places, indicators and statuses."""
    yield from entity_triples(entities)
    yield from shared_triples(places, indicators, statuses)


def entity_quads(entities: dict[str, Entity], places: Iterable[str] = (), indicators: Iterable[str] = (),
                 statuses: Iterable[str] = ()) -> Iterator[tuple]:
    """The shared graph's triples in its named graph."""
    for s, p, o in shared_graph_triples(entities, places, indicators, statuses):
        yield s, p, o, ENTITY_GRAPH


def build_quads(extractions: Iterable[Extraction], lexicon: Lexicon, rules: AliasRules | None = None) -> Iterator[tuple]:
    """Resolve identities across all plans; yield each plan's triples in its own named graph."""
    rules = rules if rules is not None else load_alias_rules()
    plans = [(ex, resolve_plan(ex, lexicon, rules)) for ex in extractions]
    shared = [shared_names(ex) for ex, _ in plans]
    places = {p for ps, _, _ in shared for p in ps}
    indicators = {i for _, inds, _ in shared for i in inds}
    statuses = {st for _, _, sts in shared for st in sts}
    yield from entity_quads(combine_identities(ids for _, ids in plans), sorted(places), sorted(indicators), sorted(statuses))
    for ex, ids in plans:
        yield from plan_quads(ex, ids, lexicon)


def build_graph(
    extractions: Iterable[Extraction], lexicon: Lexicon, graph: Graph | None = None, rules: AliasRules | None = None
) -> Graph:
    """All plans' triples in one plain graph (the union of the dataset's named graphs)."""
    graph = graph if graph is not None else Graph()
    bind_prefixes(graph)
    graph.addN((s, p, o, graph) for s, p, o, _ in build_quads(extractions, lexicon, rules))
    return graph
