"""The same inputs through CPython and through Pyodide (in Node) give identical JSON.

Pyodide runs exactly what the browser's worker runs: overrides/assets/javascripts/
calculator-core.js loads the runtime, the wheel and the lockfile that `write_runtime` put into
a site, and passes raw form text to the calculators. CPython runs the calculators directly.
One Node process answers every case (Pyodide takes about 5 s to start).
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calculator_fixtures import rules as fixture_rules
from generator.calculators import checker, planner
from generator.calculators.inputs import InputError
from generator.load import load_guide
from generator.rules import calculator_rules
from generator.runtime_assets import write_runtime
from generator.widgets import FIELD_NAMES

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "node" / "calculators.js"

PLANNER_CASES: list[dict[str, str]] = [
    {"current": "20", "target": "40"},
    {"current": "20", "target": "40", "unit": "km", "max_increase": "10", "recovery_every": "4",
     "recovery_cut": "25", "longest_run": "", "weeks": ""},
    {"current": "30", "target": "55", "unit": "mi"},
    {"current": "12.5", "target": "61", "unit": "mi", "recovery_every": "3"},
    {"current": " 15.75 ", "target": "80", "max_increase": "7.5", "recovery_cut": "33.3"},
    {"current": "20", "target": "40", "weeks": "5"},
    {"current": "20", "target": "40", "longest_run": "12"},
    {"current": "50", "target": "30"},
    {"current": "40", "target": "40", "weeks": "2"},
    {"current": "1", "target": "400", "max_increase": "30", "recovery_every": "6"},
    {"current": "5", "target": "300"},  # longer than two years: capped, says so
    {"current": ".5", "target": "2", "max_increase": "30"},
    # Bad input: Python's message, naming the field.
    {"current": "", "target": "40"},
    {"current": "-5", "target": "40"},
    {"current": "abc", "target": "40"},
    {"current": "20", "target": "1e3"},
    {"current": "20", "target": "NaN"},
    {"current": "20", "target": "Infinity"},
    {"current": "20", "target": "99999"},
    {"current": "20", "target": "300", "unit": "mi"},
    {"current": "20", "target": "40", "unit": "furlong"},
    {"current": "20", "target": "40", "max_increase": "50"},
    {"current": "20", "target": "40", "max_increase": "0"},
    {"current": "20", "target": "40", "recovery_every": "2.5"},
    {"current": "20", "target": "40", "recovery_cut": "5"},
    {"current": "20", "target": "40", "longest_run": "25"},
    {"current": "20", "target": "40", "weeks": "0"},
    {"current": "20", "target": "40", "weeks": "105"},
    {"current": "0.1", "target": "40"},  # too small to grow in 0.1 steps
    {"current": "٣٠", "target": "40"},  # Arabic-Indic digits are not accepted as a number
    {"current": "20", "target": "40", "colour": "red"},  # unknown field
]

CHECKER_CASES: list[dict[str, str]] = [
    {},
    {"fever": "unsure"},
    {"saddle-numbness": "yes"},
    {"persistent-pain": "yes", "radiating-pain": "unsure"},
    {"persistent-pain": "yes", "fever": "yes", "both-legs": "unsure", "night-pain": "no"},
    {"saddle-numbness": "no", "fever": "no", "persistent-pain": "no"},
    {"made-up-sign": "yes"},
    {"fever": "maybe"},
]


def cpython(kind: str, rules: dict[str, Any], inputs: dict[str, str]) -> dict[str, Any]:
    """What the widget must get back, computed by CPython directly."""
    try:
        if kind == "mileage-planner":
            values = planner.parse_inputs(rules["planner"], inputs, FIELD_NAMES)
            result = planner.plan(rules["planner"], **values)
        else:
            result = checker.assess(rules["checker"], inputs)
    except InputError as error:
        return {"ok": False, "error": {"field": error.field, "message": error.message}}
    return {"ok": True, "result": result}


def content_rules() -> dict[str, Any]:
    return calculator_rules(load_guide(ROOT / "content", today=datetime.date(2026, 11, 25)))


def all_cases() -> list[dict[str, Any]]:
    cases = []
    for label, rules in (("fixture", fixture_rules()), ("content", content_rules())):
        for inputs in PLANNER_CASES:
            cases.append({"label": label, "kind": "mileage-planner", "rules": rules,
                          "inputs": inputs, "names": FIELD_NAMES})
        signs = [sign["id"] for sign in rules["checker"]["signs"]]
        for inputs in [*CHECKER_CASES, dict.fromkeys(signs, "no"), dict.fromkeys(signs, "unsure")]:
            cases.append({"label": label, "kind": "symptom-checker", "rules": rules,
                          "inputs": inputs})
    return cases


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is needed for the Pyodide tests (the Makefile's setup installs npm deps)"
    runtime = write_runtime(tmp_path_factory.mktemp("site"))
    cases = all_cases()
    process = subprocess.run(
        [node, str(SCRIPT), str(runtime)], input=json.dumps(cases), capture_output=True,
        text=True, timeout=300, check=False, cwd=ROOT,
    )
    assert process.returncode == 0, process.stderr
    run = json.loads(process.stdout)
    run["cases"] = cases
    return run


def test_pyodide_runs_the_wheel_offline(pyodide_run: dict[str, Any]) -> None:
    assert pyodide_run["blocked"] == []  # Pyodide never tried to fetch from the network
    assert pyodide_run["python"].startswith("3.14.")
    assert len(pyodide_run["outputs"]) == len(pyodide_run["cases"])


def test_identical_json_from_cpython_and_pyodide(pyodide_run: dict[str, Any]) -> None:
    mismatches = []
    for case, text in zip(pyodide_run["cases"], pyodide_run["outputs"], strict=True):
        expected = cpython(case["kind"], case["rules"], case["inputs"])
        expected_text = json.dumps(expected, sort_keys=True, ensure_ascii=False)
        if text != expected_text:
            mismatches.append((case["label"], case["kind"], case["inputs"], expected_text, text))
    assert mismatches == []


def test_the_table_covers_answers_and_refusals(pyodide_run: dict[str, Any]) -> None:
    """The cases are worth comparing: plans, holding plans, capped plans, every refusal."""
    outputs = [json.loads(text) for text in pyodide_run["outputs"]]
    plans = [o["result"] for o, c in zip(outputs, pyodide_run["cases"], strict=True)
             if o["ok"] and c["kind"] == "mileage-planner"]
    refused = {o["error"]["field"] for o in outputs if not o["ok"]}
    assert refused >= {"current", "target", "unit", "max_increase", "recovery_every",
                       "recovery_cut", "longest_run", "weeks", "colour", "made-up-sign", "fever"}
    assert any(not plan["reaches_target"] for plan in plans)
    assert any(plan["unit"] == "mi" for plan in plans)
    levels = {o["result"]["level"] for o, c in zip(outputs, pyodide_run["cases"], strict=True)
              if o["ok"] and c["kind"] == "symptom-checker"}
    assert levels == {"emergency", "urgent", "soon", "self-care"}
    first_error = next(o["error"] for o in outputs if not o["ok"])
    assert first_error == {"field": "current",
                           "message": "Current weekly distance must be a number from 0.1 to 400 "
                                      "km, got nothing"}
