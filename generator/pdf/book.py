"""The print model: the guide laid out as a book of chapters and parts, plus the printable tools.

The table of contents, the PDF bookmarks and the headings in the HTML are all made from the
same `Chapter` list, so they cannot disagree. Tests read it to know what the PDF must hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.content.model import (
    Exercise,
    Group,
    Guide,
    LevelAdvice,
    Page,
    Section,
    Stretch,
    WarningSign,
    heading,
)
from generator.content.rules import calculator_rules
from runners_back_calculators import planner, return_plan, views
from runners_back_calculators.formatting import dose_text, duration, number

TOOL_PAGES = ("symptom-checker", "mileage-planner", "return-planner")
"""Generated site pages whose printable form is a part of the tools chapter, not a chapter."""

COMMON_PROGRESSIONS: dict[str, tuple[tuple[int, int], ...]] = {
    "km": ((10, 20), (20, 30), (30, 40)),
    "mi": ((6, 12), (12, 18), (18, 25)),
}
"""Starting and target weekly distances printed as ready-made plans, per unit."""

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

OTHER_UNIT = {"km": "mi", "mi": "km"}
UNIT_NAMES = {"km": "km", "mi": "miles"}


@dataclass(frozen=True)
class Part:
    """A titled part of a chapter: one entry in the contents and one bookmark."""

    id: str
    title: str
    kind: str
    """The template in templates/pdf/parts/ that prints it."""
    item: Any = None
    new_page: bool = False


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    kind: str
    """The template in templates/pdf/chapters/ that prints its opening."""
    page: Page | None = None
    parts: tuple[Part, ...] = ()
    data: Any = None


@dataclass(frozen=True)
class Progression:
    """One ready-made mileage plan, computed by the planner with the content's defaults."""

    id: str
    current: float
    target: float
    unit: str
    plan: dict[str, Any]
    is_default: bool = False


@dataclass(frozen=True)
class ReturnWeek:
    """One week of the printed return plan: its sessions are alike."""

    week: int
    run: str
    walk: str
    repeats: int
    session: str


@dataclass(frozen=True)
class ReturnPrint:
    """The return planner's plan for the content's defaults, with its checks and lights."""

    checks: tuple[str, ...]
    advice: str
    runs_per_week: int
    weeks: tuple[ReturnWeek, ...]
    traffic_light: tuple[dict[str, Any], ...]
    notes: tuple[str, ...]
    labels: dict[str, Any]


@dataclass(frozen=True)
class LevelSigns:
    level: LevelAdvice
    signs: tuple[WarningSign, ...]
    advice: str
    """The level's advice as shown beside the actions every sign here carries, never
    contradicting them (checker.advice_beside)."""
    actions: tuple[str, ...]
    """The wording of the actions every sign here carries."""
    stop_first: bool
    """Some signs here (not all) say stop running: that comes before the advice."""
    sign_actions: dict[str, tuple[str, ...]]
    """Each sign's further actions, by sign id."""


@dataclass(frozen=True)
class LogRow:
    id: str
    name: str
    dose: str


@dataclass(frozen=True)
class Book:
    guide: Guide
    chapters: tuple[Chapter, ...]
    titles: dict[str, str] = field(default_factory=dict)
    """Every link target (content id or generated id) and the title a reference to it shows."""
    source_numbers: dict[str, int] = field(default_factory=dict)

    def headings(self) -> Iterator[tuple[int, str, str]]:
        """(level, id, title) of every contents entry and bookmark, in reading order."""
        for chapter in self.chapters:
            yield 1, chapter.id, chapter.title
            for part in chapter.parts:
                yield 2, part.id, part.title

    def sources_of(self, ids: list[str]) -> list[tuple[int, str]]:
        """(number, id) of the cited sources, in number order, for a citation line."""
        return sorted((self.source_numbers[source_id], source_id) for source_id in dict.fromkeys(ids))


# --------------------------------------------------------------------------------------------
# Text helpers


# --------------------------------------------------------------------------------------------
# Chapters


