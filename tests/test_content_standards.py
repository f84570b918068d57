"""The writing standards for health content, checked on every content file.

Plain English (a reading age of about 11, which is US grade 6 on the Flesch-Kincaid scale;
red-flag text simpler still), British spelling, kilometres first with miles alongside.
The rules live in generator/content/standards.py, so `python -m generator check` warns about the
same things these tests assert on the real content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import CONTENT
from generator.content.standards import NUMBER_WORD_COUNT, american_words, grade, prose

CHAPTERS = sorted(path.name for path in CONTENT.glob("*.yaml") if path.name != "sources.yaml")


def load(name: str) -> Any:
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


def test_the_grade_formula_tells_simple_text_from_hard_text() -> None:
    assert grade("The cat sat on the mat. It was warm.") < 2
    assert grade(
        "Musculoskeletal rehabilitation necessitates individualised, progressive "
        "neuromuscular conditioning interventions."
    ) > 16


@pytest.mark.parametrize("name", CHAPTERS)
def test_each_file_reads_at_about_age_11(name: str) -> None:
    assert grade(" ".join(prose(load(name)))) <= 6


def test_red_flag_text_is_simpler_still() -> None:
    signs = [sign for sign in load("warning-signs.yaml")["signs"] if sign["level"] == "emergency"]
    assert len(signs) >= 7
    assert grade(" ".join(prose([{k: s[k] for k in ("label", "question", "why")} for s in signs]))) <= 5


@pytest.mark.parametrize("name", CHAPTERS)
def test_no_sentence_runs_past_30_words(name: str) -> None:
    long = [
        sentence
        for text in prose(load(name))
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if len(sentence.split()) > 30
    ]
    assert long == []


@pytest.mark.parametrize("name", CHAPTERS)
def test_british_spelling(name: str) -> None:
    assert set().union(*(american_words(text) for text in prose(load(name)))) == set()


def test_the_spelling_check_catches_american_spelling() -> None:
    assert american_words("color center behavior organize analyzed program") == {
        "color", "center", "behavior", "organize", "analyzed", "program"
    }
    assert american_words("colour centre behaviour organise analysed programme size tire") == set()


@pytest.mark.parametrize("name", CHAPTERS)
def test_kilometres_come_first_with_miles_alongside(name: str) -> None:
    for text in prose(load(name)):
        for match in re.finditer(r"\d[\d.,]*(?:[–-]\d[\d.,]*)? ?(?:km|kilometres?)\b", text):
            after = text[match.end() : match.end() + 30]
            assert re.match(r" \(\d[\d.,]*(?:[–-]\d[\d.,]*)? miles?\)", after), f"{name}: {text}"
        assert not re.search(r"\d ?miles?\b(?! ?\))", text) or "km" in text, f"{name}: miles first in: {text}"


# --------------------------------------------------------------------------------------------
# Safety wording (issue 8): emergency numbers, questions a healthy runner could misread


EMERGENCY_NUMBER = re.compile(r"(?<![\d,])(999|112|911|000)(?![\d,])")


def items_with_text(data: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a content file that holds text directly or in a list of text."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from items_with_text(value)
    elif isinstance(data, list):
        for value in data:
            yield from items_with_text(value)


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_item_naming_an_emergency_number_also_says_or_your_local_one(name: str) -> None:
    missing = []
    for item in items_with_text(load(name)):
        own = " ".join(
            text
            for value in item.values()
            for text in ([value] if isinstance(value, str) else value if isinstance(value, list) else [])
            if isinstance(text, str)
        )
        if EMERGENCY_NUMBER.search(own) and "local emergency number" not in own:
            missing.append(own[:80])
    assert missing == []


def level(level_id: str) -> dict[str, Any]:
    return next(item for item in load("warning-signs.yaml")["levels"] if item["id"] == level_id)


def sign(sign_id: str) -> dict[str, Any]:
    return next(item for item in load("warning-signs.yaml")["signs"] if item["id"] == sign_id)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_emergency_advice_names_every_countrys_number() -> None:
    advice = flat(level("emergency")["advice"])
    for fragment in (
        "Call 999 now (or your local emergency number)",
        "In Ireland call 112 or 999.",
        "In the EU and India call 112.",
        "In the US and Canada call 911.",
        "In Australia call 000.",
        "In New Zealand call 111.",
    ):
        assert fragment in advice


def test_the_urgent_advice_names_the_health_advice_lines() -> None:
    advice = flat(level("urgent")["advice"])
    for fragment in (
        "In England and Wales call NHS 111.",
        "In Scotland call NHS 24 on 111.",
        "In Australia call healthdirect on 1800 022 222.",
        "In New Zealand call Healthline on 0800 611 116.",
        "In most of Canada call 811.",
        "Stop running until a doctor has seen you.",
        "call 999 or your local emergency number",
    ):
        assert fragment in advice


def test_the_warning_signs_page_lists_the_numbers_by_country() -> None:
    section = next(s for s in load("warning-signs.yaml")["sections"] if s["id"] == "emergency-numbers")
    assert [point.split(":")[0] for point in section["points"]] == [
        "UK", "Ireland", "European Union", "US", "Canada", "Australia", "New Zealand", "India", "Anywhere else"
    ]
    assert section["points"][-1] == "Anywhere else: your local emergency number."


def test_not_better_with_rest_belongs_to_night_pain_and_persistent_pain_keeps_the_time_rule() -> None:
    night, persistent = sign("night-pain"), sign("persistent-pain")
    assert night["level"] == "urgent"
    assert "rest" in flat(night["question"]) and "rest" in flat(night["label"])
    assert persistent["level"] == "soon"
    assert "rest" not in flat(persistent["question"]) + flat(persistent["label"])
    assert flat(persistent["question"]) == (
        "Has your pain lasted 2 to 6 weeks without getting better, or is it getting worse?"
    )


def test_both_legs_means_going_down_from_the_back_not_sore_legs_after_a_run() -> None:
    both = sign("both-legs")
    assert flat(both["label"]) == "Pain, numbness or weakness going down both legs from your back"
    assert flat(both["question"]) == (
        "Do you have pain, numbness or weakness going down both legs from your back? "
        "Do not count sore or tired leg muscles after a run."
    )


@pytest.mark.parametrize(
    "sign_id",
    [
        "bladder-bowel-change",
        "both-legs",
        "worsening-weakness",
        "weight-loss",
        "night-pain",
        "leg-numbness-tingling",
        "leg-weakness",
    ],
)
def test_questions_a_healthy_runner_could_misread_say_what_not_to_count(sign_id: str) -> None:
    assert "Do not count" in flat(sign(sign_id)["question"])


def test_inflammatory_back_pain_asks_nices_features() -> None:
    question = flat(sign("long-standing-young-onset")["question"])
    for feature in (
        "before you were 45",
        "more than 3 months",
        "ease when you move but not when you rest",
        "second half of the night",
        "stiff in the morning",
        "from one buttock to the other",
    ):
        assert feature in question


def test_bone_stress_covers_all_sexes_low_energy_and_hopping() -> None:
    bone = sign("bone-stress")
    question, why = flat(bone["question"]), flat(bone["why"])
    assert "hop on one leg" in question
    assert "not eating enough for your training" in question
    assert "low sex drive" in question
    assert "men and women" in why
    assert "low energy availability" in why
    assert bone["actions"] == ["stop-running"]
    assert {"warden-2014", "mountjoy-2018"} <= set(bone["sources"])


# --------------------------------------------------------------------------------------------
# Exercises, sources and numbers


def exercise(item_id: str) -> dict[str, Any]:
    items = load("exercises.yaml")["exercises"] + load("stretches.yaml")["stretches"]
    return next(item for item in items if item["id"] == item_id)


def test_the_plank_starts_with_short_holds() -> None:
    assert exercise("plank")["dose"]["hold_seconds"] == {"min": 10, "max": 20}


def test_the_hip_thrust_says_where_the_shoulder_blades_go_and_how_to_add_load() -> None:
    thrust = exercise("hip-thrust")
    assert "Rest the lower edge of your shoulder blades on the edge of the bench." in " ".join(thrust["steps"])
    assert flat(thrust["dose"]["progression"]).startswith("Start with no weight.")


def test_the_first_hamstring_stretch_after_a_run_is_the_lying_towel_stretch() -> None:
    static = [s for s in load("stretches.yaml")["stretches"] if s["group"] == "stretch-hamstrings" and s["kind"] == "static"]
    assert static[0]["id"] == "lying-hamstring-towel-stretch"
    seated = exercise("seated-hamstring-reach")
    assert "use the lying towel stretch instead" in flat(seated["purpose"])


def test_running_specific_single_leg_and_back_exercises_are_linked_from_a_cause() -> None:
    remedies = {remedy for cause in load("causes.yaml")["causes"] for remedy in cause["remedies"]}
    new = {"step-up", "single-leg-bridge", "single-leg-deadlift", "calf-raise", "back-extension"}
    assert new <= {item["id"] for item in load("exercises.yaml")["exercises"]}
    assert new <= remedies


def test_foam_rolling_says_to_skip_a_sore_back_or_with_osteoporosis() -> None:
    rolling = next(s for s in load("recovery.yaml")["sections"] if s["id"] == "foam-rolling")
    assert any("Skip the lower back if it is sore, or if you have osteoporosis" in point for point in rolling["points"])




@pytest.mark.parametrize("name", CHAPTERS)
def test_counts_of_items_are_not_typed_in_prose(name: str) -> None:
    assert [m.group(0) for text in prose(load(name)) for m in NUMBER_WORD_COUNT.finditer(text)] == []


def test_the_count_check_catches_a_typed_count() -> None:
    assert NUMBER_WORD_COUNT.search("Nine simple core, glute and hip exercises that help")
    assert NUMBER_WORD_COUNT.search("these five exercises")
    assert not NUMBER_WORD_COUNT.search("for a week or two.")


KM_MILES = re.compile(r"(\d+(?:\.\d+)?) km \((\d+(?:\.\d+)?) miles?\)")
KM_PER_MILE = 1.609344


def test_where_a_percentage_matters_miles_are_exact_to_a_tenth() -> None:
    pairs = [m.groups() for text in prose(load("training-load.yaml")) for m in KM_MILES.finditer(text)]
    assert len(pairs) >= 4
    for km, miles in pairs:
        assert miles == f"{float(km) / KM_PER_MILE:.1f}", f"{km} km is not {miles} miles"


def test_every_source_can_be_found_by_a_reader() -> None:
    unfindable = [s["id"] for s in load("sources.yaml")["sources"] if not s.get("url") and not s.get("citation")]
    assert unfindable == []


def test_nhs_pages_link_to_nhs_uk_not_copies() -> None:
    sources = {s["id"]: s for s in load("sources.yaml")["sources"]}
    assert sources["nhs-back-pain"]["url"] == "https://www.nhs.uk/conditions/back-pain/"
    assert sources["nhs-sciatica"]["url"] == "https://www.nhs.uk/conditions/sciatica/"
    assert sources["fredette-2022"]["title"] == (
        "The Association Between Running Injuries and Training Parameters: A Systematic Review"
    )
    assert sources["fredette-2022"]["citation"] == "J Athl Train 2022;57(7):650-671"


def test_the_reviewer_claims_no_clinical_sign_off() -> None:
    role = load("guide.yaml")["reviewer"]["role"]
    assert role == "Content review against the cited guidelines; not a clinical sign-off"


# --------------------------------------------------------------------------------------------
# Claims (issue 8): the seed article is a secondary source. An item that cites nothing else
# must say in its own words that it is coaching convention or opinion, not evidence.

SEED_ARTICLE = "source-article"
CONVENTION_PHRASES = (
    "many coaches",
    "some coaches",
    "coaching advice",
    "coaching tip",
    "little research",
    "not been well tested",
    "not been proven",
    "no trial",
    "some runners find",
    "many runners find",
)


def own_prose(item: dict[str, Any]) -> str:
    """The item's reader-facing text, without figure captions (a caption is not a claim)."""
    return " ".join(prose({key: value for key, value in item.items() if key != "positions"})).lower()


