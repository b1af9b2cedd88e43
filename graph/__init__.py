"""innograph: a knowledge graph of innovation entities built from Chinese local S&T plans.

The package follows the data: readers/documents → structure → extract → resolve → build →
store → query/analyse → render. The app and the CLI only call into it.
"""
