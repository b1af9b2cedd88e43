"""Every view of the explorer runs, in Chinese and English, and answers a user's question."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import PLANS, ROOT, console_text, run_in_console, type_in_console

PAGES = ["app_pages/graph_view.py", "app_pages/sparql_view.py", "app_pages/duty_view.py", "app_pages/target_view.py", "app_pages/overview.py", "app_pages/entity_view.py", "app_pages/upload_view.py"]


@pytest.fixture()
def app():
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()


def view_args(at, key: str = "network_click") -> dict:
    """What the page sent its network view: the nodes, edges and options it draws."""
    views = [e for e in at.main if e.type == "component_instance" and e.key == key]
    if not views:
        return {}
    args = json.loads(views[0].proto.json_args)
    return {**args, "view": json.loads(args["view"])}


def view_labels(at, key: str = "network_click") -> dict[str, str]:
    return {n["label"]: n["id"] for n in view_args(at, key).get("view", {}).get("nodes", [])}


def test_default_page_draws_the_network_offline(app):
    from app_pages.clickable_network import FRONTEND
    from graph.view.render import VIS_FOLDER, VIS_SCRIPT, VIS_STYLE

    assert not app.exception
    assert "龙门实验室" in view_labels(app) and view_args(app)["view"]["options"]["physics"]["enabled"] is False
    for name in (VIS_SCRIPT, VIS_STYLE):  # the component draws with pyvis's own copy, put beside its page
        assert (FRONTEND / name).read_bytes() == (VIS_FOLDER / name).read_bytes()
    page = (FRONTEND / "index.html").read_text(encoding="utf-8") + (FRONTEND / "view.js").read_text(encoding="utf-8")
    assert "http" not in page.replace('http-equiv', '') and "script-src 'self'" in page


def test_a_click_on_a_node_expands_it_and_on_an_entity_page_opens_the_neighbour(app):
    app.text_input(key="search").set_value("龙门实验室").run()
    lab, university = view_labels(app)["龙门实验室"], view_labels(app)["河南科技大学"]
    app.session_state["network_click"] = {"node": university, "at": 1}  # as the view sends a click
    app.run()
    assert not app.exception and app.subheader[0].value == "“河南科技大学”的关系"
    assert app.text_input(key="search").value == "河南科技大学" and app.query_params["search"] == "河南科技大学"
    assert view_labels(app)["河南科技大学"] == university and "龙门实验室" in view_labels(app)
    app.run()  # a rerun for another reason: the click is not taken again
    assert app.subheader[0].value == "“河南科技大学”的关系"

    app.switch_page("app_pages/entity_view.py")
    app.query_params["id"] = university.rsplit("/", 1)[1]
    app.run()
    assert app.header[0].value == "河南科技大学" and lab in view_labels(app, "neighbour_click").values()
    app.session_state["neighbour_click"] = {"node": lab, "at": 2}
    app.run()
    assert not app.exception and app.header[0].value == "龙门实验室"
    assert app.query_params["id"] == lab.rsplit("/", 1)[1]


def test_where_the_component_cannot_be_set_up_the_view_is_a_page_of_its_own(monkeypatch, tmp_path):
    """A folder the copy of vis-network cannot go into: the view carries it, in an iframe."""
    from app_pages import clickable_network

    monkeypatch.setattr(clickable_network, "FRONTEND", tmp_path / "missing" / "frontend")
    clickable_network._component.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    finally:
        clickable_network._component.clear()
    frames = [e for e in at.main if e.type == "iframe"]
    assert not at.exception and frames and "vis.DataSet" in frames[0].proto.srcdoc and not view_args(at)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_view_runs(app, page, language):
    app.sidebar.radio[0].set_value(language).run()
    app.switch_page(page).run()
    assert not app.exception


def test_find_longmen_lab_and_who_leads_it_in_one_step(app):
    app.text_input(key="search").set_value("龙门实验室").run()  # the one interaction
    assert not app.exception
    table = app.dataframe[0].value
    led = set(table[table["关系"] == "牵头单位"]["对方"])
    takes_part = set(table[table["关系"] == "参与单位"]["对方"])
    assert led == {"河南科技大学", "郑州大学"}
    assert {"中信重工", "中国一拖"} <= takes_part
    assert "龙门实验室" in app.subheader[0].value


def test_a_picked_match_is_kept_until_the_next_search(app):
    app.text_input(key="search").set_value("实验室").run()
    matches = app.selectbox(key="focus").options
    assert len(matches) > 2 and "龙门实验室 · 实验室" in matches
    picked = next(m for m in matches[1:] if m.startswith("龙门实验室"))
    app.selectbox(key="focus").set_value(picked).run()
    assert app.subheader[0].value == "“龙门实验室”的关系"
    app.slider(key="radius").set_value(2).run()  # another control: the pick stays
    assert app.subheader[0].value == "“龙门实验室”的关系" and app.selectbox(key="focus").index == matches.index(picked)
    app.text_input(key="search").set_value("郑州大学").run()  # a new search starts at its best match
    assert app.selectbox(key="focus").index == 0 and app.subheader[0].value == "“郑州大学”的关系"
    assert not app.exception


def test_cap_message_when_the_view_is_cut(app):
    app.number_input(key="limit").set_value(50).run()
    assert any("50" in info.value for info in app.info)


def test_sparql_error_is_a_message_not_a_traceback(app):
    app.switch_page("app_pages/sparql_view.py").run()
    run_in_console(app, "SELECT ?x WHERE { ?x ")
    assert not app.exception
    assert "SPARQL" in app.error[0].value and "line 1, column" in app.error[0].value
    run_in_console(app, "SELECT * WHERE { ?s foo:bar ?o }")
    assert "unknown prefix foo:" in app.error[0].value and "\\u{" not in app.error[0].value


def test_an_update_is_told_the_explorer_is_read_only(app):
    app.switch_page("app_pages/sparql_view.py").run()
    run_in_console(app, "DELETE WHERE { ?s ?p ?o }")
    assert [e.value for e in app.error] == ["本浏览器只读:不能修改图谱(INSERT、DELETE、LOAD 等更新语句均不执行)。"]


def test_a_query_waits_for_run_and_survives_a_visit_to_another_page(app):
    app.switch_page("app_pages/sparql_view.py").run()
    own = "SELECT ?p WHERE { ?p a ig:Plan }"
    type_in_console(app, own)
    assert len(app.dataframe[0].value) != 4  # not run yet: the first example's answer is shown
    run_in_console(app, own)
    assert len(app.dataframe[0].value) == 4 and app.query_params["q"] == own
    app.switch_page("app_pages/overview.py").run()
    app.switch_page("app_pages/sparql_view.py").run()
    assert console_text(app) == own and not app.error
    assert len(app.dataframe[0].value) == 4


def test_ctrl_enter_in_the_editor_runs_the_query_and_an_example_replaces_the_text(app):
    from graph.query import list_queries

    app.switch_page("app_pages/sparql_view.py").run()
    own = "SELECT ?p WHERE { ?p a ig:Plan }"
    type_in_console(app, own, submit=True)  # Ctrl+Enter: the editor's submit
    assert len(app.dataframe[0].value) == 4 and app.selectbox(key="example_pick").value is None
    type_in_console(app, "SELECT ?p WHERE { ?p a ig:Plan } LIMIT 1")  # typed, not submitted: nothing runs
    assert len(app.dataframe[0].value) == 4
    labs = next(q for q in list_queries() if q.name == "02_university_labs")
    app.selectbox(key="example_pick").set_value(labs.name).run()
    assert console_text(app) == labs.text and not app.exception and len(app.dataframe[0].value) > 0
    assert app.query_params["example"] == labs.name


def test_a_shared_link_runs_its_query():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params["q"] = "SELECT ?p WHERE { ?p a ig:Plan }"
    app.run()
    app.switch_page("app_pages/sparql_view.py").run()
    assert console_text(app) == "SELECT ?p WHERE { ?p a ig:Plan }"
    assert len(app.dataframe[0].value) == 4


def test_sparql_example_gives_a_table_and_downloads_named_after_it(app):
    app.switch_page("app_pages/sparql_view.py").run()
    assert len(app.dataframe[0].value) > 0
    buttons = app.get("download_button")
    assert len(buttons) == 2
    assert [b.proto.label for b in buttons] == ["下载 CSV", "下载 JSON"]


def test_responsibility_matrix_marks_each_listed_body(app, bundled_graph):
    """Hebi's (责任单位:…) lists mark no lead: every listed body is ● and none ★."""
    from graph.view.explore import list_plans

    app.switch_page("app_pages/duty_view.py").run()
    hebi = next(row[0] for row in list_plans(bundled_graph).rows if "鹤壁" in row[1])
    app.selectbox(key="duty_plan").set_value(hebi).run()
    assert not app.exception
    matrix = app.dataframe[0].value
    assert matrix.loc["三.(一).1 大力培育高新技术企业", "鹤壁市科技局"] == "●"
    assert matrix.loc["三.(一).1 大力培育高新技术企业", "鹤壁市财政局"] == "●"
    assert not (matrix == "★").any().any()


