"""`mkdocs serve` for writers, over HTTP: saving a YAML file rebuilds the page, broken content
is shown in the browser instead of stopping the server, and the print HTML has a preview address.
(tests/browser/test_preview.py sees the reload happen in Chromium.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import rewrite
from generator.site.security import CONTENT_SECURITY_POLICY
from preview_server import fetch, serving, wait_for

pytestmark = pytest.mark.slow


def test_serve_regenerates_a_page_when_its_yaml_changes(tmp_path: Path) -> None:
    with serving(tmp_path) as preview:
        url = preview.url + "causes/"
        page = wait_for(url, "<h1")
        assert re.search(r'<script src="/_preview/livereload\.js" data-build="\d+" data-request="\d+"></script></body>', page)
        assert "livereload(" not in page  # MkDocs' inline script, which the policy would block
        assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">' in page.replace("&#39;", "'")
        assert "offline.js" not in page  # a cache-first worker would show writers stale pages
        rewrite(preview.content, "causes.yaml", lambda d: d["page"].update(title="Edited while serving"))
        assert "Edited while serving" in wait_for(url, "Edited while serving")
        script = fetch(preview.url + "_preview/livereload.js")
        assert 'poller.open("GET", "/livereload/" + build + "/" + request);' in script


def test_content_broken_at_start_shows_the_problems_and_serving_goes_on(tmp_path: Path) -> None:
    content = tmp_path / "content"
    import shutil

    from preview_server import ROOT

    shutil.copytree(ROOT / "content", content)
    rewrite(content, "recovery.yaml", lambda d: d["page"].update(title=""))
    with serving(tmp_path, ready_text="problem") as preview:
        for url in ("", "recovery/", "causes/", "no-such-page/"):
            page = fetch(preview.url + url)
            assert "<h1>The guide&#39;s content has 1 problem</h1>" in page, url
        path = (content / "recovery.yaml").resolve().as_posix()
        assert re.search(rf'<li><a class="where" href="vscode://file{re.escape(path)}:\d+:\d+">'
                         r"content/recovery\.yaml:\d+:\d+</a>: ", page)
        rewrite(preview.content, "recovery.yaml", lambda d: d["page"].update(title="Recovery, fixed"))
        assert "Recovery, fixed" in wait_for(preview.url + "recovery/", "Recovery, fixed")


def test_the_print_html_has_a_preview_address_with_the_pdf_stylesheet(tmp_path: Path) -> None:
    with serving(tmp_path) as preview:
        page = wait_for(preview.url + "print/guide.html", "</html>")
        assert '<link rel="stylesheet" href="guide.css">\n</head>' in page
        assert "@font-face" in fetch(preview.url + "print/guide.css")
        rewrite(preview.content, "causes.yaml", lambda d: d["page"].update(title="Printed while serving"))
        wait_for(preview.url + "print/guide.html", "Printed while serving")
