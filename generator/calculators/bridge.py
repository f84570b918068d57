"""One way in for a page: raw form text -> the calculator -> the HTML fragment the page shows.

The browser's worker calls `run` with JSON text (the wheel and the memory snapshot import this
module); the build calls `answer` for the no-JavaScript page. Both therefore show the same
bytes. `rules` is the calculators' rules (generator/rules.py) plus what the views need: the
reader-facing `text`, the form's field `names` for messages, and the id `prefix` of the form.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.calculators import checker, planner, views
from generator.calculators.inputs import InputError


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
        return {"ok": False, "error": {"field": error.field, "message": error.message}}
    return {"ok": True, "result": result, **calculator.view(rules, inputs, result)}


def run(kind: str, rules_json: str, inputs_json: str) -> str:
    """`answer` from JSON text to JSON text: what the worker calls."""
    out = answer(kind, json.loads(rules_json), json.loads(inputs_json))
    return json.dumps(out, sort_keys=True, ensure_ascii=False)
