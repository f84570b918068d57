"""The answers as the reader sees them: exact HTML fragments, rendered once in Python.

The same fragment is embedded by the build and returned by the browser's worker (the Pyodide
differential and the browser tests compare those bytes); here each view is pinned exactly, and
the safety rules of what is shown are properties: an unfinished form never shows self-care,
and no advice shown contradicts an action.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator_fixtures import SIGN_LEVELS_IN_CONTENT_ORDER
from calculator_fixtures import rules as fixture_rules
from conftest import examples, real_guide
from generator.site import widgets
from html_tree import parse
from runners_back_calculators import bridge, checker, views

PLANNER_RULES = widgets.view_rules("mileage-planner", fixture_rules())
CHECKER_RULES = widgets.view_rules("symptom-checker", fixture_rules())
CONTENT_IDS = [sign_id for sign_id, _ in SIGN_LEVELS_IN_CONTENT_ORDER]
MUST_ANSWER = [sign_id for sign_id, level in SIGN_LEVELS_IN_CONTENT_ORDER
               if level in ("emergency", "urgent")]


def check(answers: dict[str, str]) -> dict:
    shown = bridge.answer("symptom-checker", CHECKER_RULES, answers)
    assert shown["ok"], shown
    return shown


# ---------------------------------------------------------------- the planner


def test_planner_fragment_is_exact() -> None:
    shown = bridge.answer("mileage-planner", PLANNER_RULES,
                          {"current": "20", "target": "24", "recovery_every": "2"})
    assert shown["summary"] == (
        "3 weeks, from 22.0 to 24.0 km a week. This plan reaches your target in week 3.")
    assert shown["html"] == (
        '<div class="rbw-result" id="mp-result" data-result>\n'
        '<div class="rbw-plan" data-plan>\n'
        '<div class="rbw-chart" data-chart>\n'
        '<div class="rbw-chart__axis-y" aria-hidden="true"><span data-axis-top>24.0 km</span>'
        "<span>0</span></div>\n"
        '<svg class="rbw-chart__plot" viewBox="0 0 3 100" preserveAspectRatio="none" role="img" '
        'aria-label="Bar chart of the weekly distance in each week of the plan. Recovery weeks are '
        'drawn as outlined bars. The table below gives the numbers." focusable="false" '
        "data-chart-plot>\n"
        '<rect class="rbw-bar" x="0.15" y="8.3" width="0.7" height="91.7" '
        'vector-effect="non-scaling-stroke"></rect>\n'
        '<rect class="rbw-bar rbw-bar--recovery" x="1.15" y="31.2" width="0.7" height="68.8" '
        'vector-effect="non-scaling-stroke"></rect>\n'
        '<rect class="rbw-bar" x="2.15" y="0.0" width="0.7" height="100.0" '
        'vector-effect="non-scaling-stroke"></rect>\n'
        "</svg>\n"
        '<div class="rbw-chart__axis-x" aria-hidden="true"><span>Week 1</span>'
        "<span data-axis-last>Week 3</span></div>\n"
        '<div class="rbw-chart__legend" aria-hidden="true"><span class="rbw-key">'
        '<span class="rbw-key__swatch"></span>Build week</span> <span class="rbw-key">'
        '<span class="rbw-key__swatch rbw-key__swatch--recovery"></span>Recovery week</span>'
        "</div>\n"
        "</div>\n"
        '<div class="rbw-table-wrap" role="region" aria-labelledby="mp-caption" tabindex="0">\n'
        '<table class="rbw-table" data-plan-table>\n'
        '<caption class="rbw-table__caption" id="mp-caption" data-caption>Week-by-week plan, '
        "distances in km</caption>\n"
        '<thead>\n<tr><th scope="col">Week</th><th scope="col" data-col="distance">Distance (km)'
        '</th><th scope="col" data-col="long_run">Longest run (km)</th><th scope="col">Week type'
        "</th></tr>\n</thead>\n"
        "<tbody data-plan-rows>\n"
        '<tr data-week="1"><th scope="row">1</th><td>22.0</td><td>8.8</td><td>Build</td></tr>\n'
        '<tr class="rbw-row--recovery" data-week="2"><th scope="row">2</th><td>16.5</td>'
        "<td>6.6</td><td>Recovery</td></tr>\n"
        '<tr data-week="3"><th scope="row">3</th><td>24.0</td><td>9.6</td><td>Build</td></tr>\n'
        "</tbody>\n</table>\n</div>\n</div>\n"
        '<h3 class="rbw-notes__title">Before you start</h3>\n'
        '<ul class="rbw-notes" data-notes>\n'
        "<li>No rule for building up is proven to prevent injury.</li>\n"
        "<li>If you have any warning sign, use the symptom checker first.</li>\n"
        "</ul>\n</div>"
    )


def test_a_one_week_plan_says_week() -> None:
    shown = bridge.answer("mileage-planner", PLANNER_RULES, {"current": "20", "target": "21"})
    assert shown["summary"] == (
        "1 week, from 21.0 to 21.0 km a week. This plan reaches your target in week 1.")


def test_planner_refusal_names_the_field_and_renders_nothing() -> None:
    assert bridge.answer("mileage-planner", PLANNER_RULES, {"current": "abc", "target": "40"}) == {
        "ok": False,
        "error": {"field": "current",
                  "message": "Current weekly distance must be a number from 0.1 to 400 km, "
                             "got 'abc'"},
    }


def test_absurd_input_is_refused_not_crashed_on() -> None:
    for raw in ("1e400", "9" * 33, "inf", "-0", "\x1b[2J"):
        shown = bridge.answer("mileage-planner", PLANNER_RULES, {"current": raw, "target": "40"})
        assert shown["ok"] is False and shown["error"]["field"] == "current"
        assert len(shown["error"]["message"]) < 120


def test_run_is_answer_as_json_text() -> None:
    inputs = {"current": "20", "target": "40"}
    text = bridge.run("mileage-planner", json.dumps(PLANNER_RULES), json.dumps(inputs))
    assert text == json.dumps(bridge.answer("mileage-planner", PLANNER_RULES, inputs),
                              sort_keys=True, ensure_ascii=False)
    assert json.loads(bridge.run("abacus", "{}", "{}")) == {
        "ok": False, "error": {"field": "kind", "message": "unknown calculator 'abacus'"}}


def test_chart_bars_round_half_up_on_tenths() -> None:
    weeks = [{"distance": d, "recovery": False} for d in (1.0, 3.0, 0.0)]
    assert [(b["y"], b["height"]) for b in views.chart_bars(weeks)] == [
        ("66.7", "33.3"), ("0.0", "100.0"), ("100.0", "0.0")]


# ---------------------------------------------------------------- the checker


def test_a_possible_bone_stress_injury_says_stop_running_and_drops_keep_to_what_you_do() -> None:
    shown = check({**dict.fromkeys(MUST_ANSWER, "no"), "bone-stress": "yes"})
    assert shown["summary"] == "Result: Soon. You answered 22 of 28 questions."
    assert shown["html"] == (
        '<div class="rbw-result rbw-result--soon" id="sc-result" data-result data-level="soon" '
        'data-state="complete">\n'
        '<p class="rbw-result__level"><strong data-level-title>Soon</strong></p>\n'
        '<ul class="rbw-actions" data-actions>\n'
        '<li data-action="stop-running">Stop running until someone has seen you.</li>\n'
        "</ul>\n"
        '<p class="rbw-result__advice" data-advice>Book a GP or physio in the coming days.</p>\n'
        "<p>Why: you answered yes or not sure to</p>\n"
        '<ul class="rbw-reasons" data-reasons>\n'
        '<li data-reason="bone-stress"><strong>bone stress</strong> (Soon)</li>\n'
        "</ul>\n</div>"
    )
    # Without stop-running the soon advice is shown whole.
    other = check({**dict.fromkeys(MUST_ANSWER, "no"), "radiating-pain": "yes"})
    assert parse(other["html"]).find(data_advice=True).text == (
        "Book a GP or physio in the coming days. Keep to the running you do now.")
    assert parse(other["html"]).find_all(data_actions=True) == []


def test_content_can_word_the_advice_shown_beside_an_action() -> None:
    rules = json.loads(json.dumps(CHECKER_RULES))
    rules["checker"]["actions"][0]["advice"] = {"soon": "See a physio this week."}
    shown = bridge.answer("symptom-checker", rules, {"bone-stress": "unsure"})
    assert parse(shown["html"]).find(data_advice=True).text == "See a physio this week."


def test_a_red_flag_shows_at_once_with_both_actions_and_no_questions_left_note() -> None:
    shown = check({"major-trauma": "yes"})
    assert shown["summary"] == "Result: Emergency. You answered 1 of 28 questions."
    assert shown["html"] == (
        '<div class="rbw-result rbw-result--emergency" id="sc-result" data-result '
        'data-level="emergency" data-state="incomplete">\n'
        '<p class="rbw-result__level"><strong data-level-title>Emergency</strong></p>\n'
        '<ul class="rbw-actions" data-actions>\n'
        '<li data-action="stop-running">Stop running until someone has seen you.</li>\n'
        '<li data-action="do-not-drive">Do not drive yourself.</li>\n'
        "</ul>\n"
        '<p class="rbw-result__advice" data-advice>Call 999 or 112 now.</p>\n'
        "<p>Why: you answered yes or not sure to</p>\n"
        '<ul class="rbw-reasons" data-reasons>\n'
        '<li data-reason="major-trauma"><strong>major trauma</strong> (Emergency)</li>\n'
        "</ul>\n</div>"
    )


def test_an_urgent_result_before_the_form_is_finished_says_what_is_left() -> None:
    shown = check({"fever": "unsure", "saddle-numbness": "no"})
    assert shown["summary"] == (
        "Result: Urgent. You answered 2 of 28 questions. "
        "You have 6 red-flag questions and 13 urgent questions left to answer.")
    assert parse(shown["html"]).find(data_unanswered=True).attrs["data-unanswered"] == "19"
    link = parse(shown["html"]).find("a", data_question_link=True)
    assert link.attrs["href"] == "#sc-bladder-bowel-change-yes"


def test_one_no_is_not_self_care_but_the_questions_left() -> None:
    shown = check({"saddle-numbness": "no"})
    assert shown["summary"] == (
        "You have 6 red-flag questions and 14 urgent questions left to answer.")
    assert shown["html"] == (
        '<div class="rbw-result rbw-result--incomplete" id="sc-result" data-result '
        'data-state="incomplete">\n'
        '<p class="rbw-result__left" data-unanswered="20">You have 6 red-flag questions and 14 '
        "urgent questions left to answer. Any of them could be a warning sign, so answer them "
        'all. <a href="#sc-bladder-bowel-change-yes" data-question-link>Go to the first question '
        "left</a></p>\n"
        "<p>Your result shows when you have answered every red-flag and urgent question.</p>\n"
        "</div>"
    )


def test_one_question_left_is_counted_in_the_singular() -> None:
    answers = dict.fromkeys(MUST_ANSWER, "no")
    del answers["fever"]
    assert check(answers)["summary"] == "You have 1 urgent question left to answer."


def test_complete_with_no_warning_sign_is_self_care() -> None:
    shown = check(dict.fromkeys(MUST_ANSWER, "no"))
    assert shown["summary"] == "Result: Self-Care. You answered 21 of 28 questions."
    tree = parse(shown["html"])
    result = tree.find(data_result=True)
    assert (result.attrs["data-level"], result.attrs["data-state"]) == ("self-care", "complete")
    assert tree.find(data_advice=True).text == "Keep moving and cut your running."
    assert tree.find_all(data_unanswered=True) == []


def test_waiting_fragment_shows_no_level(wording: dict) -> None:
    assert views.checker_waiting(CHECKER_RULES) == {
        "summary": "You have not answered any question yet.",
        "html": '<div class="rbw-result rbw-result--waiting" id="sc-result" data-result '
                'data-state="waiting">\n<p>' + wording["result_waiting"] + "</p>\n</div>",
    }
    tree = parse(views.checker_waiting(CHECKER_RULES)["html"])
    assert "data-level" not in tree.find(data_result=True).attrs
    assert tree.text == wording["result_waiting"]


def test_markup_in_content_is_escaped_in_every_fragment() -> None:
    evil = '<img src=x onerror="alert(1)"> & co'
    rules = json.loads(json.dumps(CHECKER_RULES))
    for level in rules["checker"]["levels"]:
        level["title"] = level["advice"] = evil
    for sign in rules["checker"]["signs"]:
        sign["label"] = evil
    for action in rules["checker"]["actions"]:
        action["text"] = evil
    shown = bridge.answer("symptom-checker", rules, {"major-trauma": "yes", "fever": "yes"})
    assert "<img" not in shown["html"]
    tree = parse(shown["html"])
    assert tree.find("li", data_action="do-not-drive").text == evil
    assert tree.find("li", data_reason="fever").text == f"{evil} ({evil})"


# ---------------------------------------------------------------- the safety properties

answer_sets = st.dictionaries(
    st.sampled_from(CONTENT_IDS), st.sampled_from(checker.ANSWERS), max_size=len(CONTENT_IDS))


@settings(max_examples=examples(300), deadline=None)
@given(answer_sets)
def test_an_unfinished_form_is_never_shown_as_self_care(answers: dict[str, str]) -> None:
    shown = check(answers)
    result = parse(shown["html"]).find(data_result=True)
    if not shown["result"]["complete"]:
        assert result.attrs.get("data-level") != "self-care"
        assert "Self-Care" not in shown["html"] + shown["summary"]
        assert "Keep moving" not in shown["html"]
    if shown["result"]["level"] != "self-care":
        assert result.attrs["data-level"] == shown["result"]["level"]  # shown at once


@settings(max_examples=examples(300), deadline=None)
@given(answer_sets)
def test_every_action_is_shown_and_no_advice_beside_it_contradicts_it(
    answers: dict[str, str],
) -> None:
    shown = check(answers)
    tree = parse(shown["html"])
    actions = shown["result"]["actions"]
    assert [li.attrs["data-action"] for li in tree.find_all("li", data_action=True)] == actions
    if "stop-running" in actions:
        advice = tree.find(data_advice=True).text.lower()
        assert "running" not in advice and "keep to" not in advice


def test_the_real_contents_soon_advice_beside_stop_running_keeps_no_running_advice() -> None:

    from generator.content.rules import calculator_rules

    rules = calculator_rules(real_guide())
    view = widgets.view_rules("symptom-checker", rules)
    for sign in rules["checker"]["signs"]:
        shown = bridge.answer("symptom-checker", view, {sign["id"]: "yes"})
        if "stop-running" in sign["actions"]:
            advice = parse(shown["html"]).find(data_advice=True).text.lower()
            assert "keep to what you do" not in advice, sign["id"]
            assert "running" not in advice, sign["id"]
