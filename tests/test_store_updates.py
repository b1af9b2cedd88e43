"""The persistent store: incremental, parallel, all-or-nothing updates that keep identity right."""

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from graph.build import to_ntriples
from graph.ingest.documents import DocumentError
from graph.namespaces import IG
from graph.pipeline import BuildError, build_store, update_store
from graph.query import count_triples, run_query
from graph.store import graph_block, load_graph_blocks, open_dataset, open_store, published_generation

from .conftest import PLANS


def plan_titles(dataset):
    return {r[0] for r in run_query(dataset, "SELECT ?t WHERE { ?p a ig:Plan ; rdfs:label ?t }").rows}


def plans_naming(dataset, label):
    (node,) = set(dataset.subjects(RDFS.label, Literal(label, lang="zh")))
    return len(set(dataset.objects(node, IG.mentionedIn)))


@pytest.fixture()
def workspace(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    return plans, tmp_path / "store"


def test_incremental_updates(workspace):
    plans, store = workspace
    first = build_store(store, [plans], jobs=2)
    dataset = open_store(store)
    assert (first.added, first.unchanged) == (4, 0)
    triples = count_triples(dataset)
    again = build_store(store, [plans], jobs=2)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 4) and count_triples(open_store(store)) == triples

    hebi = plans / "001_212b46a45c93198b.txt"
    hebi.write_text(hebi.read_text(encoding="utf-8").replace("鹤壁汽车电子检测中心", "鹤壁汽车电子测试中心"), encoding="utf-8")
    changed = build_store(store, [plans])
    assert (changed.changed, changed.unchanged) == (1, 3)
    assert count_triples(dataset) == triples  # a reader keeps the generation it opened
    dataset = open_store(store)
    labels = {str(o) for o in dataset.objects(None, RDFS.label)}
    assert "鹤壁汽车电子测试中心" in labels and "鹤壁汽车电子检测中心" not in labels

    hebi.unlink()
    removed = build_store(store, [plans])
    dataset = open_store(store)
    assert removed.removed == 1 and len(plan_titles(dataset)) == 3
    assert plans_naming(dataset, "郑洛新国家自主创新示范区") == 2  # identity recombined without the removed plan
    assert not any("鹤壁" in t for t in plan_titles(dataset))


def test_store_reopens_with_its_graph(workspace):
    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    triples = count_triples(dataset)
    del dataset
    import gc

    gc.collect()
    reopened = open_dataset(store)
    assert count_triples(reopened) == triples
    assert build_store(store, [plans]).unchanged == 4


def test_a_bad_plan_leaves_the_store_as_it_was(workspace):
    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    before = count_triples(dataset)
    (plans / "broken.docx").write_bytes(b"not a docx")
    (plans / "003_419ed8c8abbe28d5.txt").unlink()
    with pytest.raises(BuildError, match="broken.docx"):
        build_store(store, [plans])
    assert count_triples(dataset) == before and len(plan_titles(dataset)) == 4


def test_parallel_and_serial_builds_agree(workspace):
    plans, _ = workspace
    serial, parallel = open_dataset(None), open_dataset(None)
    update_store(serial, [plans], jobs=1)
    update_store(parallel, [plans], jobs=2)
    assert set(serial.quads((None, None, None, None))) == set(parallel.quads((None, None, None, None)))


def test_build_command_into_a_store(tmp_path):
    from click.testing import CliRunner

    from graph.cli import cli

    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(PLANS), "--store", str(store), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "4 added" in result.output
    again = CliRunner().invoke(cli, ["build", str(PLANS), "--store", str(store)])
    assert "4 unchanged" in again.output
    stats = CliRunner().invoke(cli, ["stats", "--store", str(store), "--lang", "en"])
    assert "Plan\t4" in stats.output
    assert Path(store).is_dir()


def test_streamed_loads_are_taken_back_when_a_plan_fails(workspace, monkeypatch):
    import graph.pipeline.update

    plans, store = workspace
    build_store(store, [plans / "003_419ed8c8abbe28d5.txt"])
    dataset = open_store(store)
    before = count_triples(dataset)
    monkeypatch.setattr(graph.pipeline.update, "STREAM_BYTES", 1)  # hand every plan to the store as soon as it is read
    (plans / "zz_broken.pdf").write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(BuildError, match="zz_broken.pdf"):
        build_store(store, [plans], jobs=1)
    assert count_triples(dataset) == before and len(plan_titles(dataset)) == 1


