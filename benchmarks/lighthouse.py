"""Figure 7: Lighthouse (mobile defaults) on the home page and both calculators, served compressed.

With the project's own `lighthouse` (a devDependency in package.json, pinned to 12.2.3, the last
release that runs on Node 20; `npm ci` installs it into node_modules/.bin), or the one
BENCH_LIGHTHOUSE names, or one on PATH. It drives Debian's Chromium, offline: the site is served on localhost
by the same compressing server as figure 6, and Lighthouse throttles as its mobile defaults do
(simulated slow 4G, CPU slowed 4x on top of this machine's load).

Each page is audited once per run (the pages in turn, so that none always meets a warmer or
busier machine), and each category's score is the median of its runs: a single run on this
shared 2-core machine scored the planner's performance anywhere from 88 to 99.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import widget

PAGES = ("/", "/mileage-planner/", "/symptom-checker/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMEOUT_S = 300


@dataclass
class LighthouseResults:
    runs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """By page URL, each run's `scores` (category: score out of 100, or None) and `failing`."""
    problems: list[str] = field(default_factory=list)
    missing: str = ""

    def add(self, url: str, report: dict[str, Any]) -> None:
        """One run's Lighthouse JSON report for `url`."""
        self.runs.setdefault(url, []).append({
            "scores": {
                name: None if report["categories"][name]["score"] is None
                else round(report["categories"][name]["score"] * 100)
                for name in CATEGORIES},
            "failing": sorted(
                name for name, audit in report["audits"].items()
                if isinstance(audit.get("score"), int | float) and audit["score"] < 0.9
                and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")),
        })

    @property
    def scores(self) -> dict[str, dict[str, int | None]]:
        """By page URL, each category's median score over the runs (None if no run scored it)."""
        return {
            url: {name: _median([run["scores"][name] for run in runs]) for name in CATEGORIES}
            for url, runs in self.runs.items()}

    def spread(self, url: str, category: str) -> list[int]:
        return sorted(run["scores"][category] for run in self.runs.get(url, [])
                      if run["scores"][category] is not None)

    @property
    def failing(self) -> dict[str, list[str]]:
        """By page URL, the audits under 0.9 in at least half of its runs."""
        result = {}
        for url, runs in self.runs.items():
            counts: dict[str, int] = {}
            for run in runs:
                for name in run["failing"]:
                    counts[name] = counts.get(name, 0) + 1
            result[url] = sorted(name for name, count in counts.items() if 2 * count >= len(runs))
        return result


def _median(values: list[int | None]) -> int | None:
    scored = [value for value in values if value is not None]
    return round(statistics.median(scored)) if scored else None


def command(root: Path) -> str | None:
    found = os.environ.get("BENCH_LIGHTHOUSE") or str(root / "node_modules" / ".bin" / "lighthouse")
    return found if Path(found).is_file() else shutil.which("lighthouse")


def run_lighthouse(site_dir: Path, root: Path, log: Any = print, runs: int = 1) -> LighthouseResults:
    results = LighthouseResults()
    binary = command(root)
    if binary is None:
        results.missing = "lighthouse is not installed (npm ci, or BENCH_LIGHTHOUSE=path)"
        return results
    server = widget.serve(site_dir, compress=True)
    env = {**os.environ, "CHROME_PATH": widget.CHROMIUM}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
            for number, url in ((number, url) for number in range(1, runs + 1) for url in PAGES):
                out = Path(tmp) / "report.json"
                out.unlink(missing_ok=True)
                run = subprocess.run(
                    [binary, server.url + url, "--quiet", "--output=json", f"--output-path={out}",
                     "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                     f"--only-categories={','.join(CATEGORIES)}"],
                    env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
                if run.returncode or not out.is_file():
                    results.problems.append(f"lighthouse {url}: {run.stderr.strip()[-200:]}")
                    continue
                results.add(url, json.loads(out.read_text(encoding="utf-8")))
                log(f"  lighthouse {url}, run {number}/{runs}: {results.runs[url][-1]['scores']}")
    finally:
        server.close()
    return results
