"""The widgets' pre-rendered HTML: exact answers, stable hooks, escaping, accessible forms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
import yaml

from calculator_fixtures import rules as fixture_rules
from generator.site import widgets
from html_tree import Node, parse
from return_fixtures import return_rules
from runners_back_calculators import checker, planner, views

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_PLAN_ROWS = [
    ["1", "22.0", "8.8", "Build"],
    ["2", "24.2", "9.6", "Build"],
    ["3", "26.6", "10.5", "Build"],
    ["4", "19.9", "7.9", "Recovery"],
    ["5", "29.2", "11.5", "Build"],
    ["6", "32.1", "12.6", "Build"],
    ["7", "35.3", "13.8", "Build"],
    ["8", "26.4", "10.5", "Recovery"],
    ["9", "38.8", "15.1", "Build"],
    ["10", "40.0", "16.0", "Build"],
]
"""The contract's defaults (20 -> 40 km, +10 %, recovery every 4th week cut by 25 %)."""


def config_of(root: Node) -> dict:
    return json.loads(root.attrs["data-config"])


def rows_of(tree: Node) -> list[list[str]]:
    body = tree.find("tbody", data_plan_rows=True)
    return [[cell.text for cell in row.children if isinstance(cell, Node)]
            for row in body.find_all("tr")]


@pytest.fixture
def rules() -> dict:
    return fixture_rules()


@pytest.fixture
def planner_tree(rules: dict) -> Node:
    return parse(widgets.render_planner(rules))


@pytest.fixture
def checker_tree(rules: dict) -> Node:
    return parse(widgets.render_checker(rules))


# ---------------------------------------------------------------- the planner


def test_planner_root_carries_the_hook_and_its_rules(planner_tree: Node, rules: dict, wording: dict) -> None:
    root = planner_tree.find(data_widget="mileage-planner")
    assert root.parent is planner_tree  # the widget is one element
    config = config_of(root)
    assert config["kind"] == "mileage-planner"
    assert config["rules"] == {
        "planner": rules["planner"], "names": widgets.field_names(wording), "prefix": "mp",
        "text": {key: value for key, value in wording.items() if key != "form"},
    }
    assert config["rules"]["names"] == {
        "unit": "Unit", "current": "Current weekly distance", "target": "Target weekly distance",
        "longest_run": "Current longest single run", "weeks": "Weeks available",
        "max_increase": "Largest weekly increase", "recovery_every": "Recovery week frequency",
        "recovery_cut": "Recovery week cut", "start_date": "First day of the plan",
    }
    assert config["rules"] == json.loads(json.dumps(widgets.view_rules("mileage-planner", rules)))


def test_planner_table_is_the_plan_for_the_default_inputs(planner_tree: Node) -> None:
    assert rows_of(planner_tree) == DEFAULT_PLAN_ROWS
    table = planner_tree.find("table", data_plan_table=True)
    assert table.find("caption").text == "Week-by-week plan, distances in km"
    assert [th.text for th in table.find("thead").find_all("th")] == [
        "Week", "Distance (km)", "Longest run (km)", "Week type"]
    recovery = [row.attrs["data-week"] for row in table.find_all("tr", class_="rbw-row--recovery")]
    assert recovery == ["4", "8"]


def test_planner_rows_match_the_python_plan_for_any_defaults(rules: dict) -> None:
    rules["planner"].update(current=12.5, target=61, unit="mi", recovery_every=3)
    tree = parse(widgets.render_planner(rules))
    plan = planner.plan(rules["planner"], 12.5, 61, "mi", recovery_every=3)
    expected = [[str(w["week"]), f"{w['distance']:.1f}", f"{w['long_run']:.1f}",
                 "Recovery" if w["recovery"] else "Build"] for w in plan["weeks"]]
    assert rows_of(tree) == expected
    assert len(expected) == plan["weeks_to_target"]
    assert tree.find("caption").text == "Week-by-week plan, distances in mi"
    assert tree.find("input", id="mp-unit-mi").attrs.get("checked", "absent") is None
    assert "checked" not in tree.find("input", id="mp-unit-km").attrs


