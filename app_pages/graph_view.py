"""Network view: filter, search an entity, see its neighbourhood and its stated relations."""

import streamlit as st

from app_pages.state import lang, load_graph, load_network, t
from app_pages.strings import RELATION_NAMES, TYPE_NAMES, names
from graph.analyse import cap_nodes, filter_network, find_nodes, layout, neighbourhood
from graph.explore import entity_relations, list_plans
from graph.namespaces import ENTITY_TYPES
from graph.render import legend_items, render_network

st.header(t("graph_header"))
type_names, relation_names = names(TYPE_NAMES, lang()), names(RELATION_NAMES, lang())

left, right = st.columns([1, 3])
with left:
    query = st.text_input(t("search"), key="search")
    plan_titles = [row[1] for row in list_plans(load_graph()).rows]
    chosen_plans = st.multiselect(t("filter_plans"), plan_titles, key="plans")
    chosen_types = st.multiselect(t("filter_types"), list(ENTITY_TYPES), format_func=type_names.get, key="types")
    with_measures = st.checkbox(t("show_measures"), value=False, key="with_measures")
    radius = st.slider(t("radius"), 1, 3, 1, key="radius")
    limit = st.number_input(t("max_nodes"), 20, 3000, 300, step=50, key="limit")

network = load_network(with_measures)
view = filter_network(network, chosen_plans or None, (chosen_types + ["Place", "Measure"]) if chosen_types else None)
focus = None
if query:
    matches = find_nodes(view, query)
    if not matches:
        left.warning(t("no_match", q=query), icon=":material/search_off:")
    else:
        focus = left.selectbox(t("search_pick"), matches, format_func=lambda n: f"{view.nodes[n]['label']} · {type_names.get(view.nodes[n]['type'], '')}", key="focus")
        view = neighbourhood(view, focus, radius)

capped = cap_nodes(view, int(limit), focus)
with right:
    if capped.cut:
        st.info(t("cap_cut", total=capped.total, shown=capped.graph.number_of_nodes()), icon=":material/filter_alt:")
    if capped.graph.number_of_nodes() == 0:
        st.warning(t("empty_view"), icon=":material/info:")
    else:
        html = render_network(capped.graph, layout(capped.graph), type_names, relation_names, focus, plans_word=t("plans_word"))
        st.iframe(html, height=640)
        present = sorted({d["type"] for _, d in capped.graph.nodes(data=True)})
        st.markdown(t("legend") + ": " + " ".join(
            f"<span style='color:{colour}'>●</span> {name}" for colour, name in legend_items(present, type_names)), unsafe_allow_html=True)

if focus:
    st.subheader(t("relations_of", name=network.nodes[focus]["label"]))
    result = entity_relations(load_graph(), focus)
    if not result.rows:
        st.caption(t("no_relations"))
    else:
        import pandas as pd  # only here: importing it costs the first page 0.3-0.4 s

        frame = pd.DataFrame(result.rows, columns=result.columns)
        frame["relation"] = frame["relation"].map(lambda r: relation_names.get(r, r))
        frame["otherType"] = frame["otherType"].map(lambda r: type_names.get(r, r))
        frame.columns = [t(c) for c in ("col_direction", "col_relation", "col_other", "col_type", "col_plan", "col_sentence")]
        st.dataframe(frame, hide_index=True, width="stretch")
