"""The browser runtime of the calculators, served from the site itself.

`write_runtime(site_dir)` puts into `site_dir/assets/pyodide/`:

- the few Pyodide files a page needs to start Python (from the npm package `pyodide`, pinned
  in package.json and its lock; `npm ci` installs it into node_modules/), the standard library
  trimmed to the files a plain start of the calculators loads (`trace_stdlib`, `trim_stdlib`)
  and compiled to bytecode (`compile_bytecode`: Python would compile it at every start),
- a pure-Python wheel holding only the package `runners_back_calculators/` (the wheel's name and
  its import name match), so the browser imports `runners_back_calculators.*` exactly as CPython
  does at build time; beside each source, its bytecode for Pyodide's Python (`__pycache__`),
- a site-local `pyodide-lock.json` listing only that wheel, registered by pyodide-build's
  `pyodide lockfile add-wheels` (its sha256 is what Pyodide checks before installing it),
- beside the wheel, `pyodide-snapshot-<hash>.gz`: a memory snapshot of Pyodide with the
  calculators imported, made in Node by generator/runtime/snapshot.mjs, its all-zero pages left out
  (`pack_snapshot`) and gzipped. A first visit starts plainly (boot Python, install the wheel:
  fewer bytes, the quicker start on a phone network) and fetches the snapshot after an answer;
  later visits restore it in about a second instead, falling back to the plain start if they
  cannot. The lock names it (the wheel's `tool` table, see `SNAPSHOT_KEY`).

The wheel and the snapshot are served as immutable (site/_headers), so each is addressed by its
own bytes: the wheel's folder is named by the wheel's hash, the snapshot's name holds the
snapshot's hash (`content_hash`). The snapshot is not byte-for-byte reproducible; its URL changes
whenever its bytes do.

The wheel, lockfile and snapshot depend only on the calculators' sources, the bridge and
snapshot scripts and the pinned Pyodide, so they are cached under
`.cache/calculators-runtime/<hash>/`: a `mkdocs serve` rebuild copies files and runs nothing.
Nothing here touches the network: the wheel is zipped by hand (no build backend to install),
add-wheels reads local files only, and the snapshot script refuses any fetch.
"""

from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The repository: package.json, node_modules/ and .cache/ live here."""

DIST_NAME = "runners-back-calculators"
"""The browser's distribution: a separate tiny wheel, no dependencies."""
DIST_VERSION = "1.0.0"
WHEEL_STEM = DIST_NAME.replace("-", "_")
PACKAGE = WHEEL_STEM
"""What the wheel holds and the browser imports: the top-level package of the same name."""

HASH_CHARS = 16
"""Hex digits of sha256 in a content-addressed name (the wheel's folder, the snapshot's file)."""

CACHE_ENTRIES_KEPT = 4
"""Cached wheel+lock pairs kept (switching branches back and forth stays fast)."""

RUNTIME_URL_DIR = "assets/pyodide"
"""Where the runtime goes in the site; the worker finds it at ../pyodide/ from its own URL."""

PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
"""What `loadPyodide()` fetches to start (the lockfile is written, not copied). Nothing else of
the npm package is served: no other packages, consoles, type files or source maps."""


SNAPSHOT_GLOB = "pyodide-snapshot-*.gz"
"""The packed, gzipped memory snapshot's name (see `snapshot_name`), in the wheel's folder."""
SNAPSHOT_KEY = "snapshot"
"""Where the lock names the snapshot for the worker:
`packages[DIST_NAME].tool[DIST_NAME][SNAPSHOT_KEY]`, a path relative to the lock like the wheel's
`file_name` (`tool` is the lock format's table for other tools' data)."""

SNAPSHOT_MAGIC = b"RBSNAP1\0"
SNAPSHOT_PAGE = 4096
"""The packed snapshot (what `pyodide-snapshot-<hash>.gz` holds, gzipped), integers little-endian:

    magic "RBSNAP1\\0" | u32 snapshot bytes | u32 page size | u32 pages kept | u32 0 |
    32-byte sha256 of the snapshot | u32 index of each kept page, ascending | the kept pages

Pages that are all zero are left out: about half of Pyodide's 30 MiB memory is zero, and the
browser then inflates 15 MB instead of 31 MB (it is the slowest step of a start). The last page
is stored padded with zeros. Decoded by `SnapshotPages` in calculator-core.js."""

