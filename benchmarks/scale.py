"""Build and query the bundled plans scaled 10×, 100×, 1000×; print one table per figure.

Run: .venv/bin/python benchmarks/scale.py --scales 10 100 1000 [--work /tmp/innograph-bench]

For each scale, in one run (these machines are noisy: compare within a run):
- build: a fresh on-disk store with `innograph build --store --jobs 2` in a child process:
  seconds, KB of plan text per second, peak memory of the build (main + workers);
- the same build again with nothing changed;
- time to open the store (a new process: open and answer one query);
- every example query as a user asks it (a city, a name), median of --repeat runs: its
  first page and its full answer on innograph's stack (rdflib over oxrdflib, on disk), the
  full answer from raw pyoxigraph on the same disk store and, with --virtuoso, from a
  throw-away Virtuoso bulk-loaded with the same graphs (the load timed), and on innograph's
  stack with no city chosen (every plan); where the corpus is small enough
  (--rdflib-max-triples), the same Oxigraph store copied into memory and rdflib's
  in-memory store: what the engine does with no disk, and the store rdflib has itself.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable


def run_json(*args: str) -> dict:
    out = subprocess.run([PYTHON, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


EXAMPLE_VALUES = {"name": "龙门实验室", "city": "鹤壁市"}  # copy 0 of the corpus keeps the bundled plans' names
FIRST_PAGE = 100  # rows the console shows first


def example_bindings(q) -> dict:
    """What a user gives: a name, a city (where the example takes one)."""
    return {p: EXAMPLE_VALUES[p] for p in q.params}


def query_latencies(store: Path, repeat: int, rdflib_max: int, triples: int, virtuoso=None) -> tuple[list[tuple], float | None]:
    """Each example, median ms: the first page and the full answer on the embedded store,
    the full answer from raw pyoxigraph on the same disk store and from Virtuoso (when
    given), and on the embedded store with no city chosen (every plan); then rdflib's and
    Oxigraph's in-memory stores where the corpus is small enough to load into them."""
    import pyoxigraph as ox
    from rdflib import Dataset, Literal

    from graph.namespaces import PREFIXES
    from graph.query import inline_bindings, list_queries, param_languages, run_query
    from graph.store import open_dataset, save_graph

    queries = list_queries()
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    ours = open_dataset(store)
    first = {q.name: median_ms(lambda q=q: run_query(ours, q.text, max_rows=FIRST_PAGE, **example_bindings(q)), repeat) for q in queries}
    full = {q.name: median_ms(lambda q=q: run_query(ours, q.text, **example_bindings(q)), repeat) for q in queries}
    every = {q.name: median_ms(lambda q=q: run_query(ours, q.text, **{p: v for p, v in example_bindings(q).items() if p not in q.optional}),
                               max(1, repeat // 2))
             for q in queries if q.optional}
    raw = ours.store._inner  # the very pyoxigraph store, queried without rdflib in between

    def raw_query(q, store=raw):
        # the same text and default graph as ours, the parameters bound the same way
        languages = param_languages(q.text)
        text = inline_bindings(q.text, {k: Literal(v, lang=languages.get(k)) for k, v in example_bindings(q).items()})
        result = store.query(text, prefixes=prefixes)
        # every term read into Python, as any caller that wants the answers has to
        return [tuple(solution) for solution in result] if isinstance(result, ox.QuerySolutions) else bool(result)

    pyox = {q.name: median_ms(lambda q=q: raw_query(q), repeat) for q in queries}
    remote = {q.name: median_ms(lambda q=q: run_query(virtuoso, q.text, **example_bindings(q)), repeat) for q in queries} if virtuoso else {}
    memory, in_memory_oxigraph, load_s = {}, {}, None
    if triples <= rdflib_max:
        dump = store.parent / "dump.nq"
        save_graph(ours, dump)  # the named graphs only: rdflib computes the union itself
        copy = store.parent / "copy.nq"
        raw.dump(str(copy), ox.RdfFormat.N_QUADS)
        memory_store = ox.Store()
        memory_store.bulk_load(path=str(copy), format=ox.RdfFormat.N_QUADS)
        copy.unlink()
        in_memory_oxigraph = {q.name: median_ms(lambda q=q: raw_query(q, memory_store), repeat) for q in queries}
        del memory_store
        start = time.perf_counter()
        mem = Dataset(default_union=True)
        mem.parse(dump, format="nquads")
        load_s = time.perf_counter() - start
        memory = {q.name: median_ms(lambda q=q: run_query(mem, q.text, **example_bindings(q)), max(1, repeat // 2)) for q in queries}
        dump.unlink()
    rows = [(q.name, first[q.name], full[q.name], pyox[q.name], remote.get(q.name), every.get(q.name), in_memory_oxigraph.get(q.name),
             memory.get(q.name)) for q in queries]
    return rows, load_s


def virtuoso_load(store: Path, work: Path):
    """Start a throw-away Virtuoso, bulk-load the store's graphs into it, and time the load."""
    import os

    sys.path.insert(0, str(HERE.parent))
    from graph.store import open_remote, open_store, save_blocks, virtuoso_bulk_load
    from tests.virtuoso import Virtuoso

    folder = work / "virtuoso"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    server = Virtuoso(folder).start()
    blocks = save_blocks(open_store(store), work / "blocks.trig")
    os.environ.setdefault("INNOGRAPH_ISQL_PASSWORD", "dba")  # the throw-away server's own login
    start = time.perf_counter()
    virtuoso_bulk_load(blocks, folder / "load", f"127.0.0.1:{server.sql_port}")
    seconds = time.perf_counter() - start
    blocks.unlink()
    return server, open_remote(f"sparql+{server.endpoint}"), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--work", type=Path, default=Path("/tmp/innograph-bench"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rdflib-max-triples", type=int, default=2_500_000)
    parser.add_argument("--virtuoso", action="store_true", help="also bulk-load a throw-away Virtuoso and ask it")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    builds = []
    for scale in args.scales:
        corpus, store = args.work / f"corpus{scale}", args.work / f"store{scale}"
        if not corpus.exists():
            subprocess.run([PYTHON, str(HERE / "generate_corpus.py"), str(scale), str(corpus)], check=True)
        shutil.rmtree(store, ignore_errors=True)
        build = run_json(str(HERE / "build_once.py"), str(corpus), str(store), str(args.jobs))
        again = run_json(str(HERE / "build_once.py"), str(corpus), str(store), str(args.jobs))
        opened = run_json(str(HERE / "open_once.py"), str(store))
        builds.append((scale, build, again, opened))
        print(f"\n== {scale}x: {build['plans']} plans, {build['mb']:.1f} MB of text, {build['triples']:,} triples")
        print(f"build {build['seconds']:.1f} s = {build['mb'] * 1000 / build['seconds']:.0f} KB/s; peak memory {build['peak_mb']:.0f} MB "
              f"(during the build: main {build['main_mb']:.0f} MB + {args.jobs} workers of at most {build['worker_mb']:.0f} MB)")
        print(f"then the explorer's entity network, kept beside the store: {build['network_seconds']:.1f} s "
              f"(build with it: {build['mb'] * 1000 / (build['seconds'] + build['network_seconds']):.0f} KB/s; "
              f"main process then {build['network_mb']:.0f} MB)")
        print(f"re-run with nothing changed: {again['seconds'] + again['network_seconds']:.2f} s; "
              f"open the store and answer a query: {opened['seconds']:.2f} s")
        server = remote = None
        if args.virtuoso:
            server, remote, seconds = virtuoso_load(store, args.work)
            print(f"Virtuoso bulk load (ld_dir + {2} rdf_loader_run, checkpoint): {seconds:.1f} s = "
                  f"{build['triples'] / seconds / 1000:.0f}k triples/s")
        try:
            rows, load_s = query_latencies(store, args.repeat, args.rdflib_max_triples, build["triples"], remote)
        finally:
            if server is not None:
                server.stop()
        if load_s is not None:
            print(f"rdflib in-memory load of the same quads: {load_s:.1f} s")
        print(f"examples as a user asks them (a city: {EXAMPLE_VALUES['city']}, a name: {EXAMPLE_VALUES['name']}), median ms")
        print(f"{'query':<26}{'first page':>11}{'full':>9}{'pyoxigraph':>11}{'Virtuoso':>10}{'every city':>11}"
              f"{'ox memory':>10}{'rdflib mem':>11}")

        def cell(v, width):
            return f"{v:>{width}.1f}" if v is not None else f"{'—':>{width}}"

        for name, page, whole, raw, virt, every, ox_mem, mem in rows:
            print(f"{name:<26}{cell(page, 11)}{cell(whole, 9)}{cell(raw, 11)}{cell(virt, 10)}{cell(every, 11)}{cell(ox_mem, 10)}"
                  f"{cell(mem, 11)}")
    if len(builds) > 1:
        print("\n== build time against corpus size")
        base_scale, base, _, _ = builds[0]
        for scale, build, _, _ in builds:
            print(f"{scale:>6}x {build['mb']:>8.1f} MB {build['seconds']:>8.1f} s  time ratio {build['seconds'] / base['seconds']:>7.1f} "
                  f"for size ratio {scale / base_scale:>6.0f}")


if __name__ == "__main__":
    main()
