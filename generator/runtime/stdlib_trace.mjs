// Which files of Python's standard library the calculators need (run by generator/runtime/assets.py).
//
//   node generator/runtime/stdlib_trace.mjs PYODIDE_DIR LOCK_FILE
//
// Starts the calculators in Node exactly as the worker's plain start does (loadPyodide, then
// loadPackage of our wheel from the site-local LOCK_FILE, then the bridge: Pyodide's own start
// and its package installer are traced too), asks the bridge one question of each kind, then
// lists every module Python has loaded from the standard library's zip. Prints one line of
// JSON: {zip, files, modules}, `files` being paths inside the zip. The site then ships a zip
// of only those files (generator/runtime/assets.py, trim_stdlib). Nothing is fetched: any network access
// fails the run.

import path from "node:path";
import { pathToFileURL } from "node:url";

import { startCalculators } from "../../overrides/assets/javascripts/calculator-core.js";

const TRACE = `
import json, sys
zips = [entry for entry in sys.path if entry.endswith(".zip")]
files = set()
for module in list(sys.modules.values()):
    name = getattr(module, "__file__", None) or ""
    for archive in zips:
        if name.startswith(archive + "/"):
            files.add(name[len(archive) + 1:])
json.dumps({"zip": zips[0] if zips else "", "files": sorted(files), "modules": len(sys.modules)})
`;

const [, , pyodideArg, lockArg] = process.argv;
if (!pyodideArg || !lockArg) {
  process.stderr.write("usage: node generator/runtime/stdlib_trace.mjs PYODIDE_DIR LOCK_FILE\n");
  process.exit(2);
}
globalThis.fetch = async (url) => {
  throw new Error(`network access refused while tracing the standard library: ${url}`);
};
const dir = path.resolve(pyodideArg) + path.sep;
const lockFileURL = path.resolve(lockArg);
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const calculators = await startCalculators(loadPyodide, {
  indexURL: dir,
  lockFileURL,
  packageBaseUrl: path.dirname(lockFileURL) + path.sep,
  _sysExecutable: "python",
});
// A question of each kind, without rules (the rules are the content's, not known here): it
// fails once the inputs are read, which traces the imports on the way. (Computing imports
// nothing new: tests/test_pyodide_differential.py checks it.) Then what a snapshot's restore
// runs: random, gc.
for (const kind of ["mileage-planner", "symptom-checker", "unknown"]) {
  try {
    calculators.compute(kind, {}, {});
  } catch {
    // expected: no rules
  }
}
calculators.pyodide.runPython("import gc, random; random.seed(); gc.collect()");
process.stdout.write(calculators.pyodide.runPython(TRACE) + "\n");
