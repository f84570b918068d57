"""The one exception Zensical's theme needs in the site's policy: its search stylesheet.

Zensical's search dialog puts a fixed stylesheet into a shadow root as a `<style>` element,
which `style-src 'self'` blocks (the dialog then has no layout). The policy for a Zensical
build allows exactly that stylesheet by its hash, read from the installed theme's bundle, and
nothing else; a new Zensical whose bundle no longer matches fails the build loudly.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files

from generator.site.security import CONTENT_SECURITY_POLICY

_SHADOW_STYLE = re.compile(
    r'attachShadow\(\{mode:"open"\}\);\w+\.appendChild\(\w+\("style",\{\},(\w+)\.toString\(\)\)\)'
)
"""Where the bundle fills the search dialog's shadow root with the stylesheet held in a variable."""


class ThemeChanged(RuntimeError):
    """The installed Zensical bundle does not hold its search stylesheet where expected."""


def _bundle() -> str:
    scripts = files("zensical") / "templates" / "assets" / "javascripts"
    bundles = [item for item in scripts.iterdir() if re.fullmatch(r"bundle\.\w+\.min\.js", item.name)]
    if len(bundles) != 1:
        raise ThemeChanged(f"expected one bundle.*.min.js in Zensical's theme, found {len(bundles)}")
    return bundles[0].read_text(encoding="utf-8")


def search_style_hash(bundle: str | None = None) -> str:
    """The CSP hash source of the search dialog's stylesheet, e.g. `'sha256-…'`."""
    bundle = _bundle() if bundle is None else bundle
    use = _SHADOW_STYLE.search(bundle)
    if use is None:
        raise ThemeChanged("Zensical's bundle no longer adds its search stylesheet as expected")
    literal = re.search(rf"\b{use.group(1)}='([^'\\]*)'", bundle)
    if literal is None:
        raise ThemeChanged(f"Zensical's search stylesheet ({use.group(1)}) is not a plain string")
    digest = hashlib.sha256(literal.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def zensical_policy(bundle: str | None = None) -> str:
    """The published policy with the search stylesheet's hash added to `style-src`."""
    relaxed = CONTENT_SECURITY_POLICY.replace("style-src 'self'", f"style-src 'self' {search_style_hash(bundle)}", 1)
    assert relaxed != CONTENT_SECURITY_POLICY, "the published policy has no `style-src 'self'`"
    return relaxed
