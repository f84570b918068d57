"""The `assess`, `plan` and `return` subcommands: JSON out, or exit status 2 and one line on stderr.

Every option is taken as text and checked by the calculators' own validator, so a bad value
gets the same message the browser form shows, naming the option (never a traceback).
Output is JSON, indented by 2 spaces, UTF-8 as is (ensure_ascii=False), with a final newline.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runners_back_calculators import checker, planner, return_plan
from runners_back_calculators.inputs import InputError

LoadRules = Callable[[Path], dict[str, Any]]

BAD_INPUT = 2
"""Exit status for input the calculators refuse, the same as argparse's own usage errors."""

PLAN_OPTIONS = {field: "--" + field.replace("_", "-") for field in planner.INPUT_FIELDS}
"""Planner field -> the command-line option that sets it, used to name it in messages."""

RETURN_OPTIONS = {field: "--" + field.replace("_", "-") for field in return_plan.INPUT_FIELDS}
"""Return planner field -> its command-line option."""


class _DuplicateAnswer(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object hook refusing a sign answered twice, which json.loads would hide."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateAnswer(key)
        seen[key] = value
    return seen


def _json_kind(value: Any) -> str:
    """What a parsed JSON value was, in JSON's own words."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array"


def _print_json(result: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


def _refuse(command: str, message: str) -> int:
    print(f"{command}: {message}", file=sys.stderr)
    return BAD_INPUT


def _content_dir(text: str) -> Path | None:
    path = Path(text)
    return path if path.is_dir() else None


def _span(limits: tuple[int, int]) -> str:
    """A range in a --help line: 0-10."""
    return f"{limits[0]}-{limits[1]}"


def _read_answers(source: str) -> Any:
    """The parsed --answers JSON; raises OSError, ValueError or _DuplicateAnswer."""
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=_no_duplicates)


def run_assess(args: argparse.Namespace, load_rules: LoadRules) -> int:
    """`assess --answers FILE`: the checker's level, reasons, advice, actions and completeness."""
    content = _content_dir(args.content)
    if content is None:
        return _refuse("assess", f"--content must be a folder, got {args.content!r}")
    try:
        answers = _read_answers(args.answers)
    except _DuplicateAnswer as duplicate:
        return _refuse("assess", f"--answers gives sign {str(duplicate)!r} more than once")
    except OSError as error:
        return _refuse("assess", f"--answers cannot read {args.answers!r}: {error.strerror}")
    except UnicodeDecodeError:
        return _refuse("assess", f"--answers {args.answers!r} is not UTF-8 text")
    except (ValueError, RecursionError) as error:  # JSONDecodeError, or absurdly deep nesting
        return _refuse("assess", f"--answers is not valid JSON: {error}")
    if not isinstance(answers, dict):
        return _refuse(
            "assess",
            "--answers must be a JSON object of sign ids and answers, "
            f"got {_json_kind(answers)}",
        )
    rules = load_rules(content)
    try:
        result = checker.assess(rules["checker"], answers)
    except InputError as error:
        return _refuse("assess", f"{error.message} in --answers")
    _print_json(result)
    return 0


def run_plan(args: argparse.Namespace, load_rules: LoadRules) -> int:
    """`plan --current N --target N ...`: the week-by-week plan as JSON."""
    content = _content_dir(args.content)
    if content is None:
        return _refuse("plan", f"--content must be a folder, got {args.content!r}")
    rules = load_rules(content)
    raw = {field: getattr(args, field) for field in planner.INPUT_FIELDS}
    try:
        settings = planner.validate(rules["planner"], raw, names=PLAN_OPTIONS)
    except InputError as error:
        return _refuse("plan", error.message)
    _print_json(planner.build_plan(rules["planner"], settings))
    return 0


def run_return(args: argparse.Namespace, load_rules: LoadRules) -> int:
    """`return [--pain-now N ...]`: readiness, then the run/walk sessions, as JSON."""
    content = _content_dir(args.content)
    if content is None:
        return _refuse("return", f"--content must be a folder, got {args.content!r}")
    rules = load_rules(content)["return_planner"]
    raw = {field: getattr(args, field) for field in return_plan.INPUT_FIELDS}
    try:
        values = return_plan.parse_inputs(rules, raw, names=RETURN_OPTIONS)
    except InputError as error:
        return _refuse("return", error.message)
    _print_json(return_plan.plan(rules, **values))
    return 0


def _add_return(subparsers: Any, load_rules: LoadRules) -> None:
    command = subparsers.add_parser(
        "return",
        help="return-to-running planner: readiness and run/walk sessions as JSON",
        description="Check readiness to run again after back pain, then print run/walk "
        "sessions on alternate days up to a continuous run, as JSON. Options left out take "
        "the defaults set in content.",
    )
    options = {
        "warning_signs": ("no|yes|unsure", "any warning sign (not sure counts as yes)"),
        "pain_now": ("N", f"back pain today, {_span(return_plan.PAIN_RANGE)}"),
        "walk_minutes": ("N", "minutes of brisk walking without pain, "
                         f"{_span(return_plan.WALK_MINUTES_RANGE)}"),
        "hop": ("yes|no|not-tried", "hopping on each leg without pain"),
        "runs_per_week": ("N", f"runs a week, {_span(return_plan.RUNS_PER_WEEK_RANGE)}"),
        "target_minutes": ("N", "continuous run to build up to, minutes, "
                           f"{_span(return_plan.TARGET_MINUTES_RANGE)}"),
        "start_date": ("YYYY-MM-DD", "first day of the plan (optional: dates the sessions)"),
    }
    for field, (metavar, text) in options.items():
        command.add_argument(RETURN_OPTIONS[field], dest=field, metavar=metavar, help=text)
    command.add_argument("--content", default="content", metavar="DIR", help="content folder")
    command.set_defaults(func=lambda args: run_return(args, load_rules))


def add_commands(subparsers: Any, load_rules: LoadRules) -> None:
    """Add `assess`, `plan` and `return` to the main parser; each sets `func(args) -> exit status`.

    `load_rules(content_dir)` returns the calculators' rules dict built from content.
    """
    assess = subparsers.add_parser(
        "assess",
        help="symptom checker: answers JSON in, level, advice and actions JSON out",
        description="Read answers {\"<sign id>\": \"yes\"|\"no\"|\"unsure\"} and print "
        "{\"level\", \"reasons\", \"advice\", \"actions\", \"complete\", \"unanswered\"} "
        "as JSON. Unanswered signs count as no in the level; the result is complete only when "
        "every emergency and urgent sign has an answer.",
    )
    assess.add_argument(
        "--answers", required=True, metavar="FILE", help="JSON file of answers, - for stdin"
    )
    assess.add_argument("--content", default="content", metavar="DIR", help="content folder")
    assess.set_defaults(func=lambda args: run_assess(args, load_rules))

    plan = subparsers.add_parser(
        "plan",
        help="mileage planner: a week-by-week plan as JSON",
        description="Print a plan from the current to the target weekly distance as JSON. "
        "Options left out take the defaults set in content.",
    )
    plan.add_argument("--current", required=True, metavar="N", help="current weekly distance")
    plan.add_argument("--target", required=True, metavar="N", help="target weekly distance")
    plan.add_argument("--unit", metavar="km|mi", help="unit of every distance")
    ranges = {
        "--max-increase": ("P", "maximum weekly increase, percent", planner.MAX_INCREASE_RANGE),
        "--recovery-every": ("N", "a recovery week every N weeks", planner.RECOVERY_EVERY_RANGE),
        "--recovery-cut": ("P", "recovery week cut, percent", planner.RECOVERY_CUT_RANGE),
    }
    for option, (metavar, text, (low, high)) in ranges.items():
        plan.add_argument(option, metavar=metavar, help=f"{text} ({low}-{high})")
    plan.add_argument("--longest-run", metavar="D", help="current longest single run")
    plan.add_argument(
        "--weeks", metavar="N", help=f"weeks available ({planner.WEEKS_RANGE[0]}-"
        f"{planner.WEEKS_RANGE[1]})"
    )
    plan.add_argument("--content", default="content", metavar="DIR", help="content folder")
    plan.set_defaults(func=lambda args: run_plan(args, load_rules))
    _add_return(subparsers, load_rules)
