"""Figures 2-4: widget start, bytes transferred and the longest main-thread task, in Chromium.

A built site is served by `http.server` on localhost (in a thread; the same handler a writer
would use, plus a byte counter), and Debian's Chromium is driven by Playwright, headless, at
Playwright's default 1280x720 viewport.

Widget start: a visit navigates to the mileage planner, waits until the widget has taken over
its form (`[data-enhanced]`), types a new current weekly distance and presses Enter, as a
reader would. An init script (recorder.js) notes, at each animation frame, the time since
navigation at which

- `answer_visible`: the planner's pre-rendered table is visible,
- `answered`: the table's first row shows the distance Python works out for the new input
  (the expected text is computed beforehand by the same calculators in CPython),

and collects long main-thread tasks (Long Tasks API). Cold is a fresh browser context (empty
HTTP cache, no service worker); warm is a second visit in the same context. The baseline is a
bare page on the same server (benchmarks/baseline/) that only runs `loadPyodide()` from stock
Pyodide (the npm package's files, copied beside it: the site's own standard library is trimmed)
and `runPython("1+1")` in a module Web Worker (as the widget does), timed the same way to the
moment its result is shown.

Bytes: response bodies sent by the server (what the browser transferred; no compression, as
http.server sends files as they are), with the gzip size a compressing host would send, split
by who asked: the page (with its own workers) or the offline service worker.

The server sends the headers of the site's `_headers` file, as the static hosts it is written
for would (the strict Content-Security-Policy then binds the calculators' worker too).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
BASELINE_DIR = HERE / "baseline"
BASELINE_URL = "/bench-baseline/"
PLANNER_URL = "/mileage-planner/"
NO_WIDGET_URL = "/causes/"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]

WIDGET = '[data-widget="mileage-planner"]'
TIMEOUT_MS = 90_000

RUNTIME_PREFIXES = ("/assets/pyodide/",)
RUNTIME_SCRIPTS = ("calculator-worker.js", "calculator-core.js")
"""What counts as the calculators' runtime in the bytes figures (widgets.js, the small script
that starts it, is counted apart)."""


# ------------------------------------------------------------------------------------- the server


class _Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: list[dict[str, Any]] = []
        self.last_request = time.monotonic()

    def reset(self) -> None:
        with self.lock:
            self.entries = []
            self.last_request = time.monotonic()

    def add(self, path: str, code: int, referer: str) -> dict[str, Any]:
        path = urlsplit(path).path
        entry = {"path": path, "code": code, "bytes": 0, "initiator": initiator(path, referer),
                 "at": time.monotonic()}
        with self.lock:
            self.entries.append(entry)
            self.last_request = time.monotonic()
        return entry

    def snapshot(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(entry) for entry in self.entries]

    def wait_quiet(self, quiet: float = 1.0, timeout: float = 60.0) -> None:
        """Until no request came for `quiet` seconds (a network-idle that sees workers too)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                idle = time.monotonic() - self.last_request
            if idle >= quiet:
                return
            time.sleep(0.1)


SERVICE_WORKER_SCRIPT = "sw.js"
SERVICE_WORKER = "service worker"
PAGE = "page"


def initiator(path: str, referer: str) -> str:
    """Who asked for `path`: the service worker (its script, or a request it makes, whose
    Referer is the worker script) or the page (the document, its scripts and their workers)."""
    if path.endswith("/" + SERVICE_WORKER_SCRIPT) or urlsplit(referer).path.endswith(
            "/" + SERVICE_WORKER_SCRIPT):
        return SERVICE_WORKER
    return PAGE


