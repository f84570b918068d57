"""Turns the guide's YAML content into a site, a PDF and the calculators' browser runtime.

By area: `content` (the content model: read, validate, check), `site` (pages, widgets, the
MkDocs hook, offline and security), `pdf`, `runtime` (the calculators' wheel and snapshot for
Pyodide). The calculators themselves are the separate package `runners_back_calculators`.
"""