STDLIB = "python_stdlib.zip"
"""Python's standard library, as Pyodide ships it (2.5 MB, 614 files) and as the site ships it:
only the 156 files the calculators' start loads (`trim_stdlib`) of its 567, as bytecode in a
zip of stored entries (3.3 MB) that the site's `.br` copy (0.96 MB) sends compressed."""
TRACE_SCRIPT = PROJECT_ROOT / "generator" / "runtime" / "stdlib_trace.mjs"
"""The Node script that lists those files (a plain start of the calculators, traced)."""
COMPILE_SCRIPT = PROJECT_ROOT / "generator" / "runtime" / "stdlib_compile.mjs"
"""The Node script that compiles them and the calculators to bytecode (`compile_bytecode`)."""

SNAPSHOT_SCRIPT = PROJECT_ROOT / "generator" / "runtime" / "snapshot.mjs"
CORE_SCRIPT = PROJECT_ROOT / "overrides" / "assets" / "javascripts" / "calculator-core.js"
"""The Node script that makes the snapshot, and the bridge it primes (shared with the worker)."""

SNAPSHOT_TIMEOUT_S = 300
"""Making the snapshot boots Pyodide in Node: about 5-8 s on a 2-core machine."""

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Fixed timestamp for every wheel entry: the same sources give byte-identical wheels."""


class RuntimeAssetsError(GeneratorError, RuntimeError):
    """The browser runtime cannot be assembled (missing npm install, failed lockfile tool)."""


@dataclass(frozen=True)
class Runtime:
    """The cached wheel and site-local lockfile for one state of the calculators' sources."""

    wheel: Path
    lockfile: Path
    pyodide_dir: Path
    snapshot: Path
    stdlib: Path
    """The trimmed standard library (see `trim_stdlib`), served as python_stdlib.zip."""


def pyodide_dir(project_root: Path = PROJECT_ROOT) -> Path:
    """node_modules/pyodide, or RuntimeAssetsError saying how to get it."""
    directory = project_root / "node_modules" / "pyodide"
    missing = [name for name in (*PYODIDE_FILES, "pyodide-lock.json", "package.json")
               if not (directory / name).is_file()]
    if missing:
        raise RuntimeAssetsError(
            f"the Pyodide runtime is not installed ({directory} lacks {', '.join(missing)}): "
            "run `npm ci` in the project root, which installs the version pinned in "
            "package-lock.json"
        )
    return directory


def pyodide_version(project_root: Path = PROJECT_ROOT) -> str:
    """The installed Pyodide's version, from its package.json."""
    package = json.loads((pyodide_dir(project_root) / "package.json").read_text("utf-8"))
    return str(package["version"])


def calculator_sources(project_root: Path = PROJECT_ROOT) -> dict[str, bytes]:
    """The wheel's files by archive path: runners_back_calculators/**.py."""
    files = {}
    for path in sorted((project_root / PACKAGE).rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        files[path.relative_to(project_root).as_posix()] = path.read_bytes()
    return files


def sources_hash(project_root: Path = PROJECT_ROOT) -> str:
    """A digest of everything the cached wheel, lockfile and snapshot depend on."""
    digest = hashlib.sha256()
    # A change in these may change what is written: this module, the snapshot script and the
    # bridge it imports, and the Pyodide files the snapshot is a memory image of.
    for path in (Path(__file__), SNAPSHOT_SCRIPT, TRACE_SCRIPT, COMPILE_SCRIPT, CORE_SCRIPT):
        digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode())
    digest.update(f"{DIST_NAME} {DIST_VERSION}\n".encode())
    npm_dir = pyodide_dir(project_root)
    for name in ("pyodide-lock.json", *PYODIDE_FILES):
        digest.update(f"{name} ".encode())
        digest.update(hashlib.sha256((npm_dir / name).read_bytes()).hexdigest().encode())
    for name, data in calculator_sources(project_root).items():
        digest.update(f"\n{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def content_hash(data: bytes) -> str:
    """The start of sha256(data): what names an immutable file, so equal URLs mean equal bytes."""
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS]


def snapshot_name(data: bytes) -> str:
    return f"pyodide-snapshot-{content_hash(data)}.gz"


def wheel_name(version: str) -> str:
    return f"{WHEEL_STEM}-{version}-py3-none-any.whl"


def _record_hash(data: bytes) -> str:
    encoded = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + encoded.decode("ascii")


