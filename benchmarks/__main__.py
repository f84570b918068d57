"""`python -m benchmarks` (`make bench`): measure, print the table, write BENCHMARKS.md.

A benchmark, not a test: it exits 0 whatever the figures say (non-zero only when it could not
measure at all, such as a build that fails). The default run takes about 12-15 minutes on a
2-core machine; `--quick` gives rough figures in about 3.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import build, lighthouse, network, preview, report, widget
from benchmarks.machine import load_average, machine

ROOT = Path(__file__).resolve().parent.parent


_STARTED = time.monotonic()


def _log(message: str) -> None:
    elapsed = int(time.monotonic() - _STARTED)
    print(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {message}", file=sys.stderr, flush=True)


def _figure(name: str, problems: list[str], measure: Callable[[], Any]) -> Any:
    """One browser figure: its result (its problems added to `problems`), or None when it could
    not be measured at all (the error and its traceback reported instead: a benchmark reports)."""
    try:
        result = measure()
    except Exception as error:  # noqa: BLE001 - report what was measured
        problems.append(f"{name}: {type(error).__name__}: {error}")
        _log(traceback.format_exc())
        return None
    problems += result.problems
    return result


def _scales(text: str) -> set[int]:
    if text.strip().lower() == "none":
        return set()
    return {int(part) for part in text.split(",") if part.strip()}


def _plan(args: argparse.Namespace) -> list[build.ScalePlan]:
    if args.quick:
        return [build.ScalePlan(1, whole_runs=2, bare_runs=1, plain_runs=2, pdf_runs=1,
                                rebuild_runs=1, word_runs=1)]
    plans = []
    for plan in build.DEFAULT_PLAN:
        if plan.factor == 1:
            runs = args.build_runs
            plans.append(build.ScalePlan(1, runs, max(1, min(plan.bare_runs, runs)), runs,
                                         max(1, min(plan.pdf_runs, runs)),
                                         max(1, min(plan.rebuild_runs, runs)),
                                         max(1, min(plan.word_runs, runs))))
        elif plan.factor in args.scales:
            plans.append(plan)
    return plans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=5,
                        help="browser runs (cold + warm each); default 5")
    parser.add_argument("--build-runs", type=int, default=5,
                        help="whole and plain builds of the real content; default 5")
    parser.add_argument("--scales", type=_scales, default={10, 100},
                        help="content scales besides 1x: 10, 100, 10,100 (the default) or none")
    parser.add_argument("--quick", action="store_true",
                        help="2 builds, 2 browser runs, no scaled content: rough figures")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the browser figures (2-4 and 6)")
    parser.add_argument("--no-4g", action="store_true", help="skip the 4G figures (6)")
    parser.add_argument("--site", type=Path,
                        help="measure this already built site in the browser (no build figures)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md",
                        help="where to write the report (default BENCHMARKS.md)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = min(args.runs, 2)

    started = time.monotonic()
    load_at_start = load_average()
    scales: list[build.ScaleResult] = []
    browser: widget.BrowserResults | None = None
    reloads: preview.PreviewResult | None = None
    phone: network.NetworkResults | None = None
    audits: lighthouse.LighthouseResults | None = None
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="runners-back-bench-") as tmp:
        work = Path(tmp)
        site = work / "site"
        if args.site:
            import shutil

            shutil.copytree(args.site, site)
        for plan in [] if args.site else _plan(args):
            _log(f"Build, {plan.factor}x content ...")
            try:
                scale = build.run_scale(plan, work / f"{plan.factor}x", _log,
                                        keep_site=site if plan.factor == 1 else None)
                scales.append(scale)
                problems += scale.problems
            except Exception as error:  # noqa: BLE001 - report what was measured
                problems.append(f"build at {plan.factor}x: {error}")
                _log(traceback.format_exc())
                if plan.factor == 1:
                    break
        if not args.no_browser:
            if site.is_dir():
                _log(f"Browser, {args.runs} runs (widget and bare Pyodide, cold and warm) ...")
                browser = _figure("browser", problems,
                                  lambda: widget.run_browser(site, ROOT / "content", args.runs, _log))
            else:
                problems.append("browser: no site was built, so nothing to serve")
            _log(f"Preview, {args.runs} saves (mkdocs serve, reload in Chromium) ...")
            reloads = _figure("preview", problems, lambda: preview.run_preview(args.runs, _log))
        if not args.no_browser and not args.no_4g and site.is_dir():
            _log(f"4G, {args.runs} runs (planner, checker, bare Pyodide; cold and repeat) ...")
            phone = _figure("4G", problems, lambda: network.run_network(site, ROOT / "content", args.runs, _log))
        if not args.no_browser and site.is_dir():
            lighthouse_runs = max(args.runs, 3)
            _log(f"Lighthouse (if installed), {lighthouse_runs} runs of each page ...")
            try:
                audits = lighthouse.run_lighthouse(site, ROOT, _log, runs=lighthouse_runs)
                problems += audits.problems
            except Exception as error:  # noqa: BLE001
                problems.append(f"lighthouse: {type(error).__name__}: {error}")
    elapsed = time.monotonic() - started

    rows = report.all_rows(scales, browser, reloads, phone, audits)
    info = machine(browser.chromium if browser else "", load_at_start)
    print()
    print(report.text_table(rows))
    print()
    for line in report.targets_summary(rows):
        print(line)
    for problem in problems:
        print(f"problem: {problem}")
    print(f"\n(benchmark took {elapsed / 60:.1f} min)")
    if not args.no_write:
        from benchmarks.markdown import write_markdown

        write_markdown(args.output, rows, info, scales, browser, problems, elapsed, args)
        print(f"wrote {args.output}")
    return 1 if not scales and not args.site else 0


if __name__ == "__main__":
    sys.exit(main())
