// The calculators' Web Worker (a module worker): Python runs here, off the page's main thread.
//
// Made by widgets.js on a page with a widget; it loads nothing until it gets "start" (when a
// widget nears the viewport, or the reader shows intent). It loads Pyodide from the site itself
// (../pyodide/ next to this script, so the site works under any sub-path) and answers messages:
//   {type: "start", controlled, saveData}            -> {type: "ready", runtime, fallback, timings}
//                                                       or {type: "failed", message}
//   {type: "compute", id, kind, rules, inputs}       -> {type: "result", id, text}
//                                                       or {type: "result", id, crash}
//   {type: "export", id, kind, rules, inputs, format, startDate}
//                                                    -> the same, `text` the bridge's file JSON
// `text` is the JSON Python's bridge returned: {"ok": true, "result", "summary", "html"} (the
// fragment the page swaps in) or {"ok": false, "error": {"field", "message"}} for refused input.
// `controlled`: the page has a service worker (which then keeps the runtime as it passes).
//
// Two ways to start, tried in order:
// 1. "snapshot": restore the memory snapshot made at build time (generator/runtime/snapshot.mjs), which
//    already has the calculators imported, if this browser already holds it: never fetched over
//    the network before an answer. It sits beside our wheel, at the path the site-local
//    lockfile names, packed (no all-zero pages) and gzipped. This browser keeps it unpacked
//    (UNPACKED_CACHE: 12 MB on disk against 4.8, but no gunzip on this worker's thread, which
//    took 0.2-0.5 s of a repeat visit); the gzipped file (FETCHED_CACHE, the service worker's
//    cache, the HTTP cache) is read, with DecompressionStream, only when no such copy exists.
// 2. "plain": boot Python (Pyodide's files, the standard library trimmed to what the
//    calculators use, as bytecode) and install the wheel: about 4.5 MB compressed, against
//    11 MB with the snapshot, the quicker start on a phone network. `fallback` in the ready
//    message says why the snapshot was not used.
// Either way every file is asked for at "start", all at once (`fetchEarly`), not one round trip
// after another as Pyodide would, and the WebAssembly is compiled as it streams in
// (`compileEarly`) while the snapshot is read. After a plain start and the reader's first
// answer, the snapshot is fetched in the background for the next visit (by the service worker
// when it controls this worker, so that closing the page cannot lose it), unless the browser
// asks to save data (Save-Data).
//
// The runtime's bytes cross the network once: on a page the service worker does not control yet
// (a first visit), each runtime file this worker fetches is also put, as it arrives, into
// FETCHED_CACHE, from which the service worker takes (after checking its sha256) what it keeps
// for offline use instead of downloading it again (generator/templates/sw.js.j2).

// calculator-core.js is imported when Python starts, beside the runtime's files, not before
// this script runs: a static import would add a round trip ahead of every download.
let core = null;
function loadCore() {
  core ??= import("./calculator-core.js");
  return core;
}

const runtimeDir = new URL("../pyodide/", import.meta.url);
const lockFileURL = new URL("pyodide-lock.json", runtimeDir);
const FETCHED_CACHE = "guide-runtime-fetched";
const UNPACKED_CACHE = "guide-runtime-unpacked"; // the service worker prunes it (sw.js.j2)
const KEEP_HEADER = "X-Guide-Keep-Unpacked"; // asks the service worker to keep the snapshot

const started = performance.now();
// ms from this script's start to each step; `at` is that start on the page's clock base
// (epoch ms), so a page can line the steps up with its own timeline.
const timings = { at: Math.round(performance.timeOrigin + started) };
function mark(name) {
  timings[name] = Math.round(performance.now() - started);
}

/* ------------------------------------------------------------ each byte over the network once */

const networkFetch = self.fetch.bind(self);
let keeping = false;

