"""The writing standards for health content, as warnings a writer sees from `check`, with positions.

Plain English (a reading age of about 11, which is US grade 6 on the Flesch-Kincaid scale;
red-flag text simpler still), sentences of at most 30 words, British spelling, kilometres first
with miles alongside, and counts of the guide's items in prose ("these four exercises") that still
match the items (they go stale when one is added). Syllables are counted with Pyphen's British
English hyphenation patterns (installed with WeasyPrint): an estimate, but a stable one, good
enough to catch text drifting upwards.
The test suite checks the real content with these same functions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pyphen

from generator.errors import ContentWarning, excerpt
from generator.yamlsource import PathKey

if TYPE_CHECKING:
    from generator.load import LoadedFile

NOT_PROSE = {"id", "sources", "url", "level", "group", "kind", "remedies", "link", "navigation", "actions", "unit"}
"""Keys whose values a reader never sees as sentences."""

NOT_CHECKED = {"sources.yaml"}
"""Source titles are quoted as published (often in American spelling)."""

FILE_GRADE = 6
"""Each file as a whole: US grade 6, a reading age of about 11."""
RED_FLAG_GRADE = 5
"""Emergency warning signs, read by someone frightened: simpler still."""
SENTENCE_GRADE = 12
"""One sentence may be harder than the file, but not past this..."""
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

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
ITEMS = {
    # noun in prose: (file, list key) of the items it counts
    "exercises": ("exercises.yaml", "exercises"),
    "stretches": ("stretches.yaml", "stretches"),
    "drills": ("running-form.yaml", "drills"),
    "cues": ("running-form.yaml", "cues"),
    "signs": ("warning-signs.yaml", "signs"),
    "causes": ("causes.yaml", "causes"),
    "tips": ("guide.yaml", "quick_tips"),
    "takeaways": ("guide.yaml", "key_takeaways"),
}
COUNTED_ITEMS = re.compile(
    rf"\b({'|'.join(NUMBER_WORDS)}|\d+)\s+(?:[a-z-]+\s+){{0,2}}?({'|'.join(ITEMS)})\b", re.IGNORECASE
)
"""'Nine simple exercises': a count of the guide's own items, which goes stale when one is added."""


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
            f"sentence reads at grade {level:.0f} (at most {SENTENCE_GRADE}): use shorter words in {quoted}"
        )
    for word in sorted(american_words(sentence)):
        problems.append(f"American spelling '{word}': write '{british(word)}'")
    return problems


def count_problems(text: str, actual: dict[str, int]) -> list[str]:
    """Counts of items in prose that no longer match the items (`actual`: noun -> how many)."""
    problems = []
    for match in COUNTED_ITEMS.finditer(text):
        number, noun = match.group(1).lower(), match.group(2).lower()
        written = NUMBER_WORDS.get(number) if not number.isdigit() else int(number)
        if noun in actual and written != actual[noun]:
            problems.append(
                f"'{match.group(0)}', but there are {actual[noun]} now: leave the number out, "
                "so it cannot go stale again"
            )
    return problems


def _item_counts(files: dict[str, LoadedFile]) -> dict[str, int]:
    counts = {}
    for noun, (name, key) in ITEMS.items():
        data = files[name].data if name in files else None
        items = data.get(key) if isinstance(data, dict) else None
        if isinstance(items, list):
            counts[noun] = len(items)
    return counts


def _group_counts(file: LoadedFile, path: PathKey, counts: dict[str, int]) -> dict[str, int]:
    """Inside a group's text, 'these four exercises' counts the items of that group."""
    data = file.data
    if len(path) < 2 or path[0] != "groups" or not isinstance(data, dict):
        return counts
    groups = data.get("groups")
    index = path[1]
    if not isinstance(groups, list) or not isinstance(index, int) or not isinstance(groups[index], dict):
        return counts
    group = groups[index].get("id")
    local = dict(counts)
    for noun, (name, key) in ITEMS.items():
        if name == file.name and isinstance(data.get(key), list):
            local[noun] = sum(1 for item in data[key] if isinstance(item, dict) and item.get("group") == group)
    return local


def _warning(file: LoadedFile, path: PathKey, message: str) -> ContentWarning:
    return file.source.place(ContentWarning, path, message)


def writing_warnings(files: list[LoadedFile]) -> list[ContentWarning]:
    """Every writing standard a parsed content file misses, placed at the text that misses it."""
    warnings: list[ContentWarning] = []
    counts = _item_counts({file.name: file for file in files})
    for file in files:
        if file.name in NOT_CHECKED:
            continue
        texts = list(prose_at(file.data))
        for path, text in texts:
            actual = _group_counts(file, path, counts)
            for sentence in sentences(text):
                found = [*sentence_problems(sentence), *count_problems(sentence, actual)]
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