def test_planner_summary_chart_and_notes(planner_tree: Node, rules: dict) -> None:
    assert planner_tree.find(data_summary=True).text == (
        "10 weeks, from 22.0 to 40.0 km a week. This plan reaches your target in week 10.")
    plot = planner_tree.find("svg", data_chart_plot=True)
    assert plot.attrs["viewbox"] == "0 0 10 100"
    assert plot.attrs["role"] == "img" and plot.attrs["aria-label"]
    bars = plot.find_all("rect")
    assert [bar.attrs["x"] for bar in bars] == [f"{i}.15" for i in range(10)]
    assert [bar.attrs["class"] for bar in bars].count("rbw-bar rbw-bar--recovery") == 2
    assert bars[3].attrs["class"] == "rbw-bar rbw-bar--recovery"
    # The tallest week fills the plot; heights are tenths of the tallest, rounded half up.
    assert (bars[9].attrs["y"], bars[9].attrs["height"]) == ("0.0", "100.0")
    assert (bars[0].attrs["y"], bars[0].attrs["height"]) == ("45.0", "55.0")  # 22/40
    assert (bars[3].attrs["y"], bars[3].attrs["height"]) == ("50.2", "49.8")  # 19.9/40: a tie
    assert planner_tree.find(data_axis_top=True).text == "40.0 km"
    assert planner_tree.find(data_axis_last=True).text == "Week 10"
    notes = [li.text for li in planner_tree.find("ul", data_notes=True).find_all("li")]
    assert notes == [rules["planner"]["notes"]["no_proof"],
                     rules["planner"]["notes"]["warning_signs"]]


def test_planner_short_of_target_summary(rules: dict, wording: dict) -> None:
    result = planner.plan(rules["planner"], 20, 40, weeks=5)
    assert views.plan_summary(wording, result) == (
        "5 weeks, from 22.0 to 29.2 km a week. "
        "This plan stops short of your target, which needs 10 weeks.")


def test_planner_form_fields_are_labelled_hinted_and_filled(planner_tree: Node) -> None:
    form = planner_tree.find("form", data_form=True)
    assert "novalidate" in form.attrs
    expected_values = {"current": "20", "target": "40", "longest_run": "", "weeks": "",
                       "max_increase": "10", "recovery_every": "4", "recovery_cut": "25"}
    text_inputs = form.find_all("input", type="text")
    assert {i.attrs["name"]: i.attrs["value"] for i in text_inputs} == expected_values
    for field in text_inputs:
        assert form.find("label", for_=field.attrs["id"]).text
        hint_id = field.attrs["id"] + "-hint"
        assert field.attrs["aria-describedby"] == hint_id
        assert form.find(id=hint_id).text
        error = form.find(id=field.attrs["id"] + "-error")
        assert error.attrs["data-error-for"] == field.attrs["name"]
        assert "hidden" in error.attrs
        assert field.attrs["inputmode"] in ("decimal", "numeric")
        assert field.attrs["autocomplete"] == "off"
    units = form.find_all("input", name="unit")
    assert [(u.attrs["value"], "checked" in u.attrs) for u in units] == [("km", True), ("mi", False)]
    assert form.find("fieldset", data_field="unit").find("legend").text == "Unit"
    assert form.find("button", type="submit").text == "Update plan"
    # Every input field the planner accepts is in the form.
    names = {i.attrs["name"] for i in form.find_all("input")}
    assert names == set(planner.INPUT_FIELDS)


def test_planner_error_summary_is_there_hidden_and_focusable(planner_tree: Node) -> None:
    summary = planner_tree.find(data_error_summary=True)
    assert "hidden" in summary.attrs
    assert summary.attrs["tabindex"] == "-1"
    assert summary.find("h2").text == "There is a problem"
    assert summary.attrs["aria-labelledby"] == summary.find("h2").attrs["id"]
    assert summary.find("ul", data_error_list=True).children == []


def test_planner_status_and_live_result(planner_tree: Node, wording: dict) -> None:
    status = planner_tree.find(data_status=True)
    assert status.text == wording["status_nojs"]["mileage-planner"]
    summary = planner_tree.find(data_summary=True)
    assert summary.attrs["role"] == "status"
    region = summary.parent
    assert "data-result-region" in region.attrs
    # The live region stays in place; the fragment after it is what a new answer replaces.
    assert region.find(data_result=True).attrs["id"] == "mp-result"
    assert summary.find_all(data_result=True) == []


