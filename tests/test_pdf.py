"""The printable guide: both PDFs rendered once from the real content, then read back with pypdf."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from pypdf import PdfReader
from pypdf.generic import Destination

from conftest import CONTENT, ROOT, TODAY, real_guide
from generator.content.model import Guide, PlannerDefaults, ReturnPlannerFile, WidgetsFile
from generator.content.pose import Position
from generator.content.rules import calculator_rules
from generator.pdf import (
    PAPER_SIZES,
    PDF_FILES,
    TEMPLATE_DIR,
    Book,
    DuplicateAnchor,
    FetchRefused,
    LocalFetcher,
    PdfError,
    build_book,
    render_html,
    write_pdfs,
)
from generator.pdf.book import checklist, progressions
from generator.pdf.render import check_anchors
from runners_back_calculators import checker, planner, return_plan
from runners_back_calculators.formatting import converted
from runners_back_calculators.return_view import duration

# --------------------------------------------------------------------------------------------
# One build of both PDFs, watched


class RecordingFetcher(LocalFetcher):
    """The real fetcher, keeping every URL WeasyPrint asked for (LocalFetcher.requested)."""


@dataclasses.dataclass
class Build:
    guide: Guide
    book: Book
    html: str
    out_dir: Path
    paths: list[Path]
    requested: list[str]
    network_attempts: list[str]
    readers: dict[str, PdfReader]
    texts: dict[str, list[str]]
    """Each file's page texts (normalised), extracted once."""
    destinations: dict[str, dict[str, int]]
    """Each file's named destinations (HTML ids) and their pages, counting from 1."""


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    guide = real_guide()
    out_dir = tmp_path_factory.mktemp("pdf")
    fetcher = RecordingFetcher()
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[:2]))
        raise OSError("network use during the PDF build")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "create_connection", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        paths = write_pdfs(guide, out_dir, fetcher=fetcher)
    readers = {path.name: PdfReader(path) for path in paths}
    return Build(
        guide, build_book(guide), render_html(guide), out_dir, paths,
        list(fetcher.requested), attempts, readers,
        {name: page_texts(reader) for name, reader in readers.items()},
        {name: destination_pages(reader) for name, reader in readers.items()},
    )


def normal(text: str) -> str:
    """Text with runs of white space as one space: lines wrap differently on A4 and Letter.

    A line may also end after a dash ("300–" then "500"), so a dash takes no space after it.
    """
    return re.sub(r"([–-]) ", r"\1", " ".join(text.split()))


def page_texts(reader: PdfReader) -> list[str]:
    return [normal(page.extract_text()) for page in reader.pages]


