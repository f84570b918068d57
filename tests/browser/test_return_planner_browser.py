"""The return planner's page in Chromium: the pre-rendered answer without JavaScript, a form that
fits a 320 px screen with 24 px targets, and no error on its pages with JavaScript on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import CONTENT, TODAY
from generator.calculators import return_plan
from generator.load import load_guide
from generator.rules import calculator_rules

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