def _sections(sections: list[Section]) -> list[Part]:
    return [Part(section.id, section.title, "section", section) for section in sections]


def _grouped(groups: list[Group], items: list[Exercise] | list[Stretch], kind: str) -> list[Part]:
    return [
        Part(group.id, group.title, kind, (group, [item for item in items if item.group == group.id]))
        for group in groups
    ]


def _front(guide: Guide) -> Chapter:
    parts = (
        Part("call-999", guide.meta.emergency.title, "emergency", guide.meta.emergency),
        Part("key-takeaways", "Key takeaways", "claims", guide.meta.key_takeaways),
        Part("disclaimer", "Before you use this guide", "disclaimer", guide.meta.disclaimer),
    )
    return Chapter("home", "Start here", "front", parts=parts)


def _cause_parts(guide: Guide, chapter: Any) -> list[Part]:
    return [Part(cause.id, cause.title, "cause", cause) for cause in chapter.causes] + _sections(chapter.closing)


def _exercise_parts(guide: Guide, chapter: Any) -> list[Part]:
    return _grouped(chapter.groups, chapter.exercises, "exercises") + _sections(chapter.sections)


def _stretch_parts(guide: Guide, chapter: Any) -> list[Part]:
    return _grouped(chapter.groups, chapter.stretches, "stretches") + _sections(chapter.sections)


def _form_parts(guide: Guide, chapter: Any) -> list[Part]:
    page_id = chapter.page.id
    return [
        Part(f"{page_id}-cues", "Form cues", "cues", chapter.cues),
        Part(f"{page_id}-drills", "Drills", "drills", chapter.drills),
        *_sections(chapter.sections),
    ]


def _warning_sign_parts(guide: Guide, chapter: Any) -> list[Part]:
    page_id = chapter.page.id
    parts = [Part(f"{page_id}-levels", "What the four levels mean", "levels", chapter.levels)]
    for group in checklist(guide):  # within a level, the checker keeps content order
        parts.append(Part(f"{page_id}-{group.level.id}", group.level.title, "signs", group))
    return parts + _sections(chapter.sections)


def _review_parts(guide: Guide, chapter: Any) -> list[Part]:
    record = chapter.record
    return [Part(record.id, record.title, "review_record", record), *_sections(chapter.sections)]


def _section_parts(guide: Guide, chapter: Any) -> list[Part]:
    return _sections(chapter.sections)


PART_MAKERS: dict[str, Callable[[Guide, Any], list[Part]]] = {
    "causes": _cause_parts,
    "exercises": _exercise_parts,
    "stretches": _stretch_parts,
    "form": _form_parts,
    "warning-signs": _warning_sign_parts,
    "review": _review_parts,
    "sections": _section_parts,
}
"""A content type's `print_parts` (generator/content/model.py CONTENT_TYPES) -> what divides its chapter."""


def _content_chapter(guide: Guide, page_id: str) -> Chapter:
    chapter = next(chapter for chapter in guide.chapters if chapter.page.id == page_id)
    parts = PART_MAKERS[guide.content_type(page_id).print_parts](guide, chapter)
    return Chapter(page_id, chapter.page.title, "page", page=chapter.page, parts=tuple(parts))


def progressions(guide: Guide) -> list[Progression]:
    """The common plans for the content's unit, and the content's own default plan."""
    rules = calculator_rules(guide)["planner"]
    defaults = guide.training_load.planner
    unit = defaults.unit
    pairs = {(float(current), float(target)) for current, target in COMMON_PROGRESSIONS[unit]}
    default = (float(defaults.current), float(defaults.target))
    pairs.add(default)
    result = []
    for current, target in sorted(pairs):
        plan = planner.plan(rules, current, target, unit=unit)
        ident = f"plan-{number(current)}-{number(target)}".replace(".", "-")
        result.append(Progression(ident, current, target, unit, plan, (current, target) == default))
    return result


