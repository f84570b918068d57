// The calculators' Web Worker (a module worker): Python runs here, off the page's main thread.
//
// Made by widgets.js on a page with a widget; it loads nothing until it gets "start" (when a
// widget nears the viewport). It loads Pyodide from the site itself (../pyodide/ next to this
// script, so the site works under any sub-path) and answers messages:
//   {type: "start"}                                  -> {type: "ready", runtime, fallback, timings}
//                                                       or {type: "failed", message}
//   {type: "compute", id, kind, rules, inputs}       -> {type: "result", id, text}
//                                                       or {type: "result", id, crash}
// `text` is the JSON Python's bridge returned: {"ok": true, "result", "summary", "html"} (the
// fragment the page swaps in) or {"ok": false, "error": {"field", "message"}} for refused input.
//
// Two ways to start, tried in order:
// 1. "snapshot": restore the memory snapshot made at build time (generator/snapshot.mjs), which
//    already has the calculators imported. It sits beside our wheel, at the path the
//    site-local lockfile names, packed (no all-zero pages) and gzipped; it is fetched at once,
//    in parallel with Pyodide's own files, and unpacked with DecompressionStream as it
//    arrives (any static server will do: no Content-Encoding needed, and one that sends it is
//    handled too).
// 2. "plain": if anything in 1 fails (no snapshot, an old browser, another Pyodide build, a
//    snapshot of other calculators), boot Python and install the wheel as usual. `fallback`
//    in the ready message says why.

import {
  PACKAGE,
  SnapshotPages,
  startCalculators,
  startFromSnapshot,
} from "./calculator-core.js";

const runtimeDir = new URL("../pyodide/", import.meta.url);
const lockFileURL = new URL("pyodide-lock.json", runtimeDir);

const started = performance.now();
// ms from this script's start to each step; `at` is that start on the page's clock base
// (epoch ms), so a page can line the steps up with its own timeline.
const timings = { at: Math.round(performance.timeOrigin + started) };
function mark(name) {
  timings[name] = Math.round(performance.now() - started);
}

let booting = null;

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.pathname || url}`);
  return response;
}

/**
 * The snapshot from the packed file: gunzipped as it streams in (unless the server already
 * decoded it: some hosts send .gz files with Content-Encoding), its pages put in place.
 */
async function unpackSnapshot(response) {
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done || first.value.length < 8) throw new Error("the snapshot file is empty");
  const isGzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
  if (!isGzip && !SnapshotPages.isPacked(first.value)) {
    await reader.cancel();
    throw new Error("the snapshot file is neither gzip nor a packed snapshot");
  }
  if (isGzip && typeof DecompressionStream === "undefined") {
    await reader.cancel();
    throw new Error("this browser has no DecompressionStream");
  }
  let body = new ReadableStream({
    start(controller) {
      controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  if (isGzip) body = body.pipeThrough(new DecompressionStream("gzip"));
  const pages = new SnapshotPages();
  const packed = body.getReader();
  for (;;) {
    const { done, value } = await packed.read();
    if (done) break;
    pages.push(value);
  }
  return pages.finish();
}

async function fetchSnapshot(lock) {
  const entry = lock.packages && lock.packages[PACKAGE];
  if (!entry) throw new Error(`the lockfile does not list ${PACKAGE}`);
  // Named by its own hash, beside the wheel; the lock says where (generator/runtime_assets.py).
  const file = entry.tool && entry.tool[PACKAGE] && entry.tool[PACKAGE].snapshot;
  if (!file) throw new Error(`the lockfile names no snapshot for ${PACKAGE}`);
  const bytes = await unpackSnapshot(await fetchOk(new URL(file, runtimeDir)));
  mark("snapshot_unpacked");
  return bytes;
}

function boot() {
  if (!booting) {
    booting = (async () => {
      // Everything starts at once: the lockfile, then the snapshot it points to; Pyodide's
      // module, its WebAssembly (compiled while it downloads) and the standard library.
      const lock = fetchOk(lockFileURL).then((response) => response.json());
      const snapshot = lock.then(fetchSnapshot);
      snapshot.catch(() => {}); // a failure is handled below, by the fallback
      const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeDir).href);
      mark("pyodide_imported");
      try {
        const calculators = await startFromSnapshot(loadPyodide, {
          indexURL: runtimeDir.href,
          lockFileContents: lock,
          packageBaseUrl: runtimeDir.href,
        }, snapshot);
        mark("ready");
        return { calculators, fallback: "" };
      } catch (error) {
        const fallback = describe(error);
        mark("snapshot_failed");
        const calculators = await startCalculators(loadPyodide, {
          indexURL: runtimeDir.href,
          lockFileURL: lockFileURL.href,
        });
        mark("ready");
        return { calculators, fallback };
      }
    })();
  }
  return booting;
}

function describe(error) {
  return String((error && error.message) || error || "unknown error").split("\n")[0];
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  let booted;
  try {
    booted = await boot();
  } catch (error) {
    self.postMessage({ type: "failed", id: message.id, message: describe(error) });
    return;
  }
  const { calculators, fallback } = booted;
  if (message.type === "start") {
    self.postMessage({ type: "ready", runtime: calculators.runtime, fallback, timings });
    return;
  }
  if (message.type !== "compute") return;
  try {
    const text = calculators.compute(message.kind, message.rules, message.inputs);
    self.postMessage({ type: "result", id: message.id, text });
  } catch (error) {
    self.postMessage({ type: "result", id: message.id, crash: describe(error) });
  }
});
