"""innograph in a notebook: open a store, ask it, get a pandas DataFrame or an rdflib Graph.

The same calls the app and the command line make, in five names::

    from graph import notebook as ig

    g = ig.open_graph()                        # the default store; or a folder, a graph file, sparql+http://…
    ig.queries()                               # the example queries: name, titles, parameters
    ig.frame(g, "01_responsibility", city="洛阳市")   # an example by name → DataFrame
    ig.frame(g, "SELECT ?lab ?label WHERE { ?lab a ig:Lab ; rdfs:label ?label }")  # or any SELECT
    ig.table(g, "targets")                     # a table as ``innograph export --format csv`` writes it
    ig.construct(g, "CONSTRUCT { ?lab ?p ?o } WHERE { ?lab a ig:Lab ; ?p ?o }")  # → rdflib.Graph

Values come back as the views see them on every kind of store: numbers as numbers, booleans as
booleans, IRIs and text as strings. A query runs as ``run_query`` runs it: read-only, with the
project's prefixes declared for you; ``max_rows`` caps what a large answer brings back.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rdflib import Graph

from .paths import DEFAULT_STORE
from .query import QUERY_DIR, QueryError, construct_graph, get_query, list_queries, run_query
from .store import StoreError, is_remote, load_graph, open_location
from .view.export import TABLES

__all__ = ["construct", "frame", "open_graph", "queries", "table"]


def open_graph(location: str | Path | None = None) -> Graph:
    """A store folder (the default store of ``innograph build`` when None), a graph file
    (.ttl, .nt, .trig …) or a remote store (``sparql+http://host:port/sparql``)."""
    if location is None:
        if not Path(DEFAULT_STORE).is_dir():
            raise StoreError(f"{DEFAULT_STORE}: no store yet; build one first (innograph build data/plans --store …)")
        location = DEFAULT_STORE
    if is_remote(location):
        return open_location(str(location))
    return load_graph(location)


def queries() -> pd.DataFrame:
    """The example queries: their names (what ``frame`` takes), titles and parameters."""
    return pd.DataFrame([{"name": q.name, "title_en": q.title("en"), "title_zh": q.title("zh"),
                          "params": ", ".join(q.params), "about": q.about("en")} for q in list_queries()])


def frame(graph: Graph, query: str, max_rows: int | None = None, **params) -> pd.DataFrame:
    """An example query by name, or SELECT text, as a DataFrame (one column per variable)."""
    text = _text(query)
    result = run_query(graph, text, max_rows=max_rows, **params)
    return pd.DataFrame(list(result.rows), columns=list(result.columns))


def table(graph: Graph, name: str) -> pd.DataFrame:
    """One of the tables the CSV export writes (entities, relations, responsibilities, targets)."""
    if name not in TABLES:
        raise QueryError(f"no table named {name!r}; known: {', '.join(TABLES)}")
    return frame(graph, get_query(name, QUERY_DIR / "tables").text)


def construct(graph: Graph, query: str, **params) -> Graph:
    """A CONSTRUCT or DESCRIBE (text, or an example's name) as an rdflib Graph."""
    return construct_graph(graph, _text(query), **params)


def _text(query: str) -> str:
    """An example's text when the argument is an example's name, else the argument itself."""
    if query.strip() and " " not in query.strip() and "{" not in query:
        return get_query(query.strip()).text  # a name that is no example is a QueryError listing the known ones
    return query
