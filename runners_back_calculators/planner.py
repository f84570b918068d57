"""The mileage planner: a week-by-week build from the current to the target weekly distance.

It keeps the invariants of the calculators contract (docs: calculators.md, "Rules" 1-7):
capped weekly increases, a recovery week after every N-1 build weeks, a capped longest run,
and the last week exactly at the target. All arithmetic is exact: distances are whole
tenths of the unit, percentages are fractions, and every capped value is rounded down, so
rounding can never push a week over a cap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from runners_back_calculators.formatting import KM_PER_MILE, number
from runners_back_calculators.inputs import (
    InputError,
    exact_number,
    is_blank,
    parse_choice,
    parse_number,
    parse_whole_number,
    shown,
)

UNITS = ("km", "mi")

MAX_INCREASE_RANGE = (1, 30)
"""Allowed maximum weekly increase, percent."""
RECOVERY_EVERY_RANGE = (2, 6)
"""Allowed length of a build-and-recover block, weeks (a recovery week every N weeks)."""
RECOVERY_CUT_RANGE = (10, 50)
"""Allowed cut of a recovery week below the last build week, percent."""
WEEKS_RANGE = (1, 104)
"""Allowed number of weeks available."""
LONG_RUN_CAP_RANGE = (100, 110)
"""Content's long-run cap, percent of the longest run in the previous 4 weeks (rule 4: 110)."""
LONG_RUN_SHARE_RANGE = (20, 60)
"""Content's long-run share, percent of the week's distance."""
LONG_RUN_WINDOW = 4
"""Weeks looked back for the longest recent run (rule 4)."""
MAX_PLAN_WEEKS = 104
"""Longest plan shown: a target further away than two years is reported, not listed."""

INPUT_FIELDS = (
    "current",
    "target",
    "unit",
    "max_increase",
    "recovery_every",
    "recovery_cut",
    "longest_run",
    "weeks",
)
NOTE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "no_proof": frozenset(),
    "warning_signs": frozenset(),
    "holding": frozenset({"weeks"}),
    "short_of_target": frozenset({"weeks", "weeks_needed"}),
}
"""Every note content must provide, with the str.format fields it may use.

`holding` gets the number of holding weeks; `short_of_target` the weeks shown and the weeks
the target needs. The no_proof and warning_signs notes are shown verbatim (not formatted).
"""


_NOTE_PART = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
"""In a note: a doubled brace, a `{placeholder}`, or a lone brace."""


def note_problem(template: str, allowed: frozenset[str]) -> str | None:
    """What is wrong with a note's placeholders, in a writer's words, or None.

    Notes are filled by `fill_note`, never by str.format: a format spec such as
    `{weeks:>300000000}` would otherwise build a 300 MB string.
    """
    expected = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
    for match in _NOTE_PART.finditer(template):
        name = match.group(1)
        if match.group(0) in ("{{", "}}") or name in allowed:
            continue
        if name is None:
            if not allowed:
                continue  # shown verbatim: a brace is just a brace
            return f"a lone '{match.group(0)}': write {{{{ or }}}} for a brace, or a placeholder ({expected})"
        bare = re.split(r"[:!.\[]", name, maxsplit=1)[0]
        if bare in allowed:
            return f"write the placeholder as just {{{bare}}}, with nothing after its name"
        return f"unknown placeholder {name[:40]} (expected: {expected})"
    return None


