"""Debian's Chromium driven by Playwright, for the tests that look at what a user sees.

Never ``playwright install``: it downloads a browser. ``.ci/run`` installs Debian's ``chromium``
and ``fonts-noto-cjk``; without them these tests skip with a message.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parent / "screenshots"  # each journey's screenshot, to look at (not committed)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@contextmanager
def browser_page(width: int = 1100, height: int = 800):
    """A new page of a headless Chromium; skips the test where Chromium or Playwright is missing."""
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it): browser test skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]'): browser test skipped")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


@contextmanager
def explorer_on_bundled_plans(folder: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """The explorer started on loopback (``streamlit run``, as the README does) on a store of
    the bundled plans built in ``folder``: its address and its server's pid."""
    from app_pages.launch import start_explorer
    from graph.pipeline import build_store

    from .conftest import PLANS

    store = folder / "store"
    build_store(store, [PLANS], jobs=1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = start_explorer(port, str(store), env=env)
    try:
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        server.terminate()
        server.wait(timeout=10)