def test_planner_prerendered_result_is_the_bridge_fragment_byte_for_byte(rules: dict) -> None:
    html = str(widgets.render_planner(rules))
    shown = widgets.bridge.answer(
        "mileage-planner", widgets.view_rules("mileage-planner", rules),
        widgets.planner_defaults(rules["planner"]))
    assert shown["ok"]
    assert shown["html"] in html
    assert f'data-summary role="status" aria-atomic="true">{shown["summary"]}</p>' in html


def test_planner_embed_snippet(rules: dict) -> None:
    tree = parse(widgets.render_planner(rules))
    code = tree.find("code", data_embed_code=True).text
    assert code == ('<iframe src="../embed/mileage-planner/" title="Mileage planner" '
                    'width="100%" height="1500" loading="lazy"></iframe>')
    link = tree.find("a", data_embed_link=True)
    assert link.attrs["href"] == "../embed/mileage-planner/"
    assert link.attrs["target"] == "_top"  # a full page load: the embed page has no Material chrome
    absolute = parse(widgets.render_planner(rules, embed_url="https://example.org/embed/mp/"))
    assert 'src="https://example.org/embed/mp/"' in absolute.find("code").text
    assert parse(widgets.render_planner(rules, embed_url=None)).find_all(data_embed=True) == []


# ---------------------------------------------------------------- the checker


def test_checker_root_and_one_fieldset_per_sign_red_flags_first(
    checker_tree: Node, rules: dict, wording: dict
) -> None:
    root = checker_tree.find(data_widget="symptom-checker")
    assert config_of(root)["rules"] == {
        "checker": rules["checker"], "prefix": "sc", "text": {key: value for key, value in wording.items() if key != "form"},
    }
    fieldsets = root.find_all("fieldset")
    expected_order = [sign["id"] for sign in checker.form_order(rules["checker"])]
    assert [f.attrs["data-sign"] for f in fieldsets] == expected_order
    assert expected_order[:7] == ["saddle-numbness", "bladder-bowel-change", "sexual-dysfunction",
                                  "both-legs", "worsening-weakness", "major-trauma",
                                  "chest-abdominal-pain"]
    questions = {s["id"]: s["question"] for s in rules["checker"]["signs"]}
    for fieldset in fieldsets:
        sign_id = fieldset.attrs["data-sign"]
        assert fieldset.find("legend").text == questions[sign_id]
        radios = fieldset.find_all("input")
        assert [(r.attrs["type"], r.attrs["name"], r.attrs["value"]) for r in radios] == [
            ("radio", sign_id, "yes"), ("radio", sign_id, "no"), ("radio", sign_id, "unsure")]
        labels = [label.text for label in fieldset.find_all("label")]
        assert labels == ["Yes", "No", "Not sure"]
        for radio, label in zip(radios, fieldset.find_all("label"), strict=True):
            assert label.attrs["for"] == radio.attrs["id"]
            assert "checked" not in radio.attrs


def test_checker_groups_say_what_each_level_means(checker_tree: Node, rules: dict) -> None:
    groups = checker_tree.find_all("section", data_group=True)
    assert [g.attrs["data-group"] for g in groups] == ["emergency", "urgent", "soon", "self-care"]
    levels = {level["id"]: level for level in rules["checker"]["levels"]}
    for group in groups:
        level = levels[group.attrs["data-group"]]
        heading = group.find("h2").text
        assert heading.endswith(level["title"])
        advice = group.find_all("p", class_="rbw-group__means")[0].text
        if level["id"] == "urgent":  # its running sentence is said by the group's action
            assert advice == "Contact a doctor today."
        else:
            assert advice == level["advice"]
        for fieldset in group.find_all("fieldset"):
            assert fieldset.attrs["data-sign-level"] == level["id"]
    assert groups[0].find("h2").text == (
        "If you answer yes or not sure to any question here: Emergency")
    assert groups[-1].find("h2").text == "If you answer no to every question: Self-Care"
    assert groups[-1].find_all("fieldset") == []
    how = checker_tree.filter(lambda n: n.text.startswith("Answer yes, no or not sure"))
    assert how and "Not sure counts as yes" in how[-1].text