def test_body_view_lists_measures_across_plans(app, bundled_graph):
    from graph.view.explore import list_bodies

    app.switch_page("app_pages/duty_view.py").run()
    body = next(row[0] for row in list_bodies(bundled_graph).rows if row[1] == "鹤壁市知识产权局")
    app.selectbox(key="duty_body").set_value(body).run()
    table = app.dataframe[len(app.dataframe) - 1].value
    assert set(table["措施"]) == {"推进科技金融深度融合", "加强知识产权保护"}


def test_a_body_is_found_by_typing_part_of_its_name(app, bundled_graph):
    """The picker lists the bodies matching what is typed (a national corpus names tens of
    thousands), and picks the first match."""
    from graph.view.explore import list_bodies

    app.switch_page("app_pages/duty_view.py").run()
    every = len(app.selectbox(key="duty_body").options)
    app.text_input(key="body_query").set_value("知识产权").run()
    picker = app.selectbox(key="duty_body")
    labels = {row[0]: row[1] for row in list_bodies(bundled_graph).rows}
    assert picker.options == ["鹤壁市知识产权局 (2)"] and every > 10  # as shown: name and measures
    assert picker.value == next(b for b, label in labels.items() if label == "鹤壁市知识产权局")
    assert set(app.dataframe[len(app.dataframe) - 1].value["措施"]) == {"推进科技金融深度融合", "加强知识产权保护"}


