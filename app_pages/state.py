"""Shared, cached resources of the app: the graph, its network, the language."""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from pathlib import Path

import streamlit as st

from graph.analyse import keep_first_view, kept_entity_network, kept_first_view, stored_entity_network
from graph.namespaces import entity_short_key
from graph.query.sandbox import Limits, QuerySandbox
from graph.query.summary import kept_summary
from graph.store import DEFAULT_STORE, import_query_engine, is_remote, open_location, published_generation
from graph.view.explore import list_plans

from .strings import text


def load_graph():
    """The graph every session shares, read-only: INNOGRAPH_STORE if set (a folder or
    sparql+http://…, opened as it is), else the bundled plans' store, brought up to date.
    A store folder is read at its published generation: when a build publishes a new one,
    the next page reads it."""
    location = os.environ.get("INNOGRAPH_STORE")
    if location and is_remote(location):
        return _opened_location(location)[0]
    if not location:
        _bundled_store_built()
    folder = store_folder()
    return _opened_generation(str(folder), str(published_generation(folder)))[0]


@st.cache_resource(show_spinner=False)
def _bundled_store_built() -> bool:
    from graph.pipeline import default_graph  # the whole pipeline: imported only where plans are built

    default_graph()
    return True


@st.cache_resource(show_spinner=False)
def _opened_location(location: str) -> tuple:
    """The graph in a 1-tuple: Streamlit's usage statistics call len() on what a cached
    function returns, and len() of a store counts every triple (20 s at 1.5M triples)."""
    return (open_location(location),)


@st.cache_resource(show_spinner=False, max_entries=1)
def _opened_generation(folder: str, generation: str) -> tuple:
    """A store's published generation, opened once per process (the previous one is let go)."""
    return (open_location(folder),)


QUERY_LIMITS = Limits(seconds=float(os.environ.get("INNOGRAPH_QUERY_SECONDS", "5")), rows=10_000, memory_mb=4096)


@st.cache_resource(show_spinner=False)
def query_sandbox() -> QuerySandbox:
    """Workers for the queries people type in the console: stopped after a few seconds, or
    when the page is left, whatever the engine is doing (see graph/query/sandbox.py)."""
    location = os.environ.get("INNOGRAPH_STORE")
    if not location:
        _bundled_store_built()
    return QuerySandbox(location or str(DEFAULT_STORE), QUERY_LIMITS)


# seconds after a first page is sent before background reading starts: the browser is still
# drawing it then, and needs the machine's cores for that
BACKGROUND_AFTER = 1.5


def _in_background(function, *args) -> None:
    timer = threading.Timer(BACKGROUND_AFTER, function, args=args)
    timer.daemon = True  # never what keeps a stopping server up
    timer.start()


@st.cache_resource(show_spinner=False)
def warm_up() -> bool:
    """Once a process has sent its first page, do in the background what a user's next step
    would otherwise wait for: import the store's query engine and Arrow (0.5-1 s), open the
    store, list its plans and read its kept summary (1.5 s at national scale)."""
    def imports() -> None:
        import_query_engine()
        importlib.import_module("pyarrow")
        with contextlib.suppress(Exception):  # a store that cannot be read says so on the page that reads it
            plan_list()
            kept_summary(load_graph())

    _in_background(imports)
    return True


def built_at_start() -> bool:
    """The bundled plans' store is brought up to date before anything is read from it; a
    store named by INNOGRAPH_STORE is read as it is, and opened when first asked."""
    return not os.environ.get("INNOGRAPH_STORE")


def store_folder() -> Path | None:
    """The folder of the store the app reads, if it is one on this machine."""
    location = os.environ.get("INNOGRAPH_STORE")
    if not location:
        return DEFAULT_STORE
    return None if is_remote(location) or not Path(location).is_dir() else Path(location)


def load_network(with_measures: bool):
    """The kept network if the store has one (the first page then waits for neither the
    store nor a query engine), else the network read from the store and kept; of the
    store's published generation, so a plan added in the explorer shows at once."""
    folder = store_folder()
    return _network(with_measures, str(published_generation(folder)) if folder else "")


@st.cache_resource(show_spinner=False, max_entries=2)
def _network(with_measures: bool, generation: str):
    kept = kept_entity_network(store_folder(), with_measures)
    if kept is None:
        return stored_entity_network(load_graph(), store_folder(), with_measures=with_measures)
    if not with_measures:
        keep_first_view(kept, store_folder())  # a store kept before first views were
    return kept


