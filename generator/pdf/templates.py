"""Where the print templates live: a module of its own, so naming them loads no WeasyPrint."""

from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "pdf"
"""The print templates, stylesheet and bundled fonts (fonts/): the only files the PDF may load."""