def return_print(guide: Guide) -> ReturnPrint:
    """The return planner's default plan as printed: one row per week, walks as the site says."""
    rules = calculator_rules(guide)["return_planner"]
    result = return_plan.plan(rules)
    labels = rules["labels"]
    weeks: dict[int, ReturnWeek] = {}
    for session in result["sessions"]:
        continuous = session["repeats"] == 1
        weeks.setdefault(session["week"], ReturnWeek(
            session["week"], duration(session["run_seconds"]),
            labels["continuous"] if continuous else duration(session["walk_seconds"]),
            session["repeats"], duration(session["total_seconds"]),
        ))
    checks = (
        labels["check_walk"].format(walk_minutes=rules["readiness"]["walk_minutes"]),
        labels["check_hop"],
    )
    return ReturnPrint(checks, result["advice"], result["runs_per_week"], tuple(weeks.values()),
                       tuple(result["traffic_light"]), tuple(result["notes"]), labels)


def checklist(guide: Guide) -> list[LevelSigns]:
    """The signs in the order the symptom checker asks them, gathered under their level, with
    the actions the widget's checklist shows (the same groups: views.checklist_groups)."""
    rules = calculator_rules(guide)["checker"]
    by_id = {sign.id: sign for sign in guide.warning_signs.signs}
    levels = {level.id: level for level in guide.warning_signs.levels}
    return [
        LevelSigns(
            level=levels[group["level"]["id"]],
            signs=tuple(by_id[sign["id"]] for sign in group["signs"]),
            advice=group["advice"],
            actions=tuple(group["actions"]),
            stop_first=group["stop_first"],
            sign_actions={sign["id"]: tuple(sign["extra_actions"]) for sign in group["signs"]},
        )
        for group in views.checklist_groups(rules)
    ]


def exercise_log(guide: Guide) -> list[LogRow]:
    rows = [LogRow(item.id, item.name, dose_text(item.dose)) for item in guide.exercises.exercises]
    rows += [LogRow(item.id, item.name, dose_text(item.dose)) for item in guide.stretches.stretches]
    return rows


def _tools(guide: Guide) -> Chapter:
    parts = (
        Part("symptom-checker", "Warning-sign checklist", "checklist", checklist(guide), new_page=False),
        Part("mileage-planner", "Mileage progression tables", "progressions", progressions(guide), new_page=True),
        Part("return-planner", "Return to running plan", "return_plan", return_print(guide), new_page=True),
        Part("exercise-log", "Weekly exercise log", "log", exercise_log(guide), new_page=True),
    )
    return Chapter("tools", "Printable tools", "tools", parts=parts)


def _references(guide: Guide) -> Chapter:
    return Chapter("references", "Sources", "references", data=guide.sources.sources)


def _quick_tips(guide: Guide) -> Chapter:
    return Chapter("quick-tips", "Quick tips", "quick_tips", data=guide.meta.quick_tips)


def _about(guide: Guide) -> Chapter:
    return Chapter("about", "About this guide", "about", data=guide.meta)


def _order(guide: Guide) -> list[str]:
    """Navigation order, without the tool pages, with the tools chapter before the sources."""
    order = [page_id for page_id in guide.meta.navigation if page_id not in TOOL_PAGES]
    order.remove("home")
    order.insert(0, "home")
    order.insert(order.index("references") if "references" in order else len(order), "tools")
    return order


def _titles(guide: Guide, chapters: list[Chapter]) -> dict[str, str]:
    titles = {item.id: heading(item) for _, item in guide.anchors()}
    for chapter in chapters:
        titles.setdefault(chapter.id, chapter.title)
        for part in chapter.parts:
            titles.setdefault(part.id, part.title)
    return titles


def build_book(guide: Guide) -> Book:
    """The print book: every chapter in order, the link titles and the source numbers."""
    builders = {
        "home": _front,
        "quick-tips": _quick_tips,
        "tools": _tools,
        "references": _references,
        "about": _about,
    }
    chapters = [
        builders[page_id](guide) if page_id in builders else _content_chapter(guide, page_id)
        for page_id in _order(guide)
    ]
    numbers = {source.id: index for index, source in enumerate(guide.sources.sources, start=1)}
    return Book(guide, tuple(chapters), _titles(guide, chapters), numbers)
