"""While serving, pages whose Markdown is unchanged reuse the last build's HTML: a writer sees
exactly what a full conversion gives, and a page's warning (a broken link) is told every time."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import ROOT, rewrite
from generator.site.page_cache import PageCache
from preview_server import copy_project

pytestmark = pytest.mark.slow
SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def serve_mode(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """The project's config on a copy of the content, with the hook told it is serving."""
    content, config_file = copy_project(tmp_path)
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        yield content, config_file
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # the hook's state is per process


def built(config_file: Path, site: Path) -> tuple[MkDocsConfig, dict[str, bytes]]:
    config = load_config(str(config_file), site_dir=str(site))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)
    pages = {path.relative_to(site).as_posix(): path.read_bytes()
             for path in sorted(site.rglob("*")) if path.suffix in (".html", ".json")}
    return config, pages


def page_cache(config: MkDocsConfig) -> PageCache:
    hook = next(plugin for name, plugin in config.plugins.items() if name.endswith("mkdocs_hook.py"))
    return hook._pages  # noqa: SLF001


def test_a_rebuild_after_a_save_reuses_the_unchanged_pages_and_equals_a_full_one(
        serve_mode: tuple[Path, Path], tmp_path: Path) -> None:
    content, config_file = serve_mode
    config, _ = built(config_file, tmp_path / "warm")
    rewrite(content, "causes.yaml", lambda d: d["page"].update(title="Edited while serving"))
    config, warm = built(config_file, tmp_path / "warm")
    cache = page_cache(config)
    assert 20 <= cache.reused < len([name for name in warm if name.endswith("index.html")])
    cache.__init__()  # forget everything: every page converted anew
    config, cold = built(config_file, tmp_path / "cold")
    assert page_cache(config).reused == 0
    assert "<h1 id=\"edited-while-serving\">Edited while serving" in warm["causes/index.html"].decode()
    assert warm.keys() == cold.keys()
    assert [name for name in warm if warm[name] != cold[name]] == []


def test_a_page_whose_conversion_warned_is_converted_and_warns_again(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = None  # noqa: SLF001 - set by MkDocs while its events run
    cache = PageCache()
    warnings, contents = [], []
    for _ in range(2):
        files = Files([File.generated(config, "broken.md", content="# Broken\n\nSee [this](gone.md).\n"),
                       File.generated(config, "fine.md", content="# Fine\n\nSee [broken](broken.md).\n")])
        cache.start_build(config, files)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            for file in files:
                page = Page(None, file, config)
                cache.attach(page)
                page.read_source(config)
                page.render(config, files)
                contents.append(page.content)
        warnings.append([record.getMessage() for record in caplog.records])
    assert warnings[0] == ["Doc file 'broken.md' contains a link 'gone.md', but the target is not found "
                           "among documentation files."]
    assert warnings[1] == warnings[0]
    assert cache.reused == 1  # fine.md, and only it
    assert contents[2:] == contents[:2]
    assert contents[3] == ('<h1 id="fine">Fine<a class="headerlink" href="#fine" title="Permanent link">&para;</a></h1>\n'
                           '<p>See <a href="../broken/">broken</a>.</p>')
