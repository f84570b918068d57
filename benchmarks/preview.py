"""Figure: save to reloaded page in the writer's preview (`make serve`), in Chromium.

`mkdocs serve` runs on a copy of the content; the page is open; a page title is edited in its
YAML file; the time runs from the save until the reloaded page shows the new heading (a flag set
on the old page is gone, so it was a real reload, by the live-reload script). The same launcher
and loop serve tests/browser/test_preview.py.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 120.0
"""The first build takes about 10 s here; a loaded machine gets a wide margin."""
RELOAD_TIMEOUT_MS = 30_000
TARGET_SECONDS = 1.5
FIRST_TITLE = "Why running can hurt your lower back"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    """The body at `url` (an error status's body too), or "" when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return ""


def copy_project(work: Path) -> tuple[Path, Path]:
    """A copy of content/ (unless `work` has one) and a mkdocs.yml pointing at it."""
    content = work / "content"
    if not content.exists():
        shutil.copytree(ROOT / "content", content)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {content}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - generator/site/mkdocs_hook.py", f"  - {ROOT / 'generator' / 'site' / 'mkdocs_hook.py'}")
    config = work / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return content, config


@dataclass
class Preview:
    url: str
    content: Path
    process: subprocess.Popen[str]
    stderr: str = ""


@contextmanager
def serving(work: Path, ready_text: str = "<h1") -> Iterator[Preview]:
    """`mkdocs serve` on a copy of the content; yields once the home page shows `ready_text`."""
    content, config = copy_project(work)
    url = f"http://127.0.0.1:{free_port()}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", url[7:-1]],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    preview = Preview(url, content, process)
    try:
        deadline = time.monotonic() + START_SECONDS
        while ready_text not in fetch(url):
            assert process.poll() is None, f"mkdocs serve exited: {process.communicate()[1]}"
            assert time.monotonic() < deadline, f"{url} never showed {ready_text!r}"
            time.sleep(0.2)
        yield preview
    finally:
        process.terminate()
        _, preview.stderr = process.communicate(timeout=30)


def wait_for_heading(tab: Any, text: str) -> None:
    """Until the page's h1 (its permalink left out) is `text`."""
    tab.wait_for_function("text => { const h = document.querySelector('h1');"
                          " return h !== null && h.firstChild.textContent.trim() === text; }",
                          arg=text, timeout=RELOAD_TIMEOUT_MS, polling=20)


def mark_page(tab: Any, title: str) -> None:
    """Flag the open page, so a reload shows; a save seen twice by the watcher (the file truncated,
    then written) may still be reloading it from a second build, so the flag is set again then."""
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(20):
        try:
            tab.wait_for_load_state("load")
            tab.evaluate("window.previewMark = true")
            wait_for_heading(tab, title)
            if tab.evaluate("window.previewMark === true"):
                return
        except PlaywrightError as error:
            if "context was destroyed" not in str(error):
                raise
        tab.wait_for_timeout(100)
    raise AssertionError("the page kept reloading with no save")


def save_to_reload_times(tab: Any, preview: Preview, runs: int) -> list[float]:
    """Edit the causes page's title `runs` times; seconds from each save to the reloaded page."""
    path = preview.content / "causes.yaml"
    tab.goto(preview.url + "causes/")
    title = FIRST_TITLE
    wait_for_heading(tab, title)
    times = []
    for number in range(1, runs + 1):
        new = f"Why running hurts your back, take {number}"
        tab.wait_for_timeout(300)  # the reload script is polling again
        mark_page(tab, title)
        text = path.read_text(encoding="utf-8")
        assert f"title: {title}\n" in text
        start = time.monotonic()
        path.write_text(text.replace(f"title: {title}\n", f"title: {new}\n", 1), encoding="utf-8")
        tab.wait_for_function("() => window.previewMark !== true", timeout=RELOAD_TIMEOUT_MS, polling=20)
        wait_for_heading(tab, new)
        times.append(time.monotonic() - start)
        title = new
    return times


@dataclass
class PreviewResult:
    times: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def run_preview(runs: int, log: Any = print) -> PreviewResult:
    """The figure on its own: `python -m benchmarks.preview [RUNS]`."""
    from playwright.sync_api import sync_playwright

    from benchmarks.widget import CHROMIUM, CHROMIUM_ARGS

    result = PreviewResult()
    with (
        tempfile.TemporaryDirectory(prefix="runners-back-preview-") as tmp,
        serving(Path(tmp)) as preview,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context(service_workers="block").new_page()
            result.times = save_to_reload_times(tab, preview, runs)
        except Exception as error:  # noqa: BLE001 - report what was measured
            result.problems.append(f"preview: {type(error).__name__}: {error}")
        finally:
            browser.close()
    if result.median is not None:
        log(f"save to reloaded page: median {result.median:.2f} s of {[round(t, 2) for t in result.times]}")
    return result


if __name__ == "__main__":
    outcome = run_preview(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    sys.exit(1 if outcome.problems or not outcome.times else 0)
