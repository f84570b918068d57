"""Plan export through the calculators' bridge: the same form values the page computes, as a file.

The browser's worker calls `bridge.export` with the widget's data-config rules and the form's
raw text; this pins what it returns (the file's exact bytes come from export.py, tested in
test_export.py) and every refusal, which the page shows like any other input error.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator_fixtures import rules as fixture_rules
from conftest import examples
from generator.site import widgets
from generator.site.return_widget import view_rules as return_view_rules
from return_fixtures import return_rules
from runners_back_calculators import bridge, export, planner, return_plan

PLANNER_RULES = widgets.view_rules("mileage-planner", fixture_rules())
RETURN_RULES = return_view_rules({**fixture_rules(), "return_planner": return_rules()})


def test_a_mileage_plan_as_a_calendar_and_a_spreadsheet() -> None:
    inputs = {"current": "20", "target": "40", "unit": "km"}
    plan = planner.plan(PLANNER_RULES["planner"], **planner.parse_inputs(
        PLANNER_RULES["planner"], inputs))
    assert bridge.export_file("mileage-planner", PLANNER_RULES, inputs, "ics", "2026-12-07") == {
        "ok": True, "text": export.to_ics(plan, "2026-12-07", "mileage-planner"),
        "filename": "mileage-plan.ics", "media_type": "text/calendar; charset=utf-8"}
    assert bridge.export_file("mileage-planner", PLANNER_RULES, inputs, "csv") == {
        "ok": True, "text": export.to_csv(plan, "mileage-planner"),
        "filename": "mileage-plan.csv", "media_type": "text/csv; charset=utf-8"}


def test_a_return_plan_uses_the_forms_own_start_date() -> None:
    inputs = {"target_minutes": "10", "start_date": "2027-01-04"}
    plan = return_plan.plan(return_rules(), target_minutes=10, start_date="2027-01-04")
    out = bridge.export_file("return-planner", RETURN_RULES, inputs, "ics", "")
    assert out == {"ok": True, "text": export.to_ics(plan, "", "return-planner"),
                   "filename": "return-to-running-plan.ics",
                   "media_type": "text/calendar; charset=utf-8"}
    assert "DTSTART;VALUE=DATE:20270104\r\n" in out["text"]


def test_export_is_export_file_as_json_text() -> None:
    inputs = {"current": "20", "target": "40"}
    text = bridge.export("mileage-planner", json.dumps(PLANNER_RULES), json.dumps(inputs), "csv",
                         "")
    assert text == json.dumps(bridge.export_file("mileage-planner", PLANNER_RULES, inputs, "csv"),
                              sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize(
    ("kind", "rules", "inputs", "fmt", "start", "error"),
    [
        ("mileage-planner", PLANNER_RULES, {"current": "20", "target": "40"}, "ics", "",
         {"field": "start_date",
          "message": "First day of the plan is needed to put a plan in a calendar"}),
        ("mileage-planner", PLANNER_RULES, {"current": "20", "target": "40"}, "ics", "7/12/2026",
         {"field": "start_date",
          "message": "First day of the plan must be a date written as YYYY-MM-DD, from "
                     "2000-01-01 to 2100-12-31, got '7/12/2026'"}),
        ("return-planner", RETURN_RULES, {}, "ics", "",
         {"field": "start_date",
          "message": "Start_Date is needed to put a plan in a calendar"}),
        ("return-planner", RETURN_RULES, {"hop": "no"}, "ics", "2026-12-07",
         {"field": "plan", "message": "the plan has no runs to put in a calendar"}),
        ("mileage-planner", PLANNER_RULES, {"current": "abc", "target": "40"}, "csv", "",
         {"field": "current", "message": "Current weekly distance must be a number from 0.1 to "
                                         "400 km, got 'abc'"}),
        ("mileage-planner", PLANNER_RULES, {"current": "20", "target": "40"}, "pdf", "",
         {"field": "format", "message": "format must be ics or csv, got 'pdf'"}),
        ("symptom-checker", PLANNER_RULES, {}, "csv", "",
         {"field": "kind", "message": "no file can be made for calculator 'symptom-checker'"}),
        ("abacus", PLANNER_RULES, {}, "csv", "",
         {"field": "kind", "message": "no file can be made for calculator 'abacus'"}),
    ],
)
def test_refusals_name_the_field(
    kind: str, rules: dict, inputs: dict, fmt: str, start: str, error: dict
) -> None:
    assert bridge.export_file(kind, rules, inputs, fmt, start) == {"ok": False, "error": error}


NUMBER_TEXT = st.one_of(
    st.integers(min_value=-5, max_value=500).map(str),
    st.decimals(min_value=0, max_value=120, places=1).map(str),
    st.sampled_from(["", " ", "abc", "1e3", "NaN"]),
)


@settings(max_examples=examples(60), deadline=None)
@given(current=NUMBER_TEXT, target=NUMBER_TEXT, unit=st.sampled_from(["km", "mi", "", "yd"]),
       weeks=st.sampled_from(["", "1", "6", "0", "105"]))
def test_a_planners_file_is_the_plan_the_page_shows_or_the_same_refusal(
    current: str, target: str, unit: str, weeks: str
) -> None:
    raw = {"current": current, "target": target, "unit": unit, "weeks": weeks}
    shown = bridge.answer("mileage-planner", PLANNER_RULES, raw)
    file = bridge.export_file("mileage-planner", PLANNER_RULES, raw, "csv")
    if not shown["ok"]:
        assert file == {"ok": False, "error": shown["error"]}
        return
    assert file["text"] == export.to_csv(shown["result"], "mileage-planner")
    assert len(file["text"].split("\r\n")) == len(shown["result"]["weeks"]) + 2  # header, end


@settings(max_examples=examples(40), deadline=None)
@given(pain=st.integers(0, 10), walk=st.integers(0, 90), hop=st.sampled_from(return_plan.HOP_ANSWERS),
       runs=st.sampled_from(["2", "3", "4"]), target=st.integers(5, 95))
def test_a_return_calendar_has_one_event_per_session_shown(
    pain: int, walk: int, hop: str, runs: str, target: int
) -> None:
    raw = {"pain_now": str(pain), "walk_minutes": str(walk), "hop": hop, "runs_per_week": runs,
           "target_minutes": str(target)}
    shown = bridge.answer("return-planner", RETURN_RULES, raw)
    file = bridge.export_file("return-planner", RETURN_RULES, raw, "ics", "2027-01-04")
    if not shown["ok"]:
        assert file == {"ok": False, "error": shown["error"]}
    elif not shown["result"]["sessions"]:
        assert file["error"]["field"] == "plan"
    else:
        assert file["text"].count("BEGIN:VEVENT\r\n") == len(shown["result"]["sessions"])
