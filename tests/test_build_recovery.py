"""A killed or concurrent build never loses the site: leftovers are cleared, a half-done swap is
undone, two builds of one site take turns, and the PDF cache is written atomically."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from conftest import TODAY, rewrite
from generator.build import SITE_MARKER, build_site
from generator.errors import ContentErrors

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path, content_dir: Path) -> Path:
    from test_build import config_for

    config_for(content_dir)
    return tmp_path


def a_site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / SITE_MARKER).write_text("", encoding="utf-8")
    return folder


def test_a_crash_between_the_two_renames_is_undone_by_the_next_build(project: Path) -> None:
    """After `site -> .site-old-*` and before `.site-new-* -> site`, the project has no site/."""
    a_site(project / ".site-old-k1ll3d", "the previous build")
    a_site(project / ".site-new-h4lf", "a new build, never put in place")
    rewrite(project / "content", "recovery.yaml", lambda d: d["page"].update(title=""))
    with pytest.raises(ContentErrors):
        build_site(project / "mkdocs.yml", project / "site", today=TODAY)
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the previous build"
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".site")) == []


def test_a_build_clears_what_killed_builds_left_and_takes_turns_with_another(project: Path) -> None:
    site = a_site(project / "site", "the previous build")
    a_site(project / ".site-new-k1ll3d", "half a build")
    (project / ".site-old-k1ll3d").mkdir()
    held = os.open(project, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # another build of this site is under way
        errors: list[BaseException] = []
        builder = threading.Thread(
            target=lambda: _capture(errors, lambda: build_site(project / "mkdocs.yml", site, today=TODAY)))
        builder.start()
        time.sleep(3)
        assert builder.is_alive(), "the build did not wait for the one under way"
        assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"
        # Nothing started beside the other build's folders, and nothing of theirs was touched.
        assert sorted(path.name for path in project.iterdir() if path.name.startswith(".site")) == [
            ".site-new-k1ll3d", ".site-old-k1ll3d"]
    finally:
        os.close(held)
    builder.join(timeout=600)
    assert errors == []
    assert "the previous build" not in (site / "index.html").read_text(encoding="utf-8")
    leftovers = sorted(path.name for path in project.iterdir() if path.name.startswith(".site"))
    assert leftovers == []


def _capture(errors: list[BaseException], work) -> None:  # noqa: ANN001
    try:
        work()
    except BaseException as error:  # noqa: BLE001 - reported by the test's thread
        errors.append(error)


def test_git_ignores_the_build_leftovers() -> None:
    import subprocess

    from conftest import ROOT

    names = [".site-new-abc123/index.html", ".site-old-abc123/index.html"]
    result = subprocess.run(["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.stdout.split() == names


class _Interleaved(Future):  # type: ignore[type-arg]
    """A finished render whose result, when first read, lets another job write first."""

    def __init__(self, data: bytes, meanwhile=None) -> None:  # noqa: ANN001
        super().__init__()
        self.set_result(data)
        self.meanwhile = meanwhile

    def result(self, timeout: float | None = None) -> bytes:
        if self.meanwhile:
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile()
        return super().result(timeout)


def _job(cache_entry: Path, futures: dict[str, Future]):  # noqa: ANN202
    from generator.pdf.background import PdfJob

    job = PdfJob.__new__(PdfJob)
    job._cached = cache_entry
    job._pool = None
    job._futures = futures
    return job


def test_two_builds_writing_the_same_pdfs_into_the_cache_at_once_both_succeed(tmp_path: Path) -> None:
    from generator.pdf import PDF_FILES

    entry = tmp_path / "cache" / "0123abcd"
    names = list(PDF_FILES)
    second = _job(entry, {name: _Interleaved(f"pdf {name}".encode()) for name in names})
    out_second = tmp_path / "second"
    out_second.mkdir()
    first = _job(entry, {
        names[0]: _Interleaved(f"pdf {names[0]}".encode()),
        names[1]: _Interleaved(f"pdf {names[1]}".encode(), meanwhile=lambda: second.write(out_second)),
    })
    out_first = tmp_path / "first"
    out_first.mkdir()
    first.write(out_first)
    for folder in (entry, out_first, out_second):
        assert {path.name: path.read_bytes() for path in folder.iterdir()} == {
            name: f"pdf {name}".encode() for name in names}
    assert sorted(path.name for path in entry.parent.iterdir()) == [entry.name]


def test_a_render_that_stopped_is_a_pdf_error_naming_the_file(tmp_path: Path) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from generator.pdf import PDF_FILES, PdfError

    broken: Future = Future()
    broken.set_exception(BrokenProcessPool("A child process terminated abruptly"))
    names = list(PDF_FILES)
    job = _job(tmp_path / "cache" / "0123abcd", {names[0]: broken, names[1]: _Interleaved(b"pdf")})
    with pytest.raises(PdfError, match=rf"^rendering {names[0]} failed: BrokenProcessPool: A child process terminated abruptly$"):
        job.write(tmp_path)


def test_two_builds_of_one_site_at_once_both_succeed(project: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    command = [sys.executable, "-m", "generator", "build", "--config", str(project / "mkdocs.yml"),
               "--site-dir", str(project / "site"), "--today", TODAY.isoformat()]
    builds = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    results = [(build.wait(timeout=900), build.communicate()[1]) for build in builds]
    assert [code for code, _ in results] == [0, 0], results
    assert (project / "site" / SITE_MARKER).is_file() and (project / "site" / "sw.js").is_file()
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".site")) == []
