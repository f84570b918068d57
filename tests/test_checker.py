"""The symptom checker: exact results, its safety rules as properties, and every refusal."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator_fixtures import LEVEL_ADVICE, SIGN_LEVELS_IN_CONTENT_ORDER, checker_rules
from conftest import TODAY, examples
from runners_back_calculators import checker
from runners_back_calculators.checker import LEVELS, REQUIRED_SIGNS, assess, form_order
from runners_back_calculators.inputs import InputError

RULES = checker_rules()
CONTENT_LEVEL = dict(SIGN_LEVELS_IN_CONTENT_ORDER)
CONTENT_IDS = [sign_id for sign_id, _ in SIGN_LEVELS_IN_CONTENT_ORDER]


def rank(level: str) -> int:
    return LEVELS.index(level)


def shown_advice(level: str, actions: list[str]) -> str:
    """The fixture's advice beside these actions: the soon advice's running sentence goes."""
    if level == "soon" and "stop-running" in actions:
        return "Book a GP or physio in the coming days."
    return LEVEL_ADVICE[level]


# --- the exported constants the content validator relies on ---------------------------


def test_levels_are_the_four_most_urgent_first() -> None:
    assert LEVELS == ("emergency", "urgent", "soon", "self-care")
    assert checker.SIGN_LEVELS == ("emergency", "urgent", "soon")


def test_required_signs_are_the_27_of_the_contract_with_their_minimum_levels() -> None:
    by_level = {
        level: sorted(i for i, lv in REQUIRED_SIGNS.items() if lv == level) for level in LEVELS
    }
    assert by_level == {
        "emergency": sorted([
            "saddle-numbness", "bladder-bowel-change", "sexual-dysfunction", "both-legs",
            "worsening-weakness", "major-trauma", "chest-abdominal-pain",
        ]),
        "urgent": sorted([
            "fever", "weight-loss", "cancer-history", "immune-risk", "osteoporosis-fall",
            "night-pain", "upper-back-pain", "back-shape-change", "leg-numbness-tingling",
            "leg-weakness", "cough-sneeze-strain", "recent-infection-or-procedure", "foot-drop",
        ]),
        "soon": sorted([
            "persistent-pain", "radiating-pain", "daily-life-limited", "new-pain-over-50",
            "young-arching-pain", "bone-stress", "long-standing-young-onset",
        ]),
        "self-care": [],
    }
    assert len(REQUIRED_SIGNS) == 27


@pytest.mark.parametrize(
    ("sign_id", "level", "expected"),
    [
        ("saddle-numbness", "emergency", ("stop-running", "do-not-drive")),
        ("major-trauma", "emergency", ("stop-running", "do-not-drive")),
        ("chest-abdominal-pain", "emergency", ("stop-running",)),
        ("fever", "urgent", ("stop-running",)),
        ("bone-stress", "soon", ("stop-running",)),
        ("young-arching-pain", "soon", ("stop-running",)),
        ("under-16", "soon", ("stop-running",)),
        ("radiating-pain", "soon", ()),
        ("radiating-pain", "urgent", ("stop-running",)),
    ],
)
def test_required_actions_follow_the_contract(sign_id: str, level: str, expected: tuple) -> None:
    assert checker.required_actions(sign_id, level) == expected


# --- exact results ------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["yes", "unsure"])
@pytest.mark.parametrize("sign_id", sorted(REQUIRED_SIGNS))
def test_each_required_sign_alone_gives_at_least_its_minimum_level(
    sign_id: str, answer: str
) -> None:
    result = assess(RULES, {sign_id: answer})
    assert rank(result["level"]) <= rank(REQUIRED_SIGNS[sign_id])
    level = CONTENT_LEVEL[sign_id]
    actions = list(checker.required_actions(sign_id, level))
    assert result == {
        "level": level,
        "reasons": [sign_id],
        "advice": shown_advice(level, actions),
        "actions": actions,
        "complete": False,
        "unanswered": [i for i in MUST_ANSWER_IN_FORM_ORDER if i != sign_id],
    }


MUST_ANSWER_IN_FORM_ORDER = [
    "saddle-numbness", "bladder-bowel-change", "sexual-dysfunction", "both-legs",
    "worsening-weakness", "major-trauma", "chest-abdominal-pain",
    "fever", "weight-loss", "cancer-history", "immune-risk", "osteoporosis-fall",
    "night-pain", "upper-back-pain", "back-shape-change", "leg-numbness-tingling",
    "cough-sneeze-strain", "leg-weakness", "foot-drop", "recent-infection-or-procedure",
    "recent-spinal-surgery",
]
"""Every emergency and urgent sign of the fixture (content-only ones too), in form order."""


def test_all_no_is_complete_self_care_with_no_reasons_or_actions() -> None:
    result = assess(RULES, {sign_id: "no" for sign_id in CONTENT_IDS})
    assert result == {
        "level": "self-care", "reasons": [], "advice": LEVEL_ADVICE["self-care"],
        "actions": [], "complete": True, "unanswered": [],
    }


def test_no_answers_at_all_is_self_care_level_but_incomplete() -> None:
    assert assess(RULES, {}) == {
        "level": "self-care", "reasons": [], "advice": LEVEL_ADVICE["self-care"],
        "actions": [], "complete": False, "unanswered": MUST_ANSWER_IN_FORM_ORDER,
    }


def test_one_no_leaves_every_other_red_flag_and_urgent_question_unanswered() -> None:
    result = assess(RULES, {"saddle-numbness": "no"})
    assert (result["level"], result["complete"]) == ("self-care", False)
    assert result["unanswered"] == MUST_ANSWER_IN_FORM_ORDER[1:]


def test_soon_questions_may_stay_unanswered_in_a_complete_result() -> None:
    answers = dict.fromkeys(MUST_ANSWER_IN_FORM_ORDER, "no")
    assert assess(RULES, answers)["complete"] is True
    assert assess(RULES, {**answers, "bone-stress": "yes"}) == {
        "level": "soon", "reasons": ["bone-stress"],
        "advice": "Book a GP or physio in the coming days.",
        "actions": ["stop-running"], "complete": True, "unanswered": [],
    }
    del answers["recent-spinal-surgery"]
    assert assess(RULES, answers)["unanswered"] == ["recent-spinal-surgery"]


def test_actions_are_the_union_of_every_raised_sign_in_the_order_a_reader_is_told() -> None:
    assert assess(RULES, {"fever": "yes", "major-trauma": "unsure"})["actions"] == [
        "stop-running", "do-not-drive",
    ]
    assert assess(RULES, {"radiating-pain": "yes"})["actions"] == []
    assert assess(RULES, {"radiating-pain": "yes", "young-arching-pain": "unsure"})["actions"] == [
        "stop-running",
    ]
    assert assess(RULES, {"major-trauma": "no", "fever": "no"})["actions"] == []


def test_unsure_escalates_like_yes() -> None:
    assert assess(RULES, {"persistent-pain": "yes", "fever": "unsure"})["level"] == "urgent"
    assert assess(RULES, {"fever": "no", "saddle-numbness": "unsure"})["level"] == "emergency"


def test_content_only_sign_counts_at_its_content_level() -> None:
    assert assess(RULES, {"recent-spinal-surgery": "yes"})["level"] == "urgent"


def test_reasons_are_most_urgent_first_then_content_order() -> None:
    answers = {
        "persistent-pain": "yes",
        "fever": "unsure",
        "radiating-pain": "no",
        "leg-weakness": "yes",
        "both-legs": "unsure",
        "saddle-numbness": "yes",
        "weight-loss": "yes",
        "bone-stress": "unsure",
    }
    assert assess(RULES, answers) == {
        "level": "emergency",
        "reasons": [
            "saddle-numbness", "both-legs",  # emergency, in content order
            "fever", "weight-loss", "leg-weakness",  # urgent
            "persistent-pain", "bone-stress",  # soon
        ],
        "advice": LEVEL_ADVICE["emergency"],
        "actions": ["stop-running", "do-not-drive"],
        "complete": False,
        "unanswered": [i for i in MUST_ANSWER_IN_FORM_ORDER if i not in answers],
    }


def test_any_mapping_is_accepted() -> None:
    assert assess(RULES, MappingProxyType({"fever": "yes"}))["level"] == "urgent"


def test_form_order_puts_red_flags_first_keeping_content_order_within_a_level() -> None:
    assert [sign["id"] for sign in form_order(RULES)] == [
        "saddle-numbness", "bladder-bowel-change", "sexual-dysfunction", "both-legs",
        "worsening-weakness", "major-trauma", "chest-abdominal-pain",
        "fever", "weight-loss", "cancer-history", "immune-risk", "osteoporosis-fall",
        "night-pain", "upper-back-pain", "back-shape-change", "leg-numbness-tingling",
        "cough-sneeze-strain", "leg-weakness", "foot-drop", "recent-infection-or-procedure",
        "recent-spinal-surgery",
        "persistent-pain", "radiating-pain", "daily-life-limited", "new-pain-over-50",
        "young-arching-pain", "bone-stress", "long-standing-young-onset",
    ]


def test_form_order_returns_whole_signs_without_touching_the_rules() -> None:
    rules = checker_rules()
    ordered = form_order(rules)
    assert ordered[0] == {
        "id": "saddle-numbness", "level": "emergency", "actions": ["stop-running", "do-not-drive"],
        "question": "Do you have saddle-numbness?", "label": "saddle numbness",
    }
    ordered[0]["level"] = "soon"
    assert rules == checker_rules()


def test_advice_beside_stop_running_leaves_out_what_it_replaces() -> None:
    rules = checker_rules()
    rules["levels"][2]["advice"] = (
        "See a physio soon. Keep running gently! Runs of 5 km are fine? Rest well.")
    assert checker.advice_beside(rules, "soon", []) == rules["levels"][2]["advice"]
    assert checker.advice_beside(rules, "soon", ["do-not-drive"]) == rules["levels"][2]["advice"]
    assert checker.advice_beside(rules, "soon", ["stop-running"]) == "See a physio soon. Rest well."
    # Words that only contain "run" stay.
    rules["levels"][1]["advice"] = "Call your GP today. Do not let it run on. Brunch is fine."
    assert checker.advice_beside(rules, "urgent", ["stop-running"]) == (
        "Call your GP today. Brunch is fine.")


def test_content_may_word_the_advice_beside_an_action() -> None:
    rules = checker_rules()
    rules["actions"][0]["advice"] = {"soon": "See a physio this week."}
    assert checker.advice_beside(rules, "soon", ["stop-running"]) == "See a physio this week."
    assert checker.advice_beside(rules, "urgent", ["stop-running"]) == "Contact a doctor today."
    assert assess(rules, {"bone-stress": "yes"})["advice"] == "See a physio this week."


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"sadle-numbness": "yes"}, "sadle-numbness", "unknown sign id 'sadle-numbness'"),
        ({"fever": "no", "": "no"}, "", "unknown sign id ''"),
        ({1: "yes"}, "1", "unknown sign id 1"),
        ({"fever": "Yes"}, "fever", "fever must be 'yes', 'no' or 'unsure', got 'Yes'"),
        ({"fever": "maybe"}, "fever", "fever must be 'yes', 'no' or 'unsure', got 'maybe'"),
        ({"fever": True}, "fever", "fever must be 'yes', 'no' or 'unsure', got True"),
        ({"fever": None}, "fever", "fever must be 'yes', 'no' or 'unsure', got None"),
        ({"fever": ["yes"]}, "fever", "fever must be 'yes', 'no' or 'unsure', got ['yes']"),
        (["fever"], "answers",
         "answers must be an object mapping sign ids to 'yes', 'no' or 'unsure', got list"),
        ("fever=yes", "answers",
         "answers must be an object mapping sign ids to 'yes', 'no' or 'unsure', got str"),
        (None, "answers",
         "answers must be an object mapping sign ids to 'yes', 'no' or 'unsure', got NoneType"),
    ],
)
def test_bad_answers_are_refused_naming_what_is_wrong(
    answers: object, field: str, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        assess(RULES, answers)  # type: ignore[arg-type]
    error = raised.value
    assert (error.field, error.message, str(error)) == (field, message, message)
    assert isinstance(raised.value, ValueError)


def test_a_bad_answer_is_refused_even_beside_a_red_flag() -> None:
    with pytest.raises(InputError, match="^unknown sign id 'typo'$"):
        assess(RULES, {"saddle-numbness": "yes", "typo": "no"})


# --- properties -----------------------------------------------------------------------------

answer_sets = st.dictionaries(
    st.sampled_from(CONTENT_IDS), st.sampled_from(checker.ANSWERS), max_size=len(CONTENT_IDS)
)


@settings(max_examples=examples(300), deadline=None)
@given(answer_sets)
def test_level_reasons_and_advice_follow_the_safety_rules(answers: dict[str, str]) -> None:
    result = assess(RULES, answers)
    raised = {sign_id for sign_id, answer in answers.items() if answer in ("yes", "unsure")}

    assert list(result) == ["level", "reasons", "advice", "actions", "complete", "unanswered"]
    assert set(result["reasons"]) == raised
    assert len(result["reasons"]) == len(raised)
    assert result["advice"] == shown_advice(result["level"], result["actions"])
    if raised:
        assert result["level"] != "self-care"
        most_urgent = min(rank(CONTENT_LEVEL[sign_id]) for sign_id in raised)
        assert rank(result["level"]) == most_urgent
        for sign_id in raised:
            assert rank(result["level"]) <= rank(REQUIRED_SIGNS.get(sign_id, "soon"))
    else:
        assert result["level"] == "self-care"
    keys = [(rank(CONTENT_LEVEL[i]), CONTENT_IDS.index(i)) for i in result["reasons"]]
    assert keys == sorted(keys)


@settings(max_examples=examples(200), deadline=None)
@given(answer_sets, st.sampled_from(CONTENT_IDS), st.sampled_from(["yes", "unsure"]))
def test_a_further_yes_or_unsure_never_lowers_the_level(
    answers: dict[str, str], sign_id: str, answer: str
) -> None:
    before = assess(RULES, answers)
    after = assess(RULES, {**answers, sign_id: answer})
    assert rank(after["level"]) <= rank(before["level"])
    assert rank(after["level"]) <= rank(CONTENT_LEVEL[sign_id])
    assert sign_id in after["reasons"]


@settings(max_examples=examples(300), deadline=None)
@given(answer_sets)
def test_an_incomplete_answer_set_is_never_complete(answers: dict[str, str]) -> None:
    result = assess(RULES, answers)
    missing = [i for i in MUST_ANSWER_IN_FORM_ORDER if i not in answers]
    assert result["unanswered"] == missing
    assert result["complete"] is (not missing)


@settings(max_examples=examples(300), deadline=None)
@given(answer_sets)
def test_every_raised_signs_actions_are_in_the_result(answers: dict[str, str]) -> None:
    result = assess(RULES, answers)
    signs = {sign["id"]: sign for sign in RULES["signs"]}
    expected = {action for i in result["reasons"] for action in signs[i]["actions"]}
    assert set(result["actions"]) == expected
    assert result["actions"] == [a for a in checker.ACTIONS if a in expected]
    if result["level"] in ("emergency", "urgent"):
        assert "stop-running" in result["actions"]


# --- the actions' wording in content ---------------------------------------------------------


def test_content_words_every_action_once_and_in_order(content_dir) -> None:  # type: ignore[no-untyped-def]
    from conftest import rewrite
    from generator.content.load import load_guide
    from generator.errors import ContentErrors

    def swap(data: dict) -> None:
        data["actions"].reverse()

    text = rewrite(content_dir, "warning-signs.yaml", swap)
    with pytest.raises(ContentErrors) as caught:
        load_guide(content_dir, today=TODAY)
    line = text[:text.index("\nactions:")].count("\n") + 3  # the list's first item
    messages = [str(error) for error in caught.value.errors]
    assert len(messages) == 1
    assert messages[0].startswith(f"{content_dir}/warning-signs.yaml:{line}:")
    assert messages[0].endswith(
        "expected the actions stop-running, do-not-drive, each once and in that order, "
        "got do-not-drive, stop-running")


@settings(max_examples=examples(300), deadline=None)
@given(answer_sets)
def test_no_advice_contradicts_an_action(answers: dict[str, str]) -> None:
    result = assess(RULES, answers)
    if "stop-running" in result["actions"]:
        assert "running" not in result["advice"].lower()
    if result["level"] != "self-care":
        assert result["advice"]  # something to do is always said
