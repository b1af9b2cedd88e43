"""The only place where innograph's IRIs and prefixes are defined."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

IG = Namespace("https://w3id.org/innograph/ontology#")
"""Ontology terms (classes and properties named in ontology.md)."""

IGD = Namespace("https://w3id.org/innograph/id/")
"""Data: plans, measures, entities, mentions, targets."""

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
"""NIF 2.0 offsets: every mention and sentence is a nif:String with begin/end in its plan."""

ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "ig": IG,
    "igd": IGD,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "org": ORG,
    "schema": SCHEMA,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}

ENTITY_TYPES = (
    "Lab",
    "Park",
    "Firm",
    "University",
    "Institute",
    "Platform",
    "Program",
    "Department",
    "Fund",
    "Policy",
)
"""The ten entity classes of ontology.md, in the order the app lists them."""

RELATION_PROPERTIES = ("ledBy", "participant", "supportedBy", "partnerOf", "locatedIn", "upgradeTo")


GRAPH_PREFIX = str(IGD["graph/"])
"""Where innograph's named graphs are (a plan's, the entities'): what is innograph's own in a
store that holds other data too (a shared Virtuoso's system graphs)."""

BUILD_GRAPH = IGD["build"]
"""The graph that keeps a remote store's build manifest (outside GRAPH_PREFIX: not data)."""

ENTITY_PREFIX = str(IGD["entity/"])  # the IRIs of entities (graph/build/iris.py makes them)


def entity_short_key(iri: str) -> str:
    """The hash that ends an entity's IRI (what an entity page's address carries); "" for
    anything that is not an entity (a place, a status, a plan)."""
    return iri[len(ENTITY_PREFIX):] if iri.startswith(ENTITY_PREFIX) else ""


def entity_iri_of_short_key(short: str) -> URIRef:
    """The entity IRI a short key names (the inverse of ``entity_short_key``)."""
    return URIRef(ENTITY_PREFIX + short)


def bind_prefixes(graph) -> None:
    """Bind every project prefix so serialisations and queries read alike."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
