"""The generator's errors: content errors that point at `file:line:column` (collected so a writer
sees them all at once), the build's errors, and how any of them is printed safely."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[@-_]?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"  # other controls, bidi overrides
)
EXCERPT_CHARS = 300
"""How much of one line of a message is shown: enough to recognise a value, never megabytes."""


class GeneratorError(Exception):
    """Anything the generator reports to a writer as a message (never as a traceback)."""


class BuildError(GeneratorError):
    """MkDocs (or a step it runs) failed, or the build was refused: strict-mode warnings, a
    template error, a hook error, an unsafe output folder."""


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place of one content file (line and column count from 1)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


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
