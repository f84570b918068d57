"""The post-build step, for whichever engine built the pages: runtime, headers, PDFs, service worker,
and the pre-compressed copies a static host can serve.

It runs on a folder of built pages, so it needs neither MkDocs nor Zensical.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from generator.runtime import assets as runtime_assets
from generator.site.compress import write_compressed
from generator.site.minify import write_minified
from generator.site.offline import write_service_worker
from generator.site.security import CONTENT_SECURITY_POLICY, write_headers_file


class Pdfs(Protocol):
    def write(self, out_dir: Path) -> list[Path]: ...


def finish_site(site_dir: Path, pdfs: Pdfs | None, offline: bool = True,
                policy: str = CONTENT_SECURITY_POLICY) -> None:
    """Add the calculators' runtime and `_headers`; then the PDFs and `sw.js`, when asked for.

    `policy` is the one the pages' meta tags carry (the published one, or Zensical's).
    The service worker comes after every page and asset (its version hashes them); our own
    scripts and stylesheets are minified before it, and the compressed copies come last, made
    from the final files (a published build only).
    """
    runtime_assets.write_runtime(site_dir)
    headers = write_headers_file(site_dir)
    if policy != CONTENT_SECURITY_POLICY:
        text = headers.read_text(encoding="utf-8")
        headers.write_text(text.replace(f": {CONTENT_SECURITY_POLICY}\n", f": {policy}\n", 1), encoding="utf-8")
    if pdfs is not None:
        pdfs.write(site_dir)
    if offline:
        write_minified(site_dir)
        write_service_worker(site_dir)
        write_compressed(site_dir)
