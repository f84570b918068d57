// The trimmed standard library as bytecode (run by generator/runtime/assets.py).
//
//   node generator/runtime/stdlib_compile.mjs PYODIDE_DIR IN_ZIP OUT_ZIP
//
// Python imports a module from a zip by compiling its source each time it starts: in the
// browser that compiling was most of Python's start (the interpreter runs as WebAssembly not
// yet optimised). So each `.py` of IN_ZIP goes into OUT_ZIP as a sourceless `.pyc`, compiled
// by Pyodide's own Python (the bytecode must match its version), as `python -OO` would
// (docstrings and asserts left out, as the standard library allows). Entries are stored, not
// deflated, and dated 1980-01-01, as trim_stdlib writes them: the site ships the zip with
// `.br` and `.gz` copies beside it (generator/site/compress.py), and compressed whole it is a
// third smaller than deflated file by file; zipimport then reads each module without inflating
// it. Nothing is fetched: any network access fails the run.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const COMPILE = `
import importlib.util, io, marshal, zipfile

def compiled(source_zip, out_path):
    out = io.BytesIO()
    with zipfile.ZipFile(source_zip) as source, \\
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = b"" if info.is_dir() else source.read(info)
            name = info.filename
            if name.endswith(".py"):
                code = compile(data, name, "exec", dont_inherit=True, optimize=2)
                # magic, flags 0 (a timestamp pyc), source mtime and size 0: no source to check
                data = importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)
                name += "c"
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_STORED
            entry.external_attr = info.external_attr
            target.writestr(entry, data)
    with open(out_path, "wb") as file:
        file.write(out.getvalue())
`;

const [, , pyodideArg, inArg, outArg] = process.argv;
if (!pyodideArg || !inArg || !outArg) {
  process.stderr.write("usage: node generator/runtime/stdlib_compile.mjs PYODIDE_DIR IN_ZIP OUT_ZIP\n");
  process.exit(2);
}
globalThis.fetch = async (url) => {
  throw new Error(`network access refused while compiling the standard library: ${url}`);
};
const dir = path.resolve(pyodideArg) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: dir, stdout: () => {}, stderr: () => {} });
pyodide.FS.writeFile("/tmp/in.zip", fs.readFileSync(path.resolve(inArg)));
pyodide.runPython(COMPILE);
pyodide.globals.get("compiled")("/tmp/in.zip", "/tmp/out.zip");
fs.writeFileSync(path.resolve(outArg), pyodide.FS.readFile("/tmp/out.zip"));
