"""Text from YAML always shows as typed: never as HTML, never as Markdown syntax."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from conftest import TODAY, rewrite
from generator.load import load_guide
from generator.render import markdown_text, navigation, render_pages


def html_of(text: str) -> str:
    return markdown.markdown(str(markdown_text(text)))


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>"),
        ("*not emphasis* and __not bold__", "<p>*not emphasis* and __not bold__</p>"),
        ("# not a heading", "<p># not a heading</p>"),
        ("1. not a list", "<p>1. not a list</p>"),
        ("- not a list", "<p>- not a list</p>"),
        ("Tom & Jerry's \"quote\"", "<p>Tom &amp; Jerry&#39;s &#34;quote&#34;</p>"),
        ("line one\n  line two", "<p>line one line two</p>"),
        ("`code` {attr} back\\slash", "<p>`code` {attr} back\\slash</p>"),
    ],
)
def test_markdown_text_is_literal(text: str, html: str) -> None:
    assert html_of(text) == html


def test_a_script_title_in_content_renders_as_text(content_dir: Path) -> None:
    rewrite(content_dir, "causes.yaml", lambda d: d["causes"][0].update(title="<script>alert(1)</script>"))
    pages = render_pages(load_guide(content_dir, today=TODAY))
    causes = pages["causes.md"]
    assert "<script>" not in causes.split("---", 2)[2]
    assert "## &lt;script&gt;alert\\(1\\)&lt;/script&gt; {" in causes


def test_json_ld_cannot_close_its_script_element(content_dir: Path) -> None:
    rewrite(content_dir, "recovery.yaml", lambda d: d["page"].update(summary="</script><b>x</b>"))
    pages = render_pages(load_guide(content_dir, today=TODAY))
    front = pages["recovery.md"].split("---")[1]
    import yaml

    jsonld = yaml.safe_load(front)["jsonld"]
    assert "<" not in jsonld
    data = json.loads(jsonld)
    assert data["description"] == "</script><b>x</b>"
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == load_guide(content_dir, today=TODAY).recovery.page.last_reviewed.isoformat()


def test_navigation_follows_guide_yaml(content_dir: Path) -> None:
    guide = load_guide(content_dir, today=TODAY)
    files = [next(iter(item.values())) for item in navigation(guide)]
    assert files[0] == "index.md"
    assert len(files) == len(guide.meta.navigation) == len(set(files))
    assert set(files) == set(render_pages(guide))
