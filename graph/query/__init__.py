"""Query: named and typed SPARQL over any store, bounded, and the SPARQL endpoint.

``guard`` says what a query may do before it runs (read-only, local, not too deep);
``named`` reads the example queries in ``queries/*.rq``; ``run`` runs a query with bindings on
any store and gives ``results`` of plain values; ``protocol`` writes answers in the syntax a
client accepts; ``sandbox`` runs typed queries in a worker stopped on time, memory or a
departed client; ``endpoint`` serves all that over HTTP; ``summary`` keeps the corpus-wide
answers beside a store's generation. May import the foundation, ``vocabulary`` and ``store``.
"""

from .named import QUERY_DIR, NamedQuery, get_query, list_queries, param_languages
from .protocol import GRAPH_TYPES, RESULT_TYPES, NotAcceptable, answer, negotiate, write_triples
from .results import QueryError, QueryResult, plain_value, spreadsheet_safe
from .run import construct_graph, count_triples, inline_bindings, run_named, run_query, split_ordering, stream_rows

__all__ = [
    "GRAPH_TYPES", "QUERY_DIR", "RESULT_TYPES", "NamedQuery", "NotAcceptable", "QueryError", "QueryResult", "answer",
    "construct_graph", "count_triples", "get_query", "inline_bindings", "list_queries", "negotiate", "param_languages", "plain_value",
    "run_named", "run_query", "split_ordering", "spreadsheet_safe", "stream_rows", "write_triples",
]
