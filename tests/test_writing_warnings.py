"""The writing standards as `check` warnings: exact text, position, and exit status with and without --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CONTENT, ROOT, TODAY, position_of
from generator.load import check_content
from generator.standards import british, count_problems, distance_problems, grade, sentence_problems

HARD = (
    "Musculoskeletal rehabilitation necessitates individualised, progressive neuromuscular conditioning "
    "interventions incorporating proprioceptive retraining, eccentric loading methodologies and "
    "comprehensive biomechanical reassessment."
)


@pytest.fixture(autouse=True)
def _run_beside_the_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


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
        f"content/recovery.yaml:{line}:{column}: warning: sentence reads at grade {grade(sentence):.0f} (at most "
        f"12): use shorter words in '{sentence[:40]}\u2026' ({len(sentence)} characters)"
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


def test_a_count_of_items_that_no_longer_matches_is_a_warning(content_dir: Path) -> None:
    real = len(check_content(content_dir, today=TODAY).guide.exercises.exercises)  # type: ignore[union-attr]
    line, column = replace_summary(content_dir, "recovery.yaml", f"{real} simple exercises keep your back strong.")
    assert warnings_of(content_dir) == []
    line, column = replace_summary(content_dir, "recovery.yaml", f"{real + 1} simple exercises keep you strong.")
    assert warnings_of(content_dir) == [
        f"content/recovery.yaml:{line}:{column}: warning: '{real + 1} simple exercises', but there are {real} now: "
        "leave the number out, so it cannot go stale again"
    ]


def test_a_group_count_goes_stale_when_an_exercise_joins_the_group(content_dir: Path) -> None:
    """The README's own example adds an exercise to glutes-hips, whose intro says 'These five exercises'.

    The warning points at the sentence itself, in the middle of a folded (`>-`) paragraph.
    """
    path = content_dir / "exercises.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("\nexercises:\n") + len("\nexercises:\n")
    extra = (
        "  - id: single-leg-bridge\n    name: Single-leg bridge\n    group: glutes-hips\n"
        "    purpose: Works each side on its own.\n    steps: [Lie on your back.]\n"
        "    dose: {sets: {min: 2, max: 3}, reps: {min: 8, max: 12}, times_per_week: {min: 2, max: 3}}\n"
        "    muscles: [Glutes]\n    cautions: [Stop if it hurts.]\n    sources: [source-article]\n"
    )
    path.write_text(text[:first] + extra + text[first:], encoding="utf-8")
    line, column = position_of(text, "These five")  # the sentence, inside a folded paragraph
    assert warnings_of(content_dir) == [
        f"content/exercises.yaml:{line}:{column}: warning: 'five exercises', but there are 6 now: leave "
        "the number out, so it cannot go stale again"
    ]


def test_check_prints_errors_then_warnings_and_exits_0_unless_strict(content_dir: Path) -> None:
    line, column = replace_summary(content_dir, "recovery.yaml", "Pick a color.")
    command = [sys.executable, "-m", "generator", "check", "--content", "content", "--today", TODAY.isoformat()]
    env_cwd = content_dir.parent
    plain = subprocess.run(command, cwd=env_cwd, capture_output=True, text=True, check=False,
                           env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert plain.returncode == 0
    assert plain.stderr == f"content/recovery.yaml:{line}:{column}: warning: American spelling 'color': write 'colour'\n"
    assert plain.stdout.endswith("; 1 warning about the writing (see above)\n")
    strict = subprocess.run([*command, "--strict"], cwd=env_cwd, capture_output=True, text=True, check=False,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert (strict.returncode, strict.stdout) == (1, "")
    assert strict.stderr.splitlines() == [
        f"content/recovery.yaml:{line}:{column}: warning: American spelling 'color': write 'colour'",
        "1 warning in content (--strict: warnings fail the check)",
    ]
    (content_dir / "notes.txt").write_text("x", encoding="utf-8")
    both = subprocess.run(command, cwd=env_cwd, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert both.returncode == 1
    lines = both.stderr.splitlines()
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
    assert count_problems("These four exercises help.", {"exercises": 4}) == []
    assert count_problems("These 4 exercises help.", {"exercises": 5}) == [
        "'4 exercises', but there are 5 now: leave the number out, so it cannot go stale again"
    ]


def test_a_file_that_reads_hard_as_a_whole_is_a_warning_at_its_start(content_dir: Path) -> None:
    """Short hard sentences pass one by one; the file's grade catches them together (and errors don't stop it)."""
    heading = "Physiotherapeutic rehabilitation necessitates individualised programming."
    (content_dir / "recovery.yaml").write_text(f"page:\n  title: {heading}\n", encoding="utf-8")
    report = check_content(content_dir, today=TODAY)
    assert report.errors  # the page lacks most of its keys...
    assert [str(warning) for warning in report.warnings] == [  # ...and the writing is still checked
        f"content/recovery.yaml:1:1: warning: the file as a whole reads at grade {grade(heading):.1f} (at most 6, "
        "a reading age of about 11): use shorter sentences and words"
    ]


def test_emergency_signs_must_read_simpler_still(content_dir: Path) -> None:
    import yaml

    from conftest import rewrite
    from generator.standards import red_flag_text

    def harden(data: dict) -> None:
        for sign in data["signs"]:
            if sign["level"] == "emergency":
                sign["why"] = "Neurological deterioration needs evaluation."

    text = rewrite(content_dir, "warning-signs.yaml", harden)
    level = grade(" ".join(red_flag_text(yaml.safe_load(text))))
    signs = position_of(text, "signs:\n")
    assert level > 5
    assert warnings_of(content_dir) == [
        f"content/warning-signs.yaml:{signs[0] + 1}:1: warning: the emergency signs read at grade {level:.1f} "
        "(at most 5): make their label, question and why simpler"
    ]