def test_entity_network_is_kept_beside_the_store_while_plans_are_unchanged(workspace):
    from graph.analyse import entity_network, keep_entity_network, stored_entity_network
    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    assert keep_entity_network(dataset, store) is True  # what a build does last
    kept = list(published_generation(store).glob("network-0-*.pickle"))
    assert len(kept) == 1 and keep_entity_network(dataset, store) is False
    first = stored_entity_network(dataset, store, with_measures=False)
    assert set(first.nodes) == set(entity_network(dataset, with_measures=False).nodes)
    (plans / "003_419ed8c8abbe28d5.txt").unlink()
    build_store(store, [plans])
    dataset = open_store(store)
    fresh = stored_entity_network(dataset, store, with_measures=False)
    assert set(fresh.nodes) == set(entity_network(dataset, with_measures=False).nodes) != set(first.nodes)
    kept_now = list(published_generation(store).glob("network-0-*"))
    assert len(kept_now) == 1 and kept_now != kept


def test_the_first_view_is_kept_beside_the_network_and_is_its_capped_view(workspace, monkeypatch):
    """The view an explorer opens with is kept on its own (a few ms to read where the network
    takes seconds at national scale): the same nodes, edges and positions as the network's
    capped view, and the plans to filter by; it goes with the plans it was made from."""
    import networkx as nx

    from graph import analyse
    from graph.analyse import positions

    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    analyse.keep_entity_network(dataset, store)
    network = analyse.kept_entity_network(store, with_measures=False)
    capped = analyse.cap_nodes(network)
    monkeypatch.setattr(positions, "_LAYOUTS", {})  # as in a new process

    def refuse(*args, **kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(nx, "spring_layout", refuse)
    first = analyse.kept_first_view(store)
    assert set(first.graph.nodes) == set(capped.graph.nodes) and first.graph.number_of_edges() == capped.graph.number_of_edges()
    assert (first.cut, first.total) == (capped.cut, capped.total)
    assert first.graph.graph["plans"] == network.graph["plans"] and len(first.graph.graph["plans"]) == 4
    assert analyse.layout(first.graph) == analyse.layout(capped.graph)  # the layout stays put between the two
    assert all(first.graph.nodes[n] == network.nodes[n] for n in first.graph)
    kept = list(published_generation(store).glob("first-view-0-*.pickle"))
    monkeypatch.undo()  # new plans are laid out again
    (plans / "003_419ed8c8abbe28d5.txt").unlink()
    build_store(store, [plans])
    assert analyse.kept_first_view(store) is None  # the plans changed: none until the network is read again
    analyse.keep_entity_network(open_store(store), store)
    assert len(analyse.kept_first_view(store).graph.graph["plans"]) == 3
    assert list(published_generation(store).glob("first-view-0-*.pickle")) != kept


def test_kept_network_brings_the_first_views_layout(workspace, monkeypatch):
    """A fresh process reading the kept network lays out the default view without spring_layout."""
    import networkx as nx

    from graph import analyse
    from graph.analyse import positions

    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    analyse.keep_entity_network(dataset, store)
    monkeypatch.setattr(positions, "_LAYOUTS", {})
    expected = analyse.layout(analyse.cap_nodes(analyse.entity_network(dataset, with_measures=False)).graph)
    monkeypatch.setattr(positions, "_LAYOUTS", {})  # as in a new process
    network = analyse.stored_entity_network(dataset, store, with_measures=False)

    def refuse(*args, **kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(nx, "spring_layout", refuse)
    default_view = analyse.cap_nodes(network).graph
    assert analyse.layout(default_view) == expected and len(expected) == default_view.number_of_nodes() > 0
    focus = next(iter(default_view.nodes))
    with pytest.raises(AssertionError, match="laid out again"):  # any other view is laid out as before
        analyse.layout(analyse.neighbourhood(network, focus, 1))


def test_only_code_that_makes_triples_forces_a_rebuild(tmp_path):
    from graph.store import fingerprint

    from .conftest import ROOT

    code, data = tmp_path / "graph", tmp_path / "data"
    shutil.copytree(ROOT / "graph", code, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data" / "lexicons", data / "lexicons")

    def fingerprint_of(code, data):
        return fingerprint(code, data / "lexicons", data / "aliases.csv")
    first = fingerprint_of(code, data)
    assert first == fingerprint_of(code, data)
    with (code / "view" / "render.py").open("a") as f:  # the explorer's drawing: the graph is the same
        f.write("\n# a change to drawing\n")
    assert fingerprint_of(code, data) == first
    with (code / "extract" / "entities.py").open("a") as f:
        f.write("\n# a change to extraction\n")
    changed = fingerprint_of(code, data)
    assert changed != first
    (code / "new_step.py").write_text("# a module nobody has classified yet\n")
    assert fingerprint_of(code, data) != changed
    (data / "aliases.csv").write_text("merge,甲,乙\n", encoding="utf-8")
    assert fingerprint_of(code, data) not in (first, changed)


def test_kept_network_is_read_without_the_store(workspace):
    """The explorer's first page reads the kept network: no store opened, no query engine loaded."""
    import subprocess
    import sys

    from graph.analyse import keep_entity_network

    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    keep_entity_network(dataset, store)
    dataset.close()
    check = ("import sys; from graph.analyse import kept_entity_network; "
             f"n = kept_entity_network({str(store)!r}, with_measures=False); "
             "print(n.number_of_nodes(), 'oxrdflib' in sys.modules, 'rdflib.plugins.sparql' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 100 and out[1:] == ["False", "False"]


def test_graph_blocks_load_alike_in_slices_of_any_size(tmp_path):
    """Slices end where a block ends (a block larger than a slice included), from text or a file."""
    def triples(graph: str, n: int):
        # a line break and a closing brace in a literal: a block's end must not be found inside it
        return [(URIRef(f"urn:{graph}:s{k}"), RDFS.label, Literal(f"{graph} {k}\n}}", lang="zh")) for k in range(n)]

    graphs = {"urn:g:big": triples("big", 400), "urn:g:empty": [], "urn:g:small": triples("small", 3)}
    text = "".join(graph_block(URIRef(name), to_ntriples(ts)) for name, ts in graphs.items())
    spooled = tmp_path / "plans.trig"
    spooled.write_text(text, encoding="utf-8")
    every = {(str(s), str(o)) for ts in graphs.values() for s, _, o in ts}
    for source in (text, spooled):
        for size in (64, 5_000, 1 << 20):  # smaller than a line, smaller than the big block, all of it
            dataset = open_dataset(None)
            load_graph_blocks(dataset, source, slice_bytes=size)
            named = {name: {(str(s), str(o)) for s, _, o in dataset.graph(URIRef(name))} for name in graphs}
            assert named == {name: {(str(s), str(o)) for s, _, o in ts} for name, ts in graphs.items()}
            union = run_query(dataset, "SELECT ?s ?o WHERE { ?s ?p ?o }").rows
            assert set(union) == every and len(union) == len(every)
            assert len(dataset.store._inner) == 2 * len(every)  # each triple in its graph and in the union


def test_an_unreadable_folder_stops_the_build_and_removes_nothing(workspace):
    """A subfolder the build cannot read is an error that names it, not a removal of its plans."""
    import os

    if os.geteuid() == 0:  # root reads every folder whatever its mode: take the permission away from the walk instead
        pytest.skip("runs as root; see test_an_unlistable_folder_is_an_error")
    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    before = count_triples(dataset)
    hidden = plans / "hidden"
    hidden.mkdir()
    (plans / "003_419ed8c8abbe28d5.txt").rename(hidden / "003_419ed8c8abbe28d5.txt")
    hidden.chmod(0)
    try:
        with pytest.raises(DocumentError, match="hidden"):
            build_store(store, [plans])
    finally:
        hidden.chmod(0o755)
    assert count_triples(dataset) == before and len(plan_titles(dataset)) == 4


def test_an_unlistable_folder_is_an_error(tmp_path, monkeypatch):
    import os

    from graph.ingest.documents import find_plan_files

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    real_scandir = os.scandir

    def refuse(path):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(DocumentError, match="sub"):
        find_plan_files([tmp_path])


def test_a_file_name_in_gbk_bytes_builds(tmp_path):
    """A plan copied from a GBK system keeps its file name's bytes; the build reads it and writes
    the name decoded (no UnicodeEncodeError at any writer), into a file and into a store."""
    import os

    folder = tmp_path / "plans"
    folder.mkdir()
    name = "鹤壁规划.txt".encode("gbk")
    with open(os.path.join(os.fsencode(folder), name), "wb") as out:
        out.write((Path(__file__).parent.parent / "data" / "plans" / "003_419ed8c8abbe28d5.txt").read_bytes())
    from graph.pipeline import build_plans

    graph = build_plans([folder])
    assert "鹤壁规划.txt" in {str(o) for o in graph.objects(None, URIRef("http://purl.org/dc/terms/source"))}
    store = tmp_path / "store"
    build_store(store, [folder])
    dataset = open_store(store)
    assert len(plan_titles(dataset)) == 1


def test_a_build_killed_after_slices_were_loaded_is_repaired_by_the_next(workspace, monkeypatch):
    """Slices of new plans go into the store while others are still extracted. A build that dies
    then (here: the process ends right after the first slice) leaves orphan graphs; the next
    plain build must bring the store to exactly the plans, as a build from scratch does."""
    from graph.pipeline import update  # where a build loads the store

    plans, store = workspace
    build_store(store, [plans])
    dataset = open_store(store)
    extra = plans / "more"
    extra.mkdir()
    for k, source in enumerate(sorted(plans.glob("*.txt"))):
        text = source.read_text(encoding="utf-8").replace("科技", f"科技{k}")  # new plans with new content
        (extra / f"copy{k}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(update, "STREAM_BYTES", 1)
    real_load = update.load_graph_blocks

    def die_after_first_slice(ds, spool):
        real_load(ds, spool)
        raise SystemExit("killed")  # nothing after this point runs, as with kill -9

    monkeypatch.setattr(update, "load_graph_blocks", die_after_first_slice)
    with pytest.raises(SystemExit):
        build_store(store, [plans], jobs=1)
    monkeypatch.setattr(update, "load_graph_blocks", real_load)
    shutil.rmtree(extra)  # the user gives up on the new plans: the store must be as before them
    assert build_store(store, [plans]).unchanged == 4  # nothing of the killed build is taken as done
    dataset = open_store(store)
    fresh = open_dataset(None)
    update_store(fresh, [plans])
    assert len(plan_titles(dataset)) == 4
    assert set(dataset.quads((None, None, None, None))) == set(fresh.quads((None, None, None, None)))


def test_plans_added_from_the_explorer_join_the_store_and_bad_ones_are_refused_each(workspace):
    """add_plans: a readable file is kept in the store's uploads and built in incrementally; a file
    that cannot be read is refused with its own message and the store keeps what it had."""
    from graph.pipeline import UPLOADS, add_plans

    plans, store = workspace
    build_store(store, [plans / "003_419ed8c8abbe28d5.txt"])
    before = count_triples(open_store(store))
    plan = "鹤壁市科技局关于印发《测试科技行动方案》的通知\n一、重点任务\n(一)建设鹤壁新材料中试基地。支持鹤壁职业技术学院建设测试创新中心。\n"
    result = add_plans(store, [("../../escape.txt", plan.encode("gbk")), ("broken.docx", b"not a docx"), ("empty.pdf", b"")])
    assert result.added == ["escape.txt"] and (store / UPLOADS / "escape.txt").is_file()  # a name, never a path
    assert len(result.refused) == 2 and "broken.docx" in result.refused[0] and "empty.pdf" in result.refused[1]
    assert result.refused_kinds == [("broken.docx", "docx"), ("empty.pdf", "empty")]  # for the interface to say in its language
    assert (result.report.added, result.report.unchanged) == (1, 1)  # the store's own plan is not redone
    dataset = open_store(store)
    assert len(plan_titles(dataset)) == 2 and count_triples(dataset) > before
    assert "测试创新中心" in {str(o) for o in dataset.objects(None, RDFS.label)}
    refused_only = add_plans(store, [("bad.pdf", b"%PDF-1.4 broken")])
    assert refused_only.report is None and len(plan_titles(open_store(store))) == 2  # nothing lost
