"""SHACL: the bundled build conforms; every shape has a valid and an invalid example."""

from pathlib import Path

import pytest
from rdflib import Graph

from graph.analyse.validate import ONTOLOGY_DIR, validate_graph

from .conftest import ROOT

EXAMPLES = sorted((ONTOLOGY_DIR / "examples").glob("*.ttl"))
SHAPE_NAMES = sorted({p.name.split("-")[0] for p in EXAMPLES})


def test_every_top_level_shape_has_both_examples():
    from rdflib.namespace import SH

    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    targeted = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(SH.targetClass, None)}
    assert targeted == set(SHAPE_NAMES)
    for name in SHAPE_NAMES:
        assert (ONTOLOGY_DIR / "examples" / f"{name}-valid-01.ttl").exists()
        assert (ONTOLOGY_DIR / "examples" / f"{name}-invalid-01.ttl").exists()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_outcome(path: Path):
    conforms, violations = validate_graph(Graph().parse(path))
    shape = path.name.split("-")[0]
    if "-valid-" in path.name:
        assert conforms, [str(v) for v in violations]
    else:
        assert not conforms
        assert shape in {v.shape for v in violations}, [str(v) for v in violations]
        assert all(v.message for v in violations)


def test_bundled_build_conforms(bundled_graph):
    conforms, violations = validate_graph(bundled_graph)
    assert conforms, [str(v) for v in violations[:10]]


def test_ontology_terms_have_labels_in_both_languages_and_definitions():
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    onto = Graph().parse(ONTOLOGY_DIR / "innograph.ttl")
    terms = set(onto.subjects(RDF.type, OWL.Class)) | set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(
        onto.subjects(RDF.type, OWL.DatatypeProperty))
    terms = {t for t in terms if str(t).startswith("https://w3id.org/innograph/")}  # not the other vocabularies it declares
    assert len(terms) > 50
    for term in terms:
        languages = {label.language for label in onto.objects(term, RDFS.label)}
        assert {"zh", "en"} <= languages, term
        assert onto.value(term, SKOS.definition), term


def test_graph_uses_only_ontology_terms(bundled_graph):
    from rdflib.namespace import RDF

    from graph.namespaces import IG

    onto = Graph().parse(ONTOLOGY_DIR / "innograph.ttl")
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(IG))}
    used = {p for p in bundled_graph.predicates() if str(p).startswith(str(IG))}
    used |= {o for o in bundled_graph.objects(None, RDF.type) if str(o).startswith(str(IG))}
    assert used <= declared, used - declared


def test_validate_command(tmp_path):
    from click.testing import CliRunner

    from graph.cli import cli

    ok = CliRunner().invoke(cli, ["validate", "--graph", str(ONTOLOGY_DIR / "examples" / "LabShape-valid-01.ttl")])
    assert ok.exit_code == 0 and "conforms" in ok.output
    bad = CliRunner().invoke(cli, ["validate", "--graph", str(ONTOLOGY_DIR / "examples" / "TargetShape-invalid-01.ttl")])
    assert bad.exit_code == 1
    assert "[TargetShape]" in bad.output and "exactly one value (xsd:decimal)" in bad.output


def test_store_build_conforms():
    """What `innograph validate` checks by default: the graph as Oxigraph stores it."""
    from graph.pipeline import build_plans

    from .conftest import PLANS

    conforms, violations = validate_graph(build_plans([PLANS], named_graphs=True))
    assert conforms, [str(v) for v in violations[:10]]


OWL2_DATATYPES = {  # the OWL 2 datatype map (OWL 2 Structural Specification, 4)
    "rdfs:Literal", "rdf:PlainLiteral", "rdf:XMLLiteral", "owl:real", "owl:rational", "xsd:decimal", "xsd:integer",
    "xsd:nonNegativeInteger", "xsd:nonPositiveInteger", "xsd:positiveInteger", "xsd:negativeInteger", "xsd:long",
    "xsd:int", "xsd:short", "xsd:byte", "xsd:unsignedLong", "xsd:unsignedInt", "xsd:unsignedShort", "xsd:unsignedByte",
    "xsd:double", "xsd:float", "xsd:string", "xsd:normalizedString", "xsd:token", "xsd:language", "xsd:Name",
    "xsd:NCName", "xsd:NMTOKEN", "xsd:boolean", "xsd:hexBinary", "xsd:base64Binary", "xsd:anyURI", "xsd:dateTime",
    "xsd:dateTimeStamp",
}


def test_every_datatype_the_ontology_names_is_an_owl2_datatype():
    from rdflib import OWL, RDF, RDFS, Graph

    onto = Graph().parse(ROOT / "ontology" / "innograph.ttl")
    ranges = {onto.namespace_manager.normalizeUri(r) for p in onto.subjects(RDF.type, OWL.DatatypeProperty)
              for r in onto.objects(p, RDFS.range)}
    assert ranges and ranges <= OWL2_DATATYPES, ranges - OWL2_DATATYPES


def test_hermit_accepts_the_ontology_as_owl2_dl(tmp_path):
    """HermiT (through owlready2, on the machine's Java) loads and classifies the ontology: it
    refuses datatypes outside OWL 2 DL, as it refused xsd:gYear ranges."""
    import shutil

    owlready2 = pytest.importorskip("owlready2")
    if not shutil.which("java"):
        pytest.skip("no java on this machine: HermiT needs it (.ci/run installs it)")
    from rdflib import Graph

    Graph().parse(ROOT / "ontology" / "innograph.ttl").serialize(tmp_path / "innograph.owl", format="xml")
    world = owlready2.World()
    onto = world.get_ontology((tmp_path / "innograph.owl").as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
