"""Shared, cached resources of the app: the graph, its network, the language."""

from __future__ import annotations

import streamlit as st

from graph.analyse import entity_network
from graph.store import default_graph

from .strings import text


@st.cache_resource(show_spinner=False)
def load_graph():
    """The default graph, shared read-only by every session."""
    return default_graph()


@st.cache_resource(show_spinner=False)
def load_network(with_measures: bool):
    return entity_network(load_graph(), with_measures=with_measures)


def lang() -> str:
    return st.session_state.get("lang", "zh")


def t(key: str, **values) -> str:
    return text(key, lang(), **values)
