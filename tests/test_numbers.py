"""read_number: the number a short quote states, and the span of the quote that states it."""

from __future__ import annotations

import pytest

from core.numbers import read_number


@pytest.mark.parametrize(
    ("quote", "value", "text", "form"),
    [
        # digits, thousands separators, decimals and scales
        ("some 1,200", 1200, "1,200", "digits"),
        ("(234)", 234, "234", "digits"),
        ("116 percent", 116, "116", "digits"),
        ("3.5%", 3.5, "3.5", "digits"),
        ("1,234,567.5", 1_234_567.5, "1,234,567.5", "digits"),
        ("11.2 million", 11_200_000, "11.2 million", "digits"),
        ("$4.5bn", 4.5e9, "4.5bn", "digits"),
        ("1.33m", 1_330_000, "1.33m", "digits"),
        ("At least 100", 100, "100", "digits"),
        # number words
        ("Four hundred", 400, "Four hundred", "words"),
        ("twenty-five", 25, "twenty-five", "words"),
        ("one hundred and five", 105, "one hundred and five", "words"),
        ("a dozen", 12, "a dozen", "words"),
        ("a hundred thousand", 100_000, "a hundred thousand", "words"),
        ("half a million", 500_000, "half a million", "words"),
        # fractions
        ("one fifth", 0.2, "one fifth", "fraction"),
        ("a third", 1 / 3, "a third", "fraction"),
        ("two-thirds", 2 / 3, "two-thirds", "fraction"),
        ("three quarters of them", 0.75, "three quarters", "fraction"),
        # rates
        ("1 in 5", 0.2, "1 in 5", "rate"),
        ("one in five", 0.2, "one in five", "rate"),
        ("nine in ten voters", 0.9, "nine in ten", "rate"),
        # multipliers
        ("Doubled", 2, "Doubled", "multiplier"),
        ("Twice as many", 2, "Twice", "multiplier"),
        ("tripled", 3, "tripled", "multiplier"),
        ("halved", 0.5, "halved", "multiplier"),
    ],
)
def test_reads_the_number_and_its_span(quote: str, value: float, text: str, form: str) -> None:
    reading = read_number(quote)
    assert reading is not None
    assert reading.value == pytest.approx(value)
    assert quote[reading.start : reading.end] == text
    assert reading.form == form


@pytest.mark.parametrize("quote", ["a number of arrests", "over there", "an", ""])
def test_quote_without_a_number_reads_as_none(quote: str) -> None:
    assert read_number(quote) is None


def test_halves_after_a_number_is_a_fraction_not_a_multiplier() -> None:
    reading = read_number("two halves")
    assert reading is not None
    assert (reading.value, reading.form) == (1, "fraction")


def test_digits_win_over_words() -> None:
    reading = read_number("one of some 1,200")
    assert reading is not None
    assert reading.value == 1200
