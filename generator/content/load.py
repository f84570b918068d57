"""Load content/ into a validated Guide, or raise every problem found, with its position."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.content import checks
from generator.content.loaded import LoadedFile
from generator.content.model import CONTENT_TYPES, Guide
from generator.content.schema_errors import schema_errors
from generator.content.standards import writing_warnings
from generator.content.yamlsource import parse_yaml
from generator.errors import ContentError, ContentErrors, ContentWarning, did_you_mean


def display_dir(content_dir: Path) -> str:
    """The content folder as a writer's editor can open it: relative to here when inside it."""
    if content_dir.is_absolute():
        try:
            return content_dir.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return content_dir.as_posix()
    return content_dir.as_posix()


def _load_file(content_dir: Path, name: str, schema: type[BaseModel]) -> tuple[LoadedFile | None, list[ContentError]]:
    path = content_dir / name
    shown = f"{display_dir(content_dir)}/{name}"
    if not path.is_file():
        return None, [ContentError(shown, 1, 1, f"missing content file: create {shown}")]
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [ContentError(shown, 1, 1, f"cannot read this file ({error.strerror})")]
    file, errors = _read_and_validate(raw, shown, name, schema)
    return file, list(errors)


@functools.lru_cache(maxsize=2 * len(CONTENT_TYPES))
def _read_and_validate(raw: bytes, shown: str, name: str, schema: type[BaseModel]
                       ) -> tuple[LoadedFile | None, tuple[ContentError, ...]]:
    """One file's reading, kept while its bytes stay the same.

    A writer's save changes one file; the preview's rebuild then reads only that one again
    (reading and validating every file took most of a second). Nothing changes what is read.
    """
    try:
        data, source = parse_yaml(raw, shown)
    except ContentErrors as problem:
        return None, tuple(problem.errors)
    try:
        return LoadedFile(name, schema, data, source, schema.model_validate(data)), ()
    except ValidationError as error:
        refused = frozenset(tuple(item["loc"]) for item in error.errors())
        return LoadedFile(name, schema, data, source, None, refused), tuple(schema_errors(error, schema, source))


def _unexpected_files(content_dir: Path) -> list[ContentError]:
    """Anything but the known files: a misspelt name would be ignored, a backup published.

    Hidden files (an editor's `.swp`, a `.DS_Store`) are neither read nor published, so they pass.
    """
    shown = display_dir(content_dir)
    try:
        entries = sorted(content_dir.iterdir())
    except OSError as error:
        return [ContentError(shown, 1, 1, f"cannot list the content folder ({error.strerror})")]
    return [
        ContentError(f"{shown}/{path.name}", 1, 1, _not_content(path.name, shown))
        for path in entries
        if path.name not in CONTENT_TYPES and not path.name.startswith(".")
    ]


def _not_content(name: str, shown: str) -> str:
    close = did_you_mean(name, CONTENT_TYPES) if name.endswith((".yaml", ".yml")) else ""
    if close:
        return f"not a content file{close} (rename it, or move it out of {shown}/)"
    return f"not a content file: move it out of {shown}/ (content files are: {', '.join(CONTENT_TYPES)})"


@dataclass(frozen=True)
class Report:
    """What `check` tells a writer: every error, every writing standard missed, and the guide if valid."""

    guide: Guide | None
    errors: list[ContentError]
    warnings: list[ContentWarning]


def check_content(content_dir: Path, today: datetime.date | None = None, *, standards: bool = True) -> Report:
    """Read, validate and cross-check every content file, and (with `standards`) the writing.

    Args:
        content_dir: the folder holding guide.yaml and the chapter files.
        today: the date the review dates are checked against (tests pass a fixed one).
        standards: also check the writing standards (warnings), on every file that parsed.
    """
    today = today or datetime.date.today()
    if not content_dir.is_dir():
        shown = display_dir(content_dir)
        return Report(None, [ContentError(shown, 1, 1, f"no content folder at {shown}")], [])
    errors = _unexpected_files(content_dir)
    loaded: dict[str, LoadedFile] = {}
    for name, entry in CONTENT_TYPES.items():
        file, found = _load_file(content_dir, name, entry.schema)
        errors.extend(found)
        if file is not None:
            loaded[name] = file
    errors.extend(checks.cross_check(list(loaded.values()), today, complete=len(loaded) == len(CONTENT_TYPES)))
    warnings = sorted(set(writing_warnings(list(loaded.values())))) if standards else []
    if errors:
        return Report(None, sorted(set(errors)), warnings)
    return Report(Guide.of({name: file.model for name, file in loaded.items()}), [], warnings)


def load_guide(content_dir: Path, today: datetime.date | None = None) -> Guide:
    """Read, validate and cross-check every content file; all errors are raised together.

    Args:
        content_dir: the folder holding guide.yaml and the chapter files.
        today: the date the review dates are checked against (tests pass a fixed one).
    """
    report = check_content(content_dir, today, standards=False)
    if report.guide is None:
        raise ContentErrors(report.errors)
    return report.guide
