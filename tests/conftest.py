"""Shared fixtures: a fixed 'today', a writable copy of the real content, and one full site build."""

from __future__ import annotations

import datetime
import functools
import io
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TODAY = datetime.date(2026, 12, 1)

BRIDGE_MODULES = [
    "runners_back_calculators", "runners_back_calculators.bridge", "runners_back_calculators.checker",
    "runners_back_calculators.export", "runners_back_calculators.formatting", "runners_back_calculators.inputs",
    "runners_back_calculators.planner", "runners_back_calculators.return_plan",
    "runners_back_calculators.return_view", "runners_back_calculators.views"]
"""Every module importing the calculators' bridge loads, sorted: the bridge and all it uses."""


QUICK = "quick"
settings.register_profile(QUICK, max_examples=25)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
"""`make test-fast` sets HYPOTHESIS_PROFILE=quick: every property still runs, on fewer examples."""


def examples(full: int) -> int:
    """A property's example count: `full` in `make test`, at most the quick profile's under test-fast."""
    if settings.get_current_profile_name() == QUICK:
        return min(full, settings.default.max_examples)
    return full


SLOW_FIXTURES = frozenset({"built_site", "runtime_dir", "site_runtime"})
"""Fixtures that build the whole site or the browser runtime (wheel, lock, Node-made snapshot):
any test that asks for one is slow, wherever it is, so `make test-fast` never builds them."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow what builds the site, the runtime or the PDFs (test_pdf's `build` fixture)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SLOW_FIXTURES or (item.path.name == "test_pdf.py" and "build" in fixtures):
            item.add_marker(pytest.mark.slow)
"""Tests never read the clock: review dates are checked as of this day."""


@functools.cache
def real_guide() -> Any:
    """The real content, loaded once per session (about a second each time): for tests that only
    read it. A test that changes content copies it (`content_dir`) and loads its own copy."""
    from generator.content.load import load_guide

    return load_guide(CONTENT, today=TODAY)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A copy of the real content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """`python -m generator ARGS` in this process: (exit status, stdout, stderr), run from `cwd`.

    The same `main`, status and output as a new process, without starting Python and importing
    everything again for each message a test checks (a few tests still start the real process).
    """
    from generator.cli import main

    def call(*args: str, stdin: str = "", cwd: Path = ROOT) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            status = main(list(args))
        except SystemExit as exit:  # argparse's own usage errors
            status = exit.code
        out, err = capsys.readouterr()
        return status, out, err

    return call


@pytest.fixture
def beside_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where `content/` is, as `make check` does, so paths read `content/<file>`."""
    monkeypatch.chdir(tmp_path)


def errors_of(content_dir: Path, today: datetime.date = TODAY) -> list[str]:
    """Every message loading `content_dir` gives, in order (it must fail)."""
    from generator.content.load import load_guide
    from generator.errors import ContentErrors

    with pytest.raises(ContentErrors) as caught:
        load_guide(content_dir, today=today)
    return [str(error) for error in caught.value.errors]


def rewrite(content_dir: Path, name: str, change: Callable[[Any], None]) -> str:
    """Load one content file, let `change` edit the data, write it back; returns the new text."""
    path = content_dir / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
    return text


def position_of(text: str, needle: str) -> tuple[int, int]:
    """Line and column (from 1) of the first occurrence of `needle`: where an error must point."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per session from the real content (slow: about a minute)."""
    from generator.build import build_site

    site = tmp_path_factory.mktemp("build") / "site"
    build_site(ROOT / "mkdocs.yml", site, today=TODAY)
    return site


# ---------------------------------------------------------------- the widgets' wording


@pytest.fixture(scope="session")
def wording() -> dict[str, Any]:
    """content/widgets.yaml as the widgets read it (`rules["wording"]`), loaded once."""
    from calculator_fixtures import wording as load_wording

    return load_wording()
