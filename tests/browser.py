"""Debian's Chromium driven by Playwright, for the tests that look at what a user sees.

Never ``playwright install``: it downloads a browser. ``.ci/run`` installs Debian's ``chromium``
and ``fonts-noto-cjk``; without them these tests skip with a message.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
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
