"""A build is a transaction: killed (SIGKILL) at any point of an incremental update, it leaves
a store that answers exactly as before, and the next plain build is right.

Each case runs a real build in a child process that kills itself at one point: while plans
are extracted, before and after a slice of new plans goes into the staging copy, before the
manifest, between manifest and HEAD, with HEAD's new text written but not renamed, after
publishing and before old generations are collected; and at times measured from the start.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest

from graph.pipeline import build_store, update_store
from graph.store import HEAD, close_store, open_dataset, open_store

from .conftest import PLANS, ROOT

PLAN_FILES = sorted(PLANS.glob("*.txt"))

# The child: patch one function so that its N-th call kills the process (before or after the
# real call), then run the build as the CLI would.
CHILD = r"""
import os, signal, sys
from graph import pipeline
from graph.pipeline import plans, update
from graph.store import folder  # the store folder's generations: where a build publishes
point, nth, when = sys.argv[3], int(sys.argv[4]), sys.argv[5]
update.STREAM_BYTES = 1  # every plan goes into the staging copy as soon as it is read
calls = {"n": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def trap(module, name, only=None):
    real = getattr(module, name)
    def wrapped(*args, **kwargs):
        if only is None or only(*args):
            calls["n"] += 1
            if calls["n"] == nth and when == "before":
                die()
            result = real(*args, **kwargs)
            if calls["n"] == nth and when == "after":
                die()
            return result
        return real(*args, **kwargs)
    setattr(module, name, wrapped)

if point == "extract":
    trap(plans, "build_plan_file")
elif point == "slice":
    trap(update, "load_graph_blocks")
elif point == "write":
    trap(folder, "_sync_write")
elif point == "rename":
    trap(folder.os, "replace", only=lambda src, dst: str(dst).endswith("HEAD"))
elif point == "collect":
    trap(folder.StoreWriter, "collect")
pipeline.build_store(sys.argv[1], [sys.argv[2]], jobs=1)
"""


def named(folder) -> set:
    dataset = open_store(folder)
    try:
        return set(dataset.quads((None, None, None, None)))
    finally:
        close_store(dataset)  # or the next build keeps this reader's generation


def fresh_quads(folder) -> set:
    dataset = open_dataset(None)
    update_store(dataset, [folder], jobs=1)
    return set(dataset.quads((None, None, None, None)))


def lay_out(folder, state: str) -> None:
    """The plans folder before the update (three plans) or after it (the first removed, the
    second changed, a fourth added): the same paths, as a user's folder changes."""
    for f in folder.iterdir():
        f.unlink()
    for f in PLAN_FILES[:3]:
        shutil.copy(f, folder / f.name)
    if state == "after":
        (folder / PLAN_FILES[0].name).unlink()
        changed = folder / PLAN_FILES[1].name
        changed.write_text(changed.read_text(encoding="utf-8").replace("科技", "科创"), encoding="utf-8")
        shutil.copy(PLAN_FILES[3], folder / PLAN_FILES[3].name)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """A store of the plans before the update, the folder, and the graphs before and after."""
    root = tmp_path_factory.mktemp("faults")
    plans, store = root / "plans", root / "store"
    plans.mkdir()
    lay_out(plans, "after")
    after_quads = fresh_quads(plans)
    lay_out(plans, "before")
    build_store(store, [plans], jobs=1)
    before_quads = named(store)
    assert before_quads == fresh_quads(plans)
    return store, plans, before_quads, after_quads


@pytest.fixture()
def update(scenario):
    """The store as before the update, and the plans folder as after it."""
    store, plans, before_quads, _ = scenario
    lay_out(plans, "before")
    build_store(store, [plans], jobs=1)
    assert named(store) == before_quads
    lay_out(plans, "after")
    return scenario


def run_child(store, plans, *args, kill_after: float | None = None) -> int:
    command = [sys.executable, "-c", CHILD, str(store), str(plans), *args]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if kill_after is not None:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    child.communicate(timeout=300)
    return child.returncode


POINTS = [
    ("extract", 2, "before"),  # while plans are read: nothing staged but the copy
    ("slice", 1, "before"),  # the staging copy made, no new plan in it yet
    ("slice", 1, "after"),  # one new plan's graph loaded into the staging copy
    ("slice", 2, "after"),
    ("write", 1, "before"),  # everything loaded, the manifest not yet written
    ("write", 2, "before"),  # the manifest written, HEAD not yet
    ("rename", 1, "before"),  # HEAD's new text written beside it, not renamed in
]


@pytest.mark.parametrize("point", POINTS, ids=["-".join(map(str, p)) for p in POINTS])
def test_a_build_killed_before_it_publishes_leaves_the_store_as_it_was(update, point):
    store, after, before_quads, after_quads = update
    head = (store / HEAD).read_text()
    assert run_child(store, after, *map(str, point)) == -signal.SIGKILL
    assert (store / HEAD).read_text() == head
    assert named(store) == before_quads  # readers see exactly the old graph
    report = build_store(store, [after], jobs=1)  # a plain build, no --rebuild
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    assert named(store) == after_quads
    assert len(list((store / "generations").iterdir())) == 1  # the killed build's copy is gone


def test_a_build_killed_after_it_published_leaves_the_new_graph(update):
    store, after, _, after_quads = update
    assert run_child(store, after, "collect", "2", "before") == -signal.SIGKILL
    assert named(store) == after_quads
    assert build_store(store, [after], jobs=1).unchanged == 3  # nothing left to do
    assert len(list((store / "generations").iterdir())) == 1


@pytest.mark.parametrize("fraction", [0.2, 0.4, 0.6, 0.8, 0.95])
def test_a_build_killed_at_any_moment_leaves_a_whole_graph(update, fraction):
    """Killed from outside at a share of a measured build's time: the store holds the old graph
    or the new one, never a mix, and the next build makes it the new one."""
    store, after, before_quads, after_quads = update
    if not hasattr(scenario_timing, "seconds"):
        start = time.perf_counter()
        run_child(store, after, "none", "0", "never")
        scenario_timing.seconds = time.perf_counter() - start
        lay_out(after, "before")
        build_store(store, [after], jobs=1)
        lay_out(after, "after")
    run_child(store, after, "none", "0", "never", kill_after=scenario_timing.seconds * fraction)
    assert named(store) in (before_quads, after_quads)
    build_store(store, [after], jobs=1)
    assert named(store) == after_quads


def scenario_timing():
    """Holds the measured time of one whole build in a child (an attribute)."""
