"""Every class of content error: its exact message, and the file:line:column it points at."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, errors_of, position_of, real_guide, rewrite
from generator.content.load import load_guide
from generator.errors import ContentErrors

pytestmark = pytest.mark.usefixtures("beside_content")




def test_the_real_content_is_valid() -> None:
    guide = real_guide()
    assert len(guide.warning_signs.signs) >= 24


def test_yaml_syntax_error_names_file_line_and_column(content_dir: Path) -> None:
    (content_dir / "recovery.yaml").write_text("page:\n  id: recovery\n  title: [unclosed\n", encoding="utf-8")
    assert errors_of(content_dir) == [
        "content/recovery.yaml:3:10: '[' is never closed: add ']', or put the text in quotes if the "
        "'[' belongs to it"
    ]


def test_duplicate_yaml_key_is_an_error(content_dir: Path) -> None:
    (content_dir / "recovery.yaml").write_text(
        (content_dir / "recovery.yaml").read_text(encoding="utf-8") + "page: again\n", encoding="utf-8"
    )
    lines = (content_dir / "recovery.yaml").read_text(encoding="utf-8").splitlines()
    assert errors_of(content_dir) == [
        f"content/recovery.yaml:{len(lines)}:1: duplicate key 'page' (each key may appear once)"
    ]


def test_unknown_key_points_at_the_key_and_lists_the_expected_ones(content_dir: Path) -> None:
    text = rewrite(content_dir, "exercises.yaml", lambda d: d["exercises"][0].update(colour="red"))
    line, column = position_of(text, "colour: red")
    assert errors_of(content_dir) == [
        f"content/exercises.yaml:{line}:{column}: unknown key 'colour' (expected one of: id, name, group, "
        "purpose, steps, dose, cautions, sources, positions, muscles)"
    ]


def test_missing_required_key_points_at_its_mapping(content_dir: Path) -> None:
    def drop_title(data: dict) -> None:
        del data["causes"][1]["title"]

    text = rewrite(content_dir, "causes.yaml", drop_title)
    first_key = f"id: {__import__('yaml').safe_load(text)['causes'][1]['id']}"
    line, column = position_of(text, first_key)
    assert errors_of(content_dir) == [f"content/causes.yaml:{line}:{column}: missing required key 'title'"]


def test_wrong_type_says_what_was_expected(content_dir: Path) -> None:
    def sets_as_text(data: dict) -> None:
        data["exercises"][2]["dose"]["sets"]["min"] = "two"

    text = rewrite(content_dir, "exercises.yaml", sets_as_text)
    line, column = position_of(text, "min: two")
    assert errors_of(content_dir) == [
        f"content/exercises.yaml:{line}:{column + 5}: expected a whole number, got text ('two'): write min as `min: 3`"
    ]


def test_empty_required_text_is_an_error(content_dir: Path) -> None:
    text = rewrite(content_dir, "warning-signs.yaml", lambda d: d["signs"][0].update(why="   "))
    line, column = position_of(text, "why: '   '")
    assert errors_of(content_dir) == [f"content/warning-signs.yaml:{line}:{column + 5}: expected text, got empty text"]


def test_item_without_a_source_is_an_error(content_dir: Path) -> None:
    text = rewrite(content_dir, "stretches.yaml", lambda d: d["stretches"][0].update(sources=[]))
    line, column = position_of(text, "sources: []")
    assert errors_of(content_dir) == [
        f"content/stretches.yaml:{line}:{column + 9}: expected at least one source id: every claim must cite a source"
    ]


def test_duplicate_id_names_both_places(content_dir: Path) -> None:
    replaced: list[str] = []

    def duplicate(data: dict) -> None:
        replaced.append(data["exercises"][1]["id"])
        data["exercises"][1]["id"] = data["exercises"][0]["id"]

    text = rewrite(content_dir, "exercises.yaml", duplicate)
    ident = __import__("yaml").safe_load(text)["exercises"][0]["id"]
    needle = f"id: {ident}\n"
    first = position_of(text, needle)
    second = position_of(text[text.index(needle) + 1 :], needle)
    second_line = first[0] + second[0] - 1
    found = errors_of(content_dir)
    duplicate_error = (
        f"content/exercises.yaml:{second_line}:{second[1] + 4}: duplicate id '{ident}' "
        f"(already used at content/exercises.yaml:{first[0]}:{first[1] + 4})"
    )
    assert duplicate_error in found
    # The only other errors are links to the id that was overwritten.
    assert all(f"'{replaced[0]}'" in error for error in found if error != duplicate_error)


def test_unknown_references_are_errors(content_dir: Path) -> None:
    causes = rewrite(content_dir, "causes.yaml", lambda d: d["causes"][0]["remedies"].append("no-such-remedy"))
    exercises = rewrite(content_dir, "exercises.yaml", lambda d: d["exercises"][0].update(group="no-such-group"))
    guide = rewrite(content_dir, "guide.yaml", lambda d: d["quick_tips"][0].update(link="no-such-page"))
    sources = rewrite(content_dir, "recovery.yaml", lambda d: d["sections"][0]["sources"].append("no-such-source"))
    found = errors_of(content_dir)
    group_ids = ", ".join(sorted(g["id"] for g in __import__("yaml").safe_load(exercises)["groups"]))

    def at(name: str, text: str, needle: str) -> str:
        line, column = position_of(text, needle)
        return f"{name}:{line}:{column}"

    assert found == [
        f"{at('content/causes.yaml', causes, 'no-such-remedy')}: unknown remedy 'no-such-remedy' (expected the id of "
        "an exercise, stretch, form cue, drill, group or section)",
        f"{at('content/exercises.yaml', exercises, 'no-such-group')}: unknown group 'no-such-group' "
        f"(expected one of: {group_ids})",
        f"{at('content/guide.yaml', guide, 'no-such-page')}: unknown link 'no-such-page' (expected a page or item id)",
        f"{at('content/recovery.yaml', sources, 'no-such-source')}: unknown source 'no-such-source' "
        "(expected an id from sources.yaml)",
    ]


def test_a_passed_next_review_date_is_an_error_as_of_the_given_day(content_dir: Path) -> None:
    guide = load_guide(content_dir, today=TODAY)
    day_after = guide.meta.next_review
    text = (content_dir / "guide.yaml").read_text(encoding="utf-8")
    line, column = position_of(text, f"next_review: {day_after}")
    assert errors_of(content_dir, today=day_after) == [
        f"content/guide.yaml:{line}:{column + 13}: next review date {day_after} has passed (today is {day_after}): "
        "review the content, then set last_reviewed and a new next_review"
    ]


def test_a_missing_required_warning_sign_and_a_too_mild_level_are_errors(content_dir: Path) -> None:
    def weaken(data: dict) -> None:
        data["signs"] = [s for s in data["signs"] if s["id"] != "saddle-numbness"]
        next(s for s in data["signs"] if s["id"] == "fever")["level"] = "soon"

    text = rewrite(content_dir, "warning-signs.yaml", weaken)
    signs_line, signs_column = position_of(text, "signs:\n")
    first_item = text.splitlines()[signs_line]  # the line after `signs:`, where the list starts
    list_column = len(first_item) - len(first_item.lstrip()) + 1
    fever = text.index("id: fever")
    level_line, level_column = position_of(text[fever:], "level: soon")
    level_line += text.count("\n", 0, fever)
    assert signs_line + 1 < level_line  # errors come in line order
    assert errors_of(content_dir) == [
        f"content/warning-signs.yaml:{signs_line + 1}:{list_column}: missing required warning sign 'saddle-numbness'",
        f"content/warning-signs.yaml:{level_line}:{level_column + 7}: warning sign 'fever' must be at least "
        "'urgent', got 'soon'",
    ]
    assert signs_column == 1


def test_a_sign_at_self_care_is_an_error(content_dir: Path) -> None:
    """A yes to a warning sign must lead to a professional; self-care is the answer when none applies."""

    def soften(data: dict) -> None:
        next(s for s in data["signs"] if s["id"] == "under-16")["level"] = "self-care"

    text = rewrite(content_dir, "warning-signs.yaml", soften)
    sign = text.index("id: under-16")
    line, column = position_of(text[sign:], "level: self-care")
    line += text.count("\n", 0, sign)
    assert errors_of(content_dir) == [
        f"content/warning-signs.yaml:{line}:{column + 7}: warning sign 'under-16' cannot be at "
        "'self-care': a yes must never end in reassurance (use emergency, urgent, soon)"
    ]


def test_a_sign_without_its_required_action_is_an_error(content_dir: Path) -> None:
    def drop_action(data: dict) -> None:
        next(s for s in data["signs"] if s["id"] == "major-trauma")["actions"] = ["stop-running"]

    text = rewrite(content_dir, "warning-signs.yaml", drop_action)
    trauma = text.index("id: major-trauma")
    line, column = position_of(text[trauma:], "- stop-running")  # the list written back as a block
    line += text.count("\n", 0, trauma)
    assert errors_of(content_dir) == [
        f"content/warning-signs.yaml:{line}:{column}: warning sign 'major-trauma' must carry the action "
        "do-not-drive (write `actions: [stop-running, do-not-drive]`)"
    ]


def test_every_error_in_every_file_is_reported_at_once(content_dir: Path) -> None:
    rewrite(content_dir, "recovery.yaml", lambda d: d["page"].update(title=""))
    rewrite(content_dir, "shoes-and-surfaces.yaml", lambda d: d["page"].update(extra=1))
    (content_dir / "misspelt.yaml").write_text("a: 1\n", encoding="utf-8")
    found = errors_of(content_dir)
    assert [error.split(":")[0] for error in found] == [
        "content/misspelt.yaml", "content/recovery.yaml", "content/shoes-and-surfaces.yaml"
    ]
    assert found[0] == (
        "content/misspelt.yaml:1:1: not a content file: move it out of content/ (content files are: guide.yaml, "
        "sources.yaml, causes.yaml, exercises.yaml, stretches.yaml, running-form.yaml, training-load.yaml, "
        "shoes-and-surfaces.yaml, recovery.yaml, warning-signs.yaml, pain-relief.yaml, understanding-pain.yaml, "
        "flare-ups.yaml, return-to-running.yaml, cross-training.yaml, pregnancy.yaml, energy-and-bones.yaml, "
        "young-and-older-runners.yaml, everyday-load.yaml, finding-help.yaml, how-this-guide-is-checked.yaml, "
        "return-planner.yaml, widgets.yaml)"
    )


def test_error_report_counts_the_errors() -> None:
    from generator.errors import ContentError

    errors = ContentErrors([ContentError("b.yaml", 2, 1, "second"), ContentError("a.yaml", 9, 3, "first")])
    assert str(errors) == "a.yaml:9:3: first\nb.yaml:2:1: second\n2 errors in content"


def test_planner_defaults_go_through_the_planners_own_validator(content_dir: Path) -> None:
    def bad_defaults(data: dict) -> None:
        data["planner"]["max_increase"] = 45
        data["planner"]["notes"]["holding"] = "Hold for {weks} weeks."

    text = rewrite(content_dir, "training-load.yaml", bad_defaults)
    increase = position_of(text, "max_increase: 45")
    note = position_of(text, "holding: Hold for {weks} weeks.")
    found = errors_of(content_dir)
    assert found == [
        f"content/training-load.yaml:{increase[0]}:{increase[1] + 14}: planner default: "
        "max_increase must be a percentage from 1 to 30, got 45",
        f"content/training-load.yaml:{note[0]}:{note[1] + 9}: unknown placeholder weks (expected: {{weeks}})",
    ]


def test_the_home_emergency_box_must_link_to_a_real_item(content_dir: Path) -> None:
    text = rewrite(content_dir, "guide.yaml", lambda d: d["emergency"].update(link="no-such-section"))
    line, column = position_of(text, "no-such-section")
    assert errors_of(content_dir) == [
        f"content/guide.yaml:{line}:{column}: unknown link 'no-such-section' (expected a page or item id)"
    ]


def test_the_home_emergency_box_is_required(content_dir: Path) -> None:
    rewrite(content_dir, "guide.yaml", lambda d: d.pop("emergency"))
    assert errors_of(content_dir) == [
        "content/guide.yaml:1:1: missing required key 'emergency': add `emergency:` and under it, indented, "
        "at least title, signs, body, link, sources"
    ]


def test_return_planner_rules_are_checked_against_the_planners_own_limits(content_dir: Path) -> None:
    def bad_rules(data: dict) -> None:
        data["defaults"]["runs_per_week"] = 4
        data["progression"]["max_increase"] = 40
        data["traffic_light"]["amber_max"] = 6
        data["text"]["ready"] = "Ready in {weks} weeks."
        data["form"]["pain_now"]["hint"] = "From {lo} to {high}."

    text = rewrite(content_dir, "return-planner.yaml", bad_rules)
    runs = position_of(text, "runs_per_week: 4")
    increase = position_of(text, "max_increase: 40")
    amber = position_of(text, "amber_max: 6")
    ready = position_of(text, "ready: Ready in {weks} weeks.")
    hint = position_of(text, "hint: From {lo} to {high}.")
    assert errors_of(content_dir) == [
        f"content/return-planner.yaml:{runs[0]}:{runs[1] + 15}: return planner default: "
        "Runs a week must be a whole number from 2 to 3, got 4",
        f"content/return-planner.yaml:{increase[0]}:{increase[1] + 14}: expected a whole number from 5 to 30 "
        "(the return planner's allowed range), got 40",
        f"content/return-planner.yaml:{amber[0]}:{amber[1] + 11}: expected a whole number from 1 to 5 "
        "(the return planner's allowed range), got 6",
        f"content/return-planner.yaml:{ready[0]}:{ready[1] + 7}: unknown placeholder weks "
        "(expected: {target_minutes}, {weeks})",
        f"content/return-planner.yaml:{hint[0]}:{hint[1] + 6}: unknown placeholder lo (expected: {{high}}, {{low}})",
    ]


def test_return_planner_content_that_cannot_reach_a_target_is_refused(content_dir: Path) -> None:
    def slow(data: dict) -> None:
        data["progression"] = {"first_run_seconds": 30, "walk_seconds": 90, "first_repeats": 2,
                               "interval_growth": 10, "max_increase": 5}

    text = rewrite(content_dir, "return-planner.yaml", slow)
    line, column = position_of(text, "first_run_seconds: 30")
    assert errors_of(content_dir) == [
        f"content/return-planner.yaml:{line}:{column}: with these numbers a plan for a 10 minute run never "
        "gets there: raise interval_growth or max_increase",
    ]
