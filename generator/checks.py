"""Rules that span files: unique ids, references that resolve, review dates, the calculators' contract."""

from __future__ import annotations

import datetime
import string
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from generator.calculators import checker, planner, return_plan
from generator.calculators.inputs import InputError
from generator.errors import ContentError
from generator.model import (
    GENERATED_PAGES,
    Cause,
    Claim,
    Drill,
    EmergencyBox,
    Exercise,
    Movement,
    FormCue,
    Group,
    Page,
    Section,
    Stretch,
    WarningSign,
)
from generator.yamlsource import PathKey

if TYPE_CHECKING:
    from generator.load import LoadedFile

ANCHORED = (Page, Section, Cause, Group, Exercise, Stretch, FormCue, Drill, WarningSign)
"""Things with a heading of their own: their ids are anchors, unique across the whole guide."""

REMEDIES = (Section, Group, Exercise, Stretch, FormCue, Drill)
"""What a cause may name as a remedy."""

MAX_REVIEW_AGE = datetime.timedelta(days=366)


def walk(model: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, BaseModel]]:
    """Every model inside `model`, with its key path, depth first in file order."""
    if isinstance(model, BaseModel):
        yield path, model
        for name in type(model).model_fields:
            yield from walk(getattr(model, name), (*path, name))
    elif isinstance(model, list):
        for index, item in enumerate(model):
            yield from walk(item, (*path, index))