def plan_list():
    """The plans of the published generation (list_plans), asked once per generation: at
    national scale the list is 4,000 plans and 0.7 s of SPARQL, and every page wants it.
    A remote store has no generation to key on: its list is asked again after a minute."""
    folder = store_folder()
    return _plan_list(str(published_generation(folder)) if folder else "")


@st.cache_resource(show_spinner=False, max_entries=2, ttl=60)
def _plan_list(generation: str):
    return list_plans(load_graph())


def load_first_view():
    """The view the network page opens with, kept beside the store (None if it is not):
    a few ms to read where the whole network takes seconds at national scale. The whole
    network is then read in the background, for the user's next step."""
    folder = store_folder()
    view = _first_view(str(published_generation(folder))) if folder else None
    if view is not None:
        _read_network_later(str(published_generation(folder)))
    elif folder:
        _first_view.clear()  # none yet: the page that reads the network keeps one, for the next start
    return view


@st.cache_resource(show_spinner=False, max_entries=2)
def _first_view(generation: str):
    return kept_first_view(store_folder())


@st.cache_resource(show_spinner=False, max_entries=2)
def _read_network_later(generation: str) -> bool:
    _in_background(_network, False, generation)
    return True


ENTITY_PAGE = "app_pages/entity_view.py"
entity_key = entity_short_key  # an entity page's address carries it (?id=…)


def entity_addresses(nodes) -> dict[str, str]:
    """Each entity node's page address (from the server's root), for clicks in a network view."""
    base = st.get_option("server.baseUrlPath").strip("/")
    root = f"/{base}/" if base else "/"
    return {n: f"{root}entity?id={entity_key(n)}" for n in nodes if entity_key(n)}


def entity_link(iri: str, label: str) -> None:
    """A link to an entity's page; a place or status (no page of its own) is shown as text."""
    key = entity_key(iri)
    if key:
        st.page_link(ENTITY_PAGE, label=label, query_params={"id": key}, icon=":material/arrow_forward:")
    else:
        st.text(label)


def lang() -> str:
    return st.session_state.get("lang", "zh")


def t(key: str, **values) -> str:
    return text(key, lang(), **values)


def restore_choices(defaults: dict[str, object]) -> None:
    """Give each of a page's widgets (by key) its value before it is made: from the page's
    address (a reload, a shared link), else what this session last chose on the page (Streamlit
    forgets a widget's value while its page is not shown), else its default. The widgets are
    then made without a value of their own, so the value comes from here alone."""
    chosen = st.session_state
    for key, default in defaults.items():
        if key in chosen:
            continue
        if key in st.query_params:
            chosen[key] = _from_address(key, default)
        else:
            chosen[key] = chosen.get(f"kept_{key}", default)


def publish_choices(defaults: dict[str, object]) -> None:
    """Write a page's current choices into its address (only those that differ from the
    default, so a plain page keeps a plain address) and keep them for the next visit."""
    chosen = st.session_state
    for key, default in defaults.items():
        value = chosen.get(key, default)
        chosen[f"kept_{key}"] = value
        if value == default or value in (None, "", []):
            if key in st.query_params:
                del st.query_params[key]
        elif isinstance(value, list):
            st.query_params[key] = [str(v) for v in value]
        else:
            st.query_params[key] = str(value)


def _from_address(key: str, default: object) -> object:
    """A value from the address, of the default's kind; the default if it cannot be read
    (the address is typed by people: a bad value is ignored, not an error)."""
    if isinstance(default, list):
        return st.query_params.get_all(key)
    raw = st.query_params.get(key, "")
    try:
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(raw)
    except ValueError:
        return default
    return raw


TABLE_PAGE = 100  # rows a page of a long table shows (200 rows with their sentences took the browser most of a second)


def page_of_rows(rows: list, key: str) -> list:
    """One page of a long table's rows, the page chosen by a number input under ``key`` (a
    page's choice: put it in its CHOICES to keep it in the address); all rows if they fit."""
    pages = max(1, -(-len(rows) // TABLE_PAGE))
    if pages == 1:
        return rows
    chosen = st.session_state
    chosen[key] = min(max(int(chosen.get(key, 1)), 1), pages)
    page = st.number_input(t("table_page", pages=pages), 1, pages, key=key)
    first = (page - 1) * TABLE_PAGE
    st.caption(t("rows_shown", first=first + 1, last=min(first + TABLE_PAGE, len(rows)), total=len(rows)))
    return rows[first : first + TABLE_PAGE]