def says_it_is_convention(item: dict[str, Any]) -> bool:
    return any(phrase in own_prose(item) for phrase in CONVENTION_PHRASES)


def seed_only_items(data: Any) -> list[dict[str, Any]]:
    return [item for item in items_with_text(data) if item.get("sources") == [SEED_ARTICLE]]


@pytest.mark.parametrize("name", CHAPTERS)
def test_an_item_citing_only_the_seed_article_says_it_is_convention(name: str) -> None:
    items = seed_only_items(load(name))
    bare = [item.get("id") or own_prose(item)[:60] for item in items if not says_it_is_convention(item)]
    assert bare == []


def test_the_seed_only_items_of_the_form_chapter_are_found() -> None:
    assert [item["id"] for item in seed_only_items(load("running-form.yaml"))] == [
        "lean-from-ankles",
        "engage-core",
        "relax-shoulders",
        "arms-and-hands",
        "high-knee-marches",
        "butt-kicks",
        "form-strides",
        "form-changes-gradually",
    ]


def test_the_convention_check_catches_a_bare_claim() -> None:
    claim = {"why": ["Running tall keeps your spine lined up."], "sources": [SEED_ARTICLE]}
    assert seed_only_items({"cues": [claim]}) == [claim]
    assert not says_it_is_convention(claim)
    assert says_it_is_convention({**claim, "why": ["Many coaches suggest running tall."]})
    assert not says_it_is_convention({**claim, "positions": [{"caption": "Many coaches stand tall."}]})
    assert seed_only_items({"cues": [{**claim, "sources": [SEED_ARTICLE, "heiderscheit-2011"]}]}) == []


@given(
    words=st.lists(st.sampled_from(["run", "tall", "back", "spine", "steps", "easy"]), min_size=1, max_size=12),
    phrase=st.sampled_from(CONVENTION_PHRASES),
    field=st.sampled_from(["why", "body", "purpose", "dose", "summary"]),
)
def test_convention_wording_in_any_text_field_counts_and_its_absence_never_does(
    words: list[str], phrase: str, field: str
) -> None:
    text = " ".join(words).capitalize() + "."
    assert not says_it_is_convention({field: text, "sources": [SEED_ARTICLE]})
    assert says_it_is_convention({field: f"{text} {phrase.capitalize()} says so.", "sources": [SEED_ARTICLE]})
