"""The return planner's answer as the HTML fragment a page shows, in standard-library Python.

The same function draws the pre-rendered answer at build time and the live one in the
browser's worker (Jinja is not on Pyodide), so the two are the same bytes. Its shape is the
calculators bridge's: `{"summary", "html"}`. Every text, from
content or from the reader, goes through html.escape; the words are content's `labels`.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from runners_back_calculators.formatting import duration

ID_PREFIX = "rp"


def _row(cells: list[str], header: str) -> str:
    """One table row: a row header, then data cells; cells are already escaped."""
    data = "".join(f"<td>{cell}</td>" for cell in cells)
    return f'<tr><th scope="row">{header}</th>{data}</tr>'


def _table(caption: str, columns: list[str], rows: list[str], data: str) -> str:
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in columns)
    body = "\n".join(rows)
    return (
        f'<div class="rbw-table-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">\n'
        f'<table class="rbw-table" {data}>\n'
        f'<caption class="rbw-table__caption">{escape(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>"
    )


def _walking(labels: Mapping[str, Any], result: Mapping[str, Any]) -> str:
    rows = [_row([str(week["minutes"])], str(week["week"])) for week in result["walk_plan"]]
    return _table(labels["walk_caption"], [labels["col_week"], labels["col_walk_minutes"]], rows,
                  "data-walk-plan")


def _sessions(labels: Mapping[str, Any], result: Mapping[str, Any]) -> str:
    """One row per week: its sessions are alike and only their days differ."""
    weeks: dict[int, list[Mapping[str, Any]]] = {}
    for session in result["sessions"]:
        weeks.setdefault(session["week"], []).append(session)
    rows = []
    for week, sessions in weeks.items():
        first = sessions[0]
        days = ", ".join(
            session["date"] or labels["day"].format(day=session["day"]) for session in sessions
        )
        continuous = first["repeats"] == 1
        rows.append(_row([
            escape(days),
            duration(first["run_seconds"]),
            escape(labels["continuous"]) if continuous else duration(first["walk_seconds"]),
            str(first["repeats"]),
            duration(first["total_seconds"]),
        ], str(week)))
    columns = [labels["col_week"], labels["col_days"], labels["col_run"], labels["col_walk"],
               labels["col_repeats"], labels["col_session"]]
    return _table(labels["sessions_caption"], columns, rows, "data-sessions")


def _traffic_light(labels: Mapping[str, Any], result: Mapping[str, Any]) -> str:
    rows = []
    for light in result["traffic_light"]:
        name = escape(labels["lights"][light["light"]])
        rows.append(
            f'<tr class="rbw-light rbw-light--{light["light"]}" data-light="{light["light"]}">'
            f'<th scope="row">{name}</th><td>{escape(light["text"])}</td>'
            f'<td>{escape(labels["actions"][light["action"]])}</td></tr>'
        )
    table = _table(labels["light_title"], [labels["col_light"], labels["col_when"],
                                          labels["col_action"]], rows, "data-traffic-light")
    return f'<p class="rbw-hint">{escape(labels["light_intro"])}</p>\n{table}'


def view(rules: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, str]:
    """`{"summary", "html"}`: the verdict as one plain sentence for the page's live region
    (which stays in place, so the fragment does not repeat it), and the fragment that replaces
    the `[data-result]` element: the walking plan or the sessions and the pain traffic light,
    then the notes. `rules` is the return planner's rules, `result` what `return_plan.plan`
    returned for them."""
    labels = rules["labels"]
    state = escape(result["readiness"])
    parts = [
        f'<div class="rbw-result rbw-result--{state}" id="{ID_PREFIX}-result" data-result '
        f'data-readiness="{state}">',
    ]
    if result["walk_plan"]:
        parts.append(_walking(labels, result))
    if result["sessions"]:
        parts.append(_sessions(labels, result))
        parts.append(_traffic_light(labels, result))
    parts.append(f'<h3 class="rbw-notes__title">{escape(labels["notes_title"])}</h3>')
    parts.append('<ul class="rbw-notes" data-notes>'
                 + "".join(f"<li>{escape(note)}</li>" for note in result["notes"]) + "</ul>")
    parts.append("</div>")
    return {"summary": result["advice"], "html": "\n".join(parts)}