def test_checker_checklist_says_each_action_where_it_applies(checker_tree: Node, wording: dict) -> None:
    groups = {g.attrs["data-group"]: g for g in checker_tree.find_all("section", data_group=True)}
    stop, drive = "Stop running until someone has seen you.", "Do not drive yourself."
    # Every red flag and urgent sign says stop running: once, for the group.
    for level in ("emergency", "urgent"):
        shared = groups[level].find("ul", data_group_actions=True)
        assert [li.text for li in shared.find_all("li")] == [stop]
        assert groups[level].find_all(data_stop_first=True) == []
    # Do not drive: beside the cauda equina and major trauma signs only.
    driving = {f.attrs["data-sign"]: f.find(data_sign_actions=True).text
               for f in groups["emergency"].find_all("fieldset")
               if f.find_all(data_sign_actions=True)}
    assert driving == dict.fromkeys(sorted(checker.DO_NOT_DRIVE_SIGNS),
                                    f"If yes or not sure, also: {drive}")
    # Soon: only some signs stop running, so they say so and the group's advice gives way.
    soon = groups["soon"]
    assert soon.find_all(data_group_actions=True) == []
    assert soon.find(data_stop_first=True).text == wording["group_actions_first"]
    stopping = sorted(f.attrs["data-sign"] for f in soon.find_all("fieldset")
                      if f.find_all(data_sign_actions=True))
    assert stopping == ["bone-stress", "young-arching-pain"]
    assert soon.find("fieldset", data_sign="bone-stress").find(data_sign_actions=True).text == (
        f"If yes or not sure, also: {stop}")
    assert groups["self-care"].find_all(data_sign_actions=True) == []


def test_checker_result_privacy_and_print(checker_tree: Node, rules: dict, wording: dict) -> None:
    region = checker_tree.find(data_result_region=True)
    result = region.find(data_result=True)
    # No level and no reassurance is pre-rendered: the result waits for answers.
    assert "data-level" not in result.attrs
    assert result.attrs["data-state"] == "waiting"
    assert result.text == wording["result_waiting"]
    waiting = views.checker_waiting(widgets.view_rules("symptom-checker", rules))
    assert waiting["html"] in str(widgets.render_checker(rules))
    assert region.find(data_summary=True).text == "You have not answered any question yet."
    assert region.find(data_summary=True).attrs["role"] == "status"
    region_html = str(widgets.render_checker(rules)).split("data-result-region")[1]
    assert "self-care" not in region_html.split("</section>")[0]
    button = region.find("button", data_print=True)
    assert button.attrs["type"] == "button" and "hidden" in button.attrs
    privacy = checker_tree.find(data_privacy=True).text
    assert privacy.startswith("Nothing you enter leaves your browser")
    assert checker_tree.find(data_print_hint=True).text.startswith("To keep a copy")


# ---------------------------------------------------------------- both


@pytest.mark.parametrize("kind", widgets.KINDS)
def test_no_script_no_handlers_no_style_attributes(kind: str, rules: dict) -> None:
    html = str(widgets.render_widget(kind, rules, embed_url="../embed/x/"))
    tree = parse(html)
    assert tree.find_all("script") == []
    for node in tree.iter():
        for name in node.attrs:
            assert not name.startswith("on"), f"event handler attribute {name} on <{node.tag}>"
            assert name != "style", f"style attribute on <{node.tag}>"
    assert "javascript:" not in html


@pytest.mark.parametrize("kind", widgets.KINDS)
def test_ids_are_unique_and_references_resolve(kind: str, rules: dict) -> None:
    tree = parse(widgets.render_widget(kind, rules, embed_url="../embed/x/"))
    ids = [node.attrs["id"] for node in tree.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))
    for node in tree.iter():
        for name in ("for", "aria-labelledby", "aria-describedby"):
            for ref in (node.attrs.get(name) or "").split():
                assert ref in ids, f"{name}={ref!r} on <{node.tag}> points nowhere"


