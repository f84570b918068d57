"""How the calculators' runtime starts in Chromium: plainly on a first visit, then from the snapshot.

A first visit boots Python and installs the wheel (the plain start: about 4 MB compressed,
the quicker start on a phone network) and never fetches the memory snapshot before an answer.
After the reader's first answer the snapshot is fetched in the background (by the service
worker when it controls the page) and kept unpacked, and the next visit restores it
(generator/runtime/snapshot.mjs; Pyodide's private `_loadSnapshot`, pinned to 314.0.7),
falling back to the plain start whenever that fails: no snapshot, a damaged one, one from
another Pyodide build. Each way, the widget answers new input as CPython does. The page
says which way it started in `data-runtime` on the widget, and why it did not use the snapshot
in `runtime.fallback`. Nothing of the runtime is fetched until a widget nears the viewport.
"""

from __future__ import annotations

import gzip
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from conftest import TODAY
from generator.content.load import load_guide
from generator.content.rules import calculator_rules
from generator.runtime.assets import SNAPSHOT_GLOB, pack_snapshot, unpack_snapshot
from generator.site import widgets

from .test_widgets_browser import PLANNER, RUNTIME_FILES, expected_rows, table_rows, wait_ready

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_URL = f"**/assets/pyodide/*/{SNAPSHOT_GLOB}"
SNAPSHOT_NAME = SNAPSHOT_GLOB.split("*")[0]
"""What every snapshot file's name starts with (its hash follows)."""


@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    return calculator_rules(load_guide(ROOT / "content", today=TODAY))


@pytest.fixture(scope="module")
def snapshot_file(site_dir: Path) -> bytes:
    files = list((site_dir / "assets" / "pyodide").glob(f"*/{SNAPSHOT_GLOB}"))
    assert len(files) == 1, files
    return files[0].read_bytes()


def runtime(page: Page) -> dict[str, Any]:
    return page.evaluate("""() => {
        const r = window.runnersBackWidgets.runtime;
        return {state: r.state, kind: r.kind, fallback: r.fallback, timings: r.timings};
    }""")


def answers_new_input(page: Page, rules: dict[str, Any]) -> None:
    """The planner answers a changed input with CPython's plan."""
    page.fill(f"{PLANNER} input[name=current]", "17")
    page.fill(f"{PLANNER} input[name=target]", "31")
    page.press(f"{PLANNER} input[name=target]", "Enter")
    want = expected_rows(rules, {**widgets.planner_defaults(rules["planner"]),
                                 "current": "17", "target": "31"})
    page.wait_for_function(
        """want => {
            const first = document.querySelector('[data-widget="mileage-planner"] [data-plan-rows] tr td');
            return first && first.textContent.trim() === want;
        }""", arg=want[0][1])
    assert table_rows(page) == want


def started_as(page: Page, kind: str) -> dict[str, Any]:
    wait_ready(page, PLANNER)
    expect(page.locator(PLANNER)).to_have_attribute("data-runtime", kind)
    state = runtime(page)
    assert state["state"] == "ready" and state["kind"] == kind
    return state


KEPT_SNAPSHOT = """() => caches.open("guide-runtime-unpacked")
    .then((cache) => cache.keys())
    .then((keys) => keys.some((request) => request.url.includes("pyodide-snapshot-")))"""
"""Whether the worker has kept, unpacked, the snapshot it fetched in the background
(calculator-worker.js)."""


def second_visit(open_page: Callable[..., Any], base_url: str,
                 rules: dict[str, Any]) -> tuple[Any, Page]:
    """A first visit (a plain start, an answer, the snapshot fetched in the background), then a
    second page in the same browser profile, navigated to the planner."""
    record = open_page()
    context = record.page.context
    # Answered requests only: the worker's probe of the HTTP cache (only-if-cached) fails
    # without touching the network.
    record.snapshots = []
    context.on("response", lambda response: record.snapshots.append(response.url)
               if SNAPSHOT_NAME in response.url else None)
    page = record.page
    page.goto(base_url + "mileage-planner/")
    first = started_as(page, "plain")
    assert first["fallback"] == "the snapshot is not in this browser yet"
    assert record.snapshots == []  # never before an answer
    answers_new_input(page, rules)
    wait_until(page, lambda: page.evaluate(KEPT_SNAPSHOT) is True, "the snapshot kept")
    second = context.new_page()
    second.goto(base_url + "mileage-planner/")
    return record, second


