"""A store folder: published generations of an Oxigraph database, a build a transaction.

A store folder holds generations, each a complete Oxigraph database with the manifest of
the plans in it, and a HEAD file naming the published one. A build copies the published
generation (Oxigraph's backup: hard links, cheap), changes the copy, closes it, and then
publishes it by replacing HEAD, one atomic rename. Readers open the generation HEAD names,
read-only, and hold a shared lock on it; a published generation is never written again
(Oxigraph says a read-only reader beside a writer is undefined behaviour: the runaway
reader). A build killed at any point leaves HEAD as it was, so readers see the old graph or
the new one and never a mix; its unpublished copy is removed by the next build, as is
every old generation no reader holds. One writer at a time: a build takes the folder's lock.
The manifest's fingerprint says which code and lexicons made the plans' triples.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..paths import ALIASES_FILE, CODE_DIR, LEXICON_DIR
from .errors import StoreBusy, StoreError
from .oxigraph import dataset_of, open_read_only, oxigraph_of

# code that only reads a built graph (folders and files under graph/): changing it must not
# re-extract every plan
READING_CODE = ("analyse/", "view/", "extract/explain.py", "query/endpoint.py", "query/queries/", "cli.py", "__main__.py")


def fingerprint(code: Path = CODE_DIR, lexicons: Path = LEXICON_DIR, aliases: Path = ALIASES_FILE) -> str:
    """Hash of what every plan's triples depend on besides the plan: lexicons, aliases, code
    (all of graph/ but the code that only reads the graph: a new module counts until listed
    in READING_CODE, so the list can only cause a needless rebuild, never a stale one)."""
    digest = hashlib.sha1()
    if aliases.exists():
        digest.update(aliases.read_bytes())
    for root in (lexicons, code):
        for f in sorted(p for p in Path(root).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if root == code and f.relative_to(code).as_posix().startswith(READING_CODE):
                continue
            digest.update(str(f.relative_to(root)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


HEAD = "HEAD"


GENERATIONS = "generations"


DATABASE = "db"


MANIFEST = "manifest.json"


READERS = "readers.lock"


def _sync_write(path: Path, text: str) -> None:
    """Write a small file durably and atomically: a temporary file, synced, renamed into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def published_generation(folder: str | Path) -> Path | None:
    """The generation the store's HEAD names, or None before the first build."""
    try:
        name = (Path(folder) / HEAD).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(folder) / GENERATIONS / name if name else None


def read_manifest(folder: str | Path) -> dict:
    """The manifest of the published generation: fingerprint and plans ({} before a build)."""
    generation = published_generation(folder)
    try:
        return json.loads((generation / MANIFEST).read_text(encoding="utf-8")) if generation else {}
    except (OSError, ValueError):
        return {}


def is_bare_database(folder: Path) -> bool:
    """An Oxigraph (RocksDB) database made elsewhere, or by innograph before generations."""
    return (folder / "CURRENT").is_file() and not (folder / HEAD).exists()


def import_query_engine() -> None:
    """Import what the first opened store and the first query need and importing this module
    does not (oxrdflib, rdflib's SPARQL parser: 0.3-0.5 s), e.g. while a first page is read."""
    import oxrdflib  # noqa: F401
    import rdflib.plugins.sparql  # noqa: F401


def open_store(folder: str | Path) -> Dataset:
    """The published generation of a store folder, read-only, held open under a shared lock
    (so no build removes it while this dataset lives). A bare Oxigraph database is opened
    read-only as it is."""
    folder = Path(folder)
    if is_bare_database(folder):
        return dataset_of(open_read_only(folder))
    for _ in range(20):  # a build may publish and collect between reading HEAD and locking
        generation = published_generation(folder)
        if generation is None:
            raise StoreError(f"{folder}: no graph store here yet; build one with `innograph build PLANS --store {folder}`")
        try:
            handle = (generation / READERS).open("rb")
        except FileNotFoundError:
            continue
        fcntl.flock(handle, fcntl.LOCK_SH)
        if (generation / DATABASE / "CURRENT").is_file():
            dataset = dataset_of(open_read_only(generation / DATABASE))
            dataset.reader_lock = handle  # released when the dataset is
            dataset.generation = generation
            return dataset
        handle.close()
    raise StoreError(f"{folder}: the store changed under every attempt to open it")


