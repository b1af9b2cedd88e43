"""Named SPARQL queries (``graph/queries/*.rq``) and safe execution with bindings.

Each .rq file starts with ``# zh: <title>`` and ``# en: <title>`` lines (and optionally
``# param: name`` lines for values the user fills in). A value is never formatted into
the text by hand: rdflib's store gets it as ``initBindings``, Oxigraph and endpoints as
``VALUES`` written (escaped) by rdflib.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .guard import QueryRefused, check_query
from ..namespaces import PREFIXES
from ..store import oxigraph_of

QUERY_DIR = Path(__file__).resolve().parent / "queries"


class QueryError(ValueError):
    """A query that does not parse or cannot run; the message says where."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title_zh: str
    title_en: str
    text: str
    params: tuple[str, ...] = ()
    about_zh: str = ""
    about_en: str = ""
    optional: tuple[str, ...] = ()  # params that may stay unbound (``# param: city?``): then every row

    def required(self) -> tuple[str, ...]:
        return tuple(p for p in self.params if p not in self.optional)

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def about(self, lang: str = "zh") -> str:
        """What the example answers and how to read its rows, in one sentence."""
        return self.about_zh if lang == "zh" else self.about_en


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    def without(self, *names: str) -> QueryResult:
        """The result without some columns (a bound parameter echoed back)."""
        keep = [i for i, c in enumerate(self.columns) if c not in names]
        return QueryResult(tuple(self.columns[i] for i in keep), tuple(tuple(r[i] for i in keep) for r in self.rows))

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, r)) for r in self.rows]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns)
        writer.writerows([spreadsheet_safe(v) for v in row] for row in self.rows)
        return out.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet shows and does not run: text that starts like a formula
    (=, +, -, @) gets a leading apostrophe (OWASP's advice); numbers stay numbers.

    >>> spreadsheet_safe("=1+2"), spreadsheet_safe("@SUM(A1)"), spreadsheet_safe(-1.5), spreadsheet_safe(None)
    ("'=1+2", "'@SUM(A1)", -1.5, '')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _parse_header(name: str, text: str) -> NamedQuery:
    meta: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        meta.setdefault(key.strip(), []).append(value.strip())
    zh = (meta.get("zh") or [name])[0]
    about = (meta.get("about-zh") or [""])[0]
    params = [_param_name(p) for p in meta.get("param", [])]
    optional = tuple(_param_name(p) for p in meta.get("param", []) if p.endswith("?"))
    return NamedQuery(name, zh, (meta.get("en") or [zh])[0], text, tuple(params),
                      about, (meta.get("about-en") or [about])[0], optional)


PARAM_LINE = re.compile(r"^#\s*param:\s*(\w+)(?:@([a-z]{2,3}))?\??\s*$", re.MULTILINE)


def _param_name(declared: str) -> str:
    return declared.rstrip("?").split("@")[0]


def param_languages(sparql: str) -> dict[str, str]:
    r"""Parameters a query's header declares written in a language (``# param: name@zh``): a
    value given for one is that language's text, so it matches the plans' labels exactly and
    the store finds it by its index instead of scanning every label.

    >>> param_languages("# param: name@zh\n# param: city?\nSELECT ...")
    {'name': 'zh'}
    """
    return {m.group(1): m.group(2) for m in PARAM_LINE.finditer(sparql) if m.group(2)}


def list_queries(folder: Path = QUERY_DIR) -> list[NamedQuery]:
    """The example queries, sorted by file name."""
    return [_parse_header(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]


def get_query(name: str, folder: Path = QUERY_DIR) -> NamedQuery:
    path = folder / f"{name}.rq"
    if not path.exists():
        known = ", ".join(q.name for q in list_queries(folder))
        raise QueryError(f"no example query named {name!r}; known: {known}")
    return _parse_header(name, path.read_text(encoding="utf-8"))


NUMBERS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
INTEGERS = {str(XSD.integer), str(XSD.int), str(XSD.long), str(XSD.nonNegativeInteger), str(XSD.positiveInteger)}


def plain_value(term):
    """A plain Python value whatever the store: numbers as numbers, everything else as text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else ""
        if datatype in NUMBERS:
            return float(term)
        if datatype in INTEGERS:
            return int(term)
        if datatype == str(XSD.boolean):
            return str(term).lower() in ("true", "1")
    return str(term)


def _is_remote_or_native(graph: Graph) -> bool:
    """Stores that answer SPARQL text themselves (a SPARQL endpoint) rather than rdflib."""
    return type(graph.store).__name__ in ("SPARQLStore", "SPARQLUpdateStore")


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


BOOLEAN = str(XSD.boolean)


def _ox_value(term):
    """A plain Python value from a pyoxigraph term, as ``plain_value`` gives from an rdflib one."""
    if type(term) is not ox.Literal:
        return None if term is None else term.value
    datatype = term.datatype.value
    if datatype in NUMBERS:
        return float(term.value)
    if datatype in INTEGERS:
        return int(term.value)
    if datatype == BOOLEAN:
        return term.value in ("true", "1")
    return term.value


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
        """Sort rows of plain values (see ``_ox_value``) and slice them."""
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


def _run_on_oxigraph(inner, sparql: str, init: dict, sort_here: bool = True, max_rows: int | None = None) -> QueryResult:
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
        triples = ((_ox_value(t.subject), _ox_value(t.predicate), _ox_value(t.object)) for t in result)
        return QueryResult(("subject", "predicate", "object"), tuple(islice(triples, max_rows)))
    columns = tuple(v.value for v in result.variables)
    if ordering and not all(name in columns for name, _ in ordering.keys):
        return _run_on_oxigraph(inner, sparql, init, sort_here=False, max_rows=max_rows)  # it sorts by what it does not show
    solutions = (tuple(map(_ox_value, solution)) for solution in result)
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
        return _run_on_oxigraph(inner, sparql, init, max_rows=max_rows)
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
        yield tuple(map(_ox_value, solution))


def run_named(graph: Graph, query_name: str, /, **bindings) -> QueryResult:
    return run_query(graph, get_query(query_name).text, **bindings)


# distinct triples, as the embedded store's union graph counts them: two plans stating one relation
# hold the same triple in two graphs
OWN_TRIPLES = ('SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } '
               'FILTER(STRSTARTS(STR(?g), "https://w3id.org/innograph/id/graph/")) } }')


def count_triples(graph: Graph) -> int:
    """Triples in the union of the graph's named graphs, counted by the store; on a remote
    store, those of innograph's own graphs (Virtuoso keeps system graphs beside them)."""
    if type(getattr(graph, "store", None)).__name__ == "SPARQLUpdateStore":
        rows = run_query(graph, OWN_TRIPLES).rows
        return int(rows[0][0]) if rows else 0
    return int(run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])


RESULT_TYPES = {
    "application/sparql-results+json": (ox.QueryResultsFormat.JSON, "json"),
    "application/json": (ox.QueryResultsFormat.JSON, "json"),
    "application/sparql-results+xml": (ox.QueryResultsFormat.XML, "xml"),
    "application/xml": (ox.QueryResultsFormat.XML, "xml"),
    "text/csv": (ox.QueryResultsFormat.CSV, "csv"),
    "text/tab-separated-values": (ox.QueryResultsFormat.TSV, "tsv"),
}
GRAPH_TYPES = {
    "text/turtle": (ox.RdfFormat.TURTLE, "turtle"),
    "application/n-triples": (ox.RdfFormat.N_TRIPLES, "nt"),
    "application/rdf+xml": (ox.RdfFormat.RDF_XML, "xml"),
    "application/ld+json": (ox.RdfFormat.JSON_LD, "json-ld"),
    "application/n-quads": (ox.RdfFormat.N_QUADS, "nquads"),
    "application/trig": (ox.RdfFormat.TRIG, "trig"),
}


class NotAcceptable(ValueError):
    """The client accepts none of the media types the answer can be written in (HTTP 406)."""


def negotiate(accept: str, offered: dict, default: str) -> str:
    """The offered media type the Accept header prefers (RFC 9110: q-values, type/* and */*;
    q=0 excludes), the default for an empty header; NotAcceptable if none is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES, "application/json")
    'application/sparql-results+xml'
    >>> negotiate("text/*", RESULT_TYPES, "application/json"), negotiate("", RESULT_TYPES, "application/json")
    ('text/csv', 'application/json')
    """
    if not (accept or "").strip():
        return default
    best, best_q, best_rank = None, 0.0, -1
    for part in accept.split(","):
        kind, *params = [x.strip() for x in part.split(";")]
        kind = kind.lower()
        q = 1.0
        for param in params:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q <= 0 or not kind:
            continue
        if kind == "*/*":
            candidates, rank = [default], 0
        elif kind.endswith("/*"):
            candidates, rank = [t for t in offered if t.startswith(kind[:-1])], 1
        else:
            candidates, rank = [kind] if kind in offered else [], 2
        for candidate in candidates:
            if (q, rank) > (best_q, best_rank):
                best, best_q, best_rank = candidate, q, rank
    if best is None:
        raise NotAcceptable(f"none of {accept!r} can be given; this answer can be: {', '.join(offered)}")
    return best


def write_triples(triples, accept: str) -> tuple[bytes, str]:
    """A CONSTRUCT's triples written by Oxigraph in the syntax the client prefers; a quad syntax
    (N-Quads, TriG) gets them in the default graph."""
    kind = negotiate(accept, GRAPH_TYPES, "text/turtle")
    fmt = GRAPH_TYPES[kind][0]
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        triples = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return ox.serialize(triples, format=fmt), kind


def _remote_answer(endpoint: str, query: str, prefixes: dict, accept: str) -> tuple[bytes, str]:
    """A remote store's answer, asked in one syntax and written by Oxigraph in the one the
    client accepts: CONSTRUCT as RDF whatever rdflib would make of it, errors in one line."""
    import urllib.error
    import urllib.parse
    import urllib.request

    declared = "".join(f"PREFIX {k}: <{v}>\n" for k, v in prefixes.items() if f"{k}:" in query)
    body = urllib.parse.urlencode({"query": declared + query}).encode()
    request = urllib.request.Request(endpoint, data=body, headers={
        "Accept": "application/sparql-results+xml, application/n-triples;q=0.9, text/turtle;q=0.8, text/plain;q=0.5, */*;q=0.1",
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            kind, data = (response.headers.get("Content-Type") or "").split(";")[0].strip(), response.read()
    except urllib.error.HTTPError as exc:
        said = " ".join(exc.read().decode("utf-8", "replace").split())[:300]
        raise QueryError(f"the store answered {exc.code}: {said}") from None
    except OSError as exc:
        raise QueryError(f"the store did not answer: {exc}") from None
    read_as = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
               "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML}.get(kind)
    if read_as is not None:
        return write_triples(ox.parse(data, format=read_as), accept)
    chosen = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
    return parsed.serialize(format=RESULT_TYPES[chosen][0]), chosen


def answer(graph: Graph, query: str, accept: str, federation: bool = False,
           default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> tuple[bytes, str]:
    """Run a query and serialise its result for the Accept header: (body, content type).
    The guard refuses updates, SERVICE (unless ``federation``) and queries too deep to run.
    ``default_graphs`` and ``named_graphs`` are the protocol's default-graph-uri and
    named-graph-uri: the query then reads only those graphs."""
    check_query(query, allow_service=federation)
    inner = oxigraph_of(graph)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    if inner is not None:
        dataset = {}
        if default_graphs:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            result = inner.query(query, prefixes=prefixes, **dataset)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {readable_syntax_error(str(exc), query)}") from exc
        if isinstance(result, ox.QueryTriples):
            return write_triples(result, accept)
        kind = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
        return result.serialize(format=RESULT_TYPES[kind][0]), kind
    if default_graphs or named_graphs:
        raise QueryError("default-graph-uri and named-graph-uri are answered on a store folder or a graph file, not on a remote store")
    if type(getattr(graph, "store", None)).__name__ == "SPARQLUpdateStore":
        return _remote_answer(graph.store.query_endpoint, query, prefixes, accept)
    try:
        result = graph.query(query, initNs=prefixes)
    except Exception as exc:  # rdflib's parser and a remote store's errors
        message = getattr(exc, "msg", None) or str(exc)  # a remote store's own message, in one line
        raise QueryError(" ".join(str(message).split())[:500]) from exc
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return write_triples(ox.parse(result.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES), accept)
    kind = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    fmt = RESULT_TYPES[kind][1]
    if fmt == "tsv" or (result.type == "ASK" and fmt == "csv"):  # rdflib writes neither: the same answer, written by Oxigraph
        body = result.serialize(format="xml")
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        return parsed.serialize(format=RESULT_TYPES[kind][0]), kind
    return result.serialize(format=fmt), kind
