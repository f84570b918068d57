"""The content model: one typed schema per content file, and the Guide that holds them all.

Each class is both the schema a writer's YAML must match (unknown keys, missing keys, wrong
types and empty text are errors) and the object the site, the PDF and the calculators read.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_serializer,
    model_validator,
)

from generator.content.pose import Position
from runners_back_calculators.formatting import number_range

# --------------------------------------------------------------------------------------------
# Building blocks

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Text a reader sees: never empty."""

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
"""An id: lower-case words joined by hyphens, used in links, anchors and the calculators."""

Paragraphs = Annotated[list[Text], Field(min_length=1)]
Points = Annotated[list[Text], Field(min_length=1)]
SourceIds = Annotated[list[Slug], Field(min_length=1)]
"""Every claim cites at least one source, by its id in sources.yaml."""

Level = Literal["emergency", "urgent", "soon", "self-care"]
Action = Literal["stop-running", "do-not-drive"]
"""What a reader must do besides the level's advice, whatever that advice says."""


class Schema(BaseModel):
    """Strict: unknown keys are errors and nothing is coerced (a number is not text)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Range(Schema):
    """A range such as 2-3 sets; min and max may be equal."""

    min: Annotated[int, Field(ge=1)]
    max: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.max < self.min:
            raise ValueError(f"expected max ({self.max}) to be at least min ({self.min})")
        return self

    def __str__(self) -> str:
        return number_range(self.min, self.max)


class Page(Schema):
    """The page a content file becomes."""

    id: Slug
    title: Text
    summary: Text
    """One sentence: the page's description for search engines and the home page."""
    intro: Paragraphs
    last_reviewed: datetime.date


class Section(Schema):
    """A titled block of prose with optional bullet points, citing its sources."""

    id: Slug
    title: Text
    body: Paragraphs
    points: list[Text] = []
    sources: SourceIds


# --------------------------------------------------------------------------------------------
# sources.yaml


class Source(Schema):
    id: Slug
    title: Text
    publisher: Text
    """Journal, organisation or website."""
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    citation: Text | None = None
    """Where a reader finds it without a link: journal, year, volume and pages (or DOI)."""
    note: Text | None = None
    """What the guide uses the source for."""

    @model_validator(mode="after")
    def _findable(self) -> Source:
        if self.url is None and self.citation is None:
            raise ValueError(
                "expected a url or a citation (journal, year, volume and pages): "
                "a reader must be able to find it"
            )
        return self


class SourcesFile(Schema):
    sources: Annotated[list[Source], Field(min_length=1)]


# --------------------------------------------------------------------------------------------
# guide.yaml


class Claim(Schema):
    """A short statement (a takeaway or a tip) with its sources and an optional link."""

    text: Text
    link: Slug | None = None
    """The id of a page, section or item that says more."""
    sources: SourceIds


class Reviewer(Schema):
    name: Text
    role: Text


class EmergencyBox(Schema):
    """The box the home page opens with: when to call the emergency number now."""

    title: Text
    """The box's heading, naming the number."""
    signs: Points
    body: Paragraphs
    """What to do, and the numbers in other countries."""
    link: Slug
    sources: SourceIds


class GuideFile(Schema):
    title: Text
    subtitle: Text
    description: Text
    publisher: Text
    reviewer: Reviewer
    last_reviewed: datetime.date
    next_review: datetime.date
    navigation: Annotated[list[Slug], Field(min_length=1)]
    """Page ids in menu order: every chapter and generated page appears once."""
    emergency: EmergencyBox
    key_takeaways: Annotated[list[Claim], Field(min_length=1)]
    quick_tips: Annotated[list[Claim], Field(min_length=1)]
    disclaimer: Paragraphs
    about: Paragraphs


# --------------------------------------------------------------------------------------------
# causes.yaml


class Cause(Schema):
    id: Slug
    title: Text
    summary: Text
    explanation: Paragraphs
    """How it leads to back pain: the mechanism."""
    remedies: Annotated[list[Slug], Field(min_length=1)]
    """Ids of the exercises, stretches, form cues, drills or sections that address it."""
    sources: SourceIds


