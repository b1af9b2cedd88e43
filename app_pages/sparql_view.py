"""SPARQL view: pick an example or write a query, run it, see a table, download CSV or JSON.

The query text lives in the session (it survives a visit to another page) and in the URL
(``?q=``), so a reload or a shared link runs the same query. It runs when the user asks
(the Run button, or Ctrl+Enter in the editor), in a bounded worker (graph/query/sandbox.py).
The editor is streamlit-code-editor (Ace, with SPARQL highlighting); it sends its text a
moment after each change, and Ctrl+Enter as a submit.
"""

import json
import time

import pandas as pd
import streamlit as st
from code_editor import code_editor

from app_pages.state import (
    QUERY_LIMITS,
    entity_addresses,
    lang,
    load_graph,
    plan_list,
    publish_choices,
    query_sandbox,
    restore_choices,
    store_folder,
    t,
)
from graph.query import QueryError, list_queries
from graph.query.guard import QueryRefused, check_query
from graph.query.sandbox import QueryTimeout
from graph.store import published_generation
from graph.view.explore import plan_places

st.header(t("sparql_header"))
examples = list_queries()
by_name = {q.name: q for q in examples}
kept = st.session_state
if "console_query" not in kept:  # a first visit: the shared link's query, else the first example
    linked, named = st.query_params.get("q"), st.query_params.get("example", "")
    example_text = by_name[named].text if named in by_name else examples[0].text
    kept["console_query"] = linked or example_text
    kept["console_example"] = named if named in by_name else (examples[0].name if not linked else "")


def load_example() -> None:
    example = by_name[kept["example_pick"]]
    kept["console_query"] = example.text
    kept["console_example"] = example.name
    kept["editor_round"] = kept.get("editor_round", 0) + 1  # a new editor, holding the example


def editor_key() -> str:
    return f"sparql_editor_{kept.get('editor_round', 0)}"


def editor_text() -> str:
    """What the editor holds: the text it last sent, else the text it was given."""
    sent = kept.get(editor_key())
    return (sent.get("text") if isinstance(sent, dict) else "") or kept["console_query"]


def take_editor_text() -> None:
    """Run: the editor's text is the query (before the page is drawn, so the example picker
    already says whether it is still an example)."""
    text = editor_text()
    kept["console_query"] = text
    example = by_name.get(kept.get("console_example") or "")
    if not (example and text == example.text):
        kept["console_example"] = ""
        kept["example_pick"] = None


sent = kept.get(editor_key())
if isinstance(sent, dict) and sent.get("type") == "submit" and sent.get("id") != kept.get("submit_handled"):
    kept["submit_handled"] = sent.get("id")  # Ctrl+Enter in the editor, taken once
    take_editor_text()

names = [q.name for q in examples]
current = kept.get("console_example") or ""
st.selectbox(t("examples"), names, index=names.index(current) if current in names else None, key="example_pick",
             format_func=lambda n: by_name[n].title(lang()), on_change=load_example, placeholder=t("own_query"))
if current in by_name:
    st.caption(by_name[current].about(lang()))

PARAMS = {"param_city": "", "param_name": "龙门实验室"}  # the examples' parameters, kept in the address like the query
restore_choices(PARAMS)


def param_input(name: str, example) -> str | None:
    """A place is picked from the plans' places (none: every plan); other values are typed."""
    key = f"param_{name}"
    if name == "city":
        optional = name in example.optional
        known = plan_places(load_graph(), plan_list())
        places = ["", *known] if optional else known
        if kept.get(key) not in places:
            kept[key] = places[0] if places else ""  # a place the graph does not hold (an old link): the first choice
        label = t("param_city") if optional else t("param", name=t("col_city"))
        return st.selectbox(label, places, key=key, format_func=lambda c: c or t("all_places")) or None
    kept.setdefault(key, "")
    return st.text_input(t("param", name=name), key=key)


st.caption(t("query_text"))
# Ace's own xcode theme: each of the component's own themes imports a font from Google Fonts
code_editor(kept["console_query"], lang="sparql", height=[12, 24], response_mode="debounce",
            options={"wrap": True, "showPrintMargin": False}, props={"theme": "xcode"}, key=editor_key())
example = by_name.get(current)
params = example.params if example and editor_text() == example.text else ()
bindings = {p: param_input(p, example) for p in params}
st.button(t("run"), type="primary", icon=":material/play_arrow:", on_click=take_editor_text)
sparql = kept["console_query"]
query_name = kept.get("console_example") or "query"
st.query_params["q"] = sparql
if kept.get("console_example"):
    st.query_params["example"] = kept["console_example"]
elif "example" in st.query_params:
    del st.query_params["example"]

publish_choices({key: default for key, default in PARAMS.items() if key.removeprefix("param_") in bindings})
status = st.empty()  # the running time while a query runs
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
    answers = kept.setdefault("answers", {})
    if key not in answers:
        try:
            result = query_sandbox().run_query(sparql, cancelled=page_still_open, **bindings)
        finally:
            status.empty()
        answers[key] = (result.columns, result.rows, result.to_csv(), result.truncated, result.row_cap)
        while len(answers) > 16:
            answers.pop(next(iter(answers)))
    return answers[key]


try:
    check_query(sparql)
    columns, rows, csv_text, truncated, cap = answer(sparql, bindings)
except QueryRefused as exc:
    st.error(t("read_only") if exc.kind == "update" else t("query_error", error=exc), icon=":material/block:")
except QueryTimeout:
    st.error(t("query_timeout", limit=QUERY_LIMITS.seconds), icon=":material/timer_off:")
except QueryError as exc:
    st.error(t("query_error", error=exc), icon=":material/error:")
else:
    st.caption(t("rows", n=len(rows)))
    if truncated:
        st.warning(t("rows_capped", n=cap), icon=":material/content_cut:")
    table = pd.DataFrame(rows, columns=columns)
    table = table.astype(object).where(table.notna(), "")  # blank, not "None"
    links = {}
    for column in columns:  # an entity's IRI gets a link to its page beside it
        pages = entity_addresses({v for v in table[column] if isinstance(v, str)})
        addresses = table[column].map(lambda v, pages=pages: pages.get(v))
        if addresses.notna().any():
            links[f"{column} ↗"] = st.column_config.LinkColumn(f"{column} ↗", display_text=t("open_page"))
            table.insert(table.columns.get_loc(column) + 1, f"{column} ↗", addresses)
    st.dataframe(table, hide_index=True, width="stretch", placeholder="", column_config=links)
    records = json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=1)
    csv_column, json_column, _ = st.columns([1, 1, 4])
    csv_column.download_button(t("download_csv"), csv_text.encode("utf-8-sig"), file_name=f"{query_name}.csv", mime="text/csv")
    json_column.download_button(t("download_json"), records.encode("utf-8"), file_name=f"{query_name}.json",
                                mime="application/json")
