"""The explorer's network views: drawn by vis-network in a small Streamlit component that
sends a clicked node back to Python, so a click can expand the view or open a page.

Why a component of our own rather than st-link-analysis or streamlit-agraph: the views are
built with pyvis, and this draws pyvis's own nodes, edges and options with pyvis's own copy
of vis-network, so a view looks the same as the exported pages and as before; the other two
bring a second drawing library (Cytoscape, or vis-network 8 through React) and a build of
their own. The component has no build step: `network_frontend/` is an HTML page and a
script that speak Streamlit's component messages. Its iframe stays on the page across
reruns, so vis-network is loaded once per visit and a new view only replaces the data.

Where the component cannot be set up (its folder not writable for pyvis's copy), the view
is drawn as a page of its own in an iframe, and a click opens the node's page in a new tab.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import shutil
from pathlib import Path

import networkx as nx
import streamlit as st
import streamlit.components.v1 as components

from graph.view.render import VIS_FOLDER, VIS_SCRIPT, VIS_STYLE, network_view, render_network, view_data

FRONTEND = Path(__file__).resolve().parent / "network_frontend"


@st.cache_resource(show_spinner=False)
def _component():
    """The declared component, with pyvis's vis-network put beside its page; None if it cannot be."""
    try:
        for name in (VIS_SCRIPT, VIS_STYLE):
            source, served = VIS_FOLDER / name, FRONTEND / name
            if not served.is_file() or not filecmp.cmp(source, served, shallow=False):
                shutil.copyfile(source, served)
    except OSError:
        return None
    return components.declare_component("innograph_network", path=str(FRONTEND))


def show_network(
    g: nx.Graph,
    positions: dict[str, tuple[float, float]],
    key: str,
    *,
    type_names: dict[str, str],
    relation_names: dict[str, str],
    focus: str | None,
    plans_word: str,
    height: int,
    node_links: dict[str, str],
) -> None:
    """Draw the view. A click on a node is kept under ``key`` for ``clicked_node`` to read on
    the rerun the click starts."""
    component = _component()
    if component is None:
        st.iframe(render_network(g, positions, type_names, relation_names, focus, height, plans_word,
                                 node_links=node_links), height=height + 20)
        return
    # the view goes as JSON text: Streamlit checks a dict argument for a dataframe, which
    # imports pandas (0.4 s of the first page)
    view = json.dumps(view_data(network_view(g, positions, type_names, relation_names, focus, plans_word, height)),
                      ensure_ascii=False, sort_keys=True)
    view_id = hashlib.blake2b(view.encode(), digest_size=12).hexdigest()
    component(view=view, view_id=view_id, height=height, key=key, default=None)


def clicked_node(key: str) -> str | None:
    """The node clicked in the view drawn under ``key`` since this was last asked, else None.
    A component keeps its last value through later reruns; this hands each click out once."""
    value = st.session_state.get(key)
    if not isinstance(value, dict) or not isinstance(value.get("node"), str):
        return None
    handled = key + "_handled"
    if st.session_state.get(handled) == value.get("at"):
        return None
    st.session_state[handled] = value.get("at")
    return value["node"]
