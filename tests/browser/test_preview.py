"""The writer's preview in Chromium: a saved YAML file reloads the open page, under the
published Content-Security-Policy; broken content shows every problem, and fixing it reloads.

Save-to-reload times are printed (`-s` shows them); the median is a `make bench` figure.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from benchmarks.preview import save_to_reload_times, wait_for_heading
from browser.test_site_gates import axe_violations
from preview_server import Preview, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    with serving(tmp_path) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(service_workers="block")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("response", lambda res: errors.append(f"HTTP {res.status}: {res.url}") if res.status >= 400 else None)
    try:
        yield tab, errors
    finally:
        context.close()


def mark_page(tab: Page) -> None:
    """A flag that only this load of the page has: a reload clears it."""
    tab.evaluate("window.previewMark = true")


def reloaded(tab: Page) -> bool:
    return tab.evaluate("window.previewMark !== true")


def heading(tab: Page) -> str:
    """The page's h1 without its permalink."""
    return tab.locator("h1").first.evaluate("h => h.firstChild.textContent.trim()")


def test_saving_a_yaml_file_reloads_the_open_page_under_the_published_policy(
    preview: Preview, page: tuple[Page, list[str]]
) -> None:
    tab, errors = page
    scripts: list[str] = []
    tab.on("request", lambda req: scripts.append(req.url) if req.resource_type == "script" else None)
    tab.goto(preview.url + "causes/")
    assert heading(tab) == "Why running can hurt your lower back"
    policy = tab.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    from generator.site.security import CONTENT_SECURITY_POLICY

    assert policy == CONTENT_SECURITY_POLICY
    assert preview.url + "_preview/livereload.js" in scripts
    assert tab.locator("script:not([src]):not([type$='json'])").count() == 0

    times = save_to_reload_times(tab, preview, runs=5)
    print(f"\nsave to reloaded page: median {statistics.median(times):.2f} s of {[round(t, 2) for t in times]}")
    assert errors == []


def test_broken_content_shows_every_problem_and_fixing_it_reloads_the_page(
    preview: Preview, page: tuple[Page, list[str]]
) -> None:
    tab, errors = page
    tab.goto(preview.url + "causes/")
    good = (preview.content / "causes.yaml").read_text(encoding="utf-8")
    mark_page(tab)
    (preview.content / "causes.yaml").write_text(good.replace("title: Why running", "title: ''\n#", 1),
                                                 encoding="utf-8")
    guide = preview.content / "guide.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "colour: teal\n", encoding="utf-8")
    wait_for_heading(tab, "The guide's content has 2 problems")
    assert reloaded(tab)
    items = tab.locator("li").all_inner_texts()
    assert len(items) == 2
    assert items[0].startswith("content/causes.yaml:3:10: ")
    assert items[1].startswith("content/guide.yaml:")
    link = tab.locator("li a").first.get_attribute("href")
    assert link == f"vscode://file{(preview.content / 'causes.yaml').resolve().as_posix()}:3:10"
    assert axe_violations(tab) == []

    mark_page(tab)
    (preview.content / "causes.yaml").write_text(good, encoding="utf-8")
    guide.write_text(guide.read_text(encoding="utf-8").replace("colour: teal\n", ""), encoding="utf-8")
    wait_for_heading(tab, "Why running can hurt your lower back")
    assert reloaded(tab)
    assert errors == []
