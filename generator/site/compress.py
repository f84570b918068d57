"""Pre-compressed copies beside the site's text and WebAssembly files, for hosts that serve them.

Static hosts that find `page.html.br` or `page.html.gz` beside `page.html` send it (with
Content-Encoding) to a browser that accepts it, instead of compressing on every request at a
lower level, or not at all. Brotli (quality 11) packs Pyodide's WebAssembly a quarter smaller
than gzip. Each copy is cached under `.cache/compressed/` by the sha256 of what it compresses,
so a rebuild compresses only what changed (the runtime, 14 MB of it, never does).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli

COMPRESSED_SUFFIXES = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".wasm",
                       ".zip")
"""Files worth compressing: text, WebAssembly, and Python's standard library, a zip of stored
bytecode (compressed whole, its 3.3 MB are 0.96 MB as brotli, against 1.4 MB deflated file by
file). Images, PDFs and the calculators' wheel (deflated) are compressed already."""

MIN_BYTES = 1024
"""Smaller files gain less than a compressed copy costs a host to look for."""

CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "compressed"


def _cached(data: bytes, suffix: str, make: object, cache_dir: Path) -> bytes:
    path = cache_dir / (hashlib.sha256(data).hexdigest() + suffix)
    try:
        return path.read_bytes()
    except OSError:
        packed = make(data)  # type: ignore[operator]
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(packed)
        partial.replace(path)  # atomic: a concurrent build never reads half a file
        return packed


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _brotli(data: bytes) -> bytes:
    return brotli.compress(data, quality=11)


def write_compressed(site_dir: Path, cache_dir: Path = CACHE_DIR) -> int:
    """Write `NAME.gz` and `NAME.br` beside each file worth compressing; return how many files.

    A copy that is not smaller than its file is not written (the host sends the file).
    """
    count = 0
    for path in sorted(Path(site_dir).rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSED_SUFFIXES:
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        for suffix, make in ((".gz", _gzip), (".br", _brotli)):
            packed = _cached(data, suffix, make, cache_dir)
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
        count += 1
    return count
