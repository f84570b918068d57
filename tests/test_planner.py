"""The mileage planner: exact plans, every refusal, and the contract's rules 1-7 as properties."""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator_fixtures import NOTES, planner_rules
from conftest import examples
from runners_back_calculators import planner
from runners_back_calculators.inputs import InputError
from runners_back_calculators.planner import parse_inputs, plan

RULES = planner_rules()
NP, WS = NOTES["no_proof"], NOTES["warning_signs"]


def rows(result: dict[str, Any]) -> list[tuple[float, float, bool]]:
    """(distance, long run, recovery?) per week, in order, checking week numbers on the way."""
    assert [week["week"] for week in result["weeks"]] == list(range(1, len(result["weeks"]) + 1))
    return [(w["distance"], w["long_run"], w["recovery"]) for w in result["weeks"]]


def exact(number: float) -> Fraction:
    """A plan's distance as the exact decimal it prints as."""
    return Fraction(repr(number))


# --- exported constants -------------------------------------------------------------------


def test_ranges_match_the_contract() -> None:
    assert planner.MAX_INCREASE_RANGE == (1, 30)
    assert planner.RECOVERY_EVERY_RANGE == (2, 6)
    assert planner.RECOVERY_CUT_RANGE == (10, 50)
    assert planner.WEEKS_RANGE == (1, 104)
    assert planner.UNITS == ("km", "mi")
    assert set(planner.NOTE_PLACEHOLDERS) == set(NOTES)


# --- exact plans --------------------------------------------------------------------------


def test_the_default_plan_from_20_to_40_km() -> None:
    result = plan(RULES, 20, 40)
    assert rows(result) == [
        (22.0, 8.8, False),
        (24.2, 9.6, False),  # 24.2 x 40% = 9.68, rounded down
        (26.6, 10.5, False),  # 24.2 x 1.1 = 26.62; long run 9.6 x 1.1 = 10.56
        (19.9, 7.9, True),  # 26.6 less 25% = 19.95, rounded down
        (29.2, 11.5, False),  # resumes from 26.6, not from 19.9
        (32.1, 12.6, False),
        (35.3, 13.8, False),
        (26.4, 10.5, True),
        (38.8, 15.1, False),
        (40.0, 16.0, False),  # 38.8 x 1.1 = 42.68: capped at exactly the target
    ]
    assert result["unit"] == "km"
    assert result["reaches_target"] is True
    assert result["weeks_to_target"] == 10
    assert result["notes"] == [NP, WS]
    assert list(result) == ["unit", "weeks", "reaches_target", "weeks_to_target", "notes"]
    assert list(result["weeks"][0]) == ["week", "distance", "long_run", "recovery"]


def test_a_plan_in_miles() -> None:
    result = plan(RULES, 10, 15, unit="mi")
    assert result["unit"] == "mi"
    assert rows(result) == [
        (11.0, 4.4, False),
        (12.1, 4.8, False),
        (13.3, 5.2, False),
        (9.9, 3.9, True),
        (14.6, 5.7, False),
        (15.0, 6.0, False),
    ]
    assert (result["reaches_target"], result["weeks_to_target"]) == (True, 6)


def test_a_plan_with_other_options_and_a_given_longest_run() -> None:
    result = plan(RULES, "30", "40", max_increase="5", recovery_every="3", recovery_cut="30",
                  longest_run="10")
    assert rows(result) == [
        (31.5, 11.0, False),  # long run 10 x 1.1, under 40% of 31.5 = 12.6
        (33.0, 12.1, False),  # 31.5 x 1.05 = 33.075
        (23.1, 9.2, True),  # 33.0 less 30%
        (34.6, 13.3, False),  # 33.0 x 1.05 = 34.65; long run 12.1 x 1.1 = 13.31
        (36.3, 14.5, False),
        (25.4, 10.1, True),  # 36.3 x 0.7 = 25.41
        (38.1, 15.2, False),  # 36.3 x 1.05 = 38.115; share 15.24
        (40.0, 16.0, False),
    ]