def close_store(dataset: Dataset) -> None:
    """Let go of a store opened by ``open_store`` now, not when it is collected: its
    database, and its hold on the generation (which the next build may then remove)."""
    dataset.store.close()
    lock = getattr(dataset, "reader_lock", None)
    if lock is not None:
        lock.close()


class LiveStore:
    """A store folder as a long-running, one-thread reader (a query worker) sees it: the
    published generation, reopened when a build publishes a new one (the old one let go)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._generation: Path | None = None
        self._dataset: Dataset | None = None

    def graph(self) -> Dataset:
        current = published_generation(self.folder)
        if self._dataset is None or current != self._generation:
            previous, self._dataset = self._dataset, open_store(self.folder)
            if previous is not None:  # a one-thread reader (a query worker) is done with it
                close_store(previous)
            self._generation = getattr(self._dataset, "generation", None)
        return self._dataset


class StoreWriter:
    """One build's hold on a store folder: the published generation to start from, the
    staging copy it changes, and the rename that publishes it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.base = published_generation(folder)
        self.manifest = read_manifest(folder)
        self.staging: Path | None = None
        self._dataset: Dataset | None = None

    def stage(self, copy: bool) -> Dataset:
        """A new generation, read-write: a copy of the published one, or empty."""
        root = self.folder / GENERATIONS
        root.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name[1:]) for p in root.glob("g*") if p.name[1:].isdigit()]
        self.staging = root / f"g{max(numbers, default=0) + 1:06d}"
        self.staging.mkdir()
        (self.staging / READERS).touch()
        if copy and self.base is not None:
            source = ox.Store.read_only(str(self.base / DATABASE))
            source.backup(str(self.staging / DATABASE))
            del source
        inner = ox.Store(str(self.staging / DATABASE))
        self._dataset = dataset_of(inner)
        return self._dataset

    def publish(self, manifest: dict) -> None:
        """Close the staging database (nothing may write it once readers can open it),
        record its manifest, then point HEAD at it."""
        if self._dataset is None or self.staging is None:
            return
        oxigraph_of(self._dataset).flush()
        self._dataset.store.close()  # lets go of the database even if a reference to the dataset lingers
        self._dataset = None
        gc.collect()
        try:  # the staging database must be closed by now: opening it for writing proves it
            probe = ox.Store(str(self.staging / DATABASE))
        except OSError as exc:
            raise StoreError(f"{self.staging}: still open for writing; not published") from exc
        del probe
        # ASCII escapes: a file name's undecodable bytes (surrogate escapes) go in and come back as they were
        _sync_write(self.staging / MANIFEST, json.dumps(manifest, ensure_ascii=True, indent=1))
        _sync_write(self.folder / HEAD, self.staging.name + "\n")
        self.base, self.manifest, self.staging = self.staging, manifest, None

    def collect(self) -> None:
        """Remove every generation but the published one that no reader holds (a killed
        build's staging copy among them)."""
        for generation in sorted((self.folder / GENERATIONS).glob("g*")):
            if generation in (self.base, self.staging):
                continue
            try:
                handle = (generation / READERS).open("rb")
            except FileNotFoundError:
                handle = None
            try:
                if handle is not None:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(generation, ignore_errors=True)
            except BlockingIOError:
                pass  # a reader has it open: the next build tries again
            finally:
                if handle is not None:
                    handle.close()


@contextmanager
def writing(folder: str | Path, wait: bool = False) -> Iterator[StoreWriter]:
    """Hold a store folder's write lock for one build; a second build is refused at once
    (or waits, with ``wait``). What the build staged and did not publish is removed."""
    folder = Path(folder)
    if is_bare_database(folder):
        raise StoreError(f"{folder}: an Oxigraph database that innograph did not build (or built before stores had "
                         "generations); build into a new folder, or delete this one first")
    folder.mkdir(parents=True, exist_ok=True)
    lock = (folder / "build.lock").open("a+")
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            raise StoreBusy(f"{folder}: another build is writing this store ({holder}); try again when it ends") from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}")
        lock.flush()
        writer = StoreWriter(folder)
        writer.collect()
        try:
            yield writer
        finally:
            if writer.staging is not None:
                writer._dataset = None
                gc.collect()
                shutil.rmtree(writer.staging, ignore_errors=True)
            writer.collect()
    finally:
        lock.close()
