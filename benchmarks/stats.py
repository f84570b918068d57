"""Small statistics and formatting helpers for the benchmark's figures."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence


def median(values: Iterable[float | None]) -> float | None:
    """The median of the values that are not None; None when there are none."""
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def spread(values: Iterable[float | None]) -> tuple[float, float] | None:
    """(min, max) of the values that are not None; None when there are none."""
    present = [value for value in values if value is not None]
    return (min(present), max(present)) if present else None


def ratio(value: float | None, baseline: float | None) -> float | None:
    """value / baseline, or None when either is missing or the baseline is zero."""
    if value is None or baseline is None or baseline == 0:
        return None
    return value / baseline


def growth_exponent(sizes: Sequence[float], times: Sequence[float]) -> float | None:
    """The exponent k of time ~ size**k fitted (least squares, log-log) through the points.

    1 is linear growth, 2 quadratic. None with fewer than two usable points.
    """
    import math

    points = [(math.log(size), math.log(time)) for size, time in zip(sizes, times, strict=True)
              if size and size > 0 and time and time > 0]
    if len(points) < 2 or len({x for x, _ in points}) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    numerator = sum((x - mean_x) * (y - mean_y) for x, y in points)
    denominator = sum((x - mean_x) ** 2 for x, _ in points)
    return numerator / denominator


def seconds(value: float | None) -> str:
    """A duration for the tables: 0.84 s, 12.3 s, 153 s."""
    if value is None:
        return "n/a"
    if value < 10:
        return f"{value:.2f} s"
    if value < 100:
        return f"{value:.1f} s"
    return f"{value:.0f} s"


def millis(value: float | None) -> str:
    """A duration given in milliseconds: 2.4 ms, 36 ms, 1,240 ms."""
    if value is None:
        return "n/a"
    if value < 10:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def size(value: float | None) -> str:
    """A byte count: 0 B, 812 B, 41.2 kB, 12.40 MB (decimal units)."""
    if value is None:
        return "n/a"
    if value < 1000:
        return f"{value:.0f} B"
    if value < 1_000_000:
        return f"{value / 1000:.1f} kB"
    return f"{value / 1_000_000:.2f} MB"


def times(value: float | None) -> str:
    """A ratio: 0.31x, 17.2x."""
    if value is None:
        return "n/a"
    return f"{value:.2f}x" if value < 10 else f"{value:.1f}x"


__all__ = ["growth_exponent", "median", "millis", "ratio", "seconds", "size", "spread", "times"]
