"""Figure 1 (build) and figure 5 (PDF): the whole build against a plain `mkdocs build`.

Each build runs in a fresh Python process, as `make site` and `mkdocs build` do, and is timed by
its wall clock (interpreter start and imports included, for both).

- whole: `generator.build.build_site` into a temporary folder: content check, pages, widget
  runtime, both PDFs, headers file, service worker: whatever the project's hook does. The
  build keeps its PDFs in a cache (.cache/pdf/) and reuses them while the print HTML is
  unchanged; the benchmark points that cache at a folder of its own, so a *whole* build
  renders its PDFs (as after any content change), and a *rebuild* runs right after one and
  reuses them (nothing changed).
- whole without PDFs: the same with the PDF step stubbed out (for the 100x content, whose PDFs
  would take most of an hour, and to see the pages' growth on its own).
- plain: the same generated pages (`generator.site.render.render_pages` with the two widgets, and
  `generator.site.widgets.widget_pages`) written as Markdown into a temporary docs folder, built by
  a plain `mkdocs build` with the project's mkdocs.yml minus the hook (same theme, overrides,
  Markdown extensions and search plugin).
- one-word change: `make site` (`python -m generator build --pages-first`, its own command) on a
  copy of the content in which one word of a page title was just changed (a word never used
  before, so the PDFs must be rendered anew), into a site folder an earlier run built; timed
  from the command's start until it says the new pages are in place (the PDFs follow, and the
  run is stopped there: their figure is the whole build's).
- pdf: `generator.pdf.write_pdfs(guide, folder)` alone (both paper sizes, one after the other,
  in one process; the guide loaded beforehand, untimed), for the time per page.

`python -m benchmarks.build child whole|plain|pdf CONFIG_OR_CONTENT OUT_DIR [--no-pdf]
[--pdf-cache DIR]` is the child process.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
HOOK = ROOT / "generator" / "site" / "mkdocs_hook.py"
OVERRIDES = ROOT / "overrides"

BUILD_TIMEOUT = 900.0
"""A build that takes longer is abandoned and reported as such (the benchmark goes on)."""


# ------------------------------------------------------------------------------------- configs


def _write_config(path: Path, settings: dict[str, Any]) -> Path:
    """A config that inherits the project's mkdocs.yml, with `settings` on top (absolute paths)."""
    lines = [f"INHERIT: {json.dumps(str(MKDOCS_YML))}"]
    lines += [f"{key}: {json.dumps(value)}" for key, value in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def whole_config(content_dir: Path, work: Path) -> Path:
    """The project's configuration with `content_dir` as the docs (where the hook reads YAML)."""
    if content_dir.resolve() == (ROOT / "content").resolve():
        return MKDOCS_YML
    return _write_config(work / "mkdocs-whole.yml", {
        "docs_dir": str(content_dir),
        "hooks": [str(HOOK)],
        "theme": {"custom_dir": str(OVERRIDES)},
    })


def generated_pages(content_dir: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The Markdown pages the whole build renders, by path under the docs, and the navigation."""
    from generator.content.load import load_guide
    from generator.content.rules import calculator_rules
    from generator.pdf import PDF_FILES
    from generator.site import widgets
    from generator.site.render import navigation, render_pages

    guide = load_guide(content_dir)
    rules = calculator_rules(guide)
    makers = {
        widgets.PLANNER: lambda: widgets.render_planner(rules),
        widgets.CHECKER: lambda: widgets.render_checker(rules),
    }
    pages = render_pages(guide, widgets=makers, pdf_files=PDF_FILES)
    pages.update(widgets.widget_pages(rules))
    return pages, navigation(guide)


def plain_config(content_dir: Path, work: Path) -> Path:
    """Write the generated pages into work/docs, and a hook-free config that builds them."""
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for path in content_dir.rglob("*"):  # anything besides the YAML (images...) is served as is
        if path.is_file() and path.suffix not in (".yaml", ".yml"):
            target = docs / path.relative_to(content_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    pages, nav = generated_pages(content_dir)
    for name, text in pages.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return _write_config(work / "mkdocs-plain.yml", {
        "docs_dir": str(docs),
        "hooks": [],
        "nav": nav,
        "strict": False,
        "theme": {"custom_dir": str(OVERRIDES)},
    })


# ------------------------------------------------------------------------------------- the child


class _NoPdfJob:
    """Stands in for generator.pdf.background.PdfJob when the PDFs are left out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def write(self, *args: Any, **kwargs: Any) -> list[Path]:
        return []

    def cancel(self) -> None:
        pass


def _leave_out_pdfs() -> None:
    """Stub out the build's PDF step, wherever the hook takes it from (before the hook loads)."""
    import generator.pdf

    generator.pdf.write_pdfs = lambda *args, **kwargs: []
    try:
        import generator.pdf.background
    except ImportError:
        return
    generator.pdf.background.PdfJob = _NoPdfJob


def _isolate_pdf_cache(directory: Path) -> bool:
    """Make the build keep its PDFs in `directory` instead of the project's .cache/pdf/.

    Returns False when the build has no such cache (then it runs as it is).
    """
    try:
        import generator.pdf.background as background
    except ImportError:
        return False
    job = getattr(background, "PdfJob", None)
    init = getattr(job, "__init__", None)
    defaults = getattr(init, "__defaults__", None)
    default = getattr(background, "CACHE_DIR", None)
    if default is None or not defaults or default not in defaults:
        return False
    background.CACHE_DIR = directory
    init.__defaults__ = tuple(directory if value == default else value for value in defaults)
    return True


def _child(mode: str, source: Path, out_dir: Path, pdf: bool,
           pdf_cache: Path | None = None) -> dict[str, Any]:
    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    if mode == "plain":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(source), site_dir=str(out_dir)))
        return {}
    if mode == "pdf":
        from generator.content.load import load_guide
        from generator.pdf import write_pdfs

        guide = load_guide(source)
        start = time.perf_counter()
        paths = write_pdfs(guide, out_dir)
        return {"seconds": time.perf_counter() - start, "pdf_files": [str(path) for path in paths]}

    from generator.build import build_site

    isolated = False
    if not pdf:
        _leave_out_pdfs()
    elif pdf_cache is not None:
        isolated = _isolate_pdf_cache(pdf_cache)
    build_site(source, out_dir)
    return {"pdf_files": [str(path) for path in sorted(out_dir.glob("*.pdf"))],
            "pdf_cache_isolated": isolated}


