"""The printable guide: A4 and US Letter PDFs made from the content model with WeasyPrint.

`write_pdfs(guide, out_dir)` is all a build needs; `PDF_FILES` names the files for links.
"""

from generator.pdf.book import Book, Chapter, Part, build_book
from generator.pdf.fetcher import TEMPLATE_DIR, FetchRefused, LocalFetcher
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
