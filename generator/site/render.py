"""Render the Guide into Markdown pages for MkDocs, one Jinja2 template per page.

Text from YAML is escaped twice over: HTML characters become entities and Markdown's
punctuation is backslash-escaped, so a writer's text always shows as typed, never as markup.
The front matter's title and description and the navigation's titles reach Material's
templates, which print them raw: they become `html_text` (see mkdocs_hook.on_page_markdown).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.content.model import GENERATED_PAGES, Cause, Guide, Page, heading, walk
from generator.draw import figure_html
from runners_back_calculators.formatting import dose_sentence, long_date

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_LIST_MARKER = re.compile(r"^(\d*)([-.)])")

PAGE_FILES = {"home": "index.md"}
"""Where a page id's Markdown goes, when not `<id>.md`."""


def markdown_text(value: Any) -> Markup:
    """Text shown literally in Markdown: whitespace folded, HTML and Markdown syntax escaped."""
    text = " ".join(str(value).split())
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    text = _LIST_MARKER.sub(r"\1\\\2", text)
    return Markup(escape(text))


def html_text(value: Any) -> Markup:
    """Text for a template that prints values raw (MkDocs' and Material's do): escaped here, once,
    and marked safe, so a template's own `| e` does not escape it a second time."""
    return escape(str(value))


def page_file(page_id: str) -> str:
    return PAGE_FILES.get(page_id, f"{page_id}.md")


@dataclass(frozen=True)
class Links:
    """Where every page, item and source of the guide lives, for links in both directions."""

    page_of: dict[str, str]
    """Anchored id -> the Markdown file it is on."""
    causes_helped: dict[str, list[Cause]]
    """Remedy id -> the causes that name it."""
    title_of: dict[str, str]
    """Anchored id -> its heading."""

    @classmethod
    def of(cls, guide: Guide) -> Links:
        page_of = {page_id: page_file(page_id) for page_id in GENERATED_PAGES}
        title_of = dict(GENERATED_PAGES)
        for chapter, item in guide.anchors():
            page_of[item.id] = page_file(chapter.page.id)
            title_of[item.id] = heading(item)
        helped: dict[str, list[Cause]] = {}
        for cause in guide.causes.causes:
            for remedy in cause.remedies:
                helped.setdefault(remedy, []).append(cause)
        return cls(page_of, helped, title_of)

    def href(self, target: str, from_file: str) -> str:
        """A relative Markdown link that MkDocs checks and rewrites: `file.md#anchor` or `#anchor`."""
        file = self.page_of[target]
        is_page = target in GENERATED_PAGES or file == page_file(target)
        if is_page:
            return file
        return f"#{target}" if file == from_file else f"{file}#{target}"


def _page_sources(chapter: Any) -> list[str]:
    """Every source id a chapter cites, in first-cited order."""
    seen: dict[str, None] = {}
    for _, model in walk(chapter):
        for source_id in getattr(model, "sources", None) or []:
            seen.setdefault(source_id, None)
    return list(seen)


def _json_ld(guide: Guide, page: Page | None, title: str, description: str) -> str:
    """schema.org MedicalWebPage; `<` escaped so the JSON cannot close its script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "inLanguage": "en-GB",
        "lastReviewed": (page.last_reviewed if page else guide.meta.last_reviewed).isoformat(),
        "reviewedBy": {"@type": "Organization", "name": guide.meta.reviewer.name},
        "publisher": {"@type": "Organization", "name": guide.meta.publisher},
        "about": {"@type": "MedicalCondition", "name": "Low back pain in runners"},
        "audience": {"@type": "PeopleAudience", "audienceType": "Runners"},
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


@functools.cache  # one per process: `mkdocs serve` rebuilds reuse the compiled templates
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates/pages"),
        autoescape=False,  # Markdown, not HTML: every value goes through the `md` filter instead
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=markdown_text, long_date=long_date, dose_sentence=dose_sentence)
    return env


def render_pages(
    guide: Guide,
    widgets: dict[str, Callable[[], str]] | None = None,
    pdf_files: dict[str, str] | None = None,
) -> dict[str, str]:
    """Every page of the site as Markdown, by file name.

    Args:
        guide: the validated content.
        widgets: HTML makers for the calculator pages, by page id (pre-rendered answers).
        pdf_files: the PDF guide's file names and paper sizes, linked from the home page.
    """
    env = _environment()
    links = Links.of(guide)
    widgets = widgets or {}
    chapter_by_id = {chapter.page.id: chapter for chapter in guide.chapters}
    pages: dict[str, str] = {}
    for page_id in guide.meta.navigation:
        file = page_file(page_id)
        chapter = chapter_by_id.get(page_id)
        page = chapter.page if chapter else None
        title = page.title if page else GENERATED_PAGES[page_id]
        description = page.summary if page else guide.meta.description
        context = {
            "guide": guide,
            "chapter": chapter,
            "page": page,
            "title": title,
            "file": file,
            "link": lambda target, _file=file: links.href(target, _file),
            "helps_with": links.causes_helped,
            "titles": links.title_of,
            "source": guide.source,
            "cited": _page_sources(chapter) if chapter else [],
            "widget": widgets[page_id]() if page_id in widgets else "",
            "pdf_files": pdf_files or {},
            "figures": lambda name, positions: Markup(figure_html(name, positions)),
        }
        template = guide.content_type(page_id).template if chapter else page_id
        body = env.get_template(f"{template}.md.j2").render(context)
        front = {
            "title": title,
            "description": description,
            "jsonld": _json_ld(guide, page, title, description),
        }
        pages[file] = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=True) + "---\n\n" + body
    return pages


GALLERY_PAGE = "review/figures.md"
"""The figure gallery: every figure large, for writers and clinicians to check; not in the menu."""


def gallery_page(guide: Guide) -> str:
    """Every drawn item's positions, large, under its name and page, as Markdown with front matter."""
    chapters = [
        (guide.exercises.page.title, guide.exercises.exercises),
        (guide.stretches.page.title, guide.stretches.stretches),
        (guide.form.page.title, [*guide.form.cues, *guide.form.drills]),
    ]
    lines = [
        "---",
        "title: Figures for review",
        "description: Every exercise, stretch and drill figure of the guide, large, for review.",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Figures for review",
        "",
        "Every figure in the guide, large, so a writer or a clinician can check them all at once. "
        "Each position is drawn from the joint angles in the content files.",
        "",
    ]
    for chapter_title, items in chapters:
        lines += [f"## {markdown_text(chapter_title)}", ""]
        for item in items:
            if not item.positions:
                continue
            name = heading(item)
            figure = f'<div class="guide-gallery">{figure_html(name, item.positions)}</div>'
            lines += [f"### {markdown_text(name)}", "", figure, ""]
    return "\n".join(lines)


def navigation(guide: Guide) -> list[dict[str, str]]:
    """MkDocs `nav`, in the order guide.yaml gives; titles as escaped text (see `html_text`)."""
    titles = {chapter.page.id: chapter.page.title for chapter in guide.chapters}
    return [
        {html_text(titles.get(page_id) or GENERATED_PAGES[page_id]): page_file(page_id)}
        for page_id in guide.meta.navigation
    ]


__all__ = [
    "GALLERY_PAGE", "Links", "gallery_page", "html_text", "markdown_text", "navigation", "page_file", "render_pages",
]
