"""Targets across cities: one indicator's baseline and target in every plan that sets it.

Targets are grouped by the shared indicator concept the build gives each quantity, so
研发经费投入强度 in Luoyang's plan and in Hebi's is one row of the chart, side by side.
The chart is a Vega-Lite spec written as a dict: Altair would make the same spec, but
importing it and validating its chart took this page 0.6 s.
"""

import pandas as pd
import streamlit as st

from app_pages.state import load_graph, publish_choices, restore_choices, t
from graph.explore import indicators, targets

CHART_GROUPS = 40  # city-year groups a chart draws; the table below has every target
st.header(t("targets_header"))
listed = indicators(load_graph()).rows  # (indicator, label, plans), the most shared first
if not listed:
    st.info(t("no_targets"), icon=":material/info:")
    st.stop()
label_of = {iri: label for iri, label, _ in listed}
plans_setting = {iri: n for iri, _, n in listed}
shared = sum(1 for n in plans_setting.values() if n > 1)

CHOICES = {"indicator": listed[0][0], "target_cities": []}
restore_choices(CHOICES)  # an indicator and cities named by the address, else the last ones chosen here
chosen = st.session_state
if chosen["indicator"] not in label_of:
    chosen["indicator"] = CHOICES["indicator"]

left, right = st.columns([1, 3])
with left:
    indicator = st.selectbox(t("choose_indicator"), list(label_of), key="indicator",
                             format_func=lambda iri: f"{label_of[iri]} ({plans_setting[iri]})")
    result = targets(load_graph(), indicator)  # this indicator's rows only: the cost follows what is shown
    frame = pd.DataFrame(result.rows, columns=result.columns)
    frame["city"] = frame["city"].fillna(frame["title"])
    cities = sorted(frame["city"].unique())
    chosen["target_cities"] = [c for c in chosen["target_cities"] if c in cities]
    chosen_cities = st.multiselect(t("filter_cities"), cities, key="target_cities", placeholder=t("all"))
    st.caption(t("shared_indicators", n=shared))

rows = frame[frame["city"].isin(chosen_cities)] if chosen_cities else frame
with right:
    if rows.empty:
        st.warning(t("empty_view"), icon=":material/info:")
    else:
        name = label_of[indicator]
        unit = " / ".join(sorted({u for u in rows["unit"].dropna()})) or ""
        bars = pd.concat([
            rows.assign(kind=t("baseline"), amount=rows["baseline"], at=rows["baselineYear"]),
            rows.assign(kind=t("target"), amount=rows["value"], at=rows["year"]),
        ]).dropna(subset=["amount"])
        bars["at"] = bars["at"].fillna("")
        # one group per target: a plan that sets the indicator for several years shows each year
        bars["where"] = bars["city"] + bars["year"].map(lambda year: f" {year}" if isinstance(year, str) and year else "")
        bars["at"] = bars["at"].map(str)
        groups = sorted(set(bars["where"]))
        if len(groups) > CHART_GROUPS:  # thousands of bars read as nothing and took the browser seconds
            st.caption(t("chart_first", shown=CHART_GROUPS, total=len(groups)))
            groups = groups[:CHART_GROUPS]
            bars = bars[bars["where"].isin(groups)]
        kinds = [t("baseline"), t("target")]
        chart = {
            "mark": {"type": "bar"},
            "encoding": {
                "x": {"field": "where", "type": "nominal", "title": t("col_city"), "sort": groups},
                "xOffset": {"field": "kind", "type": "nominal", "sort": kinds},
                "y": {"field": "amount", "type": "quantitative", "title": f"{name} ({unit})" if unit else name},
                "color": {"field": "kind", "type": "nominal", "title": "", "sort": kinds},
                "tooltip": [{"field": "title", "type": "nominal", "title": t("col_plan")},
                            {"field": "kind", "type": "nominal", "title": ""},
                            {"field": "amount", "type": "quantitative", "title": t("col_value")},
                            {"field": "at", "type": "nominal", "title": t("col_year")}],
            },
            "usermeta": {"embedOptions": {"renderer": "svg"}},  # text as text: readable by screen readers and tests
        }
        st.vega_lite_chart(bars[["where", "kind", "amount", "title", "at"]], chart, width="stretch")

table = rows[["city", "title", "baseline", "baselineYear", "value", "year", "unit", "qualifier", "text"]]
table = table.sort_values(["city", "year"], na_position="last")
for column in ("baseline", "value"):  # 5 and 2.5 as written, not 5.0
    table[column] = table[column].map(lambda v: "" if pd.isna(v) else f"{v:g}")
table = table.astype(object).where(table.notna(), "")
table.columns = [t(c) for c in ("col_city", "col_plan", "col_baseline", "col_baseline_year", "col_target",
                                "col_year", "col_unit", "col_qualifier", "col_sentence")]
st.subheader(t("indicator_targets", name=label_of[indicator]))
st.dataframe(table, hide_index=True, width="stretch", placeholder="")
publish_choices(CHOICES)
