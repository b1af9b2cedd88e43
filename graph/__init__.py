"""innograph: a knowledge graph of innovation entities built from Chinese local S&T plans.

The package follows a plan through its stages, one subpackage each, in this order:

``vocabulary`` (general words, China's divisions) → ``ingest`` (a file becomes a Document with
sections and measures) → ``extract`` (mentions, duties, targets, relations) → ``resolve`` (one
node per real-world entity) → ``build`` (IRIs and triples with provenance) → ``store`` (where
graphs are kept: folder generations, remote SPARQL stores, files) → ``query`` (named and typed
queries, bounded; the SPARQL endpoint) → ``analyse`` (networks, checks, counts) → ``view``
(what the explorer shows, exports). ``pipeline`` runs the stages from plans to a published
store; ``cli`` is the command line. Below every stage lie ``namespaces`` (every IRI and
prefix), ``model`` (the records passed between stages) and ``paths`` (where files are).

A module imports its own stage and those before it, never one after
(``tests/test_architecture.py``). The app and the CLI only call into the package.
"""