def test_holding_plan_when_the_target_is_below_the_current_distance() -> None:
    result = plan(RULES, 30, 25)
    assert rows(result) == [(25.0, 10.0, False)] * 4  # one block of recovery_every weeks
    assert result["reaches_target"] is True
    assert result["weeks_to_target"] == 1
    assert result["notes"] == [NOTES["holding"].format(weeks=4), NP, WS]
    assert result["notes"][0] == (
        "Your target is not above your current distance: hold it for 4 weeks."
    )


def test_holding_plan_at_the_current_distance_follows_recovery_every_and_weeks() -> None:
    assert rows(plan(RULES, 20, 20, recovery_every=6)) == [(20.0, 8.0, False)] * 6
    short = plan(RULES, 20, 20, weeks=2)
    assert rows(short) == [(20.0, 8.0, False)] * 2
    assert short["notes"][0] == NOTES["holding"].format(weeks=2)


def test_holding_long_run_never_exceeds_the_share_of_the_lower_target() -> None:
    assert rows(plan(RULES, 30, 10, longest_run=25)) == [(10.0, 4.0, False)] * 4


def test_weeks_limited_plan_stops_short_and_says_how_many_weeks_are_needed() -> None:
    result = plan(RULES, 20, 40, weeks=6)
    assert rows(result) == rows(plan(RULES, 20, 40))[:6]
    assert result["reaches_target"] is False
    assert result["weeks_to_target"] == 10
    assert result["notes"] == [
        "In 6 weeks this plan stops short; the target needs 10 weeks.", NP, WS,
    ]


@pytest.mark.parametrize("weeks", [10, 11, 104])
def test_enough_weeks_gives_the_full_plan(weeks: int) -> None:
    assert plan(RULES, 20, 40, weeks=weeks) == plan(RULES, 20, 40)


def test_a_target_more_than_104_weeks_away_is_listed_for_104_weeks_and_reported() -> None:
    started = time.perf_counter()
    result = plan(RULES, 10, 400, max_increase=1, recovery_every=2)
    assert time.perf_counter() - started < 2
    assert len(result["weeks"]) == planner.MAX_PLAN_WEEKS == 104
    assert result["reaches_target"] is False
    assert result["weeks_to_target"] == 853
    assert result["notes"] == [NOTES["short_of_target"].format(weeks=104, weeks_needed=853), NP, WS]


def test_the_smallest_start_to_the_largest_target_terminates_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(InputError) as raised:
        plan(RULES, 0.1, 400)
    assert raised.value.field == "current"
    far = plan(RULES, 0.4, 400, max_increase=30, recovery_every=2)
    assert far["weeks_to_target"] == 55 and far["weeks"][-1]["distance"] == 400.0
    assert time.perf_counter() - started < 2


# --- rounding edge cases ------------------------------------------------------------------


def test_capped_weeks_round_down_never_up() -> None:
    # 9.9 x 1.1 = 10.89 -> 10.8, not 10.9; 10.8 x 1.1 = 11.88 -> 11.8
    assert [w["distance"] for w in plan(RULES, 9.9, 12)["weeks"]] == [10.8, 11.8, 12.0]


def test_recovery_week_arithmetic_is_exact_not_float() -> None:
    # 2.8 less 25% is exactly 2.1; in floats 2.8 * 0.75 = 2.0999999999999996 and would floor to 2.0
    weeks = plan(RULES, 2.6, 5, recovery_every=2)["weeks"]
    assert (weeks[0]["distance"], weeks[1]["distance"], weeks[1]["recovery"]) == (2.8, 2.1, True)


def test_the_last_week_is_exactly_the_target_even_when_it_is_not_a_round_step() -> None:
    assert [w["distance"] for w in plan(RULES, 20, 20.1)["weeks"]] == [20.1]
    assert plan(RULES, 20, 22.05)["weeks"][-1]["distance"] == 22.0  # target rounded down first


