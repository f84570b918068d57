"""The README's instructions work: the two commands exist, and its example exercise is valid content."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, rewrite
from generator.load import load_guide
from generator.render import render_pages


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_are_make_targets_and_ci_runs_the_test_one() -> None:
    text = readme()
    assert "make site" in text and "make test" in text
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^site: ", makefile, re.MULTILINE) and re.search(r"^test: ", makefile, re.MULTILINE)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_example_exercise_is_valid_and_shows_on_the_strength_page(content_dir: Path) -> None:
    block = re.search(r"```yaml\n(.*?)```", readme(), re.DOTALL)
    assert block
    example = yaml.safe_load(textwrap.dedent(block.group(1)))[0]
    rewrite(content_dir, "exercises.yaml", lambda data: data["exercises"].append(example))
    guide = load_guide(content_dir, today=TODAY)
    assert example["id"] in {exercise.id for exercise in guide.exercises.exercises}
    assert f"### {example['name']} {{ #{example['id']} }}" in render_pages(guide)["strength.md"]


def test_the_example_chapter_is_one_entry_away_from_the_site_and_the_pdf(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import model
    from generator.pdf.book import build_book

    section = readme().split("### Add a chapter", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block
    example = yaml.safe_load(textwrap.dedent(block.group(1)))
    name = re.search(r"`content/([a-z-]+\.yaml)`", section).group(1)
    (content_dir / name).write_text(yaml.safe_dump(example, sort_keys=False), encoding="utf-8")
    page_id = example["page"]["id"]
    rewrite(content_dir, "guide.yaml", lambda data: data["navigation"].append(page_id))
    line = re.search(r"`(topic\(\"[a-z-]+\.yaml\"\)),`", section).group(1)
    assert line == f'topic("{name}")'
    monkeypatch.setitem(model.CONTENT_TYPES, name, model.topic(name))

    guide = load_guide(content_dir, today=TODAY)
    assert guide.topics[-1].page.id == page_id
    title, section_id = example["page"]["title"], example["sections"][0]["id"]
    assert f"# {title}\n" in render_pages(guide)[f"{page_id}.md"]
    chapter = next(chapter for chapter in build_book(guide).chapters if chapter.id == page_id)
    assert [part.id for part in chapter.parts] == [section_id]