def destination_pages(reader: PdfReader) -> dict[str, int]:
    """Every named destination (an HTML id) and its page number, counting from 1."""
    return {
        name: reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def outline(reader: PdfReader, items: list[Any] | None = None, level: int = 1) -> Iterator[tuple[int, str, int]]:
    """(level, title, page from 1) of every bookmark, depth first."""
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from outline(reader, item, level + 1)
        else:
            assert isinstance(item, Destination)
            yield level, item.title, reader.get_destination_page_number(item) + 1


FILES = sorted(PDF_FILES)


# --------------------------------------------------------------------------------------------
# Files and pages


def test_writes_every_pdf_file(build: Build) -> None:
    assert [path.name for path in build.paths] == list(PDF_FILES)
    assert set(PDF_FILES.values()) <= set(PAPER_SIZES)
    for path in build.paths:
        assert path.parent == build.out_dir
        assert path.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("name", FILES)
def test_every_page_has_the_paper_size(build: Build, name: str) -> None:
    width, height = PAPER_SIZES[PDF_FILES[name]].points
    expected = {"guide.pdf": (595, 842), "guide-letter.pdf": (612, 792)}[name]
    assert (round(width), round(height)) == expected
    reader = build.readers[name]
    assert len(reader.pages) >= 20, "the whole guide should take more than a few pages"
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert abs(float(box.width) - expected[0]) <= 1, f"page {number} width {box.width}"
        assert abs(float(box.height) - expected[1]) <= 1, f"page {number} height {box.height}"


@pytest.mark.parametrize("name", FILES)
def test_language_tags_and_dates(build: Build, name: str) -> None:
    reader = build.readers[name]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfuaid:part(="1"|>1<)', xmp), "PDF/UA-1 identification"
    reviewed = build.guide.meta.last_reviewed.strftime("D:%Y%m%d")
    assert reader.metadata["/CreationDate"].startswith(reviewed)
    assert reader.metadata["/ModDate"].startswith(reviewed)
    assert reader.metadata["/Title"].startswith(build.guide.meta.title)


# --------------------------------------------------------------------------------------------
# Contents, bookmarks, running heads, page numbers


def contents_pages(destinations: dict[str, int], book: Book) -> tuple[int, int]:
    """First and last page (from 1) of the table of contents: after the cover, before chapter 1."""
    first_chapter = destinations[book.chapters[0].id]
    assert first_chapter >= 3, "cover, then contents, then the first chapter"
    return 2, first_chapter - 1


@pytest.mark.parametrize("name", FILES)
def test_contents_page_numbers_are_where_the_headings_are(build: Build, name: str) -> None:
    texts = build.texts[name]
    first, last = contents_pages(build.destinations[name], build.book)
    contents = " ".join(texts[first - 1 : last])
    assert contents.startswith("Contents")
    destinations = build.destinations[name]
    position = 0
    headings = list(build.book.headings())
    assert len(headings) > 20
    for _level, ident, title in headings:
        # The title, the dot leader, then the page number, in reading order.
        entry = re.compile(re.escape(normal(title)) + r"\s*(?:\.\s*){3,}(\d+)")
        match = entry.search(contents, position)
        assert match, f"no contents entry with a dot leader for {title!r}"
        position = match.end()
        printed = int(match.group(1))
        assert printed == destinations[ident], f"{title!r}: contents says page {printed}"
        assert normal(title) in texts[printed - 1], f"{title!r} is not on page {printed}"


@pytest.mark.parametrize("name", FILES)
def test_bookmarks_are_the_chapters_and_sections(build: Build, name: str) -> None:
    reader = build.readers[name]
    marks = list(outline(reader))
    expected = [(level, title) for level, _ident, title in build.book.headings()]
    assert [(level, title) for level, title, _page in marks] == expected
    destinations = build.destinations[name]
    ids = [ident for _level, ident, _title in build.book.headings()]
    assert [page for _level, _title, page in marks] == [destinations[ident] for ident in ids]
    chapters = [title for level, title in expected if level == 1]
    for chapter in build.guide.chapters:
        assert chapter.page.title in chapters
    for title in ("Quick tips", "Printable tools", "Sources", "About this guide"):
        assert title in chapters


@pytest.mark.parametrize("name", FILES)
def test_running_heads_and_page_x_of_y(build: Build, name: str) -> None:
    texts = build.texts[name]
    total = len(texts)
    destinations = build.destinations[name]
    starts = sorted((destinations[chapter.id], chapter.title) for chapter in build.book.chapters)
    for number, text in enumerate(texts, start=1):
        if number == 1:
            assert "Page 1 of" not in text, "the cover has no page number"
            continue
        assert f"Page {number} of {total}" in text
        current = [title for start, title in starts if start <= number]
        if current:
            assert normal(current[-1]) in text, f"page {number} should have the running head {current[-1]!r}"


# --------------------------------------------------------------------------------------------
# Content


def printed_texts(guide: Guide) -> Iterator[str]:
    """Every piece of reader-facing text in the content model that the PDF must print."""
    skip_fields = {"id", "level", "actions", "group", "kind", "link", "unit", "navigation", "remedies", "sources", "url"}

    def walk(value: Any, name: str = "") -> Iterator[str]:
        if isinstance(value, PlannerDefaults):
            yield value.notes.no_proof
            yield value.notes.warning_signs
        elif isinstance(value, ReturnPlannerFile):  # the form's and verdicts' words are web-only
            yield from (value.text.convention, value.text.warning_signs, value.labels.checks_intro,
                        value.labels.check_hop, value.labels.light_intro, value.labels.light_title)
        elif isinstance(value, WidgetsFile):  # the calculators' on-page wording: the web only
            return
        elif isinstance(value, Position):  # a figure: its caption is text, the rest is drawing
            yield value.caption
        elif isinstance(value, BaseModel):
            for field in type(value).model_fields:
                if field not in skip_fields:
                    yield from walk(getattr(value, field), field)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item, name)
        elif isinstance(value, str) and name not in skip_fields:
            yield value

    for field in dataclasses.fields(guide):
        yield from walk(getattr(guide, field.name))


