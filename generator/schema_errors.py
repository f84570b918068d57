"""Plain-English messages, with positions, for the schema errors pydantic finds in a content file."""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import ContentError, excerpt
from generator.yamlsource import PathKey, SourceMap


def _kind(value: Any) -> str:
    """How a writer would describe a YAML value."""
    match value:
        case None:
            return "nothing"
        case bool():
            return f"true/false ({str(value).lower()})"
        case int() | float():
            return f"a number ({excerpt(value)})"
        case str():
            return f"text ({excerpt(value)})"
        case datetime.date():
            return f"a date ({value})"
        case list():
            return "a list"
        case dict():
            return "a mapping of keys"
    return type(value).__name__


def _unwrap(annotation: Any) -> Any:
    """The model class inside list[...], X | None and Annotated[...], if there is one."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _model_at(schema: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path` (list indices are skipped)."""
    model: Any = schema
    for key in path:
        if isinstance(key, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(key)
        if field is None:
            return None
        model = _unwrap(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _expected_keys(schema: type[BaseModel], path: PathKey) -> str:
    model = _model_at(schema, path)
    if model is None:
        return ""
    return f" (expected one of: {', '.join(model.model_fields)})"


def _message(error: dict[str, Any], schema: type[BaseModel], path: PathKey) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    key = path[-1] if path else ""
    if kind == "missing":
        return f"missing required key '{key}'"
    if kind == "extra_forbidden":
        return f"unknown key '{key}'{_expected_keys(schema, path[:-1])}"
    if kind == "string_too_short":
        return "expected text, got empty text"
    if kind == "string_pattern_mismatch":
        if "https" in ctx.get("pattern", ""):
            return f"expected a web address starting with https://, got {_kind(value)}"
        return (
            "expected an id of lower-case letters, digits and single hyphens "
            f"(such as 'side-plank'), got {_kind(value)}"
        )
    if kind == "too_short" and key == "sources":
        return "expected at least one source id: every claim must cite a source"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"expected at most {ctx.get('max_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, got {_kind(value)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {
            "greater_than": ("greater than", "gt"),
            "greater_than_equal": ("at least", "ge"),
            "less_than": ("less than", "lt"),
            "less_than_equal": ("at most", "le"),
        }[kind]
        return f"expected a number {words[0]} {ctx.get(words[1])}, got {_kind(value)}"
    expected = {
        "string_type": "text",
        "int_type": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "date_type": "a date such as 2026-11-25",
        "list_type": "a list",
        "model_type": "a mapping of keys",
        "dict_type": "a mapping of keys",
        "model_attributes_type": "a mapping of keys",
    }.get(kind)
    if expected:
        return f"expected {expected}, got {_kind(value)}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def schema_errors(
    error: ValidationError, schema: type[BaseModel], source: SourceMap
) -> list[ContentError]:
    """Every error pydantic found, placed at the key or value it concerns."""
    found = []
    for item in error.errors():
        path: PathKey = tuple(item["loc"])
        message = _message(dict(item), schema, path)
        found.append(source.error(path, message, at_key=item["type"] == "extra_forbidden"))
    return found
