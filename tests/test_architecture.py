"""Guards on the shape of the code: the package never imports the UI; the app holds no SPARQL."""

import ast
from pathlib import Path

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