@pytest.mark.parametrize("name", FILES)
def test_all_the_content_is_printed(build: Build, name: str) -> None:
    text = normal(" ".join(build.texts[name]))
    texts = list(printed_texts(build.guide))
    assert len(texts) > 300
    missing = [item for item in texts if normal(item) not in text]
    assert not missing, f"{len(missing)} texts not in the PDF, first: {missing[:3]}"
    for source in build.guide.sources.sources:
        if source.url:
            assert source.url in text.replace(" ", "")


@pytest.mark.parametrize("name", FILES)
def test_every_warning_sign_is_printed_in_one_piece(build: Build, name: str) -> None:
    texts = build.texts[name]
    full = " ".join(texts)
    destinations = build.destinations[name]
    for sign in build.guide.warning_signs.signs:
        assert normal(sign.label) in full
        page = texts[destinations[sign.id] - 1]
        for piece in (sign.label, sign.question, sign.why):
            assert normal(piece) in page, f"the box of {sign.id!r} is split across pages"


@pytest.mark.parametrize("name", FILES)
def test_headings_are_never_left_at_the_foot_of_a_page(build: Build, name: str) -> None:
    """Each heading's page also holds the start of what follows it."""
    texts = build.texts[name]
    destinations = build.destinations[name]
    checked = 0
    for chapter in build.book.chapters:
        for part in chapter.parts:
            following = first_text(part.kind, part.item)
            words = " ".join(normal(following).split()[:3])
            page = texts[destinations[part.id] - 1]
            assert words in page, f"{part.title!r} is alone at the foot of page {destinations[part.id]}"
            checked += 1
    for exercise in build.guide.exercises.exercises:
        page = texts[destinations[exercise.id] - 1]
        assert normal(exercise.purpose).split()[0] in page
        assert " ".join(normal(exercise.purpose).split()[:3]) in page
        checked += 1
    assert checked > 40


def first_text(kind: str, item: Any) -> str:
    """The first text printed after a part's heading."""
    if kind in ("section", "review_record"):
        return item.body[0]
    if kind == "cause":
        return item.summary
    if kind in ("exercises", "stretches"):
        return item[0].intro[0]
    if kind == "cues":
        return item[0].title
    if kind == "drills":
        return item[0].name
    if kind == "levels":
        return item[0].title
    if kind == "signs":
        return "If you have any of these"
    if kind == "claims":
        return item[0].text
    if kind == "disclaimer":
        return item[0]
    if kind == "emergency":
        return item.signs[0]
    return {"checklist": "Tick every sign", "progressions": "Week-by-week plans",
            "return_plan": "Before your first run", "log": "Week starting"}[kind]


@pytest.mark.parametrize("name", FILES)
def test_cause_remedies_name_the_page_they_are_on(build: Build, name: str) -> None:
    text = normal(" ".join(build.texts[name]))
    destinations = build.destinations[name]
    count = 0
    for cause in build.guide.causes.causes:
        for remedy in cause.remedies:
            title = normal(build.book.titles[remedy])
            assert f"{title} (page {destinations[remedy]})" in text
            count += 1
    assert count >= len(build.guide.causes.causes)


# --------------------------------------------------------------------------------------------
# Printable tools


@pytest.mark.parametrize("name", FILES)
def test_one_checkbox_per_warning_sign_and_no_other_field(build: Build, name: str) -> None:
    reader = build.readers[name]
    fields = reader.get_fields() or {}
    signs = build.guide.warning_signs.signs
    assert len(fields) == len(signs)
    assert all(field.get("/FT") == "/Btn" for field in fields.values())
    assert set(fields) == {sign.id for sign in signs}
    widgets = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Widget"
    ]
    assert len(widgets) == len(signs)
    labels = {sign.id: sign.label for sign in signs}
    assert {str(widget["/T"]): str(widget["/TU"]) for widget in widgets} == labels


