"""A build that cannot finish says why in one clean message (exit 1), never with a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, rewrite
from generator import cli
from generator.build import SITE_MARKER, BuildError
from generator.errors import GeneratorError

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path, content_dir: Path) -> Path:
    from test_build import config_for

    config_for(content_dir)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    (site / SITE_MARKER).write_text("", encoding="utf-8")
    return tmp_path


def build_cli(project: Path, capsys: pytest.CaptureFixture[str], site_dir: Path | None = None) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["build", "--config", str(project / "mkdocs.yml"),
                     "--site-dir", str(site_dir or project / "site"), "--today", TODAY.isoformat()])
    return code, capsys.readouterr().err


def fail_with(error: BaseException):
    def broken(*args: object, **kwargs: object) -> None:
        raise error
    return broken


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ("runtime", "build failed: the Pyodide runtime is not installed: run `npm ci`"),
        ("permission", "build failed: [Errno 13] Permission denied: '/site/assets/pyodide'"),
    ],
)
def test_a_failing_runtime_step_is_one_clean_message(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, error: str, message: str
) -> None:
    from generator.runtime import assets as runtime_assets

    raised = {
        "runtime": runtime_assets.RuntimeAssetsError("the Pyodide runtime is not installed: run `npm ci`"),
        "permission": PermissionError(13, "Permission denied", "/site/assets/pyodide"),
    }[error]
    monkeypatch.setattr(runtime_assets, "write_runtime", fail_with(raised))
    code, err = build_cli(project, capsys)
    assert code == 1
    assert message in err.splitlines()
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("ERROR")] == []  # said once
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the previous build"


def test_a_pdf_error_is_one_clean_message(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.pdf import PdfError
    from generator.pdf.background import PdfJob

    def broken(self: PdfJob, out_dir: Path) -> list[Path]:
        self.cancel()
        raise PdfError("WeasyPrint reported:\n  a problem")

    monkeypatch.setattr(PdfJob, "write", broken)
    code, err = build_cli(project, capsys)
    assert code == 1
    assert "build failed: WeasyPrint reported:" in err.splitlines()
    assert "Traceback" not in err


def test_every_error_of_the_generator_is_a_generator_error() -> None:
    from generator.errors import BuildError as Build
    from generator.errors import ContentErrors
    from generator.pdf import PdfError
    from generator.runtime.assets import RuntimeAssetsError

    assert all(issubclass(kind, GeneratorError) for kind in (Build, ContentErrors, PdfError, RuntimeAssetsError))
    assert BuildError is Build


def test_a_file_where_the_site_folder_must_go_is_a_clean_message(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = project / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    code, err = build_cli(project, capsys, site_dir=blocker / "site")
    assert code == 1
    assert err.startswith("build failed: ")
    assert "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_the_hook_turns_generator_errors_into_plugin_errors_for_plain_mkdocs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from generator.runtime import assets as runtime_assets

    monkeypatch.setattr(runtime_assets, "write_runtime",
                        fail_with(runtime_assets.RuntimeAssetsError("the Pyodide runtime is not installed")))
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    config.site_dir = str(project / "plain-site")
    with pytest.raises(Abort):
        build(config)


def test_messages_lose_terminal_escapes_and_quote_only_an_excerpt(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.runtime import assets as runtime_assets

    huge = "\x1b[2J\x1b]0;owned\x07" + "x" * 1_000_000 + "\x9b31m"
    monkeypatch.setattr(runtime_assets, "write_runtime", fail_with(runtime_assets.RuntimeAssetsError(huge)))
    code, err = build_cli(project, capsys)
    assert code == 1
    assert len(err) < 2000
    assert [char for char in err if ord(char) < 32 and char != "\n" or 0x7F <= ord(char) < 0xA0] == []
    assert "build failed: " + "x" * 100 in err
    assert "owned" not in err


def test_characters_the_pdf_fonts_cannot_draw_are_named_with_their_text(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_build import config_for

    rewrite(content_dir, "causes.yaml", lambda d: d["causes"][0].update(title="Weak core 腰痛"))
    config_for(content_dir)
    code, err = build_cli(content_dir.parent, capsys)
    assert code == 1
    assert 'build failed: the PDF fonts cannot draw "腰" (U+8170), "痛" (U+75DB), in "Weak core 腰痛"' in err.splitlines()
    assert "Traceback" not in err


def test_a_missing_node_modules_is_a_clean_message(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    left_out = shutil.ignore_patterns(
        "node_modules", ".git", ".venv", "calculators-runtime", "__pycache__", ".pytest_cache", ".hypothesis")
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: left_out(folder, names)
                    | ({"site"} if Path(folder) == ROOT else set()))  # the built site, not generator/site/
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", TODAY.isoformat()],
        cwd=copy, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "build failed: the Pyodide runtime is not installed (" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (copy / "site").exists()


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("plain words: 20 km", "plain words: 20 km"),
        ("\x1b[31mred\x1b[0m and \x1b]8;;https://x.test\x07link\x1b]8;;\x07", "red and link"),
        ("bell\x07 NUL\x00 C1\x9b2J bidi\u202eevil", "bell NUL C12J bidievil"),
        ("line one\r\nline two", "line one\nline two"),
        ("y" * 301, "y" * 300 + "… (301 characters)"),
    ],
)
def test_printable_strips_escapes_and_cuts_long_lines(message: str, shown: str) -> None:
    from generator.errors import printable

    assert printable(message) == shown


def test_printable_never_lets_a_control_character_through() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from generator.errors import EXCERPT_CHARS, printable

    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
    def check(message: str) -> None:
        shown = printable(message)
        assert [char for char in shown if (ord(char) < 32 and char not in "\n\t") or 0x7F <= ord(char) < 0xA0
                or 0x202A <= ord(char) <= 0x202E or 0x2066 <= ord(char) <= 0x2069] == []
        assert all(len(line) <= EXCERPT_CHARS + len("… (2,000 characters)") for line in shown.split("\n"))

    check()
