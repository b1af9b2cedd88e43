"""User journeys in a real browser (Playwright, Debian's Chromium) against an explorer the test
starts on loopback: compare an indicator across cities, see one body's duties across plans,
run an example query and download it; and through all of it no request leaves the machine
and no Deploy button or developer menu shows."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from .browser import SHOTS, browser_page, explorer_on_bundled_plans
from .conftest import PLANS


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    with explorer_on_bundled_plans(tmp_path_factory.mktemp("journeys")) as (address, _):
        yield address


@pytest.fixture()
def page(explorer):
    with browser_page(1300, 950) as page:
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in (None, "127.0.0.1", "") else None)
        page.outside = outside
        yield page
        assert outside == [], f"requests left the machine: {outside[:5]}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def chart_text(page) -> str:
    chart = page.locator("[data-testid='stVegaLiteChart'] svg").first
    chart.wait_for(timeout=30000)
    page.wait_for_timeout(500)
    return chart.evaluate("svg => Array.from(svg.querySelectorAll('text'), t => t.textContent).join(' ')")


def test_compare_one_indicator_across_cities(page, explorer):
    page.goto(f"{explorer}/target_view")
    page.get_by_text("量化指标对比").wait_for(timeout=60000)
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option").filter(has_text="研发经费投入强度").first.click()
    page.wait_for_timeout(1000)
    labels = chart_text(page)
    shot(page, "journey_targets.png")
    assert "研发经费投入强度" in labels  # the axis names the indicator
    assert sum(city in labels for city in ("洛阳市", "鹤壁市", "郑州市", "益阳市")) >= 3  # side by side across cities
    assert "基期值" in labels and "目标值" in labels
    assert page.get_by_text("Deploy").count() == 0
    # no Streamlit menu either: its items (Print, Record screen, the themes) are English only
    assert page.locator("[data-testid='stMainMenu']").count() == 0 and page.locator("[data-testid='stToolbar']").count() == 0


def test_one_bodys_duties_across_plans(page, explorer):
    page.goto(f"{explorer}/duty_view")
    page.get_by_role("tab", name="按单位").wait_for(timeout=60000)
    page.get_by_role("tab", name="按单位").click()
    page.get_by_text("鹤壁市科技局 负责 20 项措施,其中牵头 0 项").wait_for(timeout=30000)
    page.locator("[data-testid='stDataFrame'] canvas").last.wait_for(timeout=30000)
    page.wait_for_timeout(800)
    shot(page, "journey_body_duties.png")
    page.get_by_role("tab", name="各单位工作量").click()
    labels = chart_text(page)
    shot(page, "journey_workload.png")
    assert "鹤壁市科技局" in labels and "牵头" in labels


def test_run_an_example_query_and_download_it(page, explorer):
    page.goto(f"{explorer}/sparql_view")
    page.get_by_role("button", name="运行").wait_for(timeout=60000)
    page.get_by_role("button", name="运行").click()
    page.get_by_text("行结果").wait_for(timeout=30000)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").click()
    assert download.value.suggested_filename == "01_responsibility.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("city,plan,") and "鹤壁市科技局" in text
    shot(page, "journey_console.png")
    assert "q=" in page.url  # the query is in the address: a reload or a shared link runs it again
    page.reload()
    page.get_by_text("行结果").wait_for(timeout=30000)


def test_an_example_for_one_city_is_picked_from_the_plans_places(page, explorer):
    page.goto(f"{explorer}/sparql_view?example=04_targets_by_city_year&param_city=益阳市")
    page.get_by_text("行结果").wait_for(timeout=60000)
    page.locator("[data-testid='stDataFrame'] canvas").last.wait_for(timeout=30000)
    page.wait_for_timeout(800)
    shot(page, "journey_console_city.png")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("city,") and len(lines) > 5 and all(line.startswith("益阳市,") for line in lines[1:])


def test_find_a_lab_and_who_leads_it_then_go_to_a_neighbour(page, explorer):
    page.goto(f"{explorer}/?search=龙门实验室")  # a shared link: the search is the view
    page.get_by_text("“龙门实验室”的关系").wait_for(timeout=60000)
    page.get_by_role("link", name="打开实体详情页").click()
    page.get_by_role("heading", name="龙门实验室").wait_for(timeout=30000)
    page.get_by_role("heading", name="牵头单位 (2)").wait_for(timeout=30000)
    assert page.get_by_text("由河南科技大学、郑州大学牵头组建").first.is_visible()  # the sentence behind the relation
    shot(page, "journey_entity.png")
    page.get_by_role("link", name="河南科技大学 · 高校").first.click()  # on to a neighbour's page
    page.get_by_role("heading", name="河南科技大学").wait_for(timeout=30000)
    assert "id=" in page.url
    shared = page.url
    page.goto(shared)  # the neighbour's address opens the same page for anyone
    page.get_by_role("heading", name="河南科技大学").wait_for(timeout=30000)
    shot(page, "journey_neighbour.png")


def test_upload_a_plan_and_find_its_new_entity(tmp_path, page, explorer):
    plan = tmp_path / "测试规划.txt"
    plan.write_bytes("鹤壁市科技局关于印发《测试科技行动方案》的通知\n一、重点任务\n(一)支持鹤壁职业技术学院建设淇河测试创新中心。\n"
                     .encode("gbk"))  # a GBK file, as a county's web page gives it
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"not a docx")
    page.goto(f"{explorer}/upload_view")
    page.get_by_role("button", name="加入图谱").wait_for(timeout=60000)
    page.locator("input[type=file]").set_input_files([str(plan), str(broken)])
    page.wait_for_timeout(500)
    page.get_by_role("button", name="加入图谱").click()
    page.get_by_text("已加入 测试规划.txt").wait_for(timeout=60000)
    assert page.get_by_text("未加入:坏文件.docx: 不是可读取的 .docx 文件").first.is_visible()  # said in Chinese
    shot(page, "journey_upload.png")
    shown = page.locator("[data-testid='stFileUploaderDropzone']").first.evaluate(  # what the uploader draws, as drawn
        "e => Array.from(e.querySelectorAll('p, span'), x => getComputedStyle(x, '::after').content).join(' ')")
    assert "选择文件" in shown and "每个文件不超过 200MB" in shown
    page.goto(f"{explorer}/?search=淇河测试创新中心")
    page.get_by_text("“淇河测试创新中心”的关系").wait_for(timeout=60000)


def click_node(page, label: str) -> None:
    """Click the node named ``label`` in the page's network view, where it is drawn on screen."""
    frame_element = page.locator("iframe").first
    frame_element.wait_for(timeout=30000)
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.content_frame
    frame.locator("body[data-drawn]").wait_for(timeout=30000)
    spot = frame.locator("body").evaluate("""(body, label) => {
        const node = network.body.data.nodes.get().find(n => n.label === label);
        const at = network.canvasToDOM(network.getPositions([node.id])[node.id]);
        return {x: at.x, y: at.y};
    }""", label)
    box = frame.locator("canvas").bounding_box()  # in the page's coordinates
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def test_a_click_on_a_node_expands_it_and_a_neighbour_opens_its_page(page, explorer):
    page.goto(f"{explorer}/?search=龙门实验室")
    page.get_by_text("“龙门实验室”的关系").wait_for(timeout=60000)
    click_node(page, "河南科技大学")  # in the network: its neighbourhood, its relations, in the address
    page.get_by_text("“河南科技大学”的关系").wait_for(timeout=60000)
    page.wait_for_url("**search=%E6%B2%B3%E5%8D%97%E7%A7%91%E6%8A%80%E5%A4%A7%E5%AD%A6*", timeout=30000)
    assert page.get_by_label("搜索实体(如:龙门实验室)").input_value() == "河南科技大学"
    page.wait_for_timeout(500)
    shot(page, "journey_node_expand.png")
    page.get_by_role("link", name="打开实体详情页").click()
    page.get_by_role("heading", name="河南科技大学").wait_for(timeout=60000)
    page.get_by_text("相邻实体").first.wait_for(timeout=60000)
    click_node(page, "龙门实验室")  # on an entity page: the neighbour's page, in this tab
    heading = page.get_by_role("heading", name="龙门实验室")
    heading.wait_for(timeout=60000)
    assert "/entity?id=" in page.url
    heading.scroll_into_view_if_needed()
    shot(page, "journey_node_click.png")


