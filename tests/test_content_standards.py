"""The writing standards for health content, checked on every content file.

Plain English (a reading age of about 11, which is US grade 6 on the Flesch-Kincaid scale;
red-flag text simpler still), British spelling, kilometres first with miles alongside.
The rules live in generator/standards.py, so `python -m generator check` warns about the
same things these tests assert on the real content.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from conftest import CONTENT
from generator.standards import american_words, grade, prose

CHAPTERS = sorted(path.name for path in CONTENT.glob("*.yaml") if path.name != "sources.yaml")


def load(name: str) -> Any:
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


def test_the_grade_formula_tells_simple_text_from_hard_text() -> None:
    assert grade("The cat sat on the mat. It was warm.") < 2
    assert grade(
        "Musculoskeletal rehabilitation necessitates individualised, progressive "
        "neuromuscular conditioning interventions."
    ) > 16


@pytest.mark.parametrize("name", CHAPTERS)
def test_each_file_reads_at_about_age_11(name: str) -> None:
    assert grade(" ".join(prose(load(name)))) <= 6


def test_red_flag_text_is_simpler_still() -> None:
    signs = [sign for sign in load("warning-signs.yaml")["signs"] if sign["level"] == "emergency"]
    assert len(signs) >= 7
    assert grade(" ".join(prose([{k: s[k] for k in ("label", "question", "why")} for s in signs]))) <= 5


@pytest.mark.parametrize("name", CHAPTERS)
def test_no_sentence_runs_past_30_words(name: str) -> None:
    long = [
        sentence
        for text in prose(load(name))
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(sentence.split()) > 30
    ]
    assert long == []


@pytest.mark.parametrize("name", CHAPTERS)
def test_british_spelling(name: str) -> None:
    assert set().union(*(american_words(text) for text in prose(load(name)))) == set()


def test_the_spelling_check_catches_american_spelling() -> None:
    assert american_words("color center behavior organize analyzed program") == {
        "color", "center", "behavior", "organize", "analyzed", "program"
    }
    assert american_words("colour centre behaviour organise analysed programme size tire") == set()


@pytest.mark.parametrize("name", CHAPTERS)
def test_kilometres_come_first_with_miles_alongside(name: str) -> None:
    for text in prose(load(name)):
        for match in re.finditer(r"\d[\d.,]*(?:[–-]\d[\d.,]*)? ?(?:km|kilometres?)\b", text):
            after = text[match.end() : match.end() + 30]
            assert re.match(r" \(\d[\d.,]*(?:[–-]\d[\d.,]*)? miles?\)", after), f"{name}: {text}"
        assert not re.search(r"\d ?miles?\b(?! ?\))", text) or "km" in text, f"{name}: miles first in: {text}"
