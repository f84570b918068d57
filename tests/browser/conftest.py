"""Browser fixtures: the built site over HTTP on 127.0.0.1, one Chromium for the session.

Every page a test opens records its requests and console messages; at the end of the test
every request must have gone to the site's own origin, and (unless the test expects failures)
no console error (a Content-Security-Policy violation is one), failed response or uncaught
exception may have happened. Responses carry the site's security headers.

WIDGET_TEST_SITE=path/to/site reuses an already built site instead of building one (handy
after `make site`: the browser tests then start in seconds).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator.site.security import HEADERS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--disable-default-apps", "--disable-extensions",
]
PYODIDE_START_TIMEOUT_MS = 90_000
"""Pyodide takes about 5 s to start here; a loaded CI machine gets a wide margin."""


def site_headers(site: Path) -> dict[str, str]:
    """The headers the site's `_headers` file gives every path (`/*`), or the published ones."""
    path = site / "_headers"
    if not path.is_file():
        return dict(HEADERS)
    headers: dict[str, str] = {}
    block = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            block = line.strip()
        elif block == "/*" and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name] = value.strip()
    return headers


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host that reads `_headers` would: with the strict policy
    (which, unlike the pages' meta tag, also binds the calculators' worker)."""

    headers_sent: dict[str, str] = HEADERS

    def end_headers(self) -> None:
        for name, value in self.headers_sent.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        pass


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    prebuilt = os.environ.get("WIDGET_TEST_SITE")
    if prebuilt:
        path = Path(prebuilt).resolve()
        assert (path / "assets" / "pyodide" / "pyodide-lock.json").is_file(), (
            f"WIDGET_TEST_SITE={prebuilt} is not a built site with the calculators' runtime")
        return path
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler_class = type("SiteHandler", (_QuietHandler,), {"headers_sent": site_headers(site_dir)})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), f"Debian's Chromium is needed at {CHROMIUM}"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Recorded:
    """What one page did: every request URL, console errors, uncaught exceptions."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def requested(self, fragment: str) -> list[str]:
        return [url for url in self.requests if fragment in url]


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[Callable[..., Recorded]]:
    """open_page(javascript=True, width=1280, expect_errors=False) -> Recorded (on a blank tab)."""
    contexts = []
    records: list[tuple[Recorded, bool]] = []

    def make(*, javascript: bool = True, width: int = 1280, height: int = 900,
             expect_errors: bool = False) -> Recorded:
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": height},
            service_workers="block",
        )
        context.set_default_timeout(PYODIDE_START_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        record = Recorded(page)
        context.on("request", lambda req: record.requests.append(req.url))
        context.on("response", lambda res: record.errors.append(f"HTTP {res.status}: {res.url}")
                   if res.status >= 400 else None)
        page.on("console", lambda msg: record.errors.append(f"console: {msg.text}")
                if msg.type == "error" else None)
        page.on("pageerror", lambda exc: record.errors.append(f"uncaught: {exc}"))
        records.append((record, expect_errors))
        return record

    yield make
    try:
        for record, expect_errors in records:
            foreign = [url for url in record.requests
                       if not url.startswith(base_url) and not url.startswith(("data:", "blob:"))]
            assert foreign == [], f"requests left the site's origin: {foreign}"
            if not expect_errors:
                assert record.errors == [], f"errors in the page: {record.errors}"
    finally:
        for context in contexts:
            context.close()
