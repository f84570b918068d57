"""The return-to-running planner: readiness checks, then run/walk sessions up to a continuous run.

No trial defines the steps back to running after low back pain, so every number here is a
convention that content states and a writer can change: the readiness checks (brisk walking
without pain, then hopping on each leg), the first week's run/walk intervals, how fast the run
intervals lengthen, the cap on each week's running time, and the pain traffic light. This
module keeps the invariants: never two run days in a row, no week's running time above the
cap over the week before, the plan ending exactly at the target continuous run, and no run
sessions at all for a reader who is not ready. Times are whole seconds; intervals are whole
multiples of STEP_SECONDS so a reader can follow them on a watch.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from typing import Any

from runners_back_calculators.inputs import (
    InputError,
    is_blank,
    parse_choice,
    parse_whole_number,
    shown,
)

KIND = "return-planner"

INPUT_FIELDS = (
    "warning_signs",
    "pain_now",
    "walk_minutes",
    "hop",
    "runs_per_week",
    "target_minutes",
    "start_date",
)
WARNING_ANSWERS = ("no", "yes", "unsure")
"""Does the reader have any warning sign? Not sure counts as yes, as in the symptom checker."""
HOP_ANSWERS = ("yes", "no", "not-tried")
"""Can the reader hop on each leg without pain?"""
PAIN_RANGE = (0, 10)
WALK_MINUTES_RANGE = (0, 600)
RUNS_PER_WEEK_RANGE = (2, 3)
"""Runs a week: with a rest day after every run, a 7-day week holds at most 3 (4 would put the
last run of one week the day before the first run of the next)."""
TARGET_MINUTES_RANGE = (10, 90)
START_DATE_RANGE = (datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))

RUN_DAYS = {2: (1, 4), 3: (1, 3, 5)}
"""Days of each plan week (1 = the start date's weekday) that have a run: alternate days."""
STEP_SECONDS = 15
"""Every run interval is a whole multiple of this."""
MAX_PLAN_WEEKS = 104

# Ranges content must keep (checked when content loads); see checks.py.
FIRST_RUN_RANGE = (30, 300)
WALK_SECONDS_RANGE = (30, 300)
FIRST_REPEATS_RANGE = (2, 12)
INTERVAL_GROWTH_RANGE = (10, 100)
MAX_INCREASE_RANGE = (5, 30)
PAIN_CEILING_MAX = 5
"""The traffic light's amber ceiling may not pass 5/10, the most Silbernagel 2007 allowed."""

READINESS = ("see-checker", "walk-first", "hop-first", "ready")
LIGHTS = ("green", "amber", "red")

TEXT_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "see_checker": frozenset({"pain_max"}),
    "walk_first": frozenset({"walk_minutes"}),
    "hop_first": frozenset(),
    "ready": frozenset({"weeks", "target_minutes"}),
    "green": frozenset({"green_max"}),
    "amber": frozenset({"green_max", "amber_max"}),
    "red": frozenset({"amber_max"}),
    "convention": frozenset(),
    "warning_signs": frozenset(),
}
"""Every text content must provide, with the str.format fields it may use."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _field_name(names: Mapping[str, str] | None, field: str) -> str:
    return (names or {}).get(field, field)


def parse_start_date(raw: object, name: str = "start_date") -> datetime.date | None:
    """A YYYY-MM-DD date within START_DATE_RANGE, or None when left blank."""
    if is_blank(raw):
        return None
    text = raw.strip() if isinstance(raw, str) else None
    low, high = START_DATE_RANGE
    try:
        if text is None or not _ISO_DATE.fullmatch(text):
            raise ValueError
        value = datetime.date.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise InputError(
            "start_date",
            f"{name} must be a date written as YYYY-MM-DD, from {low} to {high}, "
            f"got {shown(raw)}",
        )
    return value


def parse_inputs(
    rules: Mapping[str, Any],
    raw: Mapping[str, Any],
    names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Raw form or command-line values -> validated plain values, content defaults filled in.

    `rules` is the calculator's rules (`calculator_rules(guide)["return_planner"]`). A blank
    input takes the content's default (the start date has none: blank means no dates).
    Raises InputError naming the field; `names` maps a field to the name shown in messages
    (by default the reader's names in content, "Pain today"; the command line passes options).
    """
    if names is None:
        names = {field: rules["form"][field]["name"] for field in INPUT_FIELDS}
    for field in raw:
        if field not in INPUT_FIELDS:
            raise InputError(str(field), f"unknown return planner input {field!r}")
    defaults = rules["defaults"]

    def given(field: str) -> Any:
        value = raw.get(field)
        return defaults[field] if is_blank(value) else value

    def whole(field: str, bounds: tuple[int, int]) -> int:
        return parse_whole_number(
            given(field), field=field, low=bounds[0], high=bounds[1],
            name=_field_name(names, field),
        )

    def choice(field: str, choices: tuple[str, ...]) -> str:
        return parse_choice(
            given(field), field=field, choices=choices, name=_field_name(names, field)
        )

    values = {
        "warning_signs": choice("warning_signs", WARNING_ANSWERS),
        "pain_now": whole("pain_now", PAIN_RANGE),
        "walk_minutes": whole("walk_minutes", WALK_MINUTES_RANGE),
        "hop": choice("hop", HOP_ANSWERS),
        "runs_per_week": whole("runs_per_week", RUNS_PER_WEEK_RANGE),
        "target_minutes": whole("target_minutes", TARGET_MINUTES_RANGE),
    }
    start = parse_start_date(raw.get("start_date"), _field_name(names, "start_date"))
    values["start_date"] = start.isoformat() if start else None
    return values


