"""The return planner and plan export, from JSON text to JSON text: one driver for both sides.

The differential test runs this same file in CPython and on Pyodide (tests/node/calculators.js),
so the two are compared through identical code. It stands in for the calculators' bridge
entries until the bridge registers the return planner and the exports; it imports them
lazily, so the bridge's own import set is measured before it runs.
"""

import json


def run_extra(kind, rules_json, inputs_json):
    from generator.calculators import export, planner, return_plan
    from generator.calculators.inputs import InputError
    from generator.calculators.return_view import view

    rules = json.loads(rules_json)
    raw = json.loads(inputs_json)

    def plan_of(plan_kind, inputs):
        if plan_kind == "mileage-planner":
            return planner.plan(rules["planner"], **planner.parse_inputs(rules["planner"], inputs))
        values = return_plan.parse_inputs(rules["return_planner"], inputs)
        return return_plan.plan(rules["return_planner"], **values)

    try:
        if kind == "return-planner":
            result = plan_of(kind, raw)
            out = {"ok": True, "result": result, **view(rules["return_planner"], result)}
        elif kind == "export-ics":
            plan = plan_of(raw["plan_kind"], raw["inputs"])
            out = {"ok": True, "result": export.to_ics(plan, raw["start_date"], raw["plan_kind"])}
        elif kind == "export-csv":
            plan = plan_of(raw["plan_kind"], raw["inputs"])
            out = {"ok": True, "result": export.to_csv(plan, raw["plan_kind"])}
        else:
            raise InputError("kind", f"unknown calculator {kind!r}")
    except InputError as error:
        out = {"ok": False, "error": {"field": error.field, "message": error.message}}
    return json.dumps(out, sort_keys=True, ensure_ascii=False)
