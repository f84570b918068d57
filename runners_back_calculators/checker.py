"""The symptom checker: yes/no/unsure answers to warning signs -> one level of urgency.

The signs, their levels and the advice are content (YAML); this module only applies the
fixed safety rules: "unsure" counts as "yes", the most urgent sign wins, and the reader is
shown every sign that raised the level. It never reassures: with any yes or unsure the
result cannot be self-care.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from runners_back_calculators.inputs import InputError

LEVELS = ("emergency", "urgent", "soon", "self-care")
"""Every level, most urgent first."""

SIGN_LEVELS = LEVELS[:-1]
"""Levels a sign may have: a sign at self-care would let a "yes" end in reassurance."""

ANSWERS = ("yes", "no", "unsure")
RAISING_ANSWERS = frozenset({"yes", "unsure"})
"""Answers that count as the sign being present: not sure is treated as yes, for safety."""

REQUIRED_SIGNS: dict[str, str] = {
    "saddle-numbness": "emergency",
    "bladder-bowel-change": "emergency",
    "sexual-dysfunction": "emergency",
    "both-legs": "emergency",
    "worsening-weakness": "emergency",
    "major-trauma": "emergency",
    "chest-abdominal-pain": "emergency",
    "fever": "urgent",
    "weight-loss": "urgent",
    "cancer-history": "urgent",
    "immune-risk": "urgent",
    "osteoporosis-fall": "urgent",
    "night-pain": "urgent",
    "upper-back-pain": "urgent",
    "back-shape-change": "urgent",
    "leg-numbness-tingling": "urgent",
    "leg-weakness": "urgent",
    "persistent-pain": "soon",
    "radiating-pain": "soon",
    "daily-life-limited": "soon",
    "new-pain-over-50": "soon",
    "young-arching-pain": "soon",
    "bone-stress": "soon",
    "long-standing-young-onset": "soon",
    "cough-sneeze-strain": "urgent",
    "recent-infection-or-procedure": "urgent",
    "foot-drop": "urgent",
}
"""The warning signs content must contain, each with the least urgent level it may have."""


MUST_ANSWER = frozenset({"emergency", "urgent"})
"""Levels whose every question needs an answer before a result is complete."""

ACTIONS = ("stop-running", "do-not-drive")
"""Every action a sign may carry, in the order a reader is told them."""

STOP_RUNNING_SIGNS = frozenset({"bone-stress", "young-arching-pain", "under-16"})
"""Signs below urgent that still mean "stop running" (besides every emergency and urgent sign)."""

DO_NOT_DRIVE_SIGNS = frozenset({
    "major-trauma", "saddle-numbness", "bladder-bowel-change", "sexual-dysfunction",
    "both-legs", "worsening-weakness",
})
"""Signs after which a reader must not drive themselves: possible fracture or cauda equina."""


def required_actions(sign_id: str, level: str) -> tuple[str, ...]:
    """The actions the contract requires on a sign of this id at this level."""
    required = []
    if level in ("emergency", "urgent") or sign_id in STOP_RUNNING_SIGNS:
        required.append("stop-running")
    if sign_id in DO_NOT_DRIVE_SIGNS:
        required.append("do-not-drive")
    return tuple(required)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_RUNNING = re.compile(r"\brun(?:s|ning)?\b", re.IGNORECASE)
"""A sentence of a level's advice that speaks about running: replaced by the stop-running action."""


def advice_beside(rules_checker: Mapping[str, Any], level: str, actions: Sequence[str]) -> str:
    """A level's advice as it is shown beside these actions, never contradicting them.

    An action may give, in content, the advice a level shows beside it (the `soon` advice says
    "keep to what you do now", which must not stand beside "stop running"). Failing that, with
    `stop-running` every sentence that speaks about running is left out: the action, shown
    first, says what to do about running.
    """
    advice = next(entry["advice"] for entry in rules_checker["levels"] if entry["id"] == level)
    for action in rules_checker["actions"]:
        if action["id"] in actions and level in action["advice"]:
            return action["advice"][level]
    if "stop-running" not in actions:
        return advice
    kept = [s for s in _SENTENCE_END.split(advice.strip()) if not _RUNNING.search(s)]
    return " ".join(kept)


def urgency(level: str) -> int:
    """Rank of a level: 0 is the most urgent, so sorting puts emergencies first."""
    return LEVELS.index(level)


def form_order(rules_checker: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The signs in the order the form asks them: red flags first, then urgent, then soon.

    Within a level, content order is kept (the sort is stable), so writers control it.
    """
    return sorted(
        (dict(sign) for sign in rules_checker["signs"]),
        key=lambda sign: urgency(sign["level"]),
    )


def assess(rules_checker: Mapping[str, Any], answers: Mapping[str, str]) -> dict[str, Any]:
    """The level, the signs that raised it (most urgent first), that level's advice (as shown
    beside the actions), the actions of every raised sign, and whether every red-flag and urgent
    question is answered.

    Unanswered signs count as "no" in the level, but leave the result incomplete while any of
    them is an emergency or urgent sign: a half-filled form must not read as reassurance. An
    answer to a sign the content does not have, or an answer other than yes/no/unsure, is
    refused rather than ignored: a typo must not silently turn a red flag into self-care.
    """
    if not isinstance(answers, Mapping):
        raise InputError(
            "answers",
            "answers must be an object mapping sign ids to 'yes', 'no' or 'unsure', "
            f"got {type(answers).__name__}",
        )
    signs = list(rules_checker["signs"])
    position = {sign["id"]: index for index, sign in enumerate(signs)}
    for sign_id, answer in answers.items():
        if sign_id not in position:
            raise InputError(str(sign_id), f"unknown sign id {sign_id!r}")
        if answer not in ANSWERS:
            raise InputError(
                sign_id, f"{sign_id} must be 'yes', 'no' or 'unsure', got {answer!r}"
            )

    raised = [sign for sign in signs if answers.get(sign["id"]) in RAISING_ANSWERS]
    raised.sort(key=lambda sign: (urgency(sign["level"]), position[sign["id"]]))
    level = raised[0]["level"] if raised else "self-care"
    wanted = {action for sign in raised for action in sign["actions"]}
    actions = [action for action in ACTIONS if action in wanted]
    unanswered = [
        sign["id"] for sign in form_order(rules_checker)
        if sign["level"] in MUST_ANSWER and sign["id"] not in answers
    ]
    return {
        "level": level,
        "reasons": [sign["id"] for sign in raised],
        "advice": advice_beside(rules_checker, level, actions),
        "actions": actions,
        "complete": not unanswered,
        "unanswered": unanswered,
    }
