"""Only what the model renders is published: stray files in content/ never reach the site.

A visible stray file is a content error (the writer is told, and nothing is built); a hidden one
(an editor's swap file, a `.env`) is allowed by the check and still never published."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from generator.build import build_site
from generator.errors import ContentErrors

pytestmark = pytest.mark.slow

STRAY = ["causes.yaml~", "guide.yaml.bak", "notes.txt", "draft.md", "photos/back.png"]
HIDDEN = [".secret.env", ".causes.yaml.swp"]


def _write(content_dir: Path, names: list[str]) -> None:
    for name in names:
        path = content_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("private: not for the site\n", encoding="utf-8")


def test_visible_stray_files_in_content_stop_the_build_with_their_names(content_dir: Path) -> None:
    from test_build import config_for

    _write(content_dir, STRAY)
    site = content_dir.parent / "site"
    with pytest.raises(ContentErrors) as caught:
        build_site(config_for(content_dir), site, today=TODAY)
    named = sorted(Path(error.file).name for error in caught.value.errors)
    assert named == sorted(["causes.yaml~", "guide.yaml.bak", "notes.txt", "draft.md", "photos"])
    assert all("not a content file" in error.message for error in caught.value.errors)
    assert not site.exists()


def test_hidden_files_in_content_are_neither_published_nor_precached(content_dir: Path) -> None:
    from test_build import config_for

    _write(content_dir, HIDDEN)
    site = content_dir.parent / "site"
    build_site(config_for(content_dir), site, today=TODAY)
    published = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert [name for name in published if Path(name).name in HIDDEN] == []
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert [name for name in HIDDEN if name in worker] == []
    assert "index.html" in published and "causes/index.html" in published