def test_the_first_page_is_the_kept_first_view_and_the_whole_network_draws_it_alike(tmp_path, monkeypatch, fresh_caches):
    """Opened unsearched, the page draws the first view kept beside the store, reading no
    network; a search and back (the whole network) draws the same view, laid out the same."""
    from app_pages import state
    from graph.analyse import keep_entity_network
    from graph.pipeline import build_store
    from graph.store import open_location

    store = tmp_path / "store"
    build_store(store, [PLANS])
    keep_entity_network(open_location(str(store)), store)
    monkeypatch.setenv("INNOGRAPH_STORE", str(store))
    read = []
    monkeypatch.setattr(state, "kept_entity_network", lambda *a, **k: read.append(a) or None)
    monkeypatch.setattr(state, "_read_network_later", lambda generation: True)  # no background read in this test
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    first = view_args(app)
    assert not app.exception and read == [] and "龙门实验室" in view_labels(app)
    assert len(app.multiselect(key="plans").options) == 4
    monkeypatch.undo()
    monkeypatch.setenv("INNOGRAPH_STORE", str(store))
    app.text_input(key="search").set_value("龙门实验室").run()
    app.text_input(key="search").set_value("").run()
    assert view_args(app)["view"] == first["view"]


def test_first_page_never_counts_the_store(monkeypatch):
    """Streamlit's usage statistics (on by default) take len() of what a cached function
    returns; on a store that counts every triple (20 s at 1.5M triples)."""
    from oxrdflib.store import OxigraphStore

    from app_pages import state

    counted = []
    monkeypatch.setattr(OxigraphStore, "__len__", lambda self, *args, **kwargs: counted.append(1) or 0)
    state._opened_generation.clear()  # open the store again in this test
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    assert not at.exception and view_args(at)
    assert counted == []


@pytest.fixture()
def fresh_caches():
    """The app's cached store and network opened afresh, and again after the test for the others."""
    from app_pages import state

    def clear():
        for cached in (state._opened_generation, state._opened_location, state._network):
            cached.clear()

    clear()
    yield clear
    clear()


def test_explorer_on_a_store_named_by_the_environment(tmp_path, monkeypatch, fresh_caches):
    """INNOGRAPH_STORE: the store is read as it is; its network is read once and kept beside it,
    and a later start draws the same view from the kept copy."""
    from app_pages import state
    from graph.pipeline import build_store
    from graph.store import open_location, published_generation
    from graph.view.explore import list_plans

    from .conftest import PLANS

    store = tmp_path / "store"
    build_store(store, [PLANS])
    monkeypatch.setenv("INNOGRAPH_STORE", str(store))
    monkeypatch.setattr(state, "warm_up", lambda: True)  # what the page itself reads, not the background
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    assert not first.exception and view_labels(first)
    assert len(list(published_generation(store).glob("network-0-*.pickle"))) == 1  # read from the store, then kept
    plans = [row[1] for row in list_plans(state.load_graph()).rows]  # as the first page asked the store
    fresh_caches()  # a later start
    opened = []
    monkeypatch.setattr(state, "open_location", lambda location: opened.append(location) or open_location(location))
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    assert view_args(again) == view_args(first)
    assert opened == []  # the first page opens no store: the plans to filter by come with the kept network
    assert again.multiselect(key="plans").options == plans and len(plans) == 4
    again.text_input(key="search").set_value("龙门实验室").run()
    assert not again.exception and "龙门实验室" in again.subheader[0].value
    assert opened == [str(store)]  # an entity's stated relations are asked of the store


