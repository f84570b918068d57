"""Read a YAML file into plain data while remembering where every key and value came from.

PyYAML's `safe_load` forgets positions, so we compose the node tree ourselves and keep each
node's mark: validation errors can then name `file:line:column` instead of a key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, ContentErrors

PathKey = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Positions (line, column; from 1) of the values and keys of one YAML file, by key path."""

    file: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def error(self, path: PathKey, message: str, *, at_key: bool = False) -> ContentError:
        """An error placed at `path`, or at the nearest enclosing value that exists."""
        if at_key and path in self.keys:
            line, column = self.keys[path]
            return ContentError(self.file, line, column, message)
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                line, column = self.values[path[:end]]
                return ContentError(self.file, line, column, message)
        return ContentError(self.file, 1, 1, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe_syntax_error(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    return "YAML syntax error: " + ", ".join(parts)


class _Reader:
    """Turns a composed node tree into Python data, recording marks and duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, source: SourceMap) -> None:
        self.loader = loader
        self.source = source
        self.errors: list[ContentError] = []

    def read(self, node: yaml.Node, path: PathKey) -> Any:
        self.source.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._read_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _read_mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = _mark(key_node)
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                message = f"expected a text key, got {key!r}"
                self.errors.append(ContentError(self.source.file, line, column, message))
                continue
            if key in data:
                message = f"duplicate key '{key}' (each key may appear once)"
                self.errors.append(ContentError(self.source.file, line, column, message))
                continue
            self.source.keys[(*path, key)] = (line, column)
            data[key] = self.read(value_node, (*path, key))
        return data


def read_yaml(path: Path, display_name: str) -> tuple[Any, SourceMap]:
    """Parse one YAML file; raise ContentErrors for syntax errors and duplicate keys."""
    source = SourceMap(display_name)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentErrors(
            [ContentError(display_name, 1, 1, f"expected UTF-8 text ({error.reason})")]
        ) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentErrors([ContentError(display_name, 1, 1, "expected content, file is empty")])
        reader = _Reader(loader, source)
        data = reader.read(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _describe_syntax_error(error)
        raise ContentErrors([ContentError(display_name, line, column, message)]) from None
    finally:
        loader.dispose()
    if reader.errors:
        raise ContentErrors(reader.errors)
    return data, source
