"""Run a query on any store with bindings, its rows in a stable order and bounded.

A value is never formatted into the text by hand: rdflib's store gets it as
``initBindings``, Oxigraph and endpoints as ``VALUES`` written (escaped) by rdflib. Every
query passes the guard first (read-only, local, not too deep).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import Identifier

from ..namespaces import PREFIXES, bind_prefixes
from ..store import RDF_ANSWERS, is_remote_dataset, oxigraph_of
from .guard import QueryRefused, check_query
from .named import boolean_columns, get_query, param_languages
from .results import QueryError, QueryResult, ox_value, plain_value


def _is_remote_or_native(graph: Graph) -> bool:
    """Stores that answer SPARQL text themselves (a SPARQL endpoint) rather than rdflib."""
    return type(graph.store).__name__ in ("SPARQLStore", "SPARQLUpdateStore")


DECLARED = re.compile(r"^\s*PREFIX\s+([\w.-]*):", re.IGNORECASE | re.MULTILINE)


def declare_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for the project's prefixes it uses and does not declare:
    what another server needs to read a query written for innograph.

    >>> declare_prefixes("SELECT * WHERE { ?s a ig:Lab }")
    'PREFIX ig: <https://w3id.org/innograph/ontology#>\\nSELECT * WHERE { ?s a ig:Lab }'
    """
    declared = set(DECLARED.findall(sparql))
    lines = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()
                    if k not in declared and re.search(rf"(?<![\w<]){re.escape(k)}:", sparql))
    return lines + sparql


REMOTE_ACCEPT = ("application/sparql-results+xml, application/sparql-results+json;q=0.95, application/n-triples;q=0.9, "
                 "text/turtle;q=0.8, text/plain;q=0.5, */*;q=0.1")


def run_on_remote(graph: Graph, sparql: str, init: dict, max_rows: int | None = None) -> QueryResult:
    """Ask a remote store on innograph's own graphs and read its answer with Oxigraph's
    parsers, so that its terms become the same plain values as a folder store's."""
    from ..store import RemoteStoreError, parse_results

    text = declare_prefixes(inline_bindings(sparql, init) if init else sparql)
    try:
        kind, body = graph.store.send(text, REMOTE_ACCEPT)
    except RemoteStoreError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if kind in RDF_ANSWERS:
        triples = ((ox_value(t.subject), ox_value(t.predicate), ox_value(t.object)) for t in ox.parse(body, format=RDF_ANSWERS[kind]))
        return QueryResult(("subject", "predicate", "object"), tuple(islice(triples, max_rows)))
    try:
        result = parse_results(kind, body)
    except RemoteStoreError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), ((bool(result),),))
    columns = tuple(v.value for v in result.variables)
    rows = (tuple(map(ox_value, solution)) for solution in result)
    ordering = split_ordering(sparql)[1]
    if ordering and all(name in columns for name, _ in ordering.keys):
        # sorted again here as Oxigraph sorts: Virtuoso orders language-tagged text its own way
        rows = iter(Ordering(ordering.keys).apply(columns, list(rows)))
    return QueryResult(columns, tuple(islice(rows, max_rows)))



WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def inline_bindings(sparql: str, bindings: dict) -> str:
    r"""Bind values as VALUES inside every WHERE block (endpoints would append them after it).

    Every block, because a subquery does not see the outer query's values (05's name filter
    runs inside one). Terms are written by rdflib (``n3()``), which escapes them, so a
    value can never become query text.

    >>> inline_bindings("SELECT ?x WHERE { ?x ?p ?name }", {"name": Literal('a"b')})
    'SELECT ?x WHERE { VALUES ?name { "a\\"b" } ?x ?p ?name }'
    >>> inline_bindings("SELECT * WHERE { { SELECT ?x ?n WHERE { ?x ?p ?n } } }", {"n": Literal("k")})
    'SELECT * WHERE { VALUES ?n { "k" } { SELECT ?x ?n WHERE { VALUES ?n { "k" } ?x ?p ?n } } }'
    """
    values = " ".join(f"VALUES ?{k} {{ {v.n3()} }}" for k, v in bindings.items())
    if WHERE_OPEN.search(sparql):
        return WHERE_OPEN.sub(lambda m: f"{m.group(0)} {values}", sparql)
    head, brace, rest = sparql.partition("{")
    return f"{head}{brace} {values}{rest}" if brace else sparql


