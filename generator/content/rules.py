"""The calculators' rules as plain JSON-able data, taken from the content.

The calculators never see the content model: in the browser they get this dict as JSON,
so a writer's change to a question or a default reaches the widget without touching code.
"""

from __future__ import annotations

from typing import Any

from generator.content.model import Guide


def calculator_rules(guide: Guide) -> dict[str, Any]:
    """The checker's levels and signs, the planner's defaults and notes, the return planner's rules,
    and the widgets' wording (what the forms and answers say around them)."""
    signs = guide.warning_signs
    defaults = guide.training_load.planner
    return {
        "checker": {
            "levels": [
                {"id": level.id, "title": level.title, "advice": level.advice} for level in signs.levels
            ],
            "actions": [
                {"id": action.id, "text": action.text, "advice": dict(action.advice)}
                for action in signs.actions
            ],
            "signs": [
                {
                    "id": sign.id,
                    "level": sign.level,
                    "actions": list(sign.actions),
                    "question": sign.question,
                    "label": sign.label,
                }
                for sign in signs.signs
            ],
        },
        "planner": defaults.model_dump(exclude={"sources"}),
        "return_planner": guide.return_planner.model_dump(exclude={"sources"}, by_alias=True),
        "wording": guide.widgets.wording(),
    }
