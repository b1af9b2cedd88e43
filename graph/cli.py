"""The ``innograph`` command line: each command is a few lines over the package."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .ingest.documents import DocumentError
from .resolve.rules import AliasFileError
from .store import StoreError
from .vocabulary.lexicon import LexiconError


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


def _graph(graph_file: str | None, store: str | None = None):
    """A graph file, a store (folder or sparql+http://…), or the default store of the bundled plans."""
    from .pipeline import default_graph
    from .store import load_graph, open_location

    if graph_file:
        return load_graph(graph_file)
    if store:
        return open_location(store)
    return default_graph()


LANG_OPTION = click.option("--lang", type=click.Choice(["zh", "en"]), default=lambda: os.environ.get("INNOGRAPH_LANG", "zh"),
                           show_default="INNOGRAPH_LANG, else zh", help="Language of labels, as in the explorer.")
STORE_OPTION = click.option("--store", "store", help="A store folder or a SPARQL endpoint (sparql+http://host:port/sparql).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="innograph")
def cli() -> None:
    """innograph: a knowledge graph of innovation entities in Chinese S&T plans."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Graph file; the format follows the extension (.ttl, .nt, .jsonld, .trig, .nq).")
@click.option("--store", "store", help="Bring this store (a folder, or sparql+http://…) up to date with exactly these plans.")
@click.option("--jobs", default=0, help="Worker processes for extraction (0: all cores).")
@click.option("--rebuild", is_flag=True, help="Redo every plan, even unchanged ones.")
@click.option("--skip-bad", is_flag=True, help="Skip plans that cannot be read instead of stopping.")
def build(paths: tuple[str, ...], out: str | None, store: str | None, jobs: int, rebuild: bool, skip_bad: bool) -> None:
    """Build the graph of exactly these plan files or folders (into a file, a store, or both)."""
    from rich.progress import Progress

    from .analyse import keep_entity_network
    from .analyse.stats import graph_stats
    from .pipeline import BuildError, build_store, update_store
    from .store import is_remote, open_location, open_store, rdf_format, save_graph

    if not out and not store:
        _fail("say where the graph goes: --out FILE, --store FOLDER or both")
    local = store is not None and not is_remote(store)
    try:
        if out:
            rdf_format(out)
        with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("extracting", total=None)
            options = {"jobs": jobs or None, "skip_bad": skip_bad, "progress": lambda k, n: bar.update(task, completed=k, total=n)}
            if local:
                report = build_store(store, paths, rebuild=rebuild, **options)
                dataset = open_store(store)
            else:
                dataset = open_location(store)
                report = update_store(dataset, paths, rebuild=rebuild, **options)
        if out:
            save_graph(dataset, out)
        if local:
            keep_entity_network(dataset, Path(store))
    except (BuildError, DocumentError, StoreError, LexiconError, AliasFileError) as exc:
        _fail(str(exc))
    s = graph_stats(dataset)
    where = ", ".join(x for x in (out, store) if x)
    click.echo(f"{where}: {s['Plan']} plans, {s['entities']} entities, {s['Measure']} measures, {s['Target']} targets, "
               f"{s['triples']} triples ({report})")


@cli.command()
@click.argument("sparql", required=False)
@click.option("--name", "name", help="Run an example query by name (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the example queries.")
@click.option("--param", "params", multiple=True, help="A value for a query parameter, as name=value.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False), help="A graph file instead of the default graph.")
@STORE_OPTION
@click.option("--timeout", default=60.0, show_default=True, help="Seconds the query may run before it is stopped.")
@click.option("--max-rows", default=1_000_000, show_default=True, help="Rows kept of the answer (a message says when there were more).")
@LANG_OPTION
def query(sparql: str | None, name: str | None, list_: bool, params: tuple[str, ...], fmt: str, graph_file: str | None,
          store: str | None, timeout: float, max_rows: int, lang: str) -> None:
    """Run SPARQL (text, @file or --name) on the default graph, in a worker stopped after --timeout."""
    from .pipeline import default_graph
    from .query import QueryError, get_query, list_queries
    from .query.sandbox import Limits, QuerySandbox
    from .store import DEFAULT_STORE

    if list_:
        for q in list_queries():
            click.echo(f"{q.name}\t{q.title(lang)}\t{q.about(lang)}")
        return
    bad = [p for p in params if "=" not in p]
    if bad:
        _fail(f"--param {bad[0]!r}: write it as name=value")
    try:
        if name:
            named = get_query(name)
            sparql = named.text
            missing = [p for p in named.required() if p not in dict(x.split("=", 1) for x in params if "=" in x)]
            if missing:
                _fail(f"query {name} needs --param {missing[0]}=VALUE" + (f" (and {', '.join(missing[1:])})" if missing[1:] else ""))
        elif sparql and sparql.startswith("@"):
            sparql = Path(sparql[1:]).read_text(encoding="utf-8")
        if not sparql:
            _fail("give a SPARQL query, @file.rq or --name NAME")
        bindings = dict(p.split("=", 1) for p in params)
        if not graph_file and not store:
            default_graph()
        sandbox = QuerySandbox(graph_file or store or str(DEFAULT_STORE), Limits(seconds=timeout, rows=max_rows, workers=1))
        try:
            result = sandbox.run_query(sparql, **bindings)
        finally:
            sandbox.close()
    except (QueryError, StoreError, OSError, ValueError) as exc:
        _fail(str(exc))
    if fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(result.records(), ensure_ascii=False, indent=1, default=str))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*result.columns)
        for row in result.rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)
        click.echo(f"{len(result.rows)} rows")
    if result.truncated:
        click.secho(f"only the first {max_rows:,} rows: there are more (--max-rows, or a LIMIT)", fg="yellow", err=True)


@cli.command()
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False), help="A graph file instead of the default graph.")
@STORE_OPTION
@LANG_OPTION
def stats(graph_file: str | None, store: str | None, lang: str) -> None:
    """Count plans, entities by type, measures, targets and relations."""
    from .analyse.stats import graph_stats

    try:
        counts = graph_stats(_graph(graph_file, store))
    except StoreError as exc:
        _fail(str(exc))
    from .analyse.stats import stat_label

    for key, value in counts.items():
        click.echo(f"{stat_label(key, lang)}\t{value}")


@cli.command()
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False), help="A graph file instead of the default graph.")
@STORE_OPTION
@click.option("--limit", default=50, show_default=True, help="Print at most this many violations.")
def validate(graph_file: str | None, store: str | None, limit: int) -> None:
    """Validate the graph against the SHACL shapes and list the violations."""
    from .analyse.validate import validate_graph

    try:
        conforms, violations = validate_graph(_graph(graph_file, store))
    except StoreError as exc:
        _fail(str(exc))
    if conforms:
        click.echo("The graph conforms to the shapes (ontology/shapes.ttl).")
        return
    for violation in violations[:limit]:
        click.echo(str(violation))
    more = f" (first {limit} shown)" if len(violations) > limit else ""
    _fail(f"{len(violations)} violation(s){more}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=7878, show_default=True)
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False), help="A graph file instead of the default graph.")
@STORE_OPTION
@click.option("--cors", is_flag=True, help="Let web pages of other origins query the endpoint (Access-Control-Allow-Origin: *).")
@click.option("--federation", is_flag=True, help="Allow SERVICE: queries that make the endpoint fetch other SPARQL servers.")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a query may run before it is stopped (503).")
@click.option("--memory-mb", default=4096, show_default=True, help="Memory a query may use before it is stopped.")
def serve(host: str, port: int, graph_file: str | None, store: str | None, cors: bool, federation: bool, timeout: float,
          memory_mb: int) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql (GET and POST)."""
    from .pipeline import default_graph
    from .query import QueryError
    from .query.endpoint import ENDPOINT_LIMITS, make_server
    from .query.sandbox import Limits
    from .store import DEFAULT_STORE

    try:
        if not graph_file and not store:
            default_graph()  # the bundled plans' store, brought up to date
        limits = Limits(seconds=timeout, memory_mb=memory_mb, workers=ENDPOINT_LIMITS.workers)
        server = make_server(graph_file or store or DEFAULT_STORE, host, port, cors=cors, federation=federation, limits=limits)
        server.RequestHandlerClass.sandbox.run_query("ASK { }")  # a first worker, and the store opens or says why not
    except (StoreError, QueryError) as exc:
        _fail(str(exc))
    click.echo(f"SPARQL endpoint: http://{host}:{server.server_port}/sparql (read-only; Ctrl-C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["turtle", "nt", "jsonld", "trig", "nquads", "graphml", "gexf", "csv"]),
              help="RDF (turtle, nt, jsonld, trig: one named graph per plan, nquads), a network (graphml, gexf) or csv tables.")
@click.option("--out", "out", required=True, type=click.Path(), help="The file to write (for csv: a folder).")
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False), help="A graph file instead of the default graph.")
@STORE_OPTION
def export(fmt: str, out: str, graph_file: str | None, store: str | None) -> None:
    """Export the graph as RDF, GraphML/GEXF (Gephi) or CSV tables."""
    from .query import QueryError
    from .view.export import ExportError, export_graph

    try:
        written = export_graph(_graph(graph_file, store), fmt, out)
    except (ExportError, StoreError, QueryError) as exc:
        _fail(str(exc))
    for path in written:
        click.echo(str(path))


