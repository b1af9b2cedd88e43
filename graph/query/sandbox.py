"""Queries a person types run in a worker process, bounded in time, rows and memory.

A SPARQL engine cannot be interrupted from Python: a cross product runs inside one call
until it ends, holding a core and growing (1.4 GB and counting in the explorer, long after
the user had left the page). So a typed query goes to a worker process that has the graph
open; if the answer is not back within the time limit, or the caller gives up (the page
was left, the HTTP client went away), or the worker's memory passes its cap, the worker is
killed and the next query starts a new one; the row cap keeps answers to what a person
reads. (An address-space limit inside the worker was tried first: an allocation failing in
the engine can hang the process instead of ending it, so memory is watched from outside.)

The worker opens the source itself: a store folder (at its published generation, picking
up new ones), a graph file, or a remote endpoint. An in-memory graph is written to a
temporary file for it once.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from .protocol import NotAcceptable
from .results import QueryError, QueryResult


@dataclass(frozen=True)
class Limits:
    seconds: float = 5.0  # wall time for one query, the worker's start included
    rows: int = 10_000  # rows kept of a SELECT; the result says it was cut
    memory_mb: int = 4096  # the worker's resident memory; a query over it is stopped
    workers: int = 2  # queries at once (one per core here); more wait for a free worker


class QueryTimeout(QueryError):
    """A query that did not finish within its time limit (and was stopped)."""


class QueryCancelled(QueryError):
    """A query whose caller went away before it finished (and was stopped)."""


@dataclass(frozen=True)
class BoundedResult(QueryResult):
    truncated: bool = False  # more rows than the cap: only the first ones are here
    row_cap: int = 0


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.conn.close()


class QuerySandbox:
    """Workers for one source, reused between queries and killed when a query overruns.

    ``source`` is a store folder, a graph file, ``sparql+http://…``, or an rdflib graph
    (written once to a temporary N-Quads file the workers load).
    """

    def __init__(self, source, limits: Limits = Limits()):
        self.limits = limits
        self._tmp = None
        if not isinstance(source, (str, Path)):
            from ..store import oxigraph_of, save_blocks, save_graph

            self._tmp = tempfile.TemporaryDirectory(prefix="innograph-sandbox-")
            folder = Path(self._tmp.name)
            source = save_blocks(source, folder / BLOCKS) if oxigraph_of(source) is not None else save_graph(source, folder / "graph.nt")
        from ..store import is_remote

        # a worker runs in the package's folder: a path given relative to where the user is must not move with it
        self.source = str(source) if is_remote(str(source)) else str(Path(source).resolve())
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._free = threading.BoundedSemaphore(limits.workers)

    def _start(self) -> _Worker:
        parent, child = socket.socketpair()
        command = [sys.executable, "-m", "graph.query.sandbox", str(child.fileno()), self.source]
        process = subprocess.Popen(command, pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
        child.close()
        return _Worker(process, Connection(parent.detach()))

    def ask(self, request: dict, cancelled: Callable[[], bool] | None = None) -> object:
        """Send one request to a worker and wait for its answer, within the time limit."""
        deadline = time.perf_counter() + self.limits.seconds
        if not self._free.acquire(timeout=self.limits.seconds):
            raise QueryTimeout(f"the server is busy with {self.limits.workers} other queries; try again")
        worker = None
        try:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            worker = worker or self._start()
            worker.conn.send(request)
            while not worker.conn.poll(0.1):
                if worker.process.poll() is not None:
                    break
                if time.perf_counter() > deadline:
                    raise QueryTimeout(f"the query ran longer than {self.limits.seconds:g} s and was stopped; "
                                       "narrow it (a LIMIT, a more selective pattern) and run it again")
                if cancelled is not None and cancelled():
                    raise QueryCancelled("the query was stopped: its page or client went away")
                if resident_mb(worker.process.pid) > self.limits.memory_mb:
                    raise QueryError(f"the query used more than {self.limits.memory_mb:,} MB and was stopped; "
                                     "narrow it and run it again")
            try:
                kind, payload = worker.conn.recv()
            except (EOFError, OSError):
                raise QueryError("the query's worker ended before it answered; narrow the query and run it again") from None
            with self._lock:
                self._idle.append(worker)
            worker = None
            if kind == "error":
                raise QueryError(payload)
            if kind == "not acceptable":
                raise NotAcceptable(payload)
            return payload
        finally:
            if worker is not None:  # overran, was cancelled or failed: the engine cannot be stopped any other way
                worker.kill()
            self._free.release()

    def run_query(self, sparql: str, cancelled: Callable[[], bool] | None = None, **bindings) -> BoundedResult:
        """``query.run_query`` in a worker: the first ``rows`` rows, and whether there were more."""
        bound = {k: v for k, v in bindings.items() if v is not None}
        columns, rows, truncated = self.ask({"op": "select", "sparql": sparql, "bindings": bound, "rows": self.limits.rows}, cancelled)
        return BoundedResult(tuple(columns), tuple(map(tuple, rows)), truncated, self.limits.rows)

    def answer(self, sparql: str, accept: str, federation: bool = False, cancelled: Callable[[], bool] | None = None,
               default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> tuple[bytes, str]:
        """``query.answer`` in a worker: the serialised result and its media type."""
        return self.ask({"op": "answer", "sparql": sparql, "accept": accept, "federation": federation,
                         "default_graphs": tuple(default_graphs), "named_graphs": tuple(named_graphs)}, cancelled)

    def close(self) -> None:
        with self._lock:
            for worker in self._idle:
                worker.kill()
            self._idle.clear()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001, S110 - at interpreter exit, modules may be gone
            pass


BLOCKS = "graph.blocks.trig"  # an Oxigraph dataset handed over as graph blocks: named graphs and their union


PAGE_MB = os.sysconf("SC_PAGE_SIZE") / (1 << 20)


def resident_mb(pid: int) -> float:
    """A process's resident memory (Linux's /proc; 0 where there is none to read)."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_MB
    except (OSError, ValueError, IndexError):
        return 0.0