@pytest.mark.parametrize("name", FILES)
def test_checklist_asks_in_the_checker_order_and_says_what_levels_mean(build: Build, name: str) -> None:
    reader = build.readers[name]
    order = [sign["id"] for sign in checker.form_order(calculator_rules(build.guide)["checker"])]
    fields = reader.trailer["/Root"]["/AcroForm"]["/Fields"]
    assert [str(field.get_object()["/T"]) for field in fields] == order
    destinations = build.destinations[name]
    texts = build.texts[name]
    pages = " ".join(texts[destinations["symptom-checker"] - 1 : destinations["mileage-planner"] - 1])
    for level in build.guide.warning_signs.levels:
        for piece in (level.title, level.meaning, level.advice):
            assert normal(piece) in pages


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(20, "km", 12.4), (22, "km", 13.7), (8.8, "km", 5.5), (10, "mi", 16.1), (0.1, "km", 0.1)],
)
def test_the_other_unit_is_computed_to_a_tenth(value: float, unit: str, expected: float) -> None:
    assert converted(value, unit) == expected


@pytest.mark.parametrize("name", FILES)
def test_the_guide_opens_with_the_emergency_box(build: Build, name: str) -> None:
    box = build.guide.meta.emergency
    first_chapter = build.book.chapters[0]
    assert first_chapter.parts[0].id == "call-999"
    start = build.destinations[name]["call-999"]
    page = build.texts[name][start - 1]
    assert normal(box.title) in page
    for sign in box.signs:
        assert normal(sign) in page


def test_checklist_groups_follow_the_checker() -> None:
    guide = real_guide()
    groups = checklist(guide)
    assert [group.level.id for group in groups] == [
        level for level in checker.LEVELS if any(sign.level == level for sign in guide.warning_signs.signs)
    ]
    ids = [sign.id for group in groups for sign in group.signs]
    assert ids == [sign["id"] for sign in checker.form_order(calculator_rules(guide)["checker"])]


def test_checklist_says_what_to_do_at_once_and_never_contradicts_it() -> None:
    guide = real_guide()
    words = {action.id: action.text for action in guide.warning_signs.actions}
    stop, drive = words["stop-running"], words["do-not-drive"]
    groups = {group.level.id: group for group in checklist(guide)}
    assert groups["emergency"].actions == (stop,)  # every red flag: stop running
    assert groups["emergency"].sign_actions["major-trauma"] == (drive,)
    assert groups["emergency"].sign_actions["saddle-numbness"] == (drive,)
    assert groups["emergency"].sign_actions["chest-abdominal-pain"] == ()
    assert groups["urgent"].actions == (stop,)
    assert "running" not in groups["urgent"].advice.lower()  # said once, by the action
    assert (groups["soon"].actions, groups["soon"].stop_first) == ((), True)
    assert groups["soon"].sign_actions["bone-stress"] == (stop,)
    assert groups["soon"].sign_actions["young-arching-pain"] == (stop,)
    assert groups["soon"].sign_actions["radiating-pain"] == ()


@pytest.mark.parametrize("name", FILES)
def test_checklist_prints_the_actions(build: Build, name: str) -> None:
    destinations = build.destinations[name]
    texts = build.texts[name]
    pages = normal(" ".join(texts[destinations["symptom-checker"] - 1 : destinations["mileage-planner"] - 1]))
    for action in build.guide.warning_signs.actions:
        assert normal(action.text) in pages
    assert normal("Where a sign below says to stop running, do that first") in pages


@pytest.mark.parametrize("name", FILES)
def test_mileage_tables_are_the_planner_output(build: Build, name: str) -> None:
    destinations = build.destinations[name]
    texts = build.texts[name]
    pages = " ".join(texts[destinations["mileage-planner"] - 1 : destinations["exercise-log"] - 1])
    rules = calculator_rules(build.guide)["planner"]
    plans = progressions(build.guide)
    assert len(plans) >= 3
    defaults = build.guide.training_load.planner
    assert any(plan.current == defaults.current and plan.target == defaults.target for plan in plans)
    for plan in plans:
        assert plan.plan == planner.plan(rules, plan.current, plan.target, unit=defaults.unit)
        assert plan.plan["reaches_target"]
        rows = " ".join(
            f"{week['week']}{' R' if week['recovery'] else ''} {week['distance']:.1f} "
            f"{converted(week['distance'], plan.unit):.1f} {week['long_run']:.1f} "
            f"{converted(week['long_run'], plan.unit):.1f}"
            for week in plan.plan["weeks"]
        )
        assert rows in pages, f"the table for {plan.current} to {plan.target} is not the plan"
    assert normal(defaults.notes.no_proof) in pages