def build_wheel(out_dir: Path, version: str, project_root: Path = PROJECT_ROOT,
                bytecode: dict[str, bytes] | None = None) -> Path:
    """Zip the calculators into a pure-Python wheel (PEP 427), byte-identical for equal sources.

    `bytecode` (archive path: .pyc, see `compile_bytecode`) goes in beside the sources, so the
    browser imports them without compiling. Entries are deflated (level 9): stored, with
    `.br` and `.gz` copies beside it, the wheel would send about 64 kB instead of 99 kB where
    the host serves such copies, but 219 kB where it does not.
    """
    dist_info = f"{WHEEL_STEM}-{version}.dist-info"
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST_NAME}\n"
        f"Version: {version}\n"
        "Summary: The guide's mileage planner and symptom checker, for Pyodide in the browser\n"
        "License: MIT\n"
        "Requires-Python: >=3.12\n"
    )
    wheel_meta = (
        "Wheel-Version: 1.0\n"
        "Generator: generator.runtime.assets\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )
    entries = dict(calculator_sources(project_root))
    entries.update(sorted((bytecode or {}).items()))
    entries[f"{dist_info}/METADATA"] = metadata.encode()
    entries[f"{dist_info}/WHEEL"] = wheel_meta.encode()
    entries[f"{dist_info}/top_level.txt"] = f"{PACKAGE}\n".encode()
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in entries.items():
        writer.writerow([name, _record_hash(data), str(len(data))])
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    entries[f"{dist_info}/RECORD"] = record.getvalue().encode()

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / wheel_name(version)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return path


def _pyodide_cli() -> list[str]:
    """How to run pyodide-build's `pyodide` command with this interpreter's packages."""
    script = Path(sys.executable).parent / "pyodide"
    if script.is_file():
        return [str(script)]
    found = shutil.which("pyodide")
    if found:
        return [found]
    raise RuntimeAssetsError(
        "pyodide-build's `pyodide` command was not found beside this Python or on PATH: "
        "install the project's dev dependencies (pip install -e '.[dev]')"
    )


def register_wheel(base_lock: Path, wheel: Path, out_lock: Path) -> None:
    """Write `out_lock`: the base lock's info, no packages but `wheel` (added by add-wheels).

    The npm package's lock names ~350 packages the site does not ship; keeping only ours makes
    a missing file impossible to request and the lock a few hundred bytes instead of 120 kB.
    """
    base = json.loads(base_lock.read_text("utf-8"))
    trimmed = {"info": base["info"], "packages": {}}
    with tempfile.TemporaryDirectory(prefix="pyodide-lock-") as tmp:
        source = Path(tmp) / "pyodide-lock.json"
        source.write_text(json.dumps(trimmed, indent=2) + "\n", "utf-8")
        command = [
            *_pyodide_cli(), "lockfile", "add-wheels",
            "--input", str(source), "--output", str(out_lock),
            "--base-path", str(out_lock.parent), str(wheel),
        ]
        # Offline by construction: add-wheels reads the wheel and the lock, nothing else. The
        # proxy variables are cleared so a misconfigured machine cannot make it reach out.
        env = {key: value for key, value in os.environ.items()
               if key.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0 or not out_lock.is_file():
        raise RuntimeAssetsError(
            "`pyodide lockfile add-wheels` failed to register the calculators' wheel: "
            + _last_lines(result)
        )
    lock = json.loads(out_lock.read_text("utf-8"))
    entry = lock["packages"].get(DIST_NAME)
    expected = wheel.relative_to(out_lock.parent).as_posix()
    if entry is None or entry["file_name"] != expected:
        raise RuntimeAssetsError(
            f"`pyodide lockfile add-wheels` did not register {DIST_NAME} as {expected}"
        )


@dataclass(frozen=True)
class SnapshotStats:
    """What making one snapshot measured (printed by generator/runtime/snapshot.mjs, plus gzip)."""

    raw_bytes: int
    gzip_bytes: int
    modules: int
    node_ms: int
    gzip_ms: int


def _node() -> str:
    node = shutil.which("node")
    if not node:
        raise RuntimeAssetsError(
            "Node.js is needed to make the calculators' memory snapshot and was not found on PATH "
            "(the Makefile's setup installs it with the other system packages)"
        )
    return node


def pack_snapshot(snapshot: bytes) -> bytes:
    """The snapshot without its all-zero pages, in the format of SNAPSHOT_MAGIC (not gzipped)."""
    page = SNAPSHOT_PAGE
    view = memoryview(snapshot)
    zero = bytes(page)
    kept, pages = [], []
    for index in range(-(-len(snapshot) // page)):
        chunk = bytes(view[index * page:(index + 1) * page]).ljust(page, b"\0")
        if chunk != zero:
            kept.append(index)
            pages.append(chunk)
    header = SNAPSHOT_MAGIC + struct.pack("<4I", len(snapshot), page, len(kept), 0)
    header += hashlib.sha256(snapshot).digest() + struct.pack(f"<{len(kept)}I", *kept)
    return header + b"".join(pages)


def unpack_snapshot(packed: bytes) -> bytes:
    """The snapshot `pack_snapshot` packed (its sha256 checked), or ValueError."""
    if packed[:8] != SNAPSHOT_MAGIC:
        raise ValueError("not a packed snapshot")
    size, page, count, _ = struct.unpack_from("<4I", packed, 8)
    digest = packed[24:56]
    kept = struct.unpack_from(f"<{count}I", packed, 56)
    body = 56 + 4 * count
    if len(packed) != body + count * page:
        raise ValueError("the packed snapshot is truncated or too long")
    out = bytearray(-(-size // page) * page)
    for number, index in enumerate(kept):
        out[index * page:(index + 1) * page] = packed[body + number * page:body + (number + 1) * page]
    snapshot = bytes(out[:size])
    if hashlib.sha256(snapshot).digest() != digest:
        raise ValueError("the unpacked snapshot does not match its sha256")
    return snapshot


def _run_node(script: Path, args: list[Path], doing: str) -> subprocess.CompletedProcess[str]:
    """Run one of our Node scripts on the runtime; a run past the time limit is a RuntimeAssetsError."""
    command = [_node(), str(script), *(str(arg) for arg in args)]
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=SNAPSHOT_TIMEOUT_S, cwd=PROJECT_ROOT)
    except subprocess.TimeoutExpired as error:
        raise RuntimeAssetsError(f"{doing} took over {SNAPSHOT_TIMEOUT_S} s") from error


def _last_lines(result: subprocess.CompletedProcess[str]) -> str:
    """What a failed script said last, on one line."""
    return " | ".join((result.stderr or result.stdout).strip().splitlines()[-5:])


def trace_stdlib(npm_dir: Path, lockfile: Path) -> list[str]:
    """The files of the standard library's zip that a plain start of the calculators loads
    (generator/runtime/stdlib_trace.mjs, in Node, on the full zip in `npm_dir`)."""
    result = _run_node(TRACE_SCRIPT, [npm_dir, lockfile], "tracing the standard library")
    try:
        files = json.loads(result.stdout.strip().splitlines()[-1])["files"]
    except (IndexError, ValueError, KeyError, TypeError):
        files = []
    if result.returncode != 0 or not files:
        raise RuntimeAssetsError(
            "generator/runtime/stdlib_trace.mjs failed to list the standard library the calculators "
            "use: " + _last_lines(result))
    return [str(name) for name in files]


def trim_stdlib(full: bytes, files: list[str]) -> bytes:
    """A zip of only `files` (and their folders) from the standard library's zip `full`.

    Entries are stored, not deflated, as the compiled zip the site ships is (see
    stdlib_compile.mjs): compressed whole by the transfer, it is smaller than deflated file by
    file. Byte-identical for equal inputs.
    """
    wanted = set(files)
    folders = {name.rsplit("/", 1)[0] + "/" for name in wanted if "/" in name}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(full)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as target:
        names = set(source.namelist())
        missing = sorted(wanted - names)
        if missing:
            raise RuntimeAssetsError(
                f"the standard library's zip lacks {', '.join(missing[:5])}")
        for info in source.infolist():
            if info.filename in wanted or info.filename in folders:
                entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
                entry.compress_type = zipfile.ZIP_STORED
                entry.external_attr = info.external_attr
                target.writestr(entry, b"" if info.is_dir() else source.read(info))
    return out.getvalue()


def compile_bytecode(npm_dir: Path, stdlib_source: Path, stdlib_out: Path,
                     package: dict[str, bytes]) -> dict[str, bytes]:
    """Compile with the Python of the runtime in `npm_dir` (generator/runtime/stdlib_compile.mjs,
    in Node): `stdlib_source` (a trimmed standard library) with each module as sourceless
    bytecode, into `stdlib_out`; and return the `__pycache__` bytecode of `package` (archive
    path: source, the calculators), by archive path, for the wheel.

    Python compiles sources at every start; in the browser the standard library's was about
    half of a plain start's time, the calculators' a few hundred milliseconds more."""
    package_in, package_out = stdlib_out.with_name("package.zip"), stdlib_out.with_name("package-pyc.zip")
    with zipfile.ZipFile(package_in, "w") as archive:
        for name, data in package.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), data)
    try:
        result = _run_node(COMPILE_SCRIPT, [npm_dir, stdlib_source, stdlib_out, package_in, package_out],
                           "compiling the standard library and the calculators")
        if result.returncode != 0 or not stdlib_out.is_file() or not package_out.is_file():
            raise RuntimeAssetsError(
                "generator/runtime/stdlib_compile.mjs failed to compile the standard library and "
                "the calculators: " + _last_lines(result))
        with zipfile.ZipFile(package_out) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    finally:
        package_in.unlink(missing_ok=True)
        package_out.unlink(missing_ok=True)


def _runtime_with_stdlib(npm_dir: Path, stdlib: Path, into: Path) -> Path:
    """A folder with Pyodide's files from `npm_dir` but the trimmed standard library: what the
    snapshot is made from, so that it matches the zip the site serves."""
    into.mkdir()
    for name in (*PYODIDE_FILES, "package.json"):
        target = into / name
        if name == STDLIB:
            shutil.copyfile(stdlib, target)
        else:
            shutil.copyfile(npm_dir / name, target)
    return into


def make_snapshot(npm_dir: Path, lockfile: Path, out: Path) -> SnapshotStats:
    """Run generator/runtime/snapshot.mjs on the runtime in `npm_dir` with the wheel `lockfile` names,
    and write its snapshot to `out`, packed and gzipped (level 9, mtime 0: the same snapshot
    gives the same file)."""
    raw = out.with_name(out.name + ".raw")
    started = time.monotonic()
    result = _run_node(SNAPSHOT_SCRIPT, [npm_dir, lockfile, raw], "making the memory snapshot")
    node_ms = round((time.monotonic() - started) * 1000)
    if result.returncode != 0 or not raw.is_file():
        raise RuntimeAssetsError(
            "generator/runtime/snapshot.mjs failed to make the calculators' memory snapshot: "
            + _last_lines(result)
        )
    try:
        report = json.loads(result.stdout.strip().splitlines()[-1])
        made, modules = int(report["bytes"]), int(report["modules"])
    except (ValueError, IndexError, KeyError, TypeError):
        raise RuntimeAssetsError(
            "generator/runtime/snapshot.mjs did not end with its JSON report: "
            + " | ".join(result.stdout.strip().splitlines()[-5:])) from None
    started = time.monotonic()
    data = raw.read_bytes()
    raw.unlink()
    if len(data) != made:
        raise RuntimeAssetsError(
            f"the snapshot file holds {len(data)} bytes, the script made {made}")
    packed = gzip.compress(pack_snapshot(data), compresslevel=9, mtime=0)
    out.write_bytes(packed)
    return SnapshotStats(len(data), len(packed), modules, node_ms,
                         round((time.monotonic() - started) * 1000))


def snapshot_path(lockfile: Path) -> Path:
    """The snapshot the lock names (KeyError, ValueError or OSError if it names none)."""
    package = json.loads(lockfile.read_text("utf-8"))["packages"][DIST_NAME]
    return lockfile.parent / package["tool"][DIST_NAME][SNAPSHOT_KEY]


def _name_snapshot(lockfile: Path, snapshot: Path) -> None:
    lock = json.loads(lockfile.read_text("utf-8"))
    tool = lock["packages"][DIST_NAME].setdefault("tool", {})
    tool[DIST_NAME] = {SNAPSHOT_KEY: snapshot.relative_to(lockfile.parent).as_posix()}
    lockfile.write_text(json.dumps(lock, indent=2) + "\n", "utf-8")


def _cached(entry: Path, npm_dir: Path) -> Runtime | None:
    """The complete runtime in a cache entry, or None (missing, or from an older layout)."""
    lockfile = entry / "pyodide-lock.json"
    try:
        package = json.loads(lockfile.read_text("utf-8"))["packages"][DIST_NAME]
        wheel = lockfile.parent / package["file_name"]
        snapshot = snapshot_path(lockfile)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    stdlib = entry / STDLIB
    if wheel.is_file() and snapshot.is_file() and stdlib.is_file():
        return Runtime(wheel, lockfile, npm_dir, snapshot, stdlib)
    return None


def prepare_runtime(
    project_root: Path = PROJECT_ROOT, cache_dir: Path | None = None
) -> Runtime:
    """The cached wheel, lockfile and snapshot for the current sources, made once per hash.

    The wheel sits in a folder named by its own hash (`<hash>/runners_back_calculators-...whl`),
    so a changed wheel gets a new URL and no browser cache serves the old one against the new
    lock's sha256. (A local version `1.0.0+hash` would do the same, but some static hosts read
    `+` in a path as a space.) The snapshot beside it is named by its own hash.
    """
    npm_dir = pyodide_dir(project_root)
    digest = sources_hash(project_root)
    cache_root = cache_dir or project_root / ".cache" / "calculators-runtime"
    entry = cache_root / digest[:32]
    runtime = _cached(entry, npm_dir)
    if runtime:
        return runtime

    cache_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_root))
    try:
        # The standard library is traced with a wheel of sources only: the bytecode that the
        # served wheel holds is compiled with the trimmed standard library, in one Node run.
        # (Importing a module's bytecode needs nothing that compiling its source does not.)
        _, traced_lock = _placed_wheel(build_wheel(work / "build", DIST_VERSION, project_root),
                                       npm_dir, work / "traced")
        sources = work / "python_stdlib_sources.zip"
        sources.write_bytes(trim_stdlib((npm_dir / STDLIB).read_bytes(),
                                        trace_stdlib(npm_dir, traced_lock)))
        shutil.rmtree(work / "traced")
        stdlib = work / STDLIB
        bytecode = compile_bytecode(npm_dir, sources, stdlib, calculator_sources(project_root))
        sources.unlink()
        wheel, lockfile = _placed_wheel(
            build_wheel(work / "build", DIST_VERSION, project_root, bytecode), npm_dir, work)
        folder = wheel.parent
        made = folder / "snapshot.partial"
        make_snapshot(_runtime_with_stdlib(npm_dir, stdlib, work / "runtime"), lockfile, made)
        shutil.rmtree(work / "runtime")
        _name_snapshot(lockfile, made.rename(folder / snapshot_name(made.read_bytes())))
        if entry.exists():  # an older entry without a snapshot: replaced whole
            shutil.rmtree(entry, ignore_errors=True)
        try:
            work.rename(entry)  # atomic: a half-written entry is never seen as cached
        except OSError:
            if _cached(entry, npm_dir) is None:
                raise  # not a concurrent build's complete entry
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _prune(cache_root, keep=entry)
    runtime = _cached(entry, npm_dir)
    if runtime is None:
        raise RuntimeAssetsError(f"the calculators' runtime cache {entry} was removed while in use")
    return runtime


def _placed_wheel(built: Path, npm_dir: Path, into: Path) -> tuple[Path, Path]:
    """Move the wheel `built` into `into/<its hash>/` and register it alone in
    `into/pyodide-lock.json`; return the wheel and the lock."""
    folder = into / content_hash(built.read_bytes())
    folder.mkdir(parents=True)
    wheel = built.rename(folder / built.name)
    built.parent.rmdir()
    lockfile = into / "pyodide-lock.json"
    register_wheel(npm_dir / "pyodide-lock.json", wheel, lockfile)
    return wheel, lockfile


def _prune(cache_root: Path, keep: Path, kept: int = CACHE_ENTRIES_KEPT) -> None:
    """Drop all but the newest cache entries (and stale work folders of killed builds)."""
    entries = sorted(
        (path for path in cache_root.iterdir() if path.is_dir() and path != keep),
        key=lambda path: path.stat().st_mtime, reverse=True,
    )
    for path in entries[kept - 1:]:
        shutil.rmtree(path, ignore_errors=True)


def write_runtime(
    site_dir: Path, *, project_root: Path = PROJECT_ROOT, cache_dir: Path | None = None
) -> Path:
    """Copy the runtime, the calculators' wheel and snapshot and the site-local lock into the
    built site.

    Returns the directory written (site_dir/assets/pyodide). Raises RuntimeAssetsError, saying
    to run `npm ci`, when node_modules/pyodide is missing.
    """
    runtime = prepare_runtime(project_root, cache_dir)
    target = Path(site_dir) / RUNTIME_URL_DIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PYODIDE_FILES:
        source = runtime.stdlib if name == STDLIB else runtime.pyodide_dir / name
        shutil.copyfile(source, target / name)
    wheel_dir = target / runtime.wheel.parent.name
    wheel_dir.mkdir()
    shutil.copyfile(runtime.wheel, wheel_dir / runtime.wheel.name)
    shutil.copyfile(runtime.snapshot, wheel_dir / runtime.snapshot.name)
    shutil.copyfile(runtime.lockfile, target / "pyodide-lock.json")
    return target
