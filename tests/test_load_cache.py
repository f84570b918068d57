"""A file's reading is kept while its bytes stay the same: the preview re-reads only what was saved.

The cache must never change what is read: a warm load equals a cold one, an edit is seen at
once, and nothing downstream (checks, writing standards, pages) alters what it keeps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, TODAY
from generator.content import load
from generator.content.load import check_content, load_guide
from generator.content.model import CONTENT_TYPES
from generator.content.yamlsource import parse_yaml
from generator.errors import ContentErrors
from generator.site.pages import site_pages


@pytest.fixture(autouse=True)
def _cold_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    load._read_and_validate.cache_clear()  # noqa: SLF001


def test_a_second_load_reads_nothing_again_and_an_edit_reads_one_file(content_dir: Path) -> None:
    first = load_guide(content_dir, today=TODAY)
    assert load._read_and_validate.cache_info().misses == len(CONTENT_TYPES)  # noqa: SLF001
    assert load_guide(content_dir, today=TODAY) == first
    assert load._read_and_validate.cache_info().misses == len(CONTENT_TYPES)  # noqa: SLF001
    path = content_dir / "causes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Why running can hurt your lower back\n", "title: Why running may hurt your lower back\n", 1),
        encoding="utf-8")
    edited = load_guide(content_dir, today=TODAY)
    assert load._read_and_validate.cache_info().misses == len(CONTENT_TYPES) + 1  # noqa: SLF001
    assert edited != first
    assert site_pages(edited) != site_pages(first)
    assert "# Why running may hurt your lower back" in site_pages(edited)["causes.md"]


def test_checks_standards_and_pages_leave_the_kept_reading_as_it_was() -> None:
    report = check_content(CONTENT, TODAY)
    assert report.guide is not None
    site_pages(report.guide)
    check_content(CONTENT, TODAY)
    for name, entry in CONTENT_TYPES.items():
        raw = (CONTENT / name).read_bytes()
        kept, errors = load._read_and_validate(raw, f"{CONTENT}/{name}", name, entry.schema)  # noqa: SLF001
        data, source = parse_yaml(raw, f"{CONTENT}/{name}")
        assert errors == ()
        assert kept.data == data
        assert (kept.source.values, kept.source.keys, kept.source.spans) == (source.values, source.keys, source.spans)


def test_errors_are_told_again_on_every_load_and_a_fix_is_seen(content_dir: Path) -> None:
    path = content_dir / "recovery.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text("title: [unclosed\n", encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(ContentErrors) as caught:
            load_guide(content_dir, today=TODAY)
        caught.value.errors.clear()  # a caller's list: the kept reading must not share it
        with pytest.raises(ContentErrors) as again:
            load_guide(content_dir, today=TODAY)
        messages.append([str(error) for error in again.value.errors])
    assert messages[0] == messages[1]
    assert messages[0][0].startswith("content/recovery.yaml:")
    path.write_text(good, encoding="utf-8")
    assert load_guide(content_dir, today=TODAY) == load_guide(CONTENT, today=TODAY)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(CONTENT_TYPES)), data=st.data())
def test_a_warm_load_after_any_one_word_edit_equals_a_cold_load(content_dir: Path, name: str, data) -> None:
    path = content_dir / name
    text = path.read_text(encoding="utf-8")
    load.check_content(content_dir, TODAY)  # warm every file
    words = [word for word in text.split() if word.isalpha() and len(word) > 3]
    word = data.draw(st.sampled_from(words))
    new = data.draw(st.sampled_from(["walk", "colour", "", "a: b", "'", word.upper()]))
    path.write_text(text.replace(word, new, 1), encoding="utf-8")
    try:
        warm = check_content(content_dir, TODAY)
        load._read_and_validate.cache_clear()  # noqa: SLF001
        cold = check_content(content_dir, TODAY)
        assert (warm.guide, warm.errors, warm.warnings) == (cold.guide, cold.errors, cold.warnings)
    finally:
        path.write_text(text, encoding="utf-8")
