// The calculators on Pyodide: start Python, install our wheel from the site-local lockfile,
// and answer {kind, rules, inputs, names} with the JSON text Python returns.
//
// An ES module shared by the page's worker (calculator-worker.js) and the differential test
// (tests/node/calculators.js), so the test runs exactly the code the browser runs.

export const PACKAGE = "runners-back-calculators";

// The only Python that is not in the wheel: a thin bridge from JSON text to the calculators.
// Planner input goes through the same validator as the command line (parse_inputs), so a
// bad value comes back as {field, message} from Python's InputError, never as NaN.
export const BRIDGE = `
import json
from generator.calculators import checker, planner
from generator.calculators.inputs import InputError


def run_calculator(kind, rules_json, inputs_json, names_json):
    rules = json.loads(rules_json)
    raw = json.loads(inputs_json)
    names = json.loads(names_json) if names_json else None
    try:
        if kind == "mileage-planner":
            values = planner.parse_inputs(rules["planner"], raw, names)
            result = planner.plan(rules["planner"], **values)
        elif kind == "symptom-checker":
            result = checker.assess(rules["checker"], raw)
        else:
            raise InputError("kind", f"unknown calculator {kind!r}")
    except InputError as error:
        out = {"ok": False, "error": {"field": error.field, "message": error.message}}
    else:
        out = {"ok": True, "result": result}
    return json.dumps(out, sort_keys=True, ensure_ascii=False)
`;

/**
 * Start Python and load the calculators.
 * @param {Function} loadPyodide - from pyodide.mjs
 * @param {object} options - loadPyodide options (indexURL, lockFileURL, packageCacheDir...)
 * @returns {Promise<{pyodide: object, compute: Function}>}
 */
export async function startCalculators(loadPyodide, options) {
  const pyodide = await loadPyodide({
    stdout: () => {},
    stderr: () => {},
    ...options,
  });
  await pyodide.loadPackage(PACKAGE, {
    messageCallback: () => {},
    errorCallback: () => {},
    checkIntegrity: true,
  });
  pyodide.runPython(BRIDGE);
  const run = pyodide.globals.get("run_calculator");
  return {
    pyodide,
    /** JSON text: {"ok": true, "result": ...} or {"ok": false, "error": {field, message}}. */
    compute(kind, rules, inputs, names) {
      return run(
        kind,
        JSON.stringify(rules),
        JSON.stringify(inputs),
        names ? JSON.stringify(names) : "",
      );
    },
  };
}
