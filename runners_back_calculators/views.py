"""What the reader sees of an answer: each calculator's result as the exact HTML fragment.

Rendered once, here, for every way the page gets an answer: the build embeds the fragment for
the no-JavaScript page, and the browser's worker returns the same fragment for new input, so
the two can never drift. Standard library only (`html.escape` and string building): this runs
on Pyodide, where Jinja is not available. Every word comes from `rules["text"]` and the content
(level titles, advice, action wording), never from here.

A view returns `{"summary": text, "html": fragment}`: the summary is one plain sentence the page
announces (its live region stays in place); the fragment replaces the `[data-result]` element.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from runners_back_calculators import checker
from runners_back_calculators.formatting import tenths

View = dict[str, str]

WORDING_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "caption": frozenset({"unit"}),
    "col_distance": frozenset({"unit"}),
    "col_long_run": frozenset({"unit"}),
    "week_count": frozenset({"count"}),
    "summary_reaches": frozenset({"weeks", "first", "last", "unit", "weeks_to_target"}),
    "summary_short": frozenset({"weeks", "first", "last", "unit", "weeks_to_target"}),
    "axis_last": frozenset({"weeks"}),
    "left_count": frozenset({"count"}),
    "left_summary": frozenset({"left"}),
    "result_answered": frozenset({"answered", "total"}),
    "summary_level": frozenset({"title"}),
    "export_ready": frozenset({"filename"}),  # filled by widgets.js, when the file is made
}
"""The fields each message of content/widgets.yaml must show (every message not named here has
none); `check` refuses a message that leaves one out or names another."""

FORM_HINT_PLACEHOLDERS: dict[str, dict[str, frozenset[str]]] = {
    "mileage-planner": {
        "longest_run": frozenset({"share"}),
        "weeks": frozenset({"weeks_high"}),
        "max_increase": frozenset({"max_increase_low", "max_increase_high"}),
        "recovery_every": frozenset({"recovery_every_low", "recovery_every_high"}),
        "recovery_cut": frozenset({"recovery_cut_low", "recovery_cut_high"}),
    },
}
"""The planner's limits each form hint of content/widgets.yaml (`form:`) must show, by
calculator and field (generator/site/widgets.py fills them in at build); a hint not named here,
a field's name and its label have none. Checked like WORDING_PLACEHOLDERS."""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _text(value: object) -> str:
    return escape(str(value), quote=False)


# ---------------------------------------------------------------- the planner


