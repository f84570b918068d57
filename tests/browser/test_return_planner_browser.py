"""The return planner's page in Chromium: the pre-rendered answer without JavaScript, a form that
fits a 320 px screen with 24 px targets, no error on its pages with JavaScript on, and live
answers from Python through the bridge that are CPython's fragment byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from browser.test_site_gates import axe_violations
from browser.test_widgets_browser import last_answer, record_answers, shows_fragment, wait_ready
from conftest import CONTENT, TODAY
from generator.content.load import load_guide
from generator.content.rules import calculator_rules
from generator.site.return_widget import view_rules
from runners_back_calculators import bridge, return_plan

pytestmark = pytest.mark.browser

ROOT = '[data-widget="return-planner"]'


def test_without_javascript_the_plan_for_the_defaults_is_shown(
    open_page: Callable[..., Any], base_url: str
) -> None:
    rules = calculator_rules(load_guide(CONTENT, today=TODAY))["return_planner"]
    result = return_plan.plan(rules)
    page = open_page(javascript=False).page
    page.goto(base_url + "return-planner/")
    assert page.inner_text(f"{ROOT} [data-summary]") == result["advice"]
    rows = page.eval_on_selector_all(
        f"{ROOT} [data-sessions] tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert rows == [str(week) for week in range(1, result["weeks_to_target"] + 1)]
    lights = page.eval_on_selector_all(
        f"{ROOT} [data-traffic-light] tbody tr", "rows => rows.map(r => r.dataset.light)")
    assert lights == ["green", "amber", "red"]


@pytest.mark.parametrize("path", ["return-planner/", "embed/return-planner/"])
def test_the_form_fits_320px_with_24px_targets(
    open_page: Callable[..., Any], base_url: str, path: str
) -> None:
    page = open_page(width=320, height=640, javascript=False).page
    page.goto(base_url + path)
    overflow = page.eval_on_selector(ROOT, "w => w.scrollWidth - w.clientWidth")
    assert overflow <= 0, f"{path}: the widget is {overflow}px wider than a 320px screen"
    too_small = page.eval_on_selector_all(
        f"{ROOT} input, {ROOT} button:not([hidden]), {ROOT} summary",
        """all => all.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect())
                    .filter(r => r.width < 24 || r.height < 24).length""")
    assert too_small == 0, f"{path}: {too_small} controls smaller than 24x24 px"


def test_with_javascript_the_pages_load_without_an_error(
    open_page: Callable[..., Any], base_url: str
) -> None:
    page = open_page().page  # open_page fails the test on any console error or uncaught one
    for path in ("return-planner/", "embed/return-planner/"):
        page.goto(base_url + path)
        page.wait_for_selector(f"{ROOT}[data-enhanced]")


def test_with_javascript_python_answers_with_cpythons_fragment(
    open_page: Callable[..., Any], base_url: str
) -> None:
    rules = view_rules(calculator_rules(load_guide(CONTENT, today=TODAY)))
    page = open_page().page
    page.goto(base_url + "return-planner/")
    wait_ready(page, ROOT)
    record_answers(page)

    # Not yet able to walk long enough: a walking plan, and no sessions.
    page.fill(f"{ROOT} input[name=walk_minutes]", "10")
    page.click(f"{ROOT} [data-submit]")
    defaults = rules["return_planner"]["defaults"]
    inputs = {field: str(value) for field, value in defaults.items()} | {
        "walk_minutes": "10", "start_date": ""}
    expected = bridge.answer("return-planner", rules, inputs)
    assert expected["result"]["readiness"] == "walk-first"
    answer = last_answer(page)
    assert answer["html"] == expected["html"]  # byte for byte
    assert shows_fragment(page, ROOT, expected["html"])
    expect(page.locator(f"{ROOT} [data-summary]")).to_have_text(expected["summary"])
    assert page.locator(f"{ROOT} [data-walk-plan]").count() == 1
    assert page.locator(f"{ROOT} [data-sessions]").count() == 0

    # Refused input: the GOV.UK error pattern, the stale plan hidden.
    page.fill(f"{ROOT} input[name=pain_now]", "11")
    page.click(f"{ROOT} [data-submit]")
    refused = bridge.answer("return-planner", rules, {**inputs, "pain_now": "11"})
    summary = page.locator(f"{ROOT} [data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_text(refused["error"]["message"])
    expect(summary.locator("a")).to_have_attribute("href", "#rp-pain-now")
    expect(page.locator(f"{ROOT} [data-result]")).to_be_hidden()
    assert axe_violations(page, f"document.querySelector('{ROOT}')") == []  # error shown

    # Fixed, with a start date: dated sessions, CPython's fragment again.
    page.fill(f"{ROOT} input[name=pain_now]", "0")
    page.fill(f"{ROOT} input[name=walk_minutes]", "45")
    page.fill(f"{ROOT} input[name=start_date]", "2027-01-04")
    page.click(f"{ROOT} [data-submit]")
    expected = bridge.answer("return-planner", rules, {
        **inputs, "pain_now": "0", "walk_minutes": "45", "start_date": "2027-01-04"})
    expect(page.locator(f"{ROOT} [data-summary]")).to_have_text(expected["summary"])
    assert last_answer(page)["html"] == expected["html"]
    assert shows_fragment(page, ROOT, expected["html"])
    expect(summary).to_be_hidden()
    expect(page.locator(f"{ROOT} [data-sessions] tbody tr").first).to_contain_text("2027-01-04")
    assert axe_violations(page, f"document.querySelector('{ROOT}')") == []  # plan shown
