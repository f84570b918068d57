"""Site-wide gates in Debian's Chromium: axe-core on every page and widget state, keyboard-only
use of the planner, the strict policy on every page, and the calculators working offline.

Every page is opened through `open_page`, which also fails the test if a request left the
site's origin or anything was logged as an error (a Content-Security-Policy violation is one).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PLANNER = '[data-widget="mileage-planner"]'
CHECKER = '[data-widget="symptom-checker"]'
RUNTIME_START_TIMEOUT_MS = 90_000
"""Pyodide starts in seconds here; a loaded CI machine gets a wide margin."""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@functools.cache
def axe_source() -> str:
    return (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Page, context: str = "document") -> list[str]:
    """WCAG 2.2 A and AA violations, one line each. axe is evaluated through the DevTools
    protocol, not injected as a script element, so the page's policy is not relaxed."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        f"""() => axe.run({context}, {{runOnly: {{type: 'tag', values: {WCAG_TAGS!r}}}}})"""
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['failureSummary']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def site_pages(site_dir: Path) -> list[str]:
    return sorted(
        "" if path.parent == site_dir else f"{path.parent.relative_to(site_dir).as_posix()}/"
        for path in site_dir.rglob("index.html")
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_axe_violations_and_stays_on_its_origin(
    open_page: Callable[..., Any], base_url: str, site_dir: Path, scheme: str
) -> None:
    pages = site_pages(site_dir)
    assert len(pages) >= 16
    page = open_page().page
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in pages:
        page.goto(base_url + path)
        # The policy is in force: the meta tag is there and no inline script ran.
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
        violations = axe_violations(page)
        if violations:
            found[path or "/"] = violations
    assert found == {}


def test_the_planner_in_each_state_has_no_axe_violations(open_page: Callable[..., Any], base_url: str) -> None:
    page = open_page().page
    page.goto(base_url + "mileage-planner/")
    assert axe_violations(page, f"document.querySelector('{PLANNER}')") == []  # pre-rendered

    page.wait_for_selector(f'{PLANNER} [data-status][data-state="ready"]')
    page.fill(f"{PLANNER} input[name=current]", "lots")
    page.click(f"{PLANNER} [data-submit]")
    expect(page.locator(f"{PLANNER} [data-error-summary]")).to_be_visible()
    assert axe_violations(page, f"document.querySelector('{PLANNER}')") == []  # error shown

    page.fill(f"{PLANNER} input[name=current]", "15")
    page.click(f"{PLANNER} [data-submit]")
    expect(page.locator(f"{PLANNER} [data-error-summary]")).to_be_hidden()
    expect(page.locator(f"{PLANNER} [data-plan-rows] tr").first).to_contain_text("16.5")
    assert axe_violations(page, f"document.querySelector('{PLANNER}')") == []  # result shown


def test_the_checker_in_each_state_has_no_axe_violations(open_page: Callable[..., Any], base_url: str) -> None:
    page = open_page().page
    page.goto(base_url + "symptom-checker/")
    assert axe_violations(page, f"document.querySelector('{CHECKER}')") == []  # nothing answered
    page.wait_for_selector(f'{CHECKER} [data-status][data-state="ready"]')
    page.check(f'{CHECKER} input[name="fever"][value="unsure"]')
    expect(page.locator(f"{CHECKER} [data-result]")).to_have_attribute("data-level", "urgent")
    assert axe_violations(page, f"document.querySelector('{CHECKER}')") == []  # result shown


def focused_name(page: Page) -> str | None:
    return page.evaluate("document.activeElement && document.activeElement.name")


def tab_to(page: Page, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        if focused_name(page) == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the field {name!r}")


def test_the_planner_by_keyboard_alone(open_page: Callable[..., Any], base_url: str) -> None:
    page = open_page().page
    page.goto(base_url + "embed/mileage-planner/")
    tab_to(page, "current")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.wait_for_selector(f'{PLANNER} [data-status][data-state="ready"]')
    page.keyboard.press("Control+A")
    page.keyboard.type("abc")
    page.keyboard.press("Enter")
    summary = page.locator(f"{PLANNER} [data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # the error summary takes focus...
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # ...and its link takes the reader to the field
    assert focused_name(page) == "current"
    page.keyboard.press("Control+A")
    page.keyboard.type("30")
    tab_to(page, "target")
    page.keyboard.press("Control+A")
    page.keyboard.type("36")
    page.keyboard.press("Enter")
    expect(summary).to_be_hidden()
    rows = page.locator(f"{PLANNER} [data-plan-rows] tr")
    expect(rows.first).to_contain_text("33.0")
    expect(rows.last).to_contain_text("36.0")


def test_the_calculators_work_offline_after_the_first_visit(browser: Browser, base_url: str) -> None:
    context = browser.new_context(service_workers="allow")
    context.set_default_timeout(RUNTIME_START_TIMEOUT_MS)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(base_url + "mileage-planner/")
        page.wait_for_selector(f'{PLANNER} [data-status][data-state="ready"]')
        # The worker has installed, taken control and cached the runtime this page used. (Asked
        # with evaluate, which awaits the answer: wait_for_function takes a promise as true.)
        cached = """async () => {
                if (!navigator.serviceWorker.controller) return false;
                const keys = [];
                for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    keys.push(...(await cache.keys()).map(request => request.url));
                }
                // the runtime sits under keys naming each file's sha256 (see sw.js.j2)
                return keys.some(url => /pyodide[.]asm[.]wasm[?]sha256=[0-9a-f]{64}$/.test(url))
                    && keys.some(url => url.endsWith('/symptom-checker/'));
            }"""
        for _ in range(240):
            if page.evaluate(cached) is True:
                break
            page.wait_for_timeout(500)
        else:
            raise AssertionError("the service worker did not take control and keep the runtime")
        context.set_offline(True)
        for path, widget in (("mileage-planner/", PLANNER), ("symptom-checker/", CHECKER)):
            page.goto(base_url + path)
            page.wait_for_selector(f'{widget} [data-status][data-state="ready"]')
        page.check(f'{CHECKER} input[name="saddle-numbness"][value="yes"]')
        expect(page.locator(f"{CHECKER} [data-result]")).to_have_attribute("data-level", "emergency")
        page.goto(base_url + "mileage-planner/")
        page.wait_for_selector(f'{PLANNER} [data-status][data-state="ready"]')
        page.fill(f"{PLANNER} input[name=current]", "30")
        page.fill(f"{PLANNER} input[name=target]", "36")
        page.click(f"{PLANNER} [data-submit]")
        expect(page.locator(f"{PLANNER} [data-plan-rows] tr").last).to_contain_text("36.0")
        assert errors == []
    finally:
        context.close()


def test_pages_without_a_widget_load_no_runtime(open_page: Callable[..., Any], base_url: str, site_dir: Path) -> None:
    record = open_page()
    page = record.page
    for path in site_pages(site_dir):
        if "data-widget" in (site_dir / path / "index.html").read_text(encoding="utf-8"):
            continue
        page.goto(base_url + path)
        page.keyboard.press("End")  # scroll the whole page through the viewport
        page.wait_for_timeout(200)
    assert record.requested("/assets/pyodide/") == []
    assert record.requested("calculator-worker") == []