def fill_note(template: str, **values: object) -> str:
    """A note with its `{placeholders}` filled in and `{{`/`}}` made single braces."""

    def part(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        return str(values[name]) if name in values else token

    return _NOTE_PART.sub(part, template)


@dataclass(frozen=True)
class Settings:
    """Validated inputs in exact form: distances in whole tenths of the unit."""

    unit: str
    current: int
    target: int
    max_increase: Fraction
    recovery_every: int
    recovery_cut: Fraction
    longest_run: int
    weeks: int | None

    def as_plain(self) -> dict[str, Any]:
        """The same inputs as plain JSON-able numbers that `plan` accepts back unchanged."""
        return {
            "current": self.current / 10,
            "target": self.target / 10,
            "unit": self.unit,
            "max_increase": _plain(self.max_increase),
            "recovery_every": self.recovery_every,
            "recovery_cut": _plain(self.recovery_cut),
            "longest_run": self.longest_run / 10,
            "weeks": self.weeks,
        }


def _plain(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def _rule_number(rules_planner: Mapping[str, Any], key: str) -> Fraction:
    """A number the content sets (not the reader): a bad one is a content bug, not input."""
    value = exact_number(rules_planner[key])
    if value is None or value <= 0:
        raise ValueError(f"planner rules: {key} must be a number greater than 0")
    return value


def max_distance_tenths(rules_planner: Mapping[str, Any], unit: str) -> int:
    """The absurd-distance limit in whole tenths of `unit` (400 km is 248.5 mi)."""
    limit_km = _rule_number(rules_planner, "max_weekly_km")
    limit = limit_km if unit == "km" else limit_km / KM_PER_MILE
    return math.floor(limit * 10)


def validate(
    rules_planner: Mapping[str, Any],
    raw: Mapping[str, Any],
    names: Mapping[str, str] | None = None,
) -> Settings:
    """Every planner input checked, defaults filled in from content, as exact `Settings`.

    Blank optional inputs (None or empty text, as an untouched form field sends) take the
    content's default; current and target are required. `names` maps a field to the name
    shown in messages (the command line passes "--current" for "current").
    """
    names = dict(names or {})

    def name(field: str) -> str:
        return names.get(field, field)

    for field in raw:
        if field not in INPUT_FIELDS:
            raise InputError(str(field), f"unknown planner input {field!r}")

    def given(field: str) -> Any:
        value = raw.get(field)
        return rules_planner[field] if is_blank(value) else value

    unit = parse_choice(given("unit"), field="unit", choices=UNITS, name=name("unit"))
    top = Fraction(max_distance_tenths(rules_planner, unit), 10)

    def distance(field: str, high: Fraction, note: str = "") -> int:
        value = parse_number(
            raw.get(field), field=field, low=Fraction(1, 10), high=high,
            unit=unit + note, name=name(field),
        )
        return math.floor(value * 10)

    current = distance("current", top)
    target = distance("target", top)
    max_increase = parse_number(
        given("max_increase"), field="max_increase", low=MAX_INCREASE_RANGE[0],
        high=MAX_INCREASE_RANGE[1], what="a percentage", name=name("max_increase"),
    )
    recovery_every = parse_whole_number(
        given("recovery_every"), field="recovery_every", low=RECOVERY_EVERY_RANGE[0],
        high=RECOVERY_EVERY_RANGE[1], name=name("recovery_every"),
    )
    recovery_cut = parse_number(
        given("recovery_cut"), field="recovery_cut", low=RECOVERY_CUT_RANGE[0],
        high=RECOVERY_CUT_RANGE[1], what="a percentage", name=name("recovery_cut"),
    )
    if is_blank(raw.get("longest_run")):
        share = _rule_number(rules_planner, "long_run_share")
        longest_run = max(1, math.floor(current * share / 100))
    else:
        longest_run = distance(
            "longest_run", Fraction(current, 10), f" (no more than {name('current')})"
        )
    weeks = None
    if not is_blank(raw.get("weeks")):
        weeks = parse_whole_number(
            raw.get("weeks"), field="weeks", low=WEEKS_RANGE[0], high=WEEKS_RANGE[1],
            name=name("weeks"),
        )

    if target > current and _grown(current, max_increase) == current:
        # In steps of 0.1 a week this small can never grow by the allowed percentage.
        smallest = math.ceil(100 / max_increase)
        raise InputError(
            "current",
            f"{name('current')} must be at least {number(Fraction(smallest, 10))} "
            f"{unit} to build in steps of 0.1 {unit} at a maximum increase of "
            f"{number(max_increase)}%, got {shown(raw.get('current'))}",
        )
    return Settings(
        unit, current, target, max_increase, recovery_every, recovery_cut, longest_run, weeks
    )


def parse_inputs(
    rules_planner: Mapping[str, Any],
    raw: Mapping[str, Any],
    names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Raw form or command-line values -> validated plain numbers, defaults filled in.

    Raises InputError naming the field. Distances come back rounded down to 0.1 of the unit
    and the default longest run is resolved, so `plan(rules, **parse_inputs(rules, raw))`
    plans exactly what was validated.
    """
    return validate(rules_planner, raw, names).as_plain()


def _grown(level: int, max_increase: Fraction) -> int:
    """The most a week may reach after `level` (rule 1), rounded down to a tenth."""
    return math.floor(level * (1 + max_increase / 100))


def schedule(settings: Settings) -> list[tuple[int, bool]]:
    """Every week up to the one that reaches the target: (distance in tenths, recovery?).

    Each build week is the largest rule 1 allows, capped at the target; after N-1 build
    weeks comes a recovery week cut from the last build week, then building resumes from
    that last build level. Terminates because `validate` refused a week that cannot grow.
    """
    keep = 1 - settings.recovery_cut / 100
    level = settings.current
    builds_in_row = 0
    weeks: list[tuple[int, bool]] = []
    while level < settings.target:
        if builds_in_row == settings.recovery_every - 1:
            weeks.append((math.floor(level * keep), True))
            builds_in_row = 0
            continue
        level = min(settings.target, _grown(level, settings.max_increase))
        builds_in_row += 1
        weeks.append((level, False))
    return weeks


def long_runs(
    rules_planner: Mapping[str, Any], settings: Settings, distances: list[int]
) -> list[int]:
    """Each week's longest allowed single run, in tenths (rule 4).

    At most long_run_cap% of the longest run in the previous 4 weeks (the current longest run
    counts as the week before week 1), at most long_run_share% of the week, never more than
    the week itself; rounded down.
    """
    cap = _rule_number(rules_planner, "long_run_cap") / 100
    share = _rule_number(rules_planner, "long_run_share") / 100
    history = [settings.longest_run]
    for distance in distances:
        recent = max(history[-LONG_RUN_WINDOW:])
        history.append(min(math.floor(recent * cap), math.floor(distance * share), distance))
    return history[1:]


def plan(
    rules_planner: Mapping[str, Any],
    current: Any,
    target: Any,
    unit: Any = None,
    max_increase: Any = None,
    recovery_every: Any = None,
    recovery_cut: Any = None,
    longest_run: Any = None,
    weeks: Any = None,
) -> dict[str, Any]:
    """The plan as JSON-able data: unit, weeks, reaches_target, weeks_to_target, notes.

    Inputs may be numbers or raw text; None (or blank text) means the content's default.
    A target at or below the current distance gives a holding plan: one block of
    `recovery_every` weeks at the target. A target further than `weeks` (or than
    MAX_PLAN_WEEKS when no limit is given) is planned as far as that limit and the notes
    say how many weeks it needs.
    """
    raw = {
        "current": current,
        "target": target,
        "unit": unit,
        "max_increase": max_increase,
        "recovery_every": recovery_every,
        "recovery_cut": recovery_cut,
        "longest_run": longest_run,
        "weeks": weeks,
    }
    return build_plan(rules_planner, validate(rules_planner, raw))


def build_plan(rules_planner: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
    """The plan for inputs `validate` already accepted (see `plan`)."""
    notes_text = rules_planner["notes"]
    notes: list[str] = []
    if settings.target <= settings.current:
        hold = settings.recovery_every
        if settings.weeks is not None:
            hold = min(hold, settings.weeks)
        weeks_planned = [(settings.target, False)] * hold
        weeks_needed = 1
        notes.append(fill_note(notes_text["holding"], weeks=hold))
    else:
        full = schedule(settings)
        weeks_needed = len(full)
        limit = settings.weeks if settings.weeks is not None else MAX_PLAN_WEEKS
        weeks_planned = full[:limit]
        if weeks_needed > limit:
            notes.append(
                fill_note(notes_text["short_of_target"], weeks=limit, weeks_needed=weeks_needed)
            )
    notes.append(notes_text["no_proof"])
    notes.append(notes_text["warning_signs"])

    distances = [distance for distance, _ in weeks_planned]
    long_run_tenths = long_runs(rules_planner, settings, distances)
    return {
        "unit": settings.unit,
        "weeks": [
            {
                "week": number,
                "distance": distance / 10,
                "long_run": long_run / 10,
                "recovery": recovery,
            }
            for number, ((distance, recovery), long_run) in enumerate(
                zip(weeks_planned, long_run_tenths, strict=True), start=1
            )
        ],
        "reaches_target": weeks_needed <= len(weeks_planned),
        "weeks_to_target": weeks_needed,
        "notes": notes,
    }
