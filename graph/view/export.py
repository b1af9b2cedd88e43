"""Write the graph for other tools: RDF formats, GraphML and GEXF (Gephi), CSV tables.

RDF goes through ``store.save_graph`` (TriG keeps one named graph per plan); GraphML and
GEXF are networkx's writers over the entity network; the CSV tables are internal queries.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..analyse import entity_network
from ..query import QUERY_DIR, QueryResult, get_query, run_query
from ..store import save_graph

RDF_FORMATS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "trig": ".trig", "nquads": ".nq"}
NETWORK_FORMATS = ("graphml", "gexf")
TABLES = ("entities", "relations", "responsibilities", "targets")
FORMATS = (*RDF_FORMATS, *NETWORK_FORMATS, "csv")


class ExportError(ValueError):
    """An export that cannot be written as asked; the message says why."""


EXPORT_EDGES = """
SELECT ?s ?p ?o ?label ?type ?sentence WHERE {
  VALUES ?prop { ig:ledBy ig:participant ig:supportedBy ig:partnerOf ig:locatedIn ig:upgradeTo ig:responsibleFor ig:leads }
  ?s ?prop ?o .
  BIND(STRAFTER(STR(?prop), "#") AS ?p)
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { ?o a ?t . FILTER(STRSTARTS(STR(?t), STR(ig:))) BIND(STRAFTER(STR(?t), "#") AS ?type) }
  OPTIONAL { ?st rdf:predicate ?prop ; rdf:subject ?s ; rdf:object ?o ; prov:wasDerivedFrom/nif:sentence/nif:anchorOf ?sentence }
}"""


def edge_id(subject: str, relation: str, obj: str) -> str:
    """An edge's id: its relation and a hash of the statement (GraphML wants ids unique in a file).

    >>> edge_id("urn:a", "ledBy", "urn:b")[:6], edge_id("urn:a", "ledBy", "urn:b") != edge_id("urn:a", "ledBy", "urn:c")
    ('ledBy-', True)
    """
    return f"{relation}-{hashlib.sha1(f'{subject} {relation} {obj}'.encode()).hexdigest()[:12]}"


def plain_network(graph: Graph) -> nx.MultiDiGraph:
    """The entity network as a directed multigraph GraphML and GEXF can hold: every stated
    relation and every duty an edge from subject to object (a lab ledBy a university, a park
    locatedIn a place, a body leads a measure), two relations between one pair two edges,
    each with its relation's name and the sentence it was read from. Attributes are text."""
    network = entity_network(graph, with_measures=True)
    plain = nx.MultiDiGraph()
    for node, data in sorted(network.nodes(data=True)):  # in IRI order: the same file from every store
        plain.add_node(node, label=data["label"], type=data["type"], plans="; ".join(sorted(data["plans"])),
                       aliases="; ".join(sorted(data.get("alt", ()))), sentence=data.get("sentence", ""))
    seen: dict[tuple[str, str, str], str] = {}
    for s, p, o, label, type_, sentence in sorted(run_query(graph, EXPORT_EDGES).rows, key=lambda row: tuple(map(str, row))):
        key = (s, p, o)
        if key not in seen or (sentence or "") < seen[key]:
            seen[key] = sentence or ""  # one edge per stated relation; its least sentence, the same every build
        for node, name, kind in ((o, label, type_),):
            if node not in plain:  # a status (国家技术创新中心) or measure the network leaves out
                plain.add_node(node, label=name or node, type=kind or "", plans="", aliases="", sentence="")
    for (s, p, o), sentence in sorted(seen.items()):
        if s in plain:  # the key is the edge's GraphML id, unique in the file and the same every build
            plain.add_edge(s, o, key=edge_id(s, p, o), relation=p, sentence=sentence)
    return plain


def export_tables(graph: Graph, folder: Path) -> list[Path]:
    """One CSV per table (entities, relations, responsibilities, targets) in a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        result = run_query(graph, get_query(table, QUERY_DIR / "tables").text)
        if "aliases" in result.columns:  # GROUP_CONCAT joins in no set order: the same cell from every store
            at = result.columns.index("aliases")
            rows = tuple(row[:at] + ("; ".join(sorted((row[at] or "").split("; "))),) + row[at + 1:] for row in result.rows)
            result = QueryResult(result.columns, rows)
        path = folder / f"{table}.csv"
        path.write_text(result.to_csv(), encoding="utf-8-sig")
        written.append(path)
    return written


def export_graph(graph: Graph, fmt: str, out: str | Path) -> list[Path]:
    """Write the graph in a format; returns the files written."""
    out = Path(out)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return export_tables(graph, out)
    if fmt in NETWORK_FORMATS:
        out.parent.mkdir(parents=True, exist_ok=True)
        network = plain_network(graph)
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(network, out)
        return [out]
    if out.suffix.lower() != RDF_FORMATS[fmt]:
        raise ExportError(f"{out}: a {fmt} file should end in {RDF_FORMATS[fmt]}")
    return [save_graph(graph, out)]