class _Checker:
    def __init__(self, files: list[LoadedFile], today: datetime.date) -> None:
        self.files = {file.name: file for file in files}
        self.today = today
        self.errors: list[ContentError] = []

    def error(self, file: str, path: PathKey, message: str) -> None:
        self.errors.append(self.files[file].source.error(path, message))

    def items(self) -> Iterator[tuple[str, PathKey, BaseModel]]:
        for name, file in self.files.items():
            for path, model in walk(file.model):
                yield name, path, model

    def _where(self, file: str, path: PathKey) -> str:
        first = self.files[file].source.error(path, "")
        return f"{first.file}:{first.line}:{first.column}"

    def unique(self, kinds: tuple[type, ...], what: str) -> dict[str, BaseModel]:
        seen: dict[str, tuple[str, PathKey, BaseModel]] = {}
        for name, path, model in self.items():
            if not isinstance(model, kinds):
                continue
            ident = model.id  # type: ignore[attr-defined]
            if ident in seen:
                where = self._where(*seen[ident][:2])
                self.error(name, (*path, "id"), f"duplicate {what} '{ident}' (already used at {where})")
            else:
                seen[ident] = (name, (*path, "id"), model)
        return {ident: model for ident, (_, _, model) in seen.items()}

    def run(self) -> list[ContentError]:
        anchors = self.unique(ANCHORED, "id")
        sources = self.unique_sources()
        remedies = {ident for ident, model in anchors.items() if isinstance(model, REMEDIES)}
        page_ids = {ident for ident, model in anchors.items() if isinstance(model, Page)}
        linkable = set(anchors) | set(GENERATED_PAGES)
        for name, path, model in self.items():
            self.check_sources(name, path, model, sources)
            self.check_links(name, path, model, remedies, linkable)
            self.check_groups(name, path, model)
        self.check_navigation(page_ids)
        self.check_dates()
        self.check_warning_signs()
        self.check_planner()
        self.check_return_planner()
        return self.errors

    def unique_sources(self) -> set[str]:
        seen: dict[str, PathKey] = {}
        for index, source in enumerate(self.files["sources.yaml"].model.sources):
            path = ("sources", index, "id")
            if source.id in seen:
                where = self._where("sources.yaml", seen[source.id])
                self.error("sources.yaml", path, f"duplicate source id '{source.id}' (already used at {where})")
            seen.setdefault(source.id, path)
        return set(seen)

    def check_sources(self, name: str, path: PathKey, model: BaseModel, sources: set[str]) -> None:
        for index, source_id in enumerate(getattr(model, "sources", None) or []):
            if isinstance(source_id, str) and source_id not in sources:
                self.error(
                    name,
                    (*path, "sources", index),
                    f"unknown source '{source_id}' (expected an id from sources.yaml)",
                )

    def check_links(
        self, name: str, path: PathKey, model: BaseModel, remedies: set[str], linkable: set[str]
    ) -> None:
        if isinstance(model, Cause):
            for index, remedy in enumerate(model.remedies):
                if remedy not in remedies:
                    self.error(
                        name,
                        (*path, "remedies", index),
                        f"unknown remedy '{remedy}' (expected the id of an exercise, stretch, "
                        "form cue, drill, group or section)",
                    )
        if isinstance(model, Claim | EmergencyBox) and model.link is not None and model.link not in linkable:
            self.error(name, (*path, "link"), f"unknown link '{model.link}' (expected a page or item id)")

    def check_groups(self, name: str, path: PathKey, model: BaseModel) -> None:
        if not isinstance(model, Movement):
            return
        groups = {group.id for group in self.files[name].model.groups}
        if model.group not in groups:
            expected = ", ".join(sorted(groups))
            self.error(name, (*path, "group"), f"unknown group '{model.group}' (expected one of: {expected})")

    def check_navigation(self, page_ids: set[str]) -> None:
        navigation = self.files["guide.yaml"].model.navigation
        known = page_ids | set(GENERATED_PAGES)
        for index, page_id in enumerate(navigation):
            path = ("navigation", index)
            if page_id not in known:
                self.error("guide.yaml", path, f"unknown page '{page_id}' (expected one of: {', '.join(sorted(known))})")
            elif navigation.index(page_id) != index:
                self.error("guide.yaml", path, f"page '{page_id}' is listed twice")
        for missing in sorted(known - set(navigation)):
            self.error("guide.yaml", ("navigation",), f"page '{missing}' is missing from navigation")

    def check_dates(self) -> None:
        meta = self.files["guide.yaml"].model
        if meta.next_review <= self.today:
            self.error(
                "guide.yaml",
                ("next_review",),
                f"next review date {meta.next_review} has passed (today is {self.today}): "
                "review the content, then set last_reviewed and a new next_review",
            )
        for name, path, model in self.items():
            reviewed = getattr(model, "last_reviewed", None)
            if not isinstance(reviewed, datetime.date):
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
            missing = [action for action in checker.required_actions(sign.id, sign.level) if action not in sign.actions]
            if missing:
                self.error(
                    "warning-signs.yaml",
                    ("signs", index, "level" if "actions" not in sign.model_fields_set else "actions"),
                    f"warning sign '{sign.id}' must carry the action{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(missing)} (write `actions: [{', '.join(checker.required_actions(sign.id, sign.level))}]`)",
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
            used = {name for _, name, _, _ in string.Formatter().parse(rules["notes"][key]) if name}
            if used - allowed:
                expected = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
                self.error(
                    "training-load.yaml",
                    ("planner", "notes", key),
                    f"unknown placeholder {', '.join(sorted(used - allowed))} (expected: {expected})",
                )
        inputs = ("current", "target", "unit", "max_increase", "recovery_every", "recovery_cut")
        # The schema stores percentages as floats; show a writer's 45 as 45, not 45.0.
        raw = {key: int(rules[key]) if isinstance(rules[key], float) and rules[key].is_integer() else rules[key] for key in inputs}
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
            used = {field for _, field, _, _ in string.Formatter().parse(text) if field}
            if used - allowed:
                expected = ", ".join(f"{{{field}}}" for field in sorted(allowed)) or "none"
                where = (block, key, "hint") if block == "form" else (block, key)
                self.error(name, where, f"unknown placeholder {', '.join(sorted(used - allowed))} (expected: {expected})")
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


def cross_check(files: list[LoadedFile], today: datetime.date) -> list[ContentError]:
    """Every rule that needs more than one file, or the calendar."""
    return _Checker(files, today).run()


__all__ = ["cross_check", "walk"]
