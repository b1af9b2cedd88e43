"""The user's identity rules (data/aliases.csv): names to merge, names to keep apart.

``resolve.identities`` applies them at build; ``analyse.duplicates.find_suspects`` lists the pairs a user
may want to decide on.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import ALIASES_FILE


class AliasFileError(ValueError):
    """A line of data/aliases.csv that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class AliasRules:
    merge: dict = field(default_factory=dict)  # name -> the name it is merged into
    keep_apart: frozenset = frozenset()  # frozensets of two names

    def apart(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.keep_apart


def load_alias_rules(path: Path = ALIASES_FILE) -> AliasRules:
    """Read merge / keep_apart lines; a missing file means no rules."""
    path = Path(path)
    if not path.exists():
        return AliasRules()
    merge, apart = {}, set()
    lines = [ln for ln in path.read_text(encoding="utf-8-sig").splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for number, row in enumerate(csv.DictReader(lines), 2):
        name, other = (row.get("name") or "").strip(), (row.get("other") or "").strip()
        action = (row.get("action") or "").strip()
        if not name or not other or action not in ("merge", "keep_apart"):
            raise AliasFileError(f"{path}: line {number}: expected action (merge or keep_apart), name, other; got {row}")
        if action == "merge":
            keep, drop = (name, other) if len(name) >= len(other) else (other, name)
            merge[drop] = keep
        else:
            apart.add(frozenset((name, other)))
    return AliasRules(merge, frozenset(apart))
