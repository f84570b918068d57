"""Content errors that point at `file:line:column`, collected so a writer sees them all at once."""

from __future__ import annotations

from dataclasses import dataclass


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
