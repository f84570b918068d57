"""Turn the measurements into rows (figure, value, baseline, ratio, target, met?) and tables."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.build import BuildRun, ScaleResult
from benchmarks.lighthouse import LighthouseResults
from benchmarks.network import FIRST_SECONDS, NetworkResults
from benchmarks.preview import TARGET_SECONDS as PREVIEW_TARGET_SECONDS
from benchmarks.preview import PreviewResult
from benchmarks.stats import growth_exponent, median, millis, ratio, seconds, size, spread, times
from benchmarks.widget import NO_WIDGET_URL, PAGE, SERVICE_WORKER, BrowserResults, BytesPhase, Visit

MET, NOT_MET, NO_TARGET, NOT_MEASURED = "met", "NOT met", "", "not measured"

LINEAR_SLACK = 1.1
"""A fitted growth exponent up to this counts as linear (noise, and fixed costs shrinking)."""

ANSWER_TARGET_MS = 1000.0
ANSWER_TARGET_RATIO = 0.3
LONG_TASK_TARGET_MS = 200.0
BUILD_TARGET_RATIO = 2.0


@dataclass
class Row:
    section: str
    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = NO_TARGET
    spread: str = ""
    summary: str = ""
    """How the targets list names the figure, when its table label needs the rows above it."""


def _verdict(ok: bool | None) -> str:
    if ok is None:
        return NOT_MEASURED
    return MET if ok else NOT_MET


def _range(values: list[float | None], unit: str) -> str:
    bounds = spread(values)
    present = [value for value in values if value is not None]
    if bounds is None:
        return ""
    if len(present) == 1:
        return "1 run"
    low, high = bounds
    text = f"{low:,.0f}-{high:,.0f} ms" if unit == "ms" else f"{low:.1f}-{high:.1f} s"
    return f"{text}, {len(present)} runs"


# ------------------------------------------------------------------------------------- build


def _seconds(runs: list[BuildRun]) -> float | None:
    return median(run.seconds for run in runs)


def _added_cost(small: ScaleResult, large: ScaleResult, pick: str) -> float | None:
    """Milliseconds each item added between two scales costs, for one kind of build."""
    low, high = _seconds(getattr(small, pick)), _seconds(getattr(large, pick))
    if low is None or high is None or large.items == small.items:
        return None
    return (high - low) / (large.items - small.items) * 1000


def build_rows(scales: list[ScaleResult]) -> list[Row]:
    rows: list[Row] = []
    section = "1. Build"
    for scale in scales:
        plain = _seconds(scale.plain)
        baseline = f"plain mkdocs {seconds(plain)}"
        label = f"{scale.factor}x content ({scale.items:,} items)"
        for runs, what in ((scale.whole, "whole build, PDFs rendered (as after an edit)"),
                           (scale.rebuild, "rebuild, nothing changed (PDFs reused)"),
                           (scale.word, "one-word change, `make site` until the pages are in place")):
            if not runs:
                continue
            value = _seconds(runs)
            share = ratio(value, plain)
            target = verdict = ""
            if scale.factor == 1:
                target = f"<= {BUILD_TARGET_RATIO:g}x plain"
                verdict = _verdict(None if share is None else share <= BUILD_TARGET_RATIO)
            rows.append(Row(section, f"{label}: {what}", seconds(value), baseline, times(share),
                            target, verdict, _range([run.seconds for run in runs], "s")))
        if scale.bare:
            bare = _seconds(scale.bare)
            rows.append(Row(section, f"{label}: whole build without the PDFs", seconds(bare),
                            baseline, times(ratio(bare, plain)), "", "",
                            _range([run.seconds for run in scale.bare], "s")))
        if scale.plain:
            rows.append(Row(section, f"{label}: plain mkdocs build (the baseline)", seconds(plain),
                            "", "", "", "", _range([run.seconds for run in scale.plain], "s")))
        thousands = scale.items / 1000
        per_item = [
            f"whole {millis(ratio(_seconds(scale.whole), thousands))}" if scale.whole else "",
            f"without PDFs {millis(ratio(_seconds(scale.bare), thousands))}" if scale.bare else "",
        ]
        rows.append(Row(section, f"{scale.factor}x: build time per item",
                        ", ".join(part for part in per_item if part),
                        f"plain {millis(ratio(plain, scale.items / 1000))}"))
        for problem in scale.problems:
            rows.append(Row(section, f"{scale.factor}x: not measured", problem.splitlines()[0][:90],
                            verdict=NOT_MEASURED))

    # Growth with content: the exponent k of time ~ items**k between two scales, and the time
    # each added item costs. Fixed costs (Python's start, copying the theme and the runtime)
    # make k < 1 at small scales even for quadratic code, so with three scales the verdict is
    # whether an added item costs more at the larger step than at the smaller one.
    def growth(label: str, pick: str, judged: bool) -> None:
        usable = [scale for scale in scales if getattr(scale, pick)]
        steps = []
        for small, large in zip(usable, usable[1:], strict=False):
            sizes = [small.items, large.items]
            k = growth_exponent(sizes, [_seconds(getattr(small, pick)) or 0,
                                        _seconds(getattr(large, pick)) or 0])
            plain_k = growth_exponent(
                sizes, [_seconds(small.plain) or 0, _seconds(large.plain) or 0])
            added = _added_cost(small, large, pick)
            steps.append((added, _added_cost(small, large, "plain")))
            two_scales = len(usable) == 2
            rows.append(Row(
                section, f"growth {small.factor}x -> {large.factor}x: {label}",
                ("n/a" if k is None else f"k = {k:.2f}") + f", {millis(added)} per added item",
                "" if plain_k is None or pick == "plain" else f"plain mkdocs k = {plain_k:.2f}",
                "", "linear (k <= 1)" if judged and two_scales else "",
                _verdict(None if k is None else k <= LINEAR_SLACK) if judged and two_scales else "",
            ))
        if judged and len(steps) >= 2:
            (first, plain_first), (last, plain_last) = steps[0], steps[-1]
            change = ratio(last, first)
            rows.append(Row(
                section, f"growth {usable[0].factor}x -> {usable[-1].factor}x: {label}, "
                "cost of an added item, last step / first",
                f"{millis(first)} -> {millis(last)}",
                f"plain mkdocs {millis(plain_first)} -> {millis(plain_last)}", times(change),
                "linear (<= 1x)", _verdict(None if change is None else change <= LINEAR_SLACK),
            ))

    growth("whole build", "whole", True)
    growth("whole build without PDFs", "bare", True)
    growth("plain mkdocs build", "plain", False)
    return rows


def pdf_rows(scales: list[ScaleResult]) -> list[Row]:
    rows: list[Row] = []
    for scale in scales:
        if not scale.pdf:
            continue
        pdf = _seconds(scale.pdf)
        pages = median(run.pdf_pages for run in scale.pdf)
        per_page = None if pdf is None or not pages else pdf / pages * 1000
        whole = _seconds(scale.whole)
        rows.append(Row(
            "5. PDF",
            f"{scale.factor}x: render time per page ({pages or 0:.0f} pages, A4 + US Letter)",
            millis(per_page), "", "", "", "", _range([run.seconds for run in scale.pdf], "s"),
        ))
        rows.append(Row(
            "5. PDF", f"{scale.factor}x: both PDFs, one after the other in one process",
            seconds(pdf),
            f"whole build {seconds(whole)}", times(ratio(pdf, whole)),
        ))
    return rows


# ------------------------------------------------------------------------------------- browser


def _marks(visits: list[Visit], name: str) -> list[float | None]:
    return [visit.mark(name) for visit in visits]


def widget_rows(results: BrowserResults) -> list[Row]:
    start = results.start
    section = "2. Widget start"
    rows: list[Row] = []
    for temperature in ("cold", "warm"):
        widget: list[Visit] = getattr(start, f"widget_{temperature}")
        baseline: list[Visit] = getattr(start, f"baseline_{temperature}")
        if not widget:
            continue
        base = median(_marks(baseline, "answered"))
        visible = median(_marks(widget, "answer_visible"))
        answered = median(_marks(widget, "answered"))
        ready = median(_marks(widget, "runtime_ready"))
        rows.append(Row(
            section, f"{temperature}: pre-rendered answer visible", millis(visible),
            f"bare Pyodide {millis(base)}", times(ratio(visible, base)), "", "",
            _range(_marks(widget, "answer_visible"), "ms"),
        ))
        target = verdict = ""
        if temperature == "cold":
            target = f"<= ~{ANSWER_TARGET_MS / 1000:g} s and <= {ANSWER_TARGET_RATIO:g}x"
            share = ratio(answered, base)
            verdict = _verdict(None if answered is None or share is None else
                               answered <= ANSWER_TARGET_MS and share <= ANSWER_TARGET_RATIO)
        rows.append(Row(
            section, f"{temperature}: widget answers a changed input (from Python)",
            millis(answered),
            f"bare Pyodide {millis(base)}", times(ratio(answered, base)), target, verdict,
            _range(_marks(widget, "answered"), "ms"),
        ))
        rows.append(Row(
            section, f"{temperature}: of which the runtime reported ready at", millis(ready),
            "", "",
            "", "", _range(_marks(widget, "runtime_ready"), "ms"),
        ))
        rows.append(Row(
            section, f"{temperature}: baseline, bare loadPyodide() + runPython('1+1') shown",
            millis(base), "", "", "", "", _range(_marks(baseline, "answered"), "ms"),
        ))
    return rows


def main_thread_rows(results: BrowserResults) -> list[Row]:
    rows: list[Row] = []
    start = results.start
    for temperature in ("cold", "warm"):
        widget: list[Visit] = getattr(start, f"widget_{temperature}")
        baseline: list[Visit] = getattr(start, f"baseline_{temperature}")
        done = [visit for visit in widget if visit.mark("answered") is not None]
        if not done:
            continue
        # No long task at all means every task was under 50 ms (the Long Tasks API's threshold).
        longest = [visit.longest_task or 0.0 for visit in done]
        base = [visit.longest_task or 0.0 for visit in baseline
                if visit.mark("answered") is not None]
        value = median(longest)
        base_value = median(base)
        shown_ratio = times(ratio(value, base_value)) if base_value and base_value >= 50 else "n/a"
        rows.append(Row(
            "4. Main thread", f"{temperature}: longest task, navigation to widget answered",
            _task(value), f"bare Pyodide page {_task(base_value)}", shown_ratio,
            f"<= {LONG_TASK_TARGET_MS:.0f} ms",
            _verdict(value is not None and value <= LONG_TASK_TARGET_MS),
            f"worst {_task(max(longest))}, {len(longest)} run{'s' if len(longest) > 1 else ''}",
        ))
    return rows


def _task(value: float | None) -> str:
    if value is None:
        return "n/a"
    return "< 50 ms" if value < 50 else millis(value)


def bytes_rows(results: BrowserResults) -> list[Row]:
    phases = {phase.name: phase for phase in results.bytes}
    if not phases:
        return []
    section = "3. Bytes"
    base = phases.get("no_widget")
    rows: list[Row] = []
    labels = {
        "no_widget": "page without a widget (/causes/), loaded, network idle",
        "widget_before": "widget page (/mileage-planner/) loaded, network idle, no interaction",
        "widget_ready": "widget page after the widget answered",
    }
    for name, label in labels.items():
        phase: BytesPhase | None = phases.get(name)
        if phase is None:
            continue
        rows.append(Row(
            section, label, f"{size(phase.total)} ({phase.requests} requests)",
            "" if name == "no_widget" or base is None else f"no-widget page {size(base.total)}",
            "" if name == "no_widget" or base is None else times(ratio(phase.total, base.total)),
            "", "", f"gzip: {size(phase.gzip_total)}",
        ))
        worker = phase.by(SERVICE_WORKER)
        if worker:
            rows.append(Row(
                section, "  of which the service worker's offline precache", size(worker),
                "", "", "", "", f"page itself: {size(phase.by(PAGE))}",
            ))
        target = "0 B on a page without a widget" if name == "no_widget" else ""
        who = ""
        if phase.runtime:
            who = (f"page {size(phase.by(PAGE, runtime_only=True))}, "
                   f"service worker {size(phase.by(SERVICE_WORKER, runtime_only=True))}")
        rows.append(Row(
            section, "  of which the calculators' runtime (Pyodide, its worker, wheel)",
            size(phase.runtime), "", "", target,
            _verdict(phase.runtime == 0) if name == "no_widget" else "", who,
            summary=f"runtime bytes on a page without a widget ({NO_WIDGET_URL})",
        ))
    return rows


def preview_rows(result: PreviewResult) -> list[Row]:
    """Figure 6: the writer's preview, save to reloaded page (no baseline: the target is absolute)."""
    value = result.median
    ok = None if value is None else value <= PREVIEW_TARGET_SECONDS
    return [Row(
        "6. Preview", "`make serve`: save a YAML file to the reloaded page in Chromium",
        seconds(value), "", "", f"<= {PREVIEW_TARGET_SECONDS:.1f} s", _verdict(ok),
        _range(list(result.times), "s"),
    )]