class CausesFile(Schema):
    page: Page
    causes: Annotated[list[Cause], Field(min_length=1)]
    closing: list[Section] = []


# --------------------------------------------------------------------------------------------
# exercises.yaml and stretches.yaml


class Group(Schema):
    """A heading that gathers items, such as 'Core' or 'Hamstrings'."""

    id: Slug
    title: Text
    intro: Paragraphs
    sources: SourceIds


class Dose(Schema):
    """How much and how often, and how to judge it: at least one of reps or hold_seconds."""

    sets: Range
    reps: Range | None = None
    hold_seconds: Range | None = None
    per_side: bool = False
    times_per_week: Range
    rest_seconds: Range
    """Rest between sets."""
    effort: Text
    """How hard it should feel, so a reader alone can judge the dose."""
    progression: Text
    """When and how to make it harder."""
    flare_up: Text
    """Whether it suits a flare-up, and how to do it then."""
    note: Text | None = None

    @model_validator(mode="after")
    def _reps_or_hold(self) -> Dose:
        if self.reps is None and self.hold_seconds is None:
            raise ValueError("expected reps or hold_seconds (or both)")
        return self


class Movement(Schema):
    """What exercises and stretches share: how to do it, how much, and when to take care."""

    id: Slug
    name: Text
    group: Slug
    purpose: Text
    steps: Points
    dose: Dose
    cautions: Points
    sources: SourceIds
    positions: list[Position] = []
    """What it looks like: `start` and `end` (generator/content/pose.py); every exercise and stretch needs them."""


class Exercise(Movement):
    muscles: Points


class ExercisesFile(Schema):
    page: Page
    groups: Annotated[list[Group], Field(min_length=1)]
    exercises: Annotated[list[Exercise], Field(min_length=1)]
    sections: list[Section] = []


class Stretch(Movement):
    kind: Literal["dynamic", "static"]
    """Dynamic stretches belong before a run, static ones after."""


class StretchesFile(Schema):
    page: Page
    groups: Annotated[list[Group], Field(min_length=1)]
    stretches: Annotated[list[Stretch], Field(min_length=1)]
    sections: list[Section] = []


# --------------------------------------------------------------------------------------------
# running-form.yaml


class FormCue(Schema):
    id: Slug
    title: Text
    cue: Text
    """The few words a runner repeats to themselves."""
    why: Paragraphs
    practice: Points
    sources: SourceIds
    positions: list[Position] = []
    """Optional pictures, such as `wrong` and `right`."""


class Drill(Schema):
    id: Slug
    name: Text
    steps: Points
    dose: Text
    sources: SourceIds
    positions: list[Position] = []


class FormFile(Schema):
    page: Page
    cues: Annotated[list[FormCue], Field(min_length=1)]
    drills: Annotated[list[Drill], Field(min_length=1)]
    sections: list[Section] = []


# --------------------------------------------------------------------------------------------
# training-load.yaml, shoes-and-surfaces.yaml, recovery.yaml


class TopicFile(Schema):
    """A chapter made of sections only."""

    page: Page
    sections: Annotated[list[Section], Field(min_length=1)]


class ReviewFile(TopicFile):
    """A topic chapter that says how the guide is checked.

    The site and the PDF follow its `record` section with the review dates and reviewer from
    guide.yaml and every page's own review date, so no date is typed twice.
    """

    record: Section


Percent = Annotated[float, Field(gt=0, le=100)]


class PlannerNotes(Schema):
    """The planner's notes, in the writers' words; {weeks} and {weeks_needed} are filled in."""

    no_proof: Text
    warning_signs: Text
    holding: Text
    short_of_target: Text


class PlannerDefaults(Schema):
    """The mileage planner's defaults; the calculator checks them against its allowed ranges."""

    current: Annotated[float, Field(gt=0)]
    target: Annotated[float, Field(gt=0)]
    unit: Literal["km", "mi"]
    max_increase: Percent
    recovery_every: Annotated[int, Field(ge=2)]
    recovery_cut: Percent
    long_run_cap: Annotated[float, Field(gt=100, le=200)]
    long_run_share: Percent
    max_weekly_km: Annotated[float, Field(gt=0)]
    notes: PlannerNotes
    sources: SourceIds


