"""Responsibility view: a plan's bodies × measures table, or one body's measures across plans."""

import pandas as pd
import streamlit as st

from app_pages.state import load_graph, t
from graph.explore import body_duties, list_bodies, list_plans, plan_duties

st.header(t("duty_header"))
by_plan, by_body = st.tabs([t("by_plan"), t("by_body")])

with by_plan:
    plans = list_plans(load_graph()).rows
    plan = st.selectbox(t("choose_plan"), plans, format_func=lambda row: row[1], key="duty_plan")
    duties = plan_duties(load_graph(), plan[0])
    if not duties.rows:
        st.info(t("no_duties"))
    else:
        frame = pd.DataFrame(duties.rows, columns=duties.columns)
        frame["mark"] = frame["lead"].map({True: "★", False: "●"})
        frame["measure"] = frame["number"] + " " + frame["measure"]
        order = list(dict.fromkeys(frame["measure"]))
        matrix = frame.pivot_table(index="measure", columns="body", values="mark", aggfunc="first").reindex(order).fillna("")
        bodies = frame.groupby("body")["lead"].agg(["sum", "count"]).sort_values(["sum", "count"], ascending=False).index
        st.caption(t("matrix_caption"))
        st.dataframe(matrix[list(bodies)], width="stretch")

with by_body:
    bodies = list_bodies(load_graph()).rows
    body = st.selectbox(t("choose_body"), bodies, format_func=lambda row: f"{row[1]} ({row[2]})", key="duty_body")
    result = body_duties(load_graph(), body[0])
    frame = pd.DataFrame(result.rows, columns=result.columns)
    st.write(t("body_measures", body=body[1], n=len(frame), lead=int(frame["lead"].sum()) if len(frame) else 0))
    frame["lead"] = frame["lead"].map({True: "★", False: ""})
    frame.columns = [t(c) for c in ("col_plan", "col_no", "col_measure", "col_lead", "col_text")]
    st.dataframe(frame, hide_index=True, width="stretch")
