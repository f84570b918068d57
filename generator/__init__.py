"""Turns the guide's YAML content into a site, a PDF and two calculators.

Kept free of imports on purpose: the calculators subpackage also ships alone to the
browser (Pyodide), where none of the generator's build-time dependencies exist.
"""