def all_rows(scales: list[ScaleResult], browser: BrowserResults | None,
             preview: PreviewResult | None = None,
             network: NetworkResults | None = None,
             lighthouse: LighthouseResults | None = None) -> list[Row]:
    rows = build_rows(scales) if scales else []
    if browser is not None:
        rows += widget_rows(browser) + bytes_rows(browser) + main_thread_rows(browser)
    rows += pdf_rows(scales)
    if preview is not None:
        rows += preview_rows(preview)
    if network is not None:
        rows += network_rows(network, browser)
    if lighthouse is not None:
        rows += lighthouse_rows(lighthouse)
    return rows


# ------------------------------------------------------------------------------------- tables

COLUMNS = ("Figure", "Value (median)", "Baseline (same run)", "Ratio", "Target", "Met?", "Spread")


def _cells(row: Row) -> tuple[str, ...]:
    return (row.figure, row.value, row.baseline, row.ratio, row.target, row.verdict, row.spread)


def text_table(rows: list[Row]) -> str:
    """A plain-text table for the terminal, one block per section."""
    widths = [len(column) for column in COLUMNS]
    for row in rows:
        for index, cell in enumerate(_cells(row)):
            widths[index] = max(widths[index], len(cell))
    line = "  ".join(column.ljust(width) for column, width in zip(COLUMNS, widths, strict=True))
    out = [line, "-" * len(line)]
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            out.append(f"[{section}]")
        cells = zip(_cells(row), widths, strict=True)
        out.append("  ".join(cell.ljust(width) for cell, width in cells).rstrip())
    return "\n".join(out)