def chart_bars(weeks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each week's bar in a viewBox `0 0 <weeks> 100` (stretched to fit, axis labels are HTML).

    Heights are whole tenths of the viewBox, rounded half up, written as exact decimal text.
    """
    top = max((week["distance"] for week in weeks), default=0) or 1
    bars = []
    for index, week in enumerate(weeks):
        height = int(1000 * week["distance"] / top + 0.5)  # tenths; never negative
        bars.append({
            "x": f"{index}.15",
            "y": f"{(1000 - height) // 10}.{(1000 - height) % 10}",
            "height": f"{height // 10}.{height % 10}",
            "recovery": week["recovery"],
        })
    return bars


def plan_summary(text: Mapping[str, Any], plan: Mapping[str, Any]) -> str:
    weeks = plan["weeks"]
    template = text["summary_reaches"] if plan["reaches_target"] else text["summary_short"]
    count = text["week_count"][len(weeks) == 1].format(count=len(weeks))
    return template.format(
        weeks=count, first=tenths(weeks[0]["distance"]), last=tenths(weeks[-1]["distance"]),
        unit=plan["unit"], weeks_to_target=plan["weeks_to_target"],
    )


def planner_view(rules: Mapping[str, Any], plan: Mapping[str, Any]) -> View:
    """The plan as a chart, a table with one row per week, and the notes."""
    text, p, unit, weeks = rules["text"], rules["prefix"], plan["unit"], plan["weeks"]
    top = max(week["distance"] for week in weeks)
    rects = "".join(
        f'<rect class="rbw-bar{" rbw-bar--recovery" if bar["recovery"] else ""}" x="{bar["x"]}" '
        f'y="{bar["y"]}" width="0.7" height="{bar["height"]}" '
        'vector-effect="non-scaling-stroke"></rect>\n'
        for bar in chart_bars(weeks)
    )
    rows = "".join(
        (f'<tr class="rbw-row--recovery" data-week="{week["week"]}">' if week["recovery"]
         else f'<tr data-week="{week["week"]}">')
        + f'<th scope="row">{week["week"]}</th>'
        f'<td>{tenths(week["distance"])}</td><td>{tenths(week["long_run"])}</td>'
        f'<td>{_text(text["recovery_week"] if week["recovery"] else text["build_week"])}</td></tr>\n'
        for week in weeks
    )
    notes = "".join(f"<li>{_text(note)}</li>\n" for note in plan["notes"])
    html = (
        f'<div class="rbw-result" id="{p}-result" data-result>\n'
        '<div class="rbw-plan" data-plan>\n'
        '<div class="rbw-chart" data-chart>\n'
        '<div class="rbw-chart__axis-y" aria-hidden="true">'
        f'<span data-axis-top>{tenths(top)} {_text(unit)}</span>'
        f'<span>{_text(text["axis_zero"])}</span></div>\n'
        f'<svg class="rbw-chart__plot" viewBox="0 0 {len(weeks)} 100" preserveAspectRatio="none" '
        f'role="img" aria-label="{_attr(text["chart_label"])}" focusable="false" data-chart-plot>\n'
        f"{rects}</svg>\n"
        '<div class="rbw-chart__axis-x" aria-hidden="true">'
        f'<span>{_text(text["axis_first"])}</span>'
        f'<span data-axis-last>{_text(text["axis_last"].format(weeks=len(weeks)))}</span></div>\n'
        '<div class="rbw-chart__legend" aria-hidden="true"><span class="rbw-key">'
        f'<span class="rbw-key__swatch"></span>{_text(text["legend_build"])}</span> '
        '<span class="rbw-key"><span class="rbw-key__swatch rbw-key__swatch--recovery"></span>'
        f'{_text(text["legend_recovery"])}</span></div>\n'
        "</div>\n"
        f'<div class="rbw-table-wrap" role="region" aria-labelledby="{p}-caption" tabindex="0">\n'
        '<table class="rbw-table" data-plan-table>\n'
        f'<caption class="rbw-table__caption" id="{p}-caption" data-caption>'
        f'{_text(text["caption"].format(unit=unit))}</caption>\n'
        f'<thead>\n<tr><th scope="col">{_text(text["col_week"])}</th>'
        f'<th scope="col" data-col="distance">{_text(text["col_distance"].format(unit=unit))}</th>'
        f'<th scope="col" data-col="long_run">{_text(text["col_long_run"].format(unit=unit))}</th>'
        f'<th scope="col">{_text(text["col_type"])}</th></tr>\n</thead>\n'
        f"<tbody data-plan-rows>\n{rows}</tbody>\n"
        "</table>\n</div>\n</div>\n"
        f'<h3 class="rbw-notes__title">{_text(text["notes_title"])}</h3>\n'
        f'<ul class="rbw-notes" data-notes>\n{notes}</ul>\n'
        "</div>"
    )
    return {"summary": plan_summary(text, plan), "html": html}


# ---------------------------------------------------------------- the checker

def action_texts(rules_checker: Mapping[str, Any]) -> dict[str, str]:
    return {action["id"]: action["text"] for action in rules_checker["actions"]}


def actions_list(rules_checker: Mapping[str, Any], actions: Sequence[str]) -> str:
    """The actions as a list, in the order a reader is told them; empty text for none."""
    if not actions:
        return ""
    texts = action_texts(rules_checker)
    items = "".join(
        f'<li data-action="{_attr(action)}">{_text(texts[action])}</li>\n'
        for action in checker.ACTIONS if action in actions
    )
    return f'<ul class="rbw-actions" data-actions>\n{items}</ul>\n'


def checklist_groups(rules_checker: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The questions grouped by level, red flags first, each group with what a yes means and
    the actions: those every sign of the group carries are said once for the group (and the
    group's advice then leaves out what they replace); any other is said beside its sign, and
    `stop_first` marks a group whose advice a sign's stop-running must come before. The widget's
    form and the PDF's checklist both show these groups."""
    signs = checker.form_order(rules_checker)
    levels = {level["id"]: level for level in rules_checker["levels"]}
    texts = action_texts(rules_checker)
    groups = []
    for level_id in checker.SIGN_LEVELS:
        group_signs = [sign for sign in signs if sign["level"] == level_id]
        if not group_signs:
            continue
        shared = [action for action in checker.ACTIONS
                  if all(action in sign["actions"] for sign in group_signs)]
        extra_stop = any("stop-running" in sign["actions"] for sign in group_signs) \
            and "stop-running" not in shared
        groups.append({
            "level": levels[level_id],
            "advice": checker.advice_beside(rules_checker, level_id, shared),
            "actions": [texts[action] for action in shared],
            "stop_first": extra_stop,
            "signs": [
                dict(sign, extra_actions=[texts[action] for action in checker.ACTIONS
                                          if action in sign["actions"] and action not in shared])
                for sign in group_signs
            ],
        })
    return groups


def _unanswered(rules: Mapping[str, Any], result: Mapping[str, Any]) -> tuple[str, str]:
    """(sentence, paragraph) saying how many red-flag and urgent questions are left, with a
    link to the first; empty when the result is complete."""
    if result["complete"]:
        return "", ""
    text, p = rules["text"], rules["prefix"]
    levels = {sign["id"]: sign["level"] for sign in rules["checker"]["signs"]}
    left = result["unanswered"]
    emergency = sum(1 for sign_id in left if levels[sign_id] == "emergency")
    counts = []
    for level, count in (("emergency", emergency), ("urgent", len(left) - emergency)):
        if count:
            counts.append(text["left_count"][level][count == 1].format(count=count))
    sentence = text["left_summary"].format(left=text["and"].join(counts))
    html = (
        f'<p class="rbw-result__left" data-unanswered="{len(left)}">{_text(sentence)} '
        f'{_text(text["left_why"])} <a href="#{p}-{_attr(left[0])}-yes" data-question-link>'
        f'{_text(text["left_link"])}</a></p>\n'
    )
    return sentence, html


def checker_view(
    rules: Mapping[str, Any], answers: Mapping[str, str], result: Mapping[str, Any]
) -> View:
    """The checker's answer: its level with the actions first, the advice beside them, what is
    still unanswered, and why. Until every red-flag and urgent question is answered, a result
    that would be self-care shows no level at all (no reassurance from an unfinished form);
    any level above self-care shows at once."""
    text, p, rules_checker = rules["text"], rules["prefix"], rules["checker"]
    level_id = result["level"]
    # Nothing is more urgent than an emergency: then no question left can change what to do.
    left_sentence, left_html = ("", "") if level_id == "emergency" else _unanswered(rules, result)
    if level_id == "self-care" and not result["complete"]:
        html = (
            f'<div class="rbw-result rbw-result--incomplete" id="{p}-result" data-result '
            'data-state="incomplete">\n'
            f"{left_html}"
            f'<p>{_text(text["incomplete"])}</p>\n'
            "</div>"
        )
        return {"summary": left_sentence, "html": html}

    levels = {level["id"]: level for level in rules_checker["levels"]}
    signs = {sign["id"]: sign for sign in rules_checker["signs"]}
    level = levels[level_id]
    if result["reasons"]:
        reasons = "".join(
            f'<li data-reason="{_attr(sign_id)}"><strong>{_text(signs[sign_id]["label"])}</strong>'
            f' ({_text(levels[signs[sign_id]["level"]]["title"])})</li>\n'
            for sign_id in result["reasons"]
        )
        why = (f'<p>{_text(text["reasons_title"])}</p>\n'
               f'<ul class="rbw-reasons" data-reasons>\n{reasons}</ul>\n')
    else:
        why = f'<p>{_text(text["no_reasons"])}</p>\n'
    summary = " ".join(filter(None, (
        text["summary_level"].format(title=level["title"]),
        text["result_answered"].format(answered=len(answers), total=len(signs)),
        left_sentence,
    )))
    html = (
        f'<div class="rbw-result rbw-result--{_attr(level_id)}" id="{p}-result" data-result '
        f'data-level="{_attr(level_id)}" data-state="{"complete" if result["complete"] else "incomplete"}">\n'
        f'<p class="rbw-result__level"><strong data-level-title>{_text(level["title"])}</strong></p>\n'
        f'{actions_list(rules_checker, result["actions"])}'
        f'<p class="rbw-result__advice" data-advice>'
        f'{_text(result["advice"])}</p>\n'
        f"{left_html}"
        f"{why}"
        "</div>"
    )
    return {"summary": summary, "html": html}


def checker_waiting(rules: Mapping[str, Any]) -> View:
    """Before Python has answered (no JavaScript, loading, or a runtime that failed): no level,
    only how to use the questions above as a printable checklist."""
    text, p = rules["text"], rules["prefix"]
    html = (
        f'<div class="rbw-result rbw-result--waiting" id="{p}-result" data-result '
        'data-state="waiting">\n'
        f'<p>{_text(text["result_waiting"])}</p>\n'
        "</div>"
    )
    return {"summary": text["result_nothing"], "html": html}
