"""Both planners' downloads and shareable URLs in Chromium, through the generic widget parts.

A [data-export] button gets the plan's file from Python (bridge.export, in the worker) and the
browser downloads it: the bytes are the ones CPython makes for the same form. A planner's inputs
go into the page's URL once it has answered, and a fresh page at that URL fills the form in and
shows that plan. The symptom checker never puts an answer in the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import PYODIDE_START_TIMEOUT_MS
from browser.test_site_gates import axe_violations
from browser.test_widgets_browser import shows_fragment, table_rows, wait_ready
from conftest import TODAY
from generator.content.load import load_guide
from generator.content.rules import calculator_rules
from generator.site import widgets
from generator.site.return_widget import view_rules as return_view_rules
from runners_back_calculators import bridge

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PLANNER = '[data-widget="mileage-planner"]'
RETURN = '[data-widget="return-planner"]'
CHECKER = '[data-widget="symptom-checker"]'


@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    return calculator_rules(load_guide(ROOT / "content", today=TODAY))


def download(page: Page, root: str, fmt: str) -> tuple[str, str]:
    """Click a download button; (the file's suggested name, its text)."""
    with page.expect_download() as info:
        page.click(f'{root} [data-export="{fmt}"]')
    file = info.value
    return file.suggested_filename, Path(file.path()).read_bytes().decode("utf-8")


def form_values(page: Page, root: str) -> dict[str, str]:
    return page.eval_on_selector(f"{root} [data-form]", """form => {
        const values = {};
        new FormData(form).forEach((value, name) => { values[name] = String(value); });
        return values;
    }""")


def test_the_mileage_plan_downloads_as_a_calendar_and_a_spreadsheet(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page().page
    page.goto(base_url + "mileage-planner/")
    wait_ready(page, PLANNER)
    view = widgets.view_rules("mileage-planner", rules)
    page.fill(f"{PLANNER} input[name=current]", "25")
    page.fill(f"{PLANNER} input[name=target]", "35")
    inputs = {**widgets.planner_defaults(rules["planner"]), "current": "25", "target": "35"}

    name, text = download(page, PLANNER, "csv")
    expected = bridge.export_file("mileage-planner", view, inputs, "csv")
    assert (name, text) == ("mileage-plan.csv", expected["text"])
    assert text.startswith("week,distance,long_run,unit,recovery\r\n1,")
    expect(page.locator(f"{PLANNER} [data-export-status]")).to_have_text(
        "Your file mileage-plan.csv is ready.")

    # A calendar needs its first day: asked for like any other input, then made.
    page.click(f'{PLANNER} [data-export="ics"]')
    summary = page.locator(f"{PLANNER} [data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_text(
        "First day of the plan is needed to put a plan in a calendar")
    expect(summary.locator("a")).to_have_attribute("href", "#mp-start-date")
    expect(page.locator(f'{PLANNER} [data-error-for="start_date"]')).to_have_text(
        "Error: First day of the plan is needed to put a plan in a calendar")
    assert axe_violations(page, f"document.querySelector('{PLANNER}')") == []  # error shown
    page.fill(f"{PLANNER} [data-export-start]", "2027-01-04")
    name, text = download(page, PLANNER, "ics")
    expected = bridge.export_file("mileage-planner", view, inputs, "ics", "2027-01-04")
    assert (name, text) == ("mileage-plan.ics", expected["text"])
    assert "DTSTART;VALUE=DATE:20270104\r\n" in text
    expect(summary).to_be_hidden()
    assert page.locator(f"{PLANNER} [aria-invalid]").count() == 0
    assert axe_violations(page, f"document.querySelector('{PLANNER}')") == []  # file made


def test_the_return_plan_downloads_with_the_forms_start_date(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page().page
    page.goto(base_url + "return-planner/")
    wait_ready(page, RETURN)
    page.fill(f"{RETURN} input[name=start_date]", "2027-03-01")
    page.fill(f"{RETURN} input[name=runs_per_week]", "2")
    inputs = form_values(page, RETURN)
    view = return_view_rules(rules)
    files = {}
    for fmt in ("ics", "csv"):
        name, files[fmt] = download(page, RETURN, fmt)
        expected = bridge.export_file("return-planner", view, inputs, fmt, "")
        assert expected["ok"]
        assert (name, files[fmt]) == (f"return-to-running-plan.{fmt}", expected["text"])
    assert "DTSTART;VALUE=DATE:20270301\r\n" in files["ics"]
    assert files["csv"].splitlines()[1].startswith("1,1,1,2027-03-01,")


def test_without_javascript_the_downloads_say_they_need_it(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page(javascript=False).page
    for path, root in (("mileage-planner/", PLANNER), ("return-planner/", RETURN)):
        page.goto(base_url + path)
        expect(page.locator(f"{root} [data-export-nojs]")).to_have_text(
            rules["wording"]["export_nojs"])
        assert page.locator(f"{root} [data-export]:visible").count() == 0


def test_a_planners_url_keeps_its_inputs_and_a_fresh_page_shows_that_plan(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page().page
    page.goto(base_url + "mileage-planner/")
    wait_ready(page, PLANNER)
    assert urlsplit(page.url).query == ""
    page.check(f"{PLANNER} input[name=unit][value=mi]")
    page.fill(f"{PLANNER} input[name=current]", "12.5")
    page.fill(f"{PLANNER} input[name=target]", "30")
    page.fill(f"{PLANNER} input[name=weeks]", "6")
    page.click(f"{PLANNER} [data-submit]")
    page.wait_for_url("**/mileage-planner/?*")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"unit": ["mi"], "current": ["12.5"], "target": ["30"], "weeks": ["6"],
                     "max_increase": ["10"], "recovery_every": ["4"], "recovery_cut": ["25"]}
    inputs = {**widgets.planner_defaults(rules["planner"]),
              "unit": "mi", "current": "12.5", "target": "30", "weeks": "6"}
    expected = bridge.answer("mileage-planner", widgets.view_rules("mileage-planner", rules),
                             inputs)
    shown = table_rows(page)

    fresh = open_page().page
    fresh.goto(page.url)
    expect(fresh.locator(f"{PLANNER} [data-summary]")).to_have_text(
        expected["summary"], timeout=PYODIDE_START_TIMEOUT_MS)
    assert shows_fragment(fresh, PLANNER, expected["html"])
    assert table_rows(fresh) == shown
    assert fresh.is_checked(f"{PLANNER} input[name=unit][value=mi]")
    assert fresh.input_value(f"{PLANNER} input[name=weeks]") == "6"


def test_a_url_whose_plan_python_cannot_make_falls_back_to_the_shown_plan(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    """With no runtime, the form must not claim the URL's values beside the default plan."""
    record = open_page(expect_errors=True)  # the blocked downloads are logged by the browser
    page = record.page
    page.route("**/assets/pyodide/**", lambda route: route.abort("blockedbyclient"))
    page.goto(base_url + "mileage-planner/?current=30&target=50&unit=mi")
    status = page.locator(f"{PLANNER} [data-status]")
    expect(status).to_have_attribute("data-state", "failed")
    assert page.input_value(f"{PLANNER} input[name=current]") == "20"
    assert page.is_checked(f"{PLANNER} input[name=unit][value=km]")
    shown = bridge.answer("mileage-planner", widgets.view_rules("mileage-planner", rules),
                          widgets.planner_defaults(rules["planner"]))
    assert shows_fragment(page, PLANNER, shown["html"])
    assert urlsplit(page.url).query == ""
    assert [e for e in record.errors if "uncaught" in e] == []


def test_the_return_planners_url_restores_its_plan(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    inputs = {"warning_signs": "no", "pain_now": "1", "walk_minutes": "40", "hop": "yes",
              "runs_per_week": "2", "target_minutes": "20", "start_date": "2027-02-01"}
    expected = bridge.answer("return-planner", return_view_rules(rules), inputs)
    page = open_page().page
    page.goto(base_url + "return-planner/?" + "&".join(f"{k}={v}" for k, v in inputs.items()))
    # Python starts with the page and answers for the URL's inputs.
    expect(page.locator(f"{RETURN} [data-summary]")).to_have_text(
        expected["summary"], timeout=PYODIDE_START_TIMEOUT_MS)
    assert shows_fragment(page, RETURN, expected["html"])
    assert form_values(page, RETURN) == inputs


def test_the_checker_never_puts_an_answer_in_the_url(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page().page
    page.goto(base_url + "symptom-checker/")
    wait_ready(page, CHECKER)
    start, entries = page.url, page.evaluate("history.length")
    for sign in [s["id"] for s in rules["checker"]["signs"]][:4]:
        page.check(f'{CHECKER} input[name="{sign}"][value="yes"]')
    page.wait_for_selector(f"{CHECKER} [data-result][data-level]")
    page.wait_for_timeout(300)
    assert page.url == start
    assert page.evaluate("location.search + location.hash") == ""
    assert page.evaluate("history.length") == entries


@pytest.mark.parametrize(("path", "root"), [("mileage-planner/", PLANNER),
                                            ("embed/return-planner/", RETURN)])
def test_the_download_controls_fit_320px_with_24px_targets_and_print_nothing(
    open_page: Callable[..., Any], base_url: str, path: str, root: str
) -> None:
    page = open_page(width=320, height=640).page
    page.goto(base_url + path)
    controls = f"{root} [data-export-controls]"
    expect(page.locator(controls)).to_be_visible()
    expect(page.locator(f"{root} [data-export-nojs]")).to_be_hidden()
    overflow = page.eval_on_selector(root, "w => w.scrollWidth - w.clientWidth")
    assert overflow <= 0, f"{path}: the widget is {overflow}px wider than a 320px screen"
    sizes = page.eval_on_selector_all(
        f"{controls} button, {controls} input",
        "all => all.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])")
    assert len(sizes) == (3 if root == PLANNER else 2)
    assert all(width >= 24 and height >= 24 for width, height in sizes), sizes
    page.emulate_media(media="print")
    expect(page.locator(f"{root} [data-export-section]")).to_be_hidden()