class TrainingLoadFile(TopicFile):
    planner: PlannerDefaults


# --------------------------------------------------------------------------------------------
# warning-signs.yaml


class LevelAdvice(Schema):
    id: Level
    title: Text
    meaning: Text
    """What this level means, for the checklist and the 'when to see a professional' page."""
    advice: Text
    """What to do now: the checker shows this beside the result."""
    sources: SourceIds


class ActionWording(Schema):
    id: Action
    text: Text
    """What the reader is told to do, in plain words: the checker, checklist and PDF show it."""
    advice: dict[Literal["emergency", "urgent", "soon"], Text] = {}
    """A level's advice as shown beside this action, where the level's own advice would
    contradict it (the `soon` advice says "keep to what you do now"; stop-running says stop)."""
    sources: SourceIds


class WarningSign(Schema):
    id: Slug
    level: Level
    actions: list[Action] = []
    """What to do at once if the answer is yes or not sure; the contract requires some."""
    label: Text
    """Short plain wording, for lists and the printed checklist."""
    question: Text
    """The question the symptom checker asks."""
    why: Text
    """Why it matters, in plain words."""
    sources: SourceIds


class WarningSignsFile(Schema):
    page: Page
    levels: Annotated[list[LevelAdvice], Field(min_length=4, max_length=4)]
    actions: list[ActionWording]
    """The wording of every action, each once, in the order a reader is told them."""
    signs: Annotated[list[WarningSign], Field(min_length=1)]
    sections: list[Section] = []

    @field_validator("actions")
    @classmethod
    def _every_action_once(cls, actions: list[ActionWording]) -> list[ActionWording]:
        ids = [action.id for action in actions]
        expected = list(get_args(Action))
        if ids != expected:
            raise ValueError(
                f"expected the actions {', '.join(expected)}, each once and in that order, "
                f"got {', '.join(ids) or 'none'}"
            )
        return actions


# --------------------------------------------------------------------------------------------
# return-planner.yaml


YesNoUnsure = Literal["no", "yes", "unsure"]
WholeMinutes = Annotated[int, Field(ge=0)]


class ReturnDefaults(Schema):
    """The form's starting answers; the planner checks them against its allowed ranges."""

    warning_signs: YesNoUnsure
    pain_now: Annotated[int, Field(ge=0, le=10)]
    walk_minutes: WholeMinutes
    hop: Literal["yes", "no", "not-tried"]
    runs_per_week: Annotated[int, Field(ge=1)]
    target_minutes: Annotated[int, Field(ge=1)]


class ReturnReadiness(Schema):
    walk_minutes: Annotated[int, Field(ge=1)]
    """Minutes of brisk walking without pain before the first run."""
    walk_step_minutes: Annotated[int, Field(ge=1)]


class ReturnProgression(Schema):
    """Week 1's intervals and how fast they grow; the planner checks the ranges."""

    first_run_seconds: Annotated[int, Field(ge=1)]
    walk_seconds: Annotated[int, Field(ge=1)]
    first_repeats: Annotated[int, Field(ge=1)]
    interval_growth: Annotated[int, Field(ge=1)]
    max_increase: Annotated[int, Field(ge=1)]


class TrafficLight(Schema):
    """Pain scores (0-10) during a run: up to green_max go on, up to amber_max repeat."""

    green_max: Annotated[int, Field(ge=0, le=10)]
    amber_max: Annotated[int, Field(ge=0, le=10)]

    @model_validator(mode="after")
    def _ordered(self) -> TrafficLight:
        if self.amber_max <= self.green_max:
            raise ValueError(f"expected amber_max ({self.amber_max}) to be more than green_max ({self.green_max})")
        return self


class ReturnText(Schema):
    """The planner's verdicts, lights and notes; {placeholders} are filled in."""

    see_checker: Text
    walk_first: Text
    hop_first: Text
    ready: Text
    green: Text
    amber: Text
    red: Text
    convention: Text
    warning_signs: Text


