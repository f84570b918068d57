"""The writing standards as `check` warnings: exact text, position, and exit status with and without --strict."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CONTENT, TODAY, Cli, position_of
from generator.content.load import check_content
from generator.content.standards import british, count_problems, distance_problems, grade, sentence_problems

HARD = (
    "Musculoskeletal rehabilitation necessitates individualised, progressive neuromuscular conditioning "
    "interventions incorporating proprioceptive retraining, eccentric loading methodologies and "
    "comprehensive biomechanical reassessment."
)


pytestmark = pytest.mark.usefixtures("beside_content")


def replace_summary(content_dir: Path, name: str, summary: str) -> tuple[int, int]:
    """Put `summary` as the page summary of `name`; the position of the new value."""
    path = content_dir / name
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("  summary: "))
    path.write_text(text.replace(old, f"  summary: {summary}", 1), encoding="utf-8")
    line, column = position_of(text, old)
    return line, column + 11


def warnings_of(content_dir: Path) -> list[str]:
    report = check_content(content_dir, today=TODAY)
    assert report.errors == []
    return [str(warning) for warning in report.warnings]


def test_the_real_content_meets_every_standard() -> None:
    report = check_content(CONTENT, today=TODAY)
    assert (report.errors, report.warnings) == ([], [])


def test_a_hard_27_word_sentence_is_a_warning_even_when_the_file_reads_easily(content_dir: Path) -> None:
    assert len(HARD.split()) == 18 and grade(HARD) > 20
    sentence = HARD[:-1] + " for runners with long-standing symptoms after marathon training blocks."
    assert len(sentence.split()) == 27
    line, column = replace_summary(content_dir, "recovery.yaml", sentence)
    assert warnings_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column}: warning: sentence reads at grade {grade(sentence):.1f} (at most "
        f"14): use shorter words in '{sentence[:40]}\u2026' ({len(sentence)} characters)"
    ]


def test_a_sentence_over_30_words_is_a_warning(content_dir: Path) -> None:
    sentence = " ".join(["Run"] + ["slowly"] * 30) + "."
    line, column = replace_summary(content_dir, "recovery.yaml", sentence)
    assert warnings_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column}: warning: sentence of 31 words (at most 30): split "
        f"'{sentence[:40]}\u2026' ({len(sentence)} characters)"
    ]


def test_american_spelling_is_a_warning_with_the_british_word(content_dir: Path) -> None:
    line, column = replace_summary(content_dir, "recovery.yaml", "Pick a color and organize your week.")
    assert warnings_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column}: warning: American spelling 'color': write 'colour'",
        f"content/recovery.yaml:{line}:{column}: warning: American spelling 'organize': write 'organise'",
    ]


def test_miles_before_kilometres_is_a_warning(content_dir: Path) -> None:
    line, column = replace_summary(content_dir, "recovery.yaml", "Run 10 km a week, then 6 miles.")
    assert warnings_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column}: warning: '10 km' needs miles alongside, as in '10 km (6 miles)'"
    ]
    line, column = replace_summary(content_dir, "shoes-and-surfaces.yaml", "Run 6 miles a week.")
    assert warnings_of(content_dir)[-1] == (
        f"content/shoes-and-surfaces.yaml:{line}:{column}: warning: miles come first in 'Run 6 miles': write "
        "kilometres first with miles in brackets, as in '10 km (6 miles)'"
    )


def test_a_count_of_items_typed_in_prose_is_a_warning(content_dir: Path) -> None:
    line, column = replace_summary(content_dir, "recovery.yaml", "Nine simple core, glute and hip exercises help.")
    assert warnings_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column}: warning: 'Nine simple core, glute and hip exercises' counts items "
        "in prose, and the count goes stale when one is added: leave the number out"
    ]


def test_a_warning_points_at_its_sentence_inside_a_folded_paragraph(content_dir: Path) -> None:
    path = content_dir / "exercises.yaml"
    text = path.read_text(encoding="utf-8")
    old = "Your glutes and the muscles around your hips support your pelvis. They also\n        push you forward"
    assert old in text
    path.write_text(text.replace(old, old.replace("They also", "These five exercises also")), encoding="utf-8")
    line, column = position_of(text, "They also")
    assert warnings_of(content_dir) == [
        f"content/exercises.yaml:{line}:{column}: warning: 'five exercises' counts items in prose, and the count "
        "goes stale when one is added: leave the number out"
    ]


def test_check_prints_errors_then_warnings_and_exits_0_unless_strict(content_dir: Path, cli: Cli) -> None:
    line, column = replace_summary(content_dir, "recovery.yaml", "Pick a color.")
    command = ["check", "--content", "content", "--today", TODAY.isoformat()]
    status, out, err = cli(*command, cwd=content_dir.parent)
    assert status == 0
    assert err == f"content/recovery.yaml:{line}:{column}: warning: American spelling 'color': write 'colour'\n"
    assert out.endswith("; 1 warning about the writing (see above)\n")
    status, out, err = cli(*command, "--strict", cwd=content_dir.parent)
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"content/recovery.yaml:{line}:{column}: warning: American spelling 'color': write 'colour'",
        "1 warning in content (--strict: warnings fail the check)",
    ]
    (content_dir / "notes.txt").write_text("x", encoding="utf-8")
    status, _, err = cli(*command, cwd=content_dir.parent)
    assert status == 1
    lines = err.splitlines()
    assert lines[0].startswith("content/notes.txt:1:1: not a content file")
    assert lines[1:] == [
        f"content/recovery.yaml:{line}:{column}: warning: American spelling 'color': write 'colour'",
        "1 error and 1 warning in content",
    ]


@given(st.sampled_from(["color", "colors", "center", "behavior", "favorite", "organize", "organization",
                        "analyzed", "fiber", "gray", "pediatric", "orthopedic", "meters", "liter", "aluminum",
                        "program", "programs", "realizing"]))
def test_every_american_word_gets_a_british_spelling_that_passes(word: str) -> None:
    assert british(word) != word
    assert sentence_problems(f"I like the {british(word)} here.") == []
    assert sentence_problems(f"I like the {word} here.") == [f"American spelling '{word}': write '{british(word)}'"]


def test_the_rules_accept_plain_text() -> None:
    assert sentence_problems("Run slowly for two weeks, then rest.") == []
    assert distance_problems("Run 10 km (6 miles) a week.") == []
    assert count_problems("These exercises help, two or three times a week.") == []
    assert count_problems("These 4 exercises help.") == []  # digits are doses and distances, not counts
