"""Analyse: what a built graph says as a whole, in plain data.

``network`` reads the entity network into networkx once; ``views`` takes searches,
neighbourhoods, paths and capped views from it; ``positions`` lays views out the same way on
every run; ``kept`` keeps the network beside a store for the explorer's first page.
``duplicates`` lists entities that may be one, ``validate`` checks the graph against the
SHACL shapes, ``stats`` counts what it holds. May import every stage up to ``query``.
"""

from .kept import keep_entity_network, keep_first_view, kept_entity_network, kept_first_view, stored_entity_network
from .network import NETWORK_FORMAT, entity_network
from .positions import LAYOUT_SCALE, LAYOUT_SEED, keep_default_layout, layout
from .views import (
    DEFAULT_CAP,
    STAR_POOL,
    STAR_SIZE,
    View,
    cap_nodes,
    capped_neighbourhood,
    degree_ranking,
    filter_network,
    find_nodes,
    neighbourhood,
    path_between,
)

__all__ = [
    "DEFAULT_CAP", "LAYOUT_SCALE", "LAYOUT_SEED", "NETWORK_FORMAT", "STAR_POOL", "STAR_SIZE", "View", "cap_nodes",
    "capped_neighbourhood", "degree_ranking", "entity_network", "filter_network", "find_nodes", "keep_default_layout",
    "keep_entity_network", "keep_first_view", "kept_entity_network", "kept_first_view", "layout", "neighbourhood",
    "path_between", "stored_entity_network",
]