def test_a_bodys_measures_come_in_reading_order(bundled_graph):
    """三.(一) before 三.(二) before 三.(十): the order of the plan, not of the numbers' text."""
    from graph.view.explore import body_duties, list_bodies

    body = next(row[0] for row in list_bodies(bundled_graph).rows if row[1] == "鹤壁市科技局")
    rows = body_duties(bundled_graph, body).records()
    text = (PLANS / "001_212b46a45c93198b.txt").read_text(encoding="utf-8")
    places = [text.index(r["measure"]) for r in rows]
    assert len(rows) == 20 and places == sorted(places)


def test_the_responsibility_view_opens_on_a_plan_with_duties(app):
    app.switch_page("app_pages/duty_view.py").run()
    assert "鹤壁" in app.selectbox(key="duty_plan").format_func(app.selectbox(key="duty_plan").value)
    matrix = app.dataframe[0].value
    assert matrix.index.name == "措施" and matrix.columns.name == "单位"


def test_the_targets_view_puts_one_indicator_side_by_side(app, bundled_graph):
    from graph.view.explore import indicators

    app.switch_page("app_pages/target_view.py").run()
    assert not app.exception
    picked = app.selectbox(key="indicator")
    counts = [n for _, _, n in indicators(bundled_graph).rows]
    assert picked.format_func(picked.value).endswith(f"({max(counts)})")  # set by most plans: first
    research = next(iri for iri, label, _ in indicators(bundled_graph).rows if label == "研发经费投入强度")
    picked.set_value(research).run()
    table = app.dataframe[0].value
    assert set(table["城市"]) == {"洛阳市", "鹤壁市", "郑州市"} and len(table) == 5  # Hebi sets it for three years
    assert "None" not in set(table.astype(str).values.ravel())
    assert app.subheader[0].value == "“研发经费投入强度”在各规划中的目标"


def lab_key(bundled_graph, label="龙门实验室"):
    from app_pages.state import entity_key
    from graph.query import run_query

    rows = run_query(bundled_graph, "SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }", name=label).rows
    return entity_key(rows[0][0])


def test_an_entity_page_says_everything_about_it(bundled_graph):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params["id"] = lab_key(bundled_graph)
    app.run()
    app.switch_page("app_pages/entity_view.py").run()
    assert not app.exception
    assert app.header[0].value == "龙门实验室"
    groups = [s.value for s in app.subheader]
    assert any(g.startswith("牵头单位") for g in groups) and any(g.startswith("参与单位") for g in groups)
    sentences = [m.value for m in app.markdown if "牵头组建" in m.value]
    assert sentences and all(s.startswith("**龙门实验室**") for s in sentences)  # the whole sentence, this entity in bold
    assert any("由**河南科技大学**、郑州大学牵头组建" in s for s in sentences)  # and the other one of its relation


def test_a_bodys_page_lists_its_duties(bundled_graph):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params["id"] = lab_key(bundled_graph, "鹤壁市科技局")
    app.run()
    app.switch_page("app_pages/entity_view.py").run()
    assert "负责 20 项措施,其中牵头 0 项" in [s.value for s in app.subheader]
    assert len(app.dataframe[0].value) == 20


def test_a_search_in_the_address_is_the_view_and_survives_a_visit_elsewhere():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params["search"] = "龙门实验室"
    app.run()
    assert app.text_input(key="search").value == "龙门实验室"
    assert "“龙门实验室”的关系" in app.subheader[0].value
    app.switch_page("app_pages/overview.py").run()
    app.switch_page("app_pages/graph_view.py").run()
    assert app.text_input(key="search").value == "龙门实验室"


def test_an_entity_page_finds_the_path_to_another(bundled_graph):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params["id"] = lab_key(bundled_graph, "河南科技大学")
    app.run()
    app.switch_page("app_pages/entity_view.py").run()
    app.text_input(key="path_to").set_value("中铁装备").run()
    assert not app.exception
    hops = [m.value for m in app.markdown if " — " in m.value]
    assert hops == ["河南科技大学 — 牵头建设 — 龙门实验室", "龙门实验室 — 参与单位 — 中铁装备"]
    assert any("**龙门实验室**" in c.value and "**中铁装备**" in c.value for c in app.caption)


