"""Render the PDFs in worker processes while MkDocs builds the pages, or reuse them.

The PDFs take longer than the whole site, and each paper size is independent, so the build
starts one process per size as soon as the content is loaded and collects the bytes at the end.
The bytes depend only on the print HTML, the print templates and fonts, and WeasyPrint's
version, so a build whose inputs have not changed reuses the PDFs of the last one.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

from generator.content.model import Guide
from generator.pdf.render import PDF_FILES, PdfError, render_html, render_pdfs
from generator.pdf.templates import TEMPLATE_DIR

CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "pdf"


def _render_one(html: str, file_name: str) -> bytes:
    return render_pdfs(html, files=(file_name,))[file_name]


def inputs_digest(html: str) -> str:
    """A digest of everything the PDFs' bytes depend on."""
    digest = hashlib.sha256(f"weasyprint {version('weasyprint')}\n".encode())
    digest.update(html.encode())
    for path in sorted(TEMPLATE_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _result(name: str, future: Future[bytes]) -> bytes:
    """A render's bytes; whatever stopped it (a WeasyPrint bug, a worker process killed) is a
    PdfError saying which file, so the build reports it instead of a traceback."""
    try:
        return future.result()
    except PdfError:
        raise
    except Exception as error:  # noqa: BLE001 - the boundary to another process and library
        raise PdfError(f"rendering {name} failed: {type(error).__name__}: {error}") from error


def _write_atomically(path: Path, data: bytes) -> None:
    """Another build may be reading `path` this moment: it sees the old bytes or the new, whole.
    (Both builds write the same bytes for the same digest, so which one wins does not matter.)"""
    prefix = f".{path.name}."
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=prefix, delete=False) as temp:
        temp.write(data)
    os.replace(temp.name, path)


class PdfJob:
    """Both PDFs, from the cache or under way in the background; `write` waits for them."""

    def __init__(self, guide: Guide, cache_dir: Path = CACHE_DIR, *, start: bool = True) -> None:
        """With `start` False, rendering waits for `start()` or `write()` (pages first: on 2 cores
        the renders would slow down the last steps of the pages)."""
        self._html = render_html(guide)
        self._cached = cache_dir / inputs_digest(self._html)
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[str, Future[bytes]] = {}
        self.from_cache = all((self._cached / name).is_file() for name in PDF_FILES)
        if start:
            self.start()

    def start(self) -> None:
        """Start rendering in the background, unless the PDFs are cached or already under way."""
        if self.from_cache or self._pool is not None:
            return
        # "spawn": a fresh interpreter, safe however many threads the parent runs (MkDocs, tests).
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(max_workers=len(PDF_FILES), mp_context=context)
        self._futures = {name: self._pool.submit(_render_one, self._html, name) for name in PDF_FILES}

    def write(self, out_dir: Path) -> list[Path]:
        """Wait for every PDF (a render error is raised here), write it to out_dir and the cache."""
        try:
            if not self._futures:
                self.start()
            if self._futures:
                self._cached.mkdir(parents=True, exist_ok=True)
                for name, future in self._futures.items():
                    _write_atomically(self._cached / name, _result(name, future))
            paths = []
            for name in PDF_FILES:
                shutil.copyfile(self._cached / name, out_dir / name)
                paths.append(out_dir / name)
            return paths
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
