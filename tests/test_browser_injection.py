"""Markup in a plan's text never runs in the explorer's views (a real browser, hovered all over)."""


import networkx as nx

from graph.view import render

from .browser import SHOTS, browser_page

PAYLOAD = '1.高质量建设龙门实验室<img src=x onerror=alert(1)>，<a href="x">链接</a>支持河南科技大学参与建设。'


def _view() -> str:
    g = nx.Graph()
    g.add_node("a", label="龙门实验室<img src=x onerror=alert(1)>", type="Lab", sentence=PAYLOAD, alt=["<b onmouseover=alert(3)>x</b>"])
    g.add_node("b", label="河南科技大学", type="University", sentence="<script>alert(2)</script>")
    g.add_edge("a", "b", relation="ledBy")
    return render.render_network(g, {"a": (0, 0), "b": (200, 100)}, focus="a")


def _hover_everywhere(html: str, shot: str | None = None) -> tuple[list[str], str]:
    with browser_page(900, 700) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.set_content(html)
        page.wait_for_selector("canvas", timeout=15000)
        box = page.locator("canvas").bounding_box()
        for x in range(int(box["x"]) + 20, int(box["x"] + box["width"]) - 20, 30):
            for y in range(int(box["y"]) + 20, int(box["y"] + box["height"]) - 20, 30):
                page.mouse.move(x, y)
        page.mouse.move(box["x"] + box["width"] / 2 - 100, box["y"] + box["height"] / 2 - 50)
        page.wait_for_timeout(400)
        tooltip = page.locator(".vis-tooltip")
        text = tooltip.first.inner_text() if tooltip.count() else ""
        if shot:
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / shot))
        page.mouse.click(box["x"] + box["width"] / 2 - 100, box["y"] + box["height"] / 2 - 50)
        page.wait_for_timeout(200)
        return dialogs, text


def test_markup_in_a_plan_is_shown_as_text_and_never_runs():
    dialogs, tooltip = _hover_everywhere(_view(), "injection_tooltip.png")
    assert dialogs == []
    assert "<img src=x onerror=alert(1)>" in tooltip  # shown as the text it is


def test_the_guard_is_what_stops_it(monkeypatch):
    """Without plain_text and the page's policy, pyvis's innerHTML tooltips run the payload: the
    test above can fail."""
    monkeypatch.setattr(render, "plain_text", lambda text: text)
    monkeypatch.setattr(render, "content_policy", lambda html: "default-src * 'unsafe-inline'")
    dialogs, _ = _hover_everywhere(_view())
    assert dialogs, "the unguarded view should have run the payload"
