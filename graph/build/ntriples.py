"""N-Triples text of a plan's triples: the form plans travel in between processes."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef

ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term) -> str:
    # exact type tests first: an isinstance test on rdflib's terms goes through abc (a tenth of this)
    if type(term) is URIRef:
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str.translate(term, ESCAPES)
        if term.language:
            return f'"{text}"@{term.language}'
        return f'"{text}"^^<{term.datatype}>' if term.datatype else f'"{text}"'
    return f"<{term}>"


def to_ntriples(triples: Iterable[tuple]) -> str:
    r"""N-Triples text of the triples, one line each (the form plans travel in between processes).

    Written directly: converting every term for a serialiser took half of a plan's build.
    No line holds a raw line break (it is escaped), which ``store.graph_block`` relies on.

    >>> from rdflib.namespace import RDFS
    >>> from graph.namespaces import IGD
    >>> to_ntriples([(IGD["a"], RDFS.label, Literal('龙门"实验室"\n', lang="zh"))])
    '<https://w3id.org/innograph/id/a> <http://www.w3.org/2000/01/rdf-schema#label> "龙门\\"实验室\\"\\n"@zh .\n'
    """
    return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples)
