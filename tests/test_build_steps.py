"""`generator build` in steps: what it says, and pages in place before PDFs that must be rendered anew."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build import config_for

from conftest import TODAY, rewrite
from generator.build import SITE_MARKER, BuildReport, PdfsFailed, build_site
from generator.pdf import background

pytestmark = pytest.mark.slow


class SlowPdfs:
    """Stands in for PdfJob: not cached, and it looks at the site while "rendering"."""

    fail = False
    last: SlowPdfs | None = None

    def __init__(self, guide: object, *, start: bool = True) -> None:
        self.from_cache = False
        self.started = start
        SlowPdfs.last = self

    def write(self, out_dir: Path) -> list[Path]:
        self.started = True
        if SlowPdfs.fail:
            raise RuntimeError("WeasyPrint gave up")
        paths = []
        for name in ("guide.pdf", "guide-letter.pdf"):
            (out_dir / name).write_bytes(b"new " + name.encode())
            paths.append(out_dir / name)
        return paths

    def cancel(self) -> None:
        pass


@pytest.fixture
def previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("", encoding="utf-8")
    (site / "guide.pdf").write_bytes(b"old guide.pdf")
    (site / "guide-letter.pdf").write_bytes(b"old guide-letter.pdf")
    return site


def test_pages_first_puts_the_new_pages_in_place_with_the_previous_pdfs_then_the_new_ones(
    content_dir: Path, previous_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "PdfJob", SlowPdfs)
    rewrite(content_dir, "causes.yaml", lambda d: d["page"].update(title="One new word"))
    seen = {}

    def on_pages(report: BuildReport) -> None:
        seen["causes"] = (previous_site / "causes" / "index.html").read_text(encoding="utf-8")
        seen["pdf"] = (previous_site / "guide.pdf").read_bytes()
        seen["line"] = report.pages_line
        seen["rendering"] = SlowPdfs.last is not None and SlowPdfs.last.started

    report = build_site(config_for(content_dir), previous_site, today=TODAY, pages_first=True, on_pages=on_pages)
    assert "One new word" in seen["causes"]
    assert seen["pdf"] == b"old guide.pdf"
    assert seen["rendering"] is False  # on 2 cores the renders would slow down the pages' last steps
    assert seen["line"].startswith("pages (mkdocs): ")
    assert seen["line"].endswith(" s, in place; PDFs: rendering (the previous ones meanwhile)")
    assert (previous_site / "guide.pdf").read_bytes() == b"new guide.pdf"
    assert (previous_site / "guide-letter.pdf").read_bytes() == b"new guide-letter.pdf"
    assert (previous_site / "sw.js").is_file()
    assert str(report).startswith("pages (mkdocs): ") and "; PDFs: rendered; total: " in str(report)
    assert sorted(path.name for path in previous_site.parent.iterdir()) == ["content", "mkdocs.yml", "site"]


def test_pdfs_failing_after_the_pages_leave_the_new_pages_and_the_previous_pdfs(
    content_dir: Path, previous_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "PdfJob", SlowPdfs)
    monkeypatch.setattr(SlowPdfs, "fail", True)
    rewrite(content_dir, "causes.yaml", lambda d: d["page"].update(title="One new word"))
    with pytest.raises(PdfsFailed) as error:
        build_site(config_for(content_dir), previous_site, today=TODAY, pages_first=True)
    assert str(error.value) == "the PDFs failed (WeasyPrint gave up): site/ has the new pages with the previous PDFs"
    assert "One new word" in (previous_site / "causes" / "index.html").read_text(encoding="utf-8")
    assert (previous_site / "guide.pdf").read_bytes() == b"old guide.pdf"
    assert sorted(path.name for path in previous_site.parent.iterdir()) == ["content", "mkdocs.yml", "site"]
