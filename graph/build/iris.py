"""The one place IRIs are minted: each a hash of what it names, so a build of the same input
gives the same IRIs (plan text, identity key, offsets, a concept's name)."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from rdflib import URIRef

from ..model import Document, Span
from ..namespaces import GRAPH_PREFIX, IGD
from ..resolve import indicator_key


def _hash(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def plan_iri(doc: Document) -> URIRef:
    return IGD[f"plan/{doc.doc_id}"]


def unit_iri(doc: Document, number: str) -> URIRef:
    return IGD[f"plan/{doc.doc_id}/unit/{_hash(number)}"]


def statement_iri(doc: Document, triple: tuple, span: Span) -> URIRef:
    """The statement (ig:Statement, an RDF reification) of a triple as one phrase of a plan says it."""
    return IGD[f"plan/{doc.doc_id}/stmt/{_hash(*triple, span)}"]


def target_iri(doc: Document, target, k: int) -> URIRef:
    """A target as stated, and its place among the plan's targets (a sentence may state two alike)."""
    return IGD[f"plan/{doc.doc_id}/target/{_hash(target.span, target.indicator, target.value, target.year, k)}"]


def entity_iri(key: str) -> URIRef:
    return IGD[f"entity/{_hash(key)}"]


def place_iri(name: str) -> URIRef:
    return IGD[f"place/{_hash(name)}"]


def status_iri(name: str) -> URIRef:
    return IGD[f"status/{_hash(name)}"]


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


GRAPHS = URIRef(GRAPH_PREFIX)


ENTITY_GRAPH = URIRef(f"{GRAPHS}entities")


def plan_graph_iri(doc: Document) -> URIRef:
    return plan_graph_iri_of(doc.doc_id)


def plan_graph_iri_of(doc_id: str) -> URIRef:
    """The named graph of a plan, by its content hash (what a store's manifest keeps)."""
    return URIRef(f"{GRAPHS}{doc_id}")
