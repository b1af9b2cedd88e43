"""innograph explorer: browse the graph of the bundled plans as a network, query it, see duties."""

from pathlib import Path

import streamlit as st

from app_pages.state import built_at_start, load_graph, publish_choices, restore_choices, t, warm_up

# the tab icon is a file here: a Material or emoji icon is fetched from a font server or CDN on every load
st.set_page_config(page_title="innograph", page_icon=str(Path(__file__).resolve().parent / "app_pages" / "icon.png"), layout="wide")

restore_choices({"lang": "zh"})  # ?lang=en: a link opens in the language it was shared in
if st.session_state["lang"] not in ("zh", "en"):
    st.session_state["lang"] = "zh"
with st.sidebar:
    st.radio("界面语言 / Language", ["zh", "en"], format_func={"zh": "中文", "en": "English"}.get, key="lang", horizontal=True)
publish_choices({"lang": "zh"})

if built_at_start():
    with st.spinner(t("loading")):
        load_graph()

pages = [
    st.Page("app_pages/graph_view.py", title=t("nav_graph"), icon=":material/hub:", default=True),
    st.Page("app_pages/sparql_view.py", title=t("nav_sparql"), icon=":material/search:"),
    st.Page("app_pages/duty_view.py", title=t("nav_duty"), icon=":material/assignment_ind:"),
    st.Page("app_pages/target_view.py", title=t("nav_targets"), icon=":material/trending_up:"),
    st.Page("app_pages/overview.py", title=t("nav_overview"), icon=":material/bar_chart:"),
    st.Page("app_pages/entity_view.py", title=t("nav_entity"), icon=":material/badge:", url_path="entity"),
    st.Page("app_pages/upload_view.py", title=t("nav_upload"), icon=":material/upload_file:"),
]
try:
    st.navigation(pages).run()
finally:  # also after a page stops or reruns early
    warm_up()
