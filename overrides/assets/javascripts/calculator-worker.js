// The calculators' Web Worker (a module worker): Python runs here, off the page's main thread.
//
// Started by widgets.js only when a widget is about to be used. It loads Pyodide from the site
// itself (../pyodide/ next to this script, so the site works under any sub-path), installs our
// wheel from the site-local lockfile, and answers messages:
//   {type: "start"}                                  -> {type: "ready"} or {type: "failed", message}
//   {type: "compute", id, kind, rules, inputs, names} -> {type: "result", id, text}
//                                                       or {type: "result", id, crash}
// `text` is the JSON Python returned: {"ok": true, "result": ...} or
// {"ok": false, "error": {"field", "message"}} for input the calculators refuse.

import { startCalculators } from "./calculator-core.js";

const runtimeDir = new URL("../pyodide/", import.meta.url);
let booting = null;

function boot() {
  if (!booting) {
    booting = (async () => {
      const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeDir).href);
      return startCalculators(loadPyodide, {
        indexURL: runtimeDir.href,
        lockFileURL: new URL("pyodide-lock.json", runtimeDir).href,
      });
    })();
  }
  return booting;
}

function describe(error) {
  return String((error && error.message) || error || "unknown error").split("\n")[0];
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  let calculators;
  try {
    calculators = await boot();
  } catch (error) {
    self.postMessage({ type: "failed", id: message.id, message: describe(error) });
    return;
  }
  if (message.type === "start") {
    self.postMessage({ type: "ready" });
    return;
  }
  if (message.type !== "compute") return;
  try {
    const text = calculators.compute(message.kind, message.rules, message.inputs, message.names);
    self.postMessage({ type: "result", id: message.id, text });
  } catch (error) {
    self.postMessage({ type: "result", id: message.id, crash: describe(error) });
  }
});