def test_text_from_content_is_escaped(rules: dict) -> None:
    evil = '<script>alert("x")</script> & "quoted" \'single\''
    rules["planner"]["notes"]["no_proof"] = evil
    rules["checker"]["signs"][2]["question"] = evil  # saddle-numbness
    rules["checker"]["levels"][0]["advice"] = evil
    for html in (widgets.render_planner(rules), widgets.render_checker(rules)):
        assert "<script" not in html
        assert ("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quoted&#34;" in html
                or '&lt;script&gt;alert("x")&lt;/script&gt; &amp; "quoted"' in html)
        root = parse(html).find(data_widget=True)
        # The config attribute never holds a raw < > &, even after attribute decoding, and
        # the script gets the content's text back exactly.
        assert not re.search(r"[<>&]", root.attrs["data-config"])
        config = config_of(root)["rules"]
        assert {key: config[key] for key in ("planner", "checker") if key in config} == {
            key: rules[key] for key in ("planner", "checker") if key in config}
    tree = parse(widgets.render_checker(rules))
    assert tree.find("fieldset", data_sign="saddle-numbness").find("legend").text == " ".join(
        evil.split())
    notes = parse(widgets.render_planner(rules)).find("ul", data_notes=True).find_all("li")
    assert notes[0].text == evil  # escaped by the view, read back exactly


@pytest.mark.parametrize("kind", widgets.KINDS)
def test_widget_html_passes_through_markdown_unchanged(kind: str, rules: dict) -> None:
    html = str(widgets.render_widget(kind, rules, embed_url="../embed/x/"))
    assert "\n\n" not in html and not re.search(r"^\s", html, re.M)
    page = f"# Title\n\nSome *text*.\n\n{html}\n\nMore text.\n"
    out = markdown.markdown(page, extensions=[
        "attr_list", "md_in_html", "admonition", "pymdownx.details", "tables", "toc"])
    assert html in out


def test_widget_pages_are_standalone_embed_pages(rules: dict, wording: dict) -> None:
    pages = widgets.widget_pages(rules)
    assert set(pages) == {"embed/mileage-planner.md", "embed/symptom-checker.md"}
    for src_uri, text in pages.items():
        kind = src_uri.removeprefix("embed/").removesuffix(".md")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        assert meta == {"template": "embed.html", "title": wording["title"][kind],
                        "embed_kind": kind, "search": {"exclude": True}}
        tree = parse(body)
        assert tree.find(data_widget=kind)
        assert tree.find_all(data_embed=True) == []  # no "embed this" inside the embed
    assert (ROOT / "overrides" / "embed.html").is_file()


def test_unknown_kind_is_refused(rules: dict) -> None:
    with pytest.raises(ValueError, match="unknown widget 'calculator'"):
        widgets.render_widget("calculator", rules)


def test_defaults_are_shown_as_typed() -> None:
    assert [widgets.plain_number(v) for v in (20, 20.0, 7.5, 0.1, "12")] == [
        "20", "20", "7.5", "0.1", "12"]


def test_chart_bars_round_half_up_on_tenths() -> None:
    weeks = [{"distance": d, "recovery": False} for d in (1.0, 3.0, 0.0)]
    bars = views.chart_bars(weeks)
    assert [(b["y"], b["height"]) for b in bars] == [("66.7", "33.3"), ("0.0", "100.0"),
                                                      ("100.0", "0.0")]


