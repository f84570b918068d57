"""The writer's preview: live reload under the site's own policy, an error page, the print HTML.

Nothing here knows MkDocs: the hook (generator/site/mkdocs_hook.py) calls these while `mkdocs serve`
runs. The published site ships `script-src 'self'`, so the preview never injects inline script:
the reload script is a file of the site's own origin, told its build number by data attributes.
"""

from __future__ import annotations

import html
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.content.model import Guide
from generator.errors import ContentErrors
from generator.site.security import CONTENT_SECURITY_POLICY

PREVIEW_DIR = "_preview"
"""Where the preview's own files go in the served site (never in a published build)."""
RELOAD_SCRIPT = f"{PREVIEW_DIR}/livereload.js"
PRINT_PAGE = "print/guide.html"
"""The print HTML, with the PDF's stylesheet, as the PDFs would lay it out."""

_ASSETS = Path(__file__).resolve().parents[1] / "templates" / "preview"


def reload_tag(mount_path: str, build: int) -> bytes:
    """The script tag that reloads a page served at `build` once a newer build is ready."""
    request = round(time.monotonic() * 1000)
    src = html.escape(f"{mount_path}{RELOAD_SCRIPT}")
    return f'<script src="{src}" data-build="{build}" data-request="{request}"></script>'.encode()


def inject_reload(page: bytes, mount_path: str, build: int) -> bytes:
    """`page` with the reload script tag just before `</body>` (or at the end)."""
    at = page.rfind(b"</body>")
    at = len(page) if at < 0 else at
    return page[:at] + reload_tag(mount_path, build) + page[at:]


def write_preview_assets(site_dir: Path) -> None:
    """Put the reload script and the preview's stylesheet into the served site."""
    target = site_dir / PREVIEW_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in ("livereload.js", "preview.css"):
        shutil.copyfile(_ASSETS / name, target / name)


@dataclass(frozen=True)
class ShownError:
    where: str
    """`content/file.yaml:line:column`, as the terminal shows it."""
    link: str
    """Opens the file at the line in an editor that handles `vscode://` links."""
    message: str


def _content_path(content_dir: Path, file: str) -> Path:
    """The file an error names, whether it says `causes.yaml` or `content/causes.yaml`."""
    named = Path(file)
    for candidate in (content_dir / named, content_dir.parent / named):
        if candidate.is_file():
            return candidate.resolve()
    return (content_dir / named.name).resolve()


def shown_errors(errors: ContentErrors, content_dir: Path) -> list[ShownError]:
    shown = []
    for error in errors.errors:
        path = _content_path(content_dir, error.file)
        where = f"{content_dir.name}/{path.name}:{error.line}:{error.column}"
        link = f"vscode://file{quote(path.as_posix())}:{error.line}:{error.column}"
        shown.append(ShownError(where, link, error.message))
    return shown


def error_page(errors: ContentErrors, content_dir: Path, base: str = "/") -> str:
    """An HTML page listing every content problem, under the published site's own policy."""
    env = Environment(loader=PackageLoader("generator", "templates/preview"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    count = len(errors.errors)
    heading = f"The guide's content has {count} problem{'' if count == 1 else 's'}"
    return env.get_template("errors.html").render(
        policy=CONTENT_SECURITY_POLICY, heading=heading, base=base,
        errors=shown_errors(errors, content_dir))


def write_error_pages(site_dir: Path, errors: ContentErrors, content_dir: Path, urls: list[str],
                      base: str = "/") -> None:
    """The error page at the site root, at every page URL in `urls` (`causes/`) and as 404.html."""
    write_preview_assets(site_dir)
    page = error_page(errors, content_dir, base)
    for url in ["", *urls]:
        target = site_dir / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    (site_dir / "404.html").write_text(page, encoding="utf-8")


def write_print_preview(site_dir: Path, guide: Guide) -> Path:
    """The print HTML at PRINT_PAGE with the PDF's stylesheet and fonts, as a browser shows it."""
    from generator.pdf import TEMPLATE_DIR, render_html

    page = render_html(guide).replace("</head>", '<link rel="stylesheet" href="guide.css">\n</head>', 1)
    target = site_dir / PRINT_PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATE_DIR / "guide.css", target.parent / "guide.css")
    shutil.copytree(TEMPLATE_DIR / "fonts", target.parent / "fonts", dirs_exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
