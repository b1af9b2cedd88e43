"""What a query gives back: rows of plain Python values, whatever store answered.

Numbers come back as numbers and booleans as booleans from rdflib's terms and Oxigraph's
alike, so a view, a CSV or a test reads the same answer from every kind of store.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import XSD


class QueryError(ValueError):
    """A query that does not parse or cannot run; the message says where."""


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


BOOLEAN = str(XSD.boolean)


def ox_value(term):
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