EXPORT_SECTION = (
    '<section class="rbw-export" id="mp-export" aria-labelledby="mp-export-title" '
    "data-export-section>\n"
    '<h2 class="rbw-result__title" id="mp-export-title">Save your plan</h2>\n'
    '<p class="rbw-hint" data-export-nojs>Saving the plan as a file needs JavaScript.</p>\n'
    '<div class="rbw-export__controls" data-export-controls hidden>\n'
    '<p class="rbw-hint">Save this plan as a calendar file or as a spreadsheet. The file is made '
    "on this device: nothing is sent.</p>\n"
    '<div class="rbw-field" data-field="start_date">\n'
    '<label class="rbw-label" for="mp-start-date">First day of the plan</label>\n'
    '<p class="rbw-hint" id="mp-start-date-hint">For the calendar file: the day week 1 starts.</p>\n'
    '<p class="rbw-error-message" id="mp-start-date-error" data-error-for="start_date" hidden></p>\n'
    '<input class="rbw-input" id="mp-start-date" name="start_date" type="date" min="2000-01-01" '
    'max="2100-12-31" autocomplete="off" aria-describedby="mp-start-date-hint" data-export-start>\n'
    "</div>\n"
    '<div class="rbw-export__buttons">\n'
    '<button class="rbw-button rbw-button--secondary" type="button" data-export="ics">'
    "Save for a calendar (.ics)</button>\n"
    '<button class="rbw-button rbw-button--secondary" type="button" data-export="csv">'
    "Save as a spreadsheet (.csv)</button>\n"
    "</div>\n"
    '<p class="rbw-status" id="mp-export-status" data-export-status role="status"></p>\n'
    "</div>\n"
    "</section>\n"
)


def test_planner_export_buttons_show_only_with_javascript_and_its_date_is_outside_the_form(
    rules: dict,
) -> None:
    """Without JavaScript the section only says the file needs it; the calendar's first day is
    not a plan input, so it sits outside the form (the bridge gets it apart)."""
    html = str(widgets.render_planner(rules))
    assert EXPORT_SECTION in html
    assert html.index("</form>") < html.index('id="mp-start-date"')


def test_only_the_planners_keep_their_inputs_in_the_url(rules: dict) -> None:
    """data-url-state is opt-in: the symptom checker's answers are health data and never go
    into a URL (one gets shared and logged)."""
    from generator.site.return_widget import render_return_planner

    assert re.search(r'<div [^>]*data-widget="mileage-planner"[^>]* data-url-state>',
                     str(widgets.render_planner(rules)))
    assert re.search(r'<div [^>]*data-widget="return-planner"[^>]* data-url-state>',
                     str(render_return_planner(rules | {"return_planner": return_rules()})))
    assert "data-url-state" not in str(widgets.render_checker(rules))


def test_planner_hints_state_the_planners_own_limits(rules: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def hints() -> dict[str, str]:
        tree = parse(widgets.render_planner(rules, embed_url=None))
        return {name: tree.find(id=f"mp-{name.replace('_', '-')}-hint").text
                for name in ("weeks", "max_increase", "recovery_every", "recovery_cut")}

    assert hints() == {
        "weeks": "Leave empty if you have no date to meet. A whole number of weeks, up to 104.",
        "max_increase": "How much more a week may be than the most you have run so far: 1 to 30. "
        "10 is the usual advice.",
        "recovery_every": "A whole number from 2 to 6. Every so often an easier week lets the body adapt.",
        "recovery_cut": "How much less to run in a recovery week than the week before: 10 to 50.",
    }
    monkeypatch.setattr(planner, "RECOVERY_CUT_RANGE", (5, 45))
    monkeypatch.setattr(planner, "WEEKS_RANGE", (1, 52))
    changed = hints()
    assert changed["recovery_cut"].endswith(": 5 to 45.")
    assert changed["weeks"].endswith("up to 52.")


def test_planner_labels_hints_and_error_names_are_the_contents(rules: dict) -> None:
    """A writer's change to the form's words reaches the form and the error messages."""
    changed = rules  # a fresh copy for each test
    words = changed["wording"]["form"]["mileage-planner"]["weeks"]
    words.update(label="Weeks to go", hint="Up to {weeks_high} weeks.", name="Weeks to go")
    tree = parse(widgets.render_planner(changed, embed_url=None))
    assert tree.find("label", for_="mp-weeks").text == "Weeks to go (optional)"
    assert tree.find(id="mp-weeks-hint").text == "Up to 104 weeks."
    config = config_of(tree.find(data_widget="mileage-planner"))
    assert config["rules"]["names"]["weeks"] == "Weeks to go"
    assert "form" not in config["rules"]["text"]
    with pytest.raises(planner.InputError) as caught:
        raw = widgets.planner_defaults(changed["planner"]) | {"weeks": "many"}
        planner.parse_inputs(changed["planner"], raw, config["rules"]["names"])
    assert caught.value.message == "Weeks to go must be a whole number from 1 to 104, got 'many'"
