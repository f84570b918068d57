"""Each built page asks at once for the scripts that stand before its content: preload tags.

Why: the pages carry their Content-Security-Policy in a `<meta>` tag (for hosts that ignore
`_headers`), and on a page with one Chromium's preload scanner fetches nothing ahead of the
parser (measured on 4G: each parser-blocking script was requested only once the one before it
had run). Material's two small scripts before the content (material-globals.js in <head>,
material-palette.js in the header) thus came one after the other, and a calculator's form, and
with it the calculators' worker, waited for both. A `<link rel="preload">` is acted on by the
parser itself as it reads it, so just before the first parser-blocking script (after the policy,
which binds them, and the stylesheets, which the first paint needs first) each page lists the
parser-blocking scripts that come before its `<main>`, and they download side by side.

Not the scripts after the content (Material's bundle and ours): measured on 4G, preloading them
made the bundle arrive and run (a long task) just as the calculators' worker was starting, which
then started 0.25-0.35 s later. Nor the calculators' runtime: a tag would fetch its 4 MB on every
calculator page even with Save-Data on, with scripts off, or with the widget far from view,
which the worker (widgets.js) avoids; and Lighthouse, which sees the page's requests but not the
worker's, then counts that download before the largest paint (measured: LCP 10-24 s instead of
2-3 s). It runs on built pages, so it works for either engine (postbuild.py).
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from pathlib import Path


class _BlockingScripts(HTMLParser):
    """A page's parser-blocking scripts (classic, neither async nor defer) before its <main>:
    their addresses in order, and where the first one starts (an offset into the page)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.first_at = len(html)
        self.reached_main = False
        self._line_starts = [0] + [at + 1 for at, char in enumerate(html) if char == "\n"]  # as getpos counts
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.reached_main = True
        names = dict(attrs)
        if self.reached_main or tag != "script" or not names.get("src") or "async" in names or "defer" in names:
            return
        if names.get("type") in (None, "", "text/javascript"):
            if not self.found:
                line, column = self.getpos()
                self.first_at = self._line_starts[line - 1] + column
            self.found.append(str(names["src"]))

    def preload_tags(self) -> list[str]:
        return [f'<link rel="preload" href="{escape(src)}" as="script">' for src in dict.fromkeys(self.found)]


def preload_tags(html: str) -> list[str]:
    """The `<link rel="preload">` tags for a page's `html`: one per parser-blocking script before
    its <main>."""
    return _BlockingScripts(html).preload_tags()


def with_preload_tags(html: str, policy: str) -> str:
    """`html` with its preload tags just before its first parser-blocking script, or at the end
    of its <head> if that script is in the body, and always after the policy's meta tag:
    unchanged without the policy, or when they are already there (finishing twice adds nothing)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    scripts = _BlockingScripts(html)
    tags = scripts.preload_tags()
    if meta not in html or not tags or "\n".join(tags) in html:
        return html
    at = max(html.index(meta) + len(meta), min(scripts.first_at, html.index("</head>")))
    return html[:at] + "\n".join(tags) + "\n" + html[at:]


def write_preload_tags(site_dir: Path, policy: str) -> list[Path]:
    """Add the preload tags to every page of a built site that carries `policy`; return those changed."""
    changed = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        new = with_preload_tags(html, policy)
        if new != html:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
