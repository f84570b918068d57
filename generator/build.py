"""Build the whole site atomically: into a staging folder, swapped in only when all went well.

A failed build (bad content, a broken link in strict mode, a PDF that would not render)
leaves the previous site/ exactly as it was, so a writer never publishes half a guide.
"""

from __future__ import annotations

import datetime
import fcntl
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.exceptions import BuildError as MkDocsBuildError

from generator.errors import BuildError, ContentErrors, GeneratorError, printable
from generator.load import load_guide
from generator.mkdocs_hook import GUIDE_KEY, TODAY_KEY

SITE_MARKER = ".built-by-generator"
"""Written into every site this builds: the only kind of existing folder a build will replace."""


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_site_dir(
    site_dir: Path, config_file: Path, docs_dir: Path, theme_dir: Path | None = None
) -> None:
    """Refuse any `site_dir` whose replacement could lose a writer's files.

    A build swaps the whole folder, so it may only be a folder this generator built (it holds
    SITE_MARKER), an empty one, or a new one; and never the project, content/, .git or the home
    folder, nor anything above them; nor inside content/ or the theme's folder (overrides/),
    whose files the next build would read.
    """
    site_dir = site_dir.resolve()
    guarded = {
        "the project folder": config_file.resolve().parent,
        "the content folder": docs_dir.resolve(),
    }
    try:
        guarded["the home folder"] = Path.home().resolve()
    except (RuntimeError, KeyError):  # no HOME and no password entry: nothing more to guard
        pass
    reason = ""
    for name, folder in guarded.items():
        if _within(folder, site_dir):
            reason = f"it is {name}" if site_dir == folder else f"it holds {name}"
            break
    else:
        if _within(site_dir, guarded["the content folder"]):
            reason = "it is inside the content folder"
        elif theme_dir is not None and _within(site_dir, theme_dir.resolve()):
            reason = "it is inside the theme's folder"
        elif ".git" in site_dir.parts:
            reason = "it is inside a .git folder"
        elif site_dir.exists() and not site_dir.is_dir():
            reason = "it is a file, not a folder"
        elif (site_dir.is_dir() and any(site_dir.iterdir())
              and not (site_dir / SITE_MARKER).is_file()):
            reason = (f"it is a folder this generator did not build (it has no {SITE_MARKER} file; "
                      "if an older version built it, remove it yourself once)")
    if reason:
        raise BuildError(
            f"refusing to write the site to {site_dir}: {reason} "
            "(a build replaces only a folder it built, or makes a new one)"
        )


class _Console(logging.StreamHandler):  # type: ignore[type-arg]
    """MkDocs' log on whatever stderr is now, each message made printable (no escapes, excerpts)."""

    @property  # type: ignore[override]
    def stream(self):  # noqa: ANN201 - logging's own attribute
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def _log_to_console() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = _Console()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _reason(error: BaseException) -> str:
    """What went wrong, in words: MkDocs aborts with 'Aborted with a BuildError!' and keeps the
    hook's own message (a PluginError) as the exception it was handling."""
    if isinstance(error, Abort) and isinstance(error.__context__, MkDocsBuildError):
        error = error.__context__
    return str(error) or type(error).__name__


@contextmanager
def _one_build_at_a_time(site_dir: Path) -> Iterator[None]:
    """Lock the folder the site is in (a second build waits here; no lock file is left behind),
    then undo what a killed build left: a site moved aside but not replaced is put back, and
    staging folders are removed."""
    folder = os.open(site_dir.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        olds = sorted(site_dir.parent.glob(f".{site_dir.name}-old-*"),
                      key=lambda path: path.stat().st_mtime)
        if not site_dir.exists() and olds:
            olds.pop().rename(site_dir)  # killed between the swap's two renames
        for leftover in [*olds, *site_dir.parent.glob(f".{site_dir.name}-new-*")]:
            shutil.rmtree(leftover, ignore_errors=True)
        yield
    finally:
        os.close(folder)  # releases the lock


def _swap(staging: Path, site_dir: Path) -> None:
    """Put `staging` where `site_dir` is; the old site is removed only after the new one is in place
    (killed in between, the next build puts the old one back)."""
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
        try:
            staging.rename(site_dir)
        except OSError:
            old.rename(site_dir)
            raise
        shutil.rmtree(old)
    else:
        staging.rename(site_dir)


def build_site(config_file: Path, site_dir: Path, today: datetime.date | None = None) -> None:
    """Validate the content, build pages, widgets and PDFs into staging, then swap into `site_dir`.

    Raises:
        ContentErrors: the content is invalid (checked first, before anything is written).
        BuildError: MkDocs or a build step failed.
    """
    site_dir = site_dir.resolve()
    _log_to_console()
    try:
        config = load_config(str(config_file), strict=True)
    except MkDocsException as error:
        raise BuildError(str(error)) from None
    custom_dir = config.theme.custom_dir
    theme_dir = Path(custom_dir) if custom_dir else None
    check_site_dir(site_dir, Path(config_file), Path(config.docs_dir), theme_dir)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _one_build_at_a_time(site_dir):
            _build_locked(config, site_dir, today)
    except OSError as error:
        raise BuildError(f"cannot write the site at {site_dir}: {error}") from None


def _build_locked(config: MkDocsConfig, site_dir: Path, today: datetime.date | None) -> None:
    guide = load_guide(Path(config.docs_dir), today=today)  # fail fast, with every content error
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        config.site_dir = str(staging)
        config.extra[TODAY_KEY] = today
        config.extra[GUIDE_KEY] = guide
        mkdocs_build(config)
        (staging / SITE_MARKER).write_text(
            "Built by `python -m generator build`; the next build replaces this whole folder.\n",
            encoding="utf-8",
        )
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, ContentErrors | BuildError):
            raise
        if isinstance(error, MkDocsException | SystemExit | OSError | GeneratorError):
            raise BuildError(_reason(error)) from None
        raise
    try:
        _swap(staging, site_dir)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"cannot put the new site in place at {site_dir}: {error}") from None
