"""Topic chapters: each is one line in CONTENT_TYPES, and the site and the print book pick it up."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from conftest import CONTENT, TODAY, errors_of, examples, position_of, real_guide, rewrite
from generator.content.load import load_guide
from generator.content.model import CONTENT_TYPES, TOPICS, Guide, ReviewFile
from generator.pdf.book import build_book
from generator.pdf.render import long_date, render_html
from generator.site.render import markdown_text, render_pages

TOPIC_FILES = {name: entry.schema for name, entry in CONTENT_TYPES.items() if entry.attribute == TOPICS}


@pytest.fixture(scope="module")
def guide() -> Guide:
    return real_guide()


@pytest.fixture(autouse=True)
def _run_from_the_content_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors name files as a writer sees them, relative to here: content/<file>."""
    monkeypatch.chdir(tmp_path)


def page_id_of(name: str) -> str:
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))["page"]["id"]




def test_every_topic_file_is_a_chapter_file_and_loads_in_order(guide: Guide) -> None:
    assert all(CONTENT_TYPES[name].is_chapter for name in TOPIC_FILES)
    assert [topic.page.id for topic in guide.topics] == [page_id_of(name) for name in TOPIC_FILES]
    assert [type(topic) for topic in guide.topics] == list(TOPIC_FILES.values())


def test_topics_are_chapters_in_navigation_order(guide: Guide) -> None:
    chapter_ids = [chapter.page.id for chapter in guide.chapters]
    assert {topic.page.id for topic in guide.topics} <= set(chapter_ids)
    navigation = [page_id for page_id in guide.meta.navigation if page_id in chapter_ids]
    assert chapter_ids == navigation


@settings(max_examples=examples(20), deadline=None)
@given(data=st.data())
def test_chapters_and_the_print_book_follow_any_navigation_order(guide: Guide, data: st.DataObject) -> None:
    navigation = data.draw(st.permutations(guide.meta.navigation))
    reordered = dataclasses.replace(guide, meta=guide.meta.model_copy(update={"navigation": navigation}))
    chapter_ids = [chapter.page.id for chapter in reordered.chapters]
    assert chapter_ids == [page_id for page_id in navigation if page_id in chapter_ids]
    printed = [chapter.id for chapter in build_book(reordered).chapters]
    assert [page_id for page_id in printed if page_id in chapter_ids] == chapter_ids


def test_a_missing_topic_file_is_reported(content_dir: Path) -> None:
    name = next(iter(TOPIC_FILES))
    (content_dir / name).unlink()
    assert errors_of(content_dir) == [f"content/{name}:1:1: missing content file: create content/{name}"]


def test_a_topic_left_out_of_the_navigation_is_reported(content_dir: Path) -> None:
    page_id = page_id_of(next(iter(TOPIC_FILES)))
    text = rewrite(content_dir, "guide.yaml", lambda data: data["navigation"].remove(page_id))
    line, column = position_of(text, "\n- home\n")
    assert errors_of(content_dir) == [f"content/guide.yaml:{line + 1}:1: page '{page_id}' is missing from navigation"]


def test_a_topic_section_without_sources_is_reported(content_dir: Path) -> None:
    name = next(iter(TOPIC_FILES))
    text = rewrite(content_dir, name, lambda data: data["sections"][0].update(sources=[]))
    line, column = position_of(text, "sources: []")
    assert errors_of(content_dir) == [
        f"content/{name}:{line}:{column + len('sources: ')}: expected at least one source id: every claim must cite a source"
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


# --------------------------------------------------------------------------------------------
# The review record: dates rendered from guide.yaml and each page, never typed


def review_topic(guide: Guide) -> ReviewFile:
    return next(topic for topic in guide.topics if isinstance(topic, ReviewFile))


def record_markdown(guide: Guide) -> str:
    topic = review_topic(guide)
    page = render_pages(guide)[f"{topic.page.id}.md"]
    start = page.index(f"## {markdown_text(topic.record.title)} {{ #{topic.record.id} }}")
    return page[start : page.index("## ", start + 3)]


def test_the_review_record_shows_the_dates_from_guide_yaml(content_dir: Path) -> None:
    def change(data: dict) -> None:
        data.update(last_reviewed=datetime.date(2026, 11, 30), next_review=datetime.date(2027, 6, 1))
        data["reviewer"].update(name="Test team", role="Not a clinical sign-off")

    rewrite(content_dir, "guide.yaml", change)
    rewrite(content_dir, "recovery.yaml", lambda data: data["page"].update(last_reviewed=datetime.date(2026, 10, 2)))
    guide = load_guide(content_dir, today=TODAY)
    record = record_markdown(guide)
    assert (
        "- **Whole guide last reviewed:** 30 November 2026\n"
        "- **Next review due:** 1 June 2027\n"
        "- **Reviewed by:** Test team (Not a clinical sign-off)\n"
        f"- **Checked against:** the {len(guide.sources.sources)} sources on the [references](references.md) page\n"
    ) in record
    assert "| [Recovery between runs](recovery.md) | 2 October 2026 |\n" in record
    rows = [line for line in record.splitlines() if line.startswith("| [")]
    assert len(rows) == len(guide.chapters)


def test_the_printed_review_record_shows_the_same_dates(guide: Guide) -> None:
    html = render_html(guide)
    topic = review_topic(guide)
    assert f'<h2 class="part-title" id="{topic.record.id}">{topic.record.title}</h2>' in html
    assert f"<div><dt>Whole guide last reviewed</dt><dd>{long_date(guide.meta.last_reviewed)}</dd></div>" in html
    assert f"<div><dt>Next review due</dt><dd>{long_date(guide.meta.next_review)}</dd></div>" in html
    for chapter in guide.chapters:
        row = f'<tr><td><a class="xref" href="#{chapter.page.id}">'
        assert row in html, chapter.page.id
        assert f"{row}{escape(chapter.page.title)}</a></td><td>{long_date(chapter.page.last_reviewed)}</td></tr>" in html


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    last=st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)),
    gap=st.integers(min_value=1, max_value=800),
)
def test_the_record_always_renders_whatever_dates_guide_yaml_holds(guide: Guide, last: datetime.date, gap: int) -> None:
    nxt = last + datetime.timedelta(days=gap)
    changed = dataclasses.replace(guide, meta=guide.meta.model_copy(update={"last_reviewed": last, "next_review": nxt}))
    record = record_markdown(changed)
    assert f"- **Whole guide last reviewed:** {last.day} {last.strftime('%B')} {last.year}\n" in record
    assert f"- **Next review due:** {nxt.day} {nxt.strftime('%B')} {nxt.year}\n" in record
