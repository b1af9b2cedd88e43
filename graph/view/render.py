"""Turn a network view into pyvis's nodes, edges and options (what the explorer's view
component draws), or into a pyvis HTML page that needs no internet (no streamlit, no CDN).

pyvis 0.3.2 inlines vis-network with ``cdn_resources="in_line"`` but still links
bootstrap from a CDN and vis from ../node_modules; both links are removed, since the
explorer must draw with no internet. Positions come from Python and physics is off, so
a capped view is drawn at once instead of settling for seconds.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

VIS_FOLDER = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
VIS_SCRIPT, VIS_STYLE = "vis-network.min.js", "vis-network.css"  # what a page that links vis-network fetches

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


LINK_TRIGGER = re.compile("href", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


def plain_text(text: str) -> str:
    """Plan text made safe for a tooltip. pyvis 0.3.2 switches every tooltip of a view to
    ``innerHTML`` once any of them holds the letters "href"; a word joiner (U+2060, invisible)
    inside them keeps the switch off, so vis-network shows every tooltip as text.

    >>> plain_text('<a href="x">链接</a>') == '<a hre\u2060f="x">链接</a>'
    True
    """
    return LINK_TRIGGER.sub(lambda m: m.group()[:3] + "\u2060" + m.group()[3:], text)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def markdown_text(text: str, bold: tuple[str, ...] = ()) -> str:
    r"""Plan text for Streamlit's markdown: every character markdown or HTML would act on is
    escaped, so a plan can make no link, image or markup; the names in ``bold`` are bold.

    >>> markdown_text("[x](javascript:alert(1)) 龙门实验室", bold=("龙门实验室",))
    '\\[x\\]\\(javascript\\:alert\\(1\\)\\) **龙门实验室**'
    """
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    for name in sorted({b for b in bold if b}, key=len, reverse=True):
        safe = MARKDOWN_SPECIAL.sub(r"\\\1", name)
        escaped = escaped.replace(safe, f"**{safe}**")
    return escaped


def content_policy(html: str) -> str:
    """A Content-Security-Policy for the view: only its own scripts (by hash) run, nothing is
    fetched from elsewhere, so markup in a plan's text cannot run even if it ever reached the
    page as HTML (the view's iframe shares the explorer's origin)."""
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                      for body in INLINE_SCRIPT.findall(html))
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")


def node_tooltip(data: dict, type_names: dict[str, str], plans_word: str) -> str:
    lines = [f"{data['label']} · {type_names.get(data['type'], data['type'])}"]
    if data.get("alt"):
        lines.append(" / ".join(data["alt"][:4]))
    if data.get("plans"):
        lines.append(f"{plans_word}: " + "; ".join(data["plans"][:4]))
    if data.get("sentence"):
        sentence = data["sentence"]
        lines.append("“" + (sentence[:120] + "…" if len(sentence) > 120 else sentence) + "”")
    return plain_text("\n".join(lines))


LABEL_ALL_UP_TO = 60  # nodes a view labels all of; above it, only the best-connected
LABELLED_IN_BIG_VIEWS = 40


def network_view(
    g: nx.Graph,
    positions: dict[str, tuple[float, float]],
    type_names: dict[str, str] | None = None,
    relation_names: dict[str, str] | None = None,
    focus: str | None = None,
    plans_word: str = "规划",
    height: int = 620,
) -> Network:
    """The view as a pyvis network: coloured by type, labelled, with tooltips (plain text:
    vis-network shows a string title as text), positioned by Python with physics off."""
    type_names = type_names or {}
    relation_names = relation_names or {}
    net = Network(height=f"{height}px", width="100%", cdn_resources="in_line", directed=False)
    net.templateEnv = _templates(net.template_dir)
    # a big view labels its best-connected nodes and the focus; the others say their name on hover
    labelled = set(g) if g.number_of_nodes() <= LABEL_ALL_UP_TO else {
        n for n, _ in sorted(g.degree(), key=lambda nd: (-nd[1], str(nd[0])))[:LABELLED_IN_BIG_VIEWS]} | {focus}
    for node, data in g.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        short = data["label"] if len(data["label"]) <= 16 else data["label"][:15] + "…"
        net.add_node(
            node,
            label=short if node in labelled else " ",
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
        said = data.get("sentence", "")
        tip = name + ("\n“" + (said[:160] + "…" if len(said) > 160 else said) + "”" if said else "")
        net.add_edge(s, o, title=plain_text(tip), color="#999999", dashes=relation in ("responsibleFor", "mentions"),
                     width=2 if relation == "leads" else 1, **shown)
    net.toggle_physics(False)
    net.set_options(VIEW_OPTIONS)
    return net


VIEW_OPTIONS = ('{"interaction": {"hover": true, "tooltipDelay": 120}, "physics": {"enabled": false},'
                ' "edges": {"smooth": false}}')


def view_data(net: Network) -> dict:
    """What a browser-side view needs to draw the network: its nodes, edges and options, as JSON values."""
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def render_network(
    g: nx.Graph,
    positions: dict[str, tuple[float, float]],
    type_names: dict[str, str] | None = None,
    relation_names: dict[str, str] | None = None,
    focus: str | None = None,
    height: int = 620,
    plans_word: str = "规划",
    node_links: dict[str, str] | None = None,
) -> str:
    """The view as a page of its own, vis-network inlined, for an iframe or a file: with
    ``node_links`` (node → address), a click on a node opens its address in a new tab."""
    net = network_view(g, positions, type_names, relation_names, focus, plans_word, height)
    html = EXTERNAL.sub("", net.generate_html())
    if node_links:
        html = html.replace("</body>", _click_script({n: u for n, u in node_links.items() if n in g}) + "</body>", 1)
    policy = f'<meta http-equiv="Content-Security-Policy" content="{content_policy(html)}">'
    return html.replace("<head>", "<head>" + policy, 1)


def _click_script(links: dict[str, str]) -> str:
    """Open a clicked node's address in a new tab: Streamlit's view iframe may open pop-ups
    but not navigate the explorer's own window (no allow-top-navigation in its sandbox). The
    addresses are JSON with "<" escaped, so no text can close the script."""
    table = json.dumps(links, ensure_ascii=True).replace("<", "\\u003c")
    return ("<script>(function () { var links = " + table + "; network.on('click', function (params) {"
            " var url = params.nodes.length ? links[params.nodes[0]] : null; if (url) { window.open(url, '_blank', 'noopener'); } }); })();"
            "</script>")


def legend_items(types: list[str], type_names: dict[str, str]) -> list[tuple[str, str]]:
    """(colour, name) pairs of the types present, for a legend drawn by the caller."""
    return [(TYPE_COLOURS.get(t, "#cccccc"), type_names.get(t, t)) for t in types]
