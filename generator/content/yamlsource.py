"""Read a YAML file into plain data while remembering where every key and value came from.

PyYAML's `safe_load` forgets positions, so we compose the node tree ourselves and keep each
node's mark: validation errors can then name `file:line:column` instead of a key path.
Whatever the bytes, reading ends in data or in ContentErrors, never in another exception:
invisible characters, impossible dates, numbers too long to read, infinities, nesting past
MAX_DEPTH and aliases (which can expand a 400-byte file into gigabytes) are all reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.content.yamlwords import syntax_problem
from generator.errors import ContentError, ContentErrors, excerpt, printable

PathKey = tuple[str | int, ...]

MAX_DEPTH = 32
"""The content nests about six levels deep; anything past this is a mistake (or an attack)."""

MAX_DIGITS = 18
"""Longer whole numbers are never meant (and past 4,300 digits Python cannot even print them)."""

MAX_REPORTED_CHARACTERS = 10
"""Invisible characters reported per file; the rest are counted."""

INVISIBLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
"""Characters a writer cannot see: controls, line/paragraph separators, direction overrides."""

CHARACTER_NAMES = {
    "\x00": "a null character",
    "\x08": "a backspace",
    "\x0b": "a vertical tab",
    "\x0c": "a form feed",
    "\x1b": "an escape character",
    "\x7f": "a delete character",
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
    "\ufeff": "a byte order mark",
}


def describe_character(character: str) -> str:
    name = CHARACTER_NAMES.get(character, "an invisible control character")
    return f"{name} (U+{ord(character):04X})"


@dataclass
class SourceMap:
    """Positions (line, column; from 1) of the values and keys of one YAML file, by key path."""

    file: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    spans: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    """Where each text value is in `text` (start and end offsets), to place a sentence inside it."""

    def place_words(self, kind: type[ContentError], path: PathKey, words: str, message: str) -> Any:
        """An error or warning at the first of `words` inside the text value at `path`.

        YAML folds line breaks and indents into spaces, so the words are matched across any
        whitespace; when they cannot be found (escapes in double quotes), the value's start is used.
        """
        span = self.spans.get(path)
        head = words.split()[:6]
        if span and head:
            pattern = r"\s+".join(re.escape(word) for word in head)
            found = re.compile(pattern).search(self.text, span[0], span[1])
            if found:
                return kind(self.file, *_position(self.text, found.start()), message)
        return self.place(kind, path, message)

    def error(self, path: PathKey, message: str, *, at_key: bool = False) -> ContentError:
        """An error placed at `path`, or at the nearest enclosing value that exists."""
        return self.place(ContentError, path, message, at_key=at_key)

    def place(self, kind: type[ContentError], path: PathKey, message: str, *, at_key: bool = False) -> Any:
        """An error or warning (`kind`) placed like `error` places one."""
        if at_key and path in self.keys:
            line, column = self.keys[path]
            return kind(self.file, line, column, message)
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                line, column = self.values[path[:end]]
                return kind(self.file, line, column, message)
        return kind(self.file, 1, 1, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Refused(Exception):
    """Something the reader will not compose, at a mark."""

    def __init__(self, mark: yaml.Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and nesting past MAX_DEPTH while composing."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark,
                f"'*{event.anchor}' repeats an earlier part of the file (a YAML alias), which content "
                "may not do: write the text out in full",
            )
        if self.depth >= MAX_DEPTH:
            raise _Refused(
                event.start_mark, f"lists and keys nest more than {MAX_DEPTH} levels deep here: flatten them"
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Reader:
    """Turns a composed node tree into Python data, recording marks and every problem met."""

    def __init__(self, loader: yaml.SafeLoader, source: SourceMap) -> None:
        self.loader = loader
        self.source = source
        self.errors: list[ContentError] = []

    def fail(self, node: yaml.Node, message: str) -> None:
        self.errors.append(ContentError(self.source.file, *_mark(node), message))

    def read(self, node: yaml.Node, path: PathKey) -> Any:
        self.source.values[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            self.source.spans[path] = (node.start_mark.index, node.end_mark.index)
        if isinstance(node, yaml.MappingNode):
            return self._read_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag.endswith(":int") and sum(character.isdigit() for character in node.value[:100]) > MAX_DIGITS:
            self.fail(node, f"expected a number, got {excerpt(node.value)}: too long to be a number anyone means")
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, TypeError, ArithmeticError) as error:
            self.fail(node, self._unreadable(node, error))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(node, f"expected a finite number, got {excerpt(node.value)} (write a number such as 12.5)")
            return None
        if isinstance(value, str) and (found := INVISIBLE.search(value)):
            self.fail(
                node,
                f"text holds {describe_character(found.group(0))}, which readers cannot see: remove it",
            )
        return value

    @staticmethod
    def _unreadable(node: yaml.Node, error: Exception) -> str:
        if node.tag.endswith(":timestamp"):
            return f"expected a real date such as 2026-11-25, got {node.value[:40]} ({error})"
        return f"cannot read {excerpt(node.value)} as {node.tag.rsplit(':', 1)[-1]} ({printable(str(error))[:80]})"

    def _read_mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            before = len(self.errors)
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else key_node
            if len(self.errors) > before:
                continue
            if not isinstance(key, str):
                shown = "a list or keys" if isinstance(key, yaml.Node) else excerpt(key)
                self.fail(key_node, f"expected a key made of words before the colon, got {shown}")
                continue
            if key in data:
                self.fail(key_node, f"duplicate key {excerpt(key)} (each key may appear once)")
                continue
            self.source.keys[(*path, key)] = _mark(key_node)
            data[key] = self.read(value_node, (*path, key))
        return data


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _invisible_characters(text: str, file: str) -> list[ContentError]:
    """Each invisible character in the raw text (also NUL, which PyYAML itself refuses)."""
    errors = []
    found = list(INVISIBLE.finditer(text))
    for match in found[:MAX_REPORTED_CHARACTERS]:
        message = f"{describe_character(match.group(0))}, which readers cannot see: remove it"
        errors.append(ContentError(file, *_position(text, match.start()), message))
    if len(found) > MAX_REPORTED_CHARACTERS:
        line, column = _position(text, found[MAX_REPORTED_CHARACTERS].start())
        more = len(found) - MAX_REPORTED_CHARACTERS
        errors.append(ContentError(file, line, column, f"and {more:,} more invisible characters from here on"))
    return errors


def parse_yaml(raw: bytes, display_name: str) -> tuple[Any, SourceMap]:
    """Parse one YAML file's bytes; raise ContentErrors for everything that keeps it from being content."""
    source = SourceMap(display_name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(error.object.decode("utf-8", "replace"), error.start)  # type: ignore[union-attr]
        raise ContentErrors(
            [ContentError(display_name, line, column, "expected UTF-8 text: save the file as UTF-8")]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    errors = _invisible_characters(text, display_name)
    # Blank them out (same length, so every position still holds) and read on for more errors.
    text = INVISIBLE.sub(" ", text)
    source.text = text
    loader = _Loader(text)
    reader = _Reader(loader, source)
    data = None
    try:
        node = loader.get_single_node()
        if node is None:
            errors.append(ContentError(display_name, 1, 1, "expected content, but the file is empty"))
        else:
            data = reader.read(node, ())
    except _Refused as refused:
        errors.append(ContentError(display_name, refused.mark.line + 1, refused.mark.column + 1, refused.message))
    except yaml.MarkedYAMLError as error:
        (line, column), message = syntax_problem(error, text)
        errors.append(ContentError(display_name, line, column, message))
    except yaml.YAMLError as error:  # unmarked: a reader error PyYAML found before parsing
        errors.append(ContentError(display_name, 1, 1, f"cannot read this file as YAML ({printable(str(error))[:80]})"))
    finally:
        loader.dispose()
    errors.extend(reader.errors)
    if errors:
        raise ContentErrors(errors)
    return data, source
