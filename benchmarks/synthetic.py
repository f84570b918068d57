"""Synthetic content: the real content/ scaled up n times, for the build-growth benchmark.

Every item of every content file (each entry of a top-level list of mappings: sources, causes,
groups, exercises, stretches, form cues, drills, sections, warning signs, takeaways and tips) is
copied n - 1 times. Copy k gets suffixed ids (`plank` -> `plank-x2`) and its references are
rewired to copy k of what they point at (its sources, remedies, group and link), so the scaled
guide is as well-formed as the real one and `generator.content.load.load_guide` accepts it. Pages,
navigation, the four warning levels and the planner's defaults are not copied: the site keeps
its pages, each page just holds n times as much.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

NOT_COPIED = frozenset({"levels", "navigation", "actions"})
"""Top-level lists that keep their length: exactly four levels; one entry per page; the wording
of each action a warning sign can carry, exactly once."""

REFERENCE_KEYS = frozenset({"id", "sources", "remedies", "group", "link"})
"""Keys whose values are ids of copied items (or lists of them)."""

LABEL_KEYS = ("title", "name", "label")
"""Headings a reader sees: a copy's says which copy it is, so no two headings read the same."""


def _item_lists(data: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    """The top-level lists of items in one file's data, by key."""
    if not isinstance(data, dict):
        return []
    return [
        (key, value)
        for key, value in data.items()
        if key not in NOT_COPIED
        and isinstance(value, list)
        and value
        and all(isinstance(item, dict) for item in value)
    ]


def suffixed(ident: str, copy_number: int) -> str:
    """The id of copy `copy_number` (2, 3, ...) of the item `ident`."""
    return f"{ident}-x{copy_number}"


def _rewire(value: Any, ids: frozenset[str], copy_number: int, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {name: _rewire(item, ids, copy_number, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_rewire(item, ids, copy_number, key) for item in value]
    if key in REFERENCE_KEYS and isinstance(value, str) and value in ids:
        return suffixed(value, copy_number)
    return value


def copied_ids(files: dict[str, Any]) -> frozenset[str]:
    """Every id that gets copies: the ids of the items of every file."""
    return frozenset(
        item["id"]
        for data in files.values()
        for _, items in _item_lists(data)
        for item in items
        if isinstance(item.get("id"), str)
    )


def scale_data(files: dict[str, Any], factor: int) -> dict[str, Any]:
    """The content files' data (by file name) with every item list `factor` times as long."""
    if factor < 1:
        raise ValueError(f"expected a factor of at least 1, got {factor}")
    ids = copied_ids(files)
    scaled: dict[str, Any] = {}
    for name, data in files.items():
        data = copy.deepcopy(data)
        for key, items in _item_lists(data):
            copies = []
            for number in range(2, factor + 1):
                for item in items:
                    twin = _rewire(item, ids, number)
                    for label in LABEL_KEYS:
                        if isinstance(twin.get(label), str):
                            twin[label] = f"{twin[label]} ({number})"
                    copies.append(twin)
            data[key] = items + copies
        scaled[name] = data
    return scaled


def read_content(content_dir: Path) -> dict[str, Any]:
    """Every YAML file of `content_dir` as plain data, by file name."""
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(content_dir.glob("*.y*ml"))
    }


def write_scaled_content(content_dir: Path, out_dir: Path, factor: int) -> Path:
    """Write `content_dir` scaled `factor` times into `out_dir` (created); returns `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in scale_data(read_content(content_dir), factor).items():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
        (out_dir / name).write_text(text, encoding="utf-8")
    return out_dir


def item_count(files: dict[str, Any]) -> int:
    """How many items (entries of the copied lists) the content holds."""
    return sum(len(items) for data in files.values() for _, items in _item_lists(data))


__all__ = [
    "copied_ids", "item_count", "read_content", "scale_data", "suffixed", "write_scaled_content",
]