/** fetch, and while `keeping`, a copy of each runtime file into FETCHED_CACHE as it arrives. */
async function keepingFetch(input, init) {
  const response = await networkFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
  if (keeping && self.caches && response.ok && response.type === "basic"
      && url.href.startsWith(runtimeDir.href)) {
    const copy = response.clone(); // now: the caller reads the body at once
    caches.open(FETCHED_CACHE)
      .then((cache) => cache.put(url.href.split(/[?#]/)[0], copy))
      .catch(() => {}); // no room: the service worker then downloads it itself
  }
  return response;
}
/* ------------------------------------------------------------ every download at once
 *
 * Left to itself, Pyodide asks for its files one step after another: this script, then
 * pyodide.mjs, then the WebAssembly and the standard library, then (once Python runs) our wheel.
 * On a phone network each step is a round trip. So at "start" this worker asks for all of
 * them at once (`fetchEarly`), and hands each response to Pyodide when it asks for the same
 * URL (with the same integrity): still one request per file. */

const early = new Map(); // url -> {integrity, response: Promise<Response>}

function fetchEarly(url, integrity = "") {
  const href = String(url);
  if (early.has(href)) return;
  const response = keepingFetch(href, integrity ? { integrity } : {});
  response.catch(() => {}); // Pyodide meets the failure when it asks
  early.set(href, { integrity, response });
}

/** The global fetch Pyodide uses: a response started early if there is one, else the network. */
function runtimeFetch(input, init) {
  const href = input instanceof Request
    ? input.url
    : new URL(String(input), self.location.href).href;
  const started = early.get(href);
  const integrity = (init && init.integrity) || "";
  if (started && started.integrity === integrity) {
    early.delete(href);
    return started.response;
  }
  return keepingFetch(input, init);
}
self.fetch = runtimeFetch; // Pyodide fetches its files (and our wheel) with the global fetch

/* ------------------------------------------------------------ the WebAssembly compiled early
 *
 * Pyodide compiles its WebAssembly only once it holds the snapshot (or, on a plain start, once
 * pyodide.asm.mjs has run). This worker compiles it as it streams in, from "start", while the
 * snapshot is read. Pyodide's own fetch of it gets a stand-in response, which
 * WebAssembly.instantiateStreaming (wrapped below) answers with the module compiled early. */

const compiledEarly = new WeakMap(); // stand-in Response -> Promise<WebAssembly.Module>

function compileEarly(url) {
  const href = String(url);
  if (early.has(href)) return;
  const module = WebAssembly.compileStreaming(keepingFetch(href)).then((compiled) => {
    mark("wasm_compiled");
    return compiled;
  });
  module.catch(() => {}); // Pyodide meets the failure when it instantiates
  const standIn = new Response(null);
  compiledEarly.set(standIn, module);
  early.set(href, { integrity: "", response: Promise.resolve(standIn) });
}

const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  const module = compiledEarly.get(response);
  if (!module) return instantiateStreaming(response, imports);
  compiledEarly.delete(response);
  const compiled = await module;
  return { module: compiled, instance: await WebAssembly.instantiate(compiled, imports) };
};

/** The wheel's URL and Subresource Integrity, as Pyodide's loadPackage asks for it. */
function wheelRequest(lock, packageName) {
  const entry = lock.packages && lock.packages[packageName];
  if (!entry || !entry.file_name || !/^[0-9a-f]{64}$/.test(entry.sha256 || "")) return null;
  const bytes = entry.sha256.match(/../g).map((pair) => parseInt(pair, 16));
  return {
    url: new URL(entry.file_name, runtimeDir),
    integrity: `sha256-${btoa(String.fromCharCode(...bytes))}`,
  };
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.pathname || url}`);
  return response;
}

/**
 * The packed snapshot's bytes as a stream: gunzipped as they come in if the file is gzip (some
 * hosts send .gz files already decoded, with Content-Encoding; the copy kept unpacked is not).
 */
async function packedStream(response, SnapshotPages) {
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
  const body = new ReadableStream({
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
  return isGzip ? body.pipeThrough(new DecompressionStream("gzip")) : body;
}

/** The snapshot from the packed file, its pages put in place as they stream in. */
async function unpackSnapshot(response, SnapshotPages) {
  const pages = new SnapshotPages();
  const packed = (await packedStream(response, SnapshotPages)).getReader();
  for (;;) {
    const { done, value } = await packed.read();
    if (done) break;
    pages.push(value);
  }
  return pages.finish();
}

function snapshotURL(lock, packageName) {
  const entry = lock.packages && lock.packages[packageName];
  if (!entry) throw new Error(`the lockfile does not list ${packageName}`);
  // Named by its own hash, beside the wheel; the lock says where (generator/runtime/assets.py).
  const file = entry.tool && entry.tool[packageName] && entry.tool[packageName].snapshot;
  if (!file) throw new Error(`the lockfile names no snapshot for ${packageName}`);
  return new URL(file, runtimeDir);
}

/**
 * The snapshot's response if this browser already holds it, never from the network: first the
 * copy kept unpacked (UNPACKED_CACHE: no gunzip, which took 0.3-0.5 s of this worker's
 * thread on a repeat visit), else the gzipped file (FETCHED_CACHE, the service worker's cache
 * or the HTTP cache). `unpacked` says which; `url` is the snapshot's.
 */
async function cachedSnapshot(url) {
  let response = null;
  try {
    response = self.caches ? await caches.match(url.href, { cacheName: UNPACKED_CACHE }) : null;
    if (response) return { url, response, unpacked: true };
    response = self.caches ? await caches.match(url.href, { cacheName: FETCHED_CACHE }) : null;
  } catch {
    response = null; // no Cache Storage here (private mode, an opaque origin)
  }
  if (!response) {
    // The service worker answers from its cache; without one, the HTTP cache answers or fails.
    response = await networkFetch(url, { cache: "only-if-cached", mode: "same-origin" })
      .catch(() => null);
  }
  if (!response || !response.ok) throw new Error("the snapshot is not in this browser yet");
  return { url, response, unpacked: false };
}

/** Keep the snapshot's `packed` stream (its unpacked form) for the next visits (UNPACKED_CACHE). */
async function keepPacked(url, packed) {
  const cache = await caches.open(UNPACKED_CACHE);
  await cache.put(url.href, new Response(packed, {
    headers: { "Content-Type": "application/octet-stream" },
  }));
}

/**
 * The snapshot's bytes from what `cachedSnapshot` found; a gzipped file is also kept unpacked
 * for the next visits as it is read (`kept`: that copy written, or not).
 */
async function readSnapshot({ url, response, unpacked }, SnapshotPages) {
  let kept = Promise.resolve();
  if (!unpacked && self.caches) {
    const [mine, copy] = (await packedStream(response, SnapshotPages)).tee();
    // no room, or a damaged file: the gzipped one is read again next time
    kept = keepPacked(url, copy).catch(() => {});
    response = new Response(mine);
  }
  const bytes = await unpackSnapshot(response, SnapshotPages);
  mark("snapshot_unpacked");
  return { url, bytes, kept };
}

/** Drop a kept copy that failed to start: the next visit tries the gzipped file, or none. */
function forgetUnpacked(url) {
  if (self.caches) caches.open(UNPACKED_CACHE).then((cache) => cache.delete(url.href)).catch(() => {});
}

let pageSavesData = false; // the page's navigator.connection.saveData, sent with "start"

function saveData() {
  const connection = self.navigator && self.navigator.connection;
  return pageSavesData || Boolean(connection && connection.saveData);
}

let prefetched = false;

/**
 * After a plain start and a first answer: keep the snapshot, unpacked, for the next visit. A
 * service worker that controls this worker answers 202 and downloads it itself (KEEP_HEADER,
 * sw.js.j2), so that closing the page cannot lose it; without one, this worker does.
 */
function prefetchSnapshot(lock) {
  if (prefetched || saveData()) return;
  prefetched = true;
  lock.then(async (contents) => {
    const { PACKAGE, SnapshotPages } = await loadCore();
    const url = snapshotURL(contents, PACKAGE);
    const response = await networkFetch(url, { headers: { [KEEP_HEADER]: "1" } });
    if (response.status !== 200) return; // 202: the service worker keeps it
    await keepPacked(url, await packedStream(response, SnapshotPages));
  }).catch(() => {}); // the next visit starts plain again: nothing is lost
}

let booting = null;
let lockFile = null;

function boot(controlled) {
  if (!booting) {
    keeping = !controlled;
    booting = (async () => {
      // Every download starts now, together: our core module, the lockfile, Pyodide's module,
      // its WebAssembly (compiled as it streams in) and the standard library; then, through
      // the lockfile, the snapshot if this browser holds it, else our wheel.
      const core = loadCore();
      lockFile = fetchOk(lockFileURL).then((response) => response.json());
      const pyodideModule = import(new URL("pyodide.mjs", runtimeDir).href);
      // Pyodide imports its Emscripten module only after pyodide.mjs: on the network (a page
      // the service worker does not control) that is a round trip more, so ask for it now (the
      // same URL: Pyodide's import then finds it loaded). Not from the service worker's cache,
      // where a round trip costs nothing, and the module's code cache is kept (see below).
      if (!controlled) import(new URL("pyodide.asm.mjs", runtimeDir).href).catch(() => {});
      compileEarly(new URL("pyodide.asm.wasm", runtimeDir));
      fetchEarly(new URL("python_stdlib.zip", runtimeDir));
      const found = Promise.all([lockFile, core]).then(([lock, { PACKAGE }]) =>
        cachedSnapshot(snapshotURL(lock, PACKAGE)));
      found.catch(() => Promise.all([lockFile, core]).then(([lock, { PACKAGE }]) => {
        const wheel = wheelRequest(lock, PACKAGE);
        if (wheel) fetchEarly(wheel.url, wheel.integrity);
      })).catch(() => {}); // a broken lockfile fails the start below
      // Read as soon as it is found, while the WebAssembly compiles (compileEarly).
      const snapshot = Promise.all([found, core]).then(([held, { SnapshotPages }]) =>
        readSnapshot(held, SnapshotPages));
      snapshot.catch(() => {}); // met below
      const [pyodideExports, coreExports] = await Promise.all([pyodideModule, core]);
      const loadPyodideModule = pyodideExports.loadPyodide;
      const { startCalculators, startFromSnapshot, SnapshotPages } = coreExports;
      mark("pyodide_imported");
      const loadPyodide = async (options) => {
        const pyodide = await loadPyodideModule(options);
        mark("python_started");
        return pyodide;
      };
      const options = {
        indexURL: runtimeDir.href,
        lockFileContents: lockFile,
        packageBaseUrl: runtimeDir.href,
      };
      let fallback = "";
      try {
        // Pyodide is started once the snapshot is read (the WebAssembly compiles meanwhile), so
        // that it runs its Emscripten module as soon as it has imported it: Chromium then
        // keeps a V8 code cache of 0.7 MB for the next visits, not 20 kB (measured in traces).
        const { bytes } = await snapshot;
        const calculators = await startFromSnapshot(loadPyodide, options, bytes);
        mark("ready");
        return { calculators, fallback };
      } catch (error) {
        fallback = describe(error);
        mark("snapshot_skipped");
        // Whatever failed, a copy kept unpacked is dropped (once written, if it is being).
        found.then(({ url }) => snapshot.then((read) => read.kept, () => {})
          .then(() => forgetUnpacked(url))).catch(() => {});
      }
      const calculators = await startCalculators(loadPyodide, options);
      mark("ready");
      return { calculators, fallback };
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
    if (message.type === "start") pageSavesData = Boolean(message.saveData);
    booted = await boot(Boolean(message.controlled));
  } catch (error) {
    self.postMessage({ type: "failed", id: message.id, message: describe(error) });
    return;
  }
  const { calculators, fallback } = booted;
  if (message.type === "start") {
    self.postMessage({ type: "ready", runtime: calculators.runtime, fallback, timings });
    return;
  }
  if (message.type !== "compute" && message.type !== "export") return;
  try {
    const { kind, rules, inputs } = message;
    const text = message.type === "compute"
      ? calculators.compute(kind, rules, inputs)
      : calculators.exportFile(kind, rules, inputs, message.format, message.startDate);
    self.postMessage({ type: "result", id: message.id, text });
  } catch (error) {
    self.postMessage({ type: "result", id: message.id, crash: describe(error) });
  }
  if (calculators.runtime === "plain") prefetchSnapshot(lockFile);
});