def _open_source(source: str):
    import pyoxigraph as ox

    from ..store import LiveStore, is_remote, load_graph, load_graph_blocks, open_dataset, open_remote, oxigraph_of, rdf_format

    OX_READ = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}

    if source.endswith(BLOCKS):
        graph = open_dataset(None)
        load_graph_blocks(graph, Path(source))
        return lambda: graph
    if is_remote(source):
        graph = open_remote(source)
        return lambda: graph
    if Path(source).is_dir():
        return LiveStore(source).graph
    if rdf_format(source) in ("turtle", "nt", "xml"):  # a graph file is answered by Oxigraph, as a store is: every result format
        graph = open_dataset(None)
        oxigraph_of(graph).bulk_load(path=source, format=OX_READ[rdf_format(source)], to_graph=ox.DefaultGraph())
        return lambda: graph
    graph = load_graph(source)
    return lambda: graph


def _serve(conn: Connection, source: str) -> None:
    from .guard import QueryRefused
    from .protocol import answer
    from .run import run_query

    graph = _open_source(source)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            if request["op"] == "select":
                result = run_query(graph(), request["sparql"], max_rows=request["rows"] + 1, **request["bindings"])
                rows = result.rows
                reply = ("ok", (result.columns, rows[: request["rows"]], len(rows) > request["rows"]))
            else:
                reply = ("ok", answer(graph(), request["sparql"], request["accept"], request["federation"],
                                      request.get("default_graphs", ()), request.get("named_graphs", ())))
        except QueryRefused as exc:
            reply = ("error", str(exc))
        except NotAcceptable as exc:
            reply = ("not acceptable", str(exc))
        except QueryError as exc:
            reply = ("error", str(exc))
        except SyntaxError as exc:
            reply = ("error", f"SPARQL syntax error: {exc}")
        except Exception as exc:  # noqa: BLE001 - an evaluation error is the caller's to read
            reply = ("error", f"query failed: {exc}")
        conn.send(reply)


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])), sys.argv[2])
