"""Targets across cities: one indicator's baseline and target in every plan that sets it.

Targets are grouped by the shared indicator concept the build gives each quantity, so
研发经费投入强度 in Luoyang's plan and in Hebi's is one row of the chart, side by side.
The chart is a Vega-Lite spec written as a dict: Altair would make the same spec, but
importing it and validating its chart took this page 0.6 s.
"""

import pandas as pd
import streamlit as st

from app_pages.state import load_graph, page_of_rows, publish_choices, restore_choices, t
from graph.view.explore import indicators, targets

CHART_GROUPS = 40  # city-year groups a chart draws; the table below has every target, a page at a time
st.header(t("targets_header"))
listed = indicators(load_graph()).rows  # (indicator, label, plans), the most shared first
if not listed:
    st.info(t("no_targets"), icon=":material/info:")
    st.stop()
label_of = {iri: label for iri, label, _ in listed}
plans_setting = {iri: n for iri, _, n in listed}
shared = sum(1 for n in plans_setting.values() if n > 1)

CHOICES = {"indicator": listed[0][0], "target_cities": [], "target_page": 1}
restore_choices(CHOICES)  # an indicator and cities named by the address, else the last ones chosen here
chosen = st.session_state
if chosen["indicator"] not in label_of:
    chosen["indicator"] = CHOICES["indicator"]

left, right = st.columns([1, 3])
with left:
    indicator = st.selectbox(t("choose_indicator"), list(label_of), key="indicator",
                             format_func=lambda iri: f"{label_of[iri]} ({plans_setting[iri]})")
    result = targets(load_graph(), indicator)  # this indicator's rows only: the cost follows what is shown
    records = [{**r, "city": r["city"] or r["title"]} for r in result.records()]
    cities = sorted({r["city"] for r in records})
    chosen["target_cities"] = [c for c in chosen["target_cities"] if c in cities]
    chosen_cities = st.multiselect(t("filter_cities"), cities, key="target_cities", placeholder=t("all"))
    st.caption(t("shared_indicators", n=shared))

# plain rows, not pandas: its Arrow-backed text made filtering, sorting and reshaping the
# 5,000 targets of one indicator at national scale take a second
rows = [r for r in records if r["city"] in chosen_cities] if chosen_cities else records
with right:
    if not rows:
        st.warning(t("empty_view"), icon=":material/info:")
    else:
        name = label_of[indicator]
        unit = " / ".join(sorted({r["unit"] for r in rows if r["unit"]}))
        bars, baseline_word, target_word = [], t("baseline"), t("target")
        for r in rows:
            # one group per target: a plan that sets the indicator for several years shows each year
            where = r["city"] + (f" {r['year']}" if isinstance(r["year"], str) and r["year"] else "")
            for kind, amount, at in ((baseline_word, r["baseline"], r["baselineYear"]), (target_word, r["value"], r["year"])):
                if amount is not None:
                    bars.append({"where": where, "kind": kind, "amount": amount, "title": r["title"], "at": str(at or "")})
        groups = sorted({b["where"] for b in bars})
        if len(groups) > CHART_GROUPS:  # thousands of bars read as nothing and took the browser seconds
            st.caption(t("chart_first", shown=CHART_GROUPS, total=len(groups)))
            groups = groups[:CHART_GROUPS]
            kept = set(groups)
            bars = [b for b in bars if b["where"] in kept]
        kinds = [baseline_word, target_word]
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
        st.vega_lite_chart(pd.DataFrame(bars, columns=["where", "kind", "amount", "title", "at"]), chart, width="stretch")

COLUMNS = ("city", "title", "baseline", "baselineYear", "value", "year", "unit", "qualifier", "text")
ordered = sorted(rows, key=lambda r: (str(r["city"]), r["year"] is None, str(r["year"])))  # by city, then year (none last)
st.subheader(t("indicator_targets", name=label_of[indicator]))
ordered = page_of_rows(ordered, "target_page")  # a page at a time: 5,000 rows with sentences took the browser a second
table = pd.DataFrame([[f"{r[c]:g}" if c in ("baseline", "value") and r[c] is not None else r[c] for c in COLUMNS]
                      for r in ordered], columns=[t(c) for c in ("col_city", "col_plan", "col_baseline", "col_baseline_year",
                                                                   "col_target", "col_year", "col_unit", "col_qualifier",
                                                                   "col_sentence")], dtype=object)  # 5 and 2.5 as written
st.dataframe(table, hide_index=True, width="stretch", placeholder="")
publish_choices(CHOICES)
