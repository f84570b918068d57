"""One module formats numbers, distances, times, doses and dates for the site, widgets and PDF."""

from __future__ import annotations

import datetime
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from generator.content.model import Dose
from runners_back_calculators import formatting
from runners_back_calculators.formatting import (
    converted,
    dose_sentence,
    dose_text,
    duration,
    long_date,
    number,
    number_range,
    tenths,
)


def test_numbers_read_as_a_reader_writes_them() -> None:
    assert [number(v) for v in (20, 20.0, 7.5, 0.1, "12", Fraction(2485, 10), Fraction(400), 1.25)] == [
        "20", "20", "7.5", "0.1", "12", "248.5", "400", "1.25"
    ]


@given(st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False))
def test_a_number_is_shown_as_the_same_exact_value(value) -> None:  # type: ignore[no-untyped-def]
    shown = number(Fraction(value))
    assert Fraction(shown) == Fraction(value)
    assert "e" not in shown and not shown.endswith(".0")


def test_ranges_tenths_and_conversions() -> None:
    assert [number_range(2, 2), number_range(2, 3)] == ["2", "2\u20133"]
    assert [tenths(22), tenths(7.25), tenths(0.04)] == ["22.0", "7.2", "0.0"]
    assert [converted(10, "km"), converted(10, "mi"), converted(42.195, "km")] == [6.2, 16.1, 26.2]


def test_durations_read_off_a_watch() -> None:
    assert [duration(s) for s in (15, 60, 90, 600, 5400)] == ["15 s", "1 min", "1 min 30 s", "10 min", "90 min"]


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_a_long_date_has_no_leading_zero_and_no_locale(date: datetime.date) -> None:
    day, month, year = long_date(date).split(" ")
    assert (int(day), formatting.MONTHS.index(month) + 1, int(year)) == (date.day, date.month, date.year)
    assert not day.startswith("0")


def test_long_date_exactly() -> None:
    assert long_date(datetime.date(2026, 10, 1)) == "1 October 2026"


def _dose(**changes: object) -> Dose:
    data: dict[str, object] = {
        "sets": {"min": 2, "max": 3}, "reps": {"min": 8, "max": 12}, "times_per_week": {"min": 2, "max": 3},
        "rest_seconds": {"min": 30, "max": 60}, "effort": "Hard.", "progression": "More.", "flare_up": "Fine.",
    }
    data.update(changes)
    return Dose.model_validate(data)


def test_doses_in_print_and_on_the_site_exactly() -> None:
    both = _dose(hold_seconds={"min": 5, "max": 5}, per_side=True)
    assert dose_text(both) == "2\u20133 sets of 8\u201312 reps and held 5 seconds, each side; 2\u20133 times a week"
    assert dose_sentence(both) == (
        "2\u20133 sets of 8\u201312 repetitions, holding 5 seconds on each side, 2\u20133 times a week"
    )
    hold = _dose(reps=None, hold_seconds={"min": 30, "max": 30}, sets={"min": 1, "max": 1},
                 times_per_week={"min": 1, "max": 1})
    assert dose_text(hold) == "1 set held 30 seconds; once a week"
    assert dose_sentence(hold) == "1 sets, holding 30 seconds, 1 times a week"


def test_no_strftime_anywhere_in_the_generator() -> None:
    from pathlib import Path

    import generator

    roots = [Path(generator.__file__).parent, Path(formatting.__file__).parent]  # the build and the calculators
    files = [path for root in roots for path in root.rglob("*")
             if path.is_file() and path.suffix in {".py", ".j2", ".html"}]
    assert len(files) > 60  # both packages and the templates were searched
    assert [path.name for path in files if ".strftime(" in path.read_text(encoding="utf-8")] == []