def test_in_english_no_interface_string_is_chinese(page, explorer):
    """Switch the language, go through every page by its link: none of the Chinese interface
    strings (those that no plan contains) is on screen."""
    from app_pages.strings import STRINGS

    plan_text = "".join(p.read_text(encoding="utf-8") for p in PLANS.glob("*.txt"))
    chinese = {v["zh"].split("{")[0].strip() for v in STRINGS.values()}
    chinese = {s for s in chinese if len(s) >= 4 and s not in plan_text}
    chinese.discard(STRINGS["language"]["zh"])  # the switch itself says 界面语言 / Language, to be found in either
    page.goto(explorer)
    page.get_by_text("English").first.wait_for(timeout=60000)
    page.get_by_text("English").first.click()
    page.get_by_role("heading", name="Network of innovation entities").wait_for(timeout=30000)
    for link in ("Network", "SPARQL", "Responsibility", "Targets", "Overview", "Add plans"):
        page.get_by_role("link", name=link, exact=True).click()
        page.wait_for_timeout(2500)
        shown = page.locator("[data-testid='stMain']").inner_text() + page.locator("[data-testid='stSidebar']").inner_text()
        found = sorted(s for s in chinese if s in shown)
        assert found == [], (link, found)
    shot(page, "journey_english.png")


def test_a_shared_link_carries_filters_and_language_and_a_reload_keeps_a_change(page, explorer):
    page.goto(f"{explorer}/?search=龙门实验室&radius=2&types=Lab&types=University&lang=en")
    page.get_by_role("heading", name="Network of innovation entities").wait_for(timeout=60000)
    page.get_by_text("Relations of").first.wait_for(timeout=30000)
    slider = page.locator("[data-testid='stSlider'] input[type='range']").first
    slider.wait_for(state="attached", timeout=60000)
    assert slider.get_attribute("value") == "2"
    chips = page.locator("[data-testid='stMultiSelect']").nth(1).inner_text()
    assert "Lab" in chips and "University" in chips
    slider.focus()
    page.keyboard.press("ArrowRight")  # radius 3: the address follows
    page.wait_for_function("() => location.search.includes('radius=3')", timeout=30000)
    page.reload()
    page.get_by_role("heading", name="Network of innovation entities").wait_for(timeout=60000)
    again = page.locator("[data-testid='stSlider'] input[type='range']").first
    again.wait_for(state="attached", timeout=60000)
    assert again.get_attribute("value") == "3"
    assert "University" in page.locator("[data-testid='stMultiSelect']").nth(1).inner_text()
    shot(page, "journey_shared_filters.png")
