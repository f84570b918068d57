"""The preload tags each built page gets first in its <head> (generator/site/preloads.py)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.site.preloads import preload_tags, with_preload_tags, write_preload_tags
from generator.site.security import CONTENT_SECURITY_POLICY

META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
CHARSET = '<meta charset="utf-8">'


def page(head: str = "", body: str = "") -> str:
    """A page as Material writes one: the policy first, then the charset."""
    return f"<!doctype html>\n<html><head>\n{META}\n{CHARSET}\n{head}</head>\n<body>\n{body}</body></html>\n"


GUIDE_HEAD = (
    '<link rel="stylesheet" href="../assets/stylesheets/main.css">\n'
    '<script src="../assets/javascripts/widgets.js" async fetchpriority="high"></script>\n'
    '<script src="../assets/javascripts/material-globals.js"></script>\n'
    '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>\n'
)
GUIDE_BODY = (
    '<header><script src="../assets/javascripts/material-palette.js"></script></header>\n'
    '<main><div class="rbw" data-widget="mileage-planner" data-config="{}"><form data-form></form></div></main>\n'
    '<script src="../assets/javascripts/material-content.js"></script>\n'
    '<script id="__config" type="application/json">{}</script>\n'
    '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
)
SCRIPT_PRELOADS = [
    '<link rel="preload" href="../assets/javascripts/material-globals.js" as="script">',
    '<link rel="preload" href="../assets/javascripts/material-palette.js" as="script">',
]


def test_a_page_preloads_the_blocking_scripts_before_its_content_and_nothing_else() -> None:
    # Not the async widgets.js, data blocks, nor the scripts after <main> (Material's bundle).
    assert preload_tags(page(GUIDE_HEAD, GUIDE_BODY)) == SCRIPT_PRELOADS
    scripts = ('<script src="a.js"></script><script src="b.js" defer></script><script src="c.js" async>'
               '</script><script src="d.js" type="module"></script><script src="e.js" type="text/javascript">'
               '</script><script src="a.js"></script><main></main><script src="f.js"></script>')
    assert preload_tags(page(body=scripts)) == [
        '<link rel="preload" href="a.js" as="script">', '<link rel="preload" href="e.js" as="script">']


def test_the_tags_go_just_before_the_first_blocking_script_after_the_stylesheets() -> None:
    html = page(GUIDE_HEAD, GUIDE_BODY)
    first = '<script src="../assets/javascripts/material-globals.js"></script>\n<script type='
    assert with_preload_tags(html, CONTENT_SECURITY_POLICY) == html.replace(
        first, "\n".join(SCRIPT_PRELOADS) + "\n" + first, 1)


def test_an_embedded_calculator_whose_only_script_follows_its_content_is_left_alone() -> None:
    html = (f'<!doctype html>\n<html lang="en">\n<head>\n{CHARSET}\n{META}\n'
            '<link rel="stylesheet" href="../../assets/stylesheets/widgets.css">\n</head>\n<body>\n<main>'
            '<div data-widget="symptom-checker"></div></main>\n'
            '<script src="../../assets/javascripts/widgets.js"></script>\n</body>\n</html>\n')
    assert with_preload_tags(html, CONTENT_SECURITY_POLICY) == html


def test_at_the_end_of_the_head_when_the_first_blocking_script_is_in_the_body() -> None:
    html = page("<title>T</title>\n", '<header><script src="p.js"></script></header><main></main>\n')
    assert with_preload_tags(html, CONTENT_SECURITY_POLICY) == html.replace(
        "</head>", '<link rel="preload" href="p.js" as="script">\n</head>', 1)


def test_never_before_the_policy() -> None:
    html = f'<html><head>\n<script src="early.js"></script>\n{META}\n</head><body></body></html>'
    assert with_preload_tags(html, CONTENT_SECURITY_POLICY) == html.replace(
        META, META + '<link rel="preload" href="early.js" as="script">\n', 1)


def test_a_page_without_the_policy_or_without_a_blocking_script_is_left_alone() -> None:
    no_policy = page(GUIDE_HEAD, GUIDE_BODY).replace(META, "")
    assert with_preload_tags(no_policy, CONTENT_SECURITY_POLICY) == no_policy
    other_policy = page(GUIDE_HEAD, GUIDE_BODY)
    assert with_preload_tags(other_policy, "default-src 'none'") == other_policy
    nothing = page("<title>Quiet</title>\n", '<script src="a.js" async></script>\n')
    assert with_preload_tags(nothing, CONTENT_SECURITY_POLICY) == nothing


def test_finishing_a_site_twice_adds_the_tags_once(tmp_path: Path) -> None:
    (tmp_path / "causes").mkdir()
    guide_page = tmp_path / "causes" / "index.html"
    guide_page.write_text(page(GUIDE_HEAD, GUIDE_BODY), encoding="utf-8")
    (tmp_path / "quiet.html").write_text(page("<title>Quiet</title>\n"), encoding="utf-8")
    assert write_preload_tags(tmp_path, CONTENT_SECURITY_POLICY) == [guide_page]
    once = guide_page.read_text(encoding="utf-8")
    assert write_preload_tags(tmp_path, CONTENT_SECURITY_POLICY) == []
    assert guide_page.read_text(encoding="utf-8") == once
    assert once.count('rel="preload"') == len(SCRIPT_PRELOADS)


SCRIPT_NAME = st.from_regex(r"[a-z][a-z0-9-]{0,12}\.js", fullmatch=True)
KIND = st.sampled_from(["", " async", " defer", ' type="module"', ' type="text/javascript"', " async defer"])
BLOCKING = ("", ' type="text/javascript"')


@given(st.lists(st.tuples(SCRIPT_NAME, KIND), max_size=10))
def test_the_page_keeps_every_byte_and_gains_one_tag_per_blocking_script(scripts) -> None:
    html = page(body="".join(f'<script src="js/{name}"{kind}></script>\n' for name, kind in scripts))
    result = with_preload_tags(html, CONTENT_SECURITY_POLICY)
    blocking = list(dict.fromkeys(f"js/{name}" for name, kind in scripts if kind in BLOCKING))
    assert re.findall(r'<link rel="preload" href="([^"]*)" as="script">\n', result) == blocking
    assert re.sub(r'<link rel="preload"[^>]*>\n', "", result) == html
    if blocking:
        assert result.index(META) < result.index('<link rel="preload"') < result.index("</head>")


def test_built_pages_preload_the_blocking_scripts_before_their_content_and_no_runtime(built_site: Path) -> None:
    pages = {path.relative_to(built_site).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(built_site.rglob("*.html"))}
    for name, html in pages.items():
        head = html.split("</head>")[0]
        tags = re.findall(r'<link rel="preload"[^>]*>', html)
        blocking = list(dict.fromkeys(re.findall(r'<script src="([^"]*)"></script>', html.split("<main")[0])))
        assert tags == [f'<link rel="preload" href="{src}" as="script">' for src in blocking], name
        if name.startswith("embed/"):
            assert tags == [], name  # its only script follows the calculator
            continue
        assert tags and all(tag in head for tag in tags), name
        assert html.index(META) < head.index(tags[0]), name  # the policy binds them
        assert head.rindex('<link rel="stylesheet"') < head.index(tags[0]), name  # first paint first
        first_blocking = re.search(r'<script src="[^"]*"></script>', html).start()
        assert html.index(tags[-1]) < first_blocking, name


def test_the_planner_page_head_in_order(built_site: Path) -> None:
    html = (built_site / "mileage-planner" / "index.html").read_text(encoding="utf-8")
    lines = [line.strip() for line in html.split("</head>")[0].splitlines() if line.strip()]
    assert lines[:6] == [
        "<!doctype html>",
        '<html lang="en" class="no-js">',
        "<head>",
        "<!-- First in <head>: the policy covers everything after it (see generator/site/security.py) -->",
        META,
        CHARSET,
    ]
    widgets = lines.index('<script src="../assets/javascripts/widgets.js" async fetchpriority="high"></script>')
    stylesheets = [at for at, line in enumerate(lines) if line.startswith('<link rel="stylesheet"')]
    globals_script = lines.index('<script src="../assets/javascripts/material-globals.js"></script>')
    assert widgets < stylesheets[0]
    assert lines[stylesheets[-1] + 1:globals_script + 1] == [
        *SCRIPT_PRELOADS,
        '<script src="../assets/javascripts/material-globals.js"></script>',
    ]
    assert "pyodide" not in html.split("</head>")[0]
