"""Overview: what the graph holds and which plans it was built from."""

import pandas as pd
import streamlit as st

from app_pages.state import lang, load_graph, plan_list, t
from graph.analyse.stats import graph_stats, stat_label
from graph.view.explore import entities_by_city

st.title(t("app_title"))
st.write(t("overview_intro"))
counts = graph_stats(load_graph())
for column, key in zip(st.columns(5), ("Plan", "entities", "Measure", "Target", "triples")):
    column.metric(t({"Plan": "plans", "entities": "entities", "Measure": "measures", "Target": "targets", "triples": "triples"}[key]), counts[key])
plans = plan_list()
frame = pd.DataFrame(plans.rows, columns=plans.columns).drop(columns=["plan"])
frame = frame.astype(object).where(frame.notna(), "")  # an empty cell is blank, not "None"
frame.columns = [t(f"col_{c}") for c in ("title", "city", "province", "kind", "issued", "issuer", "number")]
st.dataframe(frame, hide_index=True, width="stretch", placeholder="")
counts_by_city = entities_by_city(load_graph())  # kept with the store: no scan of the corpus
if counts_by_city.rows:
    st.subheader(t("by_city"))
    table = pd.DataFrame(counts_by_city.rows, columns=counts_by_city.columns).fillna({"city": ""})
    table = table.pivot_table(index="city", columns="type", values="entities", aggfunc="sum", fill_value=0)
    table.index.name, table.columns.name = t("col_city"), None
    table.columns = [stat_label(c, lang()) for c in table.columns]
    st.dataframe(table, width="stretch", placeholder="")
