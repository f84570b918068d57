"""Rules dicts shaped like `generator.content.rules.calculator_rules` output, for the calculator tests.

The signs are listed in a deliberately mixed order of levels, with one extra content sign
beyond the required ones, so tests can tell content order from form order.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

from generator.content.model import WidgetsFile
from runners_back_calculators import checker

WIDGETS_YAML = Path(__file__).resolve().parent.parent / "content" / "widgets.yaml"

LEVEL_ADVICE = {
    "emergency": "Call 999 or 112 now.",
    "urgent": "Contact a doctor today.",
    "soon": "Book a GP or physio in the coming days. Keep to the running you do now.",
    "self-care": "Keep moving and cut your running.",
}

# (id, level) in content order: levels interleaved on purpose.
SIGN_LEVELS_IN_CONTENT_ORDER = [
    ("persistent-pain", "soon"),
    ("fever", "urgent"),
    ("saddle-numbness", "emergency"),
    ("weight-loss", "urgent"),
    ("radiating-pain", "soon"),
    ("bladder-bowel-change", "emergency"),
    ("cancer-history", "urgent"),
    ("sexual-dysfunction", "emergency"),
    ("daily-life-limited", "soon"),
    ("immune-risk", "urgent"),
    ("both-legs", "emergency"),
    ("osteoporosis-fall", "urgent"),
    ("new-pain-over-50", "soon"),
    ("worsening-weakness", "emergency"),
    ("night-pain", "urgent"),
    ("young-arching-pain", "soon"),
    ("major-trauma", "emergency"),
    ("upper-back-pain", "urgent"),
    ("bone-stress", "soon"),
    ("chest-abdominal-pain", "emergency"),
    ("back-shape-change", "urgent"),
    ("long-standing-young-onset", "soon"),
    ("leg-numbness-tingling", "urgent"),
    ("cough-sneeze-strain", "urgent"),
    ("leg-weakness", "urgent"),
    ("foot-drop", "urgent"),
    ("recent-infection-or-procedure", "urgent"),
    ("recent-spinal-surgery", "urgent"),  # a content-only sign, not a required one
]

NOTES = {
    "no_proof": "No rule for building up is proven to prevent injury.",
    "warning_signs": "If you have any warning sign, use the symptom checker first.",
    "holding": "Your target is not above your current distance: hold it for {weeks} weeks.",
    "short_of_target": (
        "In {weeks} weeks this plan stops short; the target needs {weeks_needed} weeks."
    ),
}


def checker_rules() -> dict[str, Any]:
    """A fresh checker rules dict (tests may not share mutable state)."""
    return {
        "levels": [
            {"id": level, "title": level.title(), "advice": advice}
            for level, advice in LEVEL_ADVICE.items()
        ],
        "actions": [
            {"id": "stop-running", "text": "Stop running until someone has seen you.",
             "advice": {}},
            {"id": "do-not-drive", "text": "Do not drive yourself.", "advice": {}},
        ],
        "signs": [
            {"id": sign_id, "level": level,
             "actions": list(checker.required_actions(sign_id, level)),
             "question": f"Do you have {sign_id}?", "label": sign_id.replace("-", " ")}
            for sign_id, level in SIGN_LEVELS_IN_CONTENT_ORDER
        ],
    }


def planner_rules() -> dict[str, Any]:
    """A fresh planner rules dict with the contract's defaults."""
    return {
        "current": 20,
        "target": 40,
        "unit": "km",
        "max_increase": 10,
        "recovery_every": 4,
        "recovery_cut": 25,
        "long_run_cap": 110,
        "long_run_share": 40,
        "max_weekly_km": 400,
        "notes": copy.deepcopy(NOTES),
    }


@functools.cache
def _wording() -> dict[str, Any]:
    return WidgetsFile.model_validate(yaml.safe_load(WIDGETS_YAML.read_text(encoding="utf-8"))).wording()


def wording() -> dict[str, Any]:
    """The widgets' wording from the real content/widgets.yaml (read once), as the rules carry it."""
    return copy.deepcopy(_wording())


def rules() -> dict[str, Any]:
    """The whole rules dict, as `load_rules(content_dir)` returns it."""
    return {"checker": checker_rules(), "planner": planner_rules(), "wording": wording()}
