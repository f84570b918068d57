"""The service worker's version and cache list, and the Content-Security-Policy the site ships."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.offline import site_version, write_service_worker
from generator.security import CONTENT_SECURITY_POLICY, write_headers_file


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for name, text in {
        "index.html": "home",
        "causes/index.html": "causes",
        "assets/stylesheets/guide.css": "css",
        "assets/pyodide/pyodide.asm.wasm": "wasm",
        "assets/javascripts/calculator-worker.js": "worker",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "guide.pdf": "pdf",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def listed(script: str, name: str) -> list[str]:
    match = re.search(rf"const {name} = (\[.*?\]);", script, re.DOTALL)
    assert match
    return json.loads(match.group(1))


def precache_of(script: str) -> list[str]:
    return listed(script, "PRECACHE")


def test_pages_and_assets_are_precached_but_not_the_runtime_or_pdfs(small_site: Path) -> None:
    script = write_service_worker(small_site).read_text(encoding="utf-8")
    assert precache_of(script) == ["assets/stylesheets/guide.css", "causes/", "./"]
    # The calculators' runtime is cached only when a calculator page asks for it.
    assert listed(script, "RUNTIME") == ["assets/javascripts/calculator-worker.js", "assets/pyodide/pyodide.asm.wasm"]


def test_the_version_changes_with_any_file_and_only_then(small_site: Path) -> None:
    first = site_version(small_site)
    assert site_version(small_site) == first
    (small_site / "assets/pyodide/pyodide.asm.wasm").write_text("new runtime", encoding="utf-8")
    second = site_version(small_site)
    assert second != first
    script = write_service_worker(small_site).read_text(encoding="utf-8")
    assert f'const VERSION = "{second}";' in script
    assert site_version(small_site) == second  # sw.js itself is not part of the version


def test_old_caches_are_deleted_on_activate(small_site: Path) -> None:
    script = write_service_worker(small_site).read_text(encoding="utf-8")
    assert 'name.startsWith("guide-") && name !== CACHE' in script
    assert "caches.delete(name)" in script


def test_the_policy_allows_nothing_from_elsewhere_and_no_inline_script() -> None:
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["worker-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    for value in directives.values():
        assert "unsafe-inline" not in value
        assert "http" not in value and "*" not in value


def test_headers_file_sends_the_same_policy_for_every_path(tmp_path: Path) -> None:
    text = write_headers_file(tmp_path).read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["/*", f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}"]


def test_built_pages_carry_the_policy_and_no_inline_script(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">' in html, page
        inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")[^>]*>", html)
        assert inline == [], page
        assert not re.search(r"\son[a-z]+=", html), page  # no inline event handlers
