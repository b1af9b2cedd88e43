"""Turn a network view into a self-contained pyvis HTML page (no streamlit, no CDN).

pyvis 0.3.2 inlines vis-network with ``cdn_resources="in_line"`` but still links
bootstrap from a CDN and vis from ../node_modules; both links are removed, since the
explorer must draw with no internet. Positions come from Python and physics is off, so
a capped view is drawn at once instead of settling for seconds.
"""

from __future__ import annotations

import re
from functools import cache

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

TYPE_COLOURS = {
    "Lab": "#e6194b",
    "Park": "#3cb44b",
    "Firm": "#4363d8",
    "University": "#f58231",
    "Institute": "#911eb4",
    "Platform": "#42d4f4",
    "Program": "#f032e6",
    "Department": "#808000",
    "Fund": "#9a6324",
    "Policy": "#469990",
    "Place": "#a9a9a9",
    "Measure": "#dcbeff",
}
EXTERNAL = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*\"(?:https?:|\.\./node_modules)[^\"]*\"[^>]*>(?:\s*</script>)?", re.DOTALL)


@cache
def _templates(folder: str) -> Environment:
    """One template environment for every view: pyvis makes a new one per Network, so its
    page template (with vis-network inlined) was compiled again for each view, 0.1 s."""
    return Environment(loader=FileSystemLoader(folder))


def node_tooltip(data: dict, type_names: dict[str, str], plans_word: str) -> str:
    lines = [f"{data['label']} · {type_names.get(data['type'], data['type'])}"]
    if data.get("alt"):
        lines.append(" / ".join(data["alt"][:4]))
    if data.get("plans"):
        lines.append(f"{plans_word}: " + "; ".join(data["plans"][:4]))
    if data.get("sentence"):
        sentence = data["sentence"]
        lines.append("“" + (sentence[:120] + "…" if len(sentence) > 120 else sentence) + "”")
    return "\n".join(lines)


def render_network(
    g: nx.Graph,
    positions: dict[str, tuple[float, float]],
    type_names: dict[str, str] | None = None,
    relation_names: dict[str, str] | None = None,
    focus: str | None = None,
    height: int = 620,
    plans_word: str = "规划",
) -> str:
    """Self-contained HTML of the view: coloured by type, labelled, with tooltips."""
    type_names = type_names or {}
    relation_names = relation_names or {}
    net = Network(height=f"{height}px", width="100%", cdn_resources="in_line", directed=False)
    net.templateEnv = _templates(net.template_dir)
    for node, data in g.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(
            node,
            label=data["label"] if len(data["label"]) <= 16 else data["label"][:15] + "…",
            title=node_tooltip(data, type_names, plans_word),
            color=TYPE_COLOURS.get(data["type"], "#cccccc"),
            x=x,
            y=y,
            size=22 if node == focus else 10 + min(12, g.degree(node)),
            borderWidth=4 if node == focus else 1,
            font={"size": 14, "face": "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"},
        )
    small = g.number_of_nodes() <= 60
    for s, o, data in g.edges(data=True):
        relation = data.get("relation", "")
        name = relation_names.get(relation, relation)
        shown = {"label": name, "font": {"size": 10, "color": "#777777"}} if small else {}
        net.add_edge(s, o, title=name, color="#999999", dashes=relation in ("responsibleFor", "mentions"),
                     width=2 if relation == "leads" else 1, **shown)
    net.toggle_physics(False)
    net.set_options('{"interaction": {"hover": true, "tooltipDelay": 120}, "physics": {"enabled": false},'
                    ' "edges": {"smooth": false}}')
    return EXTERNAL.sub("", net.generate_html())


def legend_items(types: list[str], type_names: dict[str, str]) -> list[tuple[str, str]]:
    """(colour, name) pairs of the types present, for a legend drawn by the caller."""
    return [(TYPE_COLOURS.get(t, "#cccccc"), type_names.get(t, t)) for t in types]
