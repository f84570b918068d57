"""The return-to-running planner on a page: its form (Jinja) and its answer (the wheel's view).

The form's questions, hints and choices are content (`return-planner.yaml`, `form`); a hint's
{low} and {high} are the planner's own limits, so the page cannot promise a range the
calculator refuses. The answer below the form is `return_view.view` for the content's
defaults, asked of the calculators' bridge (`bridge.answer`) as the other widgets do: the
browser's worker asks the same bridge, so the page's first answer and a live one are drawn by
one piece of code.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.site.widgets import (
    EMBED_TEMPLATE,
    PLANNER,
    _compact,
    _data_json,
    _env,  # one environment for every widget template
    _shown,
    script_text,
)
from runners_back_calculators import bridge, return_plan
from runners_back_calculators.return_view import ID_PREFIX

KIND = return_plan.KIND
EMBED_PAGE = "embed/return-planner.md"
"""Where the standalone page goes, relative to the docs dir."""

RANGES = {
    "pain_now": return_plan.PAIN_RANGE,
    "walk_minutes": return_plan.WALK_MINUTES_RANGE,
    "runs_per_week": return_plan.RUNS_PER_WEEK_RANGE,
    "target_minutes": return_plan.TARGET_MINUTES_RANGE,
}

def form_text(rules: dict[str, Any]) -> dict[str, Any]:
    """The form's wording, each hint's {low} and {high} filled in from the planner's limits."""
    form = json.loads(json.dumps(rules["form"]))
    for field in return_plan.INPUT_FIELDS:
        low, high = RANGES.get(field, (None, None))
        form[field]["hint"] = form[field]["hint"].format(low=low, high=high)
    return form


def form_values(rules: dict[str, Any]) -> dict[str, str]:
    """The form's starting answers as text: the content's defaults, no start date."""
    values = {field: str(value) for field, value in rules["defaults"].items()}
    values["start_date"] = ""
    return values


def widget_text(wording: dict[str, Any], rules: dict[str, Any]) -> dict[str, Any]:
    """The shared widget wording (content/widgets.yaml: error summary, status, embedding; not the
    mileage planner's form) with this planner's own entries from its form; where a plan's
    wording fits it too (the runtime failed, a refused answer), the mileage planner's."""
    form = rules["form"]
    text = json.loads(json.dumps(script_text(wording)))
    text["title"][KIND] = form["title"]
    text["status_nojs"][KIND] = form["status_nojs"]
    text["embed_summary"][KIND] = form["embed_summary"]
    text["status_failed"][KIND] = wording["status_failed"][PLANNER]
    text["status_stale"][KIND] = wording["status_stale"][PLANNER]
    return text


def view_rules(rules: dict[str, Any]) -> dict[str, Any]:
    """What the bridge and the script need for this widget (it travels to the browser in
    data-config): the planner's rules (its view's words and id prefix are its own), the widget's
    wording for the script, and the form's field names (the calendar's refusals name them).

    `rules` is the whole calculator rules dict, as for widgets.view_rules.
    """
    rules_return = rules["return_planner"]
    names = {field: rules_return["form"][field]["name"] for field in return_plan.INPUT_FIELDS}
    return {"return_planner": rules_return, "text": widget_text(rules["wording"], rules_return), "names": names}


def render_return_planner(
    rules: dict[str, Any], *, embed_url: str | None = "../embed/return-planner/"
) -> Markup:
    """The widget: the form with the content's defaults and, below it, their answer.

    `rules` is the whole calculator rules dict; `embed_url` as in widgets.render_planner.
    """
    rules_return = rules["return_planner"]
    values = form_values(rules_return)
    config = {"kind": KIND, "rules": view_rules(rules)}
    answer = bridge.answer(KIND, config["rules"], values)
    if not answer["ok"]:
        raise ValueError(f"the return planner's defaults are refused: {answer['error']['message']}")
    html = _env.get_template("return-planner.html.j2").render(
        kind=KIND, p=ID_PREFIX, text=config["rules"]["text"], form=form_text(rules_return),
        values=values, warning_answers=return_plan.WARNING_ANSWERS,
        hop_answers=return_plan.HOP_ANSWERS,
        date_range=[day.isoformat() for day in return_plan.START_DATE_RANGE],
        labels=rules_return["labels"], shown=_shown(answer),
        config=_data_json(config), embed_url=embed_url,
    )
    return _compact(html)


def render_embed_page(rules: dict[str, Any]) -> str:
    """The standalone page (for an iframe), as Markdown with front matter for MkDocs."""
    title = rules["return_planner"]["form"]["title"]
    front = (
        "---\n"
        f"template: {EMBED_TEMPLATE}\n"
        f"title: {json.dumps(title)}\n"
        f"embed_kind: {KIND}\n"
        "search:\n"
        "  exclude: true\n"
        "---\n\n"
    )
    return front + str(render_return_planner(rules, embed_url=None)) + "\n"
