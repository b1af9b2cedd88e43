"""Corpus-wide summaries kept beside a store: what the explorer's overview, target comparison
and workload views show, computed during the build instead of by a scan of the store.

At a few thousand plans (15M triples) the queries behind these views read whole predicates
and take 15-40 s; their answers change only when plans do. So each plan's share is taken
from its own triples while it is built (``plan_summary``, in the worker, kept with the plan's
identities), and the corpus summary is recombined from the plans' shares and the shared
graph whenever the store is published (``combine``): an unchanged plan costs nothing, and
the summary belongs to the generation it describes, so it is never older than the graph.
Without a kept summary (a graph in memory, a remote store) every answer is computed by
SPARQL instead (``graph/view/explore.py``), and tests check that both give the same answers.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph

from ..namespaces import ENTITY_TYPES, IG, NIF, PROV, RELATION_PROPERTIES
from .results import plain_value

SUMMARY = "summary.json"
SUMMARY_FORMAT = 2  # raise when a summary's content changes, so kept ones are not read
PLAN_CLASSES = ("Plan", "Section", "Measure", "Target", "Mention")  # nodes of one plan's graph
SHARED_CLASSES = ("Indicator", *ENTITY_TYPES, "Place")  # nodes of the shared graph
COUNTED_CLASSES = (*PLAN_CLASSES, *SHARED_CLASSES)  # what graph_stats counts, in its order
COUNTED_PROPERTIES = ("responsibleFor", "leads", "mentions", "cites")  # facts of one plan
TARGET_FIELDS = {IG.targetYear: "year", IG.targetValue: "value", IG.unit: "unit", IG.qualifier: "qualifier",
                 IG.baselineValue: "baseline", IG.baselineYear: "baselineYear"}


@lru_cache(maxsize=1)
def _predicate_kinds() -> tuple[dict, dict, dict, dict]:
    """The terms plan_summary looks for, made once: a namespace's attribute makes a new term
    on every access, which cost half a worker's time when asked of every triple."""
    single = {RDF.type: "type", IG.mentionedIn: "mentionedIn", IG.inPlan: "inPlan", IG.hasTarget: "hasTarget",
              IG.indicator: "indicator", PROV.wasDerivedFrom: "derived", NIF.sentence: "sentence",
              NIF.anchorOf: "anchor", IG.cityName: "city", RDFS.label: "label"}
    return ({IG[c]: c for c in PLAN_CLASSES}, {IG[p]: p for p in COUNTED_PROPERTIES},
            {IG[p]: p for p in RELATION_PROPERTIES}, single)


def plan_summary(triples: Iterable[tuple]) -> dict:
    """One plan's share of the summaries, from the triples of its graph (plain JSON data)."""
    classes: dict[str, set] = defaultdict(set)
    properties: dict[str, set] = defaultdict(set)
    relations, mentioned = set(), set()
    plan = None
    in_plan, labels, cities, has_target, indicator_of = {}, {}, {}, set(), {}
    fields, derived, sentence, anchor = defaultdict(dict), defaultdict(set), defaultdict(set), {}
    names, counted, related, single = _predicate_kinds()
    for s, p, o in triples:
        kind = single.get(p)
        if kind is None:
            if p in counted:
                properties[counted[p]].add((str(s), str(o)))
            elif p in related:
                relations.add((str(s), related[p], str(o)))
            elif p in TARGET_FIELDS:
                fields[str(s)][TARGET_FIELDS[p]] = plain_value(o)
        elif kind == "type":
            if o in names:
                classes[names[o]].add(str(s))
                if names[o] == "Plan":
                    plan = str(s)
        elif kind == "mentionedIn":
            mentioned.add(str(s))
        elif kind == "inPlan":
            in_plan[str(s)] = str(o)
        elif kind == "hasTarget":
            has_target.add((str(s), str(o)))
        elif kind == "indicator":
            indicator_of[str(s)] = str(o)
        elif kind == "derived":
            derived[str(s)].add(str(o))
        elif kind == "sentence":
            sentence[str(s)].add(str(o))
        elif kind == "anchor":
            anchor[str(s)] = str(o)
        elif kind == "city":
            cities[str(s)] = str(o)
        elif kind == "label":
            labels[str(s)] = str(o)
    duties, leads = properties["responsibleFor"], properties["leads"]
    rows = []
    for target in sorted(t for owner, t in has_target if owner == plan and t in indicator_of):
        indicator = indicator_of[target]
        texts = [anchor[sn] for ev in derived.get(target, ()) for sn in sentence.get(ev, ()) if sn in anchor]
        rows.append([target, indicator, *(fields[target].get(k) for k in TARGET_FIELDS.values()), min(texts, default="")])
    return {
        "plan": plan, "title": labels.get(plan), "city": cities.get(plan),
        "classes": {c: len(v) for c, v in classes.items()},
        "properties": {p: len(v) for p, v in properties.items()},
        "relations": sorted(relations),
        "mentioned": sorted(mentioned),
        "duties": sorted([body, measure, (body, measure) in leads] for body, measure in duties if in_plan.get(measure) == plan),
        "targets": rows,
    }


