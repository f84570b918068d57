"""`mkdocs serve` on a copy of the project's content, for the preview tests (HTTP and browser).

The launcher lives in benchmarks/preview.py, whose save-to-reload figure uses it too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import preview
from benchmarks.preview import ROOT, Preview, copy_project, fetch

__all__ = ["ROOT", "Preview", "copy_project", "fetch", "serving", "wait_for"]


@contextmanager
def serving(work: Path, ready_text: str = "<h1") -> Iterator[Preview]:
    """benchmarks.preview.serving, and no traceback from the server by the end."""
    with preview.serving(work, ready_text) as running:
        yield running
    assert "Traceback" not in running.stderr, running.stderr


def wait_for(url: str, text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")
