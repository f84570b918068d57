"""The writing standards for health content, as warnings a writer sees from `check`, with positions.

Plain English (a reading age of about 11, which is US grade 6 on the Flesch-Kincaid scale;
red-flag text simpler still), sentences of at most 30 words, British spelling, kilometres first
with miles alongside, and no counts of the guide's items typed in prose ("these four exercises":
they go stale when one is added). Syllables are counted with Pyphen's British
English hyphenation patterns (installed with WeasyPrint): an estimate, but a stable one, good
enough to catch text drifting upwards.
The test suite checks the real content with these same functions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import pyphen

from generator.content.loaded import LoadedFile
from generator.content.yamlsource import PathKey
from generator.errors import ContentWarning, excerpt

NOT_PROSE = {"id", "sources", "url", "level", "group", "kind", "remedies", "link", "navigation", "actions", "unit"}
"""Keys whose values a reader never sees as sentences."""

NOT_CHECKED = {"sources.yaml"}
"""Source titles are quoted as published (often in American spelling)."""

FILE_GRADE = 6
"""Each file as a whole: US grade 6, a reading age of about 11."""
RED_FLAG_GRADE = 5
"""Emergency warning signs, read by someone frightened: simpler still."""
SENTENCE_GRADE = 14
"""One sentence may be harder than the file, but not past this (the formula weighs length, so a
complete 29-word red-flag sentence of short words reaches 12; the 30-word limit covers length)..."""
GRADED_SENTENCE_WORDS = 10
"""...once it is long enough for the formula to mean something (a two-word heading is not)."""
SENTENCE_WORDS = 30

AMERICAN = re.compile(
    r"\b(color\w*|center\w*|behavior\w*|favorite\w*|\w+iz(?:e|es|ed|ing|ation)s?|"
    r"analyz\w*|fiber\w*|gray\w*|pediatric\w*|orthopedic\w*|meters?|liters?|aluminum|"
    r"programs?)\b",
    re.IGNORECASE,
)
AMERICAN_EXCEPTIONS = {"size", "sizes", "sized", "seize", "prize", "capsize"}
_BRITISH = [
    (r"color", "colour"), (r"center", "centre"), (r"behavior", "behaviour"), (r"favorite", "favourite"),
    (r"analyz", "analys"), (r"fiber", "fibre"), (r"gray", "grey"), (r"pediatric", "paediatric"),
    (r"orthopedic", "orthopaedic"), (r"meter", "metre"), (r"liter", "litre"), (r"aluminum", "aluminium"),
    (r"program", "programme"), (r"iz(?=e|ation|ing)", "is"),
]

_KM = re.compile(r"\d[\d.,]*(?:[–-]\d[\d.,]*)? ?(?:km|kilometres?)\b")
_MILES_ALONGSIDE = re.compile(r" \(\d[\d.,]*(?:[–-]\d[\d.,]*)? miles?\)")
_MILES_FIRST = re.compile(r"\d ?miles?\b(?! ?\))")

NUMBER_WORD_COUNT = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
    r"(?:[\w,-]+ ){0,5}(exercises|stretches|signs|cues|drills|changes|tips|sections)\b",
    re.IGNORECASE,
)
"""'Nine simple core, glute and hip exercises': a count of the guide's own items, typed in prose,
which goes stale as soon as an item is added."""


def prose(data: Any) -> Iterator[str]:
    """Every piece of text a reader sees, each ending as a sentence."""
    for _, text in prose_at(data):
        yield text


def prose_at(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every piece of text a reader sees, with its key path, each ending as a sentence."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE:
                yield from prose_at(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from prose_at(item, (*path, index))
    elif isinstance(data, str):
        text = " ".join(data.split())
        if text:
            yield path, text if text.endswith((".", "?", "!", ":")) else text + "."


def sentences(text: str) -> list[str]:
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", text) if sentence]


@functools.cache
def _hyphenation() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def grade(text: str) -> float:
    """Flesch-Kincaid grade level."""
    found = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)
    if not words:
        return 0.0
    syllables = sum(_hyphenation().inserted(word).count("-") + 1 for word in words)
    return 0.39 * len(words) / found + 11.8 * syllables / len(words) - 15.59


def american_words(text: str) -> set[str]:
    return {m.group(0) for m in AMERICAN.finditer(text) if m.group(0).lower() not in AMERICAN_EXCEPTIONS}


def british(word: str) -> str:
    """The British spelling of an American word AMERICAN matched ('color' -> 'colour')."""
    for american, spelling in _BRITISH:
        changed = re.sub(american, spelling, word, count=1, flags=re.IGNORECASE)
        if changed != word:
            return changed
    return word


def distance_problems(text: str) -> list[str]:
    """Distances not written kilometres first with miles alongside: '10 km (6 miles)'."""
    problems = []
    for match in _KM.finditer(text):
        if not _MILES_ALONGSIDE.match(text[match.end() : match.end() + 30]):
            problems.append(f"{excerpt(match.group(0))} needs miles alongside, as in '10 km (6 miles)'")
    if _MILES_FIRST.search(text) and "km" not in text:
        found = _MILES_FIRST.search(text)
        assert found is not None
        problems.append(
            f"miles come first in {excerpt(text[max(0, found.start() - 10) : found.end()])}: write kilometres "
            "first with miles in brackets, as in '10 km (6 miles)'"
        )
    return problems


def sentence_problems(sentence: str) -> list[str]:
    """What one sentence breaks: length, reading grade, spelling, counts of items."""
    problems = []
    words = len(sentence.split())
    quoted = excerpt(sentence, 40)
    if words > SENTENCE_WORDS:
        problems.append(f"sentence of {words} words (at most {SENTENCE_WORDS}): split {quoted}")
    elif words >= GRADED_SENTENCE_WORDS and (level := grade(sentence)) > SENTENCE_GRADE:
        problems.append(
            f"sentence reads at grade {level:.1f} (at most {SENTENCE_GRADE}): use shorter words in {quoted}"
        )
    for word in sorted(american_words(sentence)):
        problems.append(f"American spelling '{word}': write '{british(word)}'")
    return problems


def count_problems(text: str) -> list[str]:
    """Counts of the guide's items typed in prose."""
    return [
        f"{excerpt(match.group(0))} counts items in prose, and the count goes stale when one is added: "
        "leave the number out"
        for match in NUMBER_WORD_COUNT.finditer(text)
    ]


