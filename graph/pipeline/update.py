"""Bring a store to exactly the plans under some paths, redoing only what changed.

``build_store`` is incremental: a plan whose content is unchanged is not read again, a
changed plan replaces its named graph, a removed plan's graph is dropped, and the
entities' graph is recombined from every plan's kept identities. It is a transaction: the
changes go into a new generation of the store, published only when complete, so a bad
file, a crash or a kill leaves the store as it was. ``update_store`` fills a dataset in
memory or on an endpoint; ``build_plans`` makes the graph of some plans in memory.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rdflib import Graph, URIRef

from ..build import ENTITY_GRAPH, build_graph, plan_graph_iri_of, shared_graph_triples, to_ntriples
from ..ingest.documents import find_plan_files
from ..paths import REMOTE_CACHE
from ..query.summary import SummaryTally, write_summary
from ..resolve import IdentityTally, PlanIdentities
from ..store import (
    StoreWriter,
    drop_graph,
    fingerprint,
    graph_block,
    is_remote_dataset,
    load_graph_blocks,
    open_dataset,
    oxigraph_of,
    read_remote_manifest,
    write_remote_manifest,
    writing,
)
from ..vocabulary.lexicon import Lexicon, default_lexicon
from .plans import BuildError, PlanBuild, extract_plans, file_hash, map_plan_files

STREAM_BYTES = 32 << 20  # graph blocks handed to the store while workers go on extracting


@dataclass
class BuildReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)
    seconds: float = 0.0

    def __str__(self) -> str:
        text = f"{self.added} added, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged in {self.seconds:.2f} s"
        return text + (f"; skipped {len(self.skipped)} unreadable" if self.skipped else "")


IDENTITIES = "identities"


def _identity_file(folder: Path, doc_id: str, stamp: str) -> Path:
    """A plan's kept identities, named by its content and by the code that made them, so a
    file once written is never wrong for any build that reads it."""
    return folder / IDENTITIES / f"{doc_id}.{stamp[:16]}.json"


def _save_identities(folder: Path | None, ids: PlanIdentities, stamp: str, summary: dict | None = None) -> None:
    """Keep what a later build needs of a plan it does not rebuild: its identities and its share of the summaries."""
    if folder is None:
        return
    path = _identity_file(folder, ids.doc_id, stamp)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"forms": ids.forms, "types": ids.types, "places": ids.places, "indicators": ids.indicators, "statuses": ids.statuses,
            "summary": summary}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _load_identities(folder: Path, doc_id: str, stamp: str) -> tuple[PlanIdentities, dict | None]:
    data = json.loads(_identity_file(folder, doc_id, stamp).read_text(encoding="utf-8"))
    ids = PlanIdentities(doc_id, {}, data["forms"], data["types"], tuple(data["places"]), tuple(data["indicators"]),
                         tuple(data.get("statuses", ())))
    return ids, data.get("summary")


class _InPlace:
    """A dataset changed where it is (in memory, or on an endpoint): no manifest, so every
    plan is built, and nothing to publish."""

    identities = None

    def __init__(self, dataset: Graph):
        self.dataset = dataset
        self.manifest: dict = {}

    def open(self, copy: bool) -> Graph:
        return self.dataset

    def keep(self, summary: dict) -> None:
        pass  # its views ask the dataset itself

    def publish(self, manifest: dict) -> None:
        pass


class _Remote(_InPlace):
    """An endpoint kept between builds: the manifest of its last build is in the store itself
    (``store.read_remote_manifest``), and what a rebuild needs of each plan it does not redo is
    kept in a folder of this machine's, one per endpoint. A machine that has no such folder
    (another one built the store) rebuilds every plan, once."""

    def __init__(self, dataset: Graph):
        super().__init__(dataset)
        self.manifest = read_remote_manifest(dataset)
        self.identities = remote_cache(dataset.store.location)

    def publish(self, manifest: dict) -> None:
        write_remote_manifest(self.dataset, manifest)  # last: a build that fails before it leaves the old manifest


def remote_cache(location: str) -> Path:
    """This machine's folder for what is kept of an endpoint's plans, named by its address."""
    import hashlib

    return REMOTE_CACHE / hashlib.sha256(location.encode("utf-8")).hexdigest()[:16]


class _Generation:
    """A store folder: the build changes a staging generation and publishes it (see graph/store/folder.py)."""

    def __init__(self, writer: StoreWriter):
        self.writer = writer
        self.identities = writer.folder
        self.manifest = writer.manifest

    def open(self, copy: bool) -> Graph:
        return self.writer.stage(copy)

    def keep(self, summary: dict) -> None:
        write_summary(self.writer.staging, summary)  # published with the generation it describes

    def publish(self, manifest: dict) -> None:
        self.writer.publish(manifest)
        kept = {_identity_file(self.identities, info["doc_id"], manifest["fingerprint"]) for info in manifest["plans"].values()}
        for path in (self.identities / IDENTITIES).glob("*.json"):
            if path not in kept:  # of removed plans, or made by other code
                path.unlink(missing_ok=True)


def update_store(
    dataset: Graph,
    paths: Iterable[str | Path],
    jobs: int | None = None,
    skip_bad: bool = False,
    progress: Callable[[int, int], None] | None = None,
    rebuild: bool = False,
) -> BuildReport:
    """Bring a dataset in memory or on an endpoint to exactly the plans under the paths; on an
    endpoint, redoing only what changed since its last build, as a store folder does."""
    import urllib.error

    from ..store import remote_error

    target = _Remote(dataset) if is_remote_dataset(dataset) else _InPlace(dataset)
    try:
        return _update(target, paths, jobs, skip_bad, rebuild or target.identities is None, progress)
    except (urllib.error.URLError, OSError) as exc:  # an endpoint's refusal or absence, in one line (HTTPError is one)
        store = dataset.store
        if not is_remote_dataset(dataset):
            raise
        raise remote_error(exc, f"sparql+{store.query_endpoint}") from None


def build_store(
    folder: str | Path,
    paths: Iterable[str | Path],
    jobs: int | None = None,
    skip_bad: bool = False,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
    wait: bool = False,
) -> BuildReport:
    """Bring a store folder to exactly the plans under the paths, redoing only what changed,
    as one transaction: readers see the old graph until the new one is published. A second
    build of the same folder is refused at once (StoreBusy), or waits with ``wait``."""
    with writing(folder, wait=wait) as writer:
        return _update(_Generation(writer), paths, jobs, skip_bad, rebuild, progress)


def _update(target, paths, jobs, skip_bad, rebuild, progress) -> BuildReport:
    start = time.perf_counter()
    files = find_plan_files(paths)
    stamp = fingerprint()
    manifest = target.manifest
    full = rebuild or manifest.get("fingerprint") != stamp
    kept = manifest.get("plans", {})
    if not full and any(not _identity_file(target.identities, info["doc_id"], stamp).exists() for info in kept.values()):
        full = True  # what a rebuild needs of an unchanged plan is not on this machine: redo them all
    known = {} if full else kept
    hashes = {str(f): file_hash(f) for f in files}
    todo = [f for f in files if known.get(str(f), {}).get("hash") != hashes[str(f)]]
    gone = [p for p in known if p not in hashes]
    report = BuildReport(unchanged=len(files) - len(todo))
    if not todo and not gone and not full:
        report.seconds = time.perf_counter() - start
        return report
    dataset = target.open(copy=not full)
    built, errors, seen = {}, [], {known[p]["doc_id"] for p in known if p in hashes and p not in map(str, todo)}
    # Loading overlaps extraction when no new graph can collide with one in the dataset (an
    # empty one, or new and changed plans, whose graphs are named by their content); a
    # failure then drops what was loaded. A full rebuild over old graphs loads at the end.
    inner = oxigraph_of(dataset)
    streaming = inner is not None and (not full or not any(True for _ in inner.named_graphs()))
    loaded: list[str] = []
    tally, summaries = IdentityTally(), SummaryTally()
    with tempfile.TemporaryDirectory() as tmp:
        spool = Path(tmp) / "plans.trig"
        out = spool.open("w", encoding="utf-8")
        pending, pending_docs = 0, []
        for k, result in enumerate(map_plan_files(todo, jobs), 1):
            if progress:
                progress(k, len(todo))
            if result.error:
                errors.append(result.error)
            elif result.doc_id not in seen:
                seen.add(result.doc_id)
                out.write(result.block)
                pending += len(result.block)
                pending_docs.append(result.doc_id)
                tally.add(result.identities)
                summaries.add(result.summary)
                _save_identities(target.identities, result.identities, stamp, result.summary)
                built[result.path] = PlanBuild(result.path, result.content_hash, result.doc_id, result.title)  # the text is spooled
            if streaming and pending > STREAM_BYTES and (skip_bad or not errors):
                out.close()
                load_graph_blocks(dataset, spool)
                loaded += pending_docs
                out, pending, pending_docs = spool.open("w", encoding="utf-8"), 0, []
        out.close()
        if errors and not skip_bad:
            for doc_id in loaded:  # take back what was loaded: the dataset is as it was
                drop_graph(dataset, plan_graph_iri_of(doc_id))
            raise BuildError(errors)
        report.skipped = errors
        plans = _apply(dataset, target, manifest, known, built, todo, gone, spool, full and not streaming, hashes, report,
                       tally, summaries)
    del dataset, inner  # a store's staging database is closed before it is published
    target.publish({"fingerprint": stamp, "plans": plans})
    report.seconds = time.perf_counter() - start
    return report


def _apply(dataset, target, manifest, known, built, todo, gone, spool, clear, hashes, report, tally, summaries) -> dict:
    """Write the new plans into the dataset and recombine the entities' graph; the plans now in it."""
    inner = oxigraph_of(dataset)
    if clear and inner is not None:
        inner.clear()
    elif clear and is_remote_dataset(dataset):
        clear_remote(dataset)
    for path in [*gone, *(str(f) for f in todo)]:
        if path in known:
            drop_graph(dataset, plan_graph_iri_of(known[path]["doc_id"]))
    load_graph_blocks(dataset, spool)
    plans = {path: {"hash": hashes[path], "doc_id": info["doc_id"], "title": info.get("title", "")}
             for path, info in known.items() if path in hashes and path not in built and path not in map(str, todo)}
    for info in plans.values():  # unchanged plans, from what was kept of them
        ids, share = _load_identities(target.identities, info["doc_id"], manifest["fingerprint"])
        tally.add(ids)
        if share is None or summaries is None:
            summaries = None  # kept by a build before summaries: the views ask the store this time
        else:
            summaries.add(share)
    for path, result in built.items():
        plans[path] = {"hash": result.content_hash, "doc_id": result.doc_id, "title": result.title}
        report.added += path not in known
        report.changed += path in known
    report.removed = len(gone)
    drop_graph(dataset, ENTITY_GRAPH)
    shared_file = spool.with_name("shared.trig")
    with shared_file.open("w", encoding="utf-8") as out:
        shared = shared_graph_triples(tally.entities(), sorted(tally.places), sorted(tally.indicators), sorted(tally.statuses))
        while part := list(islice(shared, SHARED_BLOCK)):  # one graph in many blocks: no part of it held whole
            out.write(graph_block(ENTITY_GRAPH, to_ntriples(part)))
            if summaries is not None:
                summaries.see_shared(part)
    load_graph_blocks(dataset, shared_file)
    if inner is not None:
        inner.flush()
        if summaries is not None:
            # the union default graph holds each triple once (see store.load_graph_blocks)
            triples = int(next(iter(inner.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)
            target.keep(summaries.result(triples))
    return plans


SHARED_BLOCK = 50_000  # triples of the shared graph per block: at 1000x it is 2M triples, 0.6 GB as terms


def clear_remote(graph: Graph) -> None:
    """Drop innograph's named graphs from an endpoint, and nothing else it holds."""
    for name in graph.store.own_graphs():
        drop_graph(graph, URIRef(name))


def build_plans(
    paths: Iterable[str | Path], lexicon: Lexicon | None = None, skip_bad: bool = False, named_graphs: bool = False,
    jobs: int | None = 1,
) -> Graph:
    """The graph of exactly these plans, in memory.

    With named_graphs, an Oxigraph dataset of one graph per plan (built like a store);
    otherwise a plain rdflib graph of the same triples.
    """
    if named_graphs:
        dataset = open_dataset(None)
        update_store(dataset, paths, jobs=jobs, skip_bad=skip_bad)
        return dataset
    lexicon = lexicon or default_lexicon()
    return build_graph(extract_plans(paths, lexicon, skip_bad), lexicon)
