"""Build the whole site atomically, in three steps: pages, an engine, the post-build step.

1. pages: the content is validated and rendered into a docs folder of Markdown with a config
   of its own (generator/pages.py); the PDFs start rendering in the background meanwhile.
2. engine: MkDocs or Zensical builds those pages (neither needs our hook).
3. post-build: the calculators' runtime, `_headers`, the PDFs, the service worker.

Everything happens in a staging folder beside `site_dir`, swapped in only when all went well:
a failed build (bad content, a broken link in strict mode, a PDF that would not render) leaves
the previous site/ exactly as it was, so a writer never publishes half a guide.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.load import load_guide
from generator.pages import read_config, write_docs, write_engine_config
from generator.pdf import background
from generator.offline import write_service_worker
from generator.pdf.render import PDF_FILES
from generator.postbuild import finish_site
from generator.security import CONTENT_SECURITY_POLICY

ENGINES = ("mkdocs", "zensical")


class BuildError(Exception):
    """The engine (or a build step) failed: strict-mode warnings, a template error, a PDF error."""


class PdfsFailed(BuildError):
    """With pages first: the new pages are in place, the PDFs are the previous ones."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the command to say."""

    engine: str
    pages_seconds: float
    """From the start until the built pages were ready (content check, pages, engine)."""
    pdfs_reused: bool
    total_seconds: float

    def __str__(self) -> str:
        pdfs = "reused" if self.pdfs_reused else "rendered"
        return f"pages ({self.engine}): {self.pages_seconds:.1f} s; PDFs: {pdfs}; total: {self.total_seconds:.1f} s"

    @property
    def pages_line(self) -> str:
        """Said when the pages are in place and the PDFs are still rendering."""
        return f"pages ({self.engine}): {self.pages_seconds:.1f} s, in place; PDFs: rendering (the previous ones meanwhile)"


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


def content_dir_of(config_file: Path) -> Path:
    """The content folder the project's config names as its docs_dir."""
    return (config_file.parent / read_config(config_file).get("docs_dir", "docs")).resolve()


def engine_policy(engine: str) -> str:
    """The Content-Security-Policy the engine's pages need: Zensical's adds one stylesheet hash."""
    if engine == "zensical":
        from generator.zensical_policy import ThemeChanged, zensical_policy

        try:
            return zensical_policy()
        except ThemeChanged as error:
            raise BuildError(str(error)) from None
    return CONTENT_SECURITY_POLICY


def run_engine(engine: str, config_file: Path) -> None:
    """Build the pages `config_file` names with MkDocs (in this process) or Zensical."""
    if engine == "mkdocs":
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        _log_to_console()
        try:
            mkdocs_build(load_config(str(config_file), strict=True))
        except (MkDocsException, SystemExit) as error:
            raise BuildError(str(error) or type(error).__name__) from None
    elif engine == "zensical":
        # In the config's own folder: Zensical keeps (and with -c wipes) a .cache/ there.
        result = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", config_file.name],
                                cwd=config_file.parent, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BuildError(f"zensical failed:\n{result.stdout}{result.stderr}".rstrip())
    else:
        raise BuildError(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")


def build_site(config_file: Path, site_dir: Path, today: datetime.date | None = None,
               engine: str = "mkdocs", pages_first: bool = False,
               on_pages: Callable[[BuildReport], None] | None = None) -> BuildReport:
    """Validate the content, build pages, widgets and PDFs into staging, then swap into `site_dir`.

    With `pages_first`, when the PDFs must be rendered anew (their inputs changed), the new pages
    are swapped in as soon as they are ready, with the previous PDFs, and `on_pages` is called;
    the new PDFs replace those when done. A PDF failure then leaves the new pages with the
    previous PDFs (and is raised); every earlier failure still leaves site/ as it was.

    Raises:
        ContentErrors: the content is invalid (checked first, before anything is written).
        BuildError: the engine or a build step failed.
    """
    start = time.monotonic()
    config_file, site_dir = Path(config_file).resolve(), Path(site_dir).resolve()
    if engine not in ENGINES:
        raise BuildError(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")
    content_dir = content_dir_of(config_file)
    guide = load_guide(content_dir, today=today)  # fail fast, with every content error
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    pdfs = None
    try:
        policy = engine_policy(engine)
        if not pages_first:  # render while the engine builds the pages (on 2 cores, they compete)
            pdfs = background.PdfJob(guide)
        write_docs(guide, content_dir, work / "docs")
        run_engine(engine, write_engine_config(config_file, guide, work, policy=policy))
        pages_seconds = time.monotonic() - start
        pdfs = pdfs or background.PdfJob(guide)
        reused = getattr(pdfs, "from_cache", False)
        early = pages_first and not reused
        finish_site(work / "site", None if early else pdfs, policy=policy, offline=not early)
        if early:
            _keep_previous_pdfs(site_dir, work / "site")
        _swap(work / "site", site_dir)
        shutil.rmtree(work, ignore_errors=True)
        if early:
            pages_seconds = time.monotonic() - start  # in place, ready to browse
            if on_pages is not None:
                on_pages(BuildReport(engine, pages_seconds, reused, pages_seconds))
            _replace_pdfs(pdfs, site_dir)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError(str(error) or type(error).__name__) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        if pdfs is not None:
            pdfs.cancel()
    return BuildReport(engine, pages_seconds, reused, time.monotonic() - start)


def _keep_previous_pdfs(site_dir: Path, staging: Path) -> None:
    """The previous build's PDFs (and a service worker that lists them) until the new ones are done."""
    for name in PDF_FILES:
        if (site_dir / name).is_file():
            shutil.copyfile(site_dir / name, staging / name)
    write_service_worker(staging)


def _replace_pdfs(pdfs: background.PdfJob, site_dir: Path) -> None:
    """Wait for the new PDFs; put each in place with one rename, then a new service worker."""
    rendered = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-pdfs-", dir=site_dir.parent))
    try:
        for path in pdfs.write(rendered):
            os.replace(path, site_dir / path.name)
    except Exception as error:
        raise PdfsFailed(f"the PDFs failed ({error}): {site_dir.name}/ has the new pages with the previous PDFs") from None
    finally:
        shutil.rmtree(rendered, ignore_errors=True)
    write_service_worker(site_dir)