@pytest.mark.parametrize("name", FILES)
def test_the_return_plan_table_is_the_return_planner_output(build: Build, name: str) -> None:
    destinations = build.destinations[name]
    texts = build.texts[name]
    pages = normal(" ".join(texts[destinations["return-planner"] - 1 : destinations["exercise-log"] - 1]))
    rules = calculator_rules(build.guide)["return_planner"]
    result = return_plan.plan(rules)
    assert result["ready"] and result["sessions"]
    weeks = {session["week"]: session for session in result["sessions"]}
    assert len(weeks) == result["weeks_to_target"]
    for week, session in weeks.items():
        walk = rules["labels"]["continuous"] if session["repeats"] == 1 else duration(session["walk_seconds"])
        row = f"{week} {duration(session['run_seconds'])} {walk} {session['repeats']} {duration(session['total_seconds'])}"
        assert normal(row) in pages, f"week {week} of the return plan is not printed as planned"
    for light in result["traffic_light"]:
        assert normal(light["text"]) in pages
    assert normal(rules["text"]["convention"]) in pages


@pytest.mark.parametrize("name", FILES)
def test_exercise_log_lists_every_exercise_and_stretch_with_its_days(build: Build, name: str) -> None:
    destinations = build.destinations[name]
    texts = build.texts[name]
    end = destinations["references"] - 1
    pages = " ".join(texts[destinations["exercise-log"] - 1 : end])
    assert "Mon Tue Wed Thu Fri Sat Sun" in pages
    for item in [*build.guide.exercises.exercises, *build.guide.stretches.stretches]:
        assert normal(item.name) in pages
    assert "Back pain (0–10)" in pages


# --------------------------------------------------------------------------------------------
# Fonts, fetching, escaping, determinism


@pytest.mark.parametrize("name", FILES)
def test_only_the_bundled_fonts_are_embedded(build: Build, name: str) -> None:
    reader = build.readers[name]
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
            assert "/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    assert fonts and fonts <= {"Lato", "Lato-Bold", "Lato-Italic"}, fonts


