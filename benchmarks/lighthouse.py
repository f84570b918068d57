"""Figure 7: Lighthouse (mobile defaults) on the home page and both calculators, served compressed.

With the project's own `lighthouse` (a devDependency in package.json, pinned to 12.2.3, the last
release that runs on Node 20; `npm ci` installs it into node_modules/.bin), or the one
BENCH_LIGHTHOUSE names, or one on PATH. It drives Debian's Chromium, offline: the site is served on localhost
by the same compressing server as figure 6, and Lighthouse throttles as its mobile defaults do
(simulated slow 4G, CPU slowed 4x on top of this machine's load).
"""

from __future__ import annotations

import json
import os
import shutil
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
    scores: dict[str, dict[str, int | None]] = field(default_factory=dict)
    """By page URL, each category's score out of 100."""
    failing: dict[str, list[str]] = field(default_factory=dict)
    """By page URL, the audits that scored under 0.9."""
    problems: list[str] = field(default_factory=list)
    missing: str = ""


def command(root: Path) -> str | None:
    found = os.environ.get("BENCH_LIGHTHOUSE") or str(root / "node_modules" / ".bin" / "lighthouse")
    return found if Path(found).is_file() else shutil.which("lighthouse")


def run_lighthouse(site_dir: Path, root: Path, log: Any = print) -> LighthouseResults:
    results = LighthouseResults()
    binary = command(root)
    if binary is None:
        results.missing = "lighthouse is not installed (npm ci, or BENCH_LIGHTHOUSE=path)"
        return results
    server = widget.serve(site_dir, compress=True)
    env = {**os.environ, "CHROME_PATH": widget.CHROMIUM}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
            for url in PAGES:
                out = Path(tmp) / "report.json"
                run = subprocess.run(
                    [binary, server.url + url, "--quiet", "--output=json", f"--output-path={out}",
                     "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                     f"--only-categories={','.join(CATEGORIES)}"],
                    env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
                if run.returncode or not out.is_file():
                    results.problems.append(f"lighthouse {url}: {run.stderr.strip()[-200:]}")
                    continue
                data = json.loads(out.read_text(encoding="utf-8"))
                results.scores[url] = {
                    name: None if data["categories"][name]["score"] is None
                    else round(data["categories"][name]["score"] * 100)
                    for name in CATEGORIES}
                results.failing[url] = sorted(
                    name for name, audit in data["audits"].items()
                    if isinstance(audit.get("score"), int | float) and audit["score"] < 0.9
                    and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
                log(f"  lighthouse {url}: {results.scores[url]}")
    finally:
        server.close()
    return results
