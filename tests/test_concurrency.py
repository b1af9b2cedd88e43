"""One writer, many readers: a build while the endpoint and the explorer's graph read the same
store, and two builds at once."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from graph.pipeline import build_store
from graph.query import run_query
from graph.store import LiveStore, StoreBusy, close_store, open_store, writing

from .conftest import PLANS, ROOT

PLAN_FILES = sorted(PLANS.glob("*.txt"))
PLAN_COUNT = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ig:Plan }"
EVERY_TRIPLE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def innograph(*args) -> list[str]:
    return [sys.executable, "-m", "graph", *args]


@pytest.fixture()
def two_plan_store(tmp_path):
    plans, store = tmp_path / "plans", tmp_path / "store"
    plans.mkdir()
    for f in PLAN_FILES[:2]:
        shutil.copy(f, plans / f.name)
    build_store(store, [plans], jobs=1)
    return plans, store


def ask(port: int, query: str, timeout: float = 10) -> int:
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": "PREFIX ig: <https://w3id.org/innograph/ontology#> " + query})
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def endpoint(two_plan_store):
    _, store = two_plan_store
    server = subprocess.Popen(innograph("serve", "--store", str(store), "--port", "0"), cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    port = int(re.search(r":(\d+)/sparql", line).group(1))
    yield port
    server.terminate()
    server.wait(timeout=10)


def test_readers_keep_answering_through_a_build_then_see_the_new_graph(two_plan_store, endpoint):
    plans, store = two_plan_store
    opened_before = open_store(store)  # as the explorer holds it
    live = LiveStore(store)
    assert ask(endpoint, PLAN_COUNT) == 2 and run_query(live.graph(), PLAN_COUNT).rows[0][0] == 2
    old_triples = run_query(opened_before, EVERY_TRIPLE).rows[0][0]
    for f in PLAN_FILES[2:]:
        shutil.copy(f, plans / f.name)
    build = subprocess.Popen(innograph("build", str(plans), "--store", str(store), "--jobs", "1"), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers = []
    while build.poll() is None:  # the endpoint answers all along, the old graph or the new
        answers.append(ask(endpoint, PLAN_COUNT))
        time.sleep(0.05)
    out, err = build.communicate()
    assert build.returncode == 0, err
    assert "2 added" in out and len(answers) > 3 and set(answers) <= {2, 4}
    assert ask(endpoint, PLAN_COUNT) == 4  # the endpoint picked up the published generation
    assert run_query(live.graph(), PLAN_COUNT).rows[0][0] == 4
    # a reader opened before the build still answers, from the old generation, and at once
    start = time.perf_counter()
    assert run_query(opened_before, EVERY_TRIPLE).rows[0][0] == old_triples
    assert time.perf_counter() - start < 5
    assert run_query(opened_before, PLAN_COUNT).rows[0][0] == 2


def test_old_generations_go_once_no_reader_holds_them(two_plan_store):
    plans, store = two_plan_store
    held = open_store(store)
    held_generation = held.generation
    shutil.copy(PLAN_FILES[2], plans / PLAN_FILES[2].name)
    build_store(store, [plans], jobs=1)
    assert held_generation.is_dir()  # kept for the reader
    assert run_query(held, PLAN_COUNT).rows[0][0] == 2
    close_store(held)
    shutil.copy(PLAN_FILES[3], plans / PLAN_FILES[3].name)
    build_store(store, [plans], jobs=1)
    assert not held_generation.exists()
    assert len(list((store / "generations").iterdir())) == 1


def test_a_second_build_is_refused_at_once_and_the_first_goes_on(two_plan_store):
    plans, store = two_plan_store
    for f in PLAN_FILES[2:]:
        shutil.copy(f, plans / f.name)
    first = subprocess.Popen(innograph("build", str(plans), "--store", str(store), "--jobs", "1", "--rebuild"), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = store / "build.lock"
    deadline = time.time() + 60
    while f"pid {first.pid}" not in (lock.read_text() if lock.exists() else "") and time.time() < deadline:
        time.sleep(0.05)
    assert first.poll() is None, "the first build ended before the second could start"
    start = time.perf_counter()
    second = subprocess.run(innograph("build", str(plans), "--store", str(store)), cwd=ROOT, capture_output=True, text=True, check=False)
    refused_in = time.perf_counter() - start
    assert second.returncode == 1 and "another build is writing this store" in second.stderr
    assert "Traceback" not in second.stderr and refused_in < 10  # refused before any extraction
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert run_query(open_store(store), PLAN_COUNT).rows[0][0] == 4


def test_a_waiting_build_runs_when_the_first_ends(two_plan_store):
    """``wait``: the explorer's own build of the bundled plans waits for a running one."""
    import threading

    plans, store = two_plan_store
    held, release = threading.Event(), threading.Event()

    def first_build():
        with writing(store):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=first_build)
    holder.start()
    held.wait(10)
    with pytest.raises(StoreBusy, match="another build"):
        build_store(store, [plans])
    threading.Timer(1.0, release.set).start()
    start = time.perf_counter()
    shutil.copy(PLAN_FILES[2], plans / PLAN_FILES[2].name)
    assert build_store(store, [plans], wait=True).added == 1
    assert time.perf_counter() - start >= 0.9
    holder.join()
