"""Load content/ into a validated Guide, or raise every problem found, with its position."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import checks
from generator.errors import ContentError, ContentErrors
from generator.model import CHAPTER_FILES, TOPIC_FILES, Guide, GuideFile, ReturnPlannerFile, SourcesFile
from generator.schema_errors import schema_errors
from generator.yamlsource import SourceMap, read_yaml

CONTENT_FILES: dict[str, type[BaseModel]] = {
    "guide.yaml": GuideFile,
    "sources.yaml": SourcesFile,
    **CHAPTER_FILES,
    "return-planner.yaml": ReturnPlannerFile,
}

_GUIDE_FIELDS = {
    "guide.yaml": "meta",
    "sources.yaml": "sources",
    "causes.yaml": "causes",
    "exercises.yaml": "exercises",
    "stretches.yaml": "stretches",
    "running-form.yaml": "form",
    "training-load.yaml": "training_load",
    "shoes-and-surfaces.yaml": "shoes",
    "recovery.yaml": "recovery",
    "warning-signs.yaml": "warning_signs",
    "return-planner.yaml": "return_planner",
}


@dataclass(frozen=True)
class LoadedFile:
    """One content file: its validated model and where each of its values came from."""

    name: str
    model: Any
    source: SourceMap


def _load_file(content_dir: Path, name: str, schema: type[BaseModel]) -> LoadedFile:
    path = content_dir / name
    if not path.is_file():
        raise ContentErrors([ContentError(name, 1, 1, f"missing content file (expected {path})")])
    data, source = read_yaml(path, name)
    try:
        return LoadedFile(name, schema.model_validate(data), source)
    except ValidationError as error:
        raise ContentErrors(schema_errors(error, schema, source)) from None


def _unexpected_files(content_dir: Path) -> list[ContentError]:
    """A misspelt file name would otherwise be silently ignored."""
    found = sorted(content_dir.glob("*.y*ml"))
    return [
        ContentError(path.name, 1, 1, f"unknown content file (expected one of: {', '.join(CONTENT_FILES)})")
        for path in found
        if path.name not in CONTENT_FILES
    ]


def load_guide(content_dir: Path, today: datetime.date | None = None) -> Guide:
    """Read, validate and cross-check every content file; all errors are raised together.

    Args:
        content_dir: the folder holding guide.yaml and the chapter files.
        today: the date the review dates are checked against (tests pass a fixed one).
    """
    today = today or datetime.date.today()
    errors = _unexpected_files(content_dir)
    loaded: dict[str, LoadedFile] = {}
    for name, schema in CONTENT_FILES.items():
        try:
            loaded[name] = _load_file(content_dir, name, schema)
        except ContentErrors as problem:
            errors.extend(problem.errors)
    if len(loaded) == len(CONTENT_FILES):
        errors.extend(checks.cross_check(list(loaded.values()), today))
    if errors:
        raise ContentErrors(errors)
    fields = {_GUIDE_FIELDS[name]: file.model for name, file in loaded.items() if name in _GUIDE_FIELDS}
    return Guide(**fields, topics=tuple(loaded[name].model for name in TOPIC_FILES))
