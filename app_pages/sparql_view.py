"""SPARQL view: pick an example or write a query, see a table, download CSV."""

import time

import pandas as pd
import streamlit as st

from app_pages.state import QUERY_LIMITS, lang, query_sandbox, store_folder, t
from graph.query import QueryError, list_queries
from graph.sandbox import QueryTimeout
from graph.store import published_generation

st.header(t("sparql_header"))
examples = list_queries()
example = st.selectbox(t("examples"), examples, format_func=lambda q: q.title(lang()), key="example")
if st.session_state.get("loaded_example") != example.name:
    st.session_state["sparql_text"] = example.text
    st.session_state["loaded_example"] = example.name
sparql = st.text_area(t("query_text"), key="sparql_text", height=260)
bindings = {p: st.text_input(t("param", name=p), value="龙门" if p == "name" else "", key=f"param_{p}") for p in example.params}


status = st.empty()
started = time.perf_counter()


def page_still_open() -> bool:
    """Shows the running time; drawing it is where Streamlit stops this run when the user
    leaves the page or changes the query, and the sandbox then kills the worker."""
    status.caption(t("query_running", seconds=time.perf_counter() - started, limit=QUERY_LIMITS.seconds))
    return False


def answer(sparql: str, bindings: dict) -> tuple:
    """The query's answer, kept in the session for its reruns (a click on download reruns the
    page) while the store's published generation is the same."""
    key = (sparql, tuple(sorted(bindings.items())), str(published_generation(store_folder())) if store_folder() else "")
    kept = st.session_state.setdefault("answers", {})
    if key not in kept:
        result = query_sandbox().run_query(sparql, cancelled=page_still_open, **bindings)
        kept[key] = (result.columns, result.rows, result.to_csv(), result.truncated, result.row_cap)
        while len(kept) > 16:
            kept.pop(next(iter(kept)))
    return kept[key]


try:
    columns, rows, csv_text, truncated, cap = answer(sparql, bindings)
except QueryTimeout:
    status.empty()
    st.error(t("query_timeout", limit=QUERY_LIMITS.seconds), icon=":material/timer_off:")
except QueryError as exc:
    status.empty()
    st.error(t("query_error", error=exc), icon=":material/error:")
else:
    status.empty()
    st.caption(t("rows", n=len(rows)))
    if truncated:
        st.warning(t("rows_capped", n=cap), icon=":material/content_cut:")
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
    st.download_button(t("download_csv"), csv_text.encode("utf-8-sig"), file_name=f"{example.name}.csv", mime="text/csv")
