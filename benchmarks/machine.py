"""The machine and versions a run's figures come from."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                kib = int(line.split()[1])
                return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError):
        pass
    return "unknown"


def _git_commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=False)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    commit = done.stdout.strip() or "unknown"
    return commit + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def _pyodide_version() -> str:
    try:
        from generator.runtime.assets import pyodide_version

        return pyodide_version()
    except Exception:  # noqa: BLE001 - reported as unknown
        return "unknown"


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _cores() -> int:
    """What `nproc` says: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def load_average() -> str:
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine(chromium: str = "", load_at_start: str = "") -> dict[str, str]:
    return {
        "Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "Commit": _git_commit(),
        "CPU": f"{_cpu_model()}, {_cores()} cores (nproc)",
        "Memory": _memory(),
        "Load average (1 / 5 / 15 min)": f"at the start {load_at_start or 'unknown'}, "
        f"at the end {load_average()}",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Chromium": chromium or "not run",
        "Pyodide": _pyodide_version(),
        "MkDocs / Material / WeasyPrint": " / ".join(
            _package_version(name) for name in ("mkdocs", "mkdocs-material", "weasyprint")),
    }