@cli.command()
@click.option("--suspects", is_flag=True, help="List likely duplicates to review (see data/aliases.csv).")
@click.option("--type", "type_", help="Only entities of this type (Lab, Park, Firm, ...).")
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False), help="A graph file instead of the default graph.")
@STORE_OPTION
def entities(suspects: bool, type_: str | None, graph_file: str | None, store: str | None) -> None:
    """List entities, or with --suspects the pairs that may be one entity."""
    from .analyse.duplicates import ENTITIES_QUERY, find_suspects
    from .namespaces import ENTITY_TYPES
    from .query import run_query

    try:
        graph = _graph(graph_file, store)
    except StoreError as exc:
        _fail(str(exc))
    if suspects:
        found = [s for s in find_suspects(graph) if not type_ or s.type_a == type_]
        for s in found:
            click.echo(f"{s.type_a}\t{s.a}\t{s.b}\t{s.reason}\t[{s.plans_a}]\t[{s.plans_b}]")
        click.echo(f"{len(found)} pair(s); to decide, add 'merge' or 'keep_apart' lines to data/aliases.csv", err=True)
        return
    types = ", ".join(f"ig:{t}" for t in ENTITY_TYPES if not type_ or t == type_)
    for _, label, kind, plans, _ in run_query(graph, ENTITIES_QUERY % types).rows:
        click.echo(f"{kind}\t{label}\t{plans}")


@cli.command()
@click.argument("path", type=click.Path())
@click.option("--explain", is_flag=True, help="Print, sentence by sentence, what was found and which rule found it.")
def extract(path: str, explain: bool) -> None:
    """Extract one plan and print what was found (JSON, or --explain for reasons)."""
    from .extract import extract_document
    from .extract.explain import explain_lines
    from .ingest.documents import read_document

    try:
        ex = extract_document(read_document(path))
    except (DocumentError, LexiconError) as exc:
        _fail(str(exc))
    if explain:
        click.echo("\n".join(explain_lines(ex)))
        return
    out = {
        "metadata": ex.document.metadata.__dict__,
        "entities": [{"name": m.name, "type": m.type, "span": m.span, "rule": m.rule} for m in ex.mentions],
        "responsibilities": [{"body": r.body.name, "measure": r.measure, "lead": r.lead} for r in ex.responsibilities],
        "targets": [t.__dict__ for t in ex.targets],
        "relations": [{"subject": r.subject.name, "predicate": r.predicate, "object": r.object.name, "rule": r.rule} for r in ex.relations],
    }
    click.echo(json.dumps(out, ensure_ascii=False, indent=1, default=str))


def main() -> None:
    cli(prog_name="innograph")
