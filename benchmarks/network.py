"""Figure 6: the calculators as a reader meets them, on a phone network (the 4G profile).

The built site is served as every static host serves it: compressed (a `.br` or `.gz` file
beside the one asked for when the site ships one, else gzip on the fly, see widget.compressed),
with the site's `_headers`. Chromium is throttled through the DevTools protocol
(`Network.emulateNetworkConditions`: 9 Mbit/s down, 3 Mbit/s up, 170 ms round trip; the CPU as
it is) on every page, before it navigates.

- *Cold*: a new browser context (empty HTTP cache, no service worker) navigates to a calculator
  page, changes one input as soon as the widget has taken its form over, and the time from
  navigation to Python's answer on screen is noted (recorder.js). The planner gets a new
  current distance (Enter); the checker gets "yes" to its first question (a red flag, so the
  answer is a level, shown only once Python has answered).
- *Repeat*: the same context (its service worker installed, the snapshot the first visit fetched
  in the background kept, and the network quiet again), a new page, the same change.
- *Baseline*: the bare-Pyodide page (benchmarks/baseline/), cold and repeat, in the same run
  and the same way.
- *Bytes*: what the server sent (compressed, as sent), for every request the page, its workers
  and the service worker made in the first 10 s after navigation with no input, counted whole;
  then the server is left until quiet. For a calculator page and for a page without one.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import widget
from benchmarks.widget import (
    BASELINE_PROBES,
    BASELINE_URL,
    PLANNER_URL,
    TIMEOUT_MS,
    Server,
    Visit,
)

CHECKER_URL = "/symptom-checker/"
CHECKER = '[data-widget="symptom-checker"]'
HOME_URL = "/"

MBIT = 1_000_000 / 8
PROFILE = {
    "offline": False,
    "latency": 170,
    "downloadThroughput": 9 * MBIT,
    "uploadThroughput": 3 * MBIT,
}
"""Network.emulateNetworkConditions: 9 Mbit/s down, 170 ms round trip (issue 10's 4G)."""

FIRST_SECONDS = 10.0
"""The window of the bytes figure: requests made in the first 10 s after navigation."""


def throttle(context: Any, page: Any) -> None:
    """Throttle `page` (and what the protocol applies it to) to the 4G profile."""
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", PROFILE)


def checker_change(content_dir: Path) -> tuple[str, str]:
    """The checker's first question (answered "yes") and the level Python gives for it."""
    from generator.content.load import load_guide
    from generator.content.rules import calculator_rules
    from runners_back_calculators import checker

    rules = calculator_rules(load_guide(content_dir))["checker"]
    first = checker.form_order(rules)[0]["id"]
    return first, checker.assess(rules, {first: "yes"})["level"]


def checker_probes(level: str) -> list[dict[str, Any]]:
    """The checker's marks; its answer is Python's only when it shows a level."""
    return widget.calculator_probes(CHECKER, "[data-result]", f'[data-result][data-level="{level}"]')


@dataclass
class Calculator:
    """One calculator page and the change a reader makes to it."""

    name: str
    url: str
    probes: list[dict[str, Any]]
    act: Any  # act(page): make the change, once the widget has taken the form over


SERVICE_WORKER_READY = """() => Promise.race([
    navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : false,
    new Promise((resolve) => setTimeout(() => resolve(false), 30000)),
])"""
"""Whether the page's service worker is active (false after 30 s, or on a page without one)."""


SNAPSHOT_KEPT = """async () => {
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
        if (await caches.has("guide-runtime-unpacked")) {
            const cache = await caches.open("guide-runtime-unpacked");
            if ((await cache.keys()).length) return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
}"""
"""Whether the fast-start snapshot the first visit fetched in the background is kept (unpacked,
in the cache calculator-worker.js and sw.js name UNPACKED_CACHE); false after 60 s. The server
sends it at once and the throttled browser takes seconds to receive it, so a quiet server alone
does not say it is in."""


def _settle(page: Any, server: Server, service_worker: bool) -> None:
    """Before a repeat visit: the service worker active, the snapshot kept, nothing fetched for 2 s."""
    if service_worker:
        with contextlib.suppress(Exception):  # no worker or no snapshot: the repeat visit shows it
            page.evaluate(SERVICE_WORKER_READY)
            page.evaluate(SNAPSHOT_KEPT)
    server.counter.wait_quiet(quiet=2.0, timeout=90.0)


def visit(context: Any, server: Server, calculator: Calculator | None, settle: bool) -> Visit:
    """One throttled visit to a calculator page (or the baseline page when `calculator` is None)."""
    def after(page: Any) -> None:
        if settle:
            _settle(page, server, service_worker=calculator is not None)

    if calculator is None:
        return widget.visit(context, server.url + BASELINE_URL, widget.BASELINE_DONE,
                            prepare=partial(throttle, context), after=after)
    return widget.visit(context, server.url + calculator.url, widget.CALCULATOR_DONE,
                        calculator.act, prepare=partial(throttle, context), after=after)


@dataclass
class BytesVisit:
    url: str
    entries: list[dict[str, Any]]

    @property
    def total(self) -> int:
        return sum(entry["bytes"] for entry in self.entries)

    def by_file(self) -> list[tuple[str, int, int]]:
        """(path, bytes, requests) per path, largest first."""
        files: dict[str, list[int]] = {}
        for entry in self.entries:
            row = files.setdefault(entry["path"], [0, 0])
            row[0] += entry["bytes"]
            row[1] += 1
        return sorted(((path, b, n) for path, (b, n) in files.items()), key=lambda r: -r[1])

    def repeated(self) -> list[str]:
        """Paths whose bytes were sent more than once (a file that crossed the network twice)."""
        return [path for path, _, count in self.by_file()
                if count > 1 and sum(1 for e in self.entries if e["path"] == path and e["bytes"]) > 1]


def first_seconds(browser: Any, server: Server, url: str) -> BytesVisit:
    """Requests made in the first 10 s of a throttled visit with no input, counted whole."""
    context = browser.new_context()
    try:
        page = context.new_page()
        throttle(context, page)
        server.counter.reset()
        started = time.monotonic()
        page.goto(server.url + url, wait_until="commit", timeout=TIMEOUT_MS)
        time.sleep(max(0.0, FIRST_SECONDS - (time.monotonic() - started)))
        server.counter.wait_quiet(quiet=1.0, timeout=90.0)
        entries = [entry for entry in server.counter.snapshot()
                   if entry["at"] - started <= FIRST_SECONDS]
        return BytesVisit(url, entries)
    finally:
        context.close()


@dataclass
class NetworkResults:
    visits: dict[str, list[Visit]] = field(default_factory=dict)
    """By "<calculator>_<cold|repeat>", the calculators and "baseline"."""
    bytes: list[BytesVisit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, key: str, visit_: Visit) -> None:
        self.visits.setdefault(key, []).append(visit_)


def calculators(content_dir: Path) -> list[Calculator]:
    new_current, first_row = widget.planner_change(content_dir)
    sign, level = checker_change(content_dir)

    def check(page: Any) -> None:
        page.locator(f"{CHECKER}[data-enhanced]").first.wait_for(state="attached",
                                                                 timeout=TIMEOUT_MS)
        page.check(f'{CHECKER} input[name="{sign}"][value="yes"]', timeout=TIMEOUT_MS)

    return [
        Calculator("planner", PLANNER_URL, widget.widget_probes(first_row),
                   widget.change_current(new_current)),
        Calculator("checker", CHECKER_URL, checker_probes(level), check),
    ]


def run_network(site_dir: Path, content_dir: Path, runs: int, log: Any = print) -> NetworkResults:
    """Every 4G figure against the site in `site_dir`, served compressed."""
    results = NetworkResults()
    pages = calculators(content_dir)
    with widget.served_browser(site_dir, compress=True) as (server, browser):
        for number in range(1, runs + 1):
            order: list[Calculator | None] = [*pages, None]
            if number % 2 == 0:
                order.reverse()  # neither always meets a warmer machine
            for calculator in order:
                name = calculator.name if calculator else "baseline"
                probes = calculator.probes if calculator else BASELINE_PROBES
                context = browser.new_context()
                context.add_init_script(script=widget._recorder(probes))
                try:
                    for temperature in ("cold", "repeat"):
                        result = visit(context, server, calculator, settle=temperature == "cold")
                        results.add(f"{name}_{temperature}", result)
                        if result.problem:
                            results.problems.append(
                                f"4G {name} {temperature} run {number}: {result.problem}")
                finally:
                    context.close()
            log("  4G run {}/{}: {}".format(number, runs, ", ".join(
                f"{key} {widget._ms(visits[-1].mark('answered'))}"
                for key, visits in results.visits.items())))
        for url in (PLANNER_URL, HOME_URL):
            try:
                results.bytes.append(first_seconds(browser, server, url))
            except Exception as error:  # noqa: BLE001
                results.problems.append(f"4G bytes {url}: {type(error).__name__}: {error}")
    return results
