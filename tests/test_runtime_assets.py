"""The browser runtime in the site: only the needed Pyodide files, our wheel, a lock that checks it."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator import runtime_assets
from generator.runtime_assets import RuntimeAssetsError, write_runtime

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
    assert files == sorted([
        "pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs",
        "python_stdlib.zip", wheel])
    assert wheel.endswith("/runners_back_calculators-1.0.0-py3-none-any.whl")
    for name in runtime_assets.PYODIDE_FILES:  # copied byte for byte from the pinned package
        assert (runtime_dir / name).read_bytes() == (NPM_PYODIDE / name).read_bytes()


def test_pinned_pyodide_version_is_the_installed_one() -> None:
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert package["dependencies"]["pyodide"] == "314.0.7"  # exact, no range
    assert lock["packages"]["node_modules/pyodide"]["version"] == "314.0.7"
    assert runtime_assets.pyodide_version() == "314.0.7"
    assert "resolved" not in json.dumps(lock)  # no registry host written into the project


def test_wheel_holds_only_the_calculators(runtime_dir: Path) -> None:
    with zipfile.ZipFile(the_wheel(runtime_dir)) as wheel:
        names = wheel.namelist()
        sources = sorted(n for n in names if not n.startswith("runners_back_calculators-"))
        expected = ["generator/__init__.py"] + sorted(
            p.relative_to(ROOT).as_posix() for p in (ROOT / "generator" / "calculators").rglob("*.py")
            if "__pycache__" not in p.parts)
        assert sources == expected
        for name in sources:
            assert wheel.read(name) == (ROOT / name).read_bytes()
        dist_info = "runners_back_calculators-1.0.0.dist-info/"
        assert sorted(n for n in names if n.startswith(dist_info)) == [
            dist_info + n for n in ("METADATA", "RECORD", "WHEEL", "top_level.txt")]
        metadata = wheel.read(dist_info + "METADATA").decode()
        assert "Name: runners-back-calculators\n" in metadata
        assert "Version: 1.0.0\n" in metadata
        assert "Requires-Dist" not in metadata  # no dependencies
        assert "Tag: py3-none-any\n" in wheel.read(dist_info + "WHEEL").decode()
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
    assert entry["imports"] == ["generator"]
    assert entry["depends"] == []
    assert entry["version"] == "1.0.0"
    assert entry["package_type"] == "package" and entry["install_dir"] == "site"


def test_wheel_works_alone_in_a_clean_python(runtime_dir: Path, tmp_path: Path) -> None:
    """Imported from the wheel in an isolated interpreter, away from the repository."""
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "from generator.calculators import checker, planner, inputs;"
        "import generator;"
        "assert generator.__file__.startswith(sys.argv[1]), generator.__file__;"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('generator'))))"
    )
    out = subprocess.run([sys.executable, "-I", "-c", code, str(the_wheel(runtime_dir))],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    modules = json.loads(out.stdout)
    assert "generator.calculators.planner" in modules
    assert not any(m.split(".")[1:2] in (["widgets"], ["render"], ["model"]) for m in modules)


def test_wheels_are_byte_identical_for_the_same_sources(tmp_path: Path) -> None:
    first = runtime_assets.build_wheel(tmp_path / "a", "1.0.0")
    second = runtime_assets.build_wheel(tmp_path / "b", "1.0.0")
    assert first.read_bytes() == second.read_bytes()


def _project_copy(tmp_path: Path) -> Path:
    """A minimal project root: the calculators' sources and the installed npm runtime."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "generator" / "calculators", root / "generator" / "calculators",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "generator" / "__init__.py", root / "generator" / "__init__.py")
    (root / "node_modules").mkdir()
    (root / "node_modules" / "pyodide").symlink_to(NPM_PYODIDE)
    return root


def test_cache_is_reused_until_a_calculator_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project_copy(tmp_path)
    cache = tmp_path / "cache"
    first = runtime_assets.prepare_runtime(root, cache)

    def must_not_run(*args: object) -> None:
        raise AssertionError("add-wheels ran although the sources did not change")

    monkeypatch.setattr(runtime_assets, "register_wheel", must_not_run)
    again = runtime_assets.prepare_runtime(root, cache)
    assert again == first
    monkeypatch.undo()

    planner_py = root / "generator" / "calculators" / "planner.py"
    planner_py.write_text(planner_py.read_text() + "\n# changed\n")
    changed = runtime_assets.prepare_runtime(root, cache)
    assert changed.wheel != first.wheel
    assert changed.wheel.parent.name != first.wheel.parent.name  # a new URL for a new wheel
    with zipfile.ZipFile(changed.wheel) as wheel:
        assert wheel.read("generator/calculators/planner.py").endswith(b"# changed\n")
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [first.lockfile.parent.name, changed.lockfile.parent.name])


def test_missing_npm_install_says_to_run_npm_ci(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    (root / "node_modules" / "pyodide").unlink()
    with pytest.raises(RuntimeAssetsError, match=r"run `npm ci`"):
        write_runtime(tmp_path / "site", project_root=root, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "site").exists()
