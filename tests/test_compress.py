"""Pre-compressed copies beside text and WebAssembly files, for hosts that serve them."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
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


def _zip(files: dict[str, bytes], compression: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_of_stored_files_gets_copies_smaller_than_deflating_each_file(tmp_path: Path) -> None:
    """Python's standard library ships as stored bytecode: compressed whole, what its modules
    share (names, constants) is packed once, not once per file."""
    files = {f"pkg/module_{n}.pyc": b"def plan(weeks, distance):\n    return weeks * distance\n" * 20
             + str(n).encode() for n in range(40)}
    site = tmp_path / "site"
    site.mkdir()
    (site / "python_stdlib.zip").write_bytes(_zip(files, zipfile.ZIP_STORED))
    assert write_compressed(site, tmp_path / "cache") == 1
    stored = (site / "python_stdlib.zip").read_bytes()
    assert brotli.decompress((site / "python_stdlib.zip.br").read_bytes()) == stored
    assert gzip.decompress((site / "python_stdlib.zip.gz").read_bytes()) == stored
    deflated = len(_zip(files, zipfile.ZIP_DEFLATED))
    assert len((site / "python_stdlib.zip.br").read_bytes()) < deflated / 4
    assert len((site / "python_stdlib.zip.gz").read_bytes()) < deflated / 2
