"""The ontology is OWL 2 DL, with the data too, as outside tools judge it.

Two independent checkers: OWLAPI's OWL 2 DL profile check (Debian's libowlapi-java, through
the few lines of ``owl/ProfileCheck.java``, compiled here) and the HermiT reasoner (the jar
owlready2 ships), each run on the ontology alone and on the ontology with the bundled plans'
graph. The disjointness axioms are what let a reasoner catch an entity typed twice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.store import save_graph

from .conftest import ROOT

ONTOLOGY = ROOT / "ontology" / "innograph.ttl"
OWLAPI_JARS = Path("/usr/share/java")
REQUIRED = os.environ.get("CI") == "true"  # .ci/run installs Java and OWLAPI: missing there is a failure


def _need(ok: bool, what: str) -> None:
    if not ok:
        if REQUIRED:
            pytest.fail(f"{what} is missing (.ci/run installs it)")
        pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def profile_check(tmp_path_factory):
    """A command that prints OWLAPI's OWL 2 DL profile violations of a file, then their count."""
    _need(bool(shutil.which("javac")), "javac")
    _need((OWLAPI_JARS / "owlapi-distribution.jar").exists(), "libowlapi-java")
    classes = tmp_path_factory.mktemp("profile")
    classpath = f"{OWLAPI_JARS}/*"
    subprocess.run(["javac", "-cp", classpath, "-d", str(classes), str(Path(__file__).parent / "owl" / "ProfileCheck.java")],
                   check=True, capture_output=True, timeout=300)
    return ["java", "-cp", f"{classes}:{classpath}", "ProfileCheck"]


@pytest.fixture(scope="module")
def hermit():
    _need(bool(shutil.which("java")), "java")
    owlready2 = pytest.importorskip("owlready2")
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    _need(jar.exists(), "owlready2's HermiT.jar")
    return ["java", "-jar", str(jar)]


@pytest.fixture(scope="module")
def with_data(tmp_path_factory, bundled_graph):
    """The ontology and the bundled plans' graph in one Turtle file (N-Triples is Turtle)."""
    folder = tmp_path_factory.mktemp("owl")
    data = save_graph(bundled_graph, folder / "data.nt")
    both = folder / "ontology-and-data.ttl"
    both.write_text(ONTOLOGY.read_text(encoding="utf-8") + "\n" + data.read_text(encoding="utf-8"), encoding="utf-8")
    return both


def run(command: list[str], path: Path) -> str:
    done = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_ontology_alone_has_no_owl2_dl_violation(profile_check):
    report = run(profile_check, ONTOLOGY).splitlines()
    assert report[-1].endswith("OWL 2 DL violations: 0"), "\n".join(report[:20])


def test_the_ontology_with_the_bundled_data_has_no_owl2_dl_violation(profile_check, with_data):
    report = run(profile_check, with_data).splitlines()
    assert report[-1].endswith("OWL 2 DL violations: 0"), "\n".join(report[:20])
    axioms = int(report[-1].split("axioms: ")[1].split(";")[0])
    assert axioms > 10_000  # the data was read as OWL, not skipped


def test_the_profile_check_does_find_violations(profile_check, tmp_path):
    """The checker is not blind: rdf:Statement as a class and an undeclared class are refused."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<http://x/o> a owl:Ontology .\n"
                   "<http://x/s> a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> , <http://x/Undeclared> .\n",
                   encoding="utf-8")
    report = run(profile_check, bad)
    assert "reserved vocabulary" in report and "Use of undeclared class" in report


def test_hermit_finds_the_ontology_and_data_consistent_and_classifies_them(hermit, with_data, tmp_path):
    assert run([*hermit, "-k"], with_data).strip() == "http://www.w3.org/2002/07/owl#Thing is satisfiable."
    unsatisfiable = run([*hermit, "-U"], with_data).split()
    assert unsatisfiable == ["Classes", "equivalent", "to", "'owl:Nothing':", "owl:Nothing"]  # no class but owl:Nothing
    taxonomy = tmp_path / "taxonomy.owl"
    run([*hermit, "-c", "-o", str(taxonomy)], with_data)
    text = taxonomy.read_text(encoding="utf-8")
    assert "SubClassOf( <https://w3id.org/innograph/ontology#Lab> <http://www.w3.org/ns/org#Organization> )" in text


def test_hermit_catches_an_entity_typed_twice(hermit, with_data, tmp_path):
    """Disjointness: one IRI both a Lab and a Firm makes the ontology and data inconsistent."""
    twice = tmp_path / "twice.ttl"
    twice.write_text(with_data.read_text(encoding="utf-8") +
                     "\n<https://w3id.org/innograph/id/entity/x> a <https://w3id.org/innograph/ontology#Lab> , "
                     "<https://w3id.org/innograph/ontology#Firm> .\n", encoding="utf-8")
    done = subprocess.run([*hermit, "-k", str(twice)], capture_output=True, text=True, timeout=600, check=False)
    assert "InconsistentOntologyException" in done.stdout + done.stderr
