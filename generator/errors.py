"""The generator's errors: content errors that point at `file:line:column` (collected so a writer
sees them all at once), the build's errors, and how any of them is printed safely."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

_TERMINAL_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[@-_]?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"  # other controls, bidi overrides
)
EXCERPT_CHARS = 300
"""How much of one line of a message is shown: enough to recognise a value, never megabytes."""

EXCERPT_LENGTH = 60
"""How much of a bad value a content message quotes: enough to find it, never a whole 50 MB file."""

_MESSAGE_LENGTH = 2000


class GeneratorError(Exception):
    """Anything the generator reports to a writer as a message (never as a traceback)."""


class BuildError(GeneratorError):
    """MkDocs (or a step it runs) failed, or the build was refused: strict-mode warnings, a
    template error, a hook error, an unsafe output folder."""


def excerpt(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """A short, printable quotation of a value a writer wrote: text in quotes, numbers as such."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        digits = value.bit_length() * 30103 // 100000 + 1  # str() refuses over 4,300 digits
        return str(value) if digits <= limit else f"a number about {digits:,} digits long"
    if not isinstance(value, str):
        return printable(str(value))[:limit]
    text = printable(" ".join(value[: limit * 4].split()))
    if len(text) <= limit and len(value) <= limit * 4:
        return f"'{text}'"
    return f"'{text[:limit]}\u2026' ({len(value):,} characters)"


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`: did you mean 'x'?` for the closest known word, or nothing when none is close."""
    if len(word) > 100:
        return ""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.7)
    return f": did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place of one content file (line and column count from 1).

    `file` is the path as a writer's editor can open it: `content/exercises.yaml`.
    """

    file: str
    line: int
    column: int
    message: str

    severity = "error"

    def __str__(self) -> str:
        message = printable(" ".join(self.message.split("\n")), _MESSAGE_LENGTH)
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}:{self.column}: {label}{message}"


@dataclass(frozen=True, order=True)
class ContentWarning(ContentError):
    """A writing standard not met: shown after the errors; fails `check` only with --strict."""

    severity = "warning"


class ContentErrors(GeneratorError):
    """Every problem found in the content, in file and line order."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        noun = "error" if count == 1 else "errors"
        lines = [str(error) for error in self.errors]
        return "\n".join([*lines, f"{count} {noun} in content"])


def printable(message: str, limit: int = EXCERPT_CHARS) -> str:
    """`message` safe for a terminal: no escape sequences or control characters, and each line cut
    to `limit` characters (a bad value is quoted by an excerpt, not whole)."""
    lines = []
    for line in _TERMINAL_CONTROL.sub("", message.replace("\r\n", "\n")).split("\n"):
        if len(line) > limit:
            line = f"{line[:limit]}… ({len(line):,} characters)"
        lines.append(line)
    return "\n".join(lines)
