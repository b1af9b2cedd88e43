"""The one place that mints IRIs and turns extractions into RDF triples with provenance.

Every fact carries its source: a mention is a ``nif:Phrase`` with begin/end offsets in its
plan and a ``nif:sentence``; a relation, responsibility or target is also stated as an
``rdf:Statement`` (or node) that ``prov:wasDerivedFrom`` such a phrase. IRIs are hashes of
what they name (plan text, identity key, offsets), so the same input gives the same IRIs.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..model import Document, Extraction, Mention, Span
from ..namespaces import IG, IGD, ITSRDF, NIF, bind_prefixes
from ..resolve import Entity, PlanIdentities, combine_identities, identity_key, indicator_key, resolve_plan, scope_name
from ..resolve.rules import AliasRules, load_alias_rules
from ..vocabulary.lexicon import Lexicon

Triple = tuple


class _Terms:
    """A namespace whose terms are made once. rdflib makes a new URIRef on every attribute
    access; with a plan's hundred thousand triples that was a tenth of its build."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = self._namespace[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)


DCTERMS, PROV, RDF, RDFS, SKOS, XSD, IG, ITSRDF, NIF = map(_Terms, (DCTERMS, PROV, RDF, RDFS, SKOS, XSD, IG, ITSRDF, NIF))


@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


@lru_cache(maxsize=1 << 12)
def _text(value: str) -> Literal:
    """A plain literal of a short, often repeated text (a rule's name, a role)."""
    return Literal(value)


