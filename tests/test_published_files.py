"""Only what the model renders is published: stray files in content/ never reach the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from generator.build import build_site

pytestmark = pytest.mark.slow

STRAY = ["causes.yaml~", "guide.yaml.bak", "notes.txt", "draft.md", "photos/back.png", ".secret.env"]


def test_stray_files_in_content_are_neither_published_nor_precached(content_dir: Path) -> None:
    from test_build import config_for

    for name in STRAY:
        path = content_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("private: not for the site\n", encoding="utf-8")
    site = content_dir.parent / "site"
    build_site(config_for(content_dir), site, today=TODAY)
    published = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    leaked = [name for name in published
              if Path(name).name in {Path(stray).name for stray in STRAY} or name.startswith(("photos/", "draft"))]
    assert leaked == []
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert [name for name in STRAY if Path(name).name in worker] == []
    assert "index.html" in published and "causes/index.html" in published
