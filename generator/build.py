"""Build the whole site atomically: into a staging folder, swapped in only when all went well.

A failed build (bad content, a broken link in strict mode, a PDF that would not render)
leaves the previous site/ exactly as it was, so a writer never publishes half a guide.
"""

from __future__ import annotations

import datetime
import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.load import load_guide
from generator.mkdocs_hook import TODAY_KEY


class BuildError(Exception):
    """MkDocs (or a step it runs) failed: strict-mode warnings, a template error, a hook error."""


def _log_to_console() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _swap(staging: Path, site_dir: Path) -> None:
    """Put `staging` where `site_dir` is; the old site is removed only after the new one is in place."""
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
        staging.rename(site_dir)
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
    load_guide(Path(config.docs_dir), today=today)  # fail fast, with every content error
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        config.site_dir = str(staging)
        config.extra[TODAY_KEY] = today
        mkdocs_build(config)
    except (MkDocsException, SystemExit, OSError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(str(error) or type(error).__name__) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, site_dir)
