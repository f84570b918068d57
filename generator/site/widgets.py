"""The two calculator widgets as HTML, with their answers already worked out by the same Python.

`render_planner(rules)` and `render_checker(rules)` return the HTML that goes into the pages
`mileage-planner` and `symptom-checker`: a form, and the answer for what the form shows (the
planner's plan for its default inputs; the checker as a printable checklist saying what each
answer means). The page's widgets.js later hands the form to the same calculators on Pyodide,
in a worker; until then, and with JavaScript off, this HTML is the answer.

`widget_pages(rules)` gives the two standalone pages (minimal chrome, for an `<iframe>`) as
Markdown with front matter, by their path under the docs dir.

Every answer is rendered once, by runners_back_calculators/views.py through the bridge module
(`bridge.answer`): the build embeds that fragment here, and the browser's worker returns the
same one for new input, so the pre-rendered and the live answer are the same bytes. Jinja
renders only the forms. Everything the widget says is content (`content/widgets.yaml`, in the
rules as `wording`); it travels to the bridge in the widget's data (`view_rules`), never into
the script's code.
No inline script and no event handler attribute anywhere: the rules travel in a `data-`
attribute (an inline `<script type="application/json">` would be re-created as an executable
script by Material's instant navigation, which copies a script's text but not its type).
"""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from runners_back_calculators import bridge, planner, return_plan, views
from runners_back_calculators.formatting import number

PLANNER = "mileage-planner"
CHECKER = "symptom-checker"
KINDS = (PLANNER, CHECKER)

EMBED_PAGES = {PLANNER: "embed/mileage-planner.md", CHECKER: "embed/symptom-checker.md"}
"""Where each standalone page goes, relative to the docs dir."""
EMBED_TEMPLATE = "embed.html"
"""The theme override (overrides/embed.html) that the standalone pages use."""

PLANNER_FIELDS: list[dict[str, Any]] = [
    {"name": "current", "optional": False, "whole": False},
    {"name": "target", "optional": False, "whole": False},
    {"name": "longest_run", "optional": True, "whole": False},
    {"name": "weeks", "optional": True, "whole": True},
]
PLANNER_SETTINGS: list[dict[str, Any]] = [
    {"name": "max_increase", "optional": False, "whole": False},
    {"name": "recovery_every", "optional": False, "whole": True},
    {"name": "recovery_cut", "optional": False, "whole": False},
]
"""The planner form's inputs in order, and what kind each is; their words are content
(`form: mileage-planner:` in content/widgets.yaml)."""

ID_PREFIX = {PLANNER: "mp", CHECKER: "sc"}

