"""BENCHMARKS.md: the latest figures, the machine they came from, and how they were taken."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks import report
from benchmarks.build import ScaleResult
from benchmarks.widget import BrowserResults

METHOD = """\
## How the figures are taken

Every figure is a median over the runs shown in its Spread column, and each ratio is against
a baseline measured in the same run of `make bench` (never against an old number).

1. **Build.** *Whole* is `generator.build.build_site` into a temporary folder: content check,
   pages, widget runtime bundle, both PDFs, headers file and service worker, exactly what
   `make site` does (the runtime's wheel cache in `.cache/` is already filled: set-up is done).
   The build reuses the PDFs of the last build while the print HTML is unchanged; the
   benchmark gives it an empty PDF cache of its own for a *whole* build (PDFs rendered, as
   after any content change), and runs a *rebuild* right after one (nothing changed, PDFs
   reused). *Without the PDFs* is the same with the hook's PDF step stubbed out. *Plain* is a plain
   `mkdocs build` of the same generated pages (`render_pages` with both widgets, and
   `widget_pages`, written as Markdown into a temporary docs folder beforehand) with
   `mkdocs.yml` minus the hook: same theme, overrides, extensions and search. Each build runs
   in a fresh Python process, timed by the wall clock (start-up and imports included in both),
   and the kinds of build alternate. *Scaled* content is made by `benchmarks/synthetic.py`:
   every item of every content file (sources, causes, groups, exercises, stretches, cues,
   drills, sections, warning signs, takeaways, tips) copied with suffixed ids and rewired
   references, and validated by `load_guide` as part of each build. Growth is the exponent k
   fitted to time ~ items^k between two scales (k = 1 is linear; fixed costs such as Python's
   start make small scales look better than linear). *One-word change* is `make site` itself
   (`python -m generator build --pages-first`, a command of its own) on a copy of the content
   whose first page title in `causes.yaml` just got a word never used before (so the PDFs must
   be rendered anew), into a site folder an earlier such run built; it is timed from the
   command's start until it prints that the new pages are in place, and stopped there (the
   PDFs that follow are the whole build's figure). Its baseline is the same *plain* build.
2. **Widget start.** `http.server` (in a thread) serves a freshly built site on localhost;
   Debian's Chromium runs headless through Playwright at a 1280x720 viewport. A visit goes to
   `/mileage-planner/`, waits until the widget has taken its form over (`[data-enhanced]`),
   types a new current weekly distance into the form and presses Enter, as a quick reader
   would. An init script notes, at each animation frame, the time since navigation at which
   the pre-rendered plan table is visible, and at which its first row shows the distance
   Python plans for the new input (the expected text is computed beforehand by the same
   calculators in CPython). *Cold*: a new browser context (empty HTTP cache, no service
   worker). *Warm*: a second visit in the same context. The *baseline* is a bare page served
   by the same server (`benchmarks/baseline/`) that only runs `loadPyodide()` from the site's
   own `/assets/pyodide/` files and `runPython("1+1")` **in a module Web Worker** (as the
   widget does), and shows the result; timed the same way.
3. **Bytes.** Response bodies the server sent, per page visit in a new context (`http.server`
   sends files uncompressed; the gzip column is what a host that gzips at level 6 would
   send). *Runtime* is everything under `/assets/pyodide/` plus the calculators' worker
   scripts (`widgets.js`, which starts them, is not counted as runtime). Network idle is
   judged at the server (no request for 1 s), so the worker's requests count too.
4. **Main thread.** The longest task of the page's main thread (Long Tasks API, which sees
   tasks of 50 ms or more) from navigation until the widget's answer, in the same visits as
   figure 2.
5. **PDF.** `generator.pdf.write_pdfs(guide, folder)` alone (print HTML, then the A4 and the
   US Letter PDF one after the other, in one process; loading the content is not timed),
   divided by the pages of both PDFs (pypdf). In the whole build the two PDFs render in
   worker processes while MkDocs builds the pages, so there they cost less wall time.
6. **Preview.** `mkdocs serve` (`make serve`) on a copy of the content with the causes page open
   in Chromium: the page title is edited in `causes.yaml`, timed from the save until the page,
   reloaded by the live-reload script, shows the new heading (benchmarks/preview.py; also
   `python -m benchmarks.preview [RUNS]` on its own). Its target is absolute: 1.5 s.
