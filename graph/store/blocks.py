"""Graph blocks: the one form a build hands every kind of store.

A block is one named graph in TriG: its name, its N-Triples lines, a closing line. Oxigraph
loads a file of them as TriG and their lines alone as the union; Virtuoso's bulk loader reads
them as TriG files; a remote endpoint gets a graph per request. No line is ever rewritten.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

BLOCK_OPEN, BLOCK_CLOSE = b" {\n", b"\n}\n"  # no N-Triples line holds either: line breaks in literals are escaped


def graph_block(name: URIRef, ntriples: str) -> str:
    r"""One named graph as a TriG block: its name, then its N-Triples lines, then a closing line.

    ``load_graph_blocks`` loads a file of such blocks as TriG into the named graphs, and
    their lines alone as N-Triples into the union; so no line has to be rewritten.

    >>> graph_block(URIRef("urn:g"), '<urn:a> <urn:b> "x" .\n')
    '<urn:g> {\n<urn:a> <urn:b> "x" .\n}\n'
    """
    return f"<{name}> {{\n{ntriples}}}\n"


def block_lines(chunk: bytes) -> bytes:
    """The N-Triples lines of whole graph blocks, without the blocks' opening and closing lines."""
    lines, start = [], 0
    while (opened := chunk.find(BLOCK_OPEN, start)) >= 0:
        closed = chunk.index(BLOCK_CLOSE, opened)
        lines.append(chunk[opened + len(BLOCK_OPEN):closed + 1])
        start = closed + len(BLOCK_CLOSE)
    return b"".join(lines)


def block_slices(data: str | bytes | Path, size: int):
    """Graph blocks in slices of about ``size`` bytes, each ending where a block ends."""
    if isinstance(data, Path):
        rest = b""
        with data.open("rb") as handle:
            while chunk := handle.read(size):
                rest += chunk
                if (end := rest.rfind(BLOCK_CLOSE)) >= 0:
                    end += len(BLOCK_CLOSE)
                    yield rest[:end]
                    rest = rest[end:]
        if rest:
            yield rest
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    start = 0
    while start < len(raw):
        end = raw.find(BLOCK_CLOSE, min(len(raw), start + size) - len(BLOCK_CLOSE))
        end = len(raw) if end < 0 else end + len(BLOCK_CLOSE)
        yield raw[start:end]
        start = end
