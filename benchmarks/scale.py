"""Build and query the bundled plans scaled 10×, 100×, 1000×; print one table per figure.

Run: .venv/bin/python benchmarks/scale.py --scales 10 100 1000 [--work /tmp/innograph-bench]

For each scale, in one run (these machines are noisy: compare within a run):
- build: a fresh on-disk store with `innograph build --store --jobs 2` in a child process:
  seconds, KB of plan text per second, peak memory of the build (main + workers);
- the same build again with nothing changed;
- time to open the store (a new process: open and answer one query);
- every example query, median of --repeat runs, on innograph's stack (rdflib over
  oxrdflib, on disk), raw pyoxigraph on the same disk store, and rdflib's in-memory
  store (loaded from the same quads; skipped above --rdflib-max-triples); beside them,
  the same Oxigraph store copied into memory (every quad, the union graph included) and
  asked the same: what the engine does with no disk, the most a store on it could gain.
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


def query_latencies(store: Path, repeat: int, rdflib_max: int, triples: int) -> list[tuple]:
    import pyoxigraph as ox
    from rdflib import Dataset, Literal

    from graph.namespaces import PREFIXES
    from graph.query import inline_bindings, list_queries, run_query
    from graph.store import open_dataset, save_graph

    queries = list_queries()
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    ours = open_dataset(store)
    rows = []
    stack = {q.name: median_ms(lambda q=q: run_query(ours, q.text, **({"name": "龙门实验室"} if q.params else {})), repeat) for q in queries}
    raw = ours.store._inner  # the very pyoxigraph store, queried without rdflib in between

    def raw_query(q, store=raw):
        # the same text and default graph as ours, the parameter bound the same way
        text = inline_bindings(q.text, {"name": Literal("龙门实验室")}) if q.params else q.text
        result = store.query(text, prefixes=prefixes)
        # every term read into Python, as any caller that wants the answers has to
        return [tuple(solution) for solution in result] if isinstance(result, ox.QuerySolutions) else bool(result)

    pyox = {q.name: median_ms(lambda q=q: raw_query(q), repeat) for q in queries}
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
        memory = {q.name: median_ms(lambda q=q: run_query(mem, q.text, **({"name": "龙门实验室"} if q.params else {})), max(1, repeat // 2))
                  for q in queries}
        dump.unlink()
    for q in queries:
        rows.append((q.name, stack[q.name], pyox[q.name], in_memory_oxigraph.get(q.name), memory.get(q.name)))
    return rows, load_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--work", type=Path, default=Path("/tmp/innograph-bench"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rdflib-max-triples", type=int, default=2_500_000)
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
        rows, load_s = query_latencies(store, args.repeat, args.rdflib_max_triples, build["triples"])
        if load_s is not None:
            print(f"rdflib in-memory load of the same quads: {load_s:.1f} s")
        print(f"{'query':<28}{'innograph ms':>14}{'pyoxigraph ms':>15}{'ratio':>8}{'rdflib mem ms':>15}{'speed-up':>10}"
              f"{'pyoxigraph mem ms':>19}{'its speed-up':>14}")
        for name, ours, raw, ox_mem, mem in rows:
            mem_text = (f"{mem:>15.1f}{mem / ours:>9.0f}x{ox_mem:>19.1f}{mem / ox_mem:>13.0f}x" if mem is not None
                        else f"{'—':>15}{'—':>10}{'—':>19}{'—':>14}")
            print(f"{name:<28}{ours:>14.1f}{raw:>15.1f}{ours / raw:>8.2f}{mem_text}")
    if len(builds) > 1:
        print("\n== build time against corpus size")
        base_scale, base, _, _ = builds[0]
        for scale, build, _, _ in builds:
            print(f"{scale:>6}x {build['mb']:>8.1f} MB {build['seconds']:>8.1f} s  time ratio {build['seconds'] / base['seconds']:>7.1f} "
                  f"for size ratio {scale / base_scale:>6.0f}")


if __name__ == "__main__":
    main()
