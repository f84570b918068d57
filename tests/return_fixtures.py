"""A return planner rules dict shaped like `calculator_rules(guide)["return_planner"]`.

Its wording is short and distinct (one label carries `<`, `&` and `"`, to prove escaping),
and its numbers are the content's conventions, so exact plans here read like the site's.
"""

from __future__ import annotations

from typing import Any

TEXT = {
    "see_checker": "Use the symptom checker first (pain above {pain_max}).",
    "walk_first": "Walk {walk_minutes} minutes without pain first.",
    "hop_first": "Hop on each leg first.",
    "ready": "Ready: {target_minutes} minutes in {weeks} weeks.",
    "green": "Pain {green_max} or less.",
    "amber": "Pain above {green_max}, up to {amber_max}.",
    "red": "Pain above {amber_max}, or not settled.",
    "convention": "These steps are convention.",
    "warning_signs": "Any warning sign: stop.",
}

LABELS = {
    "result_title": "Your plan",
    "walk_caption": "Walking",
    "col_week": "Week",
    "col_walk_minutes": "Minutes",
    "sessions_caption": "Sessions",
    "col_days": "Days",
    "col_run": "Run",
    "col_walk": "Walk",
    "col_repeats": "Times",
    "col_session": "Time",
    "continuous": "Non-stop",
    "day": "Day {day}",
    "light_title": "Traffic <light> & \"pain\"",
    "light_intro": "Score your pain.",
    "col_light": "Light",
    "col_when": "When",
    "col_action": "Do",
    "lights": {"green": "Green", "amber": "Amber", "red": "Red"},
    "actions": {"go-on": "Go on.", "repeat-week": "Repeat.", "step-back": "Step back."},
    "notes_title": "Notes",
    "checks_intro": "Check first:",
    "check_walk": "Walk {walk_minutes} minutes.",
    "check_hop": "Hop on each leg.",
}

FORM = {
    field: {"name": field.title(), "label": field.replace("_", " ").capitalize(),
            "hint": "From {low} to {high}."}
    for field in ("pain_now", "walk_minutes", "runs_per_week", "target_minutes")
} | {
    field: {"name": field.title(), "label": field.replace("_", " ").capitalize(),
            "hint": "Choose one."}
    for field in ("warning_signs", "hop", "start_date")
} | {
    "choices": {"yes": "Yes", "no": "No", "unsure": "Not sure", "not-tried": "Not tried"},
    "submit": "Update",
    "title": "Back to running",
    "status_nojs": "Needs JavaScript for other answers.",
    "embed_summary": "Embed it",
}


def return_rules() -> dict[str, Any]:
    """A fresh rules dict (tests may change it)."""
    return {
        "defaults": {"warning_signs": "no", "pain_now": 0, "walk_minutes": 30, "hop": "yes",
                     "runs_per_week": 3, "target_minutes": 30},
        "readiness": {"walk_minutes": 30, "walk_step_minutes": 5},
        "progression": {"first_run_seconds": 60, "walk_seconds": 90, "first_repeats": 8,
                        "interval_growth": 50, "max_increase": 20},
        "traffic_light": {"green_max": 2, "amber_max": 4},
        "text": dict(TEXT),
        "labels": {key: dict(value) if isinstance(value, dict) else value
                   for key, value in LABELS.items()},
        "form": {key: dict(value) if isinstance(value, dict) else value
                 for key, value in FORM.items()},
    }
