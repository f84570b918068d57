"""The `assess` and `plan` subcommands, run in-process through a small local main."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from calculator_fixtures import rules
from runners_back_calculators import checker, planner
from runners_back_calculators.commands import add_commands


class FakeLoader:
    """Stands in for the content loader, recording which folder it was asked for."""

    def __init__(self, rules_dict: dict[str, Any] | None = None) -> None:
        self.rules = rules_dict or rules()
        self.folders: list[Path] = []

    def __call__(self, content_dir: Path) -> dict[str, Any]:
        self.folders.append(content_dir)
        return self.rules


def run(argv: list[str], loader: FakeLoader | None = None) -> int:
    parser = argparse.ArgumentParser(prog="generator")
    commands = parser.add_subparsers(dest="command", required=True)
    add_commands(commands, loader or FakeLoader())
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def content(tmp_path: Path) -> str:
    folder = tmp_path / "content"
    folder.mkdir()
    return str(folder)


def write(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "answers.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


# --- assess -----------------------------------------------------------------------------------


def test_assess_reads_a_file_and_prints_the_result_as_indented_json(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {"fever": "unsure", "persistent-pain": "yes", "saddle-numbness": "no"}
    loader = FakeLoader()
    argv = ["assess", "--answers", write(tmp_path, json.dumps(answers)), "--content", content]
    status = run(argv, loader)
    out, err = capsys.readouterr()
    expected = checker.assess(rules()["checker"], answers)
    assert (status, err) == (0, "")
    assert json.loads(out) == expected == {
        "level": "urgent",
        "reasons": ["fever", "persistent-pain"],
        "advice": "Contact a doctor today.",
        "actions": ["stop-running"],
        "complete": False,
        "unanswered": [
            "bladder-bowel-change", "sexual-dysfunction", "both-legs", "worsening-weakness",
            "major-trauma", "chest-abdominal-pain", "weight-loss", "cancer-history",
            "immune-risk", "osteoporosis-fall", "night-pain", "upper-back-pain",
            "back-shape-change", "leg-numbness-tingling", "cough-sneeze-strain", "leg-weakness",
            "foot-drop", "recent-infection-or-procedure", "recent-spinal-surgery",
        ],
    }
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert loader.folders == [Path(content)]


def test_assess_reads_standard_input_with_a_dash(
    content: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"saddle-numbness": "yes"}'))
    assert run(["assess", "--answers", "-", "--content", content]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "emergency"


def test_assess_prints_non_ascii_text_as_is(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    loader = FakeLoader()
    loader.rules["checker"]["levels"][1]["advice"] = "A temperature of 38 °C: call today."
    run(["assess", "--answers", write(tmp_path, '{"fever": "yes"}'), "--content", content], loader)
    assert '"advice": "A temperature of 38 °C: call today."' in capsys.readouterr().out


def test_assess_with_no_answers_is_self_care_but_incomplete(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["assess", "--answers", write(tmp_path, "{}"), "--content", content]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["level"], result["complete"], len(result["unanswered"])) == (
        "self-care", False, 21)
    assert result["unanswered"][:2] == ["saddle-numbness", "bladder-bowel-change"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"typo": "yes"}', "assess: unknown sign id 'typo' in --answers"),
        ('{"fever": "Y"}', "assess: fever must be 'yes', 'no' or 'unsure', got 'Y' in --answers"),
        ('{"fever": null}', "assess: fever must be 'yes', 'no' or 'unsure', got None in --answers"),
        ('["fever"]',
         "assess: --answers must be a JSON object of sign ids and answers, got an array"),
        ('"yes"', "assess: --answers must be a JSON object of sign ids and answers, got a string"),
        ("3", "assess: --answers must be a JSON object of sign ids and answers, got a number"),
        ("null", "assess: --answers must be a JSON object of sign ids and answers, got null"),
        ("true", "assess: --answers must be a JSON object of sign ids and answers, got true"),
        ("", "assess: --answers is not valid JSON: Expecting value: line 1 column 1 (char 0)"),
        ("{fever: yes}", "assess: --answers is not valid JSON: Expecting property name enclosed "
         "in double quotes: line 1 column 2 (char 1)"),
        ('{"fever": "yes", "fever": "no"}', "assess: --answers gives sign 'fever' more than once"),
    ],
)
def test_assess_refuses_bad_answers_with_status_2_and_one_line(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    assert run(["assess", "--answers", write(tmp_path, text), "--content", content]) == 2
    assert capsys.readouterr() == ("", message + "\n")


def test_assess_refuses_a_missing_file(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope.json")
    assert run(["assess", "--answers", missing, "--content", content]) == 2
    assert capsys.readouterr() == (
        "", f"assess: --answers cannot read {missing!r}: No such file or directory\n"
    )


def test_assess_refuses_a_file_that_is_not_utf8(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, b'{"fever": "\xff"}')
    assert run(["assess", "--answers", path, "--content", content]) == 2
    assert capsys.readouterr() == ("", f"assess: --answers {path!r} is not UTF-8 text\n")


def test_assess_refuses_a_content_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loader = FakeLoader()
    missing = str(tmp_path / "no-content")
    assert run(["assess", "--answers", write(tmp_path, "{}"), "--content", missing], loader) == 2
    assert capsys.readouterr() == ("", f"assess: --content must be a folder, got {missing!r}\n")
    assert loader.folders == []


def test_assess_requires_answers(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["assess"])
    assert exited.value.code == 2
    assert "the following arguments are required: --answers" in capsys.readouterr().err


# --- plan -------------------------------------------------------------------------------------


def test_plan_prints_the_plan_as_indented_json(
    content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    loader = FakeLoader()
    assert run(["plan", "--current", "20", "--target", "40", "--content", content], loader) == 0
    out, err = capsys.readouterr()
    expected = planner.plan(rules()["planner"], 20, 40)
    assert err == ""
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    result = json.loads(out)
    assert [w["distance"] for w in result["weeks"]] == [
        22.0, 24.2, 26.6, 19.9, 29.2, 32.1, 35.3, 26.4, 38.8, 40.0,
    ]
    assert (result["reaches_target"], result["weeks_to_target"]) == (True, 10)
    assert loader.folders == [Path(content)]


def test_plan_passes_every_option_through(content: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["plan", "--current", "10", "--target", "30", "--unit", "mi", "--max-increase", "7.5",
            "--recovery-every", "3", "--recovery-cut", "30", "--longest-run", "6", "--weeks", "5",
            "--content", content]
    assert run(argv) == 0
    assert json.loads(capsys.readouterr().out) == planner.plan(
        rules()["planner"], 10, 30, unit="mi", max_increase=7.5, recovery_every=3, recovery_cut=30,
        longest_run=6, weeks=5,
    )


def test_plan_uses_the_content_defaults_for_options_left_out(
    content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    loader = FakeLoader()
    loader.rules["planner"].update(unit="mi", recovery_every=2, recovery_cut=50)
    assert run(["plan", "--current", "20", "--target", "22", "--content", content], loader) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["unit"] == "mi"
    assert [w["distance"] for w in result["weeks"]] == [22.0]
    assert run(["plan", "--current", "20", "--target", "25", "--content", content], loader) == 0
    weeks = json.loads(capsys.readouterr().out)["weeks"]
    assert [w["distance"] for w in weeks] == [22.0, 11.0, 24.2, 12.1, 25.0]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--current", "abc"], "plan: --current must be a number from 0.1 to 400 km, got 'abc'"),
        (["--current", "-5"], "plan: --current must be a number from 0.1 to 400 km, got '-5'"),
        (["--current=-inf"], "plan: --current must be a number from 0.1 to 400 km, got '-inf'"),
        (["--current", "nan"], "plan: --current must be a number from 0.1 to 400 km, got 'nan'"),
        (["--current", "0"], "plan: --current must be a number from 0.1 to 400 km, got '0'"),
        (["--current", ""], "plan: --current must be a number from 0.1 to 400 km, got nothing"),
        (["--target", "500"], "plan: --target must be a number from 0.1 to 400 km, got '500'"),
        (["--unit", "mi", "--target", "300"],
         "plan: --target must be a number from 0.1 to 248.5 mi, got '300'"),
        (["--unit", "miles"], "plan: --unit must be 'km' or 'mi', got 'miles'"),
        (["--max-increase", "50"],
         "plan: --max-increase must be a percentage from 1 to 30, got '50'"),
        (["--recovery-every", "3.5"],
         "plan: --recovery-every must be a whole number from 2 to 6, got '3.5'"),
        (["--recovery-cut", "5"],
         "plan: --recovery-cut must be a percentage from 10 to 50, got '5'"),
        (["--longest-run", "30"],
         "plan: --longest-run must be a number from 0.1 to 20 km (no more than --current), "
         "got '30'"),
        (["--weeks", "105"], "plan: --weeks must be a whole number from 1 to 104, got '105'"),
        (["--current", "0.5"],
         "plan: --current must be at least 1 km to build in steps of 0.1 km at a maximum increase "
         "of 10%, got '0.5'"),
    ],
)
def test_plan_refuses_bad_options_with_status_2_naming_the_option(
    content: str, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    argv = ["plan", "--current", "20", "--target", "40", *options, "--content", content]
    assert run(argv) == 2
    assert capsys.readouterr() == ("", message + "\n")


def test_plan_refuses_a_content_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-content")
    assert run(["plan", "--current", "20", "--target", "40", "--content", missing]) == 2
    assert capsys.readouterr() == ("", f"plan: --content must be a folder, got {missing!r}\n")


@pytest.mark.parametrize("argv", [["plan", "--target", "40"], ["plan", "--current", "20"]])
def test_plan_requires_current_and_target(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(argv)
    assert exited.value.code == 2
    assert "the following arguments are required" in capsys.readouterr().err


def test_the_default_content_folder_is_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    loader = FakeLoader()
    assert run(["plan", "--current", "20", "--target", "40"], loader) == 0
    assert run(["assess", "--answers", write(tmp_path, "{}")], loader) == 0
    assert loader.folders == [Path("content"), Path("content")]


# --- the package stays runnable on Pyodide ------------------------------------------------------


def test_the_calculators_import_only_the_standard_library() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import runners_back_calculators.checker, runners_back_calculators.planner\n"
        "import runners_back_calculators.inputs, runners_back_calculators.commands\n"
        "import runners_back_calculators.views, runners_back_calculators.bridge\n"
        "new = {name.split('.')[0] for name in set(sys.modules) - before}\n"
        "print(sorted(new - set(sys.stdlib_module_names) - {'runners_back_calculators'}))\n"
        "print(sorted(n for n in set(sys.modules) - before if n.split('.')[0] == 'generator'))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(root)!r})\n" + probe],
        capture_output=True, text=True, check=True,
    )
    assert done.stdout.splitlines() == ["[]", "[]"]