def _hash(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def plan_iri(doc: Document) -> URIRef:
    return IGD[f"plan/{doc.doc_id}"]


def unit_iri(doc: Document, number: str) -> URIRef:
    return IGD[f"plan/{doc.doc_id}/unit/{_hash(number)}"]


def entity_iri(key: str) -> URIRef:
    return IGD[f"entity/{_hash(key)}"]


def place_iri(name: str) -> URIRef:
    return IGD[f"place/{_hash(name)}"]


def status_iri(name: str) -> URIRef:
    return IGD[f"status/{_hash(name)}"]


def status_triples(name: str) -> Iterator[Triple]:
    """A status (省级高新区) is a concept, not an entity: one node for every plan that names it
    (its IRI is its name's hash), described once in the shared graph."""
    node = status_iri(name)
    yield node, RDF.type, IG.Status
    yield node, RDFS.label, zh(name)
    yield node, SKOS.prefLabel, zh(name)
    yield node, SKOS.inScheme, IG.StatusScheme


@lru_cache(maxsize=1)
def _indicator_synonyms() -> dict[str, str]:
    from ..vocabulary.lexicon import default_lexicon

    return dict(default_lexicon().indicator_synonyms)


def indicator_concept(name: str) -> str:
    """The indicator a target's wording measures, with the lexicon's synonyms (研发投入强度 → 研发经费投入强度)."""
    return indicator_key(name, _indicator_synonyms())


def indicator_iri(name: str) -> URIRef:
    """One concept per quantity, whatever the wording (高新技术企业数 / 高新技术企业数量)."""
    return IGD[f"indicator/{_hash(indicator_concept(name))}"]


def span_iri(doc: Document, span: Span, kind: str = "m") -> URIRef:
    return IGD[f"plan/{doc.doc_id}/{kind}/{span[0]}-{span[1]}"]


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def date_literal(value: str, path: str) -> Literal:
    """A plan's date typed as xsd:date (or xsd:gYearMonth); an impossible one (2019-02-30) is kept
    as the text it was, with a warning, instead of an ill-typed literal.

    >>> date_literal("2019-02-30", "p.txt").datatype is None, str(date_literal("2019-03", "p.txt").datatype)[-10:]
    (True, 'gYearMonth')
    """
    try:
        datetime.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        logging.getLogger("innograph").warning("%s: the date %s does not exist; kept as text", path, value)
        return Literal(value)
    return Literal(value, datatype=XSD.date if len(value) == 10 else XSD.gYearMonth)


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
        yield plan, IG.periodStart, Literal(meta.period_start, datatype=XSD.gYear)
    if meta.period_end:
        yield plan, IG.periodEnd, Literal(meta.period_end, datatype=XSD.gYear)
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


def shared_triples(places: Iterable[str], indicators: Iterable[str], statuses: Iterable[str] = ()) -> Iterator[Triple]:
    for name in statuses:
        yield from status_triples(name)
    for name in places:
        yield place_iri(name), RDF.type, IG.Place
        yield place_iri(name), RDFS.label, zh(name)
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
        yield node, NIF.beginIndex, _integer(u.span[0])
        yield node, NIF.endIndex, _integer(u.span[1])
        if is_measure:  # a section's text is its parts' again (a chapter held every measure twice): its span says where it is
            yield node, IG.text, zh(doc.snippet(u.span))


def sentence_triples(doc: Document, span: Span) -> Iterator[Triple]:
    node = span_iri(doc, span, "s")
    yield node, RDF.type, NIF.Sentence
    yield node, NIF.referenceContext, plan_iri(doc)
    yield node, NIF.beginIndex, _integer(span[0])
    yield node, NIF.endIndex, _integer(span[1])
    yield node, NIF.anchorOf, zh(doc.snippet(span))


def mention_triples(doc: Document, m: Mention, entity: URIRef | None) -> Iterator[Triple]:
    """A mention is a nif:Phrase: where in which plan, in which sentence, found by which rule."""
    node = span_iri(doc, m.span)
    yield node, RDF.type, IG.Mention
    yield node, NIF.referenceContext, plan_iri(doc)
    yield node, NIF.beginIndex, _integer(m.span[0])
    yield node, NIF.endIndex, _integer(m.span[1])
    yield node, NIF.anchorOf, zh(doc.snippet(m.span))
    yield node, NIF.sentence, span_iri(doc, m.sentence, "s")
    yield node, IG.foundBy, _text(m.rule)
    if entity is not None:
        yield node, ITSRDF.taIdentRef, entity


def statement_triples(doc, s, p, o, evidence: Mention, rule: str, **extra) -> Iterator[Triple]:
    """State s p o, and the same as an rdf:Statement derived from the evidence phrase."""
    yield s, p, o
    node = IGD[f"plan/{doc.doc_id}/stmt/{_hash(s, p, o, evidence.span)}"]
    yield node, RDF.type, RDF.Statement
    yield node, RDF.subject, s
    yield node, RDF.predicate, p
    yield node, RDF.object, o
    yield node, PROV.wasDerivedFrom, span_iri(doc, evidence.span)
    yield node, IG.foundBy, _text(rule)
    for key, value in extra.items():
        yield node, IG[key], Literal(value) if isinstance(value, int) else _text(value)


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
    node = IGD[f"plan/{doc.doc_id}/target/{_hash(t.span, t.indicator, t.value, t.year, k)}"]
    indicator = indicator_iri(t.indicator)
    yield plan, IG.hasTarget, node
    yield node, RDF.type, IG.Target
    label = f"{t.indicator} {t.value_text or t.value}" + (f" ({t.year})" if t.year else "")
    yield node, RDFS.label, zh(label)
    yield node, IG.indicator, indicator
    yield node, IG.targetValue, Literal(Decimal(str(t.value)), datatype=XSD.decimal)
    if t.year:
        yield node, IG.targetYear, Literal(str(t.year), datatype=XSD.gYear)
    if t.baseline is not None:
        yield node, IG.baselineValue, Literal(Decimal(str(t.baseline)), datatype=XSD.decimal)
    if t.baseline_year:
        yield node, IG.baselineYear, Literal(str(t.baseline_year), datatype=XSD.gYear)
    for prop, value in ((IG.unit, t.unit), (IG.qualifier, t.qualifier), (IG.valueText, t.value_text)):
        if value:
            yield node, prop, Literal(value)
    if t.measure:
        yield node, IG.setIn, unit_iri(doc, t.measure)
    evidence = span_iri(doc, t.span, "v")
    yield node, PROV.wasDerivedFrom, evidence
    yield node, IG.foundBy, _text(t.rule)
    yield evidence, RDF.type, NIF.Phrase
    yield evidence, NIF.referenceContext, plan
    yield evidence, NIF.beginIndex, _integer(t.span[0])
    yield evidence, NIF.endIndex, _integer(t.span[1])
    yield evidence, NIF.anchorOf, zh(doc.snippet(t.span))
    yield evidence, NIF.sentence, span_iri(doc, t.sentence, "s")


def entity_triples(entities: dict[str, Entity]) -> Iterator[Triple]:
    for key, e in entities.items():
        node = entity_iri(key)
        yield node, RDF.type, IG[e.type]
        yield node, RDFS.label, zh(e.label)
        for alt in e.alt_labels:
            yield node, SKOS.altLabel, zh(alt)


GRAPHS = IGD["graph/"]
"""Every named graph innograph writes is under this IRI (a shared store may hold others)."""

ENTITY_GRAPH = URIRef(f"{GRAPHS}entities")
"""The named graph of what no single plan owns: entities' types, labels and aliases."""


def plan_graph_iri(doc: Document) -> URIRef:
    return plan_graph_iri_of(doc.doc_id)


def plan_graph_iri_of(doc_id: str) -> URIRef:
    """The named graph of a plan, by its content hash (what a store's manifest keeps)."""
    return URIRef(f"{GRAPHS}{doc_id}")


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


ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term) -> str:
    # exact type tests first: an isinstance test on rdflib's terms goes through abc (a tenth of this)
    if type(term) is URIRef:
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str.translate(term, ESCAPES)
        if term.language:
            return f'"{text}"@{term.language}'
        return f'"{text}"^^<{term.datatype}>' if term.datatype else f'"{text}"'
    return f"<{term}>"


def to_ntriples(triples: Iterable[tuple]) -> str:
    r"""N-Triples text of the triples, one line each (the form plans travel in between processes).

    Written directly: converting every term for a serialiser took half of a plan's build.
    No line holds a raw line break (it is escaped), which ``store.graph_block`` relies on.

    >>> to_ntriples([(IGD["a"], RDFS.label, Literal('龙门"实验室"\n', lang="zh"))])
    '<https://w3id.org/innograph/id/a> <http://www.w3.org/2000/01/rdf-schema#label> "龙门\\"实验室\\"\\n"@zh .\n'
    """
    return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples)


def build_graph(
    extractions: Iterable[Extraction], lexicon: Lexicon, graph: Graph | None = None, rules: AliasRules | None = None
) -> Graph:
    """All plans' triples in one plain graph (the union of the dataset's named graphs)."""
    graph = graph if graph is not None else Graph()
    bind_prefixes(graph)
    graph.addN((s, p, o, graph) for s, p, o, _ in build_quads(extractions, lexicon, rules))
    return graph
