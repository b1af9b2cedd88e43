"""Load the general vocabulary of ``data/lexicons/`` that the extraction stages read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..namespaces import ENTITY_TYPES
from ..paths import LEXICON_DIR

TASK_TITLE = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.．]|[((][一二三四五六七八九十\d]+[))])?\s*(?:持续|不断|全面|进一步|大力|着力|积极)?(?:优化|加强|推进|完善|营造|打造|建设|构建|深化|提升|强化|健全|改善|创新)")


class LexiconError(ValueError):
    """A lexicon line that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Endings:
    """Words a name may end with, looked up by the name's last characters (a few lengths)
    rather than by trying every word: the scan for names' starts asks thousands of times
    a plan. Of several words a name ends with, the first in the lexicon's list wins."""

    lengths: tuple[int, ...]
    words: dict[str, tuple[int, object]]  # word → (place in the list, what it gives)

    @classmethod
    def of(cls, listed) -> Endings:
        words: dict[str, tuple[int, object]] = {}
        for place, (word, value) in enumerate(listed):
            words.setdefault(word, (place, value))
        return cls(tuple(sorted({len(w) for w in words if w}, reverse=True)), words)

    def first(self, name: str):
        hits = [hit for k in self.lengths if k <= len(name) and (hit := self.words.get(name[-k:]))]
        return min(hits, key=lambda hit: hit[0])[1] if hits else None


@dataclass(frozen=True)
class Lexicon:
    suffixes: tuple[tuple[str, str], ...]  # (suffix, type), longest first
    standalone_suffixes: frozenset[str]  # suffixes that are a name alone (中科院)
    departments: tuple[str, ...]  # longest first
    boundary_words: frozenset[str]
    weak_boundary_words: tuple[str, ...]
    generic_words: frozenset[str]
    enumeration_heads: tuple[tuple[str, str], ...]
    section_roles: tuple[tuple[str, str], ...]
    provinces: tuple[str, ...]
    residue: tuple[re.Pattern, ...]
    user_entities: tuple[tuple[str, str], ...]
    abbreviations: tuple[tuple[str, str], ...]  # (long form, short form), longest first
    quoted_products: tuple[tuple[str, str], ...]
    status_heads: tuple[str, ...] = ()  # a status ends in these too (硕士授权单位, 示范高校)
    indicator_synonyms: tuple[tuple[str, str], ...] = ()  # (wording, indicator): one concept per quantity

    @cached_property
    def memo(self) -> dict:
        """Answers computed from this lexicon's words (a phrase's cover of common words), kept
        with it: a cache keyed on anything else could serve another lexicon's answers."""
        return {}

    @cached_property
    def max_boundary(self) -> int:
        return max(map(len, self.boundary_words), default=1)

    @cached_property
    def generic_or_suffix_words(self) -> frozenset[str]:
        """Words a class mention (省级重点实验室) is made of: generic words and type suffixes."""
        return self.generic_words | {suffix for suffix, _ in self.suffixes}

    @cached_property
    def max_generic(self) -> int:
        return max(map(len, self.generic_or_suffix_words), default=1)

    @cached_property
    def _suffix_endings(self) -> Endings:
        return Endings.of((suffix, (suffix, type_)) for suffix, type_ in self.suffixes)

    @cached_property
    def _department_endings(self) -> Endings:
        return Endings.of((dept, dept) for dept in self.departments)

    def suffix_type(self, name: str) -> tuple[str, str] | None:
        """Return (suffix, type) of the longest suffix the name ends with.

        >>> default_lexicon().suffix_type("嵩山实验室")
        ('实验室', 'Lab')
        """
        return self._suffix_endings.first(name)

    @cached_property
    def _status_endings(self) -> Endings:
        return Endings.of((head, (head, "Status")) for head in self.status_heads)

    def status_head(self, name: str) -> tuple[str, str] | None:
        """Return (head, "Status") when a status may end the name (高校, 单位, 专科)."""
        return self._status_endings.first(name)

    def department_suffix(self, name: str) -> str | None:
        return self._department_endings.first(name)

    def section_role(self, title: str) -> str | None:
        """The role of a section by its title (发展基础 → background), unless the title is a task
        (持续优化人才发展环境 sets out to improve it: a measure, not a description).

        >>> default_lexicon().section_role("一、发展基础"), default_lexicon().section_role("持续优化人才发展环境")
        ('background', None)
        """
        if TASK_TITLE.match(title):
            return None
        for keyword, role in self.section_roles:
            if keyword in title:
                return role
        return None


