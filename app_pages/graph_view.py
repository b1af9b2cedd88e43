"""Network view: filter, search an entity, see its neighbourhood and its stated relations.

The view is drawn before the controls beside it are made: it is what a user waits for,
and the browser fetches each kind of element's code only when the first one arrives
(about forty files for the controls). The controls' values are read from the session
state their keys keep, which is where Streamlit puts them before a rerun. The plans to
filter by come with the network, so the first page opens no store: opening one and asking
it took the CPU the browser needed to draw the view. Unsearched and unfiltered, the page
draws the first view kept beside the store, and the whole network (tens of MB at national
scale) is read in the background meanwhile.
"""

import streamlit as st

from app_pages.clickable_network import clicked_node, show_network
from app_pages.state import (
    ENTITY_PAGE,
    entity_addresses,
    entity_key,
    lang,
    load_first_view,
    load_graph,
    load_network,
    publish_choices,
    restore_choices,
    t,
)
from app_pages.strings import RELATION_NAMES, TYPE_NAMES, names
from graph.analyse import DEFAULT_CAP, cap_nodes, capped_neighbourhood, filter_network, find_nodes, layout
from graph.namespaces import ENTITY_TYPES
from graph.view.explore import entity_relations
from graph.view.render import legend_items

st.header(t("graph_header"))
type_names, relation_names = names(TYPE_NAMES, lang()), names(RELATION_NAMES, lang())
chosen = st.session_state
if "search" not in chosen:  # a first visit, or back from another page: the link's search, else the last one
    chosen["search"] = st.query_params.get("search") or chosen.get("kept_search", "")
query = chosen.get("search", "")
CHOICES = {"plans": [], "types": [], "with_measures": False, "radius": 1, "limit": DEFAULT_CAP}
restore_choices(CHOICES)
chosen["radius"] = min(max(int(chosen["radius"]), 1), 3)  # an address is typed by people: keep it in range
chosen["limit"] = min(max(int(chosen["limit"]), 20), 3000)
chosen["types"] = [x for x in chosen["types"] if x in ENTITY_TYPES]

clicked = clicked_node("network_click")
opening = (not query and not clicked and not chosen["plans"] and not chosen["types"] and not chosen["with_measures"]
           and int(chosen["limit"]) == DEFAULT_CAP)
first = load_first_view() if opening else None
if first is not None:  # the view the page opens with, kept beside the store: the whole network is not needed yet
    plan_options, capped, focus, matches = first.graph.graph["plans"], first, None, []
else:
    network = load_network(chosen["with_measures"])
    plan_options = network.graph["plans"]
    chosen["plans"] = [p for p in chosen["plans"] if p in plan_options]
    chosen_plans, chosen_types = chosen["plans"], chosen["types"]
    filtered = filter_network(network, chosen_plans or None, (chosen_types + ["Place", "Measure"]) if chosen_types else None)
    if clicked in filtered:  # a click on a node: the view is its neighbourhood, as if it had been searched
        query = chosen["search"] = filtered.nodes[clicked]["label"]
        chosen["focus"] = clicked
    matches = find_nodes(filtered, query) if query else []
    if chosen.get("focus") in filtered and filtered.nodes[chosen["focus"]]["label"] == query and chosen["focus"] not in matches:
        matches.insert(0, chosen["focus"])  # a clicked node whose name many others share
    if chosen.get("focus") not in matches:
        chosen.pop("focus", None)  # a new search: its best match, not the last one's pick
    focus = chosen.get("focus", matches[0] if matches else None)
    capped = (capped_neighbourhood(filtered, focus, chosen["radius"], int(chosen["limit"])) if focus
              else cap_nodes(filtered, int(chosen["limit"])))

left, right = st.columns([1, 3])
with right:
    if capped.cut:
        st.info(t("cap_cut", total=capped.total, shown=capped.graph.number_of_nodes()), icon=":material/filter_alt:")
    if capped.graph.number_of_nodes() == 0:
        st.warning(t("empty_view"), icon=":material/info:")
    else:
        show_network(capped.graph, layout(capped.graph), "network_click", type_names=type_names,
                     relation_names=relation_names, focus=focus, plans_word=t("plans_word"), height=620,
                     node_links=entity_addresses(capped.graph))
        present = sorted({d["type"] for _, d in capped.graph.nodes(data=True)})
        st.markdown(t("legend") + ": " + " ".join(
            f"<span style='color:{colour}'>●</span> {name}" for colour, name in legend_items(present, type_names)), unsafe_allow_html=True)
        st.caption(t("click_to_expand"))

with left:
    st.text_input(t("search"), key="search")
    if query and not matches:
        st.warning(t("no_match", q=query), icon=":material/search_off:")
    elif matches:
        st.selectbox(t("search_pick"), matches, index=matches.index(focus), key="focus",
                     format_func=lambda n: f"{filtered.nodes[n]['label']} · {type_names.get(filtered.nodes[n]['type'], '')}")
    st.multiselect(t("filter_plans"), plan_options, key="plans", placeholder=t("all"))
    st.multiselect(t("filter_types"), list(ENTITY_TYPES), format_func=type_names.get, key="types", placeholder=t("all"))
    st.checkbox(t("show_measures"), key="with_measures")
    st.slider(t("radius"), 1, 3, key="radius")
    st.number_input(t("max_nodes"), 20, 3000, step=50, key="limit")

publish_choices(CHOICES)
chosen["kept_search"] = query
if query:
    st.query_params["search"] = query
elif "search" in st.query_params:
    del st.query_params["search"]

if focus:
    st.subheader(t("relations_of", name=network.nodes[focus]["label"]))
    if entity_key(focus):
        st.page_link(ENTITY_PAGE, label=t("open_entity"), query_params={"id": entity_key(focus)}, icon=":material/badge:")
    result = entity_relations(load_graph(), focus)
    if not result.rows:
        st.caption(t("no_relations"))
    else:
        import pandas as pd  # only here: importing it costs the first page 0.3-0.4 s

        frame = pd.DataFrame(result.rows, columns=result.columns).drop(columns=["x"])
        frame["relation"] = frame["relation"].map(lambda r: relation_names.get(r, r))
        frame["otherType"] = frame["otherType"].map(lambda r: type_names.get(r, r))
        frame = frame.astype(object).where(frame.notna(), "")  # an empty cell is blank, not "None"
        frame.columns = [t(c) for c in ("col_direction", "col_relation", "col_other", "col_type", "col_plan", "col_sentence")]
        st.dataframe(frame, hide_index=True, width="stretch", placeholder="")
