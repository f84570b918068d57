"""The post-build step, for whichever engine built the pages: runtime, headers, PDFs, service worker.

It runs on a folder of built pages, so it needs neither MkDocs nor Zensical.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from generator.offline import write_service_worker
from generator.runtime_assets import write_runtime
from generator.security import write_headers_file


class Pdfs(Protocol):
    def write(self, out_dir: Path) -> list[Path]: ...


def finish_site(site_dir: Path, pdfs: Pdfs | None, offline: bool = True) -> None:
    """Add the calculators' runtime and `_headers`; then the PDFs and `sw.js`, when asked for.

    The service worker comes last: its version hashes every other file.
    """
    write_runtime(site_dir)
    write_headers_file(site_dir)
    if pdfs is not None:
        pdfs.write(site_dir)
    if offline:
        write_service_worker(site_dir)
