// The calculators on Pyodide: start Python, install our wheel from the site-local lockfile,
// and answer {kind, rules, inputs} with the JSON text its bridge module returns.
//
// An ES module shared by the page's worker (calculator-worker.js) and the differential test
// (tests/node/calculators.js), so the test runs exactly the code the browser runs.

export const PACKAGE = "runners-back-calculators";

// The one module the page talks to: runners_back_calculators/bridge.py, in the wheel. Its `run`
// takes JSON text (kind, rules, raw form values) and returns JSON text: {"ok": true, "result",
// "summary", "html"} or {"ok": false, "error": {field, message}}. It is imported through
// Pyodide's JavaScript API: no Python source lives in this file.
export const BRIDGE_MODULE = "runners_back_calculators.bridge";

const QUIET = { stdout: () => {}, stderr: () => {} };

/** What a started runtime gives its user: `compute`, `exportFile` and how it started. */
function calculatorsOn(pyodide, runtime) {
  const bridge = pyodide.pyimport(BRIDGE_MODULE);
  const { run } = bridge;
  const exportPlan = bridge.export;
  if (typeof run !== "function" || typeof exportPlan !== "function") {
    throw new Error("the calculators' bridge is missing");
  }
  return {
    pyodide,
    /** "plain" (loadPyodide + loadPackage) or "snapshot" (a memory snapshot restored). */
    runtime,
    /** JSON text: {"ok": true, "result", "summary", "html"} or {"ok": false, "error": ...}. */
    compute(kind, rules, inputs) {
      return run(kind, JSON.stringify(rules), JSON.stringify(inputs));
    },
    /** JSON text: {"ok": true, "text", "filename", "media_type"} or {"ok": false, "error": ...}. */
    exportFile(kind, rules, inputs, format, startDate) {
      return exportPlan(kind, JSON.stringify(rules), JSON.stringify(inputs), format, startDate);
    },
  };
}

/**
 * The plain start: boot Python, install our wheel from the site-local lockfile (its sha256
 * checked), import the bridge. About 5 s on a 2-core machine; always works.
 * @param {Function} loadPyodide - from pyodide.mjs
 * @param {object} options - loadPyodide options (indexURL, lockFileURL, packageCacheDir...)
 * @returns {Promise<{pyodide: object, runtime: string, compute: Function}>}
 */
export async function startCalculators(loadPyodide, options) {
  const pyodide = await loadPyodide({ ...QUIET, ...options });
  await pyodide.loadPackage(PACKAGE, {
    messageCallback: () => {},
    errorCallback: () => {},
    checkIntegrity: true,
  });
  return calculatorsOn(pyodide, "plain");
}

/* ------------------------------------------------------------------ the memory snapshot
 *
 * Pyodide 314.0.7's private snapshot options (pinned in package.json; a test checks the pin):
 * `loadPyodide({_makeSnapshot: true})` then `pyodide.makeMemorySnapshot()` at build time in
 * Node (generator/runtime/snapshot.mjs), `loadPyodide({_loadSnapshot: bytes})` in the worker. The
 * snapshot is the WebAssembly memory of an interpreter that has imported the bridge (and with
 * it the calculators and their views), so a restored runtime answers at once without
 * installing anything: the wheel's files are not in the restored file system, only its
 * modules in memory.
 *
 * Pyodide refuses a snapshot from another build of pyodide.asm.wasm (its build id is in the
 * header). The stamp below refuses one made from another wheel (a stale cache, a
 * half-deployed site): the caller then falls back to the plain start.
 */

/**
 * Rebuilds a snapshot from its packed form (written by generator/runtime/assets.py's
 * pack_snapshot): a header, then only the pages that are not all zero. Feed it the packed
 * bytes in chunks of any size as they arrive (push), then take the snapshot (finish).
 *
 *   magic "RBSNAP1\0" | u32 snapshot bytes | u32 page size | u32 pages kept | u32 0 |
 *   32-byte sha256 of the snapshot | u32 index of each kept page, ascending | the kept pages
 */
export class SnapshotPages {
  static MAGIC = "RBSNAP1\0";

  /** Whether `bytes` (the start of a file) is a packed snapshot. */
  static isPacked(bytes) {
    return bytes.length >= 8
      && String.fromCharCode(...bytes.subarray(0, 8)) === SnapshotPages.MAGIC;
  }

  constructor() {
    this.head = new Uint8Array(0);
    this.bytes = null; // the snapshot, allocated once the header is read
    this.sha256 = ""; // hex, from the header (checked by the tests, not in the browser)
    this.kept = 0;
    this.offset = 0;
  }