def _warning(file: LoadedFile, path: PathKey, message: str) -> ContentWarning:
    return file.source.place(ContentWarning, path, message)


def writing_warnings(files: list[LoadedFile]) -> list[ContentWarning]:
    """Every writing standard a parsed content file misses, placed at the text that misses it."""
    warnings: list[ContentWarning] = []
    for file in files:
        if file.name in NOT_CHECKED:
            continue
        texts = list(prose_at(file.data))
        for path, text in texts:
            for sentence in sentences(text):
                found = [*sentence_problems(sentence), *count_problems(sentence)]
                warnings.extend(file.source.place_words(ContentWarning, path, sentence, problem) for problem in found)
            warnings.extend(_warning(file, path, problem) for problem in distance_problems(text))
        level = grade(" ".join(text for _, text in texts)) if texts else 0.0
        if level > FILE_GRADE:
            warnings.append(
                _warning(file, (), f"the file as a whole reads at grade {level:.1f} (at most {FILE_GRADE}, a "
                                   "reading age of about 11): use shorter sentences and words")
            )
        warnings.extend(_red_flag_warnings(file))
    return warnings


def red_flag_text(data: Any) -> list[str]:
    """The label, question and why of every emergency sign: the text read in a fright."""
    signs = data.get("signs") if isinstance(data, dict) else None
    emergencies = [sign for sign in signs or [] if isinstance(sign, dict) and sign.get("level") == "emergency"]
    return list(prose([{key: sign.get(key) for key in ("label", "question", "why")} for sign in emergencies]))


def _red_flag_warnings(file: LoadedFile) -> list[ContentWarning]:
    if file.name != "warning-signs.yaml":
        return []
    texts = red_flag_text(file.data)
    level = grade(" ".join(texts)) if texts else 0.0
    if level <= RED_FLAG_GRADE:
        return []
    return [
        _warning(file, ("signs",), f"the emergency signs read at grade {level:.1f} (at most {RED_FLAG_GRADE}): "
                                   "make their label, question and why simpler")
    ]
