"""Vocabulary: the general words and places every later stage reads.

``lexicon`` loads ``data/lexicons/`` (kind suffixes, department names, verbs) and jieba's
dictionary of common words; ``gazetteer`` knows China's divisions and their short forms.
Never a per-document list. May import only the foundation (``namespaces``, ``model``, ``paths``).
"""
