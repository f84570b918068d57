"""Rules that span files: unique ids, references that resolve, review dates, the calculators' contract."""

from __future__ import annotations

import datetime
import string
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.content import pose
from generator.content.loaded import LoadedFile
from generator.content.model import (
    ANCHORED,
    GENERATED_PAGES,
    Cause,
    Claim,
    Drill,
    EmergencyBox,
    Exercise,
    FormCue,
    Group,
    Movement,
    Page,
    Section,
    Source,
    SourcesFile,
    Stretch,
    walk,
)
from generator.content.yamlsource import PathKey
from generator.errors import ContentError, did_you_mean
from runners_back_calculators import checker, planner, return_plan, views
from runners_back_calculators.inputs import InputError

REMEDIES = (Section, Group, Exercise, Stretch, FormCue, Drill)
"""What a cause may name as a remedy."""

MAX_REVIEW_AGE = datetime.timedelta(days=366)


def walk_data(annotation: Any, data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, type, dict]]:
    """Every mapping in raw `data` whose schema class is known, with that class, in file order.

    Works on data that failed validation too, so the cross-file checks can run on it.
    """
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from walk_data(typing.get_args(annotation)[0], data, path)
    elif origin in (typing.Union, types.UnionType):
        shapes = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if shapes:
            yield from walk_data(shapes[0], data, path)
    elif origin is list and isinstance(data, list):
        (item_type,) = typing.get_args(annotation)
        for index, item in enumerate(data):
            yield from walk_data(item_type, item, (*path, index))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(data, dict):
        yield path, annotation, data
        for name, field in annotation.model_fields.items():
            if name in data:
                yield from walk_data(field.annotation, data[name], (*path, name))


def _texts(value: Any) -> list[tuple[int, str]]:
    """The text items of a list, with their indices (anything else was a schema error already)."""
    return [(index, item) for index, item in enumerate(value)] if isinstance(value, list) else []


def _is_day(value: Any) -> bool:
    """A date, not a date and time (which cannot be compared with one; the schema refuses it)."""
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


