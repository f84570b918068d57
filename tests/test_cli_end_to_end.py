"""`python -m generator assess|plan` on the real content, as a script would call them.

Two tests start a real `python -m generator` process; the rest call the same `main` in this
process, which gives the same exit status and output without a new interpreter each time.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, Cli


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


def test_plan_with_too_few_weeks_says_how_many_are_needed(cli: Cli) -> None:
    plan = json.loads(cli("plan", "--current", "20", "--target", "40", "--weeks", "6")[1])
    assert len(plan["weeks"]) == 6
    assert (plan["reaches_target"], plan["weeks_to_target"]) == (False, 10)
    assert any("10" in note and "6" in note for note in plan["notes"])


def test_plan_rejects_nonsense_with_exit_2_and_no_traceback(cli: Cli) -> None:
    for args in (["--current", "abc"], ["--current", "-5"], ["--current", "nan"], ["--current", "5000"]):
        status, out, err = cli("plan", "--target", "40", *args)
        assert status == 2, args
        assert out == ""
        assert "--current" in err and "Traceback" not in err, args


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


def test_assess_never_advises_against_its_own_actions(cli: Cli) -> None:
    status, stdout, stderr = cli("assess", "--answers", "-", stdin='{"bone-stress": "yes"}')
    assert status == 0, stderr
    out = json.loads(stdout)
    assert (out["level"], out["actions"]) == ("soon", ["stop-running"])
    assert "keep to what you do now" not in out["advice"].lower()
    assert "running" not in out["advice"].lower()


def test_assess_rejects_an_unknown_id_and_a_bad_answer(cli: Cli) -> None:
    assert cli("assess", "--answers", "-", stdin='{"nope": "yes"}')[0] == 2
    status, _, err = cli("assess", "--answers", "-", stdin='{"fever": "maybe"}')
    assert status == 2 and "fever" in err and "Traceback" not in err
    assert cli("assess", "--answers", "-", stdin="[1, 2]")[0] == 2