def site_headers(root: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The headers a static host would send from the site's `_headers` file (Netlify format).

    Referrer-Policy is left out: the benchmark tells the service worker's requests from the
    page's by their Referer. (It has no bearing on speed.)
    """
    path = root / "_headers"
    if not path.is_file():
        return []
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            if name.strip().lower() != "referrer-policy":
                rules[-1][1].append((name.strip(), value.strip()))
    return rules


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".zip": "application/zip",
        ".whl": "application/zip",
    }

    def __init__(self, *args: Any, counter: _Counter,
                 headers: list[tuple[str, list[tuple[str, str]]]], compress: bool = False,
                 compressed_cache: dict[Path, tuple[float, bytes]] | None = None,
                 **kwargs: Any) -> None:
        self.counter = counter
        self.site_headers = headers
        self.compress = compress
        self.compressed_cache = {} if compressed_cache is None else compressed_cache
        self._entry: dict[str, Any] | None = None
        super().__init__(*args, **kwargs)

    def _rule_headers(self) -> list[tuple[str, str]]:
        path = urlsplit(self.path).path
        return [header for pattern, headers in self.site_headers if fnmatchcase(path, pattern)
                for header in headers]

    def send_header(self, keyword: str, value: str) -> None:
        # As the hosts that read `_headers` do, its headers replace the server's own of the same
        # name (two Content-Types would make Chromium refuse to compile the WebAssembly).
        if keyword.lower() in {name.lower() for name, _ in self._rule_headers()}:
            return
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        for name, value in self._rule_headers():
            super().send_header(name, value)
        super().end_headers()

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        referer = self.headers.get("Referer", "") if self.headers else ""
        self._entry = self.counter.add(self.path, int(code) if str(code).isdigit() else 0, referer)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def send_head(self) -> Any:
        """As a static host that compresses does: a `.br` or `.gz` file beside the one asked for
        when the browser accepts it, else text, JSON and WebAssembly gzipped (level 6) on the fly.
        Off unless the server was made with `compress=True` (the 4G profile)."""
        if not self.compress or self.command != "GET":
            return super().send_head()
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the base class redirects to the slash
            local = local / "index.html"
        if not local.is_file():
            return super().send_head()
        accepted = {part.split(";")[0].strip()
                    for part in self.headers.get("Accept-Encoding", "").split(",")}
        body, encoding = compressed(local, accepted, self.compressed_cache)
        if encoding is None:
            return super().send_head()
        stamp = local.stat().st_mtime
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                from email.utils import parsedate_to_datetime
                if parsedate_to_datetime(since).timestamp() >= int(stamp):
                    self.send_response(304)
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(local)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stamp)))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        sent = 0
        while chunk := source.read(256 * 1024):
            outputfile.write(chunk)
            sent += len(chunk)
        if self._entry is not None:
            self._entry["bytes"] += sent


@dataclass
class Server:
    root: Path
    counter: _Counter
    httpd: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".wasm",
                ".map")
"""What a compressing host gzips on the fly (not archives, images or PDFs)."""


def compressed(local: Path, accepted: set[str],
               cache: dict[Path, tuple[float, bytes]]) -> tuple[bytes, str | None]:
    """The body and Content-Encoding a compressing host sends for `local` (encoding None: as is)."""
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        beside = local.with_name(local.name + suffix)
        if encoding in accepted and beside.is_file():
            return beside.read_bytes(), encoding
    if "gzip" not in accepted or local.suffix not in COMPRESSIBLE:
        return b"", None
    stamp = local.stat().st_mtime
    cached = cache.get(local)
    if cached is None or cached[0] != stamp:
        cached = (stamp, gzip.compress(local.read_bytes(), 6, mtime=0))
        cache[local] = cached
    return cached[1], "gzip"


def serve(root: Path, compress: bool = False) -> Server:
    """Serve `root` on 127.0.0.1 (a free port); `compress`: as a host that gzips does."""
    counter = _Counter()
    handler = partial(_Handler, directory=str(root), counter=counter, headers=site_headers(root),
                      compress=compress, compressed_cache={})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="bench-http", daemon=True)
    thread.start()
    return Server(root, counter, httpd, thread)


BASELINE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                  "pyodide-lock.json")
"""Stock Pyodide, as `loadPyodide()` fetches it: what the baseline page starts."""


def add_baseline_page(site_dir: Path) -> None:
    """Copy the bare loadPyodide() page into the (temporary) site, at /bench-baseline/, with
    stock Pyodide from the npm package beside it (the site's own runtime is trimmed)."""
    from generator.runtime.assets import pyodide_dir

    target = site_dir / BASELINE_URL.strip("/")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(BASELINE_DIR, target)
    (target / "pyodide").mkdir()
    for name in BASELINE_FILES:
        shutil.copyfile(pyodide_dir() / name, target / "pyodide" / name)


# ------------------------------------------------------------------------------------- the input


def planner_change(content_dir: Path) -> tuple[str, str]:
    """A new current weekly distance, and the first-row distance Python plans for it.

    Halfway between the content's default current and target distances (a valid input that
    changes the first week), worked out by the same calculators the widget runs.
    """
    from generator.site import widgets
    from runners_back_calculators import planner, views
    from generator.content.load import load_guide
    from generator.content.rules import calculator_rules

    everything = calculator_rules(load_guide(content_dir))
    rules = everything["planner"]
    values = widgets.planner_defaults(rules)
    current = float(values["current"])
    target = float(values["target"])
    new = round((current + target) / 2) if target > current + 2 else round(current * 1.5) or 1
    if new == current:
        new = current + 1
    values["current"] = widgets.plain_number(int(new))
    plan = planner.plan(rules, **planner.parse_inputs(rules, values, widgets.field_names(everything["wording"])))
    return values["current"], views.tenths(plan["weeks"][0]["distance"])


def _recorder(probes: list[dict[str, Any]]) -> str:
    script = (HERE / "recorder.js").read_text(encoding="utf-8")
    return script.replace("__BENCH_PROBES__", json.dumps(probes))


def probe(name: str, selector: str, visible: bool = False, text: str | None = None) -> dict[str, Any]:
    """One mark recorder.js notes: the first frame at which `selector` matches (shown, with
    `text`, when asked)."""
    return {"name": name, "selector": selector, "visible": visible, "text": text}


def calculator_probes(root: str, answer: str, answered: str,
                      text: str | None = None) -> list[dict[str, Any]]:
    """The marks of a calculator page: its pre-rendered `answer` shown, the widget taking the
    form over, Python ready, Python's own answer (`answered`, with `text`), or a failure."""
    return [
        probe("answer_visible", f"{root} {answer}", visible=True),
        probe("enhanced", f"{root}[data-enhanced]"),
        probe("runtime_ready", f'{root} [data-state="ready"]'),
        probe("answered", f"{root} {answered}", visible=True, text=text),
        probe("failed", f'{root} [data-state="failed"], {root}[data-enhance-error]'),
        probe("input_error", f"{root} [data-error-summary]:not([hidden])"),
    ]


def widget_probes(expected_first_row: str) -> list[dict[str, Any]]:
    return calculator_probes(WIDGET, "table", "table tbody tr:first-child td", expected_first_row)


BASELINE_PROBES = [
    probe("answered", '#result[data-state="ready"]', visible=True, text="2"),
    probe("failed", '#result[data-state="failed"]'),
]

_DONE = "names => names.some(name => window.__bench && name in window.__bench.marks)"


# ------------------------------------------------------------------------------------- visits


@dataclass
class Visit:
    marks: dict[str, float] = field(default_factory=dict)
    longest_task: float | None = None
    """The longest main-thread task from navigation to the answer, in ms (None: none >= 50 ms)."""
    long_tasks: int = 0
    problem: str | None = None

    def mark(self, name: str) -> float | None:
        value = self.marks.get(name)
        return None if value is None or value < 0 else value


def _finish(page: Any, visit: Visit) -> Visit:
    data = page.evaluate("window.__bench")
    visit.marks = {name: float(value) for name, value in data["marks"].items()}
    end = visit.mark("answered")
    tasks = [task for task in data["longtasks"] if end is None or task["start"] <= end]
    visit.long_tasks = len(tasks)
    visit.longest_task = max((task["duration"] for task in tasks), default=None)
    if data["errors"]:
        visit.problem = "; ".join(data["errors"])
    if "failed" in visit.marks:
        visit.problem = "the page reported that the calculator failed to start"
    elif "input_error" in visit.marks and "answered" not in visit.marks:
        visit.problem = "the widget showed an input error instead of a plan"
    return visit


def visit(context: Any, url: str, done: list[str], act: Any = None, prepare: Any = None,
          after: Any = None) -> Visit:
    """One visit in a new page of `context`: `prepare(page)` before it navigates to `url` (the
    4G profile throttles it there), `act(page)` once it has (a reader's change), then until a
    mark in `done`; `after(page)` before the page closes. A failure is noted, never raised."""
    page = context.new_page()
    if prepare:
        prepare(page)
    result = Visit()
    try:
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        if act:
            act(page)
        page.wait_for_function(_DONE, arg=done, timeout=TIMEOUT_MS)
        result = _finish(page, result)
        if after:
            after(page)
        return result
    except Exception as error:  # noqa: BLE001 - a benchmark reports, it does not crash
        result.problem = f"{type(error).__name__}: {str(error).splitlines()[0]}"
        return result
    finally:
        page.close()


CALCULATOR_DONE = ["answered", "failed", "input_error"]
BASELINE_DONE = ["answered", "failed"]


def change_current(new_current: str) -> Any:
    """The planner's change: once the widget has taken its form over, a new current distance
    typed, then Enter."""
    def act(page: Any) -> None:
        page.locator(f"{WIDGET}[data-enhanced]").first.wait_for(state="attached", timeout=TIMEOUT_MS)
        field_ = page.locator(f'{WIDGET} input[name="current"]').first
        field_.fill(new_current, timeout=TIMEOUT_MS)
        field_.press("Enter", timeout=TIMEOUT_MS)
    return act


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, as every browser figure drives it."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@dataclass
class StartResults:
    widget_cold: list[Visit] = field(default_factory=list)
    widget_warm: list[Visit] = field(default_factory=list)
    baseline_cold: list[Visit] = field(default_factory=list)
    baseline_warm: list[Visit] = field(default_factory=list)
    new_current: str = ""
    expected_first_row: str = ""


@dataclass
class BytesPhase:
    name: str
    entries: list[dict[str, Any]]
    gzip_sizes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(entry["bytes"] for entry in self.entries)

    @property
    def gzip_total(self) -> int:
        return sum(self.gzip_sizes.get(entry["path"], 0) if entry["bytes"] else 0
                   for entry in self.entries)

    @staticmethod
    def is_runtime(path: str) -> bool:
        return path.startswith(RUNTIME_PREFIXES) or path.rsplit("/", 1)[-1] in RUNTIME_SCRIPTS

    @property
    def runtime(self) -> int:
        return sum(entry["bytes"] for entry in self.entries if self.is_runtime(entry["path"]))

    def by(self, initiator_: str, runtime_only: bool = False) -> int:
        return sum(entry["bytes"] for entry in self.entries if entry["initiator"] == initiator_
                   and (not runtime_only or self.is_runtime(entry["path"])))

    def paths(self, runtime_only: bool = False) -> list[str]:
        return [entry["path"] for entry in self.entries
                if entry["bytes"] and (not runtime_only or self.is_runtime(entry["path"]))]

    @property
    def requests(self) -> int:
        return len(self.entries)


@dataclass
class BrowserResults:
    chromium: str = ""
    start: StartResults = field(default_factory=StartResults)
    bytes: list[BytesPhase] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _gzip_sizes(root: Path, entries: list[dict[str, Any]], cache: dict[str, int]) -> dict[str, int]:
    """What a host that gzips (level 6) would send for each file path served."""
    for entry in entries:
        path = entry["path"]
        if path in cache or not entry["bytes"]:
            continue
        local = root / path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        if local.is_file():
            cache[path] = len(gzip.compress(local.read_bytes(), 6))
        else:
            cache[path] = entry["bytes"]
    return cache


def _new_context(browser: Any, script: str) -> Any:
    context = browser.new_context()
    context.add_init_script(script=script)
    return context


def measure_bytes(browser: Any, server: Server, new_current: str, expected: str,
                  gzip_cache: dict[str, int]) -> list[BytesPhase]:
    """Bytes for a page without a widget, a widget page before any interaction, then ready."""
    phases: list[BytesPhase] = []
    counter = server.counter

    def phase(name: str) -> None:
        entries = counter.snapshot()
        phases.append(BytesPhase(name, entries, _gzip_sizes(server.root, entries, gzip_cache)))

    def load(url: str) -> tuple[Any, Any]:
        """A new context's page at `url`, once nothing has been fetched for a second."""
        context = _new_context(browser, _recorder(widget_probes(expected)))
        page = context.new_page()
        counter.reset()
        page.goto(server.url + url, wait_until="load", timeout=TIMEOUT_MS)
        counter.wait_quiet()
        return context, page

    context, _ = load(NO_WIDGET_URL)
    phase("no_widget")
    context.close()

    context, page = load(PLANNER_URL)
    try:
        phase("widget_before")
        change_current(new_current)(page)
        page.wait_for_function(_DONE, arg=CALCULATOR_DONE, timeout=TIMEOUT_MS)
        counter.wait_quiet()
        phase("widget_ready")
    finally:
        context.close()
    return phases


@contextlib.contextmanager
def served_browser(site_dir: Path, compress: bool = False) -> Iterator[tuple[Server, Any]]:
    """The site, with the bare-Pyodide page added, served on localhost (`compress`: as a host
    that compresses), and Chromium launched; both closed after."""
    from playwright.sync_api import sync_playwright

    add_baseline_page(site_dir)
    server = serve(site_dir, compress=compress)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                yield server, browser
            finally:
                browser.close()
    finally:
        server.close()


def run_browser(site_dir: Path, content_dir: Path, runs: int, log: Any = print) -> BrowserResults:
    """Every browser figure against the site in `site_dir` (the baseline page is added to it)."""
    results = BrowserResults()
    new_current, expected = planner_change(content_dir)
    results.start.new_current, results.start.expected_first_row = new_current, expected
    gzip_cache: dict[str, int] = {}
    widget_script = _recorder(widget_probes(expected))
    baseline_script = _recorder(BASELINE_PROBES)
    with served_browser(site_dir) as (server, browser):
        results.chromium = browser.version
        for number in range(1, runs + 1):
            # alternate which goes first, so neither always meets a warmer machine
            order = ("widget", "baseline") if number % 2 else ("baseline", "widget")
            for which in order:
                script = widget_script if which == "widget" else baseline_script
                context = _new_context(browser, script)
                try:
                    for temperature in ("cold", "warm"):
                        if which == "widget":
                            result = visit(context, server.url + PLANNER_URL, CALCULATOR_DONE,
                                           change_current(new_current))
                        else:
                            result = visit(context, server.url + BASELINE_URL, BASELINE_DONE)
                        getattr(results.start, f"{which}_{temperature}").append(result)
                        if result.problem:
                            results.problems.append(
                                f"{which} {temperature} run {number}: {result.problem}")
                finally:
                    context.close()
            log(f"  browser run {number}/{runs}: widget cold "
                f"{_ms(results.start.widget_cold[-1].mark('answered'))}, warm "
                f"{_ms(results.start.widget_warm[-1].mark('answered'))}; bare Pyodide cold "
                f"{_ms(results.start.baseline_cold[-1].mark('answered'))}, warm "
                f"{_ms(results.start.baseline_warm[-1].mark('answered'))}")
        try:
            results.bytes = measure_bytes(browser, server, new_current, expected, gzip_cache)
        except Exception as error:  # noqa: BLE001
            results.problems.append(f"bytes: {type(error).__name__}: {error}")
    return results


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"
