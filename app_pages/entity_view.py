"""Entity page: everything the plans say about one entity, reachable by a link (?id=…).

Its name, type, other names and the plans that mention it; every stated relation, grouped
by relation, with the plan and the whole sentence (both names in bold); for a body, its
duties across plans; a small network of its neighbours. Every other entity is a link to
its own page. Plan text goes through ``markdown_text``, which escapes it.
"""

from itertools import pairwise

import streamlit as st

from app_pages.clickable_network import clicked_node, show_network
from app_pages.state import (
    ENTITY_PAGE,
    entity_addresses,
    entity_key,
    entity_link,
    lang,
    load_graph,
    load_network,
    t,
)
from app_pages.strings import INVERSE_RELATION_NAMES, RELATION_NAMES, TYPE_NAMES, names
from graph.analyse import capped_neighbourhood, find_nodes, layout, path_between
from graph.namespaces import entity_iri_of_short_key
from graph.view.explore import body_duties, entity_card, entity_relations
from graph.view.render import markdown_text

SHOWN_PER_RELATION = 20  # a page shows what a person reads; the SPARQL console has the rest
NEIGHBOURS_SHOWN = 80  # the small network: the best-connected neighbours (a national body has thousands)
clicked = clicked_node("neighbour_click")
if clicked and entity_key(clicked):  # a click on a neighbour in the small network: its page
    st.switch_page(ENTITY_PAGE, query_params={"id": entity_key(clicked)})
type_names, relation_names = names(TYPE_NAMES, lang()), names(RELATION_NAMES, lang())
inverse_names = names(INVERSE_RELATION_NAMES, lang())
key = st.query_params.get("id") or st.session_state.get("entity_id")
card = entity_card(load_graph(), str(entity_iri_of_short_key(key))) if key else None

if card is None:
    st.header(t("entity_header"))
    if key:
        st.warning(t("no_entity", key=key), icon=":material/search_off:")
    query = st.text_input(t("search"), key="entity_search")
    network = load_network(False)
    for node in find_nodes(network, query, limit=30) if query else []:
        st.page_link(ENTITY_PAGE, label=f"{network.nodes[node]['label']} · {type_names.get(network.nodes[node]['type'], '')}",
                     query_params={"id": entity_key(node)})
    st.stop()

st.session_state["entity_id"] = key
st.query_params["id"] = key
st.header(card.label)
st.caption(" · ".join([type_names.get(card.type, card.type), *(t("alias_of", name=a) for a in card.aliases)]))
st.write(t("mentioned_in", n=len(card.plans)) + " " + "; ".join(markdown_text(title) for _, title in card.plans))

relations = entity_relations(load_graph(), card.iri)
groups: dict[str, list] = {}
for row in relations.records():
    groups.setdefault((row["relation"], row["direction"]), []).append(row)
if not groups:
    st.caption(t("no_relations"))
for (relation, direction), rows in sorted(groups.items()):
    heading = relation_names.get(relation, relation) if direction == "→" else inverse_names.get(relation, relation)
    st.subheader(f"{heading} ({len(rows)})")
    for row in rows[:SHOWN_PER_RELATION]:
        with st.container(border=True):
            entity_link(row["x"], f"{row['other']} · {type_names.get(row['otherType'], row['otherType'])}")
            st.markdown(markdown_text(row["sentence"], bold=(card.label, row["other"])))
            st.caption(markdown_text(row["plan"]))
    if len(rows) > SHOWN_PER_RELATION:
        st.caption(t("more_relations", n=len(rows) - SHOWN_PER_RELATION))

duties = body_duties(load_graph(), card.iri).without("begin")
if duties.rows:
    import pandas as pd

    st.subheader(t("duties_of", n=len(duties.rows), lead=sum(bool(r[3]) for r in duties.rows)))
    frame = pd.DataFrame(duties.rows, columns=duties.columns)
    frame["lead"] = frame["lead"].map({True: "★", False: ""})
    frame.columns = [t(c) for c in ("col_plan", "col_no", "col_measure", "col_lead", "col_text")]
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="")

network = load_network(False)
st.subheader(t("path_header"))
other_query = st.text_input(t("path_to"), key="path_to")
others = [n for n in find_nodes(network, other_query, limit=20) if n != card.iri] if other_query else []
if other_query and not others:
    st.caption(t("no_match", q=other_query))
elif others:
    other = st.selectbox(t("search_pick"), others, key="path_pick",
                         format_func=lambda n: f"{network.nodes[n]['label']} · {type_names.get(network.nodes[n]['type'], '')}")
    hops = path_between(network, card.iri, other)
    if not hops:
        st.info(t("no_path"), icon=":material/link_off:")
    for a, b in pairwise(hops):
        stated = [r for r in entity_relations(load_graph(), a).records() if r["x"] == b]
        with st.container(border=True):
            if stated:
                r = stated[0]
                name = relation_names.get(r["relation"], r["relation"]) if r["direction"] == "→" else inverse_names.get(r["relation"], r["relation"])
                st.markdown(markdown_text(f"{network.nodes[a]['label']} — {name} — {network.nodes[b]['label']}"))
                st.caption(markdown_text(r["sentence"], bold=(network.nodes[a]["label"], network.nodes[b]["label"])))
            else:  # a link of the network the statements do not carry (a shared place)
                st.markdown(markdown_text(f"{network.nodes[a]['label']} — {network.nodes[b]['label']}"))
            entity_link(b, network.nodes[b]["label"])

if card.iri in network:
    st.subheader(t("neighbours"))
    near = capped_neighbourhood(network, card.iri, 1, NEIGHBOURS_SHOWN)
    if near.cut:
        st.caption(t("cap_cut", total=near.total, shown=near.graph.number_of_nodes()))
    st.caption(t("click_to_open"))
    show_network(near.graph, layout(near.graph), "neighbour_click", type_names=type_names, relation_names=relation_names,
                 focus=card.iri, plans_word=t("plans_word"), height=440, node_links=entity_addresses(near.graph))
