"""The thin MkDocs hook: content/ -> generated pages, then the widgets' runtime and the PDFs.

All the work is in the generator's core; this file only translates MkDocs events. Because
content/ is the docs_dir, `mkdocs serve` rebuilds (and reloads the browser) on every YAML save.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.errors import ContentErrors, GeneratorError
from generator.load import load_guide
from generator.model import Guide
from generator.render import html_text, navigation, render_pages
from generator.compress import write_compressed
from generator.offline import write_service_worker
from generator.pdf.background import PdfJob
from generator.rules import calculator_rules
from generator.security import CONTENT_SECURITY_POLICY, write_headers_file

log = logging.getLogger("mkdocs.plugins.guide")

OFFLINE_SCRIPT = "assets/javascripts/offline.js"
TODAY_KEY = "review_today"
"""`config.extra[TODAY_KEY]`: the date review dates are checked against (set by `generator build`)."""
GUIDE_KEY = "validated_guide"
"""`config.extra[GUIDE_KEY]`: content `generator build` has already loaded, so it is not loaded twice."""

_state: dict[str, Any] = {}


def _reported(event: Callable[..., Any]) -> Callable[..., Any]:
    """A generator error in a hook event becomes MkDocs' PluginError: a message, not a traceback."""

    @functools.wraps(event)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except (GeneratorError, OSError) as error:
            raise PluginError(str(error)) from error

    return run


def on_startup(command: str, dirty: bool) -> None:  # noqa: ARG001 - MkDocs' signature
    _state["serving"] = command == "serve"


@_reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    today = config.extra.get(TODAY_KEY) or datetime.date.today()
    guide = config.extra.pop(GUIDE_KEY, None)
    try:
        guide = guide or load_guide(Path(config.docs_dir), today=today)
    except ContentErrors as errors:
        raise PluginError(f"the guide's content has errors:\n{errors}") from None
    _state["guide"] = guide
    config.nav = navigation(guide)
    config.extra["content_security_policy"] = CONTENT_SECURITY_POLICY
    if _state.get("serving"):  # a cache-first worker would show writers stale pages
        config.extra_javascript = [script for script in config.extra_javascript if str(script) != OFFLINE_SCRIPT]
    return config


def _drop_content_folder_files(files: Files, config: MkDocsConfig) -> None:
    """content/ is the docs_dir only so that `mkdocs serve` watches it: nothing in it is published
    as it is (a backup `causes.yaml~`, `notes.txt`); only what the model renders is."""
    docs_dir = Path(config.docs_dir).resolve()
    for file in list(files):
        if file.generated_by is None and file.src_dir and Path(file.src_dir).resolve() == docs_dir:
            files.remove(file)


@_reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from generator import pdf, widgets

    _drop_content_folder_files(files, config)
    guide: Guide = _state["guide"]
    rules = calculator_rules(guide)
    makers = {
        "mileage-planner": lambda: widgets.render_planner(rules),
        "symptom-checker": lambda: widgets.render_checker(rules),
    }
    pages = render_pages(guide, widgets=makers, pdf_files=pdf.PDF_FILES)
    pages.update(widgets.widget_pages(rules))
    for name, text in pages.items():
        files.append(File.generated(config, name, content=text))
    if not _state.get("serving"):
        _state["pdfs"] = PdfJob(guide)  # renders while MkDocs builds the pages
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:  # noqa: ARG001
    """The front matter's text reaches templates that print it raw (<title>, meta description,
    header): make it escaped text before any template sees it."""
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = html_text(page.meta[key])
    return markdown


def on_build_error(error: Exception) -> None:  # noqa: ARG001 - MkDocs' signature
    job = _state.pop("pdfs", None)
    if job is not None:
        job.cancel()


@_reported
def on_post_build(config: MkDocsConfig) -> None:
    from generator.runtime_assets import write_runtime

    site_dir = Path(config.site_dir)
    write_runtime(site_dir)
    write_headers_file(site_dir)
    if _state.get("serving"):
        log.info("PDFs and the offline service worker are built by `make site`, not while serving")
        return
    _state.pop("pdfs").write(site_dir)
    write_service_worker(site_dir)  # its version hashes everything else
    write_compressed(site_dir)  # last: a compressed copy of every text file, sw.js included
