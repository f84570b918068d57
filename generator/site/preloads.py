"""Each built page asks at once for the scripts it will wait on: preload tags first in <head>.

Why: the pages carry their Content-Security-Policy in a `<meta>` tag (for hosts that ignore
`_headers`), and on a page with one Chromium's preload scanner fetches nothing ahead of the
parser (measured on 4G: each parser-blocking script was requested only once the one before it
had run, about 0.25 s apart, so the calculator's form, and with it the calculators' worker, was
reached a second after navigation). A `<link rel="preload">` is acted on by the parser itself as
it reads it, so right after the policy (which must come first, and binds them too) and the
charset, each page lists every parser-blocking script it loads, Material's and ours, and they
download side by side. They still run where and in the order they are; nothing else changes.

The calculators' runtime is not preloaded: a tag would fetch its 4 MB on every calculator page
even with Save-Data on, with scripts off, or with the widget far from view, which the worker
(widgets.js) avoids. It runs on built pages, so it works for either engine (postbuild.py).
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from pathlib import Path

CHARSET = '<meta charset="utf-8">'
"""The pages' charset declaration (Material's and overrides/embed.html)."""


class _BlockingScripts(HTMLParser):
    """The addresses of a page's parser-blocking scripts (classic, neither async nor defer), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag != "script" or not names.get("src") or "async" in names or "defer" in names:
            return
        if names.get("type") in (None, "", "text/javascript"):
            self.found.append(str(names["src"]))


def preload_tags(html: str) -> list[str]:
    """The `<link rel="preload">` tags for a page's `html`: one per parser-blocking script."""
    scan = _BlockingScripts()
    scan.feed(html)
    scan.close()
    return [f'<link rel="preload" href="{escape(src)}" as="script">' for src in dict.fromkeys(scan.found)]


def with_preload_tags(html: str, policy: str) -> str:
    """`html` with its preload tags after its policy's meta tag and its charset's, whichever
    comes later (the charset must stay in the first 1024 bytes): unchanged without the policy,
    or when they are already there (finishing a site twice adds nothing)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    tags = preload_tags(html)
    if meta not in html or not tags or "\n".join(tags) in html:
        return html
    after = max(html.index(meta) + len(meta), html.find(CHARSET) + len(CHARSET))
    return html[:after] + "\n" + "\n".join(tags) + html[after:]


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