def test_inputs_are_rounded_down_to_a_tenth() -> None:
    assert parse_inputs(RULES, {"current": "20.09", "target": 40.99, "longest_run": "8.05"}) == {
        "current": 20.0, "target": 40.9, "unit": "km", "max_increase": 10, "recovery_every": 4,
        "recovery_cut": 25, "longest_run": 8.0, "weeks": None,
    }


def test_the_default_longest_run_is_the_share_of_current_rounded_down() -> None:
    assert parse_inputs(RULES, {"current": "9.9", "target": "12"})["longest_run"] == 3.9  # 3.96
    assert parse_inputs(RULES, {"current": "0.2", "target": "0.1"})["longest_run"] == 0.1  # not 0


def test_the_long_run_never_exceeds_the_week_even_with_a_share_over_100() -> None:
    rules = {**planner_rules(), "long_run_share": 150}
    assert rows(plan(rules, 10, 10.5, longest_run=10)) == [(10.5, 10.5, False)]  # not 11.0


def test_the_smallest_current_distance_that_can_grow_is_planned() -> None:
    weeks = plan(RULES, 1, 1.3, recovery_every=6)["weeks"]
    assert [w["distance"] for w in weeks] == [1.1, 1.2, 1.3]


def test_the_long_run_window_is_the_previous_four_weeks() -> None:
    # A big current longest run counts for weeks 1-4 only: week 5 is capped by weeks 1-4.
    result = plan(RULES, 20, 40, longest_run=20, recovery_every=6)
    long_runs = [w["long_run"] for w in result["weeks"]]
    assert long_runs[:4] == [8.8, 9.6, 10.6, 11.6]  # 40% of 22.0, 24.2, 26.6, 29.2: share-bound
    # Week 5 (32.1): 40% would allow 12.8, but the current 20 has left the window and
    # 110% of 11.6 (weeks 1-4) = 12.76 caps it.
    assert long_runs[4] == 12.7
    result = plan(RULES, 20, 40, longest_run=2, recovery_every=6)
    assert [w["long_run"] for w in result["weeks"]][:3] == [2.2, 2.4, 2.6]  # 110% steps


# --- parse_inputs -------------------------------------------------------------------------


def test_parse_inputs_fills_defaults_for_blank_options_and_accepts_decimals() -> None:
    raw = {"current": " 25 ", "target": "50", "unit": "", "max_increase": "7.5",
           "recovery_every": "3.0", "recovery_cut": None, "longest_run": " ", "weeks": "12"}
    parsed = parse_inputs(RULES, raw)
    assert parsed == {
        "current": 25.0, "target": 50.0, "unit": "km", "max_increase": 7.5, "recovery_every": 3,
        "recovery_cut": 25, "longest_run": 10.0, "weeks": 12,
    }
    assert plan(RULES, **parsed) == plan(RULES, **raw)


def test_parse_inputs_names_fields_as_the_caller_asks() -> None:
    with pytest.raises(InputError) as raised:
        parse_inputs(RULES, {"current": "abc", "target": "40"}, names={"current": "--current"})
    assert raised.value.field == "current"
    assert raised.value.message == "--current must be a number from 0.1 to 400 km, got 'abc'"


def test_content_defaults_are_used_for_unit_and_options() -> None:
    rules = {**planner_rules(), "unit": "mi", "max_increase": 5, "recovery_every": 2,
             "recovery_cut": 50}
    assert [w["distance"] for w in plan(rules, 20, 22)["weeks"]] == [21.0, 10.5, 22.0]
    assert plan(rules, 20, 22)["unit"] == "mi"


# --- refusals -----------------------------------------------------------------------------