  #readHeader(chunk) {
    const head = new Uint8Array(this.head.length + chunk.length);
    head.set(this.head);
    head.set(chunk, this.head.length);
    this.head = head;
    if (head.length < 56) return null;
    if (!SnapshotPages.isPacked(head)) throw new Error("not a packed snapshot");
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const size = view.getUint32(8, true);
    const page = view.getUint32(12, true);
    const count = view.getUint32(16, true);
    const end = 56 + 4 * count;
    if (head.length < end) return null;
    if (!page || count > Math.ceil(size / page)) throw new Error("bad snapshot header");
    const pages = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      pages[i] = view.getUint32(56 + 4 * i, true);
      if (pages[i] * page >= size || (i && pages[i] <= pages[i - 1])) {
        throw new Error("bad page index in the snapshot header");
      }
    }
    this.sha256 = Array.from(head.subarray(24, 56), (b) => b.toString(16).padStart(2, "0"))
      .join("");
    this.size = size;
    this.page = page;
    this.pages = pages;
    this.bytes = new Uint8Array(size);
    this.head = null;
    return head.subarray(end);
  }

  push(chunk) {
    if (!this.bytes) {
      chunk = this.#readHeader(chunk);
      if (!chunk) return;
    }
    const { bytes, page, pages, size } = this;
    let i = 0;
    while (i < chunk.length) {
      if (this.kept >= pages.length) throw new Error("the packed snapshot is too long");
      const start = pages[this.kept] * page + this.offset;
      const n = Math.min(page - this.offset, chunk.length - i);
      const inside = Math.max(0, Math.min(n, size - start)); // the last page is padded
      if (inside > 0) bytes.set(chunk.subarray(i, i + inside), start);
      i += n;
      this.offset += n;
      if (this.offset === page) {
        this.kept += 1;
        this.offset = 0;
      }
    }
  }

  /** The snapshot: its unlisted pages stay zero, as they were. */
  finish() {
    if (!this.bytes || this.kept !== this.pages.length || this.offset !== 0) {
      throw new Error("the packed snapshot is truncated");
    }
    return this.bytes;
  }
}

export const STAMP_NAME = "_runners_back_snapshot_stamp";

/** What a snapshot must match to be used: the wheel (by its sha256), which holds all our code. */
export function snapshotStamp(wheelSha256) {
  return JSON.stringify({ wheel_sha256: wheelSha256 });
}

/**
 * Build time: with the wheel's files already in site-packages, import everything the worker
 * needs (the bridge imports the calculators and views) and stamp the interpreter. What is imported here
 * is in the snapshot; nothing else of the wheel can be imported after a restore.
 * @param {object} pyodide - started with {_makeSnapshot: true}
 * @param {string} wheelSha256 - the lockfile's sha256 of the installed wheel
 */
export function primeForSnapshot(pyodide, wheelSha256) {
  pyodide.pyimport(BRIDGE_MODULE);
  pyodide.globals.set(STAMP_NAME, snapshotStamp(wheelSha256));
  pyodide.pyimport("gc").collect();
}

/** Free a restored snapshot's 30 MB at once: Pyodide copied it into its memory but keeps a
 * reference to it in its config. Moving its buffer out (and dropping it) leaves it empty. */
function release(bytes) {
  try {
    if (bytes && bytes.buffer && bytes.buffer.byteLength) {
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    }
  } catch {
    // A buffer that cannot be transferred (shared, or an old engine) is left to the GC.
  }
}

/**
 * Restore the calculators from a memory snapshot. Throws (and the caller falls back to the
 * plain start) if Pyodide cannot restore it or its stamp does not match this site's lockfile.
 * @param {Function} loadPyodide - from pyodide.mjs
 * @param {object} options - loadPyodide options (indexURL, lockFileContents, packageBaseUrl...)
 * @param {Uint8Array|Promise<Uint8Array>} snapshot - the raw (unpacked) snapshot; its buffer
 *   is emptied (transferred away) once restored, so pass one nothing else uses
 */
export async function startFromSnapshot(loadPyodide, options, snapshot) {
  const pyodide = await loadPyodide({ ...QUIET, ...options, _loadSnapshot: snapshot });
  release(await snapshot);
  const entry = pyodide.lockfile && pyodide.lockfile.packages[PACKAGE];
  const stamp = pyodide.globals.get(STAMP_NAME);
  if (!entry || stamp !== snapshotStamp(entry.sha256)) {
    throw new Error("the memory snapshot was made for other calculators than this lockfile's");
  }
  // The snapshot froze the build machine's random state: take fresh entropy (crypto).
  pyodide.pyimport("random").seed();
  return calculatorsOn(pyodide, "snapshot");
}