class ReturnLights(Schema):
    green: Text
    amber: Text
    red: Text


class ReturnActions(Schema):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    go_on: Text = Field(alias="go-on")
    repeat_week: Text = Field(alias="repeat-week")
    step_back: Text = Field(alias="step-back")


class ReturnLabels(Schema):
    """Words the planner's answer shows, on the site, in the widget and in the PDF."""

    result_title: Text
    walk_caption: Text
    col_week: Text
    col_walk_minutes: Text
    sessions_caption: Text
    col_days: Text
    col_run: Text
    col_walk: Text
    col_repeats: Text
    col_session: Text
    continuous: Text
    day: Text
    light_title: Text
    light_intro: Text
    col_light: Text
    col_when: Text
    col_action: Text
    lights: ReturnLights
    actions: ReturnActions
    notes_title: Text
    checks_intro: Text
    check_walk: Text
    """The printed readiness checks; {walk_minutes} is filled in."""
    check_hop: Text


class FormField(Schema):
    name: Text
    """What an error message calls the field: "Pain today must be ..."."""
    label: Text
    hint: Text


class ReturnChoices(Schema):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    yes: Text
    no: Text
    unsure: Text
    not_tried: Text = Field(alias="not-tried")


class ReturnForm(Schema):
    """The form's questions; a hint's {low} and {high} are the planner's own limits."""

    warning_signs: FormField
    pain_now: FormField
    walk_minutes: FormField
    hop: FormField
    runs_per_week: FormField
    target_minutes: FormField
    start_date: FormField
    choices: ReturnChoices
    submit: Text
    title: Text
    status_nojs: Text
    embed_summary: Text


class ReturnPlannerFile(Schema):
    """The return-to-running planner's rules and wording: all convention, so all content."""

    defaults: ReturnDefaults
    readiness: ReturnReadiness
    progression: ReturnProgression
    traffic_light: TrafficLight
    text: ReturnText
    labels: ReturnLabels
    form: ReturnForm
    sources: SourceIds


# --------------------------------------------------------------------------------------------
# widgets.yaml: the calculators' own wording (forms, status lines, result headings, export)

Spaced = Annotated[str, StringConstraints(min_length=1)]
"""Text whose spaces count (a joining word such as " and "): kept exactly as written."""


class Aliased(Schema):
    """A block whose YAML keys are not Python names (`mileage-planner`, `and`)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class PerCalculator(Aliased):
    """One message worded for each of the two calculators that share it."""

    mileage_planner: Text = Field(alias="mileage-planner")
    symptom_checker: Text = Field(alias="symptom-checker")


class Plural(Schema):
    """A count's wording: `many` for 0 or 2 and more, `one` for exactly 1."""

    many: Text
    one: Text

    @model_serializer
    def _as_pair(self) -> list[str]:
        """The views pick `[many, one][count == 1]`."""
        return [self.many, self.one]


class Units(Schema):
    km: Text
    mi: Text


class Answers(Schema):
    yes: Text
    no: Text
    unsure: Text


class LeftCount(Schema):
    emergency: Plural
    urgent: Plural


class NamedField(Schema):
    """A field labelled by other messages: only what an error message calls it."""

    name: Text


class PlannerForm(Schema):
    """The mileage planner's form, field by field (its order and kinds are the widget's code)."""

    unit: NamedField
    """Labelled by unit_legend and units."""
    current: FormField
    target: FormField
    longest_run: FormField
    weeks: FormField
    max_increase: FormField
    recovery_every: FormField
    recovery_cut: FormField
    start_date: NamedField
    """Labelled by export_start and export_start_hint."""


class Forms(Aliased):
    mileage_planner: PlannerForm = Field(alias="mileage-planner")


