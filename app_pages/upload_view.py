"""Add plans: upload .txt/.html/.docx/.pdf files; each is read, the readable ones are built
into the store (incrementally, with a progress bar), and each one that cannot be read gets
its own message. Nothing already built is lost: the build publishes a new generation of
the store only when it is complete (graph/store/folder.py)."""

import streamlit as st

from app_pages.state import lang, store_folder, t
from graph.ingest.readers import SUPPORTED_SUFFIXES
from graph.pipeline import add_plans
from graph.store import StoreError

st.header(t("upload_header"))
folder = store_folder()
if folder is None:
    st.info(t("upload_remote"), icon=":material/info:")
    st.stop()
st.write(t("upload_intro"))
if lang() != "en":
    # Streamlit's uploader has no locale: its button and limits line are drawn in English, so
    # in the Chinese interface they are shown in Chinese over it (interface strings only)
    limits = t("uploader_limits", mb=st.get_option("server.maxUploadSize"))
    st.markdown(
        "<style>"
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p,"
        "[data-testid='stFileUploaderDropzoneInstructions'] span {font-size: 0}"
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after"
        f"{{content: '{t('uploader_button')}'; font-size: 0.875rem}}"
        f"[data-testid='stFileUploaderDropzoneInstructions'] span::after {{content: '{limits}'; font-size: 0.875rem}}"
        "</style>", unsafe_allow_html=True)
with st.form("upload", clear_on_submit=True, border=False):
    files = st.file_uploader(t("upload_files"), type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True)
    sent = st.form_submit_button(t("upload_build"), type="primary", icon=":material/upload_file:")

if sent and files:
    bar = st.progress(0.0, text=t("upload_reading"))
    try:
        result = add_plans(folder, [(f.name, f.getvalue()) for f in files],
                           progress=lambda k, n: bar.progress(k / max(n, 1), text=t("upload_progress", k=k, n=n)))
    except StoreError as exc:
        bar.empty()
        st.error(str(exc), icon=":material/error:")
    else:
        bar.empty()
        for name, kind in result.refused_kinds:  # said in the interface's language, by the problem's kind
            st.error(t("upload_refused", error=f"{name}: {t('file_problem_' + kind)}"), icon=":material/error:")
        if result.report is not None:
            st.success(t("upload_done", names="、".join(result.added), added=result.report.added, changed=result.report.changed),
                       icon=":material/check_circle:")
elif sent:
    st.warning(t("upload_none"), icon=":material/info:")
