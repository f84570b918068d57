"""The exercise figures in Chromium: seen, named, in the page's colours, and no axe violations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.test_site_gates import axe_violations

pytestmark = pytest.mark.browser

FIGURE_PAGES = ["strength/", "stretching/", "running-form/", "review/figures/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figure_pages_have_no_axe_violations(open_page: Callable[..., Any], base_url: str, scheme: str) -> None:
    page = open_page().page
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in FIGURE_PAGES:
        page.goto(base_url + path)
        assert page.locator("svg.pose-figure[role=img][aria-label]").count() >= 4, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_take_the_text_colour_and_the_gap_the_background(
    open_page: Callable[..., Any], base_url: str, scheme: str
) -> None:
    page = open_page().page
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base_url + "strength/")
    figure = page.locator("#bird-dog ~ .pose-figures svg").first
    box = figure.bounding_box()
    assert box and 120 <= box["width"] <= 160  # two side by side in a 320 px wide screen
    colours = figure.evaluate(
        """svg => {
            const gap = svg.querySelector('.pose-figure__gap');
            return [getComputedStyle(svg).color, getComputedStyle(gap).stroke,
                    getComputedStyle(document.querySelector('.md-typeset')).color,
                    getComputedStyle(document.body).backgroundColor];
        }"""
    )
    figure_colour, gap_colour, text_colour, background = colours
    assert figure_colour == text_colour
    assert gap_colour == background