def test_a_first_visit_starts_plainly_and_the_next_from_the_snapshot(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    record, page = second_visit(open_page, base_url, rules)
    state = started_as(page, "snapshot")
    assert state["fallback"] == ""
    assert state["timings"]["snapshot_unpacked"] <= state["timings"]["ready"]
    answers_new_input(page, rules)
    assert len(record.snapshots) == 1  # once, in the first visit's background
    assert len(record.requested(".whl")) == 1  # installed on the first visit only


def test_without_the_snapshot_it_starts_plainly(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    record = open_page(expect_errors=True)  # the browser logs the refused download
    page = record.page
    page.route(SNAPSHOT_URL, lambda route: route.abort("blockedbyclient"))
    page.goto(base_url + "mileage-planner/")
    state = started_as(page, "plain")
    assert state["fallback"]  # says why
    answers_new_input(page, rules)
    assert len(record.requested(".whl")) == 1  # installed from the lockfile instead
    assert [e for e in record.errors if SNAPSHOT_NAME not in e and "ERR_BLOCKED" not in e] == []


# The tests below answer the snapshot's URL with page.route, which also answers the worker's
# probe of the browser's caches: the snapshot is then "in the browser" on a first visit.


def _repacked(snapshot_file: bytes, change: Callable[[bytearray], None]) -> bytes:
    snapshot = bytearray(unpack_snapshot(gzip.decompress(snapshot_file)))
    change(snapshot)
    return gzip.compress(pack_snapshot(bytes(snapshot)), 6, mtime=0)


@pytest.mark.parametrize(("label", "change", "reason"), [
    # Pyodide checks the build id in the header against its own.
    ("another Pyodide build", lambda s: struct.pack_into("<I", s, 16, 0xDEADBEEF), "build id"),
    # Not Pyodide's snapshot magic number.
    ("not a snapshot", lambda s: struct.pack_into("<I", s, 0, 0), "magic number"),
])
def test_a_snapshot_pyodide_refuses_falls_back(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any], snapshot_file: bytes,
    label: str, change: Callable[[bytearray], None], reason: str,
) -> None:
    body = _repacked(snapshot_file, change)
    page = open_page().page
    page.route(SNAPSHOT_URL, lambda route: route.fulfill(
        status=200, body=body, content_type="application/gzip"))
    page.goto(base_url + "mileage-planner/")
    state = started_as(page, "plain")
    assert reason in state["fallback"], (label, state["fallback"])
    answers_new_input(page, rules)


def test_a_damaged_snapshot_file_falls_back(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any], snapshot_file: bytes
) -> None:
    page = open_page().page
    page.route(SNAPSHOT_URL, lambda route: route.fulfill(
        status=200, body=snapshot_file[: len(snapshot_file) // 2], content_type="application/gzip"))
    page.goto(base_url + "mileage-planner/")
    state = started_as(page, "plain")
    assert state["fallback"]
    answers_new_input(page, rules)


def test_a_host_that_sends_it_decoded_is_understood(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any], snapshot_file: bytes
) -> None:
    """Some hosts serve .gz files with Content-Encoding: gzip, so the browser inflates them
    before the worker sees them: the worker reads the packed snapshot as it is."""
    def encoded(route: Route) -> None:
        route.fulfill(status=200, body=gzip.decompress(snapshot_file),
                      content_type="application/octet-stream")

    page = open_page().page
    page.route(SNAPSHOT_URL, encoded)
    page.goto(base_url + "mileage-planner/")
    state = started_as(page, "snapshot")
    assert state["fallback"] == ""
    answers_new_input(page, rules)


def test_nothing_is_fetched_until_a_widget_nears_the_viewport(
    open_page: Callable[..., Any], base_url: str
) -> None:
    """The worker is made when the page loads (a few kB), the runtime only once the widget is
    within a screen's height of the viewport, before it is visible or focused."""
    record = open_page(height=100)  # the widget starts about 250 px down: two screens away
    page = record.page
    page.goto(base_url + "mileage-planner/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)
    assert len(record.requested("calculator-worker.js")) == 1
    assert record.requested(RUNTIME_FILES) == []
    assert runtime(page)["state"] == "idle"

    widget_top = page.eval_on_selector(PLANNER, "w => w.getBoundingClientRect().top + scrollY")
    page.evaluate("top => window.scrollTo(0, top - 190)", widget_top)  # 90 px below the fold
    wait_ready(page, PLANNER)
    assert page.eval_on_selector(PLANNER, "w => w.getBoundingClientRect().top") > 100
    assert record.requested("pyodide.asm.wasm")



def test_python_starts_while_materials_bundle_is_still_on_its_way(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    """widgets.js loads async from <head> (overrides/main.html): on a phone network Material's
    bundle arrives late, and the runtime's downloads must not wait behind it. The form is
    taken over once the bundle has run (its document$ then tells of each page)."""
    record = open_page()
    page = record.page
    held: list[Route] = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.goto(base_url + "mileage-planner/", wait_until="commit")
    wait_until(page, lambda: bool(record.requested("pyodide.asm.wasm")), "the runtime's WebAssembly asked for")
    # The parser may not have reached the bundle's tag yet (the scripts before it load one by
    # one): it is asked for, and held, in its time; it cannot have run meanwhile.
    wait_until(page, lambda: bool(held), "Material's bundle asked for")
    assert len(held) == 1
    assert page.evaluate("typeof window.document$") == "undefined"  # the bundle has not run
    assert page.locator(f"{PLANNER}[data-enhanced]").count() == 0
    held[0].continue_()
    wait_ready(page, PLANNER)
    answers_new_input(page, rules)
    assert len(record.requested("widgets.js")) == 1


SAVE_DATA = """Object.defineProperty(navigator, "connection", {
    value: {saveData: true, effectiveType: "4g", addEventListener() {}}, configurable: true})"""
"""The browser asks sites to save data (Chromium sets it from the user's Lite mode)."""


def test_with_save_data_the_runtime_waits_for_intent_and_no_snapshot_follows(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    record = open_page()
    page = record.page
    page.add_init_script(SAVE_DATA)
    snapshots: list[str] = []
    page.context.on("response", lambda response: snapshots.append(response.url)
                    if SNAPSHOT_NAME in response.url else None)
    page.goto(base_url + "mileage-planner/")  # the widget is in view
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)
    assert record.requested(RUNTIME_FILES) == []
    assert runtime(page)["state"] == "idle"
    page.focus(f"{PLANNER} input[name=current]")  # intent: the runtime starts
    started_as(page, "plain")
    answers_new_input(page, rules)
    page.wait_for_timeout(2000)
    assert snapshots == []  # no 6 MB in the background for a later visit


WHEEL_NAME = "runners_back_calculators-"
HELD_WASM = "**/assets/pyodide/pyodide.asm.wasm"


def hold(page: Page, pattern: str) -> list[Route]:
    """Hold every request for `pattern` (its route is kept, unanswered, until the test goes on)."""
    held: list[Route] = []
    page.route(pattern, lambda route: held.append(route))
    return held


def wait_until(page: Page, holds: Callable[[], bool], what: str) -> None:
    """Let the page run (and Playwright dispatch its events) until `holds()`, for 30 s at most."""
    for _ in range(300):
        if holds():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"waited 30 s for {what}")


def test_a_plain_start_asks_for_every_runtime_file_at_once_and_each_once(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any]
) -> None:
    """Pyodide alone asks for our wheel only once Python runs, that is once its WebAssembly has
    arrived; the worker asks for it beside the WebAssembly. With the WebAssembly held back, the
    wheel, the standard library and the lockfile are still asked for; then each file once."""
    record = open_page()
    page = record.page
    held = hold(page, HELD_WASM)
    page.goto(base_url + "mileage-planner/")
    wait_until(page, lambda: bool(held) and bool(record.requested(WHEEL_NAME)),
               "the wheel while the WebAssembly is held back")
    assert record.requested("python_stdlib.zip") and record.requested("pyodide-lock.json")
    assert runtime(page)["state"] == "loading"
    held[0].continue_()
    started_as(page, "plain")
    answers_new_input(page, rules)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json", WHEEL_NAME, "calculator-core.js"):
        assert len(record.requested(name)) == 1, (name, record.requested(name))


REGISTERED = "() => navigator.serviceWorker.getRegistration().then((found) => Boolean(found))"


def registered(page: Page) -> bool:
    """Whether the page's service worker is registered (evaluate awaits the promise, which
    wait_for_function would take as true at once)."""
    return page.evaluate(REGISTERED) is True


def test_the_service_worker_waits_for_the_runtime_to_start(browser: Any, base_url: str) -> None:
    """Installing the service worker fetches every page of the guide: on a calculator page it
    registers once Python has started, not while the runtime downloads (a phone's bandwidth
    and CPU go to the calculators first); on a page without one, once the page has loaded."""
    context = browser.new_context(service_workers="allow")
    context.set_default_timeout(90_000)
    try:
        page = context.new_page()
        page.goto(base_url + "causes/")
        wait_until(page, lambda: registered(page), "the registration on a page without a widget")

        context.close()
        context = browser.new_context(service_workers="allow")
        context.set_default_timeout(90_000)
        page = context.new_page()
        held = hold(page, HELD_WASM)
        page.goto(base_url + "mileage-planner/", wait_until="load")
        wait_until(page, lambda: bool(held), "the WebAssembly request")
        page.wait_for_timeout(1000)
        assert runtime(page)["state"] == "loading"
        assert not registered(page)
        held[0].continue_()
        wait_ready(page, PLANNER)
        wait_until(page, lambda: registered(page), "the registration once Python has started")
    finally:
        context.close()


def test_the_service_worker_keeps_the_snapshot_though_the_page_closes_at_once(
    browser: Any, base_url: str, rules: dict[str, Any]
) -> None:
    """On a page the service worker controls, the snapshot asked for after a first answer is
    downloaded by the service worker (the page's worker gets 202), not by the page's worker:
    closing the page the moment the answer shows does not lose it, its bytes cross the
    network once, and the next visit starts from it."""
    context = browser.new_context(service_workers="allow")
    context.set_default_timeout(90_000)
    answered: list[tuple[bool, int]] = []  # (by the service worker, status) per snapshot response
    context.on("response", lambda response: answered.append(
        (response.request.service_worker is not None, response.status))
        if SNAPSHOT_NAME in response.url else None)
    try:
        page = context.new_page()
        page.goto(base_url + "mileage-planner/")
        assert started_as(page, "plain")["fallback"] == "the snapshot is not in this browser yet"
        wait_until(page, lambda: page.evaluate("Boolean(navigator.serviceWorker.controller)"),
                   "the service worker in control")
        assert answered == []  # never before an answer
        answers_new_input(page, rules)
        wait_until(page, lambda: bool(answered), "the snapshot asked for")
        page.close()  # at once: the download is the service worker's

        page = context.new_page()
        page.goto(base_url + "causes/")
        wait_until(page, lambda: page.evaluate(KEPT_SNAPSHOT) is True, "the snapshot kept")
        assert sorted(answered) == [(False, 202), (True, 200)]
        page.goto(base_url + "mileage-planner/")
        state = started_as(page, "snapshot")
        assert state["fallback"] == ""
        answers_new_input(page, rules)
        assert len(answered) == 2
    finally:
        context.close()


def test_a_damaged_unpacked_copy_falls_back_and_is_dropped(
    open_page: Callable[..., Any], base_url: str, rules: dict[str, Any], site_dir: Path,
    snapshot_file: bytes,
) -> None:
    """The copy kept unpacked is read first; one cut short starts plainly, says why, and is
    dropped, so the next visit does not meet it again."""
    snapshot = next((site_dir / "assets" / "pyodide").glob(f"*/{SNAPSHOT_GLOB}"))
    url = base_url + snapshot.relative_to(site_dir).as_posix()
    packed = gzip.decompress(snapshot_file)
    page = open_page().page
    page.goto(base_url + "causes/")
    page.evaluate("""async ([url, bytes]) => {
        const cache = await caches.open("guide-runtime-unpacked");
        await cache.put(url, new Response(new Uint8Array(bytes)));
    }""", [url, list(packed[: 64 * 1024])])
    page.goto(base_url + "mileage-planner/")
    state = started_as(page, "plain")
    assert state["fallback"] == "the packed snapshot is truncated"
    # Before any answer: after one, the worker fetches the snapshot again in the background and
    # keeps a whole copy, which would race this check.
    wait_until(page, lambda: page.evaluate(KEPT_SNAPSHOT) is False, "the damaged copy dropped")
    answers_new_input(page, rules)