def markdown_table(rows: list[Row]) -> str:
    out: list[str] = []
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            out += ["", f"### {section}", "", "| " + " | ".join(COLUMNS) + " |",
                    "|" + "|".join("---" for _ in COLUMNS) + "|"]
        cells = [cell.replace("|", "\\|") for cell in _cells(row)]
        if cells[5] == NOT_MET:
            cells[5] = f"**{NOT_MET}**"
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out).lstrip("\n")


def targets_summary(rows: list[Row]) -> list[str]:
    """One line per figure that has a target: met or not, with its value."""
    lines = []
    for row in rows:
        if row.verdict not in (MET, NOT_MET, NOT_MEASURED) or not row.target:
            continue
        verdict = row.verdict.upper() if row.verdict == NOT_MET else row.verdict
        line = f"- {verdict}: {row.section[3:]}, {row.summary or row.figure.strip()}: {row.value}"
        if row.ratio and row.ratio != "n/a" and row.baseline:
            line += f" = {row.ratio} {row.baseline}"
        details = [f"target {row.target}"] + ([row.spread] if row.spread else [])
        lines.append(line + f" ({'; '.join(details)})")
    return lines


# ------------------------------------------------------------------------------------- 4G

NETWORK_ANSWER_MS = 5000.0
NETWORK_ANSWER_RATIO = 0.4
NETWORK_REPEAT_MS = 1000.0
NETWORK_CALCULATOR_BYTES = 5_000_000
NETWORK_PLAIN_BYTES = 600_000
NETWORK_SECTION = "7. 4G (9 Mbit/s, 170 ms, served compressed)"


