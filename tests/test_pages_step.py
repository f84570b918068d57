"""The pages step on its own: content -> a docs folder and an engine config, no MkDocs needed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, Cli, position_of, real_guide, rewrite
from generator import cli
from generator.content.load import load_guide
from generator.site.pages import read_config, site_pages, write_docs, write_engine_config
from generator.site.render import navigation
from generator.site.security import CONTENT_SECURITY_POLICY


def test_the_pages_command_writes_every_page_and_a_hook_free_config(tmp_path: Path, cli: Cli) -> None:
    status, stdout, stderr = cli("pages", str(tmp_path / "out"), "--today", TODAY.isoformat())
    assert (status, stderr) == (0, "")
    out = tmp_path / "out"
    guide = real_guide()
    pages = site_pages(guide)
    assert sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.md")) == sorted(pages)
    assert (out / "docs" / "causes.md").read_text(encoding="utf-8") == pages["causes.md"]
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    assert config["nav"] == [{str(title): file for title, file in item.items()} for item in navigation(guide)]
    assert config["extra"]["content_security_policy"] == CONTENT_SECURITY_POLICY
    assert config["theme"]["custom_dir"] == str(ROOT / "overrides")
    assert config["theme"]["name"] == "material"
    assert stdout.startswith(f"wrote {len(pages)} pages to {out / 'docs'}/ and {out / 'mkdocs.yml'}")


@pytest.mark.parametrize("command", ["pages", "finish"])
def test_the_pages_and_finish_steps_say_where_the_content_is_wrong_and_write_nothing(
    command: str, content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_build import config_for

    text = rewrite(content_dir, "exercises.yaml", lambda d: d["exercises"][0].update(colour="red"))
    line, column = position_of(text, "colour: red")
    out = tmp_path / "out"
    capsys.readouterr()
    code = cli.main([command, str(out), "--config", str(config_for(content_dir)), "--today", TODAY.isoformat()])
    assert (code, *capsys.readouterr()) == (1, "", (
        f"{content_dir}/exercises.yaml:{line}:{column}: unknown key 'colour' (expected one of: id, name, group, "
        "purpose, steps, dose, cautions, sources, positions, muscles)\n1 error in content\n"))
    assert not out.exists()


def test_rewriting_the_docs_keeps_unchanged_files_and_removes_stale_ones(tmp_path: Path) -> None:
    guide = real_guide()
    docs = tmp_path / "docs"
    write_docs(guide, docs)
    kept = docs / "causes.md"
    stamp = kept.stat().st_mtime_ns
    (docs / "old-page.md").write_text("gone", encoding="utf-8")
    (docs / "old" / "deep").mkdir(parents=True)
    (docs / "old" / "deep" / "page.md").write_text("gone", encoding="utf-8")
    write_docs(guide, docs)
    assert kept.stat().st_mtime_ns == stamp
    assert not (docs / "old-page.md").exists() and not (docs / "old").exists()


def test_an_inheriting_config_is_merged_as_mkdocs_merges_it(tmp_path: Path) -> None:
    child = tmp_path / "child.yml"
    child.write_text(f'INHERIT: "{ROOT / "mkdocs.yml"}"\ndocs_dir: elsewhere\ntheme: {{custom_dir: /x}}\n', encoding="utf-8")
    config = read_config(child)
    assert config["docs_dir"] == "elsewhere"
    assert config["theme"]["custom_dir"] == "/x"
    assert config["theme"]["name"] == "material" and config["theme"]["features"]
    guide = real_guide()
    written = yaml.safe_load(write_engine_config(child, guide, tmp_path).read_text(encoding="utf-8"))
    assert written["theme"]["custom_dir"] == "/x" and written["plugins"] == ["search"]


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n", 2)[1])


def test_each_page_names_its_content_file_in_its_front_matter() -> None:
    pages = site_pages(real_guide())
    assert front_matter(pages["strength.md"])["source_file"] == "content/exercises.yaml"
    assert front_matter(pages["index.md"])["source_file"] == "content/guide.yaml"
    assert front_matter(pages["symptom-checker.md"])["source_file"] == "content/warning-signs.yaml"
    assert front_matter(pages["return-planner.md"])["source_file"] == "content/return-planner.yaml"
    assert "source_file" not in front_matter(pages["embed/mileage-planner.md"])


def test_titles_and_descriptions_reach_the_engines_escaped_once(content_dir: Path) -> None:
    rewrite(content_dir, "causes.yaml", lambda d: d["page"].update(title="Hips & <knees>", summary="Why 'it' hurts"))
    meta = front_matter(site_pages(load_guide(content_dir, today=TODAY))["causes.md"])
    assert (meta["title"], meta["description"]) == ("Hips &amp; &lt;knees&gt;", "Why &#39;it&#39; hurts")


def test_a_page_says_where_it_comes_from_with_an_edit_link_when_repo_url_is_set(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    guide = real_guide()
    write_docs(guide, tmp_path / "docs")
    config = write_engine_config(ROOT / "mkdocs.yml", guide, tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "repo_url: https://example.org/guide/\n", encoding="utf-8")
    build(load_config(str(config)))
    html = (tmp_path / "site" / "strength" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="guide-source">\n      Made from <code>content/exercises.yaml</code> ·\n'
            '        <a href="https://example.org/guide/edit/main/content/exercises.yaml">Edit this page</a>\n'
            '    </p>') in html


def test_every_chapter_page_names_its_content_file() -> None:
    from generator.content.model import CONTENT_TYPES, TOPICS
    from generator.site.pages import page_sources
    from generator.site.render import page_file

    guide = real_guide()
    sources = page_sources(guide)
    for chapter in guide.chapters:
        assert page_file(chapter.page.id) in sources, chapter.page.id
    topic_files = [name for name, entry in CONTENT_TYPES.items() if entry.attribute == TOPICS]
    for name, topic in zip(topic_files, guide.topics, strict=True):
        assert sources[page_file(topic.page.id)] == name
