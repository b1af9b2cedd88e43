"""The SPARQL console in a real browser: a runaway query is stopped with a message, a big
answer is cut with a message, and leaving the page stops the query's worker."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .browser import SHOTS, browser_page, explorer_on_bundled_plans

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
LIMIT_SECONDS = 8
LEFT_PAGE_SECONDS = 3  # a left page's worker is gone well before the time limit would end it


def sandbox_workers(parent: int) -> list[int]:
    """The explorer's live query workers (children of its server naming graph.query.sandbox)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if b"graph.query.sandbox" in command and fields[0] != "Z" and int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    with explorer_on_bundled_plans(tmp_path_factory.mktemp("console"), {"INNOGRAPH_QUERY_SECONDS": str(LIMIT_SECONDS)}) as running:
        yield running


def type_in_editor(page, query: str) -> None:
    """Replace the console editor's text with ``query``, as pasted (Ace would close brackets
    typed one by one)."""
    editor = page.frame_locator("iframe").first.locator(".ace_content")
    editor.wait_for(timeout=30000)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(query)


def run_in_console(page, base: str, query: str) -> None:
    page.goto(f"{base}/sparql_view")
    type_in_editor(page, query)
    page.keyboard.press("Control+Enter")  # the editor's submit


def test_a_runaway_query_is_stopped_with_a_message(explorer):
    with browser_page(1200, 900) as page:
        run_in_console(page, explorer[0], CROSS_PRODUCT)
        message = page.get_by_text(f"查询超过 {LIMIT_SECONDS} 秒,已停止")
        message.wait_for(timeout=(LIMIT_SECONDS + 20) * 1000)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "console_timeout.png"))
        assert message.is_visible()


def test_a_big_answer_is_cut_with_a_message(explorer):
    with browser_page(1200, 900) as page:
        run_in_console(page, explorer[0], EVERY_TRIPLE)
        warning = page.get_by_text("只显示前 10,000 行")
        warning.wait_for(timeout=30000)
        page.screenshot(path=str(SHOTS / "console_row_cap.png"))
        assert page.get_by_text("10000 行结果").is_visible()


def test_leaving_the_page_stops_the_query(explorer):
    base, server = explorer
    with browser_page(1200, 900) as page:
        run_in_console(page, base, CROSS_PRODUCT)
        page.get_by_text("查询中").wait_for(timeout=20000)
        # the caption may still be the one of a run that Ctrl+Enter just stopped (its worker
        # killed, the next one not yet started): wait for the running query's worker
        started = time.monotonic()
        running = sandbox_workers(server)
        while not running and time.monotonic() - started < 5:
            time.sleep(0.1)
            running = sandbox_workers(server)
        assert running, "the query should be running in a worker"
        page.get_by_role("link", name="概览").click()  # to another page, long before the time limit
        left = time.monotonic()
        while set(running) & set(sandbox_workers(server)) and time.monotonic() - left < LEFT_PAGE_SECONDS:
            time.sleep(0.1)
        assert not set(running) & set(sandbox_workers(server)), "the worker outlived the page"
        assert time.monotonic() - left < LEFT_PAGE_SECONDS


def test_the_editor_highlights_sparql_and_runs_on_ctrl_enter_or_the_run_button(explorer):
    with browser_page(1200, 900) as page:
        run_in_console(page, explorer[0], "SELECT ?p WHERE { ?p a ig:Plan }")
        page.get_by_text("4 行结果").wait_for(timeout=30000)
        editor = page.frame_locator("iframe").first
        keywords = editor.locator(".ace_keyword").all_inner_texts()
        assert "SELECT" in keywords and "WHERE" in keywords  # Ace's SPARQL mode marks them
        assert editor.locator(".ace_variable").count() >= 2  # ?p, coloured as variables
        page.screenshot(path=str(SHOTS / "console_editor.png"))
        picker = page.locator("[data-testid='stSelectbox']").first.evaluate(
            "e => e.innerText + ' ' + Array.from(e.querySelectorAll('input'), i => i.placeholder).join(' ')")
        assert "自己编写的查询" in picker and "责任单位" not in picker  # the picker no longer names an example
        page.screenshot(path=str(SHOTS / "console_editor.png"))
        type_in_editor(page, "SELECT ?t WHERE { ?p a ig:Plan ; rdfs:label ?t } LIMIT 2")
        page.wait_for_timeout(800)  # the editor sends its text a moment after the last change
        page.get_by_role("button", name="运行").click()
        page.get_by_text("2 行结果").wait_for(timeout=30000)
        assert "LIMIT+2" in page.url or "LIMIT%202" in page.url  # the query is in the address
