"""Build the whole site atomically, in three steps: pages, an engine, the post-build step.

1. pages: the content is validated and rendered into a docs folder of Markdown with a config
   of its own (generator/site/pages.py); the PDFs start rendering in the background meanwhile.
2. engine: MkDocs or Zensical builds those pages (neither needs our hook).
3. post-build: the calculators' runtime, `_headers`, the PDFs, the service worker.

Everything happens in a staging folder beside `site_dir`, swapped in only when all went well:
a failed build (bad content, a broken link in strict mode, a PDF that would not render) leaves
the previous site/ exactly as it was, so a writer never publishes half a guide.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import load_guide
from generator.errors import BuildError, ContentErrors, GeneratorError, printable
from generator.pdf import background
from generator.pdf.render import PDF_FILES
from generator.site.offline import write_service_worker
from generator.site.pages import read_config, write_docs, write_engine_config
from generator.site.postbuild import finish_site
from generator.site.security import CONTENT_SECURITY_POLICY

ENGINES = ("mkdocs", "zensical")


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
    with contextlib.suppress(RuntimeError, KeyError):  # no HOME and no password entry: nothing more to guard
        guarded["the home folder"] = Path.home().resolve()
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
        return (f"pages ({self.engine}): {self.pages_seconds:.1f} s, in place; "
                "PDFs: rendering (the previous ones meanwhile)")


class _Console(logging.StreamHandler):  # type: ignore[type-arg]
    """MkDocs' log on whatever stderr is now, every message made printable (no escapes, excerpts)."""

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


def _reason(error: BaseException) -> str:
    """What went wrong, in words: MkDocs aborts with 'Aborted with a BuildError!' and keeps the
    hook's own message (a PluginError) as the exception it was handling."""
    from mkdocs.exceptions import Abort
    from mkdocs.exceptions import BuildError as MkDocsBuildError

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
        staged = [*site_dir.parent.glob(f".{site_dir.name}-new-*"), *site_dir.parent.glob(f".{site_dir.name}-pdfs-*")]
        for leftover in [*olds, *staged]:
            shutil.rmtree(leftover, ignore_errors=True)
        yield
    finally:
        os.close(folder)  # releases the lock


def content_dir_of(config_file: Path) -> Path:
    """The content folder the project's config names as its docs_dir."""
    return (config_file.parent / read_config(config_file).get("docs_dir", "docs")).resolve()


def engine_policy(engine: str) -> str:
    """The Content-Security-Policy the engine's pages need: Zensical's adds one stylesheet hash."""
    if engine == "zensical":
        from generator.site.zensical_policy import ThemeChanged, zensical_policy

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
            raise BuildError(_reason(error)) from None
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
    custom_dir = read_config(config_file).get("theme", {}).get("custom_dir")
    theme_dir = (config_file.parent / custom_dir).resolve() if custom_dir else None
    check_site_dir(site_dir, config_file, content_dir, theme_dir)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _one_build_at_a_time(site_dir):
            return _build_locked(config_file, content_dir, site_dir, today, engine, pages_first, on_pages, start)
    except OSError as error:
        raise BuildError(f"cannot write the site at {site_dir}: {error}") from None


def _build_locked(config_file: Path, content_dir: Path, site_dir: Path, today: datetime.date | None,
                  engine: str, pages_first: bool, on_pages: Callable[[BuildReport], None] | None,
                  start: float) -> BuildReport:
    guide = load_guide(content_dir, today=today)  # fail fast, with every content error
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    pdfs = None
    try:
        policy = engine_policy(engine)
        if not pages_first:  # render while the engine builds the pages (on 2 cores, they compete)
            pdfs = background.PdfJob(guide)
        write_docs(guide, work / "docs")
        run_engine(engine, write_engine_config(config_file, guide, work, policy=policy))
        pages_seconds = time.monotonic() - start
        # Pages first: the PDFs start rendering once the pages are in place, not competing with them.
        pdfs = pdfs or background.PdfJob(guide, start=not pages_first)
        reused = getattr(pdfs, "from_cache", False)
        early = pages_first and not reused
        site = work / "site"
        finish_site(site, None if early else pdfs, policy=policy, offline=not early)
        if early:
            _keep_previous_pdfs(site_dir, site)
        (site / SITE_MARKER).write_text(
            "Built by `python -m generator build`; the next build replaces this whole folder.\n",
            encoding="utf-8",
        )
        try:
            _swap(site, site_dir)
        except OSError as error:
            raise BuildError(f"cannot put the new site in place at {site_dir}: {error}") from None
        shutil.rmtree(work, ignore_errors=True)
        if early:
            pages_seconds = time.monotonic() - start  # in place, ready to browse
            if on_pages is not None:
                on_pages(BuildReport(engine, pages_seconds, reused, pages_seconds))
            _replace_pdfs(pdfs, site_dir)
    except BaseException as error:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(error, ContentErrors | BuildError):
            raise
        if isinstance(error, SystemExit | OSError | GeneratorError):
            raise BuildError(_reason(error)) from None
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
        raise PdfsFailed(
            f"the PDFs failed ({error}): {site_dir.name}/ has the new pages with the previous PDFs"
        ) from None
    finally:
        shutil.rmtree(rendered, ignore_errors=True)
    write_service_worker(site_dir)
