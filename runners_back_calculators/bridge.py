"""One way in for a page: raw form text -> the calculator -> the HTML fragment the page shows.

The browser's worker calls `run` with JSON text (the wheel and the memory snapshot import this
module); the build calls `answer` for the no-JavaScript page. Both therefore show the same
bytes. `export_file` (`export` from JSON) turns the same inputs into a plan's file to download,
for any calculator that export.FILE_NAMES lists. `rules` is the calculators' rules
(generator/content/rules.py) plus what the views need: the reader-facing `text`, the form's field
`names` for messages, and the id `prefix` of the form (the return planner's view takes its
words and prefix from its own rules and content).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from runners_back_calculators import checker, planner, return_plan, return_view, views
from runners_back_calculators import export as plan_files  # `export` is this module's entry
from runners_back_calculators.inputs import InputError


@dataclass(frozen=True)
class Calculator:
    parse: Callable[[Mapping[str, Any], Any], Any]
    """(rules, raw form values) -> the calculator's inputs, or InputError."""
    compute: Callable[[Mapping[str, Any], Any], dict[str, Any]]
    """(rules, inputs) -> the result as JSON-able data (what the CLI prints)."""
    view: Callable[[Mapping[str, Any], Any, dict[str, Any]], views.View]
    """(rules, inputs, result) -> {"summary", "html"}."""


def _planner_inputs(rules: Mapping[str, Any], raw: Any) -> dict[str, Any]:
    return planner.parse_inputs(rules["planner"], raw, rules.get("names"))


def _checker_inputs(rules: Mapping[str, Any], raw: Any) -> Any:
    return raw  # checker.assess validates the answers itself, for the CLI too


CALCULATORS: dict[str, Calculator] = {
    "mileage-planner": Calculator(
        parse=_planner_inputs,
        compute=lambda rules, values: planner.plan(rules["planner"], **values),
        view=lambda rules, values, result: views.planner_view(rules, result),
    ),
    "symptom-checker": Calculator(
        parse=_checker_inputs,
        compute=lambda rules, answers: checker.assess(rules["checker"], answers),
        view=views.checker_view,
    ),
    "return-planner": Calculator(
        parse=lambda rules, raw: return_plan.parse_inputs(rules["return_planner"], raw),
        compute=lambda rules, values: return_plan.plan(rules["return_planner"], **values),
        view=lambda rules, values, result: return_view.view(rules["return_planner"], result),
    ),
}


def answer(kind: str, rules: Mapping[str, Any], raw: Any) -> dict[str, Any]:
    """{"ok": true, "result", "summary", "html"} or {"ok": false, "error": {"field", "message"}}."""
    calculator = CALCULATORS.get(kind)
    try:
        if calculator is None:
            raise InputError("kind", f"unknown calculator {kind!r}")
        inputs = calculator.parse(rules, raw)
        result = calculator.compute(rules, inputs)
    except InputError as error:
        return _refused(error)
    return {"ok": True, "result": result, **calculator.view(rules, inputs, result)}


def _refused(error: InputError) -> dict[str, Any]:
    return {"ok": False, "error": {"field": error.field, "message": error.message}}


def run(kind: str, rules_json: str, inputs_json: str) -> str:
    """`answer` from JSON text to JSON text: what the worker calls."""
    out = answer(kind, json.loads(rules_json), json.loads(inputs_json))
    return json.dumps(out, sort_keys=True, ensure_ascii=False)


EXPORT_FORMATS = ("ics", "csv")


def export_file(
    kind: str, rules: Mapping[str, Any], raw: Any, fmt: str, start_date: str = ""
) -> dict[str, Any]:
    """The plan for these form values as a file: {"ok": true, "text", "filename",
    "media_type"}, or a refusal as `answer` gives one. `start_date` is the calendar's first
    day (for the return planner, blank means the form's own)."""
    calculator = CALCULATORS.get(kind)
    try:
        if calculator is None or kind not in plan_files.FILE_NAMES:
            raise InputError("kind", f"no file can be made for calculator {kind!r}")
        if fmt not in EXPORT_FORMATS:
            raise InputError("format", f"format must be {' or '.join(EXPORT_FORMATS)}, got {fmt!r}")
        plan = calculator.compute(rules, calculator.parse(rules, raw))
        if fmt == "ics":
            name = rules.get("names", {}).get("start_date", "start_date")
            text = plan_files.to_ics(plan, start_date, kind, name)
        else:
            text = plan_files.to_csv(plan, kind)
    except InputError as error:
        return _refused(error)
    return {"ok": True, "text": text, "filename": f"{plan_files.FILE_NAMES[kind]}.{fmt}",
            "media_type": plan_files.MEDIA_TYPES[fmt]}


def export(kind: str, rules_json: str, inputs_json: str, fmt: str, start_date: str) -> str:
    """`export_file` from JSON text to JSON text: what the worker calls for a download."""
    out = export_file(kind, json.loads(rules_json), json.loads(inputs_json), fmt, start_date)
    return json.dumps(out, sort_keys=True, ensure_ascii=False)
