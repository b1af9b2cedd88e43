"""Load plans into Oxigraph's server (PyPI ``oxigraph``) by INSERT DATA batches and through
the SPARQL 1.1 Graph Store Protocol, side by side in one run, with the embedded store for
scale; prints seconds and the ratio.

    .venv/bin/python benchmarks/remote_load.py [PLANS_FOLDER]
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.pipeline import build_store, update_store
from graph.query import count_triples
from graph.store import open_remote

ROOT = Path(__file__).resolve().parent.parent
BINARY = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_into_server(plans: Path, bulk: bool) -> tuple[float, int]:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen([BINARY, "serve", "--location", folder, "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(150):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.2)
            location = f"sparql+http://127.0.0.1:{port}/query#update=http://127.0.0.1:{port}/update"
            if bulk:
                location += f"&store=http://127.0.0.1:{port}/store"
            remote = open_remote(location)
            start = time.perf_counter()
            update_store(remote, [plans], jobs=2)
            seconds = time.perf_counter() - start
            return seconds, count_triples(remote)
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    plans = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "plans"
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        build_store(Path(folder) / "store", [plans], jobs=2)
        embedded = time.perf_counter() - start
    insert, n_insert = load_into_server(plans, bulk=False)
    gsp, n_gsp = load_into_server(plans, bulk=True)
    assert n_insert == n_gsp
    print(f"plans: {plans}  triples: {n_gsp:,}")
    print(f"{'how':38}{'seconds':>9}{'× embedded':>12}")
    for name, seconds in (("embedded store (build)", embedded), ("Oxigraph server, INSERT DATA batches", insert),
                          ("Oxigraph server, Graph Store Protocol", gsp)):
        print(f"{name:38}{seconds:9.2f}{seconds / embedded:12.2f}")


if __name__ == "__main__":
    main()
