"""The build's PDF job: parallel renders identical to write_pdfs, reused while nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, TODAY, rewrite
from generator.content.load import load_guide
from generator.pdf import write_pdfs
from generator.pdf.background import PdfJob

pytestmark = pytest.mark.slow


def test_parallel_renders_match_write_pdfs_and_are_reused(tmp_path: Path, content_dir: Path) -> None:
    guide = load_guide(ROOT / "content", today=TODAY)
    cache = tmp_path / "cache"
    first = PdfJob(guide, cache_dir=cache)
    assert not first.from_cache
    (tmp_path / "a").mkdir()
    written = first.write(tmp_path / "a")
    reference = write_pdfs(guide, tmp_path / "reference")
    assert [path.read_bytes() for path in written] == [path.read_bytes() for path in reference]

    again = PdfJob(guide, cache_dir=cache)
    assert again.from_cache
    (tmp_path / "b").mkdir()
    assert [p.read_bytes() for p in again.write(tmp_path / "b")] == [p.read_bytes() for p in written]

    rewrite(content_dir, "recovery.yaml", lambda d: d["page"].update(title="Recovery, changed"))
    changed = PdfJob(load_guide(content_dir, today=TODAY), cache_dir=cache)
    assert not changed.from_cache
    changed.cancel()


def test_a_job_not_started_renders_nothing_until_it_is_written(tmp_path: Path) -> None:
    guide = load_guide(ROOT / "content", today=TODAY)
    job = PdfJob(guide, cache_dir=tmp_path / "cache", start=False)
    assert not job.from_cache
    assert job._pool is None  # noqa: SLF001 - no worker process yet
    job.start()
    assert job._pool is not None  # noqa: SLF001
    job.cancel()