def network_rows(results: NetworkResults, localhost: BrowserResults | None = None) -> list[Row]:
    """Figure 6: the live answers on a throttled network, and the bytes of a first visit."""
    section = NETWORK_SECTION
    rows: list[Row] = []
    visits = results.visits
    for temperature in ("cold", "repeat"):
        base = median(_marks(visits.get(f"baseline_{temperature}", []), "answered"))
        for name in ("planner", "checker"):
            runs = visits.get(f"{name}_{temperature}", [])
            if not runs:
                continue
            answered = median(_marks(runs, "answered"))
            share = ratio(answered, base)
            if temperature == "cold":
                target = (f"<= {NETWORK_ANSWER_MS / 1000:g} s and "
                          f"<= {NETWORK_ANSWER_RATIO:g}x")
                ok = None if answered is None or share is None else (
                    answered <= NETWORK_ANSWER_MS and share <= NETWORK_ANSWER_RATIO)
            else:
                target = f"<= {NETWORK_REPEAT_MS / 1000:g} s"
                ok = None if answered is None else answered <= NETWORK_REPEAT_MS
            rows.append(Row(
                section, f"{temperature}: the {name}'s live answer to a changed input",
                millis(answered), f"bare Pyodide {millis(base)}", times(share), target,
                _verdict(ok), _range(_marks(runs, "answered"), "ms"),
                summary=f"{temperature}, the {name}'s live answer",
            ))
            ready = median(_marks(runs, "runtime_ready"))
            rows.append(Row(section, f"{temperature}: of which the {name}'s runtime ready at",
                            millis(ready), "", "", "", "",
                            _range(_marks(runs, "runtime_ready"), "ms")))
        rows.append(Row(
            section, f"{temperature}: baseline, bare loadPyodide() + runPython('1+1') shown",
            millis(base), "", "", "", "",
            _range(_marks(visits.get(f"baseline_{temperature}", []), "answered"), "ms")))
    if localhost is not None:
        for temperature, label in (("cold", "cold"), ("warm", "repeat")):
            widget = getattr(localhost.start, f"widget_{temperature}")
            baseline = getattr(localhost.start, f"baseline_{temperature}")
            answered = median(_marks(widget, "answered"))
            base = median(_marks(baseline, "answered"))
            rows.append(Row(
                section, f"beside it, localhost (figure 2), {label}: the planner's live answer",
                millis(answered), f"bare Pyodide {millis(base)}", times(ratio(answered, base)),
                "", "", _range(_marks(widget, "answered"), "ms")))
    for visit in results.bytes:
        calculator = visit.url != "/"
        limit = NETWORK_CALCULATOR_BYTES if calculator else NETWORK_PLAIN_BYTES
        label = (f"bytes in the first {FIRST_SECONDS:g} s, no input: "
                 f"{'calculator page' if calculator else 'page without a calculator'} ({visit.url})")
        rows.append(Row(
            section, label, f"{size(visit.total)} ({len(visit.entries)} requests)", "", "",
            f"<= {size(limit)}", _verdict(visit.total <= limit),
            "compressed, as sent; workers and service worker included"))
        repeated = visit.repeated()
        if calculator:
            rows.append(Row(
                section, "  runtime files sent more than once", str(len(repeated)), "", "",
                "0", _verdict(not repeated), ", ".join(repeated)[:120],
                summary=f"runtime files sent more than once ({visit.url})"))
            for path, sent, count in visit.by_file()[:8]:
                rows.append(Row(section, f"  `{path}`", size(sent),
                                spread=f"{count} request{'s' if count > 1 else ''}"))
    for problem in results.problems[:6]:
        rows.append(Row(section, "not measured", problem[:100], verdict=NOT_MEASURED))
    return rows


LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse_rows(results: LighthouseResults) -> list[Row]:
    """Figure 7: Lighthouse scores per page, against issue 10's targets."""
    section = "8. Lighthouse (mobile defaults, served compressed)"
    if results.missing:
        return [Row(section, "not measured", results.missing, verdict=NOT_MEASURED)]
    rows: list[Row] = []
    for url, scores in results.scores.items():
        for category, target in LIGHTHOUSE_TARGETS.items():
            score = scores.get(category)
            spread = results.spread(url, category)
            runs = f"{spread[0]}-{spread[-1]}, {len(spread)} runs" if len(spread) > 1 else ""
            failing = ", ".join(results.failing.get(url, []))[:120] if category == "performance" else ""
            rows.append(Row(
                section, f"{url}: {category}", "n/a" if score is None else str(score), "", "",
                f">= {target}", _verdict(None if score is None else score >= target),
                "; ".join(part for part in (runs, failing) if part),
                summary=f"{url} {category}"))
    for problem in results.problems:
        rows.append(Row(section, "not measured", problem[:100], verdict=NOT_MEASURED))
    return rows
