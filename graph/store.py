"""Open and save graphs; a save is atomic, so a failed build never leaves half a file.

The default graph is built from ``data/plans/`` on first use and cached in
``data/build/`` together with a fingerprint of the plans, the lexicons and the code;
it is rebuilt when any of them changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from .namespaces import bind_prefixes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLANS = ROOT / "data" / "plans"
DEFAULT_CACHE = ROOT / "data" / "build"
QUAD_FORMATS = {"trig", "nquads"}
FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads", ".xml": "xml", ".rdf": "xml"}


class StoreError(ValueError):
    """A graph file that cannot be written or read; the message names it."""


def rdf_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(f"{path}: unknown graph format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def save_graph(graph: Graph, path: str | Path) -> Path:
    """Serialise by the file's extension into a temporary file, then rename it into place."""
    path = Path(path)
    fmt = rdf_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        if fmt in QUAD_FORMATS and not isinstance(graph, Dataset):
            raise StoreError(f"{path}: {fmt} needs named graphs; build with a .trig or .nq output")
        if isinstance(graph, Dataset) and fmt not in QUAD_FORMATS:
            graph = flatten(graph)
        if fmt == "json-ld":
            from .namespaces import PREFIXES

            context = {k: str(v) for k, v in PREFIXES.items()}
            graph.serialize(tmp, format=fmt, context=context, auto_compact=True)
        else:
            graph.serialize(tmp, format=fmt, encoding="utf-8")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def flatten(dataset: Dataset) -> Graph:
    """The union of a dataset's named graphs as one plain graph."""
    graph = Graph()
    bind_prefixes(graph)
    graph.addN((s, p, o, graph) for s, p, o, _ in dataset.quads((None, None, None, None)))
    return graph


def load_graph(path: str | Path) -> Graph:
    """Read a graph file; TriG and N-Quads keep their named graphs (queries see the union)."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no such graph file")
    graph = Dataset(default_union=True) if rdf_format(path) in QUAD_FORMATS else Graph()
    bind_prefixes(graph)
    try:
        graph.parse(path, format=rdf_format(path))
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"{path}: cannot parse as {rdf_format(path)} ({exc})") from exc
    return graph


def fingerprint(plans_dir: Path = DEFAULT_PLANS) -> str:
    """Hash of the plans, the lexicons and the package code: what the default graph depends on."""
    digest = hashlib.sha1()
    roots = [plans_dir, ROOT / "data" / "lexicons", Path(__file__).resolve().parent]
    aliases = ROOT / "data" / "aliases.csv"
    if aliases.exists():
        digest.update(aliases.read_bytes())
    for root in roots:
        for f in sorted(p for p in Path(root).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(f.relative_to(root)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


def default_graph(plans_dir: Path = DEFAULT_PLANS, cache_dir: Path = DEFAULT_CACHE, rebuild: bool = False) -> Graph:
    """The graph of the bundled plans, built once and reused while nothing changed."""
    from .pipeline import build_plans

    cache = cache_dir / "graph.nq"
    manifest = cache_dir / "manifest.json"
    stamp = fingerprint(plans_dir)
    if not rebuild and cache.exists() and manifest.exists():
        try:
            if json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") == stamp:
                return load_graph(cache)
        except (ValueError, StoreError):
            pass  # a damaged cache is rebuilt
    graph = build_plans([plans_dir], named_graphs=True)
    save_graph(graph, cache)
    manifest.write_text(json.dumps({"fingerprint": stamp, "plans": str(plans_dir)}), encoding="utf-8")
    return graph
