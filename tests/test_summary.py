"""The summaries kept beside a store answer the explorer's corpus-wide views exactly as the
store's own queries do, after a first build and after an incremental one."""

import json
import shutil

import pytest

from graph.analyse.stats import graph_stats
from graph.pipeline import build_store
from graph.query.summary import SUMMARY, kept_summary
from graph.store import close_store, open_store, published_generation
from graph.view import explore

from .conftest import HEBI, LUOYANG, PLANS, YIYANG


def views(dataset) -> dict:
    """Every answer the summaries give, in a form compared without ties' order."""
    answers = {
        "stats": graph_stats(dataset),
        "plans_with_duties": explore.plans_with_duties(dataset),
        "workload": sorted(explore.body_workload(dataset).rows),
        "bodies": sorted(explore.list_bodies(dataset).rows),
        "indicators": sorted(explore.indicators(dataset).rows),
        "entities_by_city": sorted(explore.entities_by_city(dataset).rows, key=str),
    }
    for indicator, *_ in explore.indicators(dataset).rows:
        answers[indicator] = sorted(explore.targets(dataset, indicator).rows, key=str)
    return answers


def kept_and_asked(folder):
    kept, asked = open_store(folder), open_store(folder)
    asked.generation = None  # the same generation, without its summary: every view asks SPARQL
    assert kept_summary(kept) is not None and kept_summary(asked) is None
    try:
        return views(kept), views(asked)
    finally:
        close_store(kept)
        close_store(asked)


@pytest.fixture()
def plans(tmp_path):
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    return folder


def test_the_kept_summary_answers_as_the_store_does(plans, tmp_path):
    store = tmp_path / "store"
    build_store(store, [plans], jobs=1)
    kept, asked = kept_and_asked(store)
    assert kept == asked
    assert kept["stats"]["Plan"] == 4 and kept["stats"]["responsibleFor"] > 100  # Hebi's table of duties
    assert any(city == "洛阳市" and type_ == "Lab" and n >= 5 for city, type_, n in kept["entities_by_city"])
    workload = explore.body_workload(open_store(store)).rows
    assert workload[0][2] == max(r[2] for r in workload)  # the busiest body first


def test_after_an_incremental_build_the_summary_equals_one_made_from_scratch(plans, tmp_path):
    store = tmp_path / "store"
    build_store(store, [plans], jobs=1)
    before = json.loads((published_generation(store) / SUMMARY).read_text(encoding="utf-8"))
    # a plan changes (a new target and a new duty), another is removed, the others stay as they were
    hebi = plans / HEBI.name
    hebi.write_text(hebi.read_text(encoding="utf-8") + "\n  9.到2025年,全市新增省级重点实验室12家。(责任单位:市科技局、市教育局)\n",
                    encoding="utf-8")
    (plans / YIYANG.name).unlink()
    report = build_store(store, [plans], jobs=1)
    assert (report.changed, report.removed, report.unchanged) == (1, 1, 2)
    kept, asked = kept_and_asked(store)
    assert kept == asked
    assert kept != before and kept["stats"]["Plan"] == 3
    fresh = tmp_path / "fresh"
    build_store(fresh, [plans], jobs=1)
    after = json.loads((published_generation(store) / SUMMARY).read_text(encoding="utf-8"))
    assert after == json.loads((published_generation(fresh) / SUMMARY).read_text(encoding="utf-8"))
    assert not any("益阳" in (row[2] or "") for row in after["targets"])  # the removed plan's targets are gone


def test_a_graph_without_a_kept_summary_is_asked_directly(bundled_graph):
    assert kept_summary(bundled_graph) is None
    assert graph_stats(bundled_graph)["Plan"] == 4
    assert explore.plans_with_duties(bundled_graph)  # Hebi's duties, from SPARQL
    assert LUOYANG.exists()