def test_bundled_fonts_cover_every_character_and_carry_their_licence(build: Build) -> None:
    fonts = sorted((TEMPLATE_DIR / "fonts").glob("*.ttf"))
    assert fonts
    licence = (TEMPLATE_DIR / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    text = html.unescape(re.sub(r"<[^>]+>", " ", build.html))
    characters = {char for char in text if not char.isspace()}
    for path in fonts:
        cmap = TTFont(path).getBestCmap()
        missing = sorted(char for char in characters if ord(char) not in cmap)
        assert not missing, f"{path.name} lacks {missing}: the PDF would fall back to a system font"


def test_the_fetcher_refuses_anything_not_local() -> None:
    fetcher = LocalFetcher()
    refused = [
        "https://example.org/font.ttf",
        "http://127.0.0.1/guide.css",
        "ftp://example.org/x",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file://example.org/work/guide.css",
        (TEMPLATE_DIR / "fonts" / ".." / ".." / ".." / "pdf" / "render.py").resolve().as_uri(),
        (TEMPLATE_DIR / "fonts" / "missing.ttf").as_uri(),
    ]
    for url in refused:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert fetcher.requested == refused
    allowed = fetcher.fetch((TEMPLATE_DIR / "guide.css").as_uri())
    assert b"@font-face" in allowed.read()
    assert allowed.content_type == "text/css"


def test_the_build_fetched_only_bundled_files_and_never_the_network(build: Build) -> None:
    assert build.network_attempts == []
    assert build.requested, "the fonts are loaded through the fetcher"
    for url in build.requested:
        assert url.startswith("file://")
        assert Path(url.removeprefix("file://")).resolve().is_relative_to(TEMPLATE_DIR)


def test_a_refused_resource_stops_the_render(tmp_path: Path) -> None:
    guide = real_guide()
    with pytest.raises(PdfError, match="refused to fetch"):
        write_pdfs(guide, tmp_path, fetcher=LocalFetcher(roots=(tmp_path,)))
    assert not list(tmp_path.glob("*.pdf"))


def test_text_is_escaped() -> None:
    guide = real_guide()
    hostile = "<script>alert(1)</script> & <b>bold</b>"
    meta = guide.meta.model_copy(update={"subtitle": hostile})
    sign = guide.warning_signs.signs[0].model_copy(update={"label": hostile})
    signs = guide.warning_signs.model_copy(update={"signs": [sign, *guide.warning_signs.signs[1:]]})
    page = render_html(dataclasses.replace(guide, meta=meta, warning_signs=signs))
    assert "<script>" not in page and "<b>bold" not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert page.count(escaped) >= 4, "the subtitle (title, cover) and the label (chapter, checklist)"


def test_ids_are_unique_and_nothing_is_collapsed(build: Build) -> None:
    ids = re.findall(r'\sid="([^"]*)"', build.html)
    assert len(ids) == len(set(ids)) > 100
    assert "<details" not in build.html or "details { display: block; }" in (TEMPLATE_DIR / "guide.css").read_text()
    with pytest.raises(DuplicateAnchor):
        check_anchors('<p id="a"></p><h2 id="b"></h2><div id="a"></div>')


def test_repeat_builds_are_byte_identical(build: Build, tmp_path: Path) -> None:
    """A second build in a fresh interpreter (another hash seed, another clock) gives the same bytes."""
    script = (
        "import sys, datetime; from pathlib import Path;"
        "from generator.content.load import load_guide; from generator.pdf import write_pdfs;"
        f"write_pdfs(load_guide(Path({str(CONTENT)!r}), today=datetime.date.fromisoformat({TODAY.isoformat()!r})),"
        " Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, cwd=ROOT, env=env, timeout=300)
    for name in PDF_FILES:
        first = (build.out_dir / name).read_bytes()
        second = (tmp_path / name).read_bytes()
        assert first == second, f"{name} differs between two builds of the same content"


# --------------------------------------------------------------------------------------------
# What a reader sees


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary 8-bit PGM (P5), as pdftoppm -gray writes it."""
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert fields, "not a binary PGM"
    width, height, maximum = (int(value) for value in fields.groups())
    assert maximum == 255
    pixels = data[fields.end() :]
    assert len(pixels) == width * height
    return width, height, pixels


@pytest.mark.parametrize("name", FILES)
def test_first_pages_are_not_blank(build: Build, name: str, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (Debian poppler-utils) is needed: scripts/install-system-packages installs it"
    pages = 5
    subprocess.run(
        [pdftoppm, "-gray", "-r", "30", "-f", "1", "-l", str(pages), str(build.out_dir / name), str(tmp_path / "page")],
        check=True, timeout=120,
    )
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == pages
    inked = []
    for image in images:
        width, height, pixels = read_pgm(image.read_bytes())
        # The body only: a page with nothing but its running head and page number is blank.
        body = pixels[width * (height * 12 // 100) : width * (height * 88 // 100)]
        inked.append(sum(1 for pixel in body if pixel < 160) / len(body))
    assert inked[0] > 0.5, "the cover is a full-bleed colour page"
    for number, share in enumerate(inked[1:], start=2):
        assert 0.002 < share < 0.5, f"page {number} of {name} looks blank or black ({share:.4f})"


def test_read_pgm_rejects_what_is_not_a_pgm() -> None:
    assert read_pgm(b"P5 2 1 255\n\x00\xff") == (2, 1, b"\x00\xff")
    with pytest.raises(AssertionError):
        read_pgm(b"P6 2 1 255\n\x00\xff")


@given(tenths=st.integers(min_value=1, max_value=4000))
def test_a_converted_distance_is_the_exact_one_to_a_tenth(tenths: int) -> None:
    value = tenths / 10
    for unit, exact in (("km", value / 1.609344), ("mi", value * 1.609344)):
        result = converted(value, unit)
        assert abs(result - exact) <= 0.05 + 1e-9
        assert result == round(result, 1)