BASE = {"current": "20", "target": "40"}


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"current": "abc"}, "current", "current must be a number from 0.1 to 400 km, got 'abc'"),
        ({"current": ""}, "current", "current must be a number from 0.1 to 400 km, got nothing"),
        ({"current": None}, "current", "current must be a number from 0.1 to 400 km, got nothing"),
        ({"current": True}, "current", "current must be a number from 0.1 to 400 km, got True"),
        ({"current": math.nan}, "current", "current must be a number from 0.1 to 400 km, got nan"),
        ({"current": math.inf}, "current", "current must be a number from 0.1 to 400 km, got inf"),
        ({"current": "NaN"}, "current", "current must be a number from 0.1 to 400 km, got 'NaN'"),
        ({"current": "-inf"}, "current", "current must be a number from 0.1 to 400 km, got '-inf'"),
        ({"current": "1e2"}, "current", "current must be a number from 0.1 to 400 km, got '1e2'"),
        ({"current": "1/2"}, "current", "current must be a number from 0.1 to 400 km, got '1/2'"),
        ({"current": "20 km"}, "current",
         "current must be a number from 0.1 to 400 km, got '20 km'"),
        ({"current": -5}, "current", "current must be a number from 0.1 to 400 km, got -5"),
        ({"current": 0}, "current", "current must be a number from 0.1 to 400 km, got 0"),
        ({"current": "0.05"}, "current", "current must be a number from 0.1 to 400 km, got '0.05'"),
        ({"current": 400.1}, "current", "current must be a number from 0.1 to 400 km, got 400.1"),
        ({"current": [20]}, "current", "current must be a number from 0.1 to 400 km, got [20]"),
        ({"target": "1000"}, "target", "target must be a number from 0.1 to 400 km, got '1000'"),
        ({"target": "-40"}, "target", "target must be a number from 0.1 to 400 km, got '-40'"),
        ({"unit": "mi", "target": "248.6"}, "target",
         "target must be a number from 0.1 to 248.5 mi, got '248.6'"),
        ({"unit": "miles"}, "unit", "unit must be 'km' or 'mi', got 'miles'"),
        ({"unit": "KM"}, "unit", "unit must be 'km' or 'mi', got 'KM'"),
        ({"max_increase": "0.5"}, "max_increase",
         "max_increase must be a percentage from 1 to 30, got '0.5'"),
        ({"max_increase": 31}, "max_increase",
         "max_increase must be a percentage from 1 to 30, got 31"),
        ({"max_increase": "10%"}, "max_increase",
         "max_increase must be a percentage from 1 to 30, got '10%'"),
        ({"recovery_every": 1}, "recovery_every",
         "recovery_every must be a whole number from 2 to 6, got 1"),
        ({"recovery_every": "7"}, "recovery_every",
         "recovery_every must be a whole number from 2 to 6, got '7'"),
        ({"recovery_every": 4.5}, "recovery_every",
         "recovery_every must be a whole number from 2 to 6, got 4.5"),
        ({"recovery_every": False}, "recovery_every",
         "recovery_every must be a whole number from 2 to 6, got False"),
        ({"recovery_cut": 9.9}, "recovery_cut",
         "recovery_cut must be a percentage from 10 to 50, got 9.9"),
        ({"recovery_cut": "51"}, "recovery_cut",
         "recovery_cut must be a percentage from 10 to 50, got '51'"),
        ({"longest_run": "25"}, "longest_run",
         "longest_run must be a number from 0.1 to 20 km (no more than current), got '25'"),
        ({"longest_run": "0"}, "longest_run",
         "longest_run must be a number from 0.1 to 20 km (no more than current), got '0'"),
        ({"weeks": "0"}, "weeks", "weeks must be a whole number from 1 to 104, got '0'"),
        ({"weeks": 105}, "weeks", "weeks must be a whole number from 1 to 104, got 105"),
        ({"weeks": "2.5"}, "weeks", "weeks must be a whole number from 1 to 104, got '2.5'"),
        ({"current": "0.9"}, "current",
         "current must be at least 1 km to build in steps of 0.1 km at a maximum increase of "
         "10%, got '0.9'"),
        ({"max_increase": "0.67e1"}, "max_increase",
         "max_increase must be a percentage from 1 to 30, got '0.67e1'"),
        ({"current": "1.4", "unit": "mi", "target": "20", "max_increase": "6.7"}, "current",
         "current must be at least 1.5 mi to build in steps of 0.1 mi at a maximum increase of "
         "6.7%, got '1.4'"),
    ],
)
def test_bad_inputs_are_refused_naming_the_field_and_range(
    raw: dict[str, Any], field: str, message: str
) -> None:
    given_raw = {**BASE, **raw}
    for call in (lambda: parse_inputs(RULES, given_raw), lambda: plan(RULES, **given_raw)):
        with pytest.raises(InputError) as raised:
            call()
        error = raised.value
        assert (error.field, error.message, str(error)) == (field, message, message)


