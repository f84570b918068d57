"""The printable guide: A4 and US Letter PDFs made from the content model with WeasyPrint.

`write_pdfs(guide, out_dir)` is all a build needs; `PDF_FILES` names the files for links.
WeasyPrint is imported only when a PDF is rendered (the fetcher here, the renderer inside
`render_pdfs`): a site build puts its pages in place before it needs it.
"""

from typing import Any

from generator.pdf.book import Book, Chapter, Part, build_book
from generator.pdf.render import (
    LANG,
    PAPER_SIZES,
    PDF_FILES,
    PDF_VARIANT,
    DuplicateAnchor,
    PaperSize,
    PdfError,
    render_html,
    render_pdfs,
    write_pdfs,
)
from generator.pdf.templates import TEMPLATE_DIR

__all__ = [
    "LANG",
    "PAPER_SIZES",
    "PDF_FILES",
    "PDF_VARIANT",
    "TEMPLATE_DIR",
    "Book",
    "Chapter",
    "DuplicateAnchor",
    "FetchRefused",
    "LocalFetcher",
    "PaperSize",
    "Part",
    "PdfError",
    "build_book",
    "render_html",
    "render_pdfs",
    "write_pdfs",
]


def __getattr__(name: str) -> Any:
    """The fetcher's names, loaded (with WeasyPrint) on first use."""
    if name in ("FetchRefused", "LocalFetcher"):
        from generator.pdf import fetcher

        return getattr(fetcher, name)
    raise AttributeError(f"module 'generator.pdf' has no attribute {name!r}")
