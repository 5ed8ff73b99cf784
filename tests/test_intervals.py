"""interval: the (lower, upper) bounds a figure's qualifier allows around its value."""

from __future__ import annotations

import math

import pytest

from core.intervals import interval


def test_exact_is_the_value_itself() -> None:
    assert interval(400, "exact", "count") == (400, 400)


def test_approx_uses_ten_percent_by_default() -> None:
    assert interval(1200, "approx", "count") == pytest.approx((1080, 1320))


def test_approx_with_a_custom_tolerance() -> None:
    assert interval(1200, "approx", "count", approx_tolerance=0.25) == pytest.approx((900, 1500))


def test_approx_around_a_negative_value_keeps_lower_below_upper() -> None:
    assert interval(-20, "approx", "percent") == pytest.approx((-22, -18))


@pytest.mark.parametrize("qualifier", ["at_least", "more_than"])
def test_lower_bound_qualifiers_leave_the_top_open(qualifier: str) -> None:
    assert interval(100, qualifier, "count") == (100, math.inf)


@pytest.mark.parametrize("qualifier", ["at_most", "less_than"])
@pytest.mark.parametrize(
    ("kind", "floor"),
    [("count", 0), ("money", 0), ("ratio", 0), ("multiplier", 0), ("percent", -math.inf)],
)
def test_upper_bound_qualifiers_floor_at_zero_only_for_non_negative_kinds(
    qualifier: str, kind: str, floor: float
) -> None:
    assert interval(50, qualifier, kind) == (floor, 50)


def test_unknown_qualifier_is_refused_with_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown qualifier 'roughly'") as error:
        interval(10, "roughly", "count")
    for qualifier in ("exact", "approx", "at_least", "more_than", "at_most", "less_than"):
        assert qualifier in str(error.value)
