"""Read the number a short quote states: digits, number words, fractions and multipliers.

`read_number("Four hundred")` is 400, `read_number("one fifth")` is 0.2, `read_number("Doubled")`
is 2. This reads one quote; finding every number in a whole text is the extractor's job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SCALE_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twentieth": 20, "hundredth": 100,
}  # fmt: skip
MULTIPLIER_WORDS = {
    "twice": 2, "double": 2, "doubled": 2, "doubles": 2, "doubling": 2,
    "thrice": 3, "triple": 3, "tripled": 3, "triples": 3, "tripling": 3,
    "trebled": 3, "trebling": 3,  # British: "trebled to 2,700 from 900"
    "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4,
    "halved": 0.5, "halves": 0.5, "halving": 0.5,
}  # fmt: skip
COUNT_WORDS = {"dozen": 12, "score": 20}

DIGITS = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<suffix>k|m|mn|bn)\b|\s+(?P<scale>hundred|thousand|million|billion)\b)?",
    re.IGNORECASE,
)
RATE = re.compile(r"\b(?P<a>\w+)\s+in\s+(?P<b>\w+)\b", re.IGNORECASE)
WORD = re.compile(r"[a-z]+", re.IGNORECASE)
YEAR = re.compile(r"1[89]\d\d|20\d\d")  # "rose 5 in 2014" is no rate
# A number written in digits, with its group separators (commas, no-break spaces) and decimals
WRITTEN_DIGITS = re.compile(r"\d(?:[\d,\u00a0\u202f]*\d)?(?:\.\d+)?")


@dataclass(frozen=True)
class Reading:
    """A number read from a quote, and the span of the quote that states it."""

    value: float
    start: int
    end: int
    form: str  # "digits", "words", "fraction", "rate" or "multiplier"


def is_finite_number(value: Any) -> bool:
    """An int or float (not a bool) that a DOUBLE holds as a number: not inf or NaN, and no
    integer beyond the largest DOUBLE (about 1.8e308, 309 digits)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def abridged(text: str, limit: int = 40) -> str:
    """Text as a message shows it: whole when short, else its start and end around an
    ellipsis, with its length ("About 100000…000000 (407 characters)")."""
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}…{text[-limit // 4 :]} ({len(text)} characters)"


def rounding(quote: str | None) -> float:
    """How far a number written in digits may have been rounded, relative to it: half the unit
    of its last written digit over the number ("£2bn" 0.25, "1.96 billion" 0.0026, "116
    percent" 0.0043, "3,000" 0.00017: trailing zeros are taken as written, not as rounding). The
    scale ("bn", "million") cancels out. 0 when the quote does not write exactly one number in
    digits (words, "1 in 5", ranges) or writes 0."""
    written = WRITTEN_DIGITS.findall(quote or "")
    if len(written) != 1:
        return 0.0
    digits = written[0].replace(",", "").replace("\u00a0", "").replace("\u202f", "")
    decimals = digits.partition(".")[2]
    number = float(digits)
    if number == 0:
        return 0.0
    return 0.5 * 10.0 ** -len(decimals) / number


def read_number(quote: str) -> Reading | None:
    """The number a quote states, or None when it states none.

    A rate ("1 in 5") is read first, then digits, then words ("some 1,200" is 1200), so a quote
    should carry one number.
    """
    return _read_rate(quote) or _read_digits(quote) or read_words(quote)


def _read_digits(text: str) -> Reading | None:
    match = DIGITS.search(text)
    if not match:
        return None
    value = float(match["num"].replace(",", ""))
    if match["suffix"]:
        value *= SCALE_SUFFIXES[match["suffix"].lower()]
    if match["scale"]:
        value *= SCALES[match["scale"].lower()]
    return Reading(value, match.start(), match.end(), "digits")


def _read_rate(text: str) -> Reading | None:
    """'1 in 5' or 'one in five' as the fraction 0.2."""
    for match in RATE.finditer(text):
        a, b = _small_number(match["a"]), _small_number(match["b"])
        if a is not None and b and not YEAR.fullmatch(match["b"]):
            return Reading(a / b, match.start(), match.end(), "rate")
    return None


def _small_number(token: str) -> float | None:
    if token.isdigit():
        return float(token)
    return UNITS.get(token.lower(), TENS.get(token.lower()))


def read_words(text: str) -> Reading | None:
    """Number words ('Four hundred', 'twenty-five', 'half a million'), fractions, multipliers;
    what read_number reads in a quote without digits or a rate ('one in five')."""
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]
    for i, (word, start, end) in enumerate(words):
        if word in MULTIPLIER_WORDS and not _is_fraction_context(words, i):
            return Reading(MULTIPLIER_WORDS[word], start, end, "multiplier")
        if word in UNITS or word in TENS or word in COUNT_WORDS or word in ("a", "an", "half"):
            reading = _read_word_number(words, i)
            if reading:
                return reading
    return None


def _is_fraction_context(words: list[tuple[str, int, int]], i: int) -> bool:
    """'halves' after a number is a fraction ('two halves'), not a multiplier."""
    return i > 0 and words[i][0] == "halves" and words[i - 1][0] in UNITS


def _read_word_number(words: list[tuple[str, int, int]], i: int) -> Reading | None:
    """Read a run of number words starting at words[i]."""
    total, current, j = 0.0, 0.0, i
    seen_number = False
    first = words[i][0]
    if first in ("a", "an"):
        current, j = 1.0, i + 1  # "a hundred", "a dozen", "a third"
    elif first == "half":
        return _read_half(words, i)
    while j < len(words):
        word = words[j][0]
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in COUNT_WORDS:
            current = max(current, 1.0) * COUNT_WORDS[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in SCALES:
            total += max(current, 1.0) * SCALES[word]
            current = 0.0
        elif (
            word == "and"
            and seen_number
            and j + 1 < len(words)
            and _is_number_word(words[j + 1][0])
        ):
            j += 1
            continue
        elif word.rstrip("s") in DENOMINATORS or word in DENOMINATORS:
            denominator = DENOMINATORS.get(word) or DENOMINATORS[word.rstrip("s")]
            numerator = total + current if seen_number or first in ("a", "an") else 1.0
            return Reading(numerator / denominator, words[i][1], words[j][2], "fraction")
        else:
            break
        seen_number = True
        j += 1
    if not seen_number:
        return None
    return Reading(total + current, words[i][1], words[j - 1][2], "words")


def _read_half(words: list[tuple[str, int, int]], i: int) -> Reading:
    """'half' alone is 0.5; 'half a million' is 500,000."""
    if i + 2 < len(words) and words[i + 1][0] in ("a", "an") and words[i + 2][0] in SCALES:
        return Reading(0.5 * SCALES[words[i + 2][0]], words[i][1], words[i + 2][2], "words")
    return Reading(0.5, words[i][1], words[i][2], "fraction")


def _is_number_word(word: str) -> bool:
    return word in UNITS or word in TENS or word in SCALES
