"""Our own page scripts and stylesheets are served minified; the sources stay readable."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.site.minify import OWN_ASSETS, PAGE_SCRIPTS, minify_text, own_files, write_minified


def test_a_stylesheet_loses_its_comments_and_spare_whitespace() -> None:
    css = "a {\n  color: red; /* why */\n}\n\n.b > p { margin: 0 auto; }\n"
    assert minify_text("guide.css", css) == "a{color:red}.b>p{margin:0 auto}"


def test_a_script_loses_its_comments_but_not_what_strings_and_regexes_hold() -> None:
    script = (
        "// note\nvar a = 1; /* why */\nfunction f(x) {\n  return x + a; // add\n}\n"
        'var s = "/* kept */";\nvar r = /\\/\\/ kept/;\n'
    )
    assert minify_text("widgets.js", script) == (
        'var a=1;function f(x){return x+a;}\nvar s="/* kept */";var r=/\\/\\/ kept/;')


def test_only_scripts_and_stylesheets_have_a_minifier() -> None:
    with pytest.raises(ValueError, match="no minifier for guide.html"):
        minify_text("guide.html", "<p>x</p>")


def test_the_site_gets_minified_copies_and_the_sources_stay_as_written(tmp_path: Path) -> None:
    shutil.copytree(OWN_ASSETS, tmp_path / "assets")
    (tmp_path / "assets" / "javascripts" / "bundle.0123.min.js").write_text("/* Material's */ x;", encoding="utf-8")
    written = write_minified(tmp_path)
    assert [path.relative_to(tmp_path).as_posix() for path in written] == [
        *(f"assets/javascripts/{name}" for name in PAGE_SCRIPTS),
        "assets/stylesheets/guide.css", "assets/stylesheets/print.css", "assets/stylesheets/widgets.css",
    ]
    for path in written:
        source = (OWN_ASSETS / path.relative_to(tmp_path / "assets")).read_text(encoding="utf-8")
        assert "/*" in source or "//" in source, path  # the source keeps its notes
        assert path.read_text(encoding="utf-8") == minify_text(path.name, source)
        assert len(path.read_bytes()) < len(source.encode("utf-8")), path
    # Not ours, and the worker's scripts (calculator-core.js stamps the snapshot): untouched.
    assert (tmp_path / "assets/javascripts/bundle.0123.min.js").read_text(encoding="utf-8") == "/* Material's */ x;"
    worker = "javascripts/calculator-worker.js"
    assert (tmp_path / "assets" / worker).read_bytes() == (OWN_ASSETS / worker).read_bytes()
    assert write_minified(tmp_path) == written  # again: the same files, no harm done
    assert own_files(tmp_path / "nothing") == []


@pytest.mark.skipif(shutil.which("node") is None, reason="Node parses the minified scripts")
def test_every_minified_page_script_still_parses(tmp_path: Path) -> None:
    for name in PAGE_SCRIPTS:
        minified = tmp_path / Path(name).name
        minified.write_text(minify_text(name, (OWN_ASSETS / "javascripts" / name).read_text(encoding="utf-8")),
                            encoding="utf-8")
        checked = subprocess.run(["node", "--check", str(minified)], capture_output=True, text=True)
        assert checked.returncode == 0, (name, checked.stderr)


@given(st.sampled_from([*(f"javascripts/{name}" for name in PAGE_SCRIPTS),
                        "stylesheets/guide.css", "stylesheets/print.css", "stylesheets/widgets.css"]))
def test_minifying_twice_changes_nothing_more(name: str) -> None:
    once = minify_text(name, (OWN_ASSETS / name).read_text(encoding="utf-8"))
    assert minify_text(name, once) == once