def readiness(rules: Mapping[str, Any], warning_signs: str, pain_now: int,
              walk_minutes: int, hop: str) -> str:
    """The first check the reader does not pass, most serious first; "ready" if none.

    A warning sign (or not being sure) or pain now above the traffic light's green ceiling
    sends the reader to the symptom checker before anything else.
    """
    if warning_signs != "no" or pain_now > rules["traffic_light"]["green_max"]:
        return "see-checker"
    if walk_minutes < rules["readiness"]["walk_minutes"]:
        return "walk-first"
    if hop != "yes":
        return "hop-first"
    return "ready"


def walk_plan(rules: Mapping[str, Any], walk_minutes: int) -> list[dict[str, int]]:
    """Brisk walking minutes a day, week by week, from now up to the readiness check."""
    goal = rules["readiness"]["walk_minutes"]
    step = rules["readiness"]["walk_step_minutes"]
    weeks = []
    minutes = walk_minutes
    while minutes < goal:
        minutes = min(goal, minutes + step)
        weeks.append({"week": len(weeks) + 1, "minutes": minutes})
    return weeks


def _down_to_step(seconds: float) -> int:
    return math.floor(seconds / STEP_SECONDS) * STEP_SECONDS


def ladder(progression: Mapping[str, Any], target_seconds: int) -> list[tuple[int, int]]:
    """Each week's (run interval in seconds, repeats), from the first week to the target.

    Week 1 is the content's first intervals. Each next week the run interval grows by the
    content's interval growth (rounded down to STEP_SECONDS, never past the target), and the
    repeats are as many as keep the week's running within the cap over the week before; when
    even one would not, a single run at the cap. The last week is one run of the target.
    Raises ValueError if the content's numbers stop the plan from moving on.
    """
    run = progression["first_run_seconds"]
    repeats = progression["first_repeats"]
    growth = progression["interval_growth"]
    increase = progression["max_increase"]
    weeks = [(run, repeats)]
    while (run, repeats) != (target_seconds, 1):
        total = run * repeats
        goal = min(target_seconds, math.floor(total * (100 + increase) / 100))
        longer = min(target_seconds, _down_to_step(run * (100 + growth) / 100))
        step = (longer, min(repeats, goal // longer)) if longer <= goal else (_down_to_step(goal), 1)
        if step == (run, repeats) or len(weeks) >= MAX_PLAN_WEEKS:
            raise ValueError("return planner rules: the plan cannot progress to the target")
        run, repeats = step
        weeks.append(step)
    return weeks


def _format(template: str, **fields: Any) -> str:
    return template.format(**fields)


def plan(
    rules: Mapping[str, Any],
    warning_signs: Any = None,
    pain_now: Any = None,
    walk_minutes: Any = None,
    hop: Any = None,
    runs_per_week: Any = None,
    target_minutes: Any = None,
    start_date: Any = None,
) -> dict[str, Any]:
    """The readiness verdict and, for a reader who is ready, the sessions, as JSON-able data.

    Inputs may be raw text or values `parse_inputs` returned; None means the content's default.
    """
    values = parse_inputs(rules, {
        "warning_signs": warning_signs, "pain_now": pain_now, "walk_minutes": walk_minutes,
        "hop": hop, "runs_per_week": runs_per_week, "target_minutes": target_minutes,
        "start_date": start_date,
    })
    text = rules["text"]
    light = rules["traffic_light"]
    state = readiness(
        rules, values["warning_signs"], values["pain_now"], values["walk_minutes"], values["hop"]
    )
    sessions: list[dict[str, Any]] = []
    walking: list[dict[str, int]] = []
    weeks_to_target = 0
    if state == "see-checker":
        advice = _format(text["see_checker"], pain_max=light["green_max"])
    elif state == "walk-first":
        advice = _format(text["walk_first"], walk_minutes=rules["readiness"]["walk_minutes"])
        walking = walk_plan(rules, values["walk_minutes"])
    elif state == "hop-first":
        advice = text["hop_first"]
    else:
        weeks = ladder(rules["progression"], values["target_minutes"] * 60)
        weeks_to_target = len(weeks)
        advice = _format(text["ready"], weeks=weeks_to_target,
                         target_minutes=values["target_minutes"])
        sessions = _sessions(rules, weeks, values["runs_per_week"], values["start_date"])
    notes = [text["convention"], text["warning_signs"]]
    return {
        "readiness": state,
        "ready": state == "ready",
        "advice": advice,
        "walk_plan": walking,
        "runs_per_week": values["runs_per_week"],
        "target_minutes": values["target_minutes"],
        "start_date": values["start_date"],
        "weeks_to_target": weeks_to_target,
        "sessions": sessions,
        "traffic_light": traffic_light(rules),
        "notes": notes,
    }


def _sessions(
    rules: Mapping[str, Any], weeks: list[tuple[int, int]], runs_per_week: int,
    start_date: str | None,
) -> list[dict[str, Any]]:
    """One entry per run, on alternate days; dated when a start date is given."""
    walk = rules["progression"]["walk_seconds"]
    start = datetime.date.fromisoformat(start_date) if start_date else None
    sessions = []
    for week, (run, repeats) in enumerate(weeks, start=1):
        rest = walk if repeats > 1 else 0
        for day in RUN_DAYS[runs_per_week]:
            offset = (week - 1) * 7 + day - 1
            sessions.append({
                "session": len(sessions) + 1,
                "week": week,
                "day": day,
                "date": (start + datetime.timedelta(days=offset)).isoformat() if start else None,
                "run_seconds": run,
                "walk_seconds": rest,
                "repeats": repeats,
                "total_seconds": repeats * (run + rest),
            })
    return sessions


def traffic_light(rules: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The pain traffic light: each light's pain range (0-10), what to do, and its text."""
    light = rules["traffic_light"]
    green, amber = light["green_max"], light["amber_max"]
    text = rules["text"]
    return [
        {"light": "green", "pain_from": 0, "pain_to": green, "action": "go-on",
         "text": _format(text["green"], green_max=green)},
        {"light": "amber", "pain_from": green + 1, "pain_to": amber, "action": "repeat-week",
         "text": _format(text["amber"], green_max=green, amber_max=amber)},
        {"light": "red", "pain_from": amber + 1, "pain_to": PAIN_RANGE[1], "action": "step-back",
         "text": _format(text["red"], amber_max=amber)},
    ]


def light_for(rules: Mapping[str, Any], pain: int, settled_next_morning: bool = True,
              rising: bool = False) -> str:
    """Which light a run gives: red if pain passes amber, is not settled by the next morning
    or rises week to week; amber above green; else green."""
    light = rules["traffic_light"]
    if pain > light["amber_max"] or not settled_next_morning or rising:
        return "red"
    if pain > light["green_max"]:
        return "amber"
    return "green"