def test_parse_inputs_refuses_an_unknown_input() -> None:
    with pytest.raises(InputError) as raised:
        parse_inputs(RULES, {**BASE, "pace": "5:00"})
    assert (raised.value.field, raised.value.message) == ("pace", "unknown planner input 'pace'")


def test_no_progress_is_only_refused_when_the_plan_must_grow() -> None:
    assert rows(plan(RULES, 0.5, 0.5)) == [(0.5, 0.2, False)] * 4
    with pytest.raises(InputError, match="at least 1 km"):
        plan(RULES, 0.5, 0.6)


def test_the_first_bad_field_in_form_order_is_reported() -> None:
    with pytest.raises(InputError) as raised:
        plan(RULES, "abc", "xyz", weeks=0)
    assert raised.value.field == "current"


# --- properties of every plan (contract rules 1-7) ----------------------------------------


@st.composite
def plan_inputs(draw: st.DrawFn) -> dict[str, Any]:
    """Wide valid inputs, each given as text, a float or an int, as a form or script would."""
    unit = draw(st.sampled_from(planner.UNITS))
    top = planner.max_distance_tenths(RULES, unit)
    current = draw(st.integers(1, top))
    target = draw(st.one_of(
        st.integers(1, top),
        st.integers(max(1, current - 30), min(top, current + 150)),
    ))
    longest = draw(st.one_of(st.none(), st.integers(1, current)))

    def shown(tenths: int) -> Any:
        return draw(st.sampled_from([str(tenths / 10), tenths / 10]))

    def percentage(low: int, high: int) -> Any:
        return draw(st.one_of(
            st.integers(low, high),
            st.integers(low * 10, high * 10).map(lambda tenths: str(tenths / 10)),
            st.none(),
        ))

    return {
        "unit": unit,
        "current": shown(current),
        "target": shown(target),
        "max_increase": percentage(*planner.MAX_INCREASE_RANGE),
        "recovery_every": draw(st.one_of(st.none(), st.integers(*planner.RECOVERY_EVERY_RANGE))),
        "recovery_cut": percentage(*planner.RECOVERY_CUT_RANGE),
        "longest_run": None if longest is None else shown(longest),
        "weeks": draw(st.one_of(st.none(), st.integers(*planner.WEEKS_RANGE))),
    }


