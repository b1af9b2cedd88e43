"""SPARQL view: pick an example or write a query, see a table, download CSV."""

import pandas as pd
import streamlit as st

from app_pages.state import lang, load_graph, t
from graph.query import QueryError, list_queries, run_query

st.header(t("sparql_header"))
examples = list_queries()
example = st.selectbox(t("examples"), examples, format_func=lambda q: q.title(lang()), key="example")
if st.session_state.get("loaded_example") != example.name:
    st.session_state["sparql_text"] = example.text
    st.session_state["loaded_example"] = example.name
sparql = st.text_area(t("query_text"), key="sparql_text", height=260)
bindings = {p: st.text_input(t("param", name=p), value="龙门" if p == "name" else "", key=f"param_{p}") for p in example.params}


@st.cache_data(show_spinner=False, max_entries=64)
def cached_query(sparql: str, bindings: tuple) -> tuple:
    result = run_query(load_graph(), sparql, **dict(bindings))
    return result.columns, result.rows, result.to_csv()


try:
    columns, rows, csv_text = cached_query(sparql, tuple(sorted(bindings.items())))
except QueryError as exc:
    st.error(t("query_error", error=exc), icon=":material/error:")
else:
    st.caption(t("rows", n=len(rows)))
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
    st.download_button(t("download_csv"), csv_text.encode("utf-8-sig"), file_name=f"{example.name}.csv", mime="text/csv")
