"""Render the PDFs in worker processes while MkDocs builds the pages.

The PDFs take longer than the whole site, and each paper size is independent, so the build
starts one process per size as soon as the content is loaded and collects the bytes at the end.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from generator.model import Guide
from generator.pdf.render import PDF_FILES, render_html, render_pdfs


def _render_one(html: str, file_name: str) -> bytes:
    return render_pdfs(html, files=(file_name,))[file_name]


class PdfJob:
    """Both PDFs, under way in the background; `write` waits for them, `cancel` abandons them."""

    def __init__(self, guide: Guide) -> None:
        html = render_html(guide)
        # "spawn": a fresh interpreter, safe however many threads the parent runs (MkDocs, tests).
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(max_workers=len(PDF_FILES), mp_context=context)
        self._futures: dict[str, Future[bytes]] = {
            name: self._pool.submit(_render_one, html, name) for name in PDF_FILES
        }

    def write(self, out_dir: Path) -> list[Path]:
        """Wait for every PDF and write it into out_dir; a render error is raised here."""
        try:
            paths = []
            for name, future in self._futures.items():
                path = out_dir / name
                path.write_bytes(future.result())
                paths.append(path)
            return paths
        finally:
            self.cancel()

    def cancel(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