class WidgetsFile(Aliased):
    """Every word the calculators' forms and answers show that is not a question or a rule.

    `{placeholders}` are filled in by the views (runners_back_calculators/views.py, WORDING_PLACEHOLDERS).
    """

    # Every calculator
    title: PerCalculator
    error_title: Text
    error_prefix: Text
    status_nojs: PerCalculator
    status_idle: Text
    status_loading: Text
    status_ready: Text
    status_queued: Text
    status_failed: PerCalculator
    status_stale: PerCalculator
    result_title: PerCalculator
    optional: Text
    # The mileage planner
    unit_legend: Text
    units: Units
    submit: Text
    settings_legend: Text
    caption: Text
    col_week: Text
    col_distance: Text
    col_long_run: Text
    col_type: Text
    build_week: Text
    recovery_week: Text
    week_count: Plural
    summary_reaches: Text
    summary_short: Text
    chart_label: Text
    legend_build: Text
    legend_recovery: Text
    axis_zero: Text
    axis_first: Text
    axis_last: Text
    notes_title: Text
    form: Forms
    """Labels and hints are drawn at build (site/widgets.py); the script gets only the names."""
    # The symptom checker
    privacy: Text
    how_to_answer: Text
    answers: Answers
    group_means: Text
    none_means: Text
    result_waiting: Text
    result_nothing: Text
    left_count: LeftCount
    and_: Spaced = Field(alias="and")
    left_summary: Text
    left_why: Text
    left_link: Text
    incomplete: Text
    sign_actions: Text
    group_actions: Text
    group_actions_first: Text
    result_answered: Text
    reasons_title: Text
    no_reasons: Text
    print: Text
    print_hint: Text
    summary_level: Text
    # Saving a plan (both planners)
    export_title: Text
    export_nojs: Text
    export_intro: Text
    export_start: Text
    export_start_hint: Text
    export_ics: Text
    export_csv: Text
    export_busy: Text
    export_ready: Text
    # Embedding
    embed_summary: PerCalculator
    embed_intro: Text
    embed_open: Text

    @field_validator("and_")
    @classmethod
    def _a_word(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("expected a joining word with its spaces, such as \" and \", got only spaces")
        return value

    def wording(self) -> dict[str, Any]:
        """The wording as the widgets, the views and the script read it: plain JSON-able data."""
        return self.model_dump(by_alias=True)


# --------------------------------------------------------------------------------------------
# The whole guide

TOPICS = "topics"
"""The Guide attribute that gathers the chapters of sections only, in registry order."""


@dataclass(frozen=True)
class ContentType:
    """One kind of content file: all the generator needs to load, check, render and print it."""

    file: str
    schema: type[Schema]
    attribute: str
    """Where the Guide holds it (TOPICS: appended to `Guide.topics`)."""
    template: str | None = None
    """Its page's template, templates/pages/<template>.md.j2; None for a file that is not a chapter."""
    print_parts: str = "sections"
    """How the print book divides the chapter into parts (generator/pdf/book.py PART_MAKERS)."""

    @property
    def is_chapter(self) -> bool:
        """A page of its own, whose anchored items (ANCHORED) are link targets."""
        return self.template is not None


def topic(file: str, schema: type[TopicFile] = TopicFile, print_parts: str = "sections") -> ContentType:
    """A chapter of sections only: one line in CONTENT_TYPES (and its id in guide.yaml's navigation)."""
    return ContentType(file, schema, TOPICS, "topic", print_parts)


CONTENT_TYPES: dict[str, ContentType] = {
    entry.file: entry
    for entry in (
        ContentType("guide.yaml", GuideFile, "meta"),
        ContentType("sources.yaml", SourcesFile, "sources"),
        ContentType("causes.yaml", CausesFile, "causes", "causes", "causes"),
        ContentType("exercises.yaml", ExercisesFile, "exercises", "exercises", "exercises"),
        ContentType("stretches.yaml", StretchesFile, "stretches", "stretches", "stretches"),
        ContentType("running-form.yaml", FormFile, "form", "running-form", "form"),
        ContentType("training-load.yaml", TrainingLoadFile, "training_load", "topic"),
        ContentType("shoes-and-surfaces.yaml", TopicFile, "shoes", "topic"),
        ContentType("recovery.yaml", TopicFile, "recovery", "topic"),
        ContentType("warning-signs.yaml", WarningSignsFile, "warning_signs", "warning-signs", "warning-signs"),
        topic("pain-relief.yaml"),
        topic("understanding-pain.yaml"),
        topic("flare-ups.yaml"),
        topic("return-to-running.yaml"),
        topic("cross-training.yaml"),
        topic("pregnancy.yaml"),
        topic("energy-and-bones.yaml"),
        topic("young-and-older-runners.yaml"),
        topic("everyday-load.yaml"),
        topic("finding-help.yaml"),
        topic("how-this-guide-is-checked.yaml", ReviewFile, "review"),
        ContentType("return-planner.yaml", ReturnPlannerFile, "return_planner"),
        ContentType("widgets.yaml", WidgetsFile, "widgets"),
    )
}
"""Every content file, in the order they are loaded and listed to writers. Load, the cross-file
checks, the pages and the print book all loop over this: a new kind of file is a line here, its
schema above, a Guide attribute below and its page template."""

GENERATED_PAGES: dict[str, str] = {
    "home": "Home",
    "quick-tips": "Quick tips",
    "mileage-planner": "Mileage planner",
    "return-planner": "Return to running planner",
    "symptom-checker": "Symptom checker",
    "references": "References",
    "about": "About this guide",
}
"""Pages made from the content as a whole rather than from one file, by id and title."""

ANCHORED = (Page, Section, Cause, Group, Exercise, Stretch, FormCue, Drill, WarningSign)
"""Things with a heading of their own: their ids are anchors, unique across the whole guide."""


def heading(item: BaseModel) -> str:
    """What a heading or a link to an anchored item shows: its title, else its name, else its label."""
    return getattr(item, "title", None) or getattr(item, "name", None) or item.label


def walk(model: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], BaseModel]]:
    """Every model inside `model`, with its key path, depth first in file order."""
    if isinstance(model, BaseModel):
        yield path, model
        for name in type(model).model_fields:
            yield from walk(getattr(model, name), (*path, name))
    elif isinstance(model, list):
        for index, item in enumerate(model):
            yield from walk(item, (*path, index))


