"""One plan at a time, in a worker: read, extract and resolve it into a graph block.

A worker returns only what the store and the entities' graph need (the block, the plan's
identities, its share of the summaries), so the parent holds no Document or Extraction.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..build import extraction_triples, plan_graph_iri, shared_names, to_ntriples
from ..extract import extract_document
from ..ingest.documents import DocumentError, find_plan_files, read_document
from ..model import Extraction
from ..query.summary import plan_summary
from ..resolve import PlanIdentities, resolve_plan
from ..resolve.rules import load_alias_rules
from ..store import graph_block
from ..vocabulary.lexicon import Lexicon, default_lexicon


class BuildError(RuntimeError):
    """One or more plans could not be read; the message lists each file and its problem."""

    def __init__(self, errors: list):
        self.errors = errors
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(f"{len(errors)} plan(s) could not be read; nothing was written:\n{lines}")


def extract_plans(paths: Iterable[str | Path], lexicon: Lexicon | None = None, skip_bad: bool = False) -> list[Extraction]:
    """Read and extract every plan under the paths, in this process; bad files raise BuildError."""
    lexicon = lexicon or default_lexicon()
    extractions, errors, seen = [], [], set()
    for path in find_plan_files(paths):
        try:
            document = read_document(path, lexicon)
        except DocumentError as exc:
            errors.append(exc)
            continue
        if document.doc_id not in seen:  # the same text twice is one plan
            seen.add(document.doc_id)
            extractions.append(extract_document(document, lexicon))
    if errors and not skip_bad:
        raise BuildError(errors)
    return extractions


@dataclass(frozen=True)
class PlanBuild:
    """What one worker returns for one plan file: its graph as a TriG block and its identities."""

    path: str
    content_hash: str
    doc_id: str = ""
    title: str = ""
    block: str = ""
    identities: PlanIdentities | None = None
    error: str = ""
    summary: dict | None = None  # the plan's share of the kept summaries (graph/query/summary.py)


def file_hash(path: Path) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def build_plan_file(path: str) -> PlanBuild:
    """Read, extract and resolve one plan into a TriG block of N-Triples (runs in a worker process)."""
    lexicon = default_lexicon()
    content_hash = file_hash(Path(path))
    try:
        document = read_document(path, lexicon)
    except DocumentError as exc:
        return PlanBuild(path, content_hash, error=str(exc))
    extraction = extract_document(document, lexicon)
    ids = resolve_plan(extraction, lexicon, load_alias_rules())
    triples = list(extraction_triples(extraction, ids, lexicon))
    block = graph_block(plan_graph_iri(document), to_ntriples(triples))
    places, indicators, statuses = shared_names(extraction)
    light = PlanIdentities(ids.doc_id, {}, ids.forms, ids.types, places, indicators, statuses)  # the keys have served
    return PlanBuild(path, content_hash, document.doc_id, document.metadata.title, block, light, summary=plan_summary(triples))


PARALLEL_FROM_BYTES = 2_000_000  # below this, starting workers costs more than it saves


IN_FLIGHT_PER_WORKER = 64  # enough to keep workers busy while the store takes a 32 MB slice


def map_plan_files(files: list[Path], jobs: int | None = None) -> Iterator[PlanBuild]:
    """Build plan files in parallel (all cores by default, one for a small corpus), in their order."""
    if jobs is None:
        small = sum(f.stat().st_size for f in files) < PARALLEL_FROM_BYTES
        jobs = 1 if small else (os.cpu_count() or 1)
    names = [str(f) for f in files]
    if jobs <= 1 or len(names) <= 1:
        yield from map(build_plan_file, names)
        return
    # spawn, not fork: the parent may hold Oxigraph's or a server's threads, which fork would copy mid-lock
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        # a bounded number of plans in flight, not all: when loading the store falls behind,
        # finished plans (their triples) piled up here: 2.9 GB at 1000×, under 1 GB bounded
        waiting = iter(names)
        running = deque(pool.submit(build_plan_file, name) for name in islice(waiting, jobs * IN_FLIGHT_PER_WORKER))
        while running:
            done = running.popleft().result()
            running.extend(pool.submit(build_plan_file, name) for name in islice(waiting, 1))
            yield done
