"""A small Material site holding both widgets, built with the project's theme overrides.

Used by the widget tests to check the widgets inside a real MkDocs + Material page (instant
navigation included) without depending on the whole guide's content: the same
`render_planner` / `render_checker` / `widget_pages` / `write_runtime` calls the guide's build
makes, on the rules dict given.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.runtime.assets import PROJECT_ROOT, write_runtime
from generator.site import widgets

PAGES = {
    "index.md": "# Home\n\nA page without a widget. Go to the [mileage planner](mileage-planner.md)"
    " or the [symptom checker](symptom-checker.md).\n",
    "other.md": "# Another page\n\nNo widget here either.\n",
}


def build_widget_site(root: Path, rules: dict[str, Any]) -> Path:
    """Write docs for the rules under `root`, build them with mkdocs, add the runtime.

    Returns the site directory.
    """
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, "utf-8")
    (docs / "mileage-planner.md").write_text(
        "# Mileage planner\n\nIntro text.\n\n" + widgets.render_planner(rules) + "\n", "utf-8"
    )
    (docs / "symptom-checker.md").write_text(
        "# Symptom checker\n\nIntro text.\n\n" + widgets.render_checker(rules) + "\n", "utf-8"
    )
    for src_uri, markdown in widgets.widget_pages(rules).items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, "utf-8")
    site = root / "site"
    config_file = root / "mkdocs.yml"
    config_file.write_text(
        textwrap.dedent(
            f"""\
            site_name: Widget test site
            docs_dir: {json.dumps(str(docs))}
            site_dir: {json.dumps(str(site))}
            strict: true
            use_directory_urls: true
            nav:
              - index.md
              - mileage-planner.md
              - symptom-checker.md
              - other.md
            theme:
              name: material
              custom_dir: {json.dumps(str(PROJECT_ROOT / "overrides"))}
              font: false
              features:
                - navigation.instant
            plugins:
              - search
            markdown_extensions:
              - attr_list
              - md_in_html
              - toc:
                  permalink: true
            extra_css:
              - assets/stylesheets/widgets.css
            """
        ),
        "utf-8",
    )
    config = load_config(str(config_file))
    build(config)
    write_runtime(site)
    return site
