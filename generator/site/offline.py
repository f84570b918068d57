"""Offline use: a versioned service worker, written after everything else is in the site.

The worker's version is a hash of every file it may serve, so a new build installs a new
cache and removes the old one. Pages and their assets are cached, fetched fresh, when the worker
installs. The Pyodide runtime is cached only once a calculator page asks for it (so pages
without a calculator never cost its bytes), in a cache kept across versions where each file is
keyed by the sha256 of its bytes (listed here): a new build keeps what it did not change. PDFs
are cached the first time a reader opens them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

SERVICE_WORKER = "sw.js"
RUNTIME_PREFIXES = ("assets/pyodide/", "assets/javascripts/calculator")
"""The calculators' runtime: Pyodide, our wheel and snapshot, and the worker scripts."""
LAZY_PREFIXES = (*RUNTIME_PREFIXES, "assets/javascripts/lunr/")
"""Cached on first use, not at install: the runtime is large and needed only by the calculators;
lunr's language packs are not needed for an English site."""
LAZY_SUFFIXES = (".pdf", ".gz", ".br", ".map")
OPTIONAL_RUNTIME = "pyodide-snapshot-"
"""Runtime files kept only once the calculators fetched them (the fast-start snapshot, fetched
after a first answer, never with Save-Data): the rest is what a plain start needs offline."""


def _site_files(site_dir: Path) -> list[str]:
    """Every file a reader may ask for: not the worker itself, the headers file, or a
    compressed copy of another file (`x.js.gz` beside `x.js`: the host sends it for `x.js`)."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.name not in (SERVICE_WORKER, "_headers")
        and not (path.suffix in (".gz", ".br") and path.with_suffix("").is_file())
    )


def _precached(name: str) -> bool:
    return not name.startswith(LAZY_PREFIXES) and not name.endswith(LAZY_SUFFIXES)


def site_version(site_dir: Path) -> str:
    """A short hash of every file's name and bytes: changes whenever the build output does."""
    digest = hashlib.sha256()
    for name in _site_files(site_dir):
        digest.update(name.encode())
        digest.update(hashlib.sha256((site_dir / name).read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_service_worker(site_dir: Path) -> Path:
    """Write `sw.js` at the site root (its scope is the whole site)."""
    precache, runtime = [], {}
    for name in _site_files(site_dir):
        if name.startswith(RUNTIME_PREFIXES):
            runtime[name] = hashlib.sha256((site_dir / name).read_bytes()).hexdigest()
        if not _precached(name):
            continue
        if name.endswith("/index.html"):
            name = name.removesuffix("index.html")
        elif name == "index.html":
            name = "./"
        precache.append(name)
    env = Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined, autoescape=False)
    script = env.get_template("sw.js.j2").render(
        version=json.dumps(site_version(site_dir)),
        precache=json.dumps(precache, indent=1),
        runtime=json.dumps(runtime, indent=1),
        optional=json.dumps([name for name in runtime
                             if name.rsplit("/", 1)[-1].startswith(OPTIONAL_RUNTIME)]),
    )
    path = site_dir / SERVICE_WORKER
    path.write_text(script, encoding="utf-8")
    return path
