"""Plain-English messages, with positions, for the schema errors pydantic finds in a content file."""

from __future__ import annotations

import datetime
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.content.yamlsource import PathKey, SourceMap
from generator.errors import ContentError, did_you_mean, excerpt


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
            return "indented `key: value` lines"
    return excerpt(value)


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


def _keys(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the key a writer types: its alias where it has one (`go-on`, `and`)."""
    return {field.alias or name: field for name, field in model.model_fields.items()}


def _model_at(schema: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path` (list indices are skipped)."""
    model: Any = schema
    for key in path:
        if isinstance(key, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = _keys(model).get(key)
        if field is None:
            return None
        model = _unwrap(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _expected_keys(schema: type[BaseModel], path: PathKey) -> str:
    model = _model_at(schema, path)
    if model is None:
        return ""
    return f" (expected one of: {', '.join(_keys(model))})"


def _field(schema: type[BaseModel], path: PathKey) -> tuple[str, Any] | None:
    """The key and the annotation (with its constraints) of the field at `path`, list items skipped."""
    keys = [index for index, key in enumerate(path) if isinstance(key, str)]
    if not keys:
        return None
    last = keys[-1]
    model = _model_at(schema, path[:last])
    field = _keys(model).get(path[last]) if model else None
    if field is None:
        return None
    annotation = typing.Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    return str(path[last]), annotation


def _is_id(annotation: Any) -> bool:
    metadata = typing.get_args(annotation)[1:] if typing.get_origin(annotation) is typing.Annotated else ()
    return any("a-z0-9" in str(getattr(item, "pattern", "") or "") for item in metadata)


def _example(annotation: Any) -> str | None:
    """A value of this type as a writer would write it after the colon, when it has a set form."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return _example(next(arg for arg in typing.get_args(annotation) if arg is not type(None)))
    if origin is typing.Annotated:
        inner = typing.get_args(annotation)[0]
        if typing.get_origin(inner) is list:
            return _example(inner) if not _is_id(typing.get_args(inner)[0]) else "[first-id, second-id]"
        return "an-id" if _is_id(annotation) else _example(inner)
    if origin is list:
        (item,) = typing.get_args(annotation)
        if _is_id(item):
            return "[first-id, second-id]"
        if typing.get_origin(item) is typing.Literal:
            return "[" + ", ".join(typing.get_args(item)) + "]"
        return None
    if origin is typing.Literal:
        return str(typing.get_args(annotation)[0])
    if annotation is not None and getattr(annotation, "__name__", "") == "Range":
        return "{min: 2, max: 3}"
    return {bool: "true", int: "3", float: "12.5", datetime.date: "2026-11-25"}.get(annotation)


def expected_form(schema: type[BaseModel], path: PathKey) -> str:
    """`: write sets as `sets: {min: 2, max: 3}`` for the field at `path`, or nothing."""
    found = _field(schema, path)
    if found is None:
        return ""
    key, annotation = found
    example = _example(annotation)
    if example is not None:
        return f": write {key} as `{key}: {example}`"
    inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated else annotation
    if typing.get_origin(inner) is list:
        return f": write {key} as a list, one `- ` line per item under `{key}:`"
    model = _unwrap(inner)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return f": write {key} as indented `key: value` lines under `{key}:` ({', '.join(_keys(model))})"
    return ""


def _message(error: dict[str, Any], schema: type[BaseModel], path: PathKey) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    key = path[-1] if path else ""
    if kind == "missing":
        found = _field(schema, path)
        example = _example(found[1]) if found else None
        if example:
            return f"missing required key '{key}': add `{key}: {example}`"
        model = _unwrap(found[1]) if found else None
        if isinstance(model, type) and issubclass(model, BaseModel):
            required = ", ".join(name for name, field in _keys(model).items() if field.is_required())
            return f"missing required key '{key}': add `{key}:` and under it, indented, at least {required}"
        return f"missing required key '{key}'"
    if kind == "extra_forbidden":
        model = _model_at(schema, path[:-1])
        close = did_you_mean(str(key), _keys(model)) if model else ""
        return f"unknown key {excerpt(str(key))}{close}{_expected_keys(schema, path[:-1])}"
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
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = did_you_mean(value, choices) if isinstance(value, str) else ""
        return f"expected one of {ctx.get('expected')}, got {_kind(value)}{close}"
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
        "model_type": "indented `key: value` lines",
        "dict_type": "indented `key: value` lines",
        "model_attributes_type": "indented `key: value` lines",
    }.get(kind)
    if expected:
        return f"expected {expected}, got {_kind(value)}{expected_form(schema, path)}"
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
