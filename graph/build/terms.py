"""RDF terms made once: the vocabulary's IRIs and the literals a build repeats.

rdflib makes a new URIRef on every attribute access and a new Literal on every call; with a
plan's hundred thousand triples that was a tenth of its build.
"""

from __future__ import annotations

import datetime
import logging
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..namespaces import IG, ITSRDF, NIF


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
def integer_literal(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


@lru_cache(maxsize=1 << 12)
def text_literal(value: str) -> Literal:
    """A plain literal of a short, often repeated text (a rule's name, a role)."""
    return Literal(value)


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
