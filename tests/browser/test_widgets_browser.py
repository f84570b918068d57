"""Both widgets in Debian's Chromium, on the built site served from 127.0.0.1.

With JavaScript off the pre-rendered answers are there; with it on, Python (Pyodide, in a
worker) answers new input with the very fragment CPython renders (byte for byte); bad input
gets the GOV.UK error pattern, hides the plan it made stale, and the widget recovers; the
checker shows actions first, never self-care for an unfinished form, and never a level before
Python has answered; a runtime that cannot load leaves the pre-rendered answer; Material's
instant navigation keeps one runtime; no request leaves the origin; no console error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from browser.test_site_gates import axe_violations
from conftest import TODAY
from generator.content.load import load_guide
from generator.content.rules import calculator_rules
from generator.site import widgets
from runners_back_calculators import bridge, checker, planner

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PLANNER = '[data-widget="mileage-planner"]'
CHECKER = '[data-widget="symptom-checker"]'
RUNTIME_FILES = "/assets/pyodide/"


@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    return calculator_rules(load_guide(ROOT / "content", today=TODAY))


def expected_rows(rules: dict[str, Any], raw: dict[str, str]) -> list[list[str]]:
    """The table CPython's planner gives for these raw form values."""
    values = planner.parse_inputs(rules["planner"], raw, widgets.field_names(rules["wording"]))
    plan = planner.plan(rules["planner"], **values)
    return [[str(w["week"]), f"{w['distance']:.1f}", f"{w['long_run']:.1f}",
             rules["wording"]["recovery_week"] if w["recovery"] else rules["wording"]["build_week"]]
            for w in plan["weeks"]]


def table_rows(page: Page, root: str = PLANNER) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"{root} [data-plan-rows] tr",
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))")


def wait_ready(page: Page, root: str) -> None:
    page.wait_for_selector(f'{root} [data-status][data-state="ready"]')


def record_answers(page: Page) -> None:
    """Keep every JSON text the worker sends back, as Python wrote it (call once it is ready)."""
    page.evaluate("""() => {
        window.pythonAnswers = [];
        window.runnersBackWidgets.runtime.worker.addEventListener("message", (event) => {
            if (event.data && event.data.type === "result") window.pythonAnswers.push(event.data.text);
        });
    }""")


def last_answer(page: Page) -> dict[str, Any]:
    page.wait_for_function("() => window.pythonAnswers.length > 0")
    return json.loads(page.evaluate("window.pythonAnswers[window.pythonAnswers.length - 1]"))


def shows_fragment(page: Page, root: str, html: str) -> bool:
    """Whether the live result is, node for node, the fragment `html` parsed by the browser."""
    return page.eval_on_selector(f"{root} [data-result]", """(live, html) => {
        const template = document.createElement("template");
        template.innerHTML = html;
        return template.content.firstElementChild.isEqualNode(live);
    }""", html)


def result_snapshot(page: Page) -> dict[str, Any]:
    """Everything the planner's answer shows, to compare the live answer with the built one."""
    return page.eval_on_selector(f"{PLANNER} [data-result]", """result => ({
        text: result.innerText,
        bars: Array.from(result.querySelectorAll("rect"),
                         r => ["class", "x", "y", "width", "height"].map(a => r.getAttribute(a))),
        viewBox: result.querySelector("svg").getAttribute("viewBox"),
    })""")


# ---------------------------------------------------------------- without JavaScript


