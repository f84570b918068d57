"""While serving, a page whose Markdown did not change is not converted to HTML again.

A writer's save changes one content file, so usually one or two pages' Markdown, yet MkDocs
converts every page on every rebuild (the largest part of it). A page's HTML depends only on
its Markdown, its own address, every file's address (links are checked and rewritten against
them) and the Markdown settings; while all of those are the same, the HTML is the same, so the
previous build's is reused. A conversion that logged anything (a broken link) is never kept, so
its warning comes back, and counts in strict mode, on every build.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

_MKDOCS_LOG = logging.getLogger("mkdocs")


@dataclass(frozen=True)
class _Converted:
    content: str
    toc: TableOfContents
    title: str | None
    present_anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    """By the linked file's src_uri: File objects are new on every build."""


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:  # noqa: ARG002 - only counted
        self.count += 1


class PageCache:
    """The HTML of the previous build's pages, by everything that makes it."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, ...], _Converted] = {}
        self._current: dict[tuple[str, ...], _Converted] = {}
        self._build = ""
        self.reused = 0

    def start_build(self, config: MkDocsConfig, files: Files) -> None:
        """A new build: what the last one converted may be reused, and nothing older."""
        if self._current:
            self._previous, self._current = self._current, {}
        settings = (config.markdown_extensions, config.mdx_configs, config.use_directory_urls,
                    config.validation, sorted((file.src_uri, file.url) for file in files))
        self._build = hashlib.sha256(repr(settings).encode()).hexdigest()
        self.reused = 0

    def attach(self, page: Page) -> None:
        """Make `page.render` reuse the previous build's HTML when nothing it depends on changed."""
        convert = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            assert page.markdown is not None
            key = (self._build, page.file.src_uri, page.file.url, page.markdown)
            kept = self._previous.get(key) or self._current.get(key)
            if kept is not None:
                _restore(page, kept, files)
                self._current[key] = kept
                self.reused += 1
                return
            counter = _Counter()
            _MKDOCS_LOG.addHandler(counter)
            try:
                convert(config, files)
            finally:
                _MKDOCS_LOG.removeHandler(counter)
            if counter.count == 0:
                self._current[key] = _kept(page)

        page.render = render  # type: ignore[method-assign]


def _kept(page: Page) -> _Converted:
    links = page.links_to_anchors
    return _Converted(
        page.content or "", page.toc, getattr(page, "_title_from_render", None),
        None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
        None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
    )


def _restore(page: Page, kept: _Converted, files: Files) -> None:
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title  # noqa: SLF001 - what Page.render sets (MkDocs 1.6, pinned)
    page.present_anchor_ids = None if kept.present_anchor_ids is None else set(kept.present_anchor_ids)
    links: Any = None
    if kept.links_to_anchors is not None:
        links = {files.get_file_from_path(uri): dict(anchors) for uri, anchors in kept.links_to_anchors.items()}
    page.links_to_anchors = links
