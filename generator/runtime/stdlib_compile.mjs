// The trimmed standard library and the calculators as bytecode (run by generator/runtime/assets.py).
//
//   node generator/runtime/stdlib_compile.mjs PYODIDE_DIR STDLIB_IN STDLIB_OUT PACKAGE_IN PACKAGE_OUT
//
// Python imports a module from source by compiling it each time it starts: in the browser that
// compiling was most of Python's start (the interpreter runs as WebAssembly not yet optimised).
// Both are compiled by Pyodide's own Python (the bytecode must match its version), without
// the column ranges Python keeps for each instruction (PYTHONNODEBUGRANGES, as `-X
// no_debug_ranges`): they only place the ^^^ under a traceback's line, and leaving them out
// takes the standard library's brotli copy from 962 to 719 kB (a quarter less to download).
//
// - each `.py` of STDLIB_IN goes into STDLIB_OUT as a sourceless `.pyc`, as `python -OO` would
//   (docstrings and asserts left out, as the standard library allows). Entries are stored, not
//   deflated, and dated 1980-01-01, as trim_stdlib writes them: the site ships the zip with
//   `.br` and `.gz` copies beside it (generator/site/compress.py), and compressed whole it is a
//   third smaller than deflated file by file; zipimport then reads each module without
//   inflating it.
// - each `.py` of PACKAGE_IN (the calculators' sources) gets its `__pycache__/NAME.cpython-XY.pyc`
//   in PACKAGE_OUT, which the wheel ships beside the source (PEP 3147): the import finds it
//   where the wheel is installed. It is compiled as Python would at its own level (0: the
//   same code as the source) and marked "unchecked hash" (PEP 552): the source is never read
//   or hashed at import. Other Pythons (CPython at build time) look for their own tag only.
//
// Nothing is fetched: any network access fails the run.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const COMPILE = `
import importlib.util, io, marshal, zipfile

UNCHECKED_HASH = (1).to_bytes(4, "little")  # PEP 552 flags: hash-based, source not checked

def _entry(name, external_attr):
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_STORED
    entry.external_attr = external_attr
    return entry

def sourceless(source_zip, out_path):
    out = io.BytesIO()
    with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = b"" if info.is_dir() else source.read(info)
            name = info.filename
            if name.endswith(".py"):
                code = compile(data, name, "exec", dont_inherit=True, optimize=2)
                # magic, flags 0 (a timestamp pyc), source mtime and size 0: no source to check
                data = importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)
                name += "c"
            target.writestr(_entry(name, info.external_attr), data)
    with open(out_path, "wb") as file:
        file.write(out.getvalue())

def cached(source_zip, out_path):
    out = io.BytesIO()
    with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if not info.filename.endswith(".py"):
                continue
            data = source.read(info)
            code = compile(data, info.filename, "exec", dont_inherit=True)
            header = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH + importlib.util.source_hash(data)
            name = importlib.util.cache_from_source(info.filename)
            target.writestr(_entry(name, info.external_attr), header + marshal.dumps(code))
    with open(out_path, "wb") as file:
        file.write(out.getvalue())
`;

const [, , pyodideArg, ...files] = process.argv;
if (!pyodideArg || files.length !== 4) {
  process.stderr.write("usage: node generator/runtime/stdlib_compile.mjs PYODIDE_DIR STDLIB_IN STDLIB_OUT PACKAGE_IN PACKAGE_OUT\n");
  process.exit(2);
}
const [stdlibIn, stdlibOut, packageIn, packageOut] = files.map((file) => path.resolve(file));
globalThis.fetch = async (url) => {
  throw new Error(`network access refused while compiling the standard library: ${url}`);
};
const dir = path.resolve(pyodideArg) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: dir, stdout: () => {}, stderr: () => {}, env: { PYTHONNODEBUGRANGES: "1" },
});
pyodide.runPython(COMPILE);
for (const [compile, from, to] of [["sourceless", stdlibIn, stdlibOut], ["cached", packageIn, packageOut]]) {
  pyodide.FS.writeFile("/tmp/in.zip", fs.readFileSync(from));
  pyodide.globals.get(compile)("/tmp/in.zip", "/tmp/out.zip");
  fs.writeFileSync(to, pyodide.FS.readFile("/tmp/out.zip"));
}
