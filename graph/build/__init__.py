"""Build: resolved extractions become RDF, the only stage that makes triples.

``iris`` mints every IRI (hashes of what they name: the same input, the same IRIs);
``terms`` makes the vocabulary's terms and repeated literals once; ``triples`` turns
mentions, duties, targets and relations into triples with provenance, a named graph per
plan and one shared graph; ``ntriples`` writes them as the text workers hand the store. May
import the foundation, ``vocabulary``, ``ingest``, ``extract`` and ``resolve``.
"""

from .iris import (
    ENTITY_GRAPH,
    GRAPHS,
    entity_iri,
    indicator_concept,
    indicator_iri,
    place_iri,
    plan_graph_iri,
    plan_graph_iri_of,
    plan_iri,
    span_iri,
    status_iri,
    unit_iri,
)
from .ntriples import to_ntriples
from .terms import date_literal, zh
from .triples import (
    build_graph,
    build_quads,
    entity_quads,
    entity_triples,
    extraction_triples,
    plan_quads,
    plan_triples,
    shared_graph_triples,
    shared_names,
    shared_triples,
)

__all__ = [
    "ENTITY_GRAPH", "GRAPHS", "build_graph", "build_quads", "date_literal", "entity_iri", "entity_quads", "entity_triples",
    "extraction_triples", "indicator_concept", "indicator_iri", "place_iri", "plan_graph_iri", "plan_graph_iri_of", "plan_iri",
    "plan_quads", "plan_triples", "shared_graph_triples", "shared_names", "shared_triples", "span_iri", "status_iri",
    "to_ntriples", "unit_iri", "zh",
]
