"""Counts that summarise a graph: plans, entities by type, measures, targets, relations."""

from __future__ import annotations

from rdflib import Graph

from ..namespaces import ENTITY_TYPES, IG, RELATION_PROPERTIES
from ..query import count_triples, run_query
from ..query.summary import COUNTED_CLASSES, COUNTED_PROPERTIES, kept_summary

STATS_QUERY = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a ?c . VALUES ?c { %s } BIND(STRAFTER(STR(?c), "#") AS ?what) }
}
GROUP BY ?what
"""

RELATIONS_QUERY = """
SELECT ?what (COUNT(*) AS ?n) WHERE {
  SELECT DISTINCT ?s ?p ?o ?what WHERE { ?s ?p ?o . VALUES ?p { %s } BIND(STRAFTER(STR(?p), "#") AS ?what) }
}
GROUP BY ?what
"""  # distinct facts: two plans stating one relation hold one triple in two graphs


def graph_stats(graph: Graph) -> dict[str, int]:
    """Counts by class and by relation property, plus the number of triples (from the
    store's kept summary when it has one: these counts read every node of the corpus)."""
    if (summary := kept_summary(graph)) is not None:
        return dict(summary["stats"])
    classes = " ".join(f"<{IG[c]}>" for c in COUNTED_CLASSES)
    props = " ".join(f"<{IG[p]}>" for p in (*RELATION_PROPERTIES, *COUNTED_PROPERTIES))
    counts = dict.fromkeys((*COUNTED_CLASSES, *RELATION_PROPERTIES, *COUNTED_PROPERTIES), 0)
    for what, n in run_query(graph, STATS_QUERY % classes).rows:
        counts[what] = int(n)
    for what, n in run_query(graph, RELATIONS_QUERY % props).rows:
        counts[what] = int(n)
    counts["entities"] = sum(counts[t] for t in ENTITY_TYPES)
    counts["triples"] = count_triples(graph)  # on a remote store, innograph's own graphs only
    return counts


STAT_LABELS_ZH = {
    "Plan": "规划", "Section": "章节", "Measure": "措施", "Target": "量化指标", "Indicator": "指标概念", "Mention": "提及",
    "Lab": "实验室", "Park": "园区", "Firm": "企业", "University": "高校", "Institute": "科研院所", "Platform": "创新平台",
    "Program": "计划项目", "Department": "政府部门", "Fund": "基金", "Policy": "政策文件", "Place": "地区",
    "ledBy": "牵头单位", "participant": "参与单位", "supportedBy": "技术支持", "partnerOf": "共建单位", "locatedIn": "位于",
    "upgradeTo": "升级创建", "responsibleFor": "负责", "leads": "牵头负责", "mentions": "提及实体", "cites": "引用文件",
    "entities": "实体合计", "triples": "三元组",
}


def stat_label(key: str, lang: str = "zh") -> str:
    """A count's name in the explorer's language (the same words as its pages)."""
    return STAT_LABELS_ZH.get(key, key) if lang == "zh" else key
