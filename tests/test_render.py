"""Text from YAML always shows as typed: never as HTML, never as Markdown syntax."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from conftest import TODAY, real_guide, rewrite
from generator.content.load import load_guide
from generator.site.render import markdown_text, navigation, render_pages


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


def body_of(page: str) -> str:
    """A rendered page without its front matter."""
    return page.split("---\n", 2)[2]


def test_the_home_page_opens_with_the_call_999_box_before_anything_else() -> None:
    home = body_of(render_pages(real_guide())["index.md"])
    assert home.startswith(
        "\n# The Runners&#39; Back Guide\n\n"
        '!!! danger ""\n\n'
        "    ## Call 999 \\(or your local emergency number\\) now if you have back pain and any of these"
        " { #emergency }\n\n"
        "    - Numbness or tingling around your genitals, bottom, anus or inner thighs.\n"
        "    - New trouble peeing, or leaking pee or poo without knowing.\n"
        "    - New loss of feeling in your genitals, or new trouble with erections.\n"
        "    - Pain, numbness or weakness going down both legs from your back.\n"
        "    - Weakness in a leg that is bad or getting worse fast.\n\n"
        "    Or go straight to A&amp;E \\(the emergency department\\). Do not wait to see if it gets better."
        " Do not drive yourself.\n\n"
    )
    box = home[: home.index("## Key takeaways")]
    assert "    [Emergency numbers and health advice lines](warning-signs.md#emergency-numbers)\n" in box
    assert box.index("{ #emergency }") < box.index("**Lower back pain from running")


def test_the_emergency_box_is_an_accessible_admonition_with_a_heading(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    start = html.index('<div class="admonition danger">')
    box = html[start : html.index("</div>", start)]
    assert '<h2 id="emergency">Call 999 (or your local emergency number) now if you have back pain and any of these' in box
    assert "admonition-title" not in box
    assert html.index('id="emergency"') < html.index('id="key-takeaways"')


def test_every_dose_says_rest_effort_progression_and_flare_up(content_dir: Path) -> None:
    guide = load_guide(content_dir, today=TODAY)
    pages = render_pages(guide)
    for page, items in (("strength.md", guide.exercises.exercises), ("stretching.md", guide.stretches.stretches)):
        text = pages[page]
        for item in items:
            section = text[text.index(f"{{ #{item.id} }}") :]
            section = section[: section.index("!!! warning")]
            assert f"- **Rest between sets:** {item.dose.rest_seconds} seconds.\n" in section
            assert f"- **How hard it should feel:** {markdown_text(item.dose.effort)}\n" in section
            assert f"- **To make it harder:** {markdown_text(item.dose.progression)}\n" in section
            assert f"- **In a flare-up:** {markdown_text(item.dose.flare_up)}\n" in section


def test_a_dose_without_its_rest_or_effort_is_an_error(content_dir: Path) -> None:
    from generator.errors import ContentErrors

    def drop(data: dict) -> None:
        del data["exercises"][0]["dose"]["rest_seconds"]
        del data["exercises"][0]["dose"]["effort"]

    rewrite(content_dir, "exercises.yaml", drop)
    with pytest.raises(ContentErrors) as caught:
        load_guide(content_dir, today=TODAY)
    messages = [error.message for error in caught.value.errors]
    assert messages == [
        "missing required key 'effort'",
        "missing required key 'rest_seconds': add `rest_seconds: {min: 2, max: 3}`",
    ]


def test_a_source_with_neither_url_nor_citation_is_an_error(content_dir: Path) -> None:
    from generator.errors import ContentErrors

    def strip(data: dict) -> None:
        source = next(s for s in data["sources"] if s["id"] == "downie-2013")
        del source["citation"]

    rewrite(content_dir, "sources.yaml", strip)
    with pytest.raises(ContentErrors) as caught:
        load_guide(content_dir, today=TODAY)
    assert [error.message for error in caught.value.errors] == [
        "expected a url or a citation (journal, year, volume and pages): a reader must be able to find it"
    ]


def test_references_show_each_sources_citation() -> None:
    guide = real_guide()
    references = render_pages(guide)["references.md"]
    assert (
        '<span id="source-fredette-2022"></span>**The Association Between Running Injuries and Training '
        "Parameters: A Systematic Review**. Journal of Athletic Training \\(Fredette and others\\), 2022. "
        "J Athl Train 2022;57\\(7\\):650-671. "
        '<a href="https://pubmed.ncbi.nlm.nih.gov/34478518/">https://pubmed.ncbi.nlm.nih.gov/34478518/</a>'
    ) in references
