"""The browser runtime in the site: only the needed Pyodide files, our wheel, a lock that checks it."""

from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import io
import json
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import BRIDGE_MODULES
from generator.runtime import assets as runtime_assets
from generator.runtime.assets import RuntimeAssetsError, write_runtime

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"


@pytest.fixture(scope="module")
def runtime_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    return write_runtime(site, cache_dir=tmp_path_factory.mktemp("cache"))


def the_wheel(runtime_dir: Path) -> Path:
    wheels = list(runtime_dir.glob("*/*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_only_the_needed_files_are_served(runtime_dir: Path) -> None:
    assert runtime_dir.parts[-2:] == ("assets", "pyodide")
    files = sorted(p.relative_to(runtime_dir).as_posix() for p in runtime_dir.rglob("*")
                   if p.is_file())
    wheel = the_wheel(runtime_dir).relative_to(runtime_dir).as_posix()
    snapshot = runtime_assets.snapshot_path(runtime_dir / "pyodide-lock.json").relative_to(runtime_dir).as_posix()
    assert snapshot.rsplit("/", 1)[0] == wheel.rsplit("/", 1)[0]  # beside the wheel
    assert files == sorted([
        "pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs",
        "python_stdlib.zip", wheel, snapshot])
    assert wheel.endswith("/runners_back_calculators-1.0.0-py3-none-any.whl")
    for name in runtime_assets.PYODIDE_FILES:  # copied byte for byte from the pinned package
        if name != runtime_assets.STDLIB:  # ... but the standard library, trimmed (below)
            assert (runtime_dir / name).read_bytes() == (NPM_PYODIDE / name).read_bytes()


def test_the_standard_library_is_trimmed_to_what_the_calculators_load(runtime_dir: Path) -> None:
    with zipfile.ZipFile(NPM_PYODIDE / runtime_assets.STDLIB) as full:
        every = {info.filename: full.read(info) for info in full.infolist()}
    with zipfile.ZipFile(runtime_dir / runtime_assets.STDLIB) as trimmed:
        kept = {info.filename: trimmed.read(info) for info in trimmed.infolist()}
        # Stored: the site's .br and .gz copies compress it whole (generator/site/compress.py)
        assert {info.compress_type for info in trimmed.infolist()} == {zipfile.ZIP_STORED}
    # Each module as bytecode only (compile_stdlib), every other file unchanged.
    modules = {name for name in kept if name.endswith(".pyc")}
    assert not [name for name in kept if name.endswith(".py")]
    assert all(name[:-1] in every for name in modules)
    assert all(every[name] == data for name, data in kept.items() if name not in modules)
    # One Python's bytecode: a magic number ending in \r\n, then flags, mtime and size all 0
    assert {kept[name][:4] for name in modules} == {kept["json/__init__.pyc"][:4]}
    assert kept["json/__init__.pyc"][2:4] == b"\r\n"
    assert {kept[name][4:16] for name in modules} == {bytes(12)}
    # What the bridge, Pyodide's start and its package installer import; not what nothing does.
    for needed in ("json/__init__.py", "dataclasses.py", "pyodide/_package_loader.py",
                   "_pyodide/_importhook.py", "zipfile/__init__.py", "encodings/utf_8.py"):
        assert needed + "c" in kept, needed
    for unused in ("unittest/__init__.py", "argparse.py", "sqlite3/__init__.py",
                   "pydoc.py", "http/client.py", "xml/dom/minidom.py"):
        assert unused in every and unused + "c" not in kept, unused
    assert len(kept) < len(every) / 3


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_trim_stdlib_keeps_the_listed_files_and_their_folders() -> None:
    full = _zip({"a/": b"", "a/__init__.py": b"", "a/b.py": b"B = 1\n", "c.py": b"C = 2\n",
                 "d.py": b"D = 3\n"})
    trimmed = runtime_assets.trim_stdlib(full, ["c.py", "a/b.py"])
    with zipfile.ZipFile(io.BytesIO(trimmed)) as archive:
        assert archive.namelist() == ["a/", "a/b.py", "c.py"]
        assert archive.read("a/b.py") == b"B = 1\n"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}
    assert runtime_assets.trim_stdlib(full, ["a/b.py", "c.py"]) == trimmed  # deterministic


def test_trim_stdlib_refuses_a_file_the_zip_lacks() -> None:
    with pytest.raises(RuntimeAssetsError, match="lacks gone.py"):
        runtime_assets.trim_stdlib(_zip({"c.py": b""}), ["c.py", "gone.py"])


def test_pinned_pyodide_version_is_the_installed_one() -> None:
    """Exact pin: the snapshot uses Pyodide's private options (_makeSnapshot, _loadSnapshot),
    whose behaviour this version's tests (here, in Node and in the browser) check."""
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert package["dependencies"]["pyodide"] == "314.0.7"  # exact, no range
    assert lock["packages"]["node_modules/pyodide"]["version"] == "314.0.7"
    assert runtime_assets.pyodide_version() == "314.0.7"
    assert "resolved" not in json.dumps(lock)  # no registry host written into the project


PYODIDE_CACHE_TAG = "cpython-314"
"""sys.implementation.cache_tag of Pyodide 314.0.7's Python: the name its imports look for."""


def test_wheel_holds_only_the_calculators(runtime_dir: Path) -> None:
    with zipfile.ZipFile(the_wheel(runtime_dir)) as wheel:
        names = wheel.namelist()
        package = [n for n in names if not n.startswith("runners_back_calculators-")]
        sources = sorted(n for n in package if n.endswith(".py"))
        expected = sorted(
            p.relative_to(ROOT).as_posix() for p in (ROOT / "runners_back_calculators").rglob("*.py")
            if "__pycache__" not in p.parts)
        assert sources == expected
        for name in sources:
            assert wheel.read(name) == (ROOT / name).read_bytes()
        # Beside each source, the bytecode Pyodide's Python imports instead of compiling it.
        bytecode = sorted(n for n in package if not n.endswith(".py"))
        assert bytecode == sorted(
            f"runners_back_calculators/__pycache__/{Path(n).stem}.{PYODIDE_CACHE_TAG}.pyc" for n in sources)
        with zipfile.ZipFile(runtime_dir / runtime_assets.STDLIB) as stdlib:
            magic = stdlib.read("json/__init__.pyc")[:4]  # Pyodide's Python's
        for name in bytecode:
            # That Python's magic, then PEP 552's flags 1: checked against no source, by nothing
            assert wheel.read(name)[:8] == magic + b"\1\0\0\0", name
        assert {info.compress_type for info in wheel.infolist()} == {zipfile.ZIP_DEFLATED}
        dist_info = "runners_back_calculators-1.0.0.dist-info/"
        assert sorted(n for n in names if n.startswith(dist_info)) == [
            dist_info + n for n in ("METADATA", "RECORD", "WHEEL", "top_level.txt")]
        metadata = wheel.read(dist_info + "METADATA").decode()
        assert "Name: runners-back-calculators\n" in metadata
        assert "Version: 1.0.0\n" in metadata
        assert "Requires-Dist" not in metadata  # no dependencies
        assert "Tag: py3-none-any\n" in wheel.read(dist_info + "WHEEL").decode()
        assert wheel.read(dist_info + "top_level.txt") == b"runners_back_calculators\n"  # the name it imports as
        record = list(csv.reader(io.StringIO(wheel.read(dist_info + "RECORD").decode())))
        assert sorted(row[0] for row in record) == sorted(names)
        for path, digest, size in record:
            if path.endswith("RECORD"):
                assert (digest, size) == ("", "")
                continue
            data = wheel.read(path)
            expected_digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == "sha256=" + expected_digest.decode()
            assert int(size) == len(data)


def test_lockfile_registers_the_wheel_with_its_sha256(runtime_dir: Path) -> None:
    lock = json.loads((runtime_dir / "pyodide-lock.json").read_text())
    base = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    assert lock["info"] == base["info"]
    assert list(lock["packages"]) == ["runners-back-calculators"]
    entry = lock["packages"]["runners-back-calculators"]
    wheel = the_wheel(runtime_dir)
    assert entry["file_name"] == wheel.relative_to(runtime_dir).as_posix()
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["runners_back_calculators"]
    assert entry["depends"] == []
    assert entry["version"] == "1.0.0"
    assert entry["package_type"] == "package" and entry["install_dir"] == "site"


def test_wheel_works_alone_in_a_clean_python(runtime_dir: Path, tmp_path: Path) -> None:
    """Imported from the wheel in an isolated interpreter, away from the repository."""
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "import runners_back_calculators.bridge as bridge;"
        "assert bridge.__file__.startswith(sys.argv[1]), bridge.__file__;"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('generator', 'runners_back_calculators'))))"
    )
    out = subprocess.run([sys.executable, "-I", "-c", code, str(the_wheel(runtime_dir))],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    # the bridge and all it uses; nothing of the generator
    assert json.loads(out.stdout) == BRIDGE_MODULES


PYODIDE_WITH_THE_WHEEL = """
    import path from "node:path";
    import { pathToFileURL } from "node:url";
    globalThis.fetch = async (url) => { throw new Error("no network: " + url); };
    const dir = path.resolve(process.argv[1]) + path.sep;
    const { loadPyodide } = await import(pathToFileURL(dir + "pyodide.mjs").href);
    const pyodide = await loadPyodide({ indexURL: dir, lockFileURL: dir + "pyodide-lock.json",
      packageBaseUrl: dir, stdout: () => {}, stderr: () => {} });
    await pyodide.loadPackage("runners-back-calculators",
      { messageCallback: () => {}, errorCallback: () => {}, checkIntegrity: true });
    console.log(pyodide.runPython(process.argv[2]));
"""
"""Boot the site's Pyodide in Node (no network), install the wheel as the browser does, and
print what the Python code given second evaluates to."""


def in_pyodide(runtime_dir: Path, code: str) -> Any:
    """The JSON text the last line of `code` evaluates to in Pyodide with the wheel, parsed."""
    result = subprocess.run(["node", "--input-type=module", "-e", PYODIDE_WITH_THE_WHEEL,
                             str(runtime_dir), code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pyodide_imports_the_calculators_from_the_wheels_bytecode(runtime_dir: Path) -> None:
    """Installed in Pyodide, the calculators import from their bytecode: with every source
    file made unreadable as Python after the install, the bridge still imports."""
    imported = in_pyodide(runtime_dir, """
import importlib.util, json, pathlib, sys
package = pathlib.Path(importlib.util.find_spec("runners_back_calculators").origin).parent
for source in package.glob("*.py"):
    source.write_text("this is not Python (")
import runners_back_calculators.bridge
json.dumps(sorted(name for name in sys.modules if name.startswith("runners_back_calculators")))
""")
    assert imported == BRIDGE_MODULES


def test_the_bytecode_has_lines_but_no_column_ranges(runtime_dir: Path) -> None:
    """The standard library and the calculators are compiled without column ranges (a quarter
    of the standard library's download): line numbers stay, for tracebacks."""
    found = in_pyodide(runtime_dir, """
import json, json.decoder
import runners_back_calculators.planner as planner
def positions(function):
    return list(function.__code__.co_positions())
found = {}
for name, function in (("stdlib", json.decoder.JSONDecoder.raw_decode), ("calculators", planner.plan)):
    found[name] = {"lines": sum(1 for line, *_ in positions(function) if line),
                   "columns": sum(1 for _, _, column, _ in positions(function) if column is not None)}
json.dumps(found)
""")
    for name in ("stdlib", "calculators"):
        assert found[name]["lines"] > 3 and found[name]["columns"] == 0, (name, found)


def test_wheels_are_byte_identical_for_the_same_sources(tmp_path: Path) -> None:
    first = runtime_assets.build_wheel(tmp_path / "a", "1.0.0")
    second = runtime_assets.build_wheel(tmp_path / "b", "1.0.0")
    assert first.read_bytes() == second.read_bytes()


def _project_copy(tmp_path: Path) -> Path:
    """A minimal project root: the calculators' sources and the installed npm runtime."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "runners_back_calculators", root / "runners_back_calculators",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "node_modules").mkdir()
    (root / "node_modules" / "pyodide").symlink_to(NPM_PYODIDE)
    return root


@pytest.mark.slow  # builds the wheel and runs `pyodide lockfile add-wheels` three times
def test_cache_is_reused_until_a_calculator_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project_copy(tmp_path)
    cache = tmp_path / "cache"
    snapshots: list[Path] = []

    def fake_snapshot(npm_dir: Path, lockfile: Path, out: Path) -> None:
        # The real one boots Pyodide (seconds); this test is about what is cached when.
        assert json.loads(lockfile.read_text())["packages"]["runners-back-calculators"]
        snapshots.append(out)
        out.write_bytes(b"snapshot for " + out.parent.name.encode())

    monkeypatch.setattr(runtime_assets, "make_snapshot", fake_snapshot)
    first = runtime_assets.prepare_runtime(root, cache)
    assert len(snapshots) == 1
    assert first.snapshot == first.wheel.parent / runtime_assets.snapshot_name(first.snapshot.read_bytes())
    assert first.snapshot.read_bytes() == b"snapshot for " + first.wheel.parent.name.encode()

    def must_not_run(*args: object) -> None:
        raise AssertionError("the runtime was remade although the sources did not change")

    monkeypatch.setattr(runtime_assets, "register_wheel", must_not_run)
    monkeypatch.setattr(runtime_assets, "make_snapshot", must_not_run)
    again = runtime_assets.prepare_runtime(root, cache)
    assert again == first
    monkeypatch.undo()
    monkeypatch.setattr(runtime_assets, "make_snapshot", fake_snapshot)

    # An entry without its snapshot (an older layout, a killed build) is made again, whole.
    first.snapshot.unlink()
    remade = runtime_assets.prepare_runtime(root, cache)
    assert remade == first and len(snapshots) == 2 and first.snapshot.is_file()

    planner_py = root / "runners_back_calculators" / "planner.py"
    planner_py.write_text(planner_py.read_text() + "\n# changed\n")
    changed = runtime_assets.prepare_runtime(root, cache)
    assert len(snapshots) == 3
    assert changed.wheel != first.wheel
    assert changed.wheel.parent.name != first.wheel.parent.name  # a new URL for a new wheel
    assert changed.snapshot.parent == changed.wheel.parent  # ... and for its snapshot
    with zipfile.ZipFile(changed.wheel) as wheel:
        assert wheel.read("runners_back_calculators/planner.py").endswith(b"# changed\n")
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [first.lockfile.parent.name, changed.lockfile.parent.name])


def test_missing_npm_install_says_to_run_npm_ci(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    (root / "node_modules" / "pyodide").unlink()
    with pytest.raises(RuntimeAssetsError, match=r"run `npm ci`"):
        write_runtime(tmp_path / "site", project_root=root, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "site").exists()


# ---------------------------------------------------------------- the memory snapshot

PYODIDE_SNAPSHOT_MAGIC = 1886286592
"""The first u32 of a snapshot made by Pyodide 314.0.7's makeMemorySnapshot."""


def shipped_snapshot(runtime_dir: Path) -> bytes:
    packed = gzip.decompress(runtime_assets.snapshot_path(runtime_dir / "pyodide-lock.json").read_bytes())
    return runtime_assets.unpack_snapshot(packed)


def test_snapshot_is_pyodides_for_this_build(runtime_dir: Path) -> None:
    snapshot = shipped_snapshot(runtime_dir)
    magic, memory_at, json_length, _ = struct.unpack_from("<4I", snapshot)
    assert magic == PYODIDE_SNAPSHOT_MAGIC
    build_id = "".join(f"{word:08x}" for word in struct.unpack_from("<8I", snapshot, 16))
    pyodide_mjs = (NPM_PYODIDE / "pyodide.mjs").read_text()
    assert f'BUILD_ID:"{build_id}"' in pyodide_mjs  # Pyodide refuses any other build's
    state = json.loads(snapshot[48:48 + json_length])
    # No JavaScript object of the build machine is referenced from Python's memory.
    assert all(key is None for key in state["hiwireKeys"]), state
    memory = len(snapshot) - memory_at
    assert memory % 65536 == 0 and 16 << 20 <= memory <= 64 << 20  # whole wasm pages, ~30 MiB


def test_snapshot_holds_no_build_machine_paths(runtime_dir: Path) -> None:
    snapshot = shipped_snapshot(runtime_dir)
    for path in (str(ROOT), str(runtime_dir)):  # (Pyodide's own build paths are in its data)
        assert path.encode() not in snapshot, path
    assert b"snapshot.mjs" not in snapshot  # sys.executable and $_ are "python", not the script


def test_snapshot_file_is_packed_and_gzipped_deterministically(runtime_dir: Path) -> None:
    data = runtime_assets.snapshot_path(runtime_dir / "pyodide-lock.json").read_bytes()
    assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0"  # gzip, mtime 0, no name
    assert data[3] == 0  # no FNAME or other optional header fields
    packed = gzip.decompress(data)
    assert packed[:8] == runtime_assets.SNAPSHOT_MAGIC
    snapshot = runtime_assets.unpack_snapshot(packed)
    assert gzip.compress(runtime_assets.pack_snapshot(snapshot), 9, mtime=0) == data
    # Leaving out the all-zero pages is worth it: about half of the memory is zeros.
    assert len(packed) < 0.7 * len(snapshot)
    assert len(data) < 8_000_000


@pytest.mark.parametrize("snapshot", [
    b"", b"x", bytes(4096), b"a" * 4096 + bytes(4096) + b"b" * 10, bytes(12288) + b"\1",
    bytes(range(256)) * 100,
])
def test_pack_and_unpack_round_trip(snapshot: bytes) -> None:
    packed = runtime_assets.pack_snapshot(snapshot)
    assert runtime_assets.unpack_snapshot(packed) == snapshot
    size, page, kept, _ = struct.unpack_from("<4I", packed, 8)
    assert (size, page) == (len(snapshot), runtime_assets.SNAPSHOT_PAGE)
    assert kept == sum(1 for at in range(0, len(snapshot), page) if any(snapshot[at:at + page]))


def test_unpack_refuses_damaged_snapshots() -> None:
    packed = runtime_assets.pack_snapshot(b"a" * 5000 + bytes(8192) + b"b")
    body = len(packed) - 2 * 4096  # two pages kept: the first and the last
    with pytest.raises(ValueError, match="sha256"):
        runtime_assets.unpack_snapshot(packed[:body] + b"c" + packed[body + 1:])
    with pytest.raises(ValueError, match="truncated"):
        runtime_assets.unpack_snapshot(packed[:-1])
    with pytest.raises(ValueError, match="not a packed snapshot"):
        runtime_assets.unpack_snapshot(b"RBSNAP0\0" + packed[8:])


def test_snapshot_pages_in_javascript_match_python(tmp_path: Path) -> None:
    """The worker's decoder (SnapshotPages, calculator-core.js) rebuilds what pack_snapshot
    packed, whatever the chunk sizes the stream delivers, and refuses a truncated one."""
    snapshot = bytes(range(256)) * 40 + bytes(9000) + b"end" + bytes(4093) + b"\7" * 5
    path = tmp_path / "packed.bin"
    path.write_bytes(runtime_assets.pack_snapshot(snapshot))
    core = (ROOT / "overrides" / "assets" / "javascripts" / "calculator-core.js").as_uri()
    script = f"""
        import {{ readFileSync }} from "node:fs";
        import {{ createHash }} from "node:crypto";
        import {{ SnapshotPages }} from "{core}";
        const packed = readFileSync(process.argv[1]);
        const out = [];
        for (const size of [1, 3, 56, 4096, 5000, packed.length]) {{
          const pages = new SnapshotPages();
          for (let at = 0; at < packed.length; at += size) pages.push(packed.subarray(at, at + size));
          const bytes = pages.finish();
          out.push([createHash("sha256").update(bytes).digest("hex"), pages.sha256]);
        }}
        const cut = new SnapshotPages();
        cut.push(packed.subarray(0, packed.length - 1));
        let refused = "";
        try {{ cut.finish(); }} catch (error) {{ refused = error.message; }}
        console.log(JSON.stringify({{ out, refused, packed: SnapshotPages.isPacked(packed) }}));
    """
    result = subprocess.run(["node", "--input-type=module", "-e", script, str(path)],
                            capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    digest = hashlib.sha256(snapshot).hexdigest()
    assert report["out"] == [[digest, digest]] * 6
    assert report["refused"] == "the packed snapshot is truncated"
    assert report["packed"] is True


def test_snapshot_failure_is_reported(tmp_path: Path) -> None:
    lock = tmp_path / "pyodide-lock.json"
    lock.write_text(json.dumps({"info": {}, "packages": {}}))
    with pytest.raises(RuntimeAssetsError, match="does not list runners-back-calculators"):
        runtime_assets.make_snapshot(NPM_PYODIDE, lock, tmp_path / "snapshot.gz")
    assert not (tmp_path / "snapshot.gz").exists()


def test_missing_node_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime_assets.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeAssetsError, match="Node.js is needed"):
        runtime_assets.make_snapshot(NPM_PYODIDE, tmp_path / "lock.json", tmp_path / "s.gz")


def test_hash_covers_the_core_and_the_snapshot_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change to calculator-core.js (which primes the snapshot) or to snapshot.mjs makes a new
    snapshot; a change to the bridge module changes the wheel, which is hashed too."""
    before = runtime_assets.sources_hash()
    for name in ("CORE_SCRIPT", "SNAPSHOT_SCRIPT"):
        original = getattr(runtime_assets, name)
        changed = tmp_path / original.name
        changed.write_bytes(original.read_bytes() + b"\n// changed\n")
        monkeypatch.setattr(runtime_assets, name, changed)
        assert runtime_assets.sources_hash() != before
        monkeypatch.setattr(runtime_assets, name, original)
    assert runtime_assets.sources_hash() == before


def test_the_wheel_and_snapshot_are_named_by_their_own_bytes(runtime_dir: Path) -> None:
    """They are served as immutable: one URL must always mean the same bytes."""
    wheel = the_wheel(runtime_dir)
    snapshot = runtime_assets.snapshot_path(runtime_dir / "pyodide-lock.json")
    assert wheel.parent.name == hashlib.sha256(wheel.read_bytes()).hexdigest()[:16]
    assert snapshot.name == f"pyodide-snapshot-{hashlib.sha256(snapshot.read_bytes()).hexdigest()[:16]}.gz"
    assert snapshot.parent == wheel.parent


@pytest.mark.slow
def test_every_file_headers_marks_immutable_is_named_by_its_own_hash(built_site: Path) -> None:
    import re

    rules: list[tuple[str, list[str]]] = []
    for line in (built_site / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            rules.append((line, []))
        elif line.strip():
            rules[-1][1].append(line.strip())
    immutable = [pattern for pattern, headers in rules if any("immutable" in header for header in headers)]
    assert immutable
    files = sorted("/" + p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    marked = [name for name in files
              if any(re.fullmatch(".+".join(map(re.escape, pattern.split("*"))), name) for pattern in immutable)]
    ours = [name for name in marked if name.startswith("/assets/pyodide/")]
    assert len(ours) == 2  # the wheel and the snapshot
    for name in ours:
        digest = hashlib.sha256((built_site / name.lstrip("/")).read_bytes()).hexdigest()[:16]
        assert digest in name, name
    # Material's bundles, named by the theme's build from their content (a new theme, new names).
    theirs = sorted(set(marked) - set(ours))
    assert len(theirs) == 4, theirs
    assert all(re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", name) for name in theirs), theirs


def test_a_snapshot_script_without_its_report_is_a_runtime_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        Path(command[-1]).write_bytes(b"\0" * 10)  # the raw snapshot, then no report
        return subprocess.CompletedProcess(command, 0, stdout="Segmentation fault?\n", stderr="")

    monkeypatch.setattr(runtime_assets.subprocess, "run", fake_run)
    with pytest.raises(RuntimeAssetsError, match=r"did not end with its JSON report: Segmentation fault\?$"):
        runtime_assets.make_snapshot(NPM_PYODIDE, tmp_path / "pyodide-lock.json", tmp_path / "out.gz")
