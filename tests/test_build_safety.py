"""A build replaces only a folder it built: never the project, content/, .git, home, or above them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from generator.build import SITE_MARKER, BuildError, build_site, check_site_dir


def snapshot_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, content_dir: Path) -> Path:
    """A copy of the project's shape: mkdocs.yml, content/, a .git folder and a notes file."""
    from test_build import config_for

    config_for(content_dir)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("precious", encoding="utf-8")
    return tmp_path


def unsafe_targets(project: Path) -> dict[str, Path]:
    home = project / "home"
    home.mkdir(exist_ok=True)
    (home / "letters.txt").write_text("precious", encoding="utf-8")
    unmarked = project / "photos"
    unmarked.mkdir(exist_ok=True)
    (unmarked / "cat.jpg").write_bytes(b"\xff\xd8")
    return {
        "the project root": project,
        "content/": project / "content",
        "inside content/": project / "content" / "site",
        ".git": project / ".git",
        "inside .git": project / ".git" / "site",
        "the home folder": home,
        "above the project": project.parent,
        "a folder it did not build": unmarked,
        "a file": project / "notes.txt",
    }


@pytest.mark.parametrize(
    "target",
    ["the project root", "content/", "inside content/", ".git", "inside .git", "the home folder",
     "above the project", "a folder it did not build", "a file"],
)
def test_a_build_refuses_to_replace_what_it_did_not_build(
    project: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_dir = unsafe_targets(project)[target]
    monkeypatch.setenv("HOME", str(project / "home"))
    before = snapshot_of(project)
    with pytest.raises(BuildError, match=r"^refusing to write the site to "):
        build_site(project / "mkdocs.yml", site_dir, today=TODAY)
    assert snapshot_of(project) == before
    assert not (project / "content" / "site").exists() and not (project / ".git" / "site").exists()


def test_the_cli_refuses_site_dir_dot_with_a_message_and_keeps_every_file(project: Path) -> None:
    before = snapshot_of(project)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", ".", "--today", TODAY.isoformat()],
        cwd=project, capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"build failed: refusing to write the site to {project}: it is the project folder "
        "(a build replaces only a folder it built, or makes a new one)"
    )
    assert "Traceback" not in result.stderr
    assert snapshot_of(project) == before


def test_an_empty_folder_or_one_it_built_may_be_replaced(project: Path) -> None:
    empty = project / "empty"
    empty.mkdir()
    built = project / "site"
    built.mkdir()
    (built / SITE_MARKER).write_text("", encoding="utf-8")
    for site_dir in (empty, built, project / "new-site", project / "out" / "deeper"):
        check_site_dir(site_dir, project / "mkdocs.yml", project / "content")


@pytest.mark.slow
def test_every_build_marks_its_site_so_the_next_one_may_replace_it(built_site: Path) -> None:
    assert (built_site / SITE_MARKER).is_file()
    check_site_dir(built_site, ROOT / "mkdocs.yml", ROOT / "content")


def test_a_site_inside_the_themes_folder_is_refused(project: Path) -> None:
    """The theme's files are all copied into the site: a site inside it would be published again."""
    theme = project / "overrides"
    theme.mkdir()
    with pytest.raises(BuildError, match=r": it is inside the theme's folder \("):
        check_site_dir(theme / "site", project / "mkdocs.yml", project / "content", theme)
