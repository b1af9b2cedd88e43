"""Shared, cached resources of the app: the graph, its network, the language."""

from __future__ import annotations

import os

import streamlit as st

from pathlib import Path

from graph.analyse import stored_entity_network
from graph.store import DEFAULT_STORE, default_graph, is_remote, open_location

from .strings import text


@st.cache_resource(show_spinner=False)
def load_graph():
    """The graph every session shares, read-only: INNOGRAPH_STORE if set (a folder or
    sparql+http://…, opened as it is), else the bundled plans' store, brought up to date."""
    location = os.environ.get("INNOGRAPH_STORE")
    return open_location(location) if location else default_graph()


def store_folder() -> Path | None:
    """The folder of the store the app reads, if it is one on this machine."""
    location = os.environ.get("INNOGRAPH_STORE")
    if not location:
        return DEFAULT_STORE
    return None if is_remote(location) or not Path(location).is_dir() else Path(location)


@st.cache_resource(show_spinner=False)
def load_network(with_measures: bool):
    return stored_entity_network(load_graph(), store_folder(), with_measures=with_measures)


def lang() -> str:
    return st.session_state.get("lang", "zh")


def t(key: str, **values) -> str:
    return text(key, lang(), **values)
