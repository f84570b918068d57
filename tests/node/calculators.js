// Run the calculators on Pyodide in Node, the way the browser's worker does.
//
//   node tests/node/calculators.js SITE_PYODIDE_DIR < cases.json > outputs.json
//
// SITE_PYODIDE_DIR is a built site's assets/pyodide (what write_runtime wrote): the runtime,
// the site-local pyodide-lock.json and our wheel, all loaded from there. Input: a JSON array of
// {kind, rules, inputs, names}. Output: a JSON array of the JSON texts Python returned, in
// order, plus timings. Any attempt to fetch from the network fails the run: Pyodide must find
// everything in the site.

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { startCalculators } from "../../overrides/assets/javascripts/calculator-core.js";

const [, , pyodideDir] = process.argv;
if (!pyodideDir) {
  console.error("usage: node tests/node/calculators.js SITE_PYODIDE_DIR < cases.json");
  process.exit(2);
}
const dir = path.resolve(pyodideDir) + path.sep;

const blocked = [];
globalThis.fetch = async (url) => {
  blocked.push(String(url));
  throw new Error(`network access refused in this test: ${url}`);
};

const cases = JSON.parse(readFileSync(0, "utf8"));
const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const calculators = await startCalculators(loadPyodide, {
  indexURL: dir,
  lockFileURL: path.join(dir, "pyodide-lock.json"),
  packageCacheDir: dir,
});
const ready = performance.now();
const outputs = cases.map(({ kind, rules, inputs, names }) =>
  calculators.compute(kind, rules, inputs, names ?? null),
);
const done = performance.now();
process.stdout.write(
  JSON.stringify({
    outputs,
    blocked,
    python: calculators.pyodide.runPython("import sys; sys.version.split()[0]"),
    start_ms: Math.round(ready - started),
    compute_ms: Math.round(done - ready),
  }) + "\n",
);
