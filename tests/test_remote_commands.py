"""Every command over a remote store answers as over a store folder.

The bundled plans are built into a folder, into Oxigraph's own server and into Debian's
Virtuoso (a server that keeps system graphs of its own beside innograph's, and writes
booleans as 1 and 0); then each command a user runs — validate, stats, entities, every
export format, every example query, a rebuild with nothing changed and one with a plan
removed — runs on each, and what it prints or writes is compared with the folder's.
"""

from __future__ import annotations

import csv
import os
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.query import list_queries

from . import virtuoso
from .conftest import PLANS, example_bindings
from .oxigraph import oxigraph_server

REQUIRED = os.environ.get("INNOGRAPH_REQUIRE_VIRTUOSO") == "1"  # .ci/run: a missing server is a failure


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def folder(tmp_path_factory, plans):
    store = tmp_path_factory.mktemp("folder") / "store"
    run("build", str(plans), "--store", str(store))
    return str(store)


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """A copy of the bundled plans: one is removed by a test, the others stay."""
    copy = tmp_path_factory.mktemp("plans") / "plans"
    shutil.copytree(PLANS, copy)
    return copy


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request, tmp_path_factory, plans, folder):
    """A remote store with the bundled plans, built by the command line."""
    where = tmp_path_factory.mktemp(request.param)
    if request.param == "virtuoso":
        if not virtuoso.available() and not REQUIRED:
            pytest.skip("virtuoso-opensource is not installed")
        server = virtuoso.Virtuoso(where).start()
        try:
            location = "sparql+" + server.endpoint
            assert "4 added" in run("build", str(plans), "--store", location)
            yield location
        finally:
            server.stop()
    else:
        with oxigraph_server(where / "db") as port:
            location = f"sparql+http://127.0.0.1:{port}/query#update=http://127.0.0.1:{port}/update"
            assert "4 added" in run("build", str(plans), "--store", location)
            yield location


def test_validate_stats_and_entities_print_the_same(remote, folder):
    for command in (["validate"], ["stats"], ["entities"], ["entities", "--type", "Lab"], ["entities", "--suspects"]):
        assert run(*command, "--store", remote) == run(*command, "--store", folder), command


def quads(path, fmt) -> set:
    return {str(q) for q in ox.parse(path=str(path), format=fmt)}


@pytest.mark.parametrize("fmt, suffix, reader", [
    ("nt", "nt", ox.RdfFormat.N_TRIPLES), ("turtle", "ttl", ox.RdfFormat.TURTLE), ("trig", "trig", ox.RdfFormat.TRIG),
    ("nquads", "nq", ox.RdfFormat.N_QUADS), ("jsonld", "jsonld", ox.RdfFormat.JSON_LD),
])
def test_every_rdf_export_holds_the_same_quads(remote, folder, tmp_path, fmt, suffix, reader):
    """On innograph's graphs only (no Virtuoso system graph), each quad once (no union copy in
    the default graph of a TriG file)."""
    ours, theirs = tmp_path / f"remote.{suffix}", tmp_path / f"folder.{suffix}"
    run("export", "--format", fmt, "--out", str(ours), "--store", remote)
    run("export", "--format", fmt, "--out", str(theirs), "--store", folder)
    got, expected = quads(ours, reader), quads(theirs, reader)
    assert got == expected
    assert len(expected) > 15_000
    if fmt in ("trig", "nquads"):
        graphs = {q.graph_name for q in ox.parse(path=str(ours), format=reader)}
        assert ox.DefaultGraph() not in graphs and len(graphs) == 5


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_are_the_same_file(remote, folder, tmp_path, fmt):
    run("export", "--format", fmt, "--out", str(tmp_path / f"remote.{fmt}"), "--store", remote)
    run("export", "--format", fmt, "--out", str(tmp_path / f"folder.{fmt}"), "--store", folder)
    assert (tmp_path / f"remote.{fmt}").read_bytes() == (tmp_path / f"folder.{fmt}").read_bytes()


def test_csv_tables_are_the_same_with_booleans_as_booleans(remote, folder, tmp_path):
    run("export", "--format", "csv", "--out", str(tmp_path / "remote"), "--store", remote)
    run("export", "--format", "csv", "--out", str(tmp_path / "folder"), "--store", folder)
    for table in sorted(p.name for p in (tmp_path / "folder").iterdir()):
        ours, theirs = ((tmp_path / side / table).read_text(encoding="utf-8") for side in ("remote", "folder"))
        assert sorted(ours.splitlines()) == sorted(theirs.splitlines()), table
    with (tmp_path / "remote" / "responsibilities.csv").open(encoding="utf-8") as rows:
        assert {row["lead"] for row in csv.DictReader(rows)} <= {"True", "False"}


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_example_query_prints_the_same(remote, folder, query):
    args = ["query", "--name", query.name, "--format", "csv"]
    for param, value in example_bindings(query).items():
        args += ["--param", f"{param}={value}"]
    ours, theirs = run(*args, "--store", remote), run(*args, "--store", folder)
    assert sorted(ours.splitlines()) == sorted(theirs.splitlines())


def test_a_rebuild_redoes_only_what_changed(remote, folder, plans):
    """The remote store keeps the manifest of its last build, as a folder does."""
    assert "0 added, 0 changed, 0 removed, 4 unchanged" in run("build", str(plans), "--store", remote)
    gone = min(plans.iterdir())
    kept = gone.read_bytes()
    gone.unlink()
    try:
        assert "0 added, 0 changed, 1 removed, 3 unchanged" in run("build", str(plans), "--store", remote)
        assert "0 added, 0 changed, 1 removed, 3 unchanged" in run("build", str(plans), "--store", folder)
        assert run("stats", "--store", remote) == run("stats", "--store", folder)
    finally:
        gone.write_bytes(kept)
    assert "1 added, 0 changed, 0 removed, 3 unchanged" in run("build", str(plans), "--store", remote)
    assert "1 added" in run("build", str(plans), "--store", folder)
    assert run("stats", "--store", remote) == run("stats", "--store", folder)


def test_serve_lists_only_innographs_graphs(remote, folder):
    """``innograph serve --store`` over Virtuoso: GRAPH ?g and the service description name the
    five graphs of the folder store, none of Virtuoso's own (owl#, virtrdf#, DAV)."""
    import json
    import threading
    import urllib.parse
    import urllib.request

    from graph.query.endpoint import make_server

    listed = []
    for source in (remote, folder):
        server = make_server(source, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_port}/sparql?" + urllib.parse.urlencode(
                {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "format": "json"})
            with urllib.request.urlopen(url, timeout=60) as answer:
                listed.append(sorted(b["g"]["value"] for b in json.loads(answer.read())["results"]["bindings"]))
            with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/sparql?format=nt", timeout=60) as answer:
                description = answer.read().decode("utf-8")
            assert description.count("<http://www.w3.org/ns/sparql-service-description#name>") == 5
            assert "virtrdf" not in description and "openlinksw" not in description
        finally:
            server.shutdown()
            server.server_close()
    assert listed[0] == listed[1] and len(listed[0]) == 5
