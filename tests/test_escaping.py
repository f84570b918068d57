"""Hostile text in every text field of every content file shows as typed in every output of a build.

Each free-text string in content/ gets PAYLOAD appended: HTML that would inject an element, an
attribute, a meta refresh or a script; Markdown that would make a link or emphasis; and `&`.
The whole site is then built and every output is parsed: nothing from the payload may become
markup anywhere, and the titles and descriptions read exactly as typed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import TODAY
from generator.build import build_site
from generator.content.load import load_guide

pytestmark = pytest.mark.slow

EVIL = "evil.invalid"
PAYLOAD = (
    ' A&B <i data-injected="1">i</i> "><meta http-equiv="refresh" content="0;url=https://' + EVIL + '/">'
    "<script>alert(1)</script> *em* [x](https://" + EVIL + "/) </title>'"
)
NOT_TEXT = {"id", "link", "level", "unit", "kind", "group", "last_reviewed", "next_review",
            "navigation", "sources", "remedies", "actions", "year"}
"""Keys whose values are ids, references, enums, dates or addresses, not text a reader sees."""


def _choice_keys() -> set[str]:
    """Every field whose schema allows only fixed words (a Literal): an enum, not text."""
    import typing

    from pydantic import BaseModel

    from generator.content import model, pose

    def is_choice(annotation: Any) -> bool:
        if typing.get_origin(annotation) is typing.Literal:
            return True
        return any(is_choice(arg) for arg in typing.get_args(annotation))

    keys = set()
    for module in (model, pose):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                keys |= {name for name, field in value.model_fields.items() if is_choice(field.annotation)}
    return keys


NOT_TEXT |= _choice_keys() | {"contacts", "at"}
"""A figure's contacts and its arrow's anchor name body parts and props: a fixed vocabulary."""
FORMAT_NOTES = {"no_proof", "warning_signs", "holding", "short_of_target"}
"""The planner's note templates ({weeks} is filled in): the payload has no braces, so it fits."""


URL_PAYLOAD = '"><i/data-injected=1>'
"""A source's `url` may hold no space, but a quote and markup still fit."""


def poison(value: Any, key: str = "") -> Any:
    if key == "url" and isinstance(value, str):
        return value + URL_PAYLOAD
    if key in NOT_TEXT:
        return value
    if isinstance(value, dict):
        return {name: poison(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, str):
        return value + PAYLOAD
    return value


class Collector(HTMLParser):
    """Every start tag with its attributes, and the text inside <title>, <h1> and nav links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {"title": [], "h1": [], "script": []}
        self._current: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag in self.texts:
            self.texts[tag].append("")
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for tag in self.open:
            self.texts[tag][-1] += data


def injected(html: str, where: str) -> list[str]:
    """What in `html` was made from the payload's markup, not its text."""
    parser = Collector()
    parser.feed(html)
    parser.close()
    found = []
    for tag, attrs in parser.tags:
        if "data-injected" in attrs or tag == "i" and not attrs.get("class"):
            found.append(f"{where}: <{tag} {attrs}>")
        if attrs.get("http-equiv", "").lower() == "refresh":
            found.append(f"{where}: meta refresh")
        if any(EVIL in value for name, value in attrs.items() if name in ("href", "src", "action", "content") and
               not (tag == "meta" and name == "content" and attrs.get("name") in ("description",))):
            found.append(f"{where}: <{tag}> points at {EVIL}")
    if "<em>em</em>" in html:
        found.append(f"{where}: <em> from Markdown")
    for text in parser.texts["script"]:
        if "alert(1)" in text and "MedicalWebPage" not in text:
            found.append(f"{where}: a script runs the payload")
    return found


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from test_build import config_for

    root = tmp_path_factory.mktemp("poisoned")
    content = root / "content"
    content.mkdir()
    source = Path(__file__).resolve().parent.parent / "content"
    for path in sorted(source.glob("*.yaml")):
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")))
        (content / path.name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), "utf-8")
    guide = load_guide(content, today=TODAY)  # the payload is valid content: check accepts it
    site = root / "site"
    build_site(config_for(content), site, today=TODAY)
    return site, guide


def test_the_payload_reaches_every_page(poisoned_site: tuple[Path, Any]) -> None:
    site, guide = poisoned_site
    assert guide.causes.page.title.endswith(PAYLOAD.strip())
    assert guide.widgets.result_waiting.endswith(PAYLOAD.strip())  # the calculators' wording too


def test_no_html_output_holds_markup_from_the_content(poisoned_site: tuple[Path, Any]) -> None:
    site, _ = poisoned_site
    found = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        found += injected(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix())
    assert found == []


def test_titles_descriptions_and_navigation_read_as_typed(poisoned_site: tuple[Path, Any]) -> None:
    site, guide = poisoned_site
    page = guide.causes.page
    parser = Collector()
    parser.feed((site / "causes" / "index.html").read_text(encoding="utf-8"))
    typed_title = " ".join(page.title.split())
    assert parser.texts["title"] == [f"{typed_title} - Lower back pain in runners"]
    assert typed_title in [" ".join(text.removesuffix("¶").split()) for text in parser.texts["h1"]]
    descriptions = [attrs["content"] for tag, attrs in parser.tags if tag == "meta" and attrs.get("name") == "description"]
    assert descriptions == [page.summary]
    next_title = " ".join(guide.exercises.page.title.split())
    link_labels = [attrs.get("aria-label", "") for tag, attrs in parser.tags if tag == "a"]
    assert f"Next: {next_title}" in link_labels
    navigation = guide.meta.navigation
    assert navigation[navigation.index("causes") + 1] == guide.exercises.page.id
    jsonld = [text for text in parser.texts["script"] if "MedicalWebPage" in text]
    assert json.loads(jsonld[0])["name"] == page.title


def test_the_search_index_holds_text_not_markup(poisoned_site: tuple[Path, Any]) -> None:
    site, guide = poisoned_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = []
    for doc in index["docs"]:
        for name in ("title", "text"):
            found += injected(doc.get(name, ""), f"search {doc['location']} {name}")
    assert found == []
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    parser = Collector()
    parser.feed(f"<title>{titles['causes/']}</title>")
    assert parser.texts["title"] == [" ".join(guide.causes.page.title.split())]


def test_the_sitemap_and_other_text_outputs_stay_well_formed(poisoned_site: tuple[Path, Any]) -> None:
    site, _ = poisoned_site
    ElementTree.parse(site / "sitemap.xml")
    for path in [*site.rglob("*.xml"), *site.rglob("*.json"), site / "sw.js", site / "_headers"]:
        text = path.read_text(encoding="utf-8")
        if path.name != "search_index.json":
            assert EVIL not in text, path


def test_the_pdf_shows_the_payload_as_text(poisoned_site: tuple[Path, Any]) -> None:
    from pypdf import PdfReader

    site, _ = poisoned_site
    text = " ".join(PdfReader(site / "guide.pdf").pages[0].extract_text().split())
    assert "<script>alert(1)</script>" in text
