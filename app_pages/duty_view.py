"""Responsibility view: a plan's bodies × measures table, one body's measures across plans,
and every body's workload (lead against co-responsible)."""

import pandas as pd
import streamlit as st

from app_pages.state import load_graph, plan_list, publish_choices, restore_choices, t
from graph.view.explore import body_duties, body_workload, list_bodies, plan_duties, plans_with_duties

BODIES_LISTED = 200
st.header(t("duty_header"))
titles = {row[0]: row[1] for row in plan_list().rows}
named = plans_with_duties(load_graph())
ordered = [p for p in titles if p in named] + [p for p in titles if p not in named]  # a plan that names bodies first
bodies = {row[0]: f"{row[1]} ({row[2]})" for row in list_bodies(load_graph()).rows}
CHOICES = {"duty_plan": next(iter(ordered), ""), "duty_body": next(iter(bodies), ""), "workload_top": 20}
restore_choices(CHOICES)  # a plan or body named by the address, else the last one chosen here
chosen = st.session_state
if chosen["duty_plan"] not in titles:
    chosen["duty_plan"] = CHOICES["duty_plan"] or None
if chosen["duty_body"] not in bodies:
    chosen["duty_body"] = CHOICES["duty_body"] or None
by_plan, by_body, workload = st.tabs([t("by_plan"), t("by_body"), t("workload_header")])

with by_plan:
    plan = st.selectbox(t("choose_plan"), ordered, format_func=titles.get, key="duty_plan")
    duties = plan_duties(load_graph(), plan)
    if not duties.rows:
        st.info(t("no_duties"), icon=":material/info:")
    else:
        frame = pd.DataFrame(duties.rows, columns=duties.columns)  # in reading order (the measure's place in the plan)
        frame["mark"] = frame["lead"].map({True: "★", False: "●"})
        frame["measure"] = frame["number"] + " " + frame["measure"]
        order = list(dict.fromkeys(frame["measure"]))
        matrix = frame.pivot_table(index="measure", columns="body", values="mark", aggfunc="first").reindex(order).fillna("")
        most_led = frame.groupby("body")["lead"].agg(["sum", "count"]).sort_values(["sum", "count"], ascending=False).index
        matrix = matrix[list(most_led)]
        matrix.index.name = t("col_measure")
        matrix.columns.name = t("col_body")
        st.caption(t("matrix_caption"))
        st.dataframe(matrix, width="stretch", placeholder="")

with by_body:
    # a national corpus names tens of thousands of bodies: a picker lists the busiest or those
    # matching what is typed, not all of them (a list of 19,000 took the browser 15 s)
    wanted = st.text_input(t("find_body"), key="body_query").strip()
    listed = [b for b in bodies if wanted in bodies[b]] if wanted else list(bodies)
    options = listed[:BODIES_LISTED]
    if chosen["duty_body"] in bodies and chosen["duty_body"] not in options:
        if wanted and options:
            chosen["duty_body"] = options[0]  # a search: its first match
        else:
            options.insert(0, chosen["duty_body"])  # the body a link names
    if len(listed) > len(options):
        st.caption(t("bodies_listed", shown=len(options), total=len(listed)))
    body = st.selectbox(t("choose_body"), options, format_func=bodies.get, key="duty_body")
    if body is None:
        st.info(t("no_duties"), icon=":material/info:")
        st.stop()
    result = body_duties(load_graph(), body).without("begin")
    frame = pd.DataFrame(result.rows, columns=result.columns)
    name = bodies[body].rsplit(" (", 1)[0] if body else ""
    st.write(t("body_measures", body=name, n=len(frame), lead=int(frame["lead"].sum()) if len(frame) else 0))
    frame["lead"] = frame["lead"].map({True: "★", False: ""})
    frame.columns = [t(c) for c in ("col_plan", "col_no", "col_measure", "col_lead", "col_text")]
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="")

with workload:
    rows = body_workload(load_graph())
    frame = pd.DataFrame(rows.rows, columns=rows.columns)
    if frame.empty:
        st.info(t("no_duties"), icon=":material/info:")
    else:
        most = max(5, min(60, len(frame)))
        chosen["workload_top"] = min(max(int(chosen["workload_top"]), 5), most)
        top = st.slider(t("workload_top"), 5, most, key="workload_top")
        shown = frame.head(top)
        long = pd.concat([
            shown.assign(kind=t("lead_duty"), count=shown["leads"]),
            shown.assign(kind=t("shared_duty"), count=shown["measures"] - shown["leads"]),
        ])
        kinds = [t("lead_duty"), t("shared_duty")]
        chart = {  # a Vega-Lite spec as a dict, as on the targets page (no Altair to import)
            "mark": {"type": "bar"},
            "encoding": {
                "y": {"field": "label", "type": "nominal", "sort": list(shown["label"]), "title": t("col_body"),
                      "axis": {"labelLimit": 320}},
                "x": {"field": "count", "type": "quantitative", "stack": True, "title": t("col_count")},
                "color": {"field": "kind", "type": "nominal", "title": t("duty_kind"), "sort": kinds},
                "tooltip": [{"field": "label", "type": "nominal", "title": t("col_body")},
                            {"field": "kind", "type": "nominal", "title": t("duty_kind")},
                            {"field": "count", "type": "quantitative", "title": t("col_count")}],
            },
            "usermeta": {"embedOptions": {"renderer": "svg"}},  # text as text: readable by screen readers and tests
        }
        st.vega_lite_chart(long[["label", "kind", "count"]], chart, width="stretch")

publish_choices(CHOICES)
