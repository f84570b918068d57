"""The README's instructions work: the two commands exist, and its examples are valid content."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CONTENT, ROOT, TODAY, rewrite
from generator.content.load import check_content, load_guide
from generator.content.rules import calculator_rules
from generator.site.render import markdown_text, render_pages


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
    from generator.content import model
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


def example_warning_sign() -> dict[str, Any]:
    section = readme().split("### Add a warning sign", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block
    (example,) = yaml.safe_load(block.group(1))
    return example


def every_id(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            yield data["id"]
        for value in data.values():
            yield from every_id(value)
    elif isinstance(data, list):
        for value in data:
            yield from every_id(value)


def test_the_example_warning_sign_is_new_needs_a_professional_and_cites_real_sources() -> None:
    example = example_warning_sign()
    assert list(example) == ["id", "level", "actions", "label", "question", "why", "sources"]
    content = [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(CONTENT.glob("*.yaml"))
    ]
    assert example["id"] not in {item_id for data in content for item_id in every_id(data)}
    assert example["level"] == "soon"
    sources = yaml.safe_load((CONTENT / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    assert set(example["sources"]) <= {source["id"] for source in sources}


def test_following_the_warning_sign_example_passes_the_strict_check_and_reaches_page_and_checker(
    content_dir: Path,
) -> None:
    example = example_warning_sign()

    def add_with_its_level(data: dict[str, Any]) -> None:
        last = max(i for i, sign in enumerate(data["signs"]) if sign["level"] == example["level"])
        data["signs"].insert(last + 1, example)

    rewrite(content_dir, "warning-signs.yaml", add_with_its_level)
    report = check_content(content_dir, today=TODAY)
    assert (report.errors, report.warnings) == ([], [])
    assert report.guide is not None
    page = render_pages(report.guide)["warning-signs.md"]
    heading = f"### {markdown_text(example['label'])} {{ #{example['id']} }}"
    assert f"{heading}\n\n{markdown_text(example['why'])}\n" in page
    assert {key: example[key] for key in ("id", "level", "actions", "question", "label")} in (
        calculator_rules(report.guide)["checker"]["signs"]
    )
