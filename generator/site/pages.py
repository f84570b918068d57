"""The pages step: validated content -> a docs folder of Markdown and a config any engine reads.

Generating the pages apart from the engine lets MkDocs or Zensical (which runs no MkDocs hooks)
build the same site from the same files; nothing here imports either of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.content.model import Guide
from generator.content.rules import calculator_rules
from generator.pdf.render import PDF_FILES
from generator.site import return_widget, widgets
from generator.site.render import GALLERY_PAGE, gallery_page, html_text, navigation, page_file, render_pages
from generator.site.security import CONTENT_SECURITY_POLICY

CONTENT_FOLDER = "content"
"""Where the content files are, from the repository's root (for writers and edit links)."""

GENERATED_PAGE_SOURCES = {
    "home": "guide.yaml",
    "quick-tips": "guide.yaml",
    "about": "guide.yaml",
    "references": "sources.yaml",
    "mileage-planner": "training-load.yaml",
    "return-planner": "return-planner.yaml",
    "symptom-checker": "warning-signs.yaml",
}
"""The content file a page made from the guide as a whole mostly comes from."""


def page_sources(guide: Guide) -> dict[str, str]:
    """Each page's Markdown file -> the content file a writer edits to change it."""
    sources = {page_file(page_id): name for page_id, name in GENERATED_PAGE_SOURCES.items()}
    for entry, chapter in guide.contents():
        if entry.is_chapter:
            sources[page_file(chapter.page.id)] = entry.file
    return sources


def site_pages(guide: Guide) -> dict[str, str]:
    """Every page of the site as Markdown, by its path under the docs folder."""
    rules = calculator_rules(guide)
    makers = {
        widgets.PLANNER: lambda: widgets.render_planner(rules),
        "return-planner": lambda: return_widget.render_return_planner(rules),
        widgets.CHECKER: lambda: widgets.render_checker(rules),
    }
    pages = render_pages(guide, widgets=makers, pdf_files=PDF_FILES)
    pages.update(widgets.widget_pages(rules))
    pages[return_widget.EMBED_PAGE] = return_widget.render_embed_page(rules)
    pages[GALLERY_PAGE] = gallery_page(guide)  # the figures' review gallery
    sources = page_sources(guide)
    # Every page, embed and review pages too: a title from content reaches the engine's template.
    return {name: _front_matter_for_engines(text, sources.get(name)) for name, text in pages.items()}


def _front_matter_for_engines(page: str, source: str | None) -> str:
    """The page with its title and description escaped (the engines' templates print them raw)
    and, for writers, the content file it is made from (shown in each page's footer)."""
    _, front, body = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    for key in ("title", "description"):
        if key in meta:
            meta[key] = str(html_text(meta[key]))
    if source:
        meta["source_file"] = f"{CONTENT_FOLDER}/{source}"
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n" + body


def write_docs(guide: Guide, docs_dir: Path) -> list[str]:
    """Fill `docs_dir` with the pages; returns their paths.

    Only rendered pages are published: nothing in content/ is copied as it is (a `notes.txt`,
    a backup `causes.yaml~`). Files already there with the same text are left alone (an
    engine's cache keeps them), and files no longer generated are removed.
    """
    wanted = {name: text.encode("utf-8") for name, text in site_pages(guide).items()}
    docs_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted(docs_dir.rglob("*"), reverse=True):
        name = path.relative_to(docs_dir).as_posix()
        if path.is_file() and name not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for name, data in wanted.items():
        target = docs_dir / name
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return sorted(wanted)


def _merged(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        both_maps = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if both_maps else value
    return merged


def read_config(config_file: Path) -> dict[str, Any]:
    """A mkdocs.yml as data, with any `INHERIT`ed parent merged in as MkDocs merges it."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    return _merged(read_config((config_file.parent / parent).resolve()), config)


def engine_config(config_file: Path, guide: Guide, docs_dir: str, site_dir: str,
                  policy: str = CONTENT_SECURITY_POLICY) -> dict[str, Any]:
    """The project's mkdocs.yml for pages generated beforehand: no hook, the navigation written in.

    Paths in the project's config are made absolute, so the config may live anywhere.
    """
    config = read_config(config_file)
    project = config_file.resolve().parent
    config.pop("hooks", None)
    config["docs_dir"] = docs_dir
    config["site_dir"] = site_dir
    config["nav"] = [{str(title): file for title, file in item.items()} for item in navigation(guide)]
    config.setdefault("extra", {})["content_security_policy"] = policy
    theme = config.get("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    return config


def write_engine_config(config_file: Path, guide: Guide, work_dir: Path, docs: str = "docs",
                        site: str = "site", policy: str = CONTENT_SECURITY_POLICY) -> Path:
    """Write `work_dir/mkdocs.yml`: engine_config with docs and site folders inside `work_dir`."""
    config = engine_config(config_file, guide, docs, site, policy)
    path = work_dir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
