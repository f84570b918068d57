"""Minified copies of the guide's own scripts and stylesheets in a published site.

The sources in overrides/assets/ stay commented and readable; the site serves them without
comments and spare whitespace (rJSmin, rCSSmin: no renaming, so the code the browser runs is the
code in the repository). Only what every page loads: the calculators' worker scripts are left
as they are, since calculator-core.js is part of what stamps the memory snapshot and Node runs it
at build time, and the worker's bytes come after the page has been drawn.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

OWN_ASSETS = Path(__file__).resolve().parents[2] / "overrides" / "assets"

PAGE_SCRIPTS = ("material-content.js", "material-globals.js", "material-palette.js", "offline.js", "widgets.js",
                "workers/search-on-demand.js")
"""overrides/assets/javascripts/: the scripts every page loads (the last one as Material's search worker)."""


def minify_text(name: str, text: str) -> str:
    """`text` of the file `name` (.js or .css) without comments and spare whitespace."""
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    raise ValueError(f"no minifier for {name}")


def own_files(site_dir: Path) -> list[Path]:
    """The site's copies of the page scripts and of every stylesheet in overrides/assets/."""
    names = [f"javascripts/{name}" for name in PAGE_SCRIPTS]
    names += sorted(f"stylesheets/{path.name}" for path in (OWN_ASSETS / "stylesheets").glob("*.css"))
    return [site_dir / "assets" / name for name in names if (site_dir / "assets" / name).is_file()]


def write_minified(site_dir: Path) -> list[Path]:
    """Minify the site's copies of our own page scripts and stylesheets in place; return them."""
    files = own_files(site_dir)
    for path in files:
        text = path.read_text(encoding="utf-8")
        path.write_text(minify_text(path.name, text), encoding="utf-8")
    return files
