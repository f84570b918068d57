"""The writing standards for health content, checked on every content file.

Plain English (a reading age of about 11, which is US grade 6 on the Flesch-Kincaid scale;
red-flag text simpler still), British spelling, kilometres first with miles alongside.
Syllables are counted with Pyphen's British English hyphenation patterns (already installed
for WeasyPrint): an estimate, but a stable one, good enough to catch text drifting upwards.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyphen
import pytest
import yaml

from conftest import CONTENT

NOT_PROSE = {"id", "sources", "url", "level", "group", "kind", "remedies", "link", "navigation"}
CHAPTERS = sorted(path.name for path in CONTENT.glob("*.yaml") if path.name != "sources.yaml")


def prose(data: Any) -> Iterator[str]:
    """Every piece of text a reader sees, each ending as a sentence."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE:
                yield from prose(value)
    elif isinstance(data, list):
        for item in data:
            yield from prose(item)
    elif isinstance(data, str):
        text = " ".join(data.split())
        yield text if text.endswith((".", "?", "!", ":")) else text + "."


@functools.cache
def _hyphenation() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def grade(text: str) -> float:
    """Flesch-Kincaid grade level."""
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)
    syllables = sum(_hyphenation().inserted(word).count("-") + 1 for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


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


AMERICAN = re.compile(
    r"\b(color\w*|center\w*|behavior\w*|favorite\w*|\w+iz(?:e|es|ed|ing|ation)s?|"
    r"analyz\w*|fiber\w*|gray\w*|pediatric\w*|orthopedic\w*|meters?|liters?|aluminum|"
    r"programs?)\b",
    re.IGNORECASE,
)
AMERICAN_EXCEPTIONS = {"size", "sizes", "sized", "seize", "prize", "capsize"}


def american_words(text: str) -> set[str]:
    return {m.group(0) for m in AMERICAN.finditer(text) if m.group(0).lower() not in AMERICAN_EXCEPTIONS}


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
