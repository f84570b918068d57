"""Input validation shared by the browser form, the command line and the build.

One validator for every way in, so a reader typing "abc" in the widget and a script passing
`--current abc` get the same short message naming the field at fault. Numbers are read as
exact fractions from their decimal text, so 0.1 is one tenth and no float error can leak
into a cap.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from runners_back_calculators.formatting import number

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class InputError(ValueError):
    """A reader's or a script's input that the calculators refuse.

    `field` is the input at fault (a planner option such as "current", or a sign id), so a
    form can mark that field; `message` is one short plain-English sentence naming it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


SHOWN_LENGTH = 40
"""How much of a rejected value a message quotes back (never a whole 50 MB paste)."""

_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")


def shown(raw: object) -> str:
    """How a rejected value is quoted back: `'abc'` for text, `nothing` when absent.

    Long values are cut short; repr() keeps terminal escape sequences from acting.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return "nothing"
    if isinstance(raw, int) and not isinstance(raw, bool):
        digits = raw.bit_length() * 30103 // 100000 + 1  # str() refuses over 4,300 digits
        return repr(raw) if digits <= SHOWN_LENGTH else f"a number about {digits:,} digits long"
    text = raw.strip() if isinstance(raw, str) else raw
    if isinstance(text, str) and len(text) > SHOWN_LENGTH:
        return f"{text[:SHOWN_LENGTH]!r}\u2026 ({len(text):,} characters)"
    return repr(text)


def _comma_hint(raw: object) -> str:
    """For "20,5": the same number as it must be written, with a decimal point."""
    if not isinstance(raw, str) or not _COMMA_DECIMAL.fullmatch(raw.strip()):
        return ""
    whole, fraction = raw.strip().split(",")
    if len(fraction) == 3:
        return f": write {whole}{fraction} without the comma, or {whole}.{fraction} with a decimal point"
    return f": write {whole}.{fraction}, with a decimal point"


def exact_number(raw: object) -> Fraction | None:
    """The exact value of a finite decimal number, or None if `raw` is not one.

    Accepts int, float and decimal text ("20", "7.5", " .5 "); refuses bool (True is not 1
    here), NaN, infinities, exponents, fractions like "1/2", and anything else.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Fraction(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None
        return Fraction(repr(raw))
    if isinstance(raw, str):
        text = raw.strip()
        if _DECIMAL.fullmatch(text):
            try:
                return Fraction(text)
            except ValueError:  # over Python's 4,300-digit limit: no number anyone means
                return None
    return None


def parse_number(
    raw: object,
    *,
    field: str,
    low: Fraction | int,
    high: Fraction | int,
    what: str = "a number",
    unit: str = "",
    name: str | None = None,
) -> Fraction:
    """`raw` as an exact number within [low, high], or InputError naming field and range."""
    value = exact_number(raw)
    if value is None or not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise InputError(
            field,
            f"{name or field} must be {what} from {number(low)} to "
            f"{number(high)}{suffix}, got {shown(raw)}{_comma_hint(raw)}",
        )
    return value


def parse_whole_number(
    raw: object, *, field: str, low: int, high: int, name: str | None = None
) -> int:
    """`raw` as a whole number within [low, high] ("4" and 4.0 pass, "4.5" does not)."""
    value = exact_number(raw)
    if value is None or value.denominator != 1 or not low <= value <= high:
        raise InputError(
            field,
            f"{name or field} must be a whole number from {low} to {high}, got {shown(raw)}{_comma_hint(raw)}",
        )
    return value.numerator


def parse_choice(
    raw: object, *, field: str, choices: tuple[str, ...], name: str | None = None
) -> str:
    """`raw` as one of `choices` exactly (surrounding spaces ignored)."""
    text = raw.strip() if isinstance(raw, str) else raw
    if text not in choices:
        listed = " or ".join(repr(choice) for choice in choices)
        raise InputError(field, f"{name or field} must be {listed}, got {shown(raw)}")
    return text


def is_blank(raw: object) -> bool:
    """True for an input left empty: None, or text with nothing but spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())