# ------------------------------------------------------------------------------------- the parent


@dataclass
class BuildRun:
    seconds: float
    pdf_pages: int | None = None
    pdf_cache_isolated: bool | None = None


@dataclass
class ScaleResult:
    factor: int
    items: int
    whole: list[BuildRun] = field(default_factory=list)
    """Whole builds, rendering the PDFs (an empty PDF cache)."""
    rebuild: list[BuildRun] = field(default_factory=list)
    """Whole builds right after one: the PDFs reused from the cache it filled."""
    bare: list[BuildRun] = field(default_factory=list)
    """Whole builds without the PDFs."""
    plain: list[BuildRun] = field(default_factory=list)
    pdf: list[BuildRun] = field(default_factory=list)
    """write_pdfs alone."""
    word: list[BuildRun] = field(default_factory=list)
    """`make site` after a one-word change, until the pages are in place."""
    problems: list[str] = field(default_factory=list)


def pdf_page_count(paths: list[str]) -> int | None:
    if not paths:
        return None
    from pypdf import PdfReader

    return sum(len(PdfReader(path).pages) for path in paths)


class BuildFailed(RuntimeError):
    pass


def run_build(mode: str, source: Path, out_dir: Path, *, pdf: bool = True, keep: bool = False,
              pdf_cache: Path | None = None, timeout: float = BUILD_TIMEOUT) -> BuildRun:
    """One build in a fresh process, timed by the wall clock; output deleted unless `keep`."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    command = [sys.executable, "-m", "benchmarks.build", "child", mode, str(source), str(out_dir)]
    if not pdf:
        command.append("--no-pdf")
    if pdf_cache is not None:
        command += ["--pdf-cache", str(pdf_cache)]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        shutil.rmtree(out_dir, ignore_errors=True)
        raise BuildFailed(f"{mode} build did not finish within {timeout / 60:.0f} min") from None
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        lines = (done.stderr or done.stdout or "no output").strip().splitlines()
        raise BuildFailed(f"{mode} build failed: {lines[-1][:300]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    run = BuildRun(result.get("seconds", seconds), pdf_page_count(result.get("pdf_files", [])),
                   result.get("pdf_cache_isolated"))
    if not keep:
        shutil.rmtree(out_dir, ignore_errors=True)
    return run


PAGES_IN_PLACE = ", in place; "
"""What `generator build --pages-first` says once the new pages are in place (BuildReport.pages_line)."""
WORD_PAGE = "causes.yaml"
_word_runs = itertools.count(1)
_BENCH_WORD = re.compile(r" edit\d+x[0-9a-f]{6}$")


def change_one_word(content_dir: Path) -> str:
    """Put a word never used before at the end of the first page title in WORD_PAGE; returns it."""
    path = content_dir / WORD_PAGE
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(index for index, line in enumerate(lines) if line.lstrip().startswith("title: "))
    word = f"edit{next(_word_runs)}x{uuid.uuid4().hex[:6]}"
    title = _BENCH_WORD.sub("", lines[at].rstrip())  # the last run's word is replaced, not added to
    lines[at] = f"{title} {word}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return word


def run_word_build(config: Path, content_dir: Path, site_dir: Path,
                   timeout: float = BUILD_TIMEOUT) -> BuildRun:
    """`make site` after a one-word change: seconds until the command says the pages are in place.

    The command then renders the PDFs; it is stopped there, with the workers it started.
    """
    change_one_word(content_dir)
    command = [sys.executable, "-m", "generator", "build", "--pages-first",
               "--config", str(config), "--site-dir", str(site_dir)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        assert process.stdout is not None
        said = []
        for line in process.stdout:
            said.append(line)
            if PAGES_IN_PLACE in line:
                return BuildRun(time.perf_counter() - start)
            if time.perf_counter() - start > timeout:
                break
        raise BuildFailed(f"make site never said its pages were in place: {''.join(said)[-300:]}"
                          f"{process.stderr.read()[-300:] if process.stderr else ''}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=60)


# ------------------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class ScalePlan:
    factor: int
    whole_runs: int
    bare_runs: int
    plain_runs: int
    pdf_runs: int
    rebuild_runs: int = 0
    word_runs: int = 0


DEFAULT_PLAN = (
    ScalePlan(1, whole_runs=5, bare_runs=3, plain_runs=5, pdf_runs=2, rebuild_runs=3, word_runs=3),
    ScalePlan(10, whole_runs=1, bare_runs=1, plain_runs=3, pdf_runs=0, rebuild_runs=1),
    ScalePlan(100, whole_runs=0, bare_runs=1, plain_runs=1, pdf_runs=0),
)
"""What fits in about 15 minutes on a 2-core machine. At 10x the PDFs alone take minutes, so
the 10x whole build runs once; at 100x (thousands of PDF pages per paper size) they would take
most of an hour, so the 100x build is timed without them."""


def run_scale(plan: ScalePlan, work: Path, log: Any = print, keep_site: Path | None = None
              ) -> ScaleResult:
    """Time the builds of the content scaled `plan.factor` times.

    Runs of the different kinds alternate, so that a noisy neighbour hurts them alike. With
    `keep_site`, the last whole build's site is left there (for the browser figures).
    """
    from benchmarks.synthetic import item_count, read_content, write_scaled_content

    work.mkdir(parents=True, exist_ok=True)
    content = ROOT / "content"
    if plan.factor != 1:
        content = write_scaled_content(content, work / "content", plan.factor)
    result = ScaleResult(plan.factor, item_count(read_content(content)))
    whole_cfg = whole_config(content, work)
    plain_cfg = plain_config(content, work)
    pdf_cache = work / "pdf-cache"
    word_content = work / "word-content"
    if plan.word_runs:  # a copy to edit, and a site an earlier `make site` built
        shutil.copytree(content, word_content, dirs_exist_ok=True)
        word_cfg = _write_config(work / "mkdocs-word.yml", {
            "docs_dir": str(word_content), "theme": {"custom_dir": str(OVERRIDES)}})
        try:
            run_word_build(word_cfg, word_content, work / "word-site")
        except BuildFailed as error:
            result.problems.append(f"{plan.factor}x one-word change: {error}")
    kinds = (
        ("whole", plan.whole_runs, result.whole),
        ("rebuild", min(plan.rebuild_runs, plan.whole_runs), result.rebuild),
        ("bare", plan.bare_runs, result.bare),
        ("plain", plan.plain_runs, result.plain),
        ("pdf", plan.pdf_runs, result.pdf),
        ("word", plan.word_runs, result.word),
    )
    labels = {"whole": "whole build", "rebuild": "rebuild, PDFs reused",
              "bare": "whole build without PDFs",
              "plain": "plain mkdocs build", "pdf": "PDFs alone (write_pdfs)",
              "word": "one-word change, make site until the pages are in place"}
    failed: set[str] = set()
    for number in range(max(runs for _, runs, _ in kinds)):
        for kind, runs, runs_list in kinds:
            if number >= runs or kind in failed:
                continue
            try:
                if kind == "whole":  # an empty PDF cache: the PDFs are rendered
                    keep = keep_site is not None and number == runs - 1
                    shutil.rmtree(pdf_cache, ignore_errors=True)
                    run = run_build("whole", whole_cfg, keep_site if keep else work / "site",
                                    keep=keep, pdf_cache=pdf_cache)
                elif kind == "rebuild":  # right after a whole build: its PDFs are reused
                    run = run_build("whole", whole_cfg, work / "site", pdf_cache=pdf_cache)
                elif kind == "bare":
                    run = run_build("whole", whole_cfg, work / "site", pdf=False)
                elif kind == "plain":
                    run = run_build("plain", plain_cfg, work / "site")
                elif kind == "word":
                    run = run_word_build(word_cfg, word_content, work / "word-site")
                else:
                    run = run_build("pdf", content, work / "pdf")
            except BuildFailed as error:
                failed.add(kind)
                result.problems.append(f"{plan.factor}x {labels[kind]}: {error}")
                log(f"  {plan.factor}x {labels[kind]}: {error}")
                if kind == "whole" and keep_site is not None:
                    raise
                continue
            runs_list.append(run)
            pages = f", {run.pdf_pages} PDF pages" if run.pdf_pages else ""
            log(f"  {plan.factor}x {labels[kind]} {number + 1}/{runs}: {run.seconds:.1f} s{pages}")
    for folder in ("docs", "content", "pdf-cache", "word-content", "word-site"):
        shutil.rmtree(work / folder, ignore_errors=True)
    for leftover in work.glob(".word-site-*"):  # the PDFs a stopped `make site` was rendering
        shutil.rmtree(leftover, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build")
    commands = parser.add_subparsers(dest="command", required=True)
    child = commands.add_parser("child", help="one timed build (used by the benchmark)")
    child.add_argument("mode", choices=("whole", "plain", "pdf"))
    child.add_argument("source", type=Path,
                       help="the MkDocs config (whole, plain) or the content folder (pdf)")
    child.add_argument("out_dir", type=Path)
    child.add_argument("--no-pdf", action="store_true")
    child.add_argument("--pdf-cache", type=Path, default=None,
                       help="keep the build's PDF cache here, not in the project's .cache/pdf/")
    args = parser.parse_args(argv)
    result = _child(args.mode, args.source, args.out_dir, pdf=not args.no_pdf,
                    pdf_cache=args.pdf_cache)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
