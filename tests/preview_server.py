"""`mkdocs serve` on a copy of the project's content, for the preview tests (HTTP and browser)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 120.0
"""The first build takes about 10 s here; a loaded CI machine gets a wide margin."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    """The body at `url` (an error status's body too), or "" when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = START_SECONDS) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


def copy_project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of content/ and a mkdocs.yml pointing at it (theme and hook from the project)."""
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(ROOT / "content", content)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {content}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - generator/mkdocs_hook.py", f"  - {ROOT / 'generator' / 'mkdocs_hook.py'}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return content, config


@dataclass
class Preview:
    url: str
    content: Path
    process: subprocess.Popen[str]


@contextmanager
def serving(tmp_path: Path, ready_text: str = "<h1") -> Iterator[Preview]:
    """`mkdocs serve` on a copy of the content; yields once the home page shows `ready_text`."""
    content, config = copy_project(tmp_path)
    url = f"http://127.0.0.1:{free_port()}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", url[7:-1]],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    preview = Preview(url, content, process)
    try:
        deadline = time.monotonic() + START_SECONDS
        while ready_text not in fetch(url):
            assert process.poll() is None, f"mkdocs serve exited: {process.communicate()[1]}"
            assert time.monotonic() < deadline, f"{url} never showed {ready_text!r}"
            time.sleep(0.2)
        yield preview
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
        preview.stderr = stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr, stderr
