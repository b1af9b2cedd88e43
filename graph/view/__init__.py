"""View: what people see and take away from a built graph.

``explore`` gives the explorer's views plain data, ``render`` turns a subgraph into a pyvis
page (never imports streamlit), ``export`` writes RDF, GraphML and CSV files. May import every
stage up to ``analyse``; nothing in ``graph/`` imports it but the CLI.
"""
