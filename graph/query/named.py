"""Named SPARQL queries: the ``queries/*.rq`` files and what their headers declare.

Each .rq file starts with ``# zh: <title>`` and ``# en: <title>`` lines (and optionally
``# param: name`` lines for values the user fills in, ``# param: name?`` for one that may
stay unbound, and ``# boolean: column`` for columns that are true or false).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .results import QueryError

QUERY_DIR = Path(__file__).resolve().parent / "queries"


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


BOOLEAN_LINE = re.compile(r"^#\s*boolean:\s*([\w\s,]+?)\s*$", re.MULTILINE)


def boolean_columns(sparql: str) -> set[str]:
    r"""Columns a query's header declares boolean (``# boolean: lead``): given as True/False
    by every store, Virtuoso too, which writes a computed boolean as 1 or 0.

    >>> sorted(boolean_columns("# boolean: lead, shared\nSELECT ..."))
    ['lead', 'shared']
    """
    return {name for m in BOOLEAN_LINE.finditer(sparql) for name in re.split(r"[\s,]+", m.group(1)) if name}


def list_queries(folder: Path = QUERY_DIR) -> list[NamedQuery]:
    """The example queries, sorted by file name."""
    return [_parse_header(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]


def get_query(name: str, folder: Path = QUERY_DIR) -> NamedQuery:
    path = folder / f"{name}.rq"
    if not path.exists():
        known = ", ".join(q.name for q in list_queries(folder))
        raise QueryError(f"no example query named {name!r}; known: {known}")
    return _parse_header(name, path.read_text(encoding="utf-8"))