_env = Environment(
    loader=PackageLoader("generator", "templates/widgets"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def _compact(html: str) -> Markup:
    """One tag soup without indentation or blank lines.

    The widget goes into Markdown: a blank line or a 4-space indent inside a raw HTML block
    could end it or turn a line into a code block, so neither may appear.
    """
    lines = (line.strip() for line in html.splitlines())
    return Markup("\n".join(line for line in lines if line))


def _data_json(value: Any) -> str:
    """JSON for a data- attribute: Jinja escapes the quotes; `<`, `>` and `&` never appear raw."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


plain_number = number
"""A default as a reader would type it: 20, 7.5 (the name benchmarks/widget.py uses)."""


def field_names(wording: dict[str, Any]) -> dict[str, str]:
    """How Python's InputError names each of the planner's fields in a message the reader sees."""
    return {field: words["name"] for field, words in wording["form"][PLANNER].items()}


def script_text(wording: dict[str, Any]) -> dict[str, Any]:
    """The wording the page's script and the views need: all but the forms' labels and hints,
    which are drawn once, here (an error message's field names travel as `names`)."""
    return {key: value for key, value in wording.items() if key != "form"}


def view_rules(kind: str, rules: dict[str, Any]) -> dict[str, Any]:
    """What the bridge needs for one widget: its calculator's rules, the text, field names and
    the form's id prefix. It travels to the browser in the widget's data-config."""
    key = "planner" if kind == PLANNER else "checker"
    view = {key: rules[key], "text": script_text(rules["wording"]), "prefix": ID_PREFIX[kind]}
    if kind == PLANNER:
        view["names"] = field_names(rules["wording"])
    return view


def planner_defaults(rules_planner: dict[str, Any]) -> dict[str, str]:
    """The form's starting values as text, as the reader would see them typed."""
    values = {field: "" for field in planner.INPUT_FIELDS}
    for field in ("current", "target", "unit", "max_increase", "recovery_every", "recovery_cut"):
        values[field] = number(rules_planner[field])
    return values


def render_planner(
    rules: dict[str, Any], *, embed_url: str | None = "../embed/mileage-planner/"
) -> Markup:
    """The mileage planner widget: form with the defaults, their plan, chart, notes.

    `embed_url` is the standalone page's URL as seen from the page this widget is on (absolute
    when the site's URL is known); None leaves out the "embed this" snippet (as on that page).
    """
    rules_planner = rules["planner"]
    values = planner_defaults(rules_planner)
    config = {"kind": PLANNER, "rules": view_rules(PLANNER, rules)}
    shown = bridge.answer(PLANNER, config["rules"], values)
    if not shown["ok"]:
        raise ValueError(f"the planner's defaults are refused: {shown['error']['message']}")
    fields, settings = (form_fields(group, rules) for group in (PLANNER_FIELDS, PLANNER_SETTINGS))
    html = _env.get_template("mileage-planner.html.j2").render(
        kind=PLANNER, p=ID_PREFIX[PLANNER], text=rules["wording"], fields=fields, settings=settings,
        values=values, shown=_shown(shown), config=_data_json(config), embed_url=embed_url,
        date_range=[day.isoformat() for day in return_plan.START_DATE_RANGE],
    )
    return _compact(html)


def form_fields(group: list[dict[str, Any]], rules: dict[str, Any]) -> list[dict[str, Any]]:
    """Each input of a group with its label and its hint, the hint's limits filled in."""
    words = rules["wording"]["form"][PLANNER]
    limits = hint_values(rules["planner"])
    return [
        dict(field, label=words[field["name"]]["label"], hint=words[field["name"]]["hint"].format(**limits))
        for field in group
    ]


def hint_values(rules_planner: dict[str, Any]) -> dict[str, str]:
    """What a form hint may say: the planner's own limits and the content's long-run share,
    so a hint never states a range the planner does not enforce."""
    ranges = {
        "max_increase": planner.MAX_INCREASE_RANGE,
        "recovery_every": planner.RECOVERY_EVERY_RANGE,
        "recovery_cut": planner.RECOVERY_CUT_RANGE,
        "weeks": planner.WEEKS_RANGE,
    }
    values = {"share": number(rules_planner["long_run_share"])}
    for name, (low, high) in ranges.items():
        values[f"{name}_low"], values[f"{name}_high"] = number(low), number(high)
    return values


def _shown(view: dict[str, Any]) -> dict[str, Any]:
    """A view for the template: its fragment is already escaped HTML, made by the views."""
    return {"summary": view["summary"], "html": Markup(view["html"])}


def render_checker(
    rules: dict[str, Any], *, embed_url: str | None = "../embed/symptom-checker/"
) -> Markup:
    """The symptom checker widget: the questions as a checklist grouped by level, red flags
    first, each group saying what a yes means; the result for no answers; print button."""
    rules_checker = rules["checker"]
    config = {"kind": CHECKER, "rules": view_rules(CHECKER, rules)}
    html = _env.get_template("symptom-checker.html.j2").render(
        kind=CHECKER, p=ID_PREFIX[CHECKER], text=rules["wording"], groups=views.checklist_groups(rules_checker),
        self_care=next(level for level in rules_checker["levels"] if level["id"] == "self-care"),
        shown=_shown(views.checker_waiting(config["rules"])),
        config=_data_json(config), embed_url=embed_url,
    )
    return _compact(html)


def render_widget(kind: str, rules: dict[str, Any], *, embed_url: str | None = None) -> Markup:
    """Either widget by its kind (`mileage-planner` or `symptom-checker`)."""
    if kind == PLANNER:
        return render_planner(rules, embed_url=embed_url)
    if kind == CHECKER:
        return render_checker(rules, embed_url=embed_url)
    raise ValueError(f"unknown widget {kind!r}; expected one of {', '.join(KINDS)}")


def render_embed_page(kind: str, rules: dict[str, Any]) -> str:
    """The standalone page of one widget, as Markdown with front matter for MkDocs.

    It uses the `embed.html` template (overrides/embed.html: no site chrome, the widget's
    CSS and script only) and is left out of the search index.
    """
    title = rules["wording"]["title"][kind]
    front = (
        "---\n"
        f"template: {EMBED_TEMPLATE}\n"
        f"title: {json.dumps(title)}\n"
        f"embed_kind: {kind}\n"
        "search:\n"
        "  exclude: true\n"
        "---\n\n"
    )
    return front + str(render_widget(kind, rules, embed_url=None)) + "\n"


def widget_pages(rules: dict[str, Any]) -> dict[str, str]:
    """Generated pages by their path under the docs dir: the two standalone embed pages."""
    return {EMBED_PAGES[kind]: render_embed_page(kind, rules) for kind in KINDS}