def test_entity_iris_in_console_results_link_to_their_pages(app):
    app.switch_page("app_pages/sparql_view.py").run()
    run_in_console(app, "SELECT ?e ?label WHERE { ?e a ig:Lab ; rdfs:label ?label } ORDER BY ?label LIMIT 5")
    table = app.dataframe[0].value
    assert list(table.columns) == ["e", "e ↗", "label"]
    assert all(link.startswith("/entity?id=") and link[len("/entity?id="):] in iri for iri, link in zip(table["e"], table["e ↗"]))


def test_a_shared_link_restores_the_network_filters_and_the_language():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params.update({"search": "龙门实验室", "radius": "2", "types": ["Lab", "University"], "lang": "en"})
    app.run()
    assert not app.exception
    assert app.slider(key="radius").value == 2
    assert app.multiselect(key="types").value == ["Lab", "University"]
    assert app.radio(key="lang").value == "en" and app.header[0].value == "Network of innovation entities"
    app.slider(key="radius").set_value(3).run()
    assert app.query_params["radius"] == ["3"] or app.query_params["radius"] == "3"
    app.switch_page("app_pages/overview.py").run()
    app.switch_page("app_pages/graph_view.py").run()
    assert app.slider(key="radius").value == 3 and app.multiselect(key="types").value == ["Lab", "University"]


def test_a_bad_value_in_the_address_is_ignored_not_an_error():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params.update({"radius": "99", "limit": "many", "types": ["Nonsense"], "lang": "fr"})
    app.run()
    assert not app.exception
    assert app.slider(key="radius").value == 3 and app.multiselect(key="types").value == []
    assert app.radio(key="lang").value == "zh"


def test_a_shared_link_opens_the_same_body_and_indicator(bundled_graph):
    body = lab_key(bundled_graph, "鹤壁市科技局")
    from graph.namespaces import entity_iri_of_short_key

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params["duty_body"] = str(entity_iri_of_short_key(body))
    app.run()
    app.switch_page("app_pages/duty_view.py").run()
    assert not app.exception
    assert app.selectbox(key="duty_body").value == str(entity_iri_of_short_key(body))
    assert any("鹤壁市科技局" in m.value and "20" in m.value for m in app.markdown)


def test_every_example_says_what_it_answers_in_both_languages(app):
    from graph.query import list_queries

    examples = list_queries()
    assert all(q.about("zh") and q.about("en") and q.about("zh") != q.about("en") for q in examples)
    app.switch_page("app_pages/sparql_view.py").run()
    assert examples[0].about("zh") in [c.value for c in app.caption]  # the example shown says what it is for
    app.selectbox(key="example_pick").set_value(examples[3].name).run()
    assert examples[3].about("zh") in [c.value for c in app.caption]


def test_an_example_for_one_city_picks_it_from_the_plans_places_and_keeps_it_in_the_address():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params.update({"example": "04_targets_by_city_year", "param_city": "益阳市"})
    app.run()
    app.switch_page("app_pages/sparql_view.py").run()
    assert not app.exception
    picker = app.selectbox(key="param_city")
    assert picker.value == "益阳市" and set(picker.options) >= {"全部", "洛阳市", "鹤壁市", "益阳市", "郑州市"}
    assert set(app.dataframe[0].value["city"]) == {"益阳市"}
    picker.set_value("")  # none: every plan (applied when the form is run)
    next(b for b in app.button if b.label == "运行").click().run()
    assert len(set(app.dataframe[0].value["city"])) == 4 and "param_city" not in app.query_params


def test_a_long_target_table_is_shown_a_page_at_a_time_and_the_page_is_in_the_address(monkeypatch):
    from app_pages import state
    from graph.view.explore import indicators

    monkeypatch.setattr(state, "TABLE_PAGE", 2)  # the bundled indicators set few targets: pages of two rows
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["indicator"] = next(iri for iri, label, n in indicators(state.load_graph()).rows if label == "研发经费投入强度")
    at.switch_page("app_pages/target_view.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 2 and "第 1–2 行,共 5 行" in [c.value for c in at.caption]
    at.number_input(key="target_page").set_value(3).run()
    assert len(at.dataframe[0].value) == 1 and at.query_params["target_page"] == "3"
