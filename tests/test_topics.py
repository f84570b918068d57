"""Topic chapters: each is one line in TOPIC_FILES, and the site and the print book pick it up."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, TODAY, position_of, rewrite
from generator.errors import ContentErrors
from generator.load import load_guide
from generator.model import CHAPTER_FILES, TOPIC_FILES, Guide, ReviewFile
from generator.pdf.book import build_book
from generator.render import markdown_text, render_pages


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(CONTENT, today=TODAY)


def page_id_of(name: str) -> str:
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))["page"]["id"]


def errors_of(content_dir: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_guide(content_dir, today=TODAY)
    return [str(error) for error in caught.value.errors]


def test_every_topic_file_is_a_chapter_file_and_loads_in_order(guide: Guide) -> None:
    assert set(TOPIC_FILES) <= set(CHAPTER_FILES)
    assert [topic.page.id for topic in guide.topics] == [page_id_of(name) for name in TOPIC_FILES]
    assert [type(topic) for topic in guide.topics] == list(TOPIC_FILES.values())


def test_topics_are_chapters_in_navigation_order(guide: Guide) -> None:
    chapter_ids = [chapter.page.id for chapter in guide.chapters]
    assert {topic.page.id for topic in guide.topics} <= set(chapter_ids)
    navigation = [page_id for page_id in guide.meta.navigation if page_id in chapter_ids]
    assert chapter_ids == navigation


def test_a_missing_topic_file_is_reported(content_dir: Path) -> None:
    name = next(iter(TOPIC_FILES))
    (content_dir / name).unlink()
    assert errors_of(content_dir) == [f"{name}:1:1: missing content file (expected {content_dir / name})"]


def test_a_topic_left_out_of_the_navigation_is_reported(content_dir: Path) -> None:
    page_id = page_id_of(next(iter(TOPIC_FILES)))
    text = rewrite(content_dir, "guide.yaml", lambda data: data["navigation"].remove(page_id))
    line, column = position_of(text, "\n- home\n")
    assert errors_of(content_dir) == [f"guide.yaml:{line + 1}:1: page '{page_id}' is missing from navigation"]


def test_a_topic_section_without_sources_is_reported(content_dir: Path) -> None:
    name = next(iter(TOPIC_FILES))
    text = rewrite(content_dir, name, lambda data: data["sections"][0].update(sources=[]))
    line, column = position_of(text, "sources: []")
    assert errors_of(content_dir) == [
        f"{name}:{line}:{column + len('sources: ')}: expected at least one source id: every claim must cite a source"
    ]


def test_each_topic_page_renders_every_section_with_its_anchor_and_sources(guide: Guide) -> None:
    pages = render_pages(guide)
    for topic in guide.topics:
        page = pages[f"{topic.page.id}.md"]
        assert f"# {markdown_text(topic.page.title)}\n" in page
        for section in topic.sections:
            assert f"## {markdown_text(section.title)} {{ #{section.id} }}\n" in page
            for source_id in section.sources:
                assert f"references.md#source-{source_id})" in page
        assert "**Last reviewed:** 1 December 2026" in page


def test_the_print_book_has_a_chapter_per_topic_and_a_part_per_section(guide: Guide) -> None:
    chapters = {chapter.id: chapter for chapter in build_book(guide).chapters}
    for topic in guide.topics:
        chapter = chapters[topic.page.id]
        assert chapter.title == topic.page.title
        expected = [topic.record] if isinstance(topic, ReviewFile) else []
        expected += topic.sections
        assert [(part.id, part.title) for part in chapter.parts] == [(item.id, item.title) for item in expected]
