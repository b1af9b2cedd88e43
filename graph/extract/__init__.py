"""Extraction: pure functions from a Document to mentions, responsibilities, targets, relations.

``STAGES`` is the explicit, ordered list of stages; each takes the Document, the lexicon
and what earlier stages found, and returns an Extraction with its own part filled in.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Extraction
from ..vocabulary.lexicon import Lexicon, default_lexicon
from .entities import extract_entities
from .relations import extract_relations
from .responsibility import extract_responsibilities
from .targets import extract_targets


def _entities(ex: Extraction, lexicon: Lexicon) -> Extraction:
    rejected: list = []
    mentions = tuple(extract_entities(ex.document, lexicon, rejected))
    return replace(ex, mentions=mentions, rejected=tuple(rejected))


def _responsibilities(ex: Extraction, lexicon: Lexicon) -> Extraction:
    """A listed body is a whole name: a name found inside it that ends where it ends is
    that name cut short (区人民政府 of 光明区人民政府), and goes."""
    found, extra = extract_responsibilities(ex.document, lexicon, ex.mentions)
    starts = {m.span[1]: m.span[0] for m in extra}
    kept = tuple(m for m in ex.mentions if starts.get(m.span[1], m.span[0]) >= m.span[0])
    return replace(ex, responsibilities=tuple(found), mentions=kept + tuple(extra))


def _targets(ex: Extraction, lexicon: Lexicon) -> Extraction:
    return replace(ex, targets=tuple(extract_targets(ex.document, lexicon)))


def _relations(ex: Extraction, lexicon: Lexicon) -> Extraction:
    return replace(ex, relations=tuple(extract_relations(ex.document, lexicon, ex.mentions)))


STAGES = (_entities, _responsibilities, _targets, _relations)


def extract_document(document: Document, lexicon: Lexicon | None = None) -> Extraction:
    """Run every stage over one document."""
    lexicon = lexicon or default_lexicon()
    extraction = Extraction(document=document)
    for stage in STAGES:
        extraction = stage(extraction, lexicon)
    return extraction