class _Checker:
    def __init__(self, files: list[LoadedFile], today: datetime.date, complete: bool) -> None:
        self.files = {file.name: file for file in files}
        self.today = today
        self.complete = complete
        """Every file parsed: only then can an id be called unknown."""
        self.errors: list[ContentError] = []

    def error(self, file: str, path: PathKey, message: str) -> None:
        if path not in self.files[file].refused:
            self.errors.append(self.files[file].source.error(path, message))

    def items(self) -> Iterator[tuple[str, PathKey, type, dict]]:
        for name, file in self.files.items():
            for path, kind, data in walk_data(file.schema, file.data):
                yield name, path, kind, data

    def _where(self, file: str, path: PathKey) -> str:
        first = self.files[file].source.error(path, "")
        return f"{first.file}:{first.line}:{first.column}"

    def unique(self, kinds: tuple[type, ...], what: str) -> dict[str, type]:
        seen: dict[str, tuple[str, PathKey, type]] = {}
        for name, path, kind, data in self.items():
            ident = data.get("id")
            if not issubclass(kind, kinds) or not isinstance(ident, str):
                continue
            if ident in seen:
                where = self._where(*seen[ident][:2])
                self.error(name, (*path, "id"), f"duplicate {what} '{ident}' (already used at {where})")
            else:
                seen[ident] = (name, (*path, "id"), kind)
        return {ident: kind for ident, (_, _, kind) in seen.items()}

    def run(self) -> list[ContentError]:
        anchors = self.unique(ANCHORED, "id")
        sources = self.unique_sources() if "sources.yaml" in self.files else None
        remedies = {ident for ident, kind in anchors.items() if issubclass(kind, REMEDIES)}
        page_ids = {ident for ident, kind in anchors.items() if issubclass(kind, Page)}
        linkable = set(anchors) | set(GENERATED_PAGES)
        for name, path, kind, data in self.items():
            if sources is not None and kind is not SourcesFile:
                self.check_sources(name, path, data, sources)
            if self.complete:
                self.check_links(name, path, kind, data, remedies, linkable)
            self.check_groups(name, path, kind, data)
        for name, file in self.files.items():  # a pose is judged once its file has validated
            if file.model is not None:
                for path, model in walk(file.model):
                    self.check_positions(name, path, model)
        if self.complete:
            self.check_navigation(page_ids)
        self.check_dates()
        if self.validated("warning-signs.yaml"):
            self.check_warning_signs()
        if self.validated("training-load.yaml"):
            self.check_planner()
        if self.validated("return-planner.yaml"):
            self.check_return_planner()
        if self.validated("widgets.yaml"):
            self.check_wording()
        return self.errors

    def top(self, name: str) -> dict:
        """The top-level keys of a file that parsed, or nothing (a file may hold just a list)."""
        data = self.files[name].data if name in self.files else None
        return data if isinstance(data, dict) else {}

    def validated(self, name: str) -> bool:
        return name in self.files and self.files[name].model is not None

    def unique_sources(self) -> set[str]:
        seen: dict[str, PathKey] = {}
        for path, kind, data in walk_data(SourcesFile, self.files["sources.yaml"].data):
            ident = data.get("id")
            if kind is not Source or not isinstance(ident, str):
                continue
            if ident in seen:
                where = self._where("sources.yaml", seen[ident])
                self.error("sources.yaml", (*path, "id"), f"duplicate source id '{ident}' (already used at {where})")
            seen.setdefault(ident, (*path, "id"))
        return set(seen)

    def check_sources(self, name: str, path: PathKey, data: dict, sources: set[str]) -> None:
        for index, source_id in _texts(data.get("sources")):
            if isinstance(source_id, str) and source_id not in sources:
                self.error(
                    name,
                    (*path, "sources", index),
                    f"unknown source '{source_id}'{did_you_mean(source_id, sources)} "
                    "(expected an id from sources.yaml)",
                )

    def check_links(
        self, name: str, path: PathKey, kind: type, data: dict, remedies: set[str], linkable: set[str]
    ) -> None:
        if issubclass(kind, Cause):
            for index, remedy in _texts(data.get("remedies")):
                if isinstance(remedy, str) and remedy not in remedies:
                    self.error(
                        name,
                        (*path, "remedies", index),
                        f"unknown remedy '{remedy}'{did_you_mean(remedy, remedies)} (expected the id of an "
                        "exercise, stretch, form cue, drill, group or section)",
                    )
        link = data.get("link")
        if issubclass(kind, (Claim, EmergencyBox)) and isinstance(link, str) and link not in linkable:
            self.error(
                name, (*path, "link"),
                f"unknown link '{link}'{did_you_mean(link, linkable)} (expected a page or item id)",
            )

    def check_groups(self, name: str, path: PathKey, kind: type, data: dict) -> None:
        group = data.get("group")
        if not issubclass(kind, Movement) or not isinstance(group, str):
            return
        groups = {
            item.get("id") for _, item_kind, item in walk_data(self.files[name].schema, self.files[name].data)
            if item_kind is Group
        }
        groups.discard(None)
        if group not in groups:
            expected = ", ".join(sorted(str(group_id) for group_id in groups))
            self.error(
                name, (*path, "group"),
                f"unknown group '{group}'{did_you_mean(group, map(str, groups))} (expected one of: {expected})",
            )

    def check_positions(self, name: str, path: PathKey, model: BaseModel) -> None:
        """Every exercise, stretch and drill is drawn, and every drawn position is one a body can take."""
        if isinstance(model, pose.Position):
            for where, message in pose.problems(model):
                self.error(name, (*path, *where), message)
        elif isinstance(model, (Movement, Drill)) and not model.positions:
            kind = type(model).__name__.lower()
            self.error(
                name,
                (*path, "id"),
                f"{kind} '{model.id}' has no positions: add `positions:` with a start and an end "
                "(see 'Add or change a figure' in README.md)",
            )
        elif isinstance(model, (Movement, Drill, FormCue)):
            ids = [position.id for position in model.positions]
            for index, ident in enumerate(ids):
                if ids.index(ident) != index:
                    self.error(name, (*path, "positions", index, "id"), f"position '{ident}' is listed twice")

    def check_navigation(self, page_ids: set[str]) -> None:
        navigation = [item for _, item in _texts(self.top("guide.yaml").get("navigation"))]
        known = page_ids | set(GENERATED_PAGES)
        for index, page_id in enumerate(navigation):
            path = ("navigation", index)
            if not isinstance(page_id, str):
                continue
            if page_id not in known:
                self.error(
                    "guide.yaml", path,
                    f"unknown page '{page_id}'{did_you_mean(page_id, known)} "
                    f"(expected one of: {', '.join(sorted(known))})",
                )
            elif navigation.index(page_id) != index:
                self.error("guide.yaml", path, f"page '{page_id}' is listed twice")
        for missing in sorted(known - set(item for item in navigation if isinstance(item, str))):
            self.error("guide.yaml", ("navigation",), f"page '{missing}' is missing from navigation")

    def check_dates(self) -> None:
        next_review = self.top("guide.yaml").get("next_review")
        if _is_day(next_review) and next_review <= self.today:
            self.error(
                "guide.yaml",
                ("next_review",),
                f"next review date {next_review} has passed (today is {self.today}): "
                "review the content, then set last_reviewed and a new next_review",
            )
        for name, path, _, data in self.items():
            reviewed = data.get("last_reviewed")
            if not _is_day(reviewed):
                continue
            where = (*path, "last_reviewed")
            if reviewed > self.today:
                self.error(name, where, f"last reviewed date {reviewed} is in the future (today is {self.today})")
            elif self.today - reviewed > MAX_REVIEW_AGE:
                self.error(name, where, f"last reviewed {reviewed}, more than 12 months before {self.today}")

    def check_warning_signs(self) -> None:
        content = self.files["warning-signs.yaml"].model
        for index, (level, expected) in enumerate(zip(content.levels, checker.LEVELS, strict=False)):
            if level.id != expected:
                self.error(
                    "warning-signs.yaml",
                    ("levels", index, "id"),
                    f"expected level '{expected}' here (levels run {', '.join(checker.LEVELS)}), got '{level.id}'",
                )
        rank = {level: index for index, level in enumerate(checker.LEVELS)}
        signs = {sign.id: (index, sign) for index, sign in enumerate(content.signs)}
        for index, sign in enumerate(content.signs):
            if sign.level not in checker.SIGN_LEVELS:
                self.error(
                    "warning-signs.yaml",
                    ("signs", index, "level"),
                    f"warning sign '{sign.id}' cannot be at '{sign.level}': a yes must never end in "
                    f"reassurance (use {', '.join(checker.SIGN_LEVELS)})",
                )
            missing = [action for action in checker.required_actions(sign.id, sign.level) if action not in sign.actions]
            if missing:
                self.error(
                    "warning-signs.yaml",
                    ("signs", index, "level" if "actions" not in sign.model_fields_set else "actions"),
                    f"warning sign '{sign.id}' must carry the action{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(missing)} "
                    f"(write `actions: [{', '.join(checker.required_actions(sign.id, sign.level))}]`)",
                )
        for sign_id, minimum in checker.REQUIRED_SIGNS.items():
            if sign_id not in signs:
                self.error("warning-signs.yaml", ("signs",), f"missing required warning sign '{sign_id}'")
                continue
            index, sign = signs[sign_id]
            if rank[sign.level] > rank[minimum]:
                self.error(
                    "warning-signs.yaml",
                    ("signs", index, "level"),
                    f"warning sign '{sign_id}' must be at least '{minimum}', got '{sign.level}'",
                )

    def check_planner(self) -> None:
        """The defaults must be a plan the planner itself accepts: one validator, not two."""
        defaults = self.files["training-load.yaml"].model.planner
        rules = defaults.model_dump(exclude={"sources"})
        ranges = {"long_run_cap": planner.LONG_RUN_CAP_RANGE, "long_run_share": planner.LONG_RUN_SHARE_RANGE}
        for key, (low, high) in ranges.items():
            if not low <= rules[key] <= high:
                self.error(
                    "training-load.yaml",
                    ("planner", key),
                    f"expected a number from {low} to {high} (the planner's allowed range), got {rules[key]}",
                )
        for key, allowed in planner.NOTE_PLACEHOLDERS.items():
            problem = planner.note_problem(rules["notes"][key], allowed)
            if problem:
                self.error("training-load.yaml", ("planner", "notes", key), problem)
        inputs = ("current", "target", "unit", "max_increase", "recovery_every", "recovery_cut")
        # The schema stores percentages as floats; show a writer's 45 as 45, not 45.0.
        raw = {
            key: int(rules[key]) if isinstance(rules[key], float) and rules[key].is_integer() else rules[key]
            for key in inputs
        }
        try:
            planner.parse_inputs(rules, raw)
        except InputError as error:
            self.error("training-load.yaml", ("planner", error.field), f"planner default: {error.message}")

    def check_return_planner(self) -> None:
        """The return planner's numbers within its allowed ranges, its texts' placeholders
        known, its defaults accepted by its own validator, and every target reachable."""
        name = "return-planner.yaml"
        content = self.files[name].model
        rules = content.model_dump(exclude={"sources"}, by_alias=True)
        bad = len(self.errors)
        ranges = {
            ("progression", "first_run_seconds"): return_plan.FIRST_RUN_RANGE,
            ("progression", "walk_seconds"): return_plan.WALK_SECONDS_RANGE,
            ("progression", "first_repeats"): return_plan.FIRST_REPEATS_RANGE,
            ("progression", "interval_growth"): return_plan.INTERVAL_GROWTH_RANGE,
            ("progression", "max_increase"): return_plan.MAX_INCREASE_RANGE,
            ("traffic_light", "amber_max"): (1, return_plan.PAIN_CEILING_MAX),
        }
        for (block, key), (low, high) in ranges.items():
            value = rules[block][key]
            if not low <= value <= high:
                self.error(name, (block, key), f"expected a whole number from {low} to {high} "
                           f"(the return planner's allowed range), got {value}")
        step = return_plan.STEP_SECONDS
        if rules["progression"]["first_run_seconds"] % step:
            self.error(name, ("progression", "first_run_seconds"),
                       f"expected a whole multiple of {step} seconds, got {rules['progression']['first_run_seconds']}")
        templates = [("text", key, allowed) for key, allowed in return_plan.TEXT_PLACEHOLDERS.items()]
        templates += [("form", key, frozenset({"low", "high"})) for key in return_plan.INPUT_FIELDS]
        templates.append(("labels", "day", frozenset({"day"})))
        templates.append(("labels", "check_walk", frozenset({"walk_minutes"})))
        for block, key, allowed in templates:
            text = rules[block][key]["hint"] if block == "form" else rules[block][key]
            problem = planner.note_problem(text, allowed)  # lone braces and format specs too, never a crash
            if problem:
                where = (block, key, "hint") if block == "form" else (block, key)
                self.error(name, where, problem)
        try:
            return_plan.parse_inputs(rules, {})
        except InputError as error:
            self.error(name, ("defaults", error.field), f"return planner default: {error.message}")
        if len(self.errors) > bad:
            return
        low, high = return_plan.TARGET_MINUTES_RANGE
        first = rules["progression"]["first_run_seconds"] * rules["progression"]["first_repeats"]
        if first > low * 60:
            self.error(name, ("progression", "first_repeats"), f"week 1 runs {first} seconds in all, more than the "
                       f"shortest target the planner allows ({low} minutes)")
            return
        for minutes in range(low, high + 1):
            try:
                return_plan.ladder(rules["progression"], minutes * 60)
            except ValueError:
                self.error(name, ("progression",), f"with these numbers a plan for a {minutes} minute run never "
                           "gets there: raise interval_growth or max_increase")
                return

    def check_wording(self) -> None:
        """Each message of widgets.yaml shows exactly the fields the calculator fills in."""
        name = "widgets.yaml"
        for path, text in _messages(self.files[name].data):
            allowed = _placeholders(path)
            problem = planner.note_problem(text, allowed)  # lone braces and format specs too
            if problem is None and allowed:
                used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
                missing = sorted(allowed - used)
                if missing:
                    expected = ", ".join(f"{{{field}}}" for field in sorted(allowed))
                    problem = f"missing placeholder {', '.join(f'{{{field}}}' for field in missing)} " \
                        f"(expected: {expected})"
            if problem:
                self.error(name, path, problem)


def _placeholders(path: PathKey) -> frozenset[str]:
    """The fields a message of widgets.yaml must show, by its key path."""
    if path[0] == "form":  # form: calculator: field: hint
        if len(path) != 4 or path[3] != "hint":
            return frozenset()
        return views.FORM_HINT_PLACEHOLDERS.get(str(path[1]), {}).get(str(path[2]), frozenset())
    return views.WORDING_PLACEHOLDERS.get(path[0], frozenset())


def _messages(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text in a file's data with its key path, in file order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _messages(value, (*path, key))
    elif isinstance(data, str):
        yield path, data


def cross_check(files: list[LoadedFile], today: datetime.date, *, complete: bool = True) -> list[ContentError]:
    """Every rule that needs more than one file, or the calendar, on whatever parsed.

    `complete` says every content file parsed; without it, an id missing from the files at hand
    may be in one that did not, so references are not checked.
    """
    return _Checker(files, today, complete).run()


__all__ = ["cross_check", "did_you_mean", "walk_data"]
