"""Responsibility view: a plan's bodies × measures table, or one body's measures across plans."""

import pandas as pd
import streamlit as st

from app_pages.state import load_graph, t
from graph.explore import body_duties, list_bodies, list_plans, plan_duties

st.header(t("duty_header"))
by_plan, by_body = st.tabs([t("by_plan"), t("by_body")])

with by_plan:
    titles = {row[0]: row[1] for row in list_plans(load_graph()).rows}
    plan = st.selectbox(t("choose_plan"), list(titles), format_func=titles.get, key="duty_plan")
    duties = plan_duties(load_graph(), plan)
    if not duties.rows:
        st.info(t("no_duties"), icon=":material/info:")
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
    bodies = {row[0]: f"{row[1]} ({row[2]})" for row in list_bodies(load_graph()).rows}
    body = st.selectbox(t("choose_body"), list(bodies), format_func=bodies.get, key="duty_body")
    result = body_duties(load_graph(), body)
    frame = pd.DataFrame(result.rows, columns=result.columns)
    name = bodies[body].rsplit(" (", 1)[0]
    st.write(t("body_measures", body=name, n=len(frame), lead=int(frame["lead"].sum()) if len(frame) else 0))
    frame["lead"] = frame["lead"].map({True: "★", False: ""})
    frame.columns = [t(c) for c in ("col_plan", "col_no", "col_measure", "col_lead", "col_text")]
    st.dataframe(frame, hide_index=True, width="stretch")
