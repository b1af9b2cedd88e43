"""Shared fixtures: the bundled plans, their documents and extractions, and the built graph."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from graph.extract import extract_document
from graph.ingest.documents import read_document
from graph.pipeline import build_plans
from graph.vocabulary.lexicon import default_lexicon

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"
DATA = Path(__file__).resolve().parent / "data"

# The bundled plans by city, as their files are named in data/plans.
LUOYANG = PLANS / "000_a2f0b9b1f0debbd3.txt"
HEBI = PLANS / "001_212b46a45c93198b.txt"
YIYANG = PLANS / "002_5c5f9bd7b8c36b0f.txt"
ZHENGZHOU = PLANS / "003_419ed8c8abbe28d5.txt"


@pytest.fixture(scope="session")
def lexicon():
    return default_lexicon()


@pytest.fixture(scope="session")
def documents():
    return {city: read_document(path) for city, path in
            (("luoyang", LUOYANG), ("hebi", HEBI), ("yiyang", YIYANG), ("zhengzhou", ZHENGZHOU))}


@pytest.fixture(scope="session")
def extractions(documents):
    return {city: extract_document(doc) for city, doc in documents.items()}


@pytest.fixture(scope="session")
def bundled_graph():
    return build_plans([PLANS])


def extract_data_file(name: str):
    """The extraction of a plan written for the tests (tests/data/NAME), read as a user's file is."""
    from graph.extract import extract_document
    from graph.ingest.documents import read_document

    return extract_document(read_document(DATA / name))


def names(mentions, type_=None) -> set[str]:
    return {m.name for m in mentions if type_ is None or m.type == type_}


def example_bindings(query) -> dict:
    """Values for an example's parameters, as a user gives them: a name, and a city where one is needed."""
    values = {"name": "龙门实验室", "city": "洛阳市"}
    return {p: values[p] for p in query.required()}


def console_editor_key(app) -> str:
    """The key of the SPARQL console's editor (a component: AppTest sees what it was sent)."""
    return next(e.key for e in app.main if e.type == "component_instance" and e.key.startswith("sparql_editor_"))


def console_text(app) -> str:
    """The query the console's editor was given to show."""
    import json

    editor = next(e for e in app.main if e.type == "component_instance" and e.key == console_editor_key(app))
    return json.loads(editor.proto.json_args)["code"]


def type_in_console(app, query: str, submit: bool = False) -> None:
    """As the editor sends its text after a change (Ctrl+Enter: as a submit), then a rerun."""
    number = next(_editor_events)
    app.session_state[console_editor_key(app)] = {"id": f"e{number}", "type": "submit" if submit else "", "text": query,
                                                  "lang": "sparql", "selected": "", "cursor": ""}
    app.run()


def run_in_console(app, query: str) -> None:
    """Type a query and press Run."""
    type_in_console(app, query)
    next(b for b in app.button if b.label == "运行").click().run()


_editor_events = itertools.count()
