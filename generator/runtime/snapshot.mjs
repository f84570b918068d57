// Make the calculators' memory snapshot at build time, in Node (run by generator/runtime/assets.py).
//
//   node generator/runtime/snapshot.mjs PYODIDE_DIR LOCK_FILE OUT_FILE
//
// PYODIDE_DIR holds the Pyodide files the site serves (node_modules/pyodide: the snapshot is
// a memory image of exactly that pyodide.asm.wasm); LOCK_FILE is the site-local
// pyodide-lock.json, our wheel at the path it names (relative to the lock). The script boots
// Pyodide with the private `_makeSnapshot` option (Pyodide 314.0.7, pinned), writes the wheel's
// files into site-packages (after checking its sha256 against the lock, as loadPackage would),
// imports the bridge module from the wheel, and the views and calculators with it
// (calculator-core.js primes it, as the worker does), and writes
// `pyodide.makeMemorySnapshot()` to OUT_FILE, uncompressed. It prints one line of JSON:
// {bytes, modules, boot_ms, prime_ms, snapshot_ms}.
//
// The wheel is unpacked here, not by pyodide.loadPackage: Pyodide refuses to snapshot an
// interpreter whose package manager has loaded a package, and loadPackage's installer would
// leave its own modules (zipfile, shutil, importlib.metadata...) in the snapshot.
// Nothing is fetched: any network access fails the run.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";

import {
  PACKAGE,
  primeForSnapshot,
} from "../../overrides/assets/javascripts/calculator-core.js";

function fail(message) {
  process.stderr.write(`snapshot: ${message}\n`);
  process.exit(1);
}

/** The files of a zip archive (stored or deflated entries), by name. */
export function unzip(data) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = data.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip archive (no end of central directory)");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = view.getUint16(at + 10, true);
    const packedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`bad local header: ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const packed = data.subarray(start, start + packedSize);
    let content;
    if (method === 0) content = packed;
    else if (method === 8) content = new Uint8Array(inflateRawSync(packed));
    else throw new Error(`unsupported compression ${method}: ${name}`);
    if (content.length !== size) throw new Error(`size mismatch: ${name}`);
    if (!name.endsWith("/")) files.set(name, content);
  }
  return files;
}

async function main() {
  const [, , pyodideArg, lockArg, outFile] = process.argv;
  if (!pyodideArg || !lockArg || !outFile) {
    fail("usage: node generator/runtime/snapshot.mjs PYODIDE_DIR LOCK_FILE OUT_FILE");
  }
  const dir = path.resolve(pyodideArg) + path.sep;
  const lockPath = path.resolve(lockArg);

  globalThis.fetch = async (url) => {
    throw new Error(`network access refused while making the snapshot: ${url}`);
  };

  const lock = JSON.parse(readFileSync(lockPath, "utf8"));
  const entry = lock.packages[PACKAGE];
  if (!entry) fail(`${lockPath} does not list ${PACKAGE}`);
  const wheel = readFileSync(path.join(path.dirname(lockPath), entry.file_name));
  const digest = createHash("sha256").update(wheel).digest("hex");
  if (digest !== entry.sha256) fail(`${entry.file_name}: sha256 ${digest} is not the lock's`);

  const started = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: dir,
    lockFileURL: lockPath,
    // sys.executable would otherwise be this script's path on the build machine.
    _sysExecutable: "python",
    stdout: () => {},
    stderr: () => {},
    // A fixed hash seed (and random.seed(0) below): rebuilds then differ only in a few
    // timestamps and libc's entropy pool. The worker reseeds `random` after a restore.
    env: { PYTHONHASHSEED: "0" },
    _makeSnapshot: true,
  });
  const booted = performance.now();

  const sitePackages = pyodide.runPython(
    "import sys; next(p for p in sys.path if p.endswith('site-packages'))");
  for (const [name, content] of unzip(wheel)) {
    const target = `${sitePackages}/${name}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, content);
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  primeForSnapshot(pyodide, entry.sha256);
  pyodide.runPython("import random; random.seed(0)");
  const modules = pyodide.runPython("import sys; len(sys.modules)");
  const primed = performance.now();

  const snapshot = pyodide.makeMemorySnapshot();
  writeFileSync(outFile, snapshot);
  const done = performance.now();
  process.stdout.write(JSON.stringify({
    bytes: snapshot.length,
    modules,
    boot_ms: Math.round(booted - started),
    prime_ms: Math.round(primed - booted),
    snapshot_ms: Math.round(done - primed),
  }) + "\n");
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
