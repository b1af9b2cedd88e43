"""The explorer's builds: the bundled plans' store, and plans a user adds to a store."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..ingest.documents import DocumentError, read_document
from ..store import DEFAULT_PLANS, DEFAULT_STORE, StoreBusy, is_bare_database, open_store, read_manifest
from ..vocabulary.lexicon import Lexicon, default_lexicon
from .update import BuildReport, build_store

UPLOADS = "uploads"  # plans added to a store from the explorer, kept in the store's folder


@dataclass
class AddedPlans:
    report: BuildReport | None
    added: list[str] = field(default_factory=list)  # the names the files are kept under
    refused: list[str] = field(default_factory=list)  # one message per file that cannot be read
    refused_kinds: list[tuple[str, str]] = field(default_factory=list)  # (file, DocumentError.kind), in that order


def add_plans(folder: str | Path, files: Iterable[tuple[str, bytes]], progress: Callable[[int, int], None] | None = None,
              lexicon: Lexicon | None = None) -> AddedPlans:
    """Add plan files (name, content) to a store: each is read first, and one that cannot be
    read is refused with its own message and not kept; the others are kept in the store's
    ``uploads`` folder and built in with the store's plans (an incremental build: nothing
    else is redone, nothing already built is lost)."""
    folder = Path(folder)
    uploads = folder / UPLOADS
    lexicon = lexicon or default_lexicon()
    result = AddedPlans(None)
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in files:
            safe = Path(name.replace("\\", "/")).name or "plan.txt"  # a name, never a path
            trial = Path(tmp) / safe
            trial.write_bytes(content)
            try:
                read_document(trial, lexicon)
            except DocumentError as exc:
                result.refused.append(str(exc).replace(str(trial), safe))
                result.refused_kinds.append((safe, exc.kind))
                continue
            uploads.mkdir(parents=True, exist_ok=True)
            target = uploads / safe
            if target.exists() and target.read_bytes() != content:  # another plan of that name: keep both
                target = uploads / f"{trial.stem}-{hashlib.sha1(content).hexdigest()[:8]}{trial.suffix}"
            target.write_bytes(content)
            result.added.append(target.name)
    if result.added:
        known = [Path(p) for p in read_manifest(folder).get("plans", {}) if Path(p).exists() and UPLOADS not in Path(p).parts]
        result.report = build_store(folder, [*known, uploads], progress=progress, wait=True)
    return result


def default_graph(plans_dir: Path = DEFAULT_PLANS, store_dir: Path = DEFAULT_STORE) -> Graph:
    """The store of the bundled plans, brought up to date (nothing is redone if nothing
    changed), opened for reading. While another process builds it, this waits for that
    build, which leaves nothing to do.

    It runs in this process (no workers): the app's main module is its script, which a
    spawned worker would run again. Large corpora are built with ``innograph build``.
    """
    if store_dir == DEFAULT_STORE and is_bare_database(store_dir):  # this cache as an earlier innograph left it
        shutil.rmtree(store_dir)
        shutil.rmtree(store_dir.with_name(store_dir.name + "-meta"), ignore_errors=True)
    paths = [plans_dir] + ([store_dir / UPLOADS] if (store_dir / UPLOADS).is_dir() else [])  # plans added in the explorer
    try:
        build_store(store_dir, paths, jobs=1)
    except StoreBusy:
        build_store(store_dir, paths, jobs=1, wait=True)
    return open_store(store_dir)
