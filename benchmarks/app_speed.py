"""How fast the explorer answers on a big store: first page, and a neighbourhood view.

Run: .venv/bin/python benchmarks/app_speed.py /tmp/innograph-bench/store100 [--browser]

Server side (Streamlit's AppTest, in this process): the first run of the default page
(opening the store, reading the entity network, laying out and drawing the capped view)
and a search that shows one entity's neighbourhood. With --browser (Debian's chromium and
the playwright package), also `streamlit run` to the network drawn in an open browser
(new to the app, then after a restart of the app), and search to neighbourhood drawn.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the explorer's own modules (app_pages), as streamlit run has them

from app_pages.launch import start_explorer

SETTLE = 8.0  # seconds a user spends on the first page before searching (the background reading takes ~5 s at 1000x)


def server_side(store: str, repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["INNOGRAPH_STORE"] = store
    start = time.perf_counter()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
    first = time.perf_counter() - start
    assert not app.exception, app.exception
    times = []
    for name in ("龙门实验室", "河南科技大学", "中原科技城")[:repeat]:
        start = time.perf_counter()
        app.text_input(key="search").set_value(name).run()
        times.append(time.perf_counter() - start)
        assert not app.exception
    views = [e for e in app.main if e.type == "component_instance"]
    print(f"first page (cold: open store, entity network, capped view): {first:.2f} s")
    print(f"neighbourhood view after a search: median {statistics.median(times):.2f} s over {len(times)} searches")
    print(f"view sent to the browser: {len(views[0].proto.json_args) / 1e3:.0f} KB of JSON" if views else "no view")


def first_page(page, store: str, port: int) -> tuple[subprocess.Popen, float, float]:
    """The started app, and seconds from `streamlit run` to the server up and to the network drawn in the page."""
    start = time.perf_counter()
    server = start_explorer(port, store)
    healthy = time.perf_counter() - start
    page.goto(f"http://127.0.0.1:{port}/")
    page.frame_locator("iframe").locator("body[data-drawn]").wait_for(timeout=120000)
    return server, healthy, time.perf_counter() - start


def drawn_view(page) -> str:
    """The view the page's network shows, drawn ("" while none is)."""
    return page.frame_locator("iframe").locator("body").get_attribute("data-drawn", timeout=60000) or ""


def wait_for_new_view(page, before: str) -> None:
    """Until the network shows a view other than ``before``, drawn."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = drawn_view(page)
        if now and now != before:
            return
        page.wait_for_timeout(10)
    raise TimeoutError("no new view was drawn in 60 s")


def browser(store: str, port: int = 8611) -> None:
    """The user's browser is open already; the clock starts with `streamlit run`.

    Twice: in a browser that never opened the app (a fresh profile: Streamlit's own
    scripts are fetched and compiled first), and after a restart of the app in the same
    browser, as a user who opened it before (the browser keeps them).

    Python keeps compiled modules after a first start; where PYTHONDONTWRITEBYTECODE is set
    (as in some sandboxes) every start would compile the app's modules again, so they are
    compiled once here, as on any machine after its first start.
    """
    import compileall

    from playwright.sync_api import sync_playwright

    for folder in ("graph", "app_pages"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)

    with sync_playwright() as p:
        launched = time.perf_counter()
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        print(f"browser: chromium started in {time.perf_counter() - launched:.2f} s (before the clock starts)")
        proc, healthy, drawn = first_page(page, store, port)
        try:
            print(f"browser: `streamlit run` to network drawn: {drawn:.2f} s in a browser new to the app "
                  f"(server up {healthy:.2f} s; page opened to network drawn {drawn - healthy:.2f} s)")
            def search(name: str) -> float:
                box = page.get_by_label("搜索实体(如:龙门实验室)")
                before = drawn_view(page)
                begin = time.perf_counter()
                box.fill(name)
                box.press("Enter")
                wait_for_new_view(page, before)  # done when the view shows the new neighbourhood, drawn
                return time.perf_counter() - begin

            at_once = search("河南科技大学")  # typed the moment the first page is drawn
            print(f"browser: a search typed the moment the first page is drawn: {at_once:.2f} s "
                  "(the whole network is still being read in the background)")
            page.get_by_label("搜索实体(如:龙门实验室)").fill("")
            page.get_by_label("搜索实体(如:龙门实验室)").press("Enter")
            time.sleep(SETTLE)  # a user reads the first page; the background reading ends
            times = [search(name) for name in ("中原科技城", "龙门实验室", "郑州大学", "鹤壁市科技局", "河南科技大学")]
            print(f"browser: search to neighbourhood drawn ({SETTLE:.0f} s after the first page): median "
                  f"{statistics.median(times):.2f} s, max {max(times):.2f} s ({', '.join(f'{x:.2f}' for x in times)})")
            interactions(page)
        finally:
            proc.terminate()
            proc.wait()
        page.close()
        page = context.new_page()
        proc, healthy, drawn = first_page(page, store, port)
        proc.terminate()
        proc.wait()
        print(f"browser: `streamlit run` to network drawn: {drawn:.2f} s in a browser that opened the app before "
              f"(server up {healthy:.2f} s; page opened to network drawn {drawn - healthy:.2f} s)")
        chromium.close()


def interactions(page) -> None:
    """Each of the explorer's other interactions, from the click to its answer drawn."""

    def timed(label: str, act, drawn) -> None:
        begin = time.perf_counter()
        act()
        drawn()
        print(f"browser: {label}: {time.perf_counter() - begin:.2f} s")

    def new_view(act):
        before = drawn_view(page)
        return act, lambda: wait_for_new_view(page, before)

    box = page.get_by_label("搜索实体(如:龙门实验室)")
    act, drawn = new_view(lambda: (box.fill("龙门实验室"), box.press("Enter")))
    act()
    drawn()
    timed("entity page from the network", lambda: page.get_by_role("link", name="打开实体详情页").click(),
          lambda: page.get_by_role("heading", name="龙门实验室", exact=True).wait_for(timeout=60000))
    page.get_by_text("与另一实体的关联路径").wait_for(timeout=60000)
    box = page.get_by_label("另一实体的名称")
    timed("path to another entity", lambda: (box.fill("中铁装备"), box.press("Enter")),
          lambda: page.get_by_text(" — ").first.wait_for(timeout=60000))
    def on_page(heading: str, drawn: str):
        """Done when the page's heading is there and, under it, what it draws (not the last page's)."""
        def wait():
            page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60000)
            page.locator(drawn).first.wait_for(timeout=60000)
        return wait

    timed("targets view", lambda: page.get_by_role("link", name="指标对比").click(),
          on_page("量化指标对比", "[data-testid='stVegaLiteChart'] svg"))
    timed("a body's duties", lambda: page.get_by_role("link", name="责任分工").click(),
          on_page("责任分工", "[data-testid='stTabs'] [data-testid='stDataFrame'] canvas"))
    page.get_by_role("link", name="关系网络").click()
    page.frame_locator("iframe").locator("body[data-drawn]").wait_for(timeout=60000)
    box = page.get_by_label("搜索实体(如:龙门实验室)")
    act, drawn = new_view(lambda: (box.fill(""), box.press("Enter")))
    timed("search cleared: the overview (a filter change)", act, drawn)



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store")
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    server_side(args.store, args.repeat)
    if args.browser:
        browser(args.store)


if __name__ == "__main__":
    main()
