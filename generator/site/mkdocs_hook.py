"""The thin MkDocs hook, for `mkdocs serve`: content/ -> generated pages, the writer's preview.

All the work is in the generator's core; this file only translates MkDocs events. Because
content/ is the docs_dir, `mkdocs serve` rebuilds (and reloads the browser) on every YAML save.
While serving, broken content does not stop the server: every page shows the problems, and
the page reloads once they are fixed. (`generator build` runs MkDocs or Zensical on pages
generated beforehand and does not use this hook; a plain `mkdocs build` still works with it.)
"""

from __future__ import annotations

import datetime
import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from watchdog.observers.polling import PollingObserver

from generator.content.load import load_guide
from generator.errors import ContentErrors, GeneratorError
from generator.site import preview
from generator.site.page_cache import PageCache
from generator.site.pages import site_pages
from generator.site.render import navigation
from generator.site.security import CONTENT_SECURITY_POLICY

log = logging.getLogger("mkdocs.plugins.guide")

OFFLINE_SCRIPT = "assets/javascripts/offline.js"

WATCH_INTERVAL = 0.1
"""Seconds between looks at content/ while serving."""
TEMPLATE_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "templates"

_state: dict[str, Any] = {"page_urls": []}
_pages = PageCache()
"""While serving: the previous build's HTML of each page, reused when its Markdown is unchanged."""


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
    config.extra["content_security_policy"] = CONTENT_SECURITY_POLICY
    _state["errors"] = None
    try:
        guide = load_guide(Path(config.docs_dir), today=datetime.date.today())
    except ContentErrors as errors:
        if not _state.get("serving"):
            raise PluginError(f"the guide's content has errors:\n{errors}") from None
        # Not through MkDocs' logger: in strict mode a logged error would abort the build.
        print(f"The guide's content has errors (the preview shows them too):\n{errors}", file=sys.stderr)
        _state["errors"] = errors
        config.nav = []
        return config
    _state["guide"] = guide
    config.nav = navigation(guide)
    if _state.get("serving"):  # a cache-first worker would show writers stale pages
        config.extra_javascript = [script for script in config.extra_javascript if str(script) != OFFLINE_SCRIPT]
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:  # noqa: ARG001
    """Keep the theme's compiled templates between builds: compiling them took most of a rebuild."""
    TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(TEMPLATE_CACHE))
    return env


def _drop_content_folder_files(files: Files, config: MkDocsConfig) -> None:
    """content/ is the docs_dir only so that `mkdocs serve` watches it: nothing in it is published
    as it is (a backup `causes.yaml~`, `notes.txt`); only what the model renders is."""
    docs_dir = Path(config.docs_dir).resolve()
    for file in list(files):
        if file.generated_by is None and file.src_dir and Path(file.src_dir).resolve() == docs_dir:
            files.remove(file)


@_reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _drop_content_folder_files(files, config)
    if _state["errors"] is not None:
        return files
    guide = _state["guide"]
    pages = site_pages(guide)
    for name, text in pages.items():
        files.append(File.generated(config, name, content=text))
    _state["page_urls"] = [files.get_file_from_path(name).url for name in pages]
    if not _state.get("serving"):
        from generator.pdf.background import PdfJob

        _state["pdfs"] = PdfJob(guide)  # renders while MkDocs builds the pages
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if _state.get("serving"):
        _pages.start_build(config, files)
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:  # noqa: ARG001 - MkDocs' signature
    if _state.get("serving"):
        _pages.attach(page)
    return page


def on_build_error(error: Exception) -> None:  # noqa: ARG001 - MkDocs' signature
    job = _state.pop("pdfs", None)
    if job is not None:
        job.cancel()


@_reported
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    if _state["errors"] is not None:
        docs_dir = Path(config.docs_dir)
        known = _state["page_urls"] or [f"{path.stem}/" for path in docs_dir.glob("*.yaml")]
        urls = [url for url in known if url and not url.endswith(".html")]
        preview.write_error_pages(site_dir, _state["errors"], docs_dir, urls,
                                  base=_mount_path(config))
        return
    from generator.site.postbuild import finish_site

    if _state.get("serving"):
        preview.write_preview_assets(site_dir)
        preview.write_print_preview(site_dir, _state["guide"])
        finish_site(site_dir, pdfs=None, offline=False)
        return
    finish_site(site_dir, pdfs=_state.pop("pdfs"))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:  # noqa: ARG001
    """Reload pages with a script file instead of MkDocs' inline script (the policy blocks it)."""
    mount_path = server.mount_path
    # MkDocs polls for changes every 0.5 s; a writer's save is seen sooner at 0.1 s (ten small files).
    watched = [path for path in (config.docs_dir, config.config_file_path) if path]
    for path in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=WATCH_INTERVAL)
    for path in watched:
        server.watch(path)
    # MkDocs 1.6 (pinned) injects its reload script in this one method, per HTML response.
    server._inject_js_into_html = lambda page, build: preview.inject_reload(page, mount_path, build)  # noqa: SLF001
    log.info(f"The print layout, as the PDFs will have it: {server.url}{preview.PRINT_PAGE}")
    return server


def _mount_path(config: MkDocsConfig) -> str:
    return urlsplit(config.site_url or "/").path or "/"