7. **4G.** The same built site served as a static host that compresses serves it: a `.br` or
   `.gz` file beside the one asked for when the browser accepts it, else gzip (level 6) on the
   fly for text, JSON and WebAssembly. Every page is throttled through the DevTools protocol
   (`Network.emulateNetworkConditions`: 9 Mbit/s down, 3 Mbit/s up, 170 ms round trip; the CPU
   as it is) before it navigates. *Cold*: a new context navigates to the planner (or the
   checker), changes one input as soon as the widget has taken its form over (the planner: a
   new current distance and Enter; the checker: "yes" to its first question, a red flag, whose
   level only Python's answer shows), and the time from navigation to that answer on screen is
   noted. *Repeat*: a new page in the same context, once its service worker is active and the
   server has had no request for 2 s. The *baseline* is the bare page of figure 2 on stock
   Pyodide (the npm package's files: full standard library), cold and repeat, in the same run.
   *Bytes*: what the server sent (compressed, as sent) for each request made in the first 10 s
   after navigation with no input, the page's workers and the service worker included.
   Chromium applies the page's throttling to its dedicated workers; whether it applies it to
   the service worker's own requests is not checked here.
"""


def _machine_table(info: dict[str, str]) -> str:
    lines = ["| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in info.items()]
    return "\n".join(lines)


def _limits(scales: list[ScaleResult], browser: BrowserResults | None,
            problems: list[str]) -> list[str]:
    notes: list[str] = []
    for scale in scales:
        if scale.bare and not scale.whole:
            notes.append(
                f"- The {scale.factor}x content is built without the PDFs only: they would be "
                "thousands of pages per paper size and take most of an hour on this machine, "
                "beyond the benchmark's 15 minutes. The PDFs' growth shows from 1x to 10x.")
        if any(run.pdf_cache_isolated is False for run in scale.whole + scale.rebuild):
            notes.append(f"- {scale.factor}x: the build's PDF cache could not be pointed at a "
                         "folder of the benchmark's, so a whole build may have reused PDFs.")
        single = [name for name, runs in (("whole build", scale.whole),
                                          ("rebuild", scale.rebuild),
                                          ("one-word change", scale.word),
                                          ("build without PDFs", scale.bare),
                                          ("plain build", scale.plain)) if len(runs) == 1]
        if single:
            notes.append(f"- {scale.factor}x: one run only of the {', '.join(single)} (not a "
                         "median: a rough figure on a noisy machine).")
    notes.append(
        "- Offline use (the service worker) and the Content-Security-Policy are not figures of "
        "`make bench`; a service worker, once there, is part of what the warm visit measures.")
    notes.append(
        "- Transfer time is not a factor on localhost: the widget figures are CPU-bound start-up "
        "times. A real network adds the time to fetch the bytes of figure 3.")
    if browser is not None:
        for phase in browser.bytes:
            runtime = phase.paths(runtime_only=True)
            if runtime:
                notes.append(f"- Runtime files fetched ({phase.name.replace('_', ' ')}): "
                             + ", ".join(f"`{path}`" for path in runtime) + ".")
    if browser is not None and not browser.bytes:
        notes.append("- The bytes figures could not be taken in this run (see Problems).")
    if problems:
        notes.append("")
        notes.append("### Problems in this run")
        notes.append("")
        notes += [f"- {problem}" for problem in problems]
    return notes


def write_markdown(path: Path, rows: list[report.Row], info: dict[str, str],
                   scales: list[ScaleResult], browser: BrowserResults | None,
                   problems: list[str], elapsed: float, args: argparse.Namespace) -> None:
    command = "make bench" if not args.quick else "python -m benchmarks --quick"
    parts = [
        "# Benchmarks",
        "",
        f"The latest figures of `{command}` (`python -m benchmarks`), written by the benchmark "
        "itself; run it again after a change to see the effect in review. It is a benchmark, "
        "not a test: nothing fails on time. Targets are those of issue 5 (figures 1-5), issue 13 "
        "(figure 6 and the one-word change) and issue 10 (figures 7 and 8: 4G and Lighthouse).",
        "",
        "## Machine",
        "",
        _machine_table(info),
        "",
        f"The run took {elapsed / 60:.1f} minutes. The machine is shared and noisy: compare "
        "ratios (taken in the same run) rather than absolute times across runs.",
        *(["", "A quick run (`--quick`, 2 browser runs each: rough figures)"
           + (" of an already built site (`--site`): no build or PDF figures (1 and 5) in it."
              if getattr(args, "site", None) else ".")] if args.quick else []),
        "",
        "## Targets",
        "",
        *report.targets_summary(rows),
        "- Not a figure of `make bench`: offline use after the first visit (the service "
        "worker), and the gates of `make test` (accessibility, Content-Security-Policy, links).",
        "- Where the time goes on a phone network, why a 4G or Lighthouse target is not met, and "
        "what was tried: [docs/phone-network.md](docs/phone-network.md).",
        "",
        "## Figures",
        "",
        report.markdown_table(rows),
        "",
        METHOD,
        "## Limits of this run",
        "",
        *_limits(scales, browser, problems),
        "",
    ]
    path.write_text("\n".join(parts), encoding="utf-8")
