"""The command line: `python -m generator check|build|pages|finish|assess|plan|return`."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from generator.errors import ContentErrors, GeneratorError, printable


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-11-25, got '{text}'") from None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _check(args: argparse.Namespace) -> int:
    """Errors, then writing-standard warnings, all in one pass; warnings fail only with --strict."""
    from generator.content.load import check_content

    report = check_content(args.content, today=args.today)
    for problem in [*report.errors, *report.warnings]:
        print(problem, file=sys.stderr)
    failed = bool(report.errors) or (args.strict and bool(report.warnings))
    counts = [_plural(len(report.errors), "error")] if report.errors or not report.warnings else []
    if report.warnings:
        counts.append(_plural(len(report.warnings), "warning"))
    if failed:
        strict = " (--strict: warnings fail the check)" if args.strict and not report.errors else ""
        print(f"{' and '.join(counts)} in content{strict}", file=sys.stderr)
        return 1
    assert report.guide is not None
    guide = report.guide
    summary = f"content OK: {len(guide.warning_signs.signs)} warning signs, {len(guide.sources.sources)} sources"
    if report.warnings:
        summary += f"; {_plural(len(report.warnings), 'warning')} about the writing (see above)"
    print(summary)
    return 0


def _build(args: argparse.Namespace) -> int:
    from generator.build import PdfsFailed, build_site

    site_dir = printable(args.site_dir)
    try:
        report = build_site(Path(args.config), Path(args.site_dir), today=args.today, engine=args.engine,
                            pages_first=args.pages_first,
                            on_pages=lambda early: print(f"{args.site_dir}/: {early.pages_line}", flush=True))
    except ContentErrors as errors:
        print(errors, file=sys.stderr)
        print(f"build failed: {site_dir}/ left as it was", file=sys.stderr)
        return 1
    except PdfsFailed as error:  # the new pages are in place: the site was not left as it was
        print(printable(f"build failed: {error}"), file=sys.stderr)
        return 1
    except (GeneratorError, OSError) as error:  # every failure is a message, never a traceback
        print(printable(f"build failed: {error}"), file=sys.stderr)
        print(f"{site_dir}/ left as it was", file=sys.stderr)
        return 1
    print(f"built {args.site_dir}/: {report}")
    return 0


def _pages(args: argparse.Namespace) -> int:
    from generator.build import content_dir_of
    from generator.content.load import load_guide
    from generator.site.pages import write_docs, write_engine_config

    config_file = Path(args.config).resolve()
    guide = load_guide(content_dir_of(config_file), today=args.today)
    out = Path(args.out_dir).resolve()
    pages = write_docs(guide, out / "docs")
    config = write_engine_config(config_file, guide, out)
    print(f"wrote {len(pages)} pages to {out / 'docs'}/ and {config}: build them with "
          f"`mkdocs build -f {config}` or `zensical build -f {config}`, "
          f"then `python -m generator finish {out / 'site'}`")
    return 0


def _finish(args: argparse.Namespace) -> int:
    from generator.build import content_dir_of
    from generator.content.load import load_guide
    from generator.pdf.background import PdfJob
    from generator.site.postbuild import finish_site

    job = PdfJob(load_guide(content_dir_of(Path(args.config).resolve()), today=args.today))
    finish_site(Path(args.site_dir), job)
    pdfs = "reused" if job.from_cache else "rendered"
    print(f"finished {args.site_dir}/: runtime, headers, PDFs ({pdfs}), service worker")
    return 0


def _load_rules(content_dir: Path) -> dict:
    from generator.content.load import load_guide
    from generator.content.rules import calculator_rules

    return calculator_rules(load_guide(content_dir))


def make_parser() -> argparse.ArgumentParser:
    from runners_back_calculators.commands import add_commands

    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate content/ and report every problem")
    check.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    check.add_argument("--today", type=_date, default=None, help="check review dates as of this date")
    check.add_argument("--strict", action="store_true", help="fail on writing-standard warnings too (CI)")
    check.set_defaults(func=_check)

    build = commands.add_parser("build", help="build the site and PDFs into site/, atomically")
    build.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration file")
    build.add_argument("--site-dir", default="site", help="output folder (replaced only on success)")
    build.add_argument("--today", type=_date, default=None, help="check review dates as of this date")
    build.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                       help="what builds the pages (default: mkdocs)")
    build.add_argument("--pages-first", action="store_true",
                       help="when the PDFs must be rendered anew, put the new pages in place first")
    build.set_defaults(func=_build)

    pages = commands.add_parser("pages", help="write the pages and an engine config into OUT_DIR (step 1)")
    pages.add_argument("out_dir", metavar="OUT_DIR", help="gets docs/ and mkdocs.yml (site/ is built there)")
    pages.add_argument("--config", default="mkdocs.yml", help="the project's MkDocs configuration file")
    pages.add_argument("--today", type=_date, default=None, help="check review dates as of this date")
    pages.set_defaults(func=_pages)

    finish = commands.add_parser("finish", help="add runtime, headers, PDFs and service worker to built pages (step 3)")
    finish.add_argument("site_dir", metavar="SITE_DIR", help="the folder the engine built")
    finish.add_argument("--config", default="mkdocs.yml", help="the project's MkDocs configuration file")
    finish.add_argument("--today", type=_date, default=None, help="check review dates as of this date")
    finish.set_defaults(func=_finish)

    add_commands(commands, _load_rules)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentErrors as errors:  # pages, finish, assess, plan and return: content that does not load
        print(errors, file=sys.stderr)
        return 1
