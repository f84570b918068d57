"""How numbers, distances, times, doses and dates read, for the site, the widgets and the PDF.

Standard library only: the calculators' views use it in the browser's worker (Pyodide) too, so
one function draws a value the same way wherever it appears. No locale and no `strftime`
(`%-d` exists only in glibc): the guide's English is written out here.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

KM_PER_MILE = Fraction("1.609344")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def number(value: Fraction | int | float | str) -> str:
    """A number as a reader writes it: 20, 7.5, 248.5 (never 20.0, 7.50 or 2485/10).

    Text is returned as it is (a default such as a unit or an answer is already what to show).
    """
    if isinstance(value, str):
        return value
    exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    if exact.denominator == 1:
        return str(exact.numerator)
    return format(float(exact), "g")


def number_range(low: int, high: int) -> str:
    """'2' when both ends agree, else '2–3' (an en dash)."""
    return str(low) if low == high else f"{low}\u2013{high}"


def tenths(value: float) -> str:
    """A distance as the plan shows it: one decimal, 22.0."""
    return f"{value:.1f}"


def converted(value: float, unit: str) -> float:
    """A distance in `unit` given in the other unit, to 0.1: computed, so it cannot be mistyped."""
    factor = 1 / KM_PER_MILE if unit == "km" else KM_PER_MILE
    return round(float(Fraction(str(value)) * factor), 1)


def duration(seconds: int) -> str:
    """A time as a runner reads it off a watch: 45 s, 1 min, 1 min 30 s, 30 min."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" if not rest else f"{minutes} min {rest} s"


def long_date(date: datetime.date) -> str:
    """'1 October 2026', whatever the machine's locale."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _counted(value: Any, one: str, many: str) -> str:
    return f"{value} {one if value.max == 1 else many}"


def dose_text(dose: Any) -> str:
    """A dose in print: '2–3 sets of 8–12 reps, each side; 2–3 times a week'.

    `dose` is a content Dose (its ranges print as `number_range`).
    """
    what = [_counted(dose.sets, "set", "sets")]
    if dose.reps is not None:
        what.append(f"of {_counted(dose.reps, 'rep', 'reps')}")
    if dose.hold_seconds is not None:
        what.append(f"{'and ' if dose.reps is not None else ''}held {dose.hold_seconds} seconds")
    text = " ".join(what)
    if dose.per_side:
        text += ", each side"
    times = "once a week" if dose.times_per_week.max == 1 else f"{dose.times_per_week} times a week"
    return f"{text}; {times}"


def dose_sentence(dose: Any) -> str:
    """A dose on the site: '2–3 sets of 8–12 repetitions on each side, 2–3 times a week'."""
    text = f"{dose.sets} sets"
    if dose.reps:
        text += f" of {dose.reps} repetitions"
    if dose.hold_seconds:
        text += f", holding {dose.hold_seconds} seconds"
    if dose.per_side:
        text += " on each side"
    return f"{text}, {dose.times_per_week} times a week"
