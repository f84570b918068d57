"""`python -m generator return`: JSON out, or exit status 2 and one line naming the option."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from return_fixtures import return_rules
from runners_back_calculators import return_plan
from runners_back_calculators.commands import add_commands

ROOT = Path(__file__).resolve().parent.parent


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="generator")
    commands = parser.add_subparsers(dest="command", required=True)
    add_commands(commands, lambda folder: {"return_planner": return_rules()})
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def content(tmp_path: Path) -> str:
    folder = tmp_path / "content"
    folder.mkdir()
    return str(folder)


def test_return_prints_the_plan_as_indented_json(
    content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["return", "--pain-now", "1", "--walk-minutes", "45", "--hop", "yes",
            "--warning-signs", "no", "--runs-per-week", "2", "--target-minutes", "12",
            "--start-date", "2026-12-07", "--content", content]
    assert run(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    expected = return_plan.plan(return_rules(), pain_now=1, walk_minutes=45, hop="yes",
                                warning_signs="no", runs_per_week=2, target_minutes=12,
                                start_date="2026-12-07")
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(out)["sessions"][1]["date"] == "2026-12-10"


def test_return_uses_the_content_defaults(content: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["return", "--content", content]) == 0
    assert json.loads(capsys.readouterr().out) == return_plan.plan(return_rules())


def test_return_not_ready_is_an_answer_not_an_error(
    content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["return", "--warning-signs", "unsure", "--content", content]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert (result["readiness"], result["sessions"]) == ("see-checker", [])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--pain-now", "11"], "return: --pain-now must be a whole number from 0 to 10, got '11'"),
        (["--pain-now", "abc"], "return: --pain-now must be a whole number from 0 to 10, got 'abc'"),
        (["--walk-minutes", "-5"],
         "return: --walk-minutes must be a whole number from 0 to 600, got '-5'"),
        (["--runs-per-week", "4"],
         "return: --runs-per-week must be a whole number from 2 to 3, got '4'"),
        (["--target-minutes", "nan"],
         "return: --target-minutes must be a whole number from 10 to 90, got 'nan'"),
        (["--hop", "maybe"], "return: --hop must be 'yes' or 'no' or 'not-tried', got 'maybe'"),
        (["--warning-signs", "none"],
         "return: --warning-signs must be 'no' or 'yes' or 'unsure', got 'none'"),
        (["--start-date", "2026-13-01"],
         "return: --start-date must be a date written as YYYY-MM-DD, from 2000-01-01 to "
         "2100-12-31, got '2026-13-01'"),
    ],
)
def test_return_refuses_bad_options_with_status_2_naming_the_option(
    content: str, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    assert run(["return", *options, "--content", content]) == 2
    assert capsys.readouterr() == ("", message + "\n")


def test_return_refuses_a_content_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-content")
    assert run(["return", "--content", missing]) == 2
    assert capsys.readouterr() == ("", f"return: --content must be a folder, got {missing!r}\n")


def test_return_end_to_end_on_the_real_content() -> None:
    def generator(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                              text=True, cwd=ROOT, check=False)

    done = generator("return", "--target-minutes", "20")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ready"] is True
    assert result["sessions"][-1]["run_seconds"] == 1200
    refused = generator("return", "--runs-per-week", "7")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == "return: --runs-per-week must be a whole number from 2 to 3, got '7'\n"


def test_the_new_modules_import_only_the_standard_library() -> None:
    probe = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import runners_back_calculators.return_plan, runners_back_calculators.return_view\n"
        "import runners_back_calculators.export\n"
        "new = {name.split('.')[0] for name in set(sys.modules) - before}\n"
        "print(sorted(new - set(sys.stdlib_module_names) - {'runners_back_calculators'}))\n"
        "print(sorted(n for n in set(sys.modules) - before if n.split('.')[0] == 'generator'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n" + probe],
        capture_output=True, text=True, check=True,
    )
    assert done.stdout.splitlines() == ["[]", "[]"]
