"""Plans in, graph out: read every plan, extract, resolve across plans, build RDF."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Graph

from .build import build_dataset, build_graph
from .documents import DocumentError, find_plan_files, read_document
from .extract import extract_document
from .lexicon import Lexicon, default_lexicon
from .model import Extraction


class BuildError(RuntimeError):
    """One or more plans could not be read; the message lists each file and its problem."""

    def __init__(self, errors: list[DocumentError]):
        self.errors = errors
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(f"{len(errors)} plan(s) could not be read; nothing was written:\n{lines}")


def extract_plans(
    paths: Iterable[str | Path],
    lexicon: Lexicon | None = None,
    skip_bad: bool = False,
    progress: Callable[[Path], None] | None = None,
) -> list[Extraction]:
    """Read and extract every plan under the paths; bad files raise BuildError unless skipped."""
    lexicon = lexicon or default_lexicon()
    extractions, errors, seen = [], [], set()
    for path in find_plan_files(paths):
        try:
            document = read_document(path, lexicon)
        except DocumentError as exc:
            errors.append(exc)
            continue
        if progress:
            progress(path)
        if document.doc_id in seen:
            continue  # the same text twice is one plan
        seen.add(document.doc_id)
        extractions.append(extract_document(document, lexicon))
    if errors and not skip_bad:
        raise BuildError(errors)
    return extractions


def build_plans(
    paths: Iterable[str | Path], lexicon: Lexicon | None = None, skip_bad: bool = False, named_graphs: bool = False
) -> Graph:
    """The graph of exactly these plans (files or folders); with named_graphs, a Dataset of one graph per plan."""
    lexicon = lexicon or default_lexicon()
    extractions = extract_plans(paths, lexicon, skip_bad)
    return build_dataset(extractions, lexicon) if named_graphs else build_graph(extractions, lexicon)