def test_without_javascript_the_answers_are_prerendered(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    record = open_page(javascript=False)
    page = record.page
    page.goto(base_url + "mileage-planner/")
    defaults = widgets.planner_defaults(rules["planner"])
    assert table_rows(page) == expected_rows(rules, defaults)
    expect(page.locator(f"{PLANNER} [data-status]")).to_have_text(
        rules["wording"]["status_nojs"]["mileage-planner"])
    expect(page.locator(f"{PLANNER} input[name=current]")).to_have_value(defaults["current"])

    page.goto(base_url + "symptom-checker/")
    signs = [sign["id"] for sign in checker.form_order(rules["checker"])]
    fieldsets = page.eval_on_selector_all(f"{CHECKER} fieldset[data-sign]",
                                          "all => all.map(f => f.dataset.sign)")
    assert fieldsets == signs
    result = page.locator(f"{CHECKER} [data-result]")
    expect(result).to_have_attribute("data-state", "waiting")  # never a level, never self-care
    assert result.get_attribute("data-level") is None
    expect(result).to_have_text(rules["wording"]["result_waiting"])
    expect(page.locator(f"{CHECKER} [data-print]")).to_be_hidden()

    for kind in widgets.KINDS:  # the standalone pages too
        page.goto(base_url + f"embed/{kind}/")
        expect(page.locator(f'[data-widget="{kind}"]')).to_be_visible()
        assert page.locator(".md-header").count() == 0
    assert record.requested(RUNTIME_FILES) == []
    assert record.requested("calculator-worker.js") == []


def test_forms_fit_320px_with_24px_targets(open_page: Callable[..., Any], base_url: str) -> None:
    page = open_page(width=320, height=640, javascript=False).page
    for path, root in (("mileage-planner/", PLANNER), ("symptom-checker/", CHECKER)):
        page.goto(base_url + path)
        overflow = page.eval_on_selector(root, "w => w.scrollWidth - w.clientWidth")
        assert overflow <= 0, f"{path}: the widget is {overflow}px wider than a 320px screen"
        too_small = page.eval_on_selector_all(
            f"{root} input, {root} button:not([hidden]), {root} summary",
            """all => all.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect())
                        .filter(r => r.width < 24 || r.height < 24).length""")
        assert too_small == 0, f"{path}: {too_small} controls smaller than 24x24 px"


# ---------------------------------------------------------------- the planner, live


def test_planner_answers_from_python_and_recovers_from_bad_input(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    still = open_page(javascript=False).page
    still.goto(base_url + "mileage-planner/")
    prerendered = result_snapshot(still)
    # Measured from the widget's own top: what sits above the widget is the engine's (on Zensical
    # the content moves down 72 px once the theme's script runs, on Material it does not).
    table_top = ("t => t.getBoundingClientRect().top"
                 " - t.closest('[data-widget]').getBoundingClientRect().top")
    table_top_without_js = still.eval_on_selector(f"{PLANNER} [data-plan-table]", table_top)

    record = open_page()
    page = record.page
    page.goto(base_url + "mileage-planner/")
    wait_ready(page, PLANNER)
    # No layout jump: the answer sits where it was without JavaScript.
    assert page.eval_on_selector(f"{PLANNER} [data-plan-table]", table_top) == table_top_without_js

    # The live answer for the defaults is the built one, bar for bar, and Python's fragment is
    # the one CPython renders, byte for byte.
    record_answers(page)
    page.click(f"{PLANNER} [data-submit]")
    answer = last_answer(page)
    expected = bridge.answer("mileage-planner", widgets.view_rules("mileage-planner", rules),
                             widgets.planner_defaults(rules["planner"]))
    assert answer == json.loads(json.dumps(expected))
    assert answer["html"] == expected["html"]
    assert shows_fragment(page, PLANNER, expected["html"])
    expect(page.locator(f"{PLANNER} [data-summary]")).to_have_text(expected["summary"])
    expect(page.locator(f"{PLANNER} [data-status]")).to_have_text(rules["wording"]["status_ready"])
    assert result_snapshot(page) == prerendered

    # New values: the plan Python gives, in miles, with a weeks limit.
    page.check(f"{PLANNER} input[name=unit][value=mi]")
    page.fill(f"{PLANNER} input[name=current]", "12.5")
    page.fill(f"{PLANNER} input[name=target]", "30")
    page.fill(f"{PLANNER} input[name=weeks]", "6")
    page.press(f"{PLANNER} input[name=weeks]", "Enter")
    raw = {**widgets.planner_defaults(rules["planner"]),
           "unit": "mi", "current": "12.5", "target": "30", "weeks": "6"}
    want = expected_rows(rules, raw)
    page.wait_for_function(
        "n => document.querySelectorAll('[data-widget=\"mileage-planner\"] [data-plan-rows] tr')"
        ".length === n", arg=len(want))
    assert table_rows(page) == want
    assert page.locator(f"{PLANNER} rect").count() == len(want)
    expect(page.locator(f"{PLANNER} caption")).to_have_text("Week-by-week plan, distances in mi")
    expect(page.locator(f"{PLANNER} [data-summary]")).to_contain_text("stops short")

    # Bad input: the error summary takes focus and links to the field; inline message.
    for bad, field in (("abc", "current"), ("-5", "current"), ("", "target"),
                       ("1000000", "target")):
        page.fill(f"{PLANNER} input[name={field}]", bad)
        page.click(f"{PLANNER} [data-submit]")
        summary = page.locator(f"{PLANNER} [data-error-summary]")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        expect(summary.locator("h2")).to_have_text("There is a problem")
        try:
            planner.parse_inputs(rules["planner"], {**raw, field: bad}, widgets.field_names(rules["wording"]))
        except planner.InputError as error:
            message = error.message
        link = summary.locator("a")
        expect(link).to_have_text(message)
        expect(link).to_have_attribute("href", f"#mp-{field}")
        inline = page.locator(f'{PLANNER} [data-error-for="{field}"]')
        expect(inline).to_be_visible()
        expect(inline).to_have_text(f"Error: {message}")
        field_input = page.locator(f"{PLANNER} input[name={field}]")
        expect(field_input).to_have_attribute("aria-invalid", "true")
        assert "NaN" not in page.inner_text(PLANNER)
        link.click()
        expect(field_input).to_be_focused()
        # The last plan is not for what the form now says: hidden until a new answer, and the
        # live region says so.
        expect(page.locator(f"{PLANNER} [data-result]")).to_be_hidden()
        expect(page.locator(f"{PLANNER} [data-result-region]")).to_have_attribute("data-stale", "")
        expect(page.locator(f"{PLANNER} [data-summary]")).to_have_text(
            rules["wording"]["status_stale"]["mileage-planner"])
        page.fill(f"{PLANNER} input[name={field}]", raw[field])

    # Fixed: the error goes, a new plan comes.
    page.fill(f"{PLANNER} input[name=target]", "25")
    page.click(f"{PLANNER} [data-submit]")
    want = expected_rows(rules, {**raw, "target": "25"})
    page.wait_for_function(
        "n => document.querySelectorAll('[data-widget=\"mileage-planner\"] [data-plan-rows] tr')"
        ".length === n", arg=len(want))
    expect(page.locator(f"{PLANNER} [data-error-summary]")).to_be_hidden()
    expect(page.locator(f'{PLANNER} [data-error-for="current"]')).to_be_hidden()
    assert page.locator(f"{PLANNER} [aria-invalid]").count() == 0
    assert table_rows(page) == want
    expect(page.locator(f"{PLANNER} [data-result]")).to_be_visible()
    assert page.locator(f"{PLANNER} [data-result-region][data-stale]").count() == 0
    assert len(record.requested("pyodide.asm.wasm")) == 1


# ---------------------------------------------------------------- the checker, live


def test_checker_by_keyboard_on_its_embeddable_page(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page().page
    page.goto(base_url + "embed/symptom-checker/")
    assert page.locator(".md-header").count() == 0  # minimal chrome, for an iframe
    result = page.locator(f"{CHECKER} [data-result]")
    first = checker.form_order(rules["checker"])[0]["id"]

    # Keyboard only: Tab into the form, Space answers, arrow keys change the answer.
    page.keyboard.press("Tab")
    for _ in range(30):
        if page.evaluate("document.activeElement.name") == first:
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == first
    focus_ring = page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        return [style.outlineStyle, parseFloat(style.outlineWidth)];
    }""")
    assert focus_ring[0] == "solid" and focus_ring[1] >= 3  # focus is visible
    wait_ready(page, CHECKER)
    page.keyboard.press("Space")
    expect(result).to_have_attribute("data-level", "emergency")  # a red flag shows at once
    expect(result.locator("[data-advice]")).to_have_text(
        checker.assess(rules["checker"], {first: "yes"})["advice"])
    expect(result.locator("[data-action]")).to_have_count(2)
    page.keyboard.press("ArrowRight")  # -> "no": one answer is not a reassuring result
    # The emergency answer was incomplete too: wait for the new answer, which has no level at all.
    page.wait_for_function(
        "selector => !document.querySelector(selector).hasAttribute('data-level')",
        arg=f"{CHECKER} [data-result]",
    )
    expect(result).to_have_attribute("data-state", "incomplete")
    assert result.get_attribute("data-level") is None
    assert "self-care" not in result.get_attribute("class")
    assert page.evaluate("document.activeElement.value") == "no"
    view = widgets.view_rules("symptom-checker", rules)
    expect(page.locator(f"{CHECKER} [data-summary]")).to_have_text(
        bridge.answer("symptom-checker", view, {first: "no"})["summary"])

    answers = {"fever": "unsure", "persistent-pain": "yes", first: "no"}
    for sign, answer in answers.items():
        page.check(f'{CHECKER} input[name="{sign}"][value="{answer}"]')
    expected = checker.assess(rules["checker"], answers)
    expect(result).to_have_attribute("data-level", expected["level"])
    reasons = page.eval_on_selector_all(f"{CHECKER} [data-reason]",
                                        "all => all.map(li => li.dataset.reason)")
    assert reasons == expected["reasons"] == ["fever", "persistent-pain"]
    expect(page.locator(f"{CHECKER} [data-summary]")).to_have_text(
        bridge.answer("symptom-checker", view, answers)["summary"])
    expect(page.locator(f"{CHECKER} [data-print]")).to_be_visible()
    expect(page.locator(f"{CHECKER} [data-privacy]")).to_contain_text(
        "Nothing you enter leaves your browser")


def test_checker_shows_actions_first_and_links_to_the_questions_left(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page().page
    page.goto(base_url + "symptom-checker/")
    wait_ready(page, CHECKER)
    record_answers(page)
    result = page.locator(f"{CHECKER} [data-result]")
    view = widgets.view_rules("symptom-checker", rules)

    # A possible bone stress injury: stop running, said first; no "keep to what you do now".
    page.check(f'{CHECKER} input[name="bone-stress"][value="yes"]')
    expect(result).to_have_attribute("data-level", "soon")
    answers = {"bone-stress": "yes"}
    expected = bridge.answer("symptom-checker", view, answers)
    page.wait_for_function("() => window.pythonAnswers.length === 1")
    assert last_answer(page)["html"] == expected["html"]  # byte for byte
    assert shows_fragment(page, CHECKER, expected["html"])
    actions = {a["id"]: a["text"] for a in rules["checker"]["actions"]}
    expect(result.locator("[data-action]")).to_have_text([actions["stop-running"]])
    advice = result.locator("[data-advice]").inner_text()
    assert "keep to what you do now" not in advice.lower()
    assert "running" not in advice.lower()
    order = page.eval_on_selector(f"{CHECKER} [data-result]", """r => Array.from(
        r.querySelectorAll("[data-actions], [data-advice]"), e => e.hasAttribute("data-actions"))""")
    assert order == [True, False]  # the action comes before the advice

    # The questions left: counted, and the link takes the keyboard to the first of them.
    link = result.locator("a[data-question-link]")
    first = checker.form_order(rules["checker"])[0]["id"]
    link.click()
    expect(page.locator(f"#sc-{first}-yes")).to_be_focused()

    # Every red-flag and urgent question answered no: complete, still soon, still stop running.
    must = [s["id"] for s in rules["checker"]["signs"] if s["level"] in ("emergency", "urgent")]
    for sign in must:
        page.check(f'{CHECKER} input[name="{sign}"][value="no"]')
    expect(result).to_have_attribute("data-state", "complete")
    expect(result).to_have_attribute("data-level", "soon")
    expected = bridge.answer("symptom-checker", view, {**answers, **dict.fromkeys(must, "no")})
    page.wait_for_function("n => window.pythonAnswers.length === n", arg=1 + len(must))
    assert last_answer(page)["html"] == expected["html"]
    assert result.locator("[data-question-link]").count() == 0

    # Bone stress taken back: a complete form with no warning sign is self-care at last.
    page.check(f'{CHECKER} input[name="bone-stress"][value="no"]')
    expect(result).to_have_attribute("data-level", "self-care")
    assert result.locator("[data-action]").count() == 0
    assert axe_violations(page, f"document.querySelector('{CHECKER}')") == []


def test_checker_shows_no_level_while_python_loads(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    page = open_page(expect_errors=True).page  # the held download is logged when aborted
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # never answered
    page.goto(base_url + "symptom-checker/")
    page.check(f'{CHECKER} input[name="saddle-numbness"][value="yes"]')
    status = page.locator(f"{CHECKER} [data-status]")
    expect(status).to_have_text(rules["wording"]["status_queued"])
    region = page.locator(f"{CHECKER} [data-result-region]")
    expect(region).to_have_attribute("aria-busy", "true")
    result = page.locator(f"{CHECKER} [data-result]")
    expect(result).to_have_attribute("data-state", "waiting")
    assert result.get_attribute("data-level") is None
    assert axe_violations(page, f"document.querySelector('{CHECKER}')") == []
    for route in held:
        route.abort()


# ---------------------------------------------------------------- failure and navigation


def test_a_runtime_that_cannot_load_leaves_the_prerendered_answer(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    record = open_page(expect_errors=True)  # the blocked downloads are logged by the browser
    page = record.page
    page.route(f"**{RUNTIME_FILES}**", lambda route: route.abort("blockedbyclient"))
    page.goto(base_url + "mileage-planner/")
    before = table_rows(page)
    status = page.locator(f"{PLANNER} [data-status]")
    expect(status).to_have_attribute("data-state", "failed")
    expect(status).to_have_text(rules["wording"]["status_failed"]["mileage-planner"])
    page.fill(f"{PLANNER} input[name=current]", "30")
    page.click(f"{PLANNER} [data-submit]")
    expect(status).to_have_attribute("data-state", "failed")
    assert table_rows(page) == before == expected_rows(
        rules, widgets.planner_defaults(rules["planner"]))
    assert [e for e in record.errors if "uncaught" in e] == []

    page.goto(base_url + "symptom-checker/")
    page.check(f'{CHECKER} input[name="saddle-numbness"][value="yes"]')
    checker_status = page.locator(f"{CHECKER} [data-status]")
    expect(checker_status).to_have_attribute("data-state", "failed")
    expect(checker_status).to_have_text(rules["wording"]["status_failed"]["symptom-checker"])
    # Never a level, stale or reassuring: the checklist's own guidance stays.
    result = page.locator(f"{CHECKER} [data-result]")
    expect(result).to_have_text(rules["wording"]["result_waiting"])
    assert result.get_attribute("data-level") is None
    assert record.requested(RUNTIME_FILES)  # it did try, from the site itself


BUILT_RESULT = """root => {
    const result = document.querySelector(root + " [data-result]");
    window.builtResult = {node: result, html: result.outerHTML};
}"""
"""Keep the pre-rendered answer the page arrived with: the node itself and its HTML."""

IS_BUILT_RESULT = """root => {
    const result = document.querySelector(root + " [data-result]");
    return [result === window.builtResult.node, result.outerHTML === window.builtResult.html];
}"""


def make_runtime_fail(page: Page) -> None:
    """The worker reports an error after Python had started (as a worker that dies does)."""
    page.evaluate("""() => window.runnersBackWidgets.runtime.worker.dispatchEvent(
        new ErrorEvent("error", {message: "the calculator's worker stopped"}))""")


@pytest.mark.parametrize("live_answer_first", [True, False])
def test_a_runtime_that_fails_later_puts_the_built_answer_back(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any],
    live_answer_first: bool,
) -> None:
    """A failure after Python answered, or after bad input hid the built answer: the answer the
    page was built with comes back, shown, the very node (kept, not serialised at load and
    parsed again), with its summary, and nothing marks it stale."""
    page = open_page().page
    page.goto(base_url + "mileage-planner/")
    wait_ready(page, PLANNER)
    page.evaluate(BUILT_RESULT, PLANNER)
    built_summary = page.inner_text(f"{PLANNER} [data-summary]")
    result = page.locator(f"{PLANNER} [data-result]")
    if live_answer_first:
        page.fill(f"{PLANNER} input[name=target]", "33")
        page.click(f"{PLANNER} [data-submit]")
        page.wait_for_function(
            "root => document.querySelector(root + ' [data-result]') !== window.builtResult.node",
            arg=PLANNER)
        assert page.evaluate(IS_BUILT_RESULT, PLANNER) == [False, False]
    page.fill(f"{PLANNER} input[name=current]", "abc")
    page.click(f"{PLANNER} [data-submit]")
    expect(result).to_be_hidden()

    make_runtime_fail(page)
    status = page.locator(f"{PLANNER} [data-status]")
    expect(status).to_have_attribute("data-state", "failed")
    expect(result).to_be_visible()
    assert page.evaluate(IS_BUILT_RESULT, PLANNER) == [True, True]
    expect(page.locator(f"{PLANNER} [data-summary]")).to_have_text(built_summary)
    assert page.locator(f"{PLANNER} [data-result-region][data-stale]").count() == 0


def serve_sitemap_for(page: Page, site_dir: Path, base_url: str) -> None:
    """The sitemap a deployment with `site_url` set would have, for this test's address.

    Material navigates instantly only to URLs in sitemap.xml; built with an empty site_url the
    sitemap is empty (every click is a full page load, which the widgets handle too).
    """
    pages = sorted(path.parent.relative_to(site_dir).as_posix()
                   for path in site_dir.rglob("index.html"))
    urls = "".join(f"<url><loc>{base_url}{'' if p == '.' else p + '/'}</loc></url>"
                   for p in pages)
    xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset '
           f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
    page.route("**/sitemap.xml", lambda route: route.fulfill(
        status=200, content_type="application/xml", body=xml))


def test_one_runtime_across_instant_navigation(
    open_page: Callable[..., Any], base_url: str, site_dir: Path, rules: dict[str, Any]
) -> None:
    record = open_page()
    page = record.page
    serve_sitemap_for(page, site_dir, base_url)
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.notReloaded = true")
    assert record.requested("calculator-worker.js") == []  # no widget, no runtime
    assert record.requested(RUNTIME_FILES) == []

    page.click('.md-nav a[href$="mileage-planner/"] >> nth=0')
    page.wait_for_url("**/mileage-planner/")
    wait_ready(page, PLANNER)
    assert page.evaluate("window.notReloaded") is True  # Material's instant navigation
    page.fill(f"{PLANNER} input[name=target]", "33")
    page.click(f"{PLANNER} [data-submit]")
    want = expected_rows(rules, {**widgets.planner_defaults(rules["planner"]), "target": "33"})
    page.wait_for_function(
        "n => document.querySelectorAll('[data-widget=\"mileage-planner\"] [data-plan-rows] tr')"
        ".length === n", arg=len(want))
    assert table_rows(page) == want

    page.click('.md-nav a[href$="symptom-checker/"] >> nth=0')
    page.wait_for_url("**/symptom-checker/")
    wait_ready(page, CHECKER)
    page.check(f'{CHECKER} input[name="fever"][value="yes"]')
    expect(page.locator(f"{CHECKER} [data-result]")).to_have_attribute("data-level", "urgent")
    assert page.evaluate("window.notReloaded") is True
    # One runtime served both pages.
    assert len(record.requested("pyodide.asm.wasm")) == 1
    assert len(record.requested("calculator-worker.js")) == 1
    assert json.loads(page.evaluate("JSON.stringify(window.runnersBackWidgets.runtime.state)")) \
        == "ready"
