"""Check a SPARQL query before any engine sees it: read-only, local, and of a bounded shape.

Queries come from people (the console, the endpoint, the CLI) and so from any web page an
analyst opens. Three kinds are refused here, with a message that says why:

* updates (INSERT, DELETE, LOAD, CLEAR, DROP …): innograph's stores are written by builds only;
* ``SERVICE``: it makes the engine fetch another server's answers (a request forgery from
  the analyst's machine) unless the user turns federation on;
* nesting deeper than ``MAX_DEPTH`` or text longer than ``MAX_LENGTH``: a query nested
  3,000 braces deep crashes the query engine (a segmentation fault takes the server down
  for every user), so depth is counted here, in Python, first.
"""

from __future__ import annotations

import re

MAX_DEPTH = 64
MAX_LENGTH = 100_000

UPDATE = re.compile(r"(?<![?$\w:])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.IGNORECASE)
SERVICE = re.compile(r"(?<![?$\w:])SERVICE\b", re.IGNORECASE)
# what the checks must not look into: strings, IRIs and comments
OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


class QueryRefused(ValueError):
    """A query the guard will not pass on; the message says why and what to do."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind  # "update", "service", "depth", "size"


def _code(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out, lengths kept."""
    return OPAQUE.sub(lambda m: " " * len(m.group()), sparql)


def nesting_depth(code: str) -> int:
    """The deepest nesting of braces, brackets and parentheses.

    >>> nesting_depth("SELECT * WHERE { { ?s ?p ?o } FILTER((1)) }")
    3
    """
    depth = deepest = 0
    for c in code:
        if c in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "})]":
            depth = max(0, depth - 1)
    return deepest


def check_query(sparql: str, allow_service: bool = False, max_depth: int = MAX_DEPTH, max_length: int = MAX_LENGTH) -> None:
    """Raise QueryRefused for an update, a federated query or one too large or deep to run safely.

    >>> check_query("SELECT ?s WHERE { ?s ?p 'INSERT' }")  # a word in a string is no update
    >>> check_query("INSERT DATA { <a> <b> <c> }")
    Traceback (most recent call last):
    ...
    graph.query.guard.QueryRefused: The explorer is read-only: INSERT and other updates are refused (the store is written by `innograph build`).
    """
    if len(sparql) > max_length:
        raise QueryRefused(f"The query is {len(sparql):,} characters long; at most {max_length:,} are run.", "size")
    code = _code(sparql)
    update = UPDATE.search(code)
    if update:
        raise QueryRefused(f"The explorer is read-only: {update.group(1).upper()} and other updates are refused "
                           "(the store is written by `innograph build`).", "update")
    if not allow_service and SERVICE.search(code):
        raise QueryRefused("SERVICE (a federated query to another server) is turned off: innograph answers from its own "
                           "store only. Start the endpoint with --federation to allow it.", "service")
    depth = nesting_depth(code)
    if depth > max_depth:
        raise QueryRefused(f"The query nests {depth} levels deep; at most {max_depth} are run.", "depth")
