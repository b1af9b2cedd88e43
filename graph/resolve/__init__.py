"""Resolve: which mentions name the same real-world entity, within a plan and across plans.

``identities`` scopes names to their city or province, gives names that differ only by a
standard abbreviation one key, takes aliases and makes one Entity per key; ``rules`` reads
the user's corrections (data/aliases.csv: merge, keep apart). May import the foundation,
``vocabulary``, ``ingest`` and ``extract``.
"""

from .identities import (
    Entity,
    IdentityTally,
    PlanIdentities,
    Resolution,
    combine_identities,
    identity_key,
    indicator_key,
    resolve,
    resolve_plan,
    scope_name,
)
from .rules import AliasRules, load_alias_rules

__all__ = ["AliasRules", "Entity", "IdentityTally", "PlanIdentities", "Resolution", "combine_identities", "identity_key",
           "indicator_key", "load_alias_rules", "resolve", "resolve_plan", "scope_name"]
