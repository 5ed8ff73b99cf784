"""Turn a figure's qualifier ("some", "at least", ...) into the interval of values it allows.

Bounds are inclusive; an unbounded side is +/- infinity. `more_than` and `less_than` exclude their
bound, which the qualifier column keeps. Quantities that cannot be negative (counts, money, ratios,
multipliers) get 0 as their lower bound when the qualifier sets none.
"""

from __future__ import annotations

import math

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")
NON_NEGATIVE_KINDS = frozenset({"count", "money", "ratio", "multiplier"})
DEFAULT_APPROX_TOLERANCE = 0.10


def interval(
    value: float,
    qualifier: str,
    kind: str,
    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE,
) -> tuple[float, float]:
    """The (lower, upper) bounds a figure's qualifier allows around its value.

    `approx` allows +/- `approx_tolerance` of the value ("some 1,200" with 0.10: 1,080 to 1,320).
    """
    floor = 0.0 if kind in NON_NEGATIVE_KINDS else -math.inf
    if qualifier == "exact":
        return value, value
    if qualifier == "approx":
        spread = abs(value) * approx_tolerance
        return value - spread, value + spread
    if qualifier in ("at_least", "more_than"):
        return value, math.inf
    if qualifier in ("at_most", "less_than"):
        return min(floor, value), value
    raise ValueError(f"unknown qualifier {qualifier!r}: expected one of {', '.join(QUALIFIERS)}")
