"""WeasyPrint's URL fetcher for the PDF: local files from the print templates only, never the network."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from generator.pdf.templates import TEMPLATE_DIR

_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".svg": "image/svg+xml"}


class FetchRefused(ValueError):
    """A resource the PDF may not load: not a file:// URL, or a file outside the allowed folders."""


class LocalFetcher(URLFetcher):
    """Serves file:// URLs inside `roots` and refuses everything else, before any I/O.

    Every URL asked for is kept in `requested`, so a test can see what the render tried to
    load. A refusal stops the render (fail_on_errors): a missing font or stylesheet must not
    silently become a PDF in a fallback font.
    """

    def __init__(self, roots: tuple[Path, ...] = (TEMPLATE_DIR,)) -> None:
        super().__init__(fail_on_errors=True)
        self.roots = tuple(root.resolve() for root in roots)
        self.requested: list[str] = []

    def local_path(self, url: str) -> Path:
        """The allowed file `url` names, or FetchRefused."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"refused to fetch {url!r}: the PDF only loads its own local files")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            allowed = ", ".join(str(root) for root in self.roots)
            raise FetchRefused(f"refused to fetch {url!r}: not inside {allowed}")
        if not path.is_file():
            raise FetchRefused(f"refused to fetch {url!r}: no such file")
        return path

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = self.local_path(url)
        content_type = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        headers = {"Content-Type": content_type} if content_type else {}
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers)

    def open(self, url: object, data: object = None, timeout: object = None) -> URLFetcherResponse:
        """urllib's entry point, routed through `fetch` so no opener can reach the network."""
        return self.fetch(getattr(url, "full_url", url))

    def __call__(self, url: str) -> URLFetcherResponse:
        return self.fetch(url)