@dataclass(frozen=True)
class Guide:
    """All the validated content: what every output (site, PDF, calculators) is made from."""

    meta: GuideFile
    sources: SourcesFile
    causes: CausesFile
    exercises: ExercisesFile
    stretches: StretchesFile
    form: FormFile
    training_load: TrainingLoadFile
    shoes: TopicFile
    recovery: TopicFile
    warning_signs: WarningSignsFile
    topics: tuple[TopicFile, ...]
    """The topic chapters of CONTENT_TYPES, in that order."""
    return_planner: ReturnPlannerFile
    widgets: WidgetsFile

    @classmethod
    def of(cls, models: dict[str, Schema]) -> Guide:
        """The Guide holding each file's model (by file name) where CONTENT_TYPES says."""
        fields: dict[str, Any] = {TOPICS: ()}
        for name, entry in CONTENT_TYPES.items():
            if entry.attribute == TOPICS:
                fields[TOPICS] += (models[name],)
            else:
                fields[entry.attribute] = models[name]
        return cls(**fields)

    def contents(self) -> list[tuple[ContentType, Schema]]:
        """Every content file's type and model, in CONTENT_TYPES order."""
        topics = iter(self.topics)
        return [
            (entry, next(topics) if entry.attribute == TOPICS else getattr(self, entry.attribute))
            for entry in CONTENT_TYPES.values()
        ]

    @property
    def chapters(self) -> list[Schema]:
        """The chapter files in navigation order."""
        by_id = {chapter.page.id: chapter for entry, chapter in self.contents() if entry.is_chapter}
        return [by_id[page_id] for page_id in self.meta.navigation if page_id in by_id]

    def content_type(self, page_id: str) -> ContentType:
        """The type of the chapter whose page is `page_id`."""
        return next(entry for entry, chapter in self.contents() if entry.is_chapter and chapter.page.id == page_id)

    def anchors(self) -> Iterator[tuple[Schema, BaseModel]]:
        """(chapter, item) for every anchored item, chapters in navigation order."""
        for chapter in self.chapters:
            for _, model in walk(chapter):
                if isinstance(model, ANCHORED):
                    yield chapter, model

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources.sources if source.id == source_id)
