"""Pre-compressed copies beside text and WebAssembly files, for hosts that serve them."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli

from generator.site.compress import write_compressed

TEXT = ("<p>Run easy, then build up slowly.</p>\n" * 200).encode()


def test_gzip_and_brotli_copies_decode_to_the_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_bytes(TEXT)
    (site / "assets" / "app.wasm").write_bytes(bytes(range(256)) * 64)
    assert write_compressed(site, tmp_path / "cache") == 2
    for name in ("index.html", "assets/app.wasm"):
        data = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == data
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == data
        assert len((site / f"{name}.br").read_bytes()) < len(data)


def test_small_and_already_compressed_files_get_no_copy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "tiny.css").write_text("a{}", encoding="utf-8")
    (site / "guide.pdf").write_bytes(TEXT)
    noise = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(128))  # incompressible
    (site / "noise.js").write_bytes(noise)
    write_compressed(site, tmp_path / "cache")
    assert sorted(path.name for path in site.iterdir()) == ["guide.pdf", "noise.js", "tiny.css"]


def test_copies_are_cached_by_content_and_identical_on_a_rebuild(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_bytes(TEXT)
    cache = tmp_path / "cache"
    write_compressed(site, cache)
    first = (site / "page.html.br").read_bytes(), (site / "page.html.gz").read_bytes()
    assert len(list(cache.iterdir())) == 2
    (site / "page.html.br").unlink()
    (site / "page.html.gz").unlink()
    write_compressed(site, cache)
    assert ((site / "page.html.br").read_bytes(), (site / "page.html.gz").read_bytes()) == first
