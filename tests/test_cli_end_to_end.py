"""`python -m generator assess|plan` on the real content, as a script would call them."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, input=stdin, capture_output=True, text=True, check=False
    )


def test_plan_with_the_contract_example_options() -> None:
    result = run("plan", "--current", "20", "--target", "40", "--longest-run", "8")
    assert (result.returncode, result.stderr) == (0, "")
    plan = json.loads(result.stdout)
    assert plan["unit"] == "km"
    assert plan["weeks"][0] == {"week": 1, "distance": 22.0, "long_run": 8.8, "recovery": False}
    assert [week["distance"] for week in plan["weeks"]] == [22.0, 24.2, 26.6, 19.9, 29.2, 32.1, 35.3, 26.4, 38.8, 40.0]
    assert (plan["reaches_target"], plan["weeks_to_target"]) == (True, 10)
    assert len(plan["notes"]) >= 2


def test_plan_with_too_few_weeks_says_how_many_are_needed() -> None:
    plan = json.loads(run("plan", "--current", "20", "--target", "40", "--weeks", "6").stdout)
    assert len(plan["weeks"]) == 6
    assert (plan["reaches_target"], plan["weeks_to_target"]) == (False, 10)
    assert any("10" in note and "6" in note for note in plan["notes"])


def test_plan_rejects_nonsense_with_exit_2_and_no_traceback() -> None:
    for args in (["--current", "abc"], ["--current", "-5"], ["--current", "nan"], ["--current", "5000"]):
        result = run("plan", "--target", "40", *args)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert "--current" in result.stderr and "Traceback" not in result.stderr, args


def test_assess_reads_standard_input() -> None:
    answers = {"fever": "unsure", "radiating-pain": "yes", "saddle-numbness": "no"}
    result = run("assess", "--answers", "-", stdin=json.dumps(answers))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["level"] == "urgent"
    assert out["reasons"] == ["fever", "radiating-pain"]
    assert out["advice"]
    assert out["actions"] == ["stop-running"]
    assert out["complete"] is False
    assert out["unanswered"][0] == "bladder-bowel-change"


def test_assess_never_advises_against_its_own_actions() -> None:
    result = run("assess", "--answers", "-", stdin='{"bone-stress": "yes"}')
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["level"], out["actions"]) == ("soon", ["stop-running"])
    assert "keep to what you do now" not in out["advice"].lower()
    assert "running" not in out["advice"].lower()


def test_assess_rejects_an_unknown_id_and_a_bad_answer() -> None:
    assert run("assess", "--answers", "-", stdin='{"nope": "yes"}').returncode == 2
    bad = run("assess", "--answers", "-", stdin='{"fever": "maybe"}')
    assert bad.returncode == 2 and "fever" in bad.stderr and "Traceback" not in bad.stderr
    assert run("assess", "--answers", "-", stdin="[1, 2]").returncode == 2
