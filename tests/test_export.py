"""Plan export: iCalendar (checked by the icalendar parser and exactly) and CSV."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator_fixtures import planner_rules
from conftest import examples
from return_fixtures import return_rules
from runners_back_calculators import export, planner, return_plan
from runners_back_calculators.export import escape_text, fold, to_csv, to_ics
from runners_back_calculators.inputs import InputError

HOLDING = planner.plan(planner_rules(), 40, 40, weeks=2)
MILEAGE = planner.plan(planner_rules(), 20, 40)
RETURN = return_plan.plan(return_rules(), target_minutes=10, runs_per_week=2)


def events(text: str) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == export.PRODUCT_ID
    return list(calendar.walk("VEVENT"))


def assert_well_formed(text: str) -> None:
    """RFC 5545 3.1: CRLF line ends only, no line over 75 octets."""
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75


def test_a_two_week_mileage_plan_exactly() -> None:
    text = to_ics(HOLDING, "2026-12-07", "mileage-planner")
    uid = text.split("UID:", 1)[1].split("-1\r\n", 1)[0]
    assert uid.startswith("mileage-planner-") and len(uid) == len("mileage-planner-") + 16
    assert text == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Runners' Back Guide//Plan export//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}-1\r\n"
        "DTSTAMP:20261207T000000Z\r\n"
        "DTSTART;VALUE=DATE:20261207\r\n"
        "DTEND;VALUE=DATE:20261214\r\n"
        "SUMMARY:Week 1: 40.0 km (build week)\r\n"
        "DESCRIPTION:Run 40.0 km in all this week. Longest single run: 16.0 km.\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}-2\r\n"
        "DTSTAMP:20261207T000000Z\r\n"
        "DTSTART;VALUE=DATE:20261214\r\n"
        "DTEND;VALUE=DATE:20261221\r\n"
        "SUMMARY:Week 2: 40.0 km (build week)\r\n"
        "DESCRIPTION:Run 40.0 km in all this week. Longest single run: 16.0 km.\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


def test_the_mileage_calendar_parses_with_one_all_day_event_per_week() -> None:
    text = to_ics(MILEAGE, "2026-12-28", "mileage-planner")
    assert_well_formed(text)
    found = events(text)
    assert len(found) == len(MILEAGE["weeks"]) == 10
    starts = [event.decoded("DTSTART") for event in found]
    assert starts == [datetime.date(2026, 12, 28) + datetime.timedelta(weeks=n) for n in range(10)]
    assert all(type(start) is datetime.date for start in starts)  # all-day: VALUE=DATE
    assert [str(event["SUMMARY"]) for event in found][3] == "Week 4: 19.9 km (recovery week)"
    assert len({str(event["UID"]) for event in found}) == 10
    assert all(event.decoded("DTSTAMP") == datetime.datetime(2026, 12, 28, tzinfo=datetime.UTC)
               for event in found)


def test_the_return_calendar_has_one_event_per_session_on_its_day() -> None:
    text = to_ics(RETURN, "2026-12-07", "return-planner")
    assert_well_formed(text)
    found = events(text)
    assert len(found) == len(RETURN["sessions"]) == 18
    assert [event.decoded("DTSTART") for event in found[:3]] == [
        datetime.date(2026, 12, 7), datetime.date(2026, 12, 10), datetime.date(2026, 12, 14)]
    assert str(found[0]["SUMMARY"]) == "Run 1 min, walk 1 min 30 s, 8 times"  # commas unescaped
    assert str(found[-1]["SUMMARY"]) == "Run 10 min without a break"
    assert str(found[1]["DESCRIPTION"]) == (
        "Week 1, run 2 of 2. Session time 20 min. Rest the next day. Check your pain against "
        "the traffic light during the run and the next morning.")
    assert "DESCRIPTION:Week 1\\, run 1 of 2. Session time 20 min. Rest the next day. Ch\r\n eck" in text


def test_a_dated_return_plan_needs_no_start_date_and_a_given_one_wins() -> None:
    dated = return_plan.plan(return_rules(), target_minutes=10, start_date="2027-01-04")
    assert events(to_ics(dated, "", "return-planner"))[0].decoded("DTSTART") == datetime.date(2027, 1, 4)
    assert events(to_ics(dated, "2027-02-01", "return-planner"))[0].decoded("DTSTART") == (
        datetime.date(2027, 2, 1))


def test_the_same_plan_makes_the_same_bytes_and_another_plan_other_uids() -> None:
    first = to_ics(MILEAGE, "2026-12-07", "mileage-planner")
    assert to_ics(MILEAGE, "2026-12-07", "mileage-planner") == first
    other = to_ics(MILEAGE, "2026-12-14", "mileage-planner")
    assert {str(e["UID"]) for e in events(first)}.isdisjoint({str(e["UID"]) for e in events(other)})


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (lambda: to_ics(MILEAGE, "", "mileage-planner"), "start_date",
         "start_date is needed to put a plan in a calendar"),
        (lambda: to_ics(MILEAGE, "7/12/2026", "mileage-planner"), "start_date",
         "start_date must be a date written as YYYY-MM-DD, from 2000-01-01 to 2100-12-31, "
         "got '7/12/2026'"),
        (lambda: to_ics(return_plan.plan(return_rules(), hop="no"), "2026-12-07", "return-planner"),
         "plan", "the plan has no runs to put in a calendar"),
        (lambda: to_ics(MILEAGE, "2026-12-07", "diary"), "kind",
         "kind must be 'mileage-planner' or 'return-planner', got 'diary'"),
        (lambda: to_csv(MILEAGE, "diary"), "kind",
         "kind must be 'mileage-planner' or 'return-planner', got 'diary'"),
    ],
)
def test_refusals_name_the_field(call: Any, field: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        call()
    assert (raised.value.field, raised.value.message) == (field, message)


def test_text_escaping() -> None:
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_folding_never_splits_a_character_and_a_parser_reads_the_text_back(text: str) -> None:
    line = "SUMMARY:" + escape_text(text)
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if n else piece for n, piece in enumerate(pieces)) == line
    calendar = (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{export.PRODUCT_ID}\r\nBEGIN:VEVENT\r\nUID:u\r\n"
                "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\n"
                f"{folded}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    (event,) = events(calendar)
    assert str(event["SUMMARY"]) == text


def test_csv_of_a_mileage_plan_exactly() -> None:
    assert to_csv(HOLDING, "mileage-planner") == (
        "week,distance,long_run,unit,recovery\r\n"
        "1,40.0,16.0,km,no\r\n"
        "2,40.0,16.0,km,no\r\n"
    )
    rows = list(csv.DictReader(io.StringIO(to_csv(MILEAGE, "mileage-planner"))))
    assert [(row["week"], row["distance"], row["recovery"]) for row in rows][3] == ("4", "19.9", "yes")


def test_csv_of_a_return_plan_exactly() -> None:
    text = to_csv(return_plan.plan(return_rules(), target_minutes=10, start_date="2026-12-07"),
                  "return-planner")
    lines = text.split("\r\n")
    assert lines[:3] == [
        "session,week,day,date,run_seconds,walk_seconds,repeats,total_seconds",
        "1,1,1,2026-12-07,60,90,8,1200",
        "2,1,3,2026-12-09,60,90,8,1200",
    ]
    assert lines[-2:] == ["27,9,5,2027-02-05,600,0,1,600", ""]
    assert to_csv(RETURN, "return-planner").split("\r\n")[1] == "1,1,1,,60,90,8,1200"
