"""Both engines build the same site from the same generated pages: MkDocs (Material) and
Zensical, its successor (which runs no MkDocs hooks, hence the pages step).

Compared page by page: the set of pages, titles, the Content-Security-Policy meta, headings,
JSON-LD, the widgets' markup and the navigation, with links resolved against the page's own
address (the two engines write the same target differently: `..` or `./..`). Both carry the
calculators' runtime, `_headers`, PDFs and a service worker, and a search index of every page.
The calculators answering in the Zensical site is checked by the browser tests run against it
(`.ci/run` does so with WIDGET_TEST_SITE).
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, TODAY
from generator.site.security import CONTENT_SECURITY_POLICY
from generator.site.zensical_policy import ThemeChanged, search_style_hash, zensical_policy
from html_tree import Node, parse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import build_site

    site = tmp_path_factory.mktemp("zensical") / "site"
    report = build_site(ROOT / "mkdocs.yml", site, today=TODAY, engine="zensical")
    assert report.engine == "zensical"
    return site


def resolve(page_url: str, href: str | None) -> str | None:
    """`href` on the page at `page_url`, as one site-absolute path (`..` and `./..` alike)."""
    if href is None or href.startswith(("mailto:", "data:", "vscode:")):
        return href
    parts = urlsplit(urljoin("http://site/" + page_url, href))
    if parts.netloc != "site":
        return href
    path = posixpath.normpath(parts.path)
    if parts.path.endswith("/") or parts.path.endswith("/.") or parts.path.endswith("/.."):
        path = path.rstrip("/") + "/"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def canonical(node: Node | str, page_url: str) -> Any:
    """A node as nested tuples, whitespace folded and links resolved."""
    if isinstance(node, str):
        return " ".join(node.split())
    attrs = {name: resolve(page_url, value) if name in ("href", "src", "action") else value
             for name, value in node.attrs.items()}
    children = tuple(child for child in (canonical(c, page_url) for c in node.children) if child)
    return node.tag, tuple(sorted(attrs.items())), children


def features(site: Path, page: str) -> dict[str, Any]:
    url = page.removesuffix("index.html")
    root = parse((site / page).read_text(encoding="utf-8"))
    articles = root.find_all("article")
    main = articles[0] if articles else root
    return {
        "title": [node.text for node in root.find_all("title")],
        "policy": [node.attrs["content"] for node in root.find_all("meta", http_equiv="Content-Security-Policy")],
        "headings": [(node.tag, node.attrs.get("id"), node.text) for node in main.iter()
                     if node.tag in ("h1", "h2", "h3", "h4", "h5", "h6")],
        "json-ld": [json.loads(node.text) for node in root.find_all("script", type="application/ld+json")],
        "widgets": [canonical(node, url) for node in root.find_all(data_widget=True)],
        "navigation": [(link.text, resolve(url, link.attrs.get("href")))
                       for nav in root.find_all("nav", class_="md-nav md-nav--primary")
                       for link in nav.find_all("a")],
    }


def pages_of(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_both_engines_build_the_same_pages(built_site: Path, zensical_site: Path) -> None:
    assert pages_of(zensical_site) == pages_of(built_site)


def test_both_engines_give_each_page_the_same_structure(built_site: Path, zensical_site: Path) -> None:
    differences = []
    for page in pages_of(built_site):
        material, zensical = features(built_site, page), features(zensical_site, page)
        assert material.pop("policy") == [CONTENT_SECURITY_POLICY], page
        assert zensical.pop("policy") == [zensical_policy()], page
        differences += [f"{page}: {key}" for key in material if material[key] != zensical[key]]
    assert differences == []
    causes = features(zensical_site, "causes/index.html")
    assert causes["headings"][0] == ("h1", "why-running-can-hurt-your-lower-back", "Why running can hurt your lower back¶")
    assert ("Mileage planner", "/mileage-planner/") in causes["navigation"]
    assert len(features(zensical_site, "mileage-planner/index.html")["widgets"]) == 1


def test_both_engines_show_each_pages_content_file(built_site: Path, zensical_site: Path) -> None:
    for site in (built_site, zensical_site):
        footer = parse((site / "strength" / "index.html").read_text(encoding="utf-8")).find("p", class_="guide-source")
        assert footer.text == "Made from content/exercises.yaml"


def test_both_engines_get_the_post_build_step(built_site: Path, zensical_site: Path) -> None:
    for site in (built_site, zensical_site):
        for name in ("_headers", "sw.js", "guide.pdf", "guide-letter.pdf", "assets/pyodide/pyodide-lock.json"):
            assert (site / name).is_file(), (site, name)
    published = (built_site / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}\n" in published
    assert (zensical_site / "_headers").read_text(encoding="utf-8") == published.replace(
        CONTENT_SECURITY_POLICY, zensical_policy())


BUNDLE = ('var Tc=\'.u{text-decoration-style:wavy!important}\';function s(){let n=document.body;'
          'let o=n.attachShadow({mode:"open"});o.appendChild(C("style",{},Tc.toString()))}')


def test_zensicals_policy_adds_only_its_search_stylesheet_by_hash() -> None:
    digest = base64.b64encode(hashlib.sha256(b".u{text-decoration-style:wavy!important}").digest()).decode()
    assert search_style_hash(BUNDLE) == f"'sha256-{digest}'"
    assert zensical_policy(BUNDLE) == CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", f"style-src 'self' 'sha256-{digest}'")


@pytest.mark.parametrize(("bundle", "message"), [
    (BUNDLE.replace('"style"', '"link"'), "Zensical's bundle no longer adds its search stylesheet as expected"),
    (BUNDLE.replace("var Tc='", "var Tc=String.raw`").replace("';function", "`;function"),
     "Zensical's search stylesheet (Tc) is not a plain string"),
])
def test_a_changed_zensical_bundle_fails_loudly(bundle: str, message: str) -> None:
    with pytest.raises(ThemeChanged) as error:
        search_style_hash(bundle)
    assert str(error.value) == message


def test_both_search_indexes_hold_every_page(built_site: Path, zensical_site: Path) -> None:
    material = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    zensical = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"]
    locations = [{doc["location"].split("#")[0] for doc in docs} for docs in (material, zensical)]
    assert locations[0] == locations[1]
    assert {"", "causes/", "strength/", "warning-signs/"} <= locations[1]
    assert any("plank" in doc["text"].lower() for doc in zensical)


def test_zensical_builds_in_a_staging_folder_that_goes_with_its_cache(zensical_site: Path) -> None:
    assert sorted(path.name for path in zensical_site.parent.iterdir()) == ["site"]


def test_zensical_keeps_materials_look_with_its_classic_variant(zensical_site: Path) -> None:
    root = parse((zensical_site / "causes" / "index.html").read_text(encoding="utf-8"))
    sheets = [link.attrs["href"] for link in root.find_all("link", rel="stylesheet")]
    assert any("/stylesheets/classic/main." in sheet for sheet in sheets)
    assert any("/stylesheets/classic/palette." in sheet for sheet in sheets)
    assert not any("/stylesheets/modern/" in sheet for sheet in sheets)
