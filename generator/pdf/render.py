"""Rendering: the print book to HTML with Jinja2, then to one PDF per paper size with WeasyPrint."""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from generator.content.model import Guide
from generator.draw import figure_html
from generator.errors import GeneratorError
from generator.pdf.book import (
    OTHER_UNIT,
    UNIT_NAMES,
    WEEKDAYS,
    Book,
    build_book,
)
from generator.pdf.templates import TEMPLATE_DIR
from runners_back_calculators.formatting import converted, dose_text, long_date, number, tenths

if TYPE_CHECKING:
    from generator.pdf.fetcher import LocalFetcher

LANG = "en-GB"
"""The document language, in the HTML and so in the PDF catalogue."""

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with the PDF/UA-1 identification (WeasyPrint's support is experimental)."""


@dataclass(frozen=True)
class PaperSize:
    name: str
    """What a reader calls it: 'A4', 'US Letter'."""
    css: str
    """The CSS `size` keyword."""
    points: tuple[float, float]
    """Width and height in PDF points (1/72 inch)."""


PAPER_SIZES: dict[str, PaperSize] = {
    "A4": PaperSize("A4", "A4", (595.28, 841.89)),
    "US Letter": PaperSize("US Letter", "letter", (612.0, 792.0)),
}

PDF_FILES: dict[str, str] = {"guide.pdf": "A4", "guide-letter.pdf": "US Letter"}
"""Every PDF the build writes, by file name, with its paper size (a key of PAPER_SIZES)."""


class PdfError(GeneratorError, RuntimeError):
    """WeasyPrint reported a problem: the PDF would silently lose something, so none is written."""


class DuplicateAnchor(PdfError):
    """Two elements of the print HTML share an id, so a link or a page number would be wrong."""


@functools.cache  # one per process: `mkdocs serve` rebuilds reuse the compiled templates
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters.update(
        long_date=long_date, dose_text=dose_text, number=number, tenths=tenths
    )
    env.globals.update(converted=converted, other_unit=OTHER_UNIT, unit_names=UNIT_NAMES)
    env.globals["figures"] = lambda name, positions: Markup(figure_html(name, positions))
    return env


_ID = re.compile(r'\sid="([^"]*)"')


def check_anchors(html: str) -> None:
    """Every id once: content ids are unique already, this catches a generated one taking one."""
    seen: set[str] = set()
    for ident in _ID.findall(html):
        if ident in seen:
            raise DuplicateAnchor(f"the print HTML has two elements with id {ident!r}")
        seen.add(ident)


def render_html(guide: Guide, book: Book | None = None) -> str:
    """The print HTML of the whole guide (autoescaped), as WeasyPrint will lay it out."""
    book = book or build_book(guide)
    notes: list[str] = []
    for chapter in book.chapters:
        for part in chapter.parts:
            if part.kind == "progressions":
                for progression in part.item:
                    notes.extend(note for note in progression.plan["notes"] if note not in notes)
    html = _environment().get_template("guide.html").render(
        book=book,
        meta=guide.meta,
        lang=LANG,
        meta_levels=guide.warning_signs.levels,
        planner_defaults=guide.training_load.planner,
        plan_notes=notes,
        weekdays=WEEKDAYS,
    )
    check_anchors(html)
    return html


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_problems() -> Iterator[list[str]]:
    """WeasyPrint logs what it drops (a bad CSS rule, a font it could not load): collect it."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def render_pdfs(
    html: str, fetcher: LocalFetcher | None = None, files: tuple[str, ...] = tuple(PDF_FILES)
) -> dict[str, bytes]:
    """Every file of PDF_FILES as bytes, from one parsed HTML and stylesheet.

    Only the @page size differs between the files; the identifier is a hash of the HTML and
    the paper size and the dates come from the HTML, so the same content gives the same bytes.
    Raises PdfError if a resource was refused or WeasyPrint reported anything it dropped.
    """
    from weasyprint.urls import (
        FatalURLFetchingError,  # WeasyPrint loads only to render: a site build's pages come first
    )

    from generator.pdf.fetcher import LocalFetcher

    fetcher = fetcher or LocalFetcher()
    with _weasyprint_problems() as problems:
        try:
            pdfs = _render(html, fetcher, files)
        except FatalURLFetchingError as error:
            raise PdfError(f"{error}: {error.__cause__}") from error
    if problems:
        raise PdfError(_explain(problems, html))
    return pdfs


_NOTDEF = re.compile(
    r"\.notdef glyph rendered for Unicode string unsupported by fonts: .*\(U\+([0-9A-F]+)\)$", re.S
)
EXCERPT_AROUND = 40
"""Characters quoted either side of an undrawable one: enough for a writer to find the text."""


class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.texts.append(" ".join(data.split()))


def _shown(char: str) -> str:
    name = char if char.isprintable() else f"\\u{ord(char):04x}"
    return f'"{name}" (U+{ord(char):04X})'


def _explain(problems: list[str], html: str) -> str:
    """WeasyPrint's problems in a writer's words: an undrawable character is named with an
    excerpt of the text it is in (WeasyPrint says only which character)."""
    codes = [match[1] for message in problems if (match := _NOTDEF.match(message))]
    missing = list(dict.fromkeys(chr(int(code, 16)) for code in codes))
    others = [message for message in problems if not _NOTDEF.match(message)]
    lines = []
    if missing:
        parser = _TextNodes()
        parser.feed(html)
        for text in dict.fromkeys(parser.texts):
            chars = [char for char in missing if char in text]
            if not chars:
                continue
            at = text.index(chars[0])
            excerpt = text[max(0, at - EXCERPT_AROUND):at + EXCERPT_AROUND]
            named = ", ".join(map(_shown, chars))
            lines.append(f'the PDF fonts cannot draw {named}, in "{excerpt}"')
        if not lines:
            lines.append(f"the PDF fonts cannot draw {', '.join(map(_shown, missing))}")
    if others:
        lines.append("WeasyPrint reported:")
        lines.extend(f"  {message}" for message in others)
    return "\n".join(lines)


def _render(html: str, fetcher: LocalFetcher, files: tuple[str, ...]) -> dict[str, bytes]:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    style = CSS(filename=TEMPLATE_DIR / "guide.css", url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=TEMPLATE_DIR.as_uri() + "/", url_fetcher=fetcher)
    options = {"pdf_variant": PDF_VARIANT, "pdf_forms": True, "pdf_tags": True}
    pdfs: dict[str, bytes] = {}
    for file_name in files:
        size = PAPER_SIZES[PDF_FILES[file_name]]
        page = CSS(string=f"@page {{ size: {size.css}; }}", url_fetcher=fetcher, font_config=fonts)
        rendered = document.render(stylesheets=[style, page], font_config=fonts, **options)
        identifier = hashlib.sha256(f"{size.css}\n{html}".encode()).hexdigest()[:32].encode()
        pdfs[file_name] = rendered.write_pdf(pdf_identifier=identifier, **options)
    return pdfs


def write_pdfs(guide: Guide, out_dir: Path, fetcher: LocalFetcher | None = None) -> list[Path]:
    """Write every file of PDF_FILES into out_dir (made if missing); returns their paths.

    Args:
        guide: the validated content.
        out_dir: the folder for guide.pdf (A4) and guide-letter.pdf (US Letter).
        fetcher: the URL fetcher (a test passes its own to see what was loaded).
    """
    pdfs = render_pdfs(render_html(guide), fetcher)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for file_name, data in pdfs.items():
        path = out_dir / file_name
        path.write_bytes(data)
        paths.append(path)
    return paths