def _rows(path: Path, columns: int) -> list[tuple[str, ...]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("^") else line.rstrip()
        if not line.strip():
            continue
        parts = tuple(p.strip() for p in line.split("\t"))
        if len(parts) < columns or not all(parts[:columns]):
            raise LexiconError(f"{path}:{number}: expected {columns} tab-separated columns, got {line!r}")
        rows.append(parts)
    return rows


def _typed(path: Path) -> tuple[tuple[str, str], ...]:
    rows = [r[:2] for r in _rows(path, 2)]
    for name, type_ in rows:
        if type_ not in ENTITY_TYPES:
            raise LexiconError(f"{path}: {name!r} has type {type_!r}; use one of {', '.join(ENTITY_TYPES)}")
    return tuple(rows)


def _regexes(path: Path) -> tuple[re.Pattern, ...]:
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            patterns.append(re.compile(line.strip()))
        except re.error as exc:
            raise LexiconError(f"{path}:{number}: not a regular expression ({exc})") from exc
    return tuple(patterns)


def load_lexicon(folder: Path = LEXICON_DIR) -> Lexicon:
    """Read every lexicon file of a folder; a missing optional file counts as empty."""
    folder = Path(folder)

    def pairs(name: str) -> tuple[tuple[str, str], ...]:
        path = folder / name
        return tuple(r[:2] for r in _rows(path, 2)) if path.exists() else ()

    def words(name: str) -> list[str]:
        path = folder / name
        return [r[0] for r in _rows(path, 1)] if path.exists() else []

    def typed(name: str) -> tuple[tuple[str, str], ...]:
        path = folder / name
        return _typed(path) if path.exists() else ()

    by_length = lambda pairs: tuple(sorted(pairs, key=lambda p: -len(p[0])))
    return Lexicon(
        suffixes=by_length(typed("entity_suffixes.tsv")),
        standalone_suffixes=frozenset(
            r[0] for r in _rows(folder / "entity_suffixes.tsv", 2) if len(r) > 2 and r[2] == "standalone"
        ) if (folder / "entity_suffixes.tsv").exists() else frozenset(),
        departments=tuple(sorted(words("departments.tsv"), key=len, reverse=True)),
        boundary_words=frozenset(words("boundary_words.txt")),
        weak_boundary_words=tuple(sorted(words("weak_boundary_words.txt"), key=len, reverse=True)),
        generic_words=frozenset(words("generic_words.txt")),
        enumeration_heads=by_length(typed("enumeration_heads.tsv")),
        section_roles=pairs("section_roles.tsv"),
        provinces=tuple(words("provinces.txt")),
        residue=_regexes(folder / "residue.txt") if (folder / "residue.txt").exists() else (),
        user_entities=by_length(typed("user_entities.tsv")),
        abbreviations=by_length(pairs("abbreviations.tsv")),
        quoted_products=by_length(typed("quoted_products.tsv")),
        status_heads=tuple(sorted(words("status_heads.txt"), key=len, reverse=True)),
        indicator_synonyms=pairs("indicator_synonyms.tsv"),
    )


@lru_cache(maxsize=1)
def dictionary_words() -> dict[str, tuple[int, str]]:
    """jieba's dictionary of common Chinese words (word → frequency, part of speech), for words of
    two characters or more: the general resource that tells a common word (综合性, 平台) from a
    name's specific part, and a place's short form that is also a common word (中原, 长安)."""
    from importlib.resources import files

    words: dict[str, tuple[int, str]] = {}
    with (files("jieba") / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, tag = line.split()
            if len(word) >= 2:
                words[word] = (int(freq), tag)
    return _with_tags_corrected(words)


MISTAGGED_FREQUENCY = 1000
FEATURE_ENDS = "山河江湖海岛洲州国门城路街关寺宫殿园"  # a place or landmark's own last character: 长江, 中国, 天安门


def _with_tags_corrected(words: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """jieba tags some frequent common words as places or persons (普及/ns, 城市/ns, 智慧/nr, 上市/ns)
    and some places as common nouns (合肥/n): a word so tagged that is frequent, is no division the
    gazetteer knows and does not end like a place or landmark is read as a common noun, so it makes
    no name's specific part (科技普及和创新实践活动); a division's name that is no frequent word is a
    place (合肥综合性国家科学中心 is one centre)."""
    from .gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    for word, (freq, tag) in list(words.items()):
        known = gazetteer.knows(word)
        if tag in ("ns", "nr", "nrt") and freq >= MISTAGGED_FREQUENCY and word[-1] not in FEATURE_ENDS and not known:
            words[word] = (freq, "n")
        elif known and freq < COMMON_WORD_FREQUENCY and tag != "ns":
            words[word] = (freq, "ns")
    return words


COMMON_WORD_FREQUENCY = 1000  # a word this frequent in jieba's corpus is read as that word, not as a place's short form


def is_common_word(word: str) -> bool:
    """Is the word frequent enough in jieba's corpus to be read as a word?

    >>> is_common_word("中原"), is_common_word("洛龙")
    (True, False)
    """
    return dictionary_words().get(word, (0, ""))[0] >= COMMON_WORD_FREQUENCY


@lru_cache(maxsize=4)
def default_lexicon(folder: str | None = None) -> Lexicon:
    """The lexicon of ``data/lexicons/`` (or another folder), read once per process."""
    return load_lexicon(Path(folder) if folder else LEXICON_DIR)
