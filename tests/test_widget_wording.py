"""The calculators' wording is content (content/widgets.yaml): checked like the rest, all of it used.

`check` names a misspelt key, a missing message and a placeholder that is unknown, malformed
or missing, each at its line and column; every message is read by a widget template, a view
or the script, and everything they read is in the file.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculator_fixtures import planner_rules
from conftest import ROOT, TODAY, errors_of, position_of, rewrite
from generator.content.load import load_guide
from generator.content.model import WidgetsFile
from generator.site import widgets
from runners_back_calculators import planner, views

WIDGETS = "widgets.yaml"
TEMPLATES = ROOT / "generator" / "templates" / "widgets"
VIEWS = ROOT / "runners_back_calculators" / "views.py"
WIDGETS_PY = ROOT / "generator" / "site" / "widgets.py"
SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "widgets.js"


pytestmark = pytest.mark.usefixtures("beside_content")




def at(text: str, needle: str, offset: int = 0) -> str:
    line, column = position_of(text, needle)
    return f"content/{WIDGETS}:{line}:{column + offset}"


# ---------------------------------------------------------------- what check says


def test_a_misspelt_key_is_named_with_the_key_it_meant(content_dir: Path) -> None:
    def misspell(data: dict) -> None:
        data["title"]["symptom-checkr"] = data["title"].pop("symptom-checker")
        data["week_count"]["once"] = data["week_count"].pop("one")

    text = rewrite(content_dir, WIDGETS, misspell)
    assert errors_of(content_dir) == [
        f"{at(text, 'mileage-planner: Mileage planner')}: missing required key 'symptom-checker'",
        f"{at(text, 'symptom-checkr:')}: unknown key 'symptom-checkr': did you mean 'symptom-checker'? "
        "(expected one of: mileage-planner, symptom-checker)",
        f"{at(text, 'many:')}: missing required key 'one'",
        f"{at(text, 'once:')}: unknown key 'once': did you mean 'one'? (expected one of: many, one)",
    ]


def test_a_top_level_key_written_by_its_yaml_name_is_suggested(content_dir: Path) -> None:
    """`and` is a Python keyword: the writer still sees and is offered the YAML key."""

    def misspell(data: dict) -> None:
        data["an"] = data.pop("and")

    text = rewrite(content_dir, WIDGETS, misspell)
    errors = errors_of(content_dir)
    assert errors[0] == "content/widgets.yaml:1:1: missing required key 'and'"
    assert errors[1].startswith(f"{at(text, 'an: ')}: unknown key 'an': did you mean 'and'? (expected one of: title, ")
    assert ", left_count, and, left_summary, " in errors[1]
    assert len(errors) == 2


def test_a_missing_message_is_named(content_dir: Path) -> None:
    def remove(data: dict) -> None:
        del data["export_nojs"]
        del data["status_failed"]["mileage-planner"]

    text = rewrite(content_dir, WIDGETS, remove)
    assert errors_of(content_dir) == [
        "content/widgets.yaml:1:1: missing required key 'export_nojs'",
        f"{at(text, "symptom-checker: 'The checker could not start")}: missing required key 'mileage-planner'",
    ]


def test_empty_text_and_a_joining_word_of_only_spaces_are_refused(content_dir: Path) -> None:
    def empty(data: dict) -> None:
        data["left_why"] = "  "
        data["and"] = "  "

    text = rewrite(content_dir, WIDGETS, empty)
    assert errors_of(content_dir) == [
        f"{at(text, 'and: ', 5)}: expected a joining word with its spaces, such as \" and \", got only spaces",
        f"{at(text, 'left_why: ', 10)}: expected text, got empty text",
    ]


def test_a_wrong_or_missing_placeholder_is_named_where_it_is(content_dir: Path) -> None:
    def bad(data: dict) -> None:
        data["export_ready"] = "Your file {filenme} is ready."
        data["caption"] = "Week-by-week plan"
        data["col_week"] = "Week {unit}"
        data["summary_level"] = "Result: {title:>99999}."
        data["left_count"]["urgent"]["one"] = "one urgent question"
        data["result_answered"] = "You answered {answered} of {total} questions {"
        data["summary_short"] = "{weeks}, from {first} to {last} a week."

    text = rewrite(content_dir, WIDGETS, bad)
    assert errors_of(content_dir) == sorted([
        f"{at(text, 'caption: ', 9)}: missing placeholder {{unit}} (expected: {{unit}})",
        f"{at(text, 'col_week: ', 10)}: unknown placeholder unit (expected: none)",
        f"{at(text, 'summary_short: ', 15)}: missing placeholder {{unit}}, {{weeks_to_target}} "
        "(expected: {first}, {last}, {unit}, {weeks}, {weeks_to_target})",
        f"{at(text, 'one: one urgent', 5)}: missing placeholder {{count}} (expected: {{count}})",
        f"{at(text, 'result_answered: ', 17)}: a lone '{{': write {{{{ or }}}} for a brace, or a placeholder "
        "({answered}, {total})",
        f"{at(text, 'summary_level: ', 15)}: write the placeholder as just {{title}}, with nothing after its name",
        f"{at(text, 'export_ready: ', 14)}: unknown placeholder filenme (expected: {{filename}})",
    ], key=lambda message: [int(part) for part in message.split(":")[1:3]])


def test_a_form_hint_shows_exactly_the_planners_limits_it_is_written_for(content_dir: Path) -> None:
    def bad(data: dict) -> None:
        form = data["form"]["mileage-planner"]
        form["weeks"]["hint"] = "A whole number of weeks, up to {weeks_hi}."
        form["longest_run"]["hint"] = "Leave empty to use a share of your weekly distance."
        form["current"]["hint"] = "Up to {weeks_high} weeks of it."
        form["recovery_cut"]["hint"] = "From {recovery_cut_low} to {recovery_every_high}."
        form["target"]["label"] = "Target in {unit}"

    text = rewrite(content_dir, WIDGETS, bad)
    assert errors_of(content_dir) == [
        f"{at(text, 'hint: Up to', 6)}: unknown placeholder weeks_high (expected: none)",
        f"{at(text, 'label: Target in', 7)}: unknown placeholder unit (expected: none)",
        f"{at(text, 'hint: Leave empty to use', 6)}: missing placeholder {{share}} (expected: {{share}})",
        f"{at(text, 'hint: A whole number of weeks', 6)}: unknown placeholder weeks_hi (expected: {{weeks_high}})",
        f"{at(text, 'hint: From', 6)}: unknown placeholder recovery_every_high "
        "(expected: {recovery_cut_high}, {recovery_cut_low})",
    ]


def test_a_form_field_without_its_label_or_name_is_named(content_dir: Path) -> None:
    def remove(data: dict) -> None:
        form = data["form"]["mileage-planner"]
        del form["weeks"]["label"]
        del form["unit"]["name"]
        form["unit"]["label"] = "Unit"

    text = rewrite(content_dir, WIDGETS, remove)
    assert errors_of(content_dir) == [
        f"{at(text, 'label: Unit')}: missing required key 'name'",
        f"{at(text, 'label: Unit')}: unknown key 'label' (expected one of: name)",
        f"{at(text, 'name: Weeks available')}: missing required key 'label'",
    ]


def test_doubled_braces_and_braces_in_a_message_without_placeholders_pass(content_dir: Path) -> None:
    def braces(data: dict) -> None:
        data["col_type"] = "Week type {so to speak"
        data["axis_last"] = "Week {weeks} {{of the plan}}"

    rewrite(content_dir, WIDGETS, braces)
    wording = load_guide(content_dir, today=TODAY).widgets.wording()
    assert wording["col_type"] == "Week type {so to speak"
    assert wording["axis_last"].format(weeks=3) == "Week 3 {of the plan}"


# ---------------------------------------------------------------- its shape and its use


def test_the_wording_is_the_content_as_written(wording: dict[str, Any]) -> None:
    """Plurals become the [many, one] pair the views index; a joining word keeps its spaces."""
    raw = yaml.safe_load((ROOT / "content" / WIDGETS).read_text(encoding="utf-8"))
    assert wording["week_count"] == [raw["week_count"]["many"], raw["week_count"]["one"]]
    assert wording["left_count"]["urgent"] == ["{count} urgent questions", "{count} urgent question"]
    assert wording["and"] == " and "
    assert wording["title"] == {"mileage-planner": "Mileage planner", "symptom-checker": "Symptom checker"}
    flat = copy.deepcopy(raw)
    flat["week_count"] = wording["week_count"]
    flat["left_count"] = wording["left_count"]
    assert wording == flat
    assert WidgetsFile.model_validate(raw).wording() == wording


def test_the_placeholders_name_only_messages_that_exist(wording: dict[str, Any]) -> None:
    assert set(views.WORDING_PLACEHOLDERS) < set(wording)


def _read_by_code() -> tuple[set[str], set[str]]:
    """The wording keys the templates, the views and the script read."""
    jinja = set()
    for template in TEMPLATES.glob("*.j2"):
        jinja |= set(re.findall(r"\btext\.(\w+)", template.read_text(encoding="utf-8")))
    python = set(re.findall(r'\btext\["(\w+)"\]', VIEWS.read_text(encoding="utf-8")))
    python |= set(re.findall(r'\bwording(?:"\])?\["(\w+)"\]', WIDGETS_PY.read_text(encoding="utf-8")))
    script = SCRIPT.read_text(encoding="utf-8")
    # `this.text.export_busy`, and the status lines it picks by name: `this.text[key]`.
    scripted = set(re.findall(r"\.text\.(\w+)", script)) | set(re.findall(r'"(status_\w+)"', script))
    return jinja | python, scripted


def test_every_message_is_used_and_every_message_used_exists(wording: dict[str, Any]) -> None:
    rendered, scripted = _read_by_code()
    assert rendered | scripted == set(wording)
    assert scripted == {"error_prefix", "export_busy", "export_ready", "status_failed", "status_idle",
                        "status_loading", "status_queued", "status_ready", "status_stale"}


def test_the_planners_form_words_every_input_and_only_those(wording: dict[str, Any]) -> None:
    """Each input the form draws has a name, a label and a hint; the unit and the first day
    (labelled by other messages) a name; together the names cover every field an error names."""
    form = wording["form"]["mileage-planner"]
    drawn = [field["name"] for field in widgets.PLANNER_FIELDS + widgets.PLANNER_SETTINGS]
    assert {field: set(words) for field, words in form.items()} == (
        {field: {"name", "label", "hint"} for field in drawn} | {"unit": {"name"}, "start_date": {"name"}})
    assert set(form) == set(planner.INPUT_FIELDS) | {"start_date"}
    assert set(views.FORM_HINT_PLACEHOLDERS) == set(wording["form"])
    assert set(views.FORM_HINT_PLACEHOLDERS["mileage-planner"]) < set(drawn)


def test_the_hint_placeholders_are_the_limits_the_build_fills_in() -> None:
    """Every limit a hint must show is filled in at build (only the shortest plan, 1 week, no
    hint states)."""
    needed = set().union(*views.FORM_HINT_PLACEHOLDERS["mileage-planner"].values())
    filled = set(widgets.hint_values(planner_rules()))
    assert needed <= filled
    assert filled - needed == {"weeks_low"}
