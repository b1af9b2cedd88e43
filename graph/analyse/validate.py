"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL.

Violations are reported as plain records (which shape, which node, which property, the
shape's own message) so the CLI and tests can print and assert them readably.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ..paths import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class Violation:
    shape: str  # local name of the node shape the broken rule belongs to
    focus: str  # the node that breaks it
    focus_label: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f"{self.focus_label} <{self.focus}>" if self.focus_label else f"<{self.focus}>"
        path = f" {self.path}:" if self.path else ""
        return f"[{self.shape}] {where}{path} {self.message}"


def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def _local(term) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _node_shape(shapes: Graph, shape) -> URIRef:
    """The named node shape a (possibly blank) property shape belongs to."""
    for parent in shapes.subjects(SH.property, shape):
        return parent
    return shape


def validate_graph(graph: Graph, shapes: Graph | None = None) -> tuple[bool, list[Violation]]:
    """Validate; return whether the graph conforms and its violations, one record each."""
    from pyshacl import validate

    if isinstance(graph, Dataset):
        from ..store import flatten

        graph = flatten(graph)
    shapes = shapes if shapes is not None else load_shapes()
    conforms, report, _ = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        source = _node_shape(shapes, report.value(result, SH.sourceShape))
        path = report.value(result, SH.resultPath)
        messages = [str(m) for m in report.objects(result, SH.resultMessage)]
        label = graph.value(focus, RDFS.label)
        violations.append(Violation(
            shape=_local(source),
            focus=str(focus),
            focus_label=str(label) if label else "",
            path=_local(path) if path is not None and not isinstance(path, type(result)) else "",
            message="; ".join(messages),
            severity=_local(report.value(result, SH.resultSeverity)),
        ))
    return bool(conforms), sorted(violations, key=lambda v: (v.shape, v.focus, v.path))