class SummaryTally:
    """The corpus summary, added up one plan's share at a time (no plan is held), finished
    with the shared graph's labels and types once every plan is in."""

    def __init__(self) -> None:
        self.stats: Counter = Counter()
        self.relations: set[tuple] = set()
        self.duty_plans: dict[str, int] = {}
        self.measures, self.led, self.body_plans = defaultdict(set), defaultdict(set), defaultdict(set)
        self.indicator_plans = defaultdict(set)
        self.mentioned: Counter = Counter()  # (city, entity) -> plans naming it there
        self.targets: list = []
        self.label: dict[str, str] = {}  # the shared graph's labels and types (see_shared)
        self.kind: dict[str, str] = {}

    def add(self, share: dict) -> None:
        self.stats.update(share["classes"])
        self.stats.update(share["properties"])
        self.relations.update(map(tuple, share["relations"]))
        plan = share["plan"]
        if share["duties"]:
            self.duty_plans[plan] = len({measure for _, measure, _ in share["duties"]})
        for body, measure, lead in share["duties"]:
            self.measures[body].add(measure)
            self.body_plans[body].add(plan)
            if lead:
                self.led[body].add(measure)
        self.mentioned.update((share["city"], entity) for entity in share["mentioned"])
        for target, indicator, *values, text in share["targets"]:
            self.indicator_plans[indicator].add(plan)
            if values[1] is not None and share["title"] is not None:  # what the targets query asks: a value, a titled plan
                self.targets.append([indicator, share["city"], plan, share["title"], *values, text])

    def see_shared(self, shared: Iterable[tuple]) -> None:
        """Take the labels and types of the shared graph's nodes, a part of it at a time."""
        types = {IG[c]: c for c in SHARED_CLASSES}
        for s, p, o in shared:
            if p == RDFS.label:
                self.label[str(s)] = str(o)
            elif p == RDF.type and o in types:
                self.kind[str(s)] = types[o]

    def result(self, triples: int) -> dict:
        """The corpus summary, once every plan and the whole shared graph have been seen."""
        label, kind = self.label, self.kind
        stats = self.stats + Counter(kind.values()) + Counter(p for _, p, _ in self.relations)
        stats["entities"] = sum(stats[t] for t in ENTITY_TYPES)
        stats["triples"] = triples
        by_city_type = Counter((city, kind[e]) for city, e in self.mentioned if kind.get(e) in ENTITY_TYPES)
        workload = [[b, label[b], len(ms), len(self.led[b]), len(self.body_plans[b])] for b, ms in self.measures.items() if b in label]
        indicators = [[i, label[i], len(ps)] for i, ps in self.indicator_plans.items() if i in label]
        targets = [[i, label[i], *rest] for i, *rest in self.targets if i in label]
        return {
            "format": SUMMARY_FORMAT,
            "stats": {k: stats.get(k, 0) for k in (*COUNTED_CLASSES, *RELATION_PROPERTIES, *COUNTED_PROPERTIES,
                                                   "entities", "triples")},
            "plans_with_duties": self.duty_plans,
            "workload": sorted(workload, key=lambda r: (-r[2], r[1], r[0])),
            "indicators": sorted(indicators, key=lambda r: (-r[2], r[1], r[0])),
            "targets": sorted(targets, key=lambda r: (r[1], _none_first(r[2]), _none_first(r[5]), r[3], r[0])),
            "entities_by_city": sorted(([city, t, n] for (city, t), n in by_city_type.items()),
                                       key=lambda r: (_none_first(r[0]), r[1])),
        }


def _none_first(value):
    return (value is not None, value if value is not None else 0)


def write_summary(generation: Path, summary: dict) -> None:
    """Write the summary into a generation being staged (published with it, by one rename)."""
    tmp = generation / (SUMMARY + ".tmp")
    tmp.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, generation / SUMMARY)


def kept_summary(graph: Graph) -> dict | None:
    """The summary kept with the generation a store dataset was opened at, if there is one."""
    generation = getattr(graph, "generation", None)
    return _read(str(generation / SUMMARY)) if generation is not None else None


@lru_cache(maxsize=2)
def _read(path: str) -> dict | None:
    try:
        summary = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return summary if summary.get("format") == SUMMARY_FORMAT else None
