"""The same inputs through CPython and through Pyodide (in Node) give identical JSON and HTML.

Pyodide runs exactly what the browser's worker runs: overrides/assets/javascripts/
calculator-core.js loads the runtime, the wheel and the lockfile that `write_runtime` put into
a site, and passes raw form text to the bridge module, for an answer (`run`: all three
calculators) or a plan's file (`export`: both planners, calendar and spreadsheet). CPython asks
the same bridge, as the build does: the fragments and files must match byte for byte.
Both ways the worker can start are compared: "plain" (boot Python, install the wheel) and
"snapshot" (restore the memory snapshot made at build time, unpacked by the worker's code).
One Node process per way answers every case (a plain start takes about 5 s).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calculator_fixtures import rules as fixture_rules
from conftest import BRIDGE_MODULES, real_guide
from generator.content.rules import calculator_rules
from generator.runtime.assets import write_runtime
from generator.site.return_widget import view_rules as return_view_rules
from generator.site.widgets import view_rules
from return_fixtures import return_rules
from runners_back_calculators import bridge

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
    {"bone-stress": "yes", "saddle-numbness": "no"},  # stop-running beside the soon advice
    {"major-trauma": "unsure"},  # both actions
    {"made-up-sign": "yes"},
    {"fever": "maybe"},
]


RETURN_CASES: list[dict[str, str]] = [
    {},
    {"warning_signs": "no", "pain_now": "0", "walk_minutes": "30", "hop": "yes",
     "runs_per_week": "3", "target_minutes": "30", "start_date": ""},
    {"runs_per_week": "2", "target_minutes": "90", "start_date": "2026-12-28"},
    {"target_minutes": " 10 ", "start_date": "2100-12-01"},  # dates past the year 2100
    {"warning_signs": "unsure"},
    {"pain_now": "7", "walk_minutes": "0"},
    {"walk_minutes": "12", "hop": "no"},
    {"hop": "not-tried"},
    # Bad input: Python's message, naming the field.
    {"pain_now": "11"},
    {"pain_now": "2.5"},
    {"walk_minutes": "NaN"},
    {"runs_per_week": "4"},
    {"target_minutes": "9"},
    {"hop": "maybe"},
    {"warning_signs": ""},  # blank takes the default
    {"start_date": "2026-02-30"},
    {"colour": "red"},
]

EXPORT_CASES: list[dict[str, Any]] = [
    {"plan_kind": "mileage-planner", "inputs": {"current": "20", "target": "40"},
     "start_date": "2026-12-07"},
    {"plan_kind": "mileage-planner", "inputs": {"current": "30", "target": "55", "unit": "mi"},
     "start_date": "2027-02-28"},
    {"plan_kind": "return-planner", "inputs": {}, "start_date": "2026-12-07"},
    {"plan_kind": "return-planner", "inputs": {"start_date": "2026-12-31", "runs_per_week": "2"},
     "start_date": ""},
    {"plan_kind": "return-planner", "inputs": {"hop": "no"}, "start_date": "2026-12-07"},
    {"plan_kind": "mileage-planner", "inputs": {"current": "20", "target": "40"},
     "start_date": ""},
]


def cpython(case: dict[str, Any]) -> str:
    """What the widget must get back: the bridge's JSON text, computed by CPython."""
    rules, inputs = json.dumps(case["rules"]), json.dumps(case["inputs"])
    if "export" in case:
        file = case["export"]
        return bridge.export(case["kind"], rules, inputs, file["format"], file["start_date"])
    return bridge.run(case["kind"], rules, inputs)


def content_rules() -> dict[str, Any]:
    return calculator_rules(real_guide())


def all_cases() -> list[dict[str, Any]]:
    """Every case: answers of the three calculators, then each planner's files."""
    cases = []
    fixture = {**fixture_rules(), "return_planner": return_rules()}
    for label, rules in (("fixture", fixture), ("content", content_rules())):
        planner_rules = view_rules("mileage-planner", rules)
        for inputs in PLANNER_CASES:
            cases.append({"label": label, "kind": "mileage-planner", "rules": planner_rules,
                          "inputs": inputs})
        checker_rules = view_rules("symptom-checker", rules)
        signs = [sign["id"] for sign in rules["checker"]["signs"]]
        for inputs in [*CHECKER_CASES, dict.fromkeys(signs, "no"), dict.fromkeys(signs, "unsure")]:
            cases.append({"label": label, "kind": "symptom-checker", "rules": checker_rules,
                          "inputs": inputs})
        return_rules_ = return_view_rules(rules)
        for inputs in RETURN_CASES:
            cases.append({"label": label, "kind": "return-planner", "rules": return_rules_,
                          "inputs": inputs})
        by_kind = {"mileage-planner": planner_rules, "return-planner": return_rules_}
        for export in EXPORT_CASES:
            for fmt in ("ics", "csv"):
                cases.append({
                    "label": label, "kind": export["plan_kind"],
                    "rules": by_kind[export["plan_kind"]], "inputs": export["inputs"],
                    "export": {"format": fmt, "start_date": export["start_date"]},
                })
    return cases


@pytest.fixture(scope="module")
def site_runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_runtime(tmp_path_factory.mktemp("site"))


