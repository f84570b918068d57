"""One content file as read: its data, where each value came from, and its model if it validated.

Its own module so that loading, the cross-file checks and the writing standards can all name it
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.content.yamlsource import SourceMap


@dataclass(frozen=True)
class LoadedFile:
    """One content file that parsed: its data, where each value came from, and its model.

    `model` is None when the data does not match the schema: the cross-file checks then still
    run on `data`, so a writer sees every problem in one pass.
    """

    name: str
    schema: type[BaseModel]
    data: Any
    source: SourceMap
    model: Any | None
    refused: frozenset[tuple[str | int, ...]] = frozenset()
    """Where the schema refused a value: the cross-file checks say nothing more there."""
