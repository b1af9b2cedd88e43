"""Guards on the shape of the code: the package never imports the UI; the app holds no SPARQL."""

import ast
from pathlib import Path

import pytest

from .conftest import ROOT


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_graph_package_never_imports_streamlit():
    for path in (ROOT / "graph").rglob("*.py"):
        assert "streamlit" not in imported_modules(path), path


def test_app_has_no_sparql_or_triples():
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "SELECT " not in text and "rdflib" not in text, path


def test_ui_strings_are_defined_once():
    from app_pages.strings import STRINGS

    assert all(set(v) >= {"zh", "en"} for v in STRINGS.values())
    for path in (ROOT / "app_pages").glob("*_view.py"):
        for key in __import__("re").findall(r"\bt\(\"([a-z_]+)\"", path.read_text(encoding="utf-8")):
            assert key in STRINGS, (path.name, key)


def package_imports() -> dict[str, set[str]]:
    """Each module of graph/ and the modules of graph/ it imports, anywhere in its body."""
    modules = {}
    for path in (ROOT / "graph").rglob("*.py"):
        parts = path.relative_to(ROOT / "graph").with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__") or "graph"
        package = parts[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = list(package[: len(package) - node.level + 1])
                target = ".".join(base + ([node.module] if node.module else []))
                found |= {target} if node.module else {".".join(base + [a.name]) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("graph."):
                found.add(node.module[len("graph."):])
        modules[name] = found
    return {name: {t for t in targets if t in modules and t != name} for name, targets in modules.items()}


def test_the_package_imports_no_circle():
    """Data flows one way: no module imports, even inside a function, one that imports it back."""
    import networkx as nx

    imports = nx.DiGraph([(a, b) for a, targets in package_imports().items() for b in targets])
    assert list(nx.simple_cycles(imports)) == []


# The stages of graph/ in the order a plan passes through them; a module may import its own
# stage and the stages before it, never one after (the foundation is below every stage).
STAGES = ("namespaces model paths", "vocabulary", "ingest", "extract", "resolve", "build", "store", "query",
          "analyse", "view", "pipeline", "cli notebook __main__")
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names.split()}


def stage_of(module: str) -> str:
    return module.split(".")[0]


def test_every_module_belongs_to_a_stage():
    assert {stage_of(m) for m in package_imports() if m != "graph"} <= set(RANK)


def test_no_module_imports_a_stage_above_its_own():
    above = [(m, t) for m, targets in package_imports().items() if m != "graph"
             for t in targets if RANK[stage_of(t)] > RANK[stage_of(m)]]
    assert above == []


def test_the_architecture_check_sees_an_import_from_above(tmp_path, monkeypatch):
    """The check itself: a store module reaching up into the pipeline is caught."""
    import shutil
    import sys

    here = sys.modules[__name__]
    shutil.copytree(ROOT / "graph", tmp_path / "graph", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "graph" / "store" / "reaching_up.py").write_text("from ..pipeline import build_store\n")
    monkeypatch.setattr(here, "ROOT", tmp_path)
    assert ("store.reaching_up", "pipeline") in [(m, t) for m, ts in package_imports().items() for t in ts]
    with pytest.raises(AssertionError):
        test_no_module_imports_a_stage_above_its_own()


def test_the_store_reads_no_other_stage():
    """Where graphs are kept knows nothing of how they are made: the foundation only."""
    assert {stage_of(t) for m, ts in package_imports().items() if stage_of(m) == "store" for t in ts} <= {"store", "namespaces", "paths"}
