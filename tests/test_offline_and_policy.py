"""The service worker's version and cache list, and the Content-Security-Policy the site ships."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from generator.site.offline import site_version, write_service_worker
from generator.site.security import CONTENT_SECURITY_POLICY, write_headers_file


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
    runtime = json.loads(re.search(r"const RUNTIME = (\{.*?\});", script, re.DOTALL).group(1))
    assert runtime == {
        "assets/javascripts/calculator-worker.js": hashlib.sha256(b"worker").hexdigest(),
        "assets/pyodide/pyodide.asm.wasm": hashlib.sha256(b"wasm").hexdigest(),
    }


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


def test_guide_pages_fetch_the_widgets_script_from_their_head_not_after_materials_bundle(built_site: Path) -> None:
    # async in <head>: on a phone network the calculators' worker starts while Material's bundle
    # is still arriving (overrides/main.html); an embedded calculator has no bundle to wait for.
    pages = sorted(built_site.rglob("*.html"))
    embedded = [page for page in pages if "embed" in page.relative_to(built_site).parts]
    assert len(embedded) == 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="[^"]*widgets\.js"[^>]*></script>', html)
        assert len(scripts) == 1, page
        if page in embedded:
            assert scripts[0] in html.split("</main>")[1], page
            continue
        assert scripts[0].endswith('assets/javascripts/widgets.js" async fetchpriority="high"></script>'), page
        head, body = html.split("</head>")
        assert scripts[0] in head and "bundle." in body, page


# The worker itself, run in Node against a fake origin, HTTP cache and Cache API
# (tests/node/service_worker.mjs): what a reader's browser keeps across deploys.

WORKER_HARNESS = Path(__file__).resolve().parent / "node" / "service_worker.mjs"
WASM = "assets/pyodide/pyodide.asm.wasm"


def deploy(small_site: Path, tmp_path: Path, name: str, changes: dict[str, str]) -> tuple[Path, Path]:
    """A copy of small_site with `changes` (path -> text), its worker written; (site, sw.js)."""
    import shutil

    site = tmp_path / name
    shutil.copytree(small_site, site)
    for path, text in changes.items():
        (site / path).write_text(text, encoding="utf-8")
    return site, write_service_worker(site)


def run_worker(steps: list[dict[str, object]]) -> list[dict[str, object]]:
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "Node.js is needed to run the service worker"
    scenario = {"steps": [{**step, "site": str(step["site"]), "worker": str(step["worker"])} for step in steps]}
    result = subprocess.run([node, str(WORKER_HARNESS)], input=json.dumps(scenario), capture_output=True,
                            text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def pages_cache(report: dict[str, object]) -> dict[str, str]:
    caches = report["caches"]
    assert isinstance(caches, dict)
    versioned = [name for name in caches if name.startswith("guide-") and name != "guide-runtime"]
    assert len(versioned) == 1, caches
    return caches[versioned[0]]


def test_a_new_version_caches_fresh_pages_never_the_http_caches_old_ones(small_site: Path, tmp_path: Path) -> None:
    old, old_worker = deploy(small_site, tmp_path, "v1", {})
    new, new_worker = deploy(small_site, tmp_path, "v2", {"causes/index.html": "causes, revised"})
    first, second = run_worker([{"site": old, "worker": old_worker}, {"site": new, "worker": new_worker}])
    assert pages_cache(second)["causes/"] == "causes, revised"
    assert {request["cache"] for request in second["requests"]} <= {"no-cache", "reload"}


def test_the_runtime_survives_a_new_version_that_did_not_change_it(small_site: Path, tmp_path: Path) -> None:
    old, old_worker = deploy(small_site, tmp_path, "v1", {})
    new, new_worker = deploy(small_site, tmp_path, "v2", {"causes/index.html": "causes, revised"})
    first, second = run_worker([
        {"site": old, "worker": old_worker, "cache_runtime": True},
        {"site": new, "worker": new_worker, "offline_fetches": [WASM, "causes/"]},
    ])
    assert first["messages"] == [{"type": "runtime-cached"}]
    assert second["offline"] == {WASM: "wasm", "causes/": "causes, revised"}
    assert [request["url"] for request in second["requests"] if "pyodide" in request["url"]] == []


def test_a_changed_runtime_file_is_fetched_again_and_checked_against_its_hash(small_site: Path, tmp_path: Path) -> None:
    old, old_worker = deploy(small_site, tmp_path, "v1", {})
    new, new_worker = deploy(small_site, tmp_path, "v2", {WASM: "wasm, rebuilt"})
    first, second = run_worker([
        {"site": old, "worker": old_worker, "cache_runtime": True},
        # The HTTP cache still holds the old wasm: the worker must not keep it under the new hash.
        {"site": new, "worker": new_worker, "cache_runtime": True, "offline_fetches": [WASM]},
    ])
    assert second["offline"] == {WASM: "wasm, rebuilt"}
    runtime = second["caches"]["guide-runtime"]
    assert sorted(body for body in runtime.values()) == ["wasm, rebuilt", "worker"]  # the old wasm is gone


def test_a_file_cached_on_first_use_is_this_versions_not_the_http_caches(small_site: Path, tmp_path: Path) -> None:
    old, old_worker = deploy(small_site, tmp_path, "v1", {})
    new, new_worker = deploy(small_site, tmp_path, "v2", {"guide.pdf": "pdf, revised"})
    first, second = run_worker([
        {"site": old, "worker": old_worker, "online_fetches": ["guide.pdf"]},
        {"site": new, "worker": new_worker, "online_fetches": ["guide.pdf"], "offline_fetches": ["guide.pdf"]},
    ])
    assert first["online"] == {"guide.pdf": "pdf"}
    assert second["online"] == {"guide.pdf": "pdf, revised"}
    assert second["offline"] == {"guide.pdf": "pdf, revised"}
    assert pages_cache(second)["guide.pdf"] == "pdf, revised"


def test_compressed_copies_are_neither_precached_nor_runtime(small_site: Path) -> None:
    for name in ("causes/index.html", "assets/pyodide/pyodide.asm.wasm"):
        (small_site / f"{name}.gz").write_text("gz", encoding="utf-8")
        (small_site / f"{name}.br").write_text("br", encoding="utf-8")
    snapshot = "assets/pyodide/0123456789abcdef/pyodide-snapshot-0123456789abcdef.gz"
    (small_site / snapshot).parent.mkdir(parents=True)
    (small_site / snapshot).write_text("snapshot", encoding="utf-8")
    script = write_service_worker(small_site).read_text(encoding="utf-8")
    runtime = json.loads(re.search(r"const RUNTIME = (\{.*?\});", script, re.DOTALL).group(1))
    assert sorted(runtime) == [
        "assets/javascripts/calculator-worker.js", snapshot, "assets/pyodide/pyodide.asm.wasm"]
    assert not [name for name in precache_of(script) if name.endswith((".gz", ".br"))]
    # The snapshot is kept only once the calculators fetched it (never with Save-Data).
    assert re.search(r"const OPTIONAL = new Set\((\[.*?\])\);", script).group(1) == json.dumps(
        [snapshot])


def test_headers_file_gives_hashed_files_a_long_cache_life(tmp_path: Path) -> None:
    text = write_headers_file(tmp_path).read_text(encoding="utf-8")
    year = "  Cache-Control: public, max-age=31536000, immutable"
    assert text.split("\n")[5:] == [
        "/assets/pyodide/*/*", year,
        "/assets/javascripts/bundle.*.min.js", year,
        "/assets/javascripts/workers/search.*.min.js", year,
        "/assets/stylesheets/main.*.min.css", year,
        "/assets/stylesheets/palette.*.min.css", year,
        "/assets/pyodide/pyodide.asm.wasm", "  Content-Type: application/wasm",
        "",
    ]


def test_headers_file_names_the_type_of_every_webassembly_file_the_site_ships(built_site: Path) -> None:
    # Streaming compilation needs application/wasm; a host guessing from an unknown suffix sends
    # application/octet-stream, and the browser then waits for the whole file before compiling.
    typed = re.findall(r"^(/\S+)\n  Content-Type: application/wasm$",
                       (built_site / "_headers").read_text(encoding="utf-8"), re.MULTILINE)
    shipped = sorted("/" + p.relative_to(built_site).as_posix() for p in built_site.rglob("*.wasm"))
    assert shipped == ["/assets/pyodide/pyodide.asm.wasm"]
    assert typed == shipped


def test_the_runtime_the_page_fetched_is_kept_without_fetching_it_again(small_site: Path, tmp_path: Path) -> None:
    snapshot = "assets/pyodide/0123456789abcdef/pyodide-snapshot-0123456789abcdef.gz"
    (small_site / snapshot).parent.mkdir(parents=True)
    (small_site / snapshot).write_text("snapshot", encoding="utf-8")
    site, worker = deploy(small_site, tmp_path, "v1", {})
    # The calculators' worker kept the wasm as it arrived, and a copy of the worker script
    # that a host changed on the way (its sha256 is not this version's).
    [report] = run_worker([{"site": site, "worker": worker, "cache_runtime": True,
                            "fetched": {WASM: "wasm", "assets/javascripts/calculator-worker.js": "changed"},
                            "offline_fetches": [WASM]}])
    runtime_requests = [request for request in report["requests"]
                        if request["url"].startswith(("assets/pyodide", "assets/javascripts/calc"))]
    # The wasm is not fetched again; the changed copy is; the snapshot (optional) is not fetched.
    assert runtime_requests == [{"url": "assets/javascripts/calculator-worker.js", "cache": "force-cache"}]
    assert report["offline"] == {WASM: "wasm"}
    assert sorted(report["caches"]["guide-runtime"].values()) == ["wasm", "worker"]
    assert report["caches"]["guide-runtime-fetched"] == {}  # taken, not left behind
