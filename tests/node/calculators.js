// Run the calculators on Pyodide in Node, the way the browser's worker does.
//
//   node tests/node/calculators.js SITE_PYODIDE_DIR [plain|snapshot] < cases.json > outputs.json
//
// Cases of kind return-planner, export-ics and export-csv go through return_driver.py beside
// this script instead of the bridge, after the bridge's imports are measured.
// SITE_PYODIDE_DIR is a built site's assets/pyodide (what write_runtime wrote): the runtime,
// the site-local pyodide-lock.json, our wheel and its memory snapshot, all loaded from there.
// "plain" (the default) boots Python and installs the wheel; "snapshot" restores the packed,
// gzipped snapshot beside the wheel, unpacked by the same code as the worker's (SnapshotPages)
// and checked against the sha256 in its header. Input: a JSON array of {kind, rules, inputs,
// names}. Output: the JSON texts Python returned, in order, plus how the runtime started,
// timings and the modules Python had before and after computing. Any attempt to fetch from the
// network fails the run: Pyodide must find everything in the site.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

import {
  PACKAGE,
  SnapshotPages,
  startCalculators,
  startFromSnapshot,
} from "../../overrides/assets/javascripts/calculator-core.js";

const [, , pyodideDir, mode = "plain"] = process.argv;
if (!pyodideDir || !["plain", "snapshot"].includes(mode)) {
  console.error("usage: node tests/node/calculators.js SITE_PYODIDE_DIR [plain|snapshot] < cases.json");
  process.exit(2);
}
const dir = path.resolve(pyodideDir) + path.sep;
const lockFileURL = path.join(dir, "pyodide-lock.json");

const blocked = [];
globalThis.fetch = async (url) => {
  blocked.push(String(url));
  throw new Error(`network access refused in this test: ${url}`);
};

function readSnapshot() {
  const lock = JSON.parse(readFileSync(lockFileURL, "utf8"));
  const packed = gunzipSync(readFileSync(path.join(dir, lock.packages[PACKAGE].tool[PACKAGE].snapshot)));
  const pages = new SnapshotPages();
  for (let at = 0; at < packed.length; at += 65536) pages.push(packed.subarray(at, at + 65536));
  const snapshot = pages.finish();
  const digest = createHash("sha256").update(snapshot).digest("hex");
  if (digest !== pages.sha256) throw new Error(`unpacked snapshot sha256 ${digest} != ${pages.sha256}`);
  return snapshot;
}

const cases = JSON.parse(readFileSync(0, "utf8"));
const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const calculators = mode === "snapshot"
  ? await startFromSnapshot(loadPyodide, { indexURL: dir, lockFileURL }, readSnapshot())
  : await startCalculators(loadPyodide, { indexURL: dir, lockFileURL, packageCacheDir: dir });
const ready = performance.now();
const modules = () => JSON.parse(calculators.pyodide.runPython(
  "import json, sys; json.dumps(sorted(sys.modules))"));
const modulesBefore = modules();
const EXTRA = new Set(["return-planner", "export-ics", "export-csv"]);
const outputs = cases.map(({ kind, rules, inputs, names }) =>
  EXTRA.has(kind) ? null : calculators.compute(kind, rules, inputs, names ?? null),
);
const done = performance.now();
const modulesAfter = modules();
// The return planner and the exports are not in the bridge yet: run them through the test's
// own driver (the same file CPython runs), after the bridge's imports have been measured.
if (cases.some(({ kind }) => EXTRA.has(kind))) {
  calculators.pyodide.runPython(readFileSync(new URL("./return_driver.py", import.meta.url), "utf8"));
  const runExtra = calculators.pyodide.globals.get("run_extra");
  cases.forEach(({ kind, rules, inputs }, index) => {
    if (EXTRA.has(kind)) outputs[index] = runExtra(kind, JSON.stringify(rules), JSON.stringify(inputs));
  });
}
process.stdout.write(
  JSON.stringify({
    outputs,
    blocked,
    runtime: calculators.runtime,
    python: calculators.pyodide.runPython("import sys; sys.version.split()[0]"),
    modules_before: modulesBefore,
    modules_after: modulesAfter,
    start_ms: Math.round(ready - started),
    compute_ms: Math.round(done - ready),
  }) + "\n",
);