ORDER_TAIL = re.compile(
    r"\bORDER\s+BY(?P<keys>(?:\s*(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+))+)"
    r"(?P<slice>(?:\s*(?:LIMIT|OFFSET)\s+\d+)*)\s*$", re.IGNORECASE)


ORDER_KEY = re.compile(r"(?:(ASC|DESC)\s*\(\s*)?\?(\w+)", re.IGNORECASE)


SLICE = re.compile(r"(LIMIT|OFFSET)\s+(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Ordering:
    """A query's final ORDER BY (plain variables only) and LIMIT/OFFSET, done in Python.

    Oxigraph compares terms by reading their text back from disk on every comparison:
    sorting 11,300 rows cost about 0.5 s at 1.5M triples, a Python sort of the same rows
    about 20 ms. Anything but plain variables (expressions) stays with Oxigraph.
    """
    keys: tuple[tuple[str, bool], ...]  # (variable, descending)
    limit: int | None = None
    offset: int = 0

    def apply(self, columns: tuple[str, ...], rows: list[tuple]) -> list[tuple]:
        """Sort rows of plain values (see ``ox_value``) and slice them."""
        for name, descending in reversed(self.keys):  # stable sorts, last key first
            i = columns.index(name)
            kinds = {type(row[i]) for row in rows}
            plain = kinds <= {str} or kinds <= {int, float}  # one kind, nothing unbound: sort as is
            rows.sort(key=itemgetter(i) if plain else lambda row, i=i: _value_order(row[i]), reverse=descending)
        end = None if self.limit is None else self.offset + self.limit
        return rows[self.offset:end]


def split_ordering(sparql: str) -> tuple[str, Ordering | None]:
    """The query without its final ORDER BY/LIMIT/OFFSET, and those as an Ordering.

    Only the modifier that ends the query counts: a subquery's ORDER BY is followed by
    a brace and is left alone (it may feed a LIMIT inside).

    >>> split_ordering("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a DESC(?b) LIMIT 5")
    ('SELECT ?a ?b WHERE { ?a ?p ?b } ', Ordering(keys=(('a', False), ('b', True)), limit=5, offset=0))
    >>> split_ordering("SELECT ?a WHERE { ?a ?p ?b } ORDER BY STRLEN(?a)")[1] is None
    True
    """
    body = sparql.rstrip()
    match = ORDER_TAIL.search(body)
    line_start = body.rfind("\n", 0, match.start()) + 1 if match else 0
    if not match or "#" in body[line_start:match.start()]:  # absent, or in a comment
        return sparql, None
    keys = tuple((name, (direction or "").upper() == "DESC") for direction, name in ORDER_KEY.findall(match.group("keys")))
    limits = {kind.upper(): int(n) for kind, n in SLICE.findall(match.group("slice"))}
    return body[:match.start()], Ordering(keys, limits.get("LIMIT"), limits.get("OFFSET", 0))


def _value_order(value) -> tuple:
    """SPARQL's order on plain values: unbound first, then numbers by value, then text by
    code point as Oxigraph compares strings. IRIs sort with strings here (SPARQL puts them
    first); a sorted column holds one or the other in practice."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)):
        return (1, value)
    return (2, value)


SYNTAX_AT = re.compile(r"^error at (\d+):(\d+): expected one of (.*)$", re.DOTALL)


CHARACTER_RANGES = re.compile(r"\[[^\]]*\.\.=[^\]]*\]")


def readable_syntax_error(message: str, sparql: str) -> str:
    r"""Oxigraph's parser message as a person reads it: line and column, an unknown prefix by
    its name, and "a name" for the Unicode ranges a name may be written in.

    >>> readable_syntax_error("error at 1:28: expected one of Prefix not found, [':']", "SELECT * WHERE { ?s foo:bar ?o }")
    'line 1, column 28: unknown prefix foo: (declare it: PREFIX foo: <…>)'
    >>> readable_syntax_error("error at 1:9: expected one of \"(\", ['A' ..= 'Z' | 'a' ..= 'z']", "SELECT ?x ")
    'line 1, column 9: expected one of "(", a name'
    """
    match = SYNTAX_AT.match(message.strip())
    if not match:
        return message
    line, column, expected = int(match.group(1)), int(match.group(2)), match.group(3)
    where = f"line {line}, column {column}"
    if "Prefix not found" in expected:
        lines = sparql.splitlines() or [""]
        before = lines[min(line, len(lines)) - 1][:column]
        used = re.findall(r"(?<![\w<])([A-Za-z][\w.-]*)?:(?!//)", before)  # the last prefix written before the error
        name = used[-1] if used else ""
        return f"{where}: unknown prefix {name}: (declare it: PREFIX {name}: <…>)"
    alternatives = CHARACTER_RANGES.sub("a name", expected.replace("\n", " "))
    seen = list(dict.fromkeys(part.strip() for part in alternatives.split(", ") if part.strip()))
    return f"{where}: expected one of {', '.join(seen[:12])}" + (" …" if len(seen) > 12 else "")


def run_on_oxigraph(inner, sparql: str, init: dict, sort_here: bool = True, max_rows: int | None = None) -> QueryResult:
    """Ask Oxigraph directly: the rdflib graph stays the API, the answer skips rdflib's term objects.

    Values are bound as VALUES in the query's blocks, not as Oxigraph's substitutions:
    those are joined on at the end, so a bound entity was looked up only after every
    statement of every entity (1 s for one entity's relations at 1.5M triples, against
    7 ms). A final ORDER BY of plain variables is done here in Python (see ``Ordering``).
    """
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    unordered, ordering = split_ordering(sparql) if sort_here else (sparql, None)
    try:
        result = inner.query(inline_bindings(unordered, init) if init else unordered, prefixes=prefixes)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {readable_syntax_error(str(exc), sparql)}") from exc
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), ((bool(result),),))
    if isinstance(result, ox.QueryTriples):
        triples = ((ox_value(t.subject), ox_value(t.predicate), ox_value(t.object)) for t in result)
        return QueryResult(("subject", "predicate", "object"), tuple(islice(triples, max_rows)))
    columns = tuple(v.value for v in result.variables)
    if ordering and not all(name in columns for name, _ in ordering.keys):
        return run_on_oxigraph(inner, sparql, init, sort_here=False, max_rows=max_rows)  # it sorts by what it does not show
    solutions = (tuple(map(ox_value, solution)) for solution in result)
    if ordering:
        return QueryResult(columns, tuple(ordering.apply(columns, list(solutions))[:max_rows]))
    return QueryResult(columns, tuple(islice(solutions, max_rows)))  # a capped answer stops reading where the cap is


def run_query(graph: Graph, sparql: str, max_rows: int | None = None, **bindings) -> QueryResult:
    """Run a SELECT/ASK/CONSTRUCT query with the project's prefixes; errors become QueryError.

    Values are bound, never formatted into the text: as initBindings for rdflib's own
    store, as VALUES written by rdflib (escaped) for Oxigraph and remote endpoints. With
    ``max_rows``, only that many rows are read (``sandbox`` runs typed queries this way).
    """
    try:
        check_query(sparql)
    except QueryRefused as exc:
        raise QueryError(str(exc)) from exc
    languages = param_languages(sparql) if bindings else {}
    init = {k: (v if isinstance(v, Identifier) else Literal(v, lang=languages.get(k))) for k, v in bindings.items() if v is not None}
    inner = oxigraph_of(graph)
    if inner is not None:
        return with_booleans(run_on_oxigraph(inner, sparql, init, max_rows=max_rows), sparql)
    if is_remote_dataset(graph):
        return with_booleans(run_on_remote(graph, sparql, init, max_rows), sparql)
    native = _is_remote_or_native(graph)
    from rdflib.plugins.sparql import prepareQuery  # here: its parser costs an app's first page 0.2 s

    try:
        query = sparql if native else prepareQuery(sparql, initNs=PREFIXES)
    except Exception as exc:  # pyparsing reports line and column
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    try:
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        if native and init:
            query, init = inline_bindings(query, init), {}
        result = graph.query(query, initNs=prefixes, initBindings=init) if native else graph.query(query, initBindings=init)
        if result.type == "ASK":
            return QueryResult(("ask",), ((bool(result.askAnswer),),))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult(("subject", "predicate", "object"), tuple(islice((tuple(map(plain_value, t)) for t in result.graph), max_rows)))
        columns = tuple(str(v) for v in result.vars)
        return QueryResult(columns, tuple(islice((tuple(plain_value(row[c]) for c in columns) for row in result), max_rows)))
    except SyntaxError as exc:  # Oxigraph's parser
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except Exception as exc:  # evaluation errors surface while iterating
        raise QueryError(f"query failed: {exc}") from exc


def stream_rows(graph: Graph, sparql: str) -> Iterator[tuple]:
    """The rows of one of innograph's own SELECT queries, one at a time (from Oxigraph, not
    held as a list): what reads a whole corpus keeps only what it needs of each row."""
    inner = oxigraph_of(graph)
    if inner is None:
        yield from run_query(graph, sparql).rows
        return
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    for solution in inner.query(sparql, prefixes=prefixes):
        yield tuple(map(ox_value, solution))


def construct_graph(graph: Graph, sparql: str, **bindings) -> Graph:
    """A CONSTRUCT or DESCRIBE answered as an rdflib Graph, its terms as the store has them
    (typed literals, language tags), on every kind of store."""
    try:
        check_query(sparql)
    except QueryRefused as exc:
        raise QueryError(str(exc)) from exc
    init = {k: (v if isinstance(v, Identifier) else Literal(v)) for k, v in bindings.items() if v is not None}
    text = inline_bindings(sparql, init) if init else sparql
    out = Graph()
    bind_prefixes(out)
    inner = oxigraph_of(graph)
    try:
        if inner is not None:
            answer = inner.query(text, prefixes={k: str(v) for k, v in PREFIXES.items()})
            if isinstance(answer, ox.QueryTriples):
                return out.parse(data=ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES), format="nt")
        elif is_remote_dataset(graph):
            from ..store import RemoteStoreError

            try:
                kind, data = graph.store.send(declare_prefixes(text), "application/n-triples, text/turtle;q=0.9")
            except RemoteStoreError as exc:
                raise QueryError(f"query failed: {exc}") from None
            if kind in RDF_ANSWERS:
                return out.parse(data=data, format="turtle" if kind == "text/turtle" else "nt")
        else:
            answer = graph.query(text, initNs=PREFIXES)
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                return out.parse(data=answer.graph.serialize(format="nt", encoding="utf-8"), format="nt")
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {readable_syntax_error(str(exc), sparql)}") from exc
    raise QueryError("construct_graph answers CONSTRUCT and DESCRIBE queries; use run_query for SELECT and ASK")


def run_named(graph: Graph, query_name: str, /, **bindings) -> QueryResult:
    return run_query(graph, get_query(query_name).text, **bindings)


def with_booleans(result: QueryResult, sparql: str) -> QueryResult:
    """The columns a query's header declares boolean (``# boolean: lead``) as True/False, from
    whatever the store wrote: Virtuoso answers ``true`` and ``EXISTS`` with 1 and 0."""
    names = boolean_columns(sparql)
    if not names or not result.rows:
        return result
    at = [i for i, c in enumerate(result.columns) if c in names]
    truth = {True: True, False: False, "true": True, "false": False, "1": True, "0": False}
    rows = tuple(tuple(truth.get(v, v) if i in at and v is not None else v for i, v in enumerate(row)) for row in result.rows)
    return QueryResult(result.columns, rows)


def count_triples(graph: Graph) -> int:
    """Triples in the union of innograph's named graphs, counted by the store (a remote store
    is asked on innograph's graphs only: Virtuoso keeps system graphs beside them)."""
    if is_remote_dataset(graph):
        rows = run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }").rows
        return int(rows[0][0]) if rows else 0
    return int(run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