def run_node(runtime: Path, mode: str, cases: list[dict[str, Any]]) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js is needed for the Pyodide tests (the Makefile's setup installs npm deps)"
    return subprocess.run(
        [node, str(SCRIPT), str(runtime), mode], input=json.dumps(cases), capture_output=True,
        text=True, timeout=300, check=False, cwd=ROOT,
    )


@pytest.fixture(scope="module", params=["plain", "snapshot"])
def pyodide_run(request: pytest.FixtureRequest, site_runtime: Path) -> dict[str, Any]:
    cases = all_cases()
    process = run_node(site_runtime, request.param, cases)
    assert process.returncode == 0, process.stderr
    run = json.loads(process.stdout)
    run["cases"] = cases
    run["mode"] = request.param
    return run


def test_pyodide_runs_the_wheel_offline(pyodide_run: dict[str, Any]) -> None:
    assert pyodide_run["blocked"] == []  # Pyodide never tried to fetch from the network
    assert pyodide_run["runtime"] == pyodide_run["mode"]  # no silent fallback
    assert pyodide_run["python"].startswith("3.14.")
    assert len(pyodide_run["outputs"]) == len(pyodide_run["cases"])


def test_computing_imports_nothing_new(pyodide_run: dict[str, Any]) -> None:
    """Everything the calculators use is imported before the first answer: in the snapshot, the
    wheel's files are not on the file system, so a late import of our code could not work."""
    before, after = pyodide_run["modules_before"], pyodide_run["modules_after"]
    assert sorted(set(after) - set(before)) == []
    ours = {name for name in before if name.split(".")[0] in ("generator", "runners_back_calculators")}
    assert ours == set(BRIDGE_MODULES)


def test_a_snapshot_of_other_calculators_is_refused(site_runtime: Path, tmp_path: Path) -> None:
    """A snapshot made from another wheel than the lockfile names (a stale cache, a half-deployed
    site) is refused, so the worker falls back to the plain start instead of running old code."""
    runtime = tmp_path / "pyodide"
    shutil.copytree(site_runtime, runtime)
    lock_path = runtime / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    entry = lock["packages"]["runners-back-calculators"]
    entry["sha256"] = "0" * 64
    lock_path.write_text(json.dumps(lock))
    process = run_node(runtime, "snapshot", all_cases()[:1])
    assert process.returncode != 0
    assert "the memory snapshot was made for other calculators" in process.stderr


def test_identical_json_and_html_from_cpython_and_pyodide(pyodide_run: dict[str, Any]) -> None:
    mismatches = []
    for case, text in zip(pyodide_run["cases"], pyodide_run["outputs"], strict=True):
        expected_text = cpython(case)
        if text != expected_text:
            mismatches.append((case["label"], case["kind"], case["inputs"], expected_text, text))
    assert mismatches == []


def test_the_table_covers_answers_and_refusals(pyodide_run: dict[str, Any]) -> None:
    """The cases are worth comparing: plans, holding plans, capped plans, every refusal."""
    answers = [(o, c) for o, c in zip(map(json.loads, pyodide_run["outputs"]),
                                      pyodide_run["cases"], strict=True) if "export" not in c]
    outputs = [o for o, _ in answers]
    plans = [o["result"] for o, c in answers if o["ok"] and c["kind"] == "mileage-planner"]
    refused = {o["error"]["field"] for o in outputs if not o["ok"]}
    assert refused >= {"current", "target", "unit", "max_increase", "recovery_every",
                       "recovery_cut", "longest_run", "weeks", "colour", "made-up-sign", "fever"}
    assert any(not plan["reaches_target"] for plan in plans)
    assert any(plan["unit"] == "mi" for plan in plans)
    checks = [o for o, c in answers if o["ok"] and c["kind"] == "symptom-checker"]
    assert {o["result"]["level"] for o in checks} == {"emergency", "urgent", "soon", "self-care"}
    shown = {(o["result"]["level"], o["result"]["complete"]) for o in checks}
    assert {("self-care", False), ("self-care", True), ("emergency", True)} <= shown
    assert any('data-action="stop-running"' in o["html"] for o in checks)
    assert all(o["html"].startswith('<div class="rbw-result') for o in outputs if o["ok"])
    first_error = next(o["error"] for o in outputs if not o["ok"])
    assert first_error == {"field": "current",
                           "message": "Current weekly distance must be a number from 0.1 to 400 "
                                      "km, got nothing"}


def test_the_return_planner_and_exports_are_compared_in_every_state(
    pyodide_run: dict[str, Any],
) -> None:
    """Every readiness state and refusal, the answer's HTML, and both export formats (the
    identical-JSON test above compares them; this one proves the cases are worth comparing)."""
    pairs = [(case, json.loads(text)) for case, text in
             zip(pyodide_run["cases"], pyodide_run["outputs"], strict=True)]
    plans = [out for case, out in pairs
             if case["kind"] == "return-planner" and "export" not in case and out["ok"]]
    assert {out["result"]["readiness"] for out in plans} == {
        "ready", "see-checker", "walk-first", "hop-first"}
    assert all(out["html"].startswith('<div class="rbw-result') for out in plans)
    assert all(out["summary"] == out["result"]["advice"] for out in plans)
    refused = {out["error"]["field"] for case, out in pairs
               if (case["kind"] == "return-planner" or "export" in case) and not out["ok"]}
    assert refused == {"pain_now", "walk_minutes", "runs_per_week", "target_minutes", "hop",
                       "start_date", "colour", "plan"}
    files = [(case["export"]["format"], out) for case, out in pairs if "export" in case]
    calendars = [out["text"] for fmt, out in files if fmt == "ics" and out["ok"]]
    tables = [out["text"] for fmt, out in files if fmt == "csv" and out["ok"]]
    assert len(calendars) == 8 and all(text.startswith("BEGIN:VCALENDAR\r\n") for text in calendars)
    assert len(tables) == 12 and all("\r\n" in text for text in tables)
    assert {out["filename"] for _, out in files if out["ok"]} == {
        "mileage-plan.ics", "mileage-plan.csv", "return-to-running-plan.ics",
        "return-to-running-plan.csv"}
