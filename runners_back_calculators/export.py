"""A plan as a calendar file (RFC 5545 iCalendar) or a spreadsheet (CSV), in standard library.

The browser's worker calls these on the plan it has just drawn, so a download is made on the
reader's device from the same numbers the page shows. The mileage plan gives one all-day event
per week, the return plan one per run session. Output depends only on its inputs: the UIDs are
a digest of the plan and the DTSTAMP is the plan's start, never the clock, so the same plan
always makes the same bytes (and a calendar app that imports it twice replaces, not doubles).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Mapping
from typing import Any

from runners_back_calculators.formatting import duration, tenths
from runners_back_calculators.inputs import InputError
from runners_back_calculators.return_plan import parse_start_date

MILEAGE = "mileage-planner"
RETURN = "return-planner"
KINDS = (MILEAGE, RETURN)

FILE_NAMES = {MILEAGE: "mileage-plan", RETURN: "return-to-running-plan"}
"""Download names, without the extension."""
MEDIA_TYPES = {"ics": "text/calendar; charset=utf-8", "csv": "text/csv; charset=utf-8"}

PRODUCT_ID = "-//Runners' Back Guide//Plan export//EN"
LINE_OCTETS = 75
"""RFC 5545 3.1: lines longer than this, in octets, are folded."""


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError("kind", f"kind must be {' or '.join(map(repr, KINDS))}, got {kind!r}")
    return kind


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.

    Each continuation starts with one space, which counts towards its 75 octets.
    """
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date(value: datetime.date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _digest(plan: Mapping[str, Any], start: datetime.date, kind: str) -> str:
    canonical = json.dumps([kind, start.isoformat(), plan], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _mileage_events(plan: Mapping[str, Any], start: datetime.date) -> list[dict[str, Any]]:
    unit = plan["unit"]
    events = []
    for week in plan["weeks"]:
        first = start + datetime.timedelta(days=7 * (week["week"] - 1))
        kind = "recovery week" if week["recovery"] else "build week"
        events.append({
            "start": first,
            "end": first + datetime.timedelta(days=7),
            "summary": f"Week {week['week']}: {tenths(week['distance'])} {unit} ({kind})",
            "description": f"Run {tenths(week['distance'])} {unit} in all this week. "
            f"Longest single run: {tenths(week['long_run'])} {unit}.",
        })
    return events


def _return_events(plan: Mapping[str, Any], start: datetime.date) -> list[dict[str, Any]]:
    events = []
    runs = plan["runs_per_week"]
    for session in plan["sessions"]:
        day = start + datetime.timedelta(days=7 * (session["week"] - 1) + session["day"] - 1)
        run = duration(session["run_seconds"])
        if session["repeats"] == 1:
            summary = f"Run {run} without a break"
        else:
            summary = (f"Run {run}, walk {duration(session['walk_seconds'])}, "
                       f"{session['repeats']} times")
        number = (session["session"] - 1) % runs + 1
        events.append({
            "start": day,
            "end": day + datetime.timedelta(days=1),
            "summary": summary,
            "description": f"Week {session['week']}, run {number} of {runs}. "
            f"Session time {duration(session['total_seconds'])}. Rest the next day. "
            "Check your pain against the traffic light during the run and the next morning.",
        })
    return events


def _start(plan: Mapping[str, Any], start_date: object, kind: str, name: str) -> datetime.date:
    """The plan's first day: the given one, else the return plan's own start date."""
    start = parse_start_date(start_date, name)
    if start is None and kind == RETURN and plan.get("start_date"):
        start = parse_start_date(plan["start_date"], name)
    if start is None:
        raise InputError("start_date", f"{name} is needed to put a plan in a calendar")
    return start


def _events(plan: Mapping[str, Any], start: datetime.date, kind: str) -> list[dict[str, Any]]:
    events = _mileage_events(plan, start) if kind == MILEAGE else _return_events(plan, start)
    if not events:
        raise InputError("plan", "the plan has no runs to put in a calendar")
    return events


def to_ics(
    plan: Mapping[str, Any], start_date: object, kind: str, name: str = "start_date"
) -> str:
    """The plan as an iCalendar file: all-day events, CRLF lines folded at 75 octets.

    `plan` is what planner.plan or return_plan.plan returned; `start_date` (YYYY-MM-DD) is
    the first day of week 1 (for a return plan, blank means the plan's own start date).
    Raises InputError for a missing or bad start date (called `name` in the message), or a
    plan with no runs.
    """
    kind = _kind(kind)
    start = _start(plan, start_date, kind, name)
    digest = _digest(plan, start, kind)
    stamp = _date(start) + "T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
    ]
    for number, event in enumerate(_events(plan, start, kind), start=1):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{kind}-{digest}-{number}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(event['start'])}",
            f"DTEND;VALUE=DATE:{_date(event['end'])}",
            f"SUMMARY:{escape_text(event['summary'])}",
            f"DESCRIPTION:{escape_text(event['description'])}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


CSV_COLUMNS = {
    MILEAGE: ("week", "distance", "long_run", "unit", "recovery"),
    RETURN: ("session", "week", "day", "date", "run_seconds", "walk_seconds", "repeats",
             "total_seconds"),
}


def to_csv(plan: Mapping[str, Any], kind: str) -> str:
    """The plan as CSV (RFC 4180: CRLF rows, a header row of the plan's own field names).

    One row per week of a mileage plan, one per session of a return plan; distances with one
    decimal as the page shows them, times in whole seconds, an undated session's date empty.
    """
    kind = _kind(kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS[kind])
    if kind == MILEAGE:
        for week in plan["weeks"]:
            writer.writerow([week["week"], tenths(week["distance"]), tenths(week["long_run"]),
                             plan["unit"], "yes" if week["recovery"] else "no"])
    else:
        for session in plan["sessions"]:
            writer.writerow([session[column] if session[column] is not None else ""
                             for column in CSV_COLUMNS[RETURN]])
    return out.getvalue()