def check_plan(raw: dict[str, Any], result: dict[str, Any]) -> None:
    """Assert every invariant of the contract on one plan."""
    parsed = parse_inputs(RULES, raw)
    current, target = exact(parsed["current"]), exact(parsed["target"])
    grow = 1 + exact(parsed["max_increase"]) / 100
    keep = 1 - exact(parsed["recovery_cut"]) / 100
    every = parsed["recovery_every"]
    limit = parsed["weeks"] or planner.MAX_PLAN_WEEKS
    weeks = result["weeks"]
    distances = [exact(w["distance"]) for w in weeks]
    long_runs = [exact(w["long_run"]) for w in weeks]
    tenth = Fraction(1, 10)

    assert result["unit"] == parsed["unit"]
    assert 1 <= len(weeks) <= limit
    assert [w["week"] for w in weeks] == list(range(1, len(weeks) + 1))

    # Rule 5: everything in whole tenths of the unit, printed as such.
    printed_values = [w[key] for key in ("distance", "long_run") for w in weeks]
    for value, printed in zip(distances + long_runs, printed_values, strict=True):
        assert (value * 10).denominator == 1 and float(value) == printed

    # Rule 1: no week above (1 + max increase) x the highest week before it (current counts).
    highest = current
    for distance in distances:
        assert distance <= grow * highest
        highest = max(highest, distance)

    # Rule 3: never above max(current, target); the first week at the target is the last.
    assert max(distances) <= max(current, target)
    holding = target <= current
    if holding:
        assert distances == [target] * min(every, limit)
        assert not any(w["recovery"] for w in weeks)
        assert result["reaches_target"] is True and result["weeks_to_target"] == 1
        assert result["notes"] == [NOTES["holding"].format(weeks=len(weeks)), NP, WS]
    else:
        assert all(distance < target for distance in distances[:-1])
        assert result["reaches_target"] == (distances[-1] == target)
        if result["reaches_target"]:
            assert result["weeks_to_target"] == len(weeks)
            assert result["notes"] == [NP, WS]
        else:
            # Rule 6: as far as it safely can within the weeks, then how many weeks it needs.
            assert len(weeks) == limit < result["weeks_to_target"]
            assert result["notes"] == [
                NOTES["short_of_target"].format(
                    weeks=limit, weeks_needed=result["weeks_to_target"]
                ),
                NP, WS,
            ]

        # Rule 2: recovery exactly every N-th week, cut from the last build week, then
        # building resumes from that last build level; each build week as big as rule 1 allows.
        last_build = current
        for number, (week, distance) in enumerate(zip(weeks, distances, strict=True), start=1):
            assert week["recovery"] == (number % every == 0)
            if week["recovery"]:
                assert keep * last_build - tenth < distance <= keep * last_build
            else:
                assert distance > last_build
                assert distance == target or distance + tenth > grow * last_build
                last_build = distance

    # Rule 4: long run within 110% of the previous 4 weeks' longest (current counts),
    # within the share of the week, never above the week, and the largest those allow.
    history = [exact(parsed["longest_run"])]
    cap, share = Fraction(RULES["long_run_cap"], 100), Fraction(RULES["long_run_share"], 100)
    for distance, long_run in zip(distances, long_runs, strict=True):
        ceiling = min(cap * max(history[-4:]), share * distance)
        assert 0 <= long_run <= ceiling and long_run <= distance
        assert long_run + tenth > ceiling
        history.append(long_run)

    # Rule 7: always the two standing notes, last.
    assert result["notes"][-2:] == [NP, WS]


def cannot_grow(raw: dict[str, Any]) -> bool:
    """True when the plan must grow but rule 1 in steps of 0.1 allows no week above current."""
    held = planner.validate(RULES, {**raw, "target": raw["current"]})  # never refused for this
    target = math.floor(exact(float(raw["target"])) * 10)
    step = math.floor(held.current * (1 + held.max_increase / 100))
    return target > held.current and step == held.current


@settings(max_examples=examples(250), deadline=None)
@given(plan_inputs())
def test_every_plan_keeps_the_rules(raw: dict[str, Any]) -> None:
    if cannot_grow(raw):
        with pytest.raises(InputError) as raised:
            plan(RULES, **raw)
        assert raised.value.field == "current"
        return
    result = plan(RULES, **raw)
    check_plan(raw, result)
    assert plan(RULES, **parse_inputs(RULES, raw)) == result


@settings(max_examples=examples(150), deadline=None)
@given(plan_inputs())
def test_a_weeks_limit_cuts_the_same_plan_and_keeps_its_weeks_to_target(
    raw: dict[str, Any],
) -> None:
    unlimited = {**raw, "weeks": None}
    try:
        full = plan(RULES, **unlimited)
    except InputError:
        return
    if raw["weeks"] is None:
        return
    limited = plan(RULES, **raw)
    assert limited["weeks"] == full["weeks"][: raw["weeks"]]
    assert limited["weeks_to_target"] == full["weeks_to_target"]
    parsed = parse_inputs(RULES, raw)
    if full["reaches_target"] and parsed["target"] > parsed["current"]:
        assert len(full["weeks"]) == full["weeks_to_target"]
