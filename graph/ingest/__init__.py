"""Ingest: a file in any format and encoding becomes a ``Document``.

``readers`` turn .txt/.html/.docx/.pdf bytes into text, ``documents`` cleans it and names the
plan, ``metadata`` reads its city, issuer, dates and title, ``structure`` finds chapters,
sections, measures and table rows with their spans. May import the foundation and
``vocabulary``.
"""
