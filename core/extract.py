"""Find every number a text states: its span, value, kind, unit and hedge.

One compiled pattern finds where a candidate can start (digits, a currency sign, a number word);
the forms that can start there (digits, number words, fractions, multipliers, vague amounts,
dates, ...) are tried, and the candidate is read with a little context: the hedge before it
("some", "at least"), the unit or scale after it ("percent", "million"), and what it really is (a
year, a date, a time, an ordinal, a model name). Ranges ("between 20 and 30", "2,000-2,500") are
joined in a last pass. Work is proportional to the text's length and the number of candidates.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from core.intervals import DEFAULT_APPROX_TOLERANCE, interval
from core.numbers import (
    DENOMINATORS,
    MULTIPLIER_WORDS,
    SCALES,
    TENS,
    UNITS,
    YEAR,
    read_number,
    read_words,
)


def _any_of(words: Iterable[str]) -> str:
    """A pattern for any of words, longest first, written as a tree of their prefixes
    ("t(?:en|wo)"): the regex engine tries a tree much faster than a long list of words."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    either = "|".join(branches)
    if "" in node:  # a word ends here, or goes on
        return f"(?:{either})?"
    return either if len(branches) == 1 else f"(?:{either})"


# Kinds that are quantities; years, dates and ordinals are only classified
QUANTITY_KINDS = frozenset({"count", "percent", "ratio", "multiplier", "money", "other"})

CARDINALS = {**UNITS, **TENS}
_UNIT_WORDS = _any_of(UNITS)
_TENS_WORDS = _any_of(TENS)
_CARDINAL = rf"{_TENS_WORDS}(?:[-\s]{_UNIT_WORDS})?|{_UNIT_WORDS}"
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_DENOMINATOR_WORDS = _any_of(DENOMINATORS)
# "double" and "triple" are adjectives too ("double citizenship"): only the verbs count, and the
# words before an amount they multiply ("double the 9,400 hectares", "triple the ₦1.2 billion")
MULTIPLIED_AMOUNT_AFTER = re.compile(r"\s+the\s+(?:[$£€¥₹₦]|Rs\.?\s?|K?Sh\s?|R|N|us\$)?\d", re.I)
# After "N times", the words of a comparison: "three times as many", "10 times the", "1,000 times
# more"; a number of 100 or more "times" with none after it counts occasions ("launched 1,180 times
# last year")
COMPARISON_AFTER = re.compile(
    r"\s+(?:as|the|that|what|its|their|his|her|our|this|these|those|over|than|more|less|[a-z]+er)\b",
    re.I,
)
MULTIPLIERS = {
    word: value
    for word, value in MULTIPLIER_WORDS.items()
    if word not in ("double", "triple", "quadruple", "halves")
}
_MULTIPLIERS = _any_of(MULTIPLIERS)
FULL_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
SHORT_MONTHS = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
MONTHS = f"{FULL_MONTHS}|{SHORT_MONTHS}"
SCALE_VALUES = {
    **SCALES, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "lakh crore": 1e12,
}  # fmt: skip
CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
# Currencies written before a number in India, Nigeria, Kenya and South Africa ("₹6,106 crore",
# "Rs 500", "₦2.4 billion", "KSh 352.5 billion", "R18.2 billion": the rand's R only before a scale)
# and, only glued to a number before a scale, the shilling's "Sh46 million" and the naira's
# "N54 million"
# ISO codes written before a number ("NOK 120 million", "CHF 30 million", "USD 4.2 billion")
CURRENCY_CODES = frozenset({
    "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "IDR", "INR",
    "ISK", "JPY", "KES", "KRW", "MXN", "MYR", "NGN", "NOK", "NZD", "PHP", "PLN", "RUB", "SEK",
    "SGD", "THB", "TRY", "USD", "ZAR",
})  # fmt: skip
_CURRENCY_LETTERS = frozenset("RSN₹₦")  # in every CURRENCY_BEFORE match but a code
CURRENCY_BEFORE = re.compile(
    r"(?:[₹₦]|\bRs\.?\s?|\bKSh\s?|(?<![\w.])(?P<rand>R|Sh|N)"
    r"|(?<![\w.])(?-i:(?P<code>[A-Z]{3}))\s)$"
)
CURRENCY_PREFIXES = {
    **{"₹": "INR", "₦": "NGN", "rs": "INR", "ksh": "KES", "r": "ZAR"},
    **{"sh": "KES", "n": "NGN"},
    **{code.lower(): code for code in CURRENCY_CODES},
}
CURRENCY_WORDS = {
    "dollars": "USD", "euros": "EUR", "pounds": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
# Physical units written as words after a number, and the symbol each is kept as: "9.7
# gigawatts" and "22 gigawatts" are both measured in GW, not counted
PHYSICAL_UNITS = {
    "gigawatt": "GW", "megawatt": "MW", "kilowatt": "kW", "terawatt hour": "TWh",
    "gigawatt hour": "GWh", "megawatt hour": "MWh", "kilowatt hour": "kWh", "tonne": "t",
    "metric ton": "t", "ton": "ton", "kilogram": "kg", "hectare": "ha", "acre": "acre",
    "litre": "l", "liter": "l", "barrel": "barrel", "kilometre": "km", "kilometer": "km",
    "mile": "mile", "square kilometre": "km2", "square kilometer": "km2", "sq km": "km2",
    "square mile": "mi2", "sq mile": "mi2", "sq mi": "mi2", "square metre": "m2",
    "square meter": "m2", "cubic metre": "m3", "cubic meter": "m3",
}  # fmt: skip
VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
    "billions": 2_000_000_000, "tens of thousands": 20_000, "hundreds of thousands": 200_000,
    "tens of millions": 20_000_000, "hundreds of millions": 200_000_000,
}  # fmt: skip

# Digits and their group separators: commas, and the no-break spaces French and other styles
# write ("1\u00a0200", "1\u202f200"), taken only before a group of three digits
GROUP_SPACES = "\u00a0\u202f"
_GROUPS = rf"(?:[\d,]|[{GROUP_SPACES}](?=\d{{3}}(?!\d)))*"
_GROUP_SEPARATORS = str.maketrans("", "", "," + GROUP_SPACES)

# The forms a candidate takes, in the order they are tried
FORMS = {
    "date_iso": r"\b\d{4}-\d{2}-\d{2}\b",
    "slashed": r"\b\d{1,4}/\d{1,4}(?:/\d{2,4})?\b",
    "time": r"\b\d{1,2}(?::\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2}:\d{2}\b",
    "score": r"""(?:(?<=won\s)|(?<=beat\s)|(?<=lost\s)|(?<=drew\s)|(?<=led\s))\d{1,2}[-–]\d{1,2}\b
        |\b\d{1,2}[-–]\d{1,2}(?=\s+(?:win|victory|defeat|loss|draw|lead|scoreline)\b)
        |\b\d{1,3}\s+votes?\s+to\s+\d{1,3}\b""",
    "idiom": r"\b(?:(?:the|both)\s+two\s+sides|two\s+sides|one-(?:off|time|sided|way)|two-way)\b",
    "fold": rf"\b(?:{_CARDINAL}|\d+)[-\s]?fold\b",
    "and_a_half": rf"\b(?:{_CARDINAL})\s+and\s+a\s+half(?=\s+times\b)",  # "one and a half times"
    "hedged_multiplier": r"\b(?:double|triple|quadruple)\b",
    "phone": r"""(?:\+\d{1,3}[\s-]?)?\(?\b0\d{1,4}\)?(?:[\s-]\d{2,4}){2,}\b
        |\+\d{1,3}(?:[\s-]\d{2,4}){2,}\b""",
    "digits": rf"(?:(?:us\$|[$£€¥])\s?)?\d{_GROUPS}(?:\.\d+)?",
    "vague": r"""\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds
        |thousands|millions|billions)\b""",
    "words": rf"""\b(?:(?:half[-\s]+(?:a|an)|a|an)[-\s]+(?=hundred|thousand|million|billion|trillion
        |dozen)|(?:one|{_CARDINAL})[-\s]+)?
        (?:{_CARDINAL}|half|{_SCALE_WORDS}|dozen)
        (?:(?:[-\s]+|\s+and\s+)(?:{_CARDINAL}|{_SCALE_WORDS}|dozen))*
        (?:[-\s]+(?:{_DENOMINATOR_WORDS})s?\b|[-\s]+in[-\s]+(?:{_CARDINAL}|\d+))?\b""",
    "fraction": rf"\b(?:a|an)[-\s]+(?:{_DENOMINATOR_WORDS})\b",
    "multiplier": rf"\b(?:{_MULTIPLIERS})\b",
}


def _either(forms: Iterable[str]) -> str:
    """A pattern trying the forms in turn, each a named group."""
    return "|".join(f"(?P<{form}>{FORMS[form]})" for form in forms)


# What can start at a digit or a sign: first the forms a separator or a word after the digits
# makes ("2014-12-18", "3/4", "10:30", "won 3-2", "9 votes to 4", "5-fold"), tried only where one
# follows them (most numbers fail that one look at once); what can start at a letter ("US$5")
_SEPARATED = _either(("date_iso", "slashed", "time", "score", "fold"))
_SEPARATOR = r"[-–/:]|\s?[ap]\.?m|\s+vote|[-\s]?fold"  # what can follow the digits of one
_AT_DIGIT = rf"""(?=\d+(?:{_SEPARATOR}))(?:{_SEPARATED})
    |{_either(("phone", "digits"))}"""
_AT_WORD = _either(
    ("idiom", "fold", "and_a_half", "hedged_multiplier", "digits", "vague", "words", "fraction")
    + ("multiplier",)
)
# Patterns are written in lower case: the scan runs on the lower-cased text (much faster than
# ignoring case), and on the text itself, ignoring case, when lower-casing changes its length.
AT_DIGIT, AT_WORD = (re.compile(p, re.VERBOSE) for p in (_AT_DIGIT, _AT_WORD))
AT_DIGIT_ANYCASE, AT_WORD_ANYCASE = (
    re.compile(p, re.IGNORECASE | re.VERBOSE) for p in (_AT_DIGIT, _AT_WORD)
)
BLOCK = 1 << 16  # characters lower-cased and scanned at a time
LEADING_DIGITS = re.compile(r"\d+")
LETTERS = re.compile(r"[a-z]+")
# A digits candidate that is a number: "1,200", "4.5", "$4.5", "US$ 12"; not "1,2,3" or "12,34"
NUMBER = re.compile(
    rf"(?P<symbol>us\$|[$£€¥])?\s?(?P<number>\d{{1,3}}(?:[,{GROUP_SPACES}]\d{{3}})+(?:\.\d+)?"
    r"|\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?),*",  # and Indian groups: "3,41,000"
    re.IGNORECASE,
)
BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
FRACTION_FOLLOWERS = frozenset(
    re.findall(
        r"\w+",
        "of said say says were are was is have had higher lower more less fewer bigger smaller "
        "larger up down reported believe think own",
    )
)
OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
GLUE_BEFORE = frozenset(string.ascii_letters + "-")  # "G7", "F-16"
LETTER_BEFORE = re.compile(r"(?<=[A-Za-z])|(?<=[A-Za-z]-)")  # matched where the number starts
MONTH_NAMES = frozenset(MONTHS.split("|"))
_TRIGGER_WORDS = (
    [*UNITS, *TENS, *SCALES, "trillion", "half", "dozen", "us", *MULTIPLIERS]
    + ["double", "triple", "quadruple"]
    + [f"{word}fold" for word in (*UNITS, *TENS, "hundred", "thousand")]
    + ["tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions"]
)
_AFTER_A = _any_of([*SCALES, "trillion", "dozen", *DENOMINATORS])  # "a hundred", "a third"
# Where a candidate can start: a number ("4.5"), a currency sign, "+" or "(" (phones), or a
# number word. The pattern starts with a character class, the character before a number word or
# the digit or sign itself, so that the scan skips the letters inside words without trying the
# pattern there. Most numbers are plain ("1,200", "4.5"; no leading zero of a phone number, no
# separator after the digits): the scan itself finds all of them, and no other form is tried.
_TRIGGER = (
    rf"[^a-z_](?:(?<=\W)(?P<word>{_any_of(_TRIGGER_WORDS)}\b|an?(?=[-\s]+{_AFTER_A}))"
    rf"|(?<=[1-9])(?P<plain>)\d*(?!\d|{_SEPARATOR}){_GROUPS}(?:\.\d+)?"
    rf"|(?<=\d){_GROUPS}(?:\.\d+)?|(?<=[$£€¥+(]))"
)
TRIGGER = re.compile(_TRIGGER)
TRIGGER_ANYCASE = re.compile(_TRIGGER, re.IGNORECASE)
HEDGES = {
    "approx": ("some", "about", "around", "roughly", "nearly", "almost", "approximately",
               "an estimated", "estimated", "close to", "circa", "c.", "around about",
               "just about"),
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of"),
    "more_than": ("more than", "over", "upwards of", "in excess of", "above", "just over",
                  "well over"),
    "at_most": ("up to", "as many as", "as much as", "at most", "no more than", "a maximum of"),
    "less_than": ("fewer than", "less than", "under", "below", "just under", "just below",
                  "well under"),
}  # fmt: skip
HEDGE_QUALIFIERS = {
    phrase: qualifier for qualifier, phrases in HEDGES.items() for phrase in phrases
}
HEDGE_LAST_WORDS = frozenset(phrase.split()[-1].rstrip(".") for phrase in HEDGE_QUALIFIERS)
# The hedge right before a number, read on the reversed text before it, the longest first ("no
# more than", not "more than")
HEDGE_BEFORE = re.compile(
    rf"\s+(?P<hedge>{_any_of(phrase[::-1] for phrase in HEDGE_QUALIFIERS)})(?!\w)", re.IGNORECASE
)
# What follows a number; first a unit of measurement, in its case ("40.3C", "20cm"; "m" only where
# it is metres, not millions). The lookahead lists the characters each reading can start with (keep
# it in step with them): most words after a number ("people", "of") fail it at once.
AFTER = re.compile(
    r"""(?=[%°a-z]|\s+[%°bcdefghiklmptu])(?:
      (?-i:\s?(?P<measure>°?[CF]|kg|g|mg|km|cm|mm|ha|mph|kph|km/h|ft|lbs?|kWh|MWh|GWh|TWh|kW|MW|GW
        |m(?=\s+(?:final|race|sprint|hurdles|freestyle|relay|dash|metres|meters)\b))\b)
      | \s?(?P<percent>%|percent\b|per\s?cent\b|pc\b)
      | \s+(?P<points>percentage\s+points?|points?\b)
      | \s?(?P<suffix>k|m|mn|bn|tn|trn)\b
      | \s+(?P<scale>thousand|million|billion|trillion|lakh\s+crore|lakhs?|crores?)\b
      | (?P<ordinal>st|nd|rd|th)\b
      | \s+(?P<times>times)\b
      | \s+per\s+(?P<per>\d[\d,]*|hundred|thousand|million|capita)\b
      | \s+in\s+(?P<rate>\d+|{cardinal})\b
      | \s+(?P<currency_word>dollars|euros|pounds|usd|eur|gbp)\b
      | (?P<glued>(?!(?:k|m|bn|mn|tn|st|nd|rd|th|s|pc)\b)[a-z]{1,2}\b)  # "4G", "3D"; not "1990s"
    )""".replace("{cardinal}", _CARDINAL),
    re.IGNORECASE | re.VERBOSE,
)
# (a tree of their prefixes, as _any_of writes it, with a space or a hyphen between two words)
_PHYSICAL_UNIT_WORDS = _any_of(PHYSICAL_UNITS).replace("\\ ", "[- ]")
_PHYSICAL_UNIT_STARTS = frozenset(unit[:2] for unit in PHYSICAL_UNITS)  # a cheap first look
PHYSICAL_UNIT_AFTER = re.compile(rf"\s+(?P<unit>{_PHYSICAL_UNIT_WORDS})s?\b", re.IGNORECASE)
NEXT_WORD = re.compile(r"\s+(?P<word>[a-z][a-z-]*)", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{_any_of(MONTH_NAMES)}\b", re.IGNORECASE)
# What comes before a number is read from the reversed text before it: an anchored match there
# is much faster than a search for a pattern that ends where the number starts.
WORD_BEFORE = re.compile(r"\s+(\.?\w+)")  # "nearly double": the word, reversed
# A month ("Nov. 19", "July 4"; "in November. 193 libraries" starts a new sentence) or a name
# ("Boeing 737", "No. 10") right before a number, reversed
_MONTHS_REVERSED = [
    *(month[::-1] for month in MONTH_NAMES),
    *(f".{m[::-1]}" for m in SHORT_MONTHS.split("|")),
]
MONTH_OR_NAME_BEFORE = re.compile(
    rf"\s+(?P<month>(?i:{_any_of(_MONTHS_REVERSED)}))(?!\w)|[- ]?(?P<name>[\w.]*[A-Za-z])"
)
# "rose from 5 to 9", "fell 8 points to 41 percent": a change and a level, not a range
CHANGE_BEFORE = re.compile(
    r"\b(?:by|from|rose|fell|dropped|climbed|increased|decreased|jumped|slumped|grew|shrank|"
    r"declined|gained|lost|up|down)\s+$",
    re.IGNORECASE,
)
YEAR_DASH_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d[-–/]$")
HALF_OF_TIME_BEFORE = re.compile(r"\b(?:first|second|latter|former|back)[-\s]+$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
PREFIX_BEFORE = re.compile(r"(?:^|\s)(?:mid|pre|post|over|under)-$", re.IGNORECASE)
POINTS_AFTER = re.compile(r"\s+points?\b", re.IGNORECASE)
COUNTED_NOUN_AFTER = re.compile(
    r"\s*(?:people|persons|residents|workers|troops|soldiers|jobs|cases|deaths|homes|children|"
    r"men|women|students|votes|members|units|tonnes|tons)\b",
    re.IGNORECASE,
)
# A number in the years' range is a count of the people or things after it ("arrested 2010
# protesters", "hired 1900 teachers") unless a word that a year follows comes before it ("in 2010
# protesters marched", "the 2010 organisers"; "the 2010 elections" names no people)
COUNTED_PEOPLE_AFTER = re.compile(
    r"\s+(?-i:[a-z]+(?:ers|ors|ists|ians|ants|ents|ees|ites)|refugees|civilians|families"
    r"|households|patients|victims|prisoners|detainees|migrants)\b"
)
YEAR_FOLLOWS = frozenset(
    re.findall(
        r"\w+",
        "in by since until till from of during after before through to between and or the a an "
        "this that its his her their our my your whose early late mid spring summer autumn fall "
        "winter year fiscal season class",
    )
)
VERB_ENDS = ("ed", "ing")
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
RANGE_KINDS = ("count", "percent", "money", "other")
FUNCTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a an the in on at of by for with from to and or but as than that this these those its "
        "their his her our your my all some only just about around nearly over under up down "
        "more less almost roughly approximately least most no not per each every since until "
        "after before during while when where which who whom whose what were was is are be "
        "been being have has had do does did will would could should may might must can also "
        "then there here they we he she it i you them us between exactly another precisely "
        "barely fully estimated",
    )
)
NOUN_PHRASE = re.compile(r"\s+([A-Za-z][\w-]*)(?: ([A-Za-z][\w-]*))?(?: ([A-Za-z][\w-]*))?")


class Mention(NamedTuple):
    """A number stated in a text, at text[start:end]."""

    start: int
    end: int
    text: str
    value: float
    kind: str
    unit: str | None
    qualifier: str
    lower: float
    upper: float

    def as_dict(self) -> dict:
        return self._asdict()  # its fields in order

    @property
    def is_figure(self) -> bool:
        """True for quantities; years, dates, times and ordinals are only classified."""
        return self.kind in QUANTITY_KINDS


_mention = partial(tuple.__new__, Mention)  # a Mention from a tuple of its fields, unchecked


def extract(text: str, approx_tolerance: float = DEFAULT_APPROX_TOLERANCE) -> list[Mention]:
    """Every number text states, in order of position."""
    return list(iter_mentions(text, approx_tolerance))


def iter_mentions(
    text: str, approx_tolerance: float = DEFAULT_APPROX_TOLERANCE
) -> Iterator[Mention]:
    """Every number text states, in order of position, one at a time (memory stays flat)."""
    return _join_ranges(text, _candidates(text), approx_tolerance)


def _candidates(text: str) -> Iterator[_Raw]:
    """Read a candidate wherever one can start.

    Trying the candidate forms only where a digit, a currency sign or a number word starts is
    what makes the scan fast: most of a text is skipped by one compiled pattern. The text is
    scanned lower-cased, a block of lines at a time, so memory does not grow with its length.
    """
    reach = 0  # what a candidate covered, "1 in 5" or "COVID-19", is not read again
    for offset, block in _blocks(text):
        block = " " + block  # a character before a number word at its start
        lowered = block.lower()
        if len(lowered) == len(block):  # every character kept its place: offsets stay valid
            scanned, trigger_pattern, at_digit, at_word = lowered, TRIGGER, AT_DIGIT, AT_WORD
        else:
            scanned, trigger_pattern = block, TRIGGER_ANYCASE
            at_digit, at_word = AT_DIGIT_ANYCASE, AT_WORD_ANYCASE
        offset -= 1
        for trigger in trigger_pattern.finditer(scanned):
            found = trigger.lastgroup  # "word", "plain", or None at another digit or a sign
            at = trigger.start("word") if found == "word" else trigger.start()
            if offset + at < reach:
                continue
            if found == "plain":
                start, reach = offset + at, offset + trigger.end()
                raw = _read_digits(text, start, reach, trigger.group())
            else:
                match = (at_word if found else at_digit).match(scanned, at)
                if match is None:
                    continue
                start, reach = offset + match.start(), offset + match.end()
                raw = READERS[str(match.lastgroup)](text, start, reach, match.group())
            if raw is not None:
                reach = max(reach, raw.end)  # "1 in 5" reads on past the candidate
                yield raw


def _blocks(text: str) -> Iterable[tuple[int, str]]:
    """The text in blocks of about BLOCK characters, cut at line ends, with their offsets."""
    if len(text) <= BLOCK:
        return [(0, text)]  # most texts: one block, and no generator to run
    return _cut(text)


def _cut(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        cut = text.find("\n", start + BLOCK)
        end = len(text) if cut < 0 else cut + 1
        yield start, text[start:end]
        start = end


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    qualifier: str = "exact"
    lower: float | None = None
    upper: float | None = None
    range_end: bool = False  # may close a range ("2,500" in "2,000-2,500")
    scale: float = 1.0  # the scale word it carries ("4 million": 1e6), which a range shares


def _read_date(text: str, start: int, end: int, phrase: str) -> _Raw:
    return _Raw(start, end, float(phrase[:4]), "date", "date")  # "2014-12-18"


def _read_slashed(text: str, start: int, end: int, phrase: str) -> _Raw | None:
    parts = phrase.split("/")  # "18/12/2014" is a date; "3/4" is not read
    return _Raw(start, end, float(parts[-1]), "date", "date") if len(parts) == 3 else None


def _read_time(text: str, start: int, end: int, phrase: str) -> _Raw:
    return _Raw(start, end, float(LEADING_DIGITS.findall(phrase)[0]), "date", "time of day")


def _read_nothing(text: str, start: int, end: int, phrase: str) -> None:
    """'won 3-2', '020 7946 0958', 'the two sides': numbers, not figures."""


def _read_fold(text: str, start: int, end: int, phrase: str) -> _Raw | None:
    value = _word_or_digits(re.split(r"[-\s]?fold", phrase, flags=re.I)[0])
    return _Raw(start, end, value, "multiplier", "times") if value else None


def _read_and_a_half(text: str, start: int, end: int, phrase: str) -> _Raw | None:
    """'one and a half times', 'two and a half times': a multiplier."""
    value = _word_or_digits(phrase.split()[0])
    after = AFTER.match(text, end)
    if value is None or after is None or after.lastgroup != "times":
        return None
    return _Raw(start, after.end(), value + 0.5, "multiplier", "times")


def _read_hedged_multiplier(text: str, start: int, end: int, phrase: str) -> _Raw | None:
    """'nearly double', 'double the 9,400 hectares'; alone, 'double' is an adjective."""
    if not (_may_be_hedged(text, start) or MULTIPLIED_AMOUNT_AFTER.match(text, end)):
        return None
    return _Raw(start, end, float(MULTIPLIER_WORDS[phrase.lower()]), "multiplier", "times")


def _read_multiplier(text: str, start: int, end: int, phrase: str) -> _Raw:
    return _Raw(start, end, float(MULTIPLIERS[phrase.lower()]), "multiplier", "times")


def _group_spaced(digits: str) -> bool:
    return "\u00a0" in digits or "\u202f" in digits


def _read_digits(text: str, start: int, end: int, raw_text: str) -> _Raw | None:
    if raw_text[0].isdigit() and "," not in raw_text and not _group_spaced(raw_text):  # "12"
        symbol, number = None, raw_text
    else:
        shape = NUMBER.fullmatch(raw_text)
        if shape is None and _group_spaced(raw_text):  # "in 2010\u00a0200 people": the year
            shape = NUMBER.match(raw_text)
            shape = shape if shape and raw_text[shape.end()] in GROUP_SPACES else None
        if shape is None:
            return None  # "1,2,3" or "12,34": a list or a foreign decimal, not a number
        symbol, number = shape["symbol"], shape["number"]
        end = start + shape.end("number")
    after = AFTER.match(text, end)
    follows = after.lastgroup if after else None
    before = "" if symbol else text[max(0, start - 4) : start]
    currency = not _CURRENCY_LETTERS.isdisjoint(before) or before[:3] in CURRENCY_CODES  # a look
    prefix = currency and CURRENCY_BEFORE.search(text, start - len(before), start)
    if prefix and prefix["code"] and prefix["code"] not in CURRENCY_CODES:
        prefix = None  # "NHS 111", "ABC 7"
    grouped = "," in number  # "N180,000 a month", "R18,000": no name has thousands
    if prefix and (not prefix["rand"] or follows in ("suffix", "scale") or grouped):
        start = prefix.start()  # "₹6,106 crore", "KSh 352.5 billion", "R18.2 billion"
        symbol = prefix[0].strip().rstrip(".").lower()
    if follows != "measure" and _glued_to_letters(text, start, follows == "glued"):
        return None  # "F-16", "COVID-19", "4G", "MH17"; not "40.3C", "4kg"
    if number[0] == "0" and len(number) > 1 and number[1] != ".":
        return None  # an id or a phone number with a leading zero
    raw = _Raw(start, end, float(number.translate(_GROUP_SEPARATORS)), "count")
    raw.range_end = True  # (set apart: a keyword makes the call much slower)
    if symbol:
        raw.kind, raw.unit = "money", CURRENCIES.get(symbol.lower()) or CURRENCY_PREFIXES[symbol]
    if after and follows == "measure":  # "40.3C", "20cm", "100m final": measured, not counted
        raw.kind, raw.unit, raw.end = "other", after["measure"], after.end()
        return raw
    if after:
        _apply_after(raw, after, text)
    if raw.kind != "count":
        return raw
    if "," not in number and "." not in number:
        kind = _whole_number_kind(raw, text, number)
        if kind is None:
            return None  # part of a name
        if kind != "count":
            raw.kind, raw.unit = kind, "year" if kind == "year" else "day of month"
            return raw
    if "." in number and raw.unit is None and not after:
        raw.kind = "other"  # "magnitude 6.2": a measurement, not a count
        _take_physical_unit(raw, text)
        return raw
    _take_counted_noun(raw, text)
    return raw


def _whole_number_kind(raw: _Raw, text: str, number: str) -> str | None:
    """What a whole number without separators is: a 'year' ('in 2014', 'the 2020-21 season'), a
    'date' ('Nov. 19', '5 July'), a 'count', or None, part of a name ('Boeing 737', 'Section 230',
    'Windows 11')."""
    start, value = raw.start, raw.value
    if (
        raw.unit is None
        and 1800 <= value <= 2100
        and not COUNTED_NOUN_AFTER.match(text, raw.end)
        and not (
            COUNTED_PEOPLE_AFTER.match(text, raw.end)
            and _word_before(text, start).strip() not in YEAR_FOLLOWS
        )
    ):
        return "year"
    if len(number) == 2 and YEAR_DASH_BEFORE.search(text, max(0, start - 5), start):
        return "year"
    before = MONTH_OR_NAME_BEFORE.match(_reversed_before(text, start, 30))
    if (before and before["month"]) or (value <= 31 and MONTH_AFTER.match(text, raw.end)):
        return "date"
    name = before and before["name"]
    if name and text[raw.end : raw.end + 1] not in ("-", "–") and _is_name(name[::-1]):
        return None
    return "count"


def _apply_after(raw: _Raw, after: re.Match, text: str) -> None:
    """Read what follows a number: percent, points, scale, ordinal, times, per, rate, currency."""
    kind = after.lastgroup
    if kind == "percent":
        raw.kind, raw.unit, raw.end = "percent", "percent", after.end()
        points = POINTS_AFTER.match(text, raw.end)
        if points:  # "5 percent points"
            raw.unit, raw.end = "percentage points", points.end()
    elif kind == "points" and after["points"].lower().startswith("percentage"):
        raw.kind, raw.unit, raw.end = "percent", "percentage points", after.end()  # not "5 points"
    elif kind in ("suffix", "scale"):
        raw.scale = SCALE_VALUES[" ".join(after[kind].lower().split())]
        raw.value *= raw.scale
        raw.end = after.end()
        more = AFTER.match(text, raw.end)
        if more and more.lastgroup in ("percent", "currency_word"):
            _apply_after(raw, more, text)
    elif kind == "ordinal":
        raw.kind, raw.unit, raw.end = "ordinal", "rank", after.end()
    elif kind == "times" and raw.value >= 100 and not COMPARISON_AFTER.match(text, after.end()):
        raw.unit, raw.end = "times", after.end()  # occasions: "launched 1,180 times last year"
    elif kind == "times":
        raw.kind, raw.unit, raw.end = "multiplier", "times", after.end()
    elif kind == "per":
        if raw.kind == "money":  # "Rs 71,500 per 10 grams": a price, not a rate of 10
            return
        per = after["per"].lower()
        denominator = {"hundred": 100, "thousand": 1e3, "million": 1e6, "capita": 1}.get(per)
        if denominator is None:
            denominator = float(per.replace(",", ""))
        if not denominator:  # "per 0" is no rate, as "1 in 0" is none: the number alone
            return
        if per != "capita":
            raw.value /= denominator
            raw.kind, raw.unit = "ratio", f"per {after['per']}"
        raw.end = after.end()
    elif kind == "rate" and not YEAR.fullmatch(after["rate"]):  # "17 in 2021" is no rate
        denominator = _word_or_digits(after["rate"])
        if denominator:
            raw.value /= denominator
            raw.kind, raw.unit, raw.end = "ratio", "fraction", after.end()
    elif kind == "currency_word":
        raw.kind, raw.unit, raw.end = "money", CURRENCY_WORDS[after[kind].lower()], after.end()


def is_vague(mention: Mention) -> bool:
    """'thousands', 'dozens', 'tens of thousands': an amount named by a word, whose value is only
    a convention (its lower bound), never a number the text states."""
    return " ".join(mention.text.lower().split()) in VAGUE


def _read_vague(text: str, start: int, end: int, phrase: str) -> _Raw | None:
    phrase = re.sub(r"\s+", " ", phrase.lower())
    if phrase in ("dozens", "scores", "hundreds", "billions") and not OF_AFTER.match(text, end):
        return None  # "scores" of a match; only "thousands" and "millions" stand alone
    lower = float(VAGUE[phrase])
    return _Raw(start, end, lower, "count", None, "at_least", lower, math.inf)


def _read_words(text: str, start: int, end: int, phrase: str) -> _Raw | None:
    words = LETTERS.findall(phrase.lower())
    after = AFTER.match(text, end)
    lone_one = words == ["one"] and not (after and after.lastgroup in ("percent", "times", "rate"))
    lone_half = words == ["half"] and (
        not (_may_be_hedged(text, start) or OF_AFTER.match(text, end))
        or HALF_OF_TIME_BEFORE.search(text, max(0, start - 12), start) is not None
    )  # "nearly half", "half of": a share; "the second half (of 2021)": not
    if lone_one or lone_half or words[-1] in ("a", "an"):
        return None  # "one of the", "no one", "a", "half": not figures on their own
    if len(words) == 1 and words[0] in CARDINALS:  # "three": most are one word
        value, form = float(CARDINALS[words[0]]), "words"
    else:
        reading = read_number(phrase) if "in" in words else read_words(phrase)  # "one in five"
        if reading is None:
            return None
        value, form = reading.value, reading.form
    raw = _Raw(start, end, value, "count")
    if form in ("fraction", "rate"):
        if words[-1].rstrip("s") in DENOMINATORS and not _fraction_context(text, end, words, start):
            return _Raw(start, end, value, "ordinal", "rank")
        raw.kind, raw.unit = "ratio", "fraction"
        return raw
    if after:
        _apply_after(raw, after, text)
    if raw.kind == "count":
        _take_counted_noun(raw, text)
    return raw


def _read_fraction(text: str, start: int, end: int, phrase: str) -> _Raw | None:
    words = phrase.lower().split()
    if not _fraction_context(text, end, words, start):
        return None  # "a third term", "a second look"
    return _Raw(start, end, 1 / DENOMINATORS[words[-1]], "ratio", "fraction")


# How to read the candidate text[start:end] (phrase, maybe lower-cased) each group finds
READERS: dict[str, Callable[[str, int, int, str], _Raw | None]] = {
    "date_iso": _read_date,
    "slashed": _read_slashed,
    "time": _read_time,
    "score": _read_nothing,
    "phone": _read_nothing,
    "idiom": _read_nothing,
    "fold": _read_fold,
    "and_a_half": _read_and_a_half,
    "hedged_multiplier": _read_hedged_multiplier,
    "digits": _read_digits,
    "vague": _read_vague,
    "words": _read_words,
    "fraction": _read_fraction,
    "multiplier": _read_multiplier,
}


def _fraction_context(text: str, end: int, words: list[str], start: int) -> bool:
    """'a third of', 'two-thirds', 'a fifth said', 'nearly a third higher' are fractions;
    'a third term' is an ordinal."""
    if len(words) > 1 and words[0] not in ("a", "an") or words[-1].endswith("s"):
        return True
    if _may_be_hedged(text, start) or BY_BEFORE.search(text, max(0, start - 4), start):
        return True
    if OF_AFTER.match(text, end):
        return True
    following = NEXT_WORD.match(text, end)
    return following is None or following["word"].lower() in FRACTION_FOLLOWERS


def _join_ranges(text: str, found: Iterable[_Raw], approx_tolerance: float) -> Iterator[Mention]:
    """'2,000-2,500', '15 to 20 percent', 'between 20 and 30': one mention with two bounds; then
    each mention finished."""
    pending: _Raw | None = None
    for raw in found:
        if pending is not None and RANGE_JOIN.match(text, pending.end, raw.start):
            if _is_day_range(pending, raw):
                pending.kind, pending.unit = "date", "day of month"  # "between 12 and 18 July"
            if _is_tally(text, pending, raw):
                pending = None  # "won 4-1", "118-112", "26-14": a score or a vote, not figures
                continue
            joined = _range(text, pending, raw)
            if joined is not None:
                pending = joined
                continue
        if pending is not None:
            yield _finish(text, pending, approx_tolerance)
        pending = raw
    if pending is not None:
        yield _finish(text, pending, approx_tolerance)


def _is_day_range(first: _Raw, second: _Raw) -> bool:
    return first.kind == "count" and second.unit == "day of month" and first.value <= 31


def _is_tally(text: str, first: _Raw, second: _Raw) -> bool:
    """Two integers joined by a bare hyphen, the first not smaller: a score, not a range."""
    return (
        first.kind == second.kind == "count"
        and text[first.end : second.start] in ("-", "–")
        and first.value >= second.value
        and float(first.value).is_integer()  # (a value read from words may be an int)
        and float(second.value).is_integer()
    )


def _range(text: str, low: _Raw, high: _Raw) -> _Raw | None:
    """The range low..high, which the text between them joins, or None."""
    low_value = low.value * high.scale if low.scale == 1 else low.value  # "3 to 4 million"
    if not (
        high.range_end
        and low.kind in RANGE_KINDS
        and high.kind in RANGE_KINDS
        and (low.kind == high.kind or low.kind == "count")
        and low.qualifier in ("exact", "approx")
        and low_value < high.value <= 20 * low_value
        and not CHANGE_BEFORE.search(text, max(0, low.start - 12), low.start)
    ):
        return None
    between = BETWEEN_BEFORE.search(text, max(0, low.start - 9), low.start)
    if text[low.end : high.start].strip().lower() == "and" and not between:
        return None  # "20 and 30" is two figures; "between 20 and 30" is a range
    kind, unit = (
        (high.kind, high.unit) if low.kind == "count" else (low.kind, low.unit or high.unit)
    )
    start = between.start() if between else low.start
    middle = (low_value + high.value) / 2
    return _Raw(start, high.end, middle, kind, unit, "approx", low_value, high.value)


def _finish(text: str, raw: _Raw, approx_tolerance: float) -> Mention:
    """Attach the hedge before the mention and compute its interval."""
    start = raw.start
    if raw.kind in QUANTITY_KINDS:
        hedge = HEDGE_BEFORE.match(_reversed_before(text, start, 24))
        if hedge:
            start -= hedge.end()
            if raw.lower is None:  # a range keeps its stated bounds ("some 2,000-2,500")
                raw.qualifier = HEDGE_QUALIFIERS[hedge["hedge"][::-1].lower()]
    if raw.lower is None:  # not a range or a vague amount, which have their bounds
        if raw.qualifier == "exact":  # most: the interval is the value itself
            raw.lower = raw.upper = raw.value
        else:
            raw.lower, raw.upper = interval(raw.value, raw.qualifier, raw.kind, approx_tolerance)
    return _mention((
        start, raw.end, text[start : raw.end], raw.value, raw.kind, raw.unit, raw.qualifier,
        raw.lower, raw.upper,
    ))  # fmt: skip


def _reversed_before(text: str, start: int, width: int) -> str:
    """The width characters before start (fewer near the text's start), reversed, in one slice."""
    if start > width:
        return text[start - 1 : start - width - 1 : -1]
    return text[start - 1 :: -1] if start else ""  # (a stop of -1 would mean the last one)


def _is_name(word: str) -> bool:
    """Whether the word before a number names it: 'Boeing 737', 'iPhone 15', 'Article 50'."""
    lowered = word.lower()
    if word.islower() or lowered in FUNCTION_WORDS:
        return False  # "about 50"; "Boeing", "iPhone" have a capital
    if word.endswith(".") and lowered != "no.":
        return False  # "on Monday. 190 turbines": a sentence ends there ("No. 10" is a name)
    return lowered.rstrip(".") not in MONTH_NAMES


def _may_be_hedged(text: str, start: int) -> bool:
    """Cheap test before the hedge pattern: is the word before the number one a hedge ends in?"""
    return _word_before(text, start) in HEDGE_LAST_WORDS


def _word_before(text: str, start: int) -> str:
    """The word right before start, and whitespace after it, lower-cased, a full stop kept ("c."
    in "c. 500"); "" when there is none."""
    word = WORD_BEFORE.match(_reversed_before(text, start, 16))
    return word[1][::-1].lower() if word else ""


def _glued_to_letters(text: str, start: int, letters_after: bool) -> bool:
    """Digits stuck to letters: 'F-16', 'G7', 'A380', 'COVID-19', '4G', '3D', 'MH17'."""
    before = text[start - 1 : start]
    if before in GLUE_BEFORE and text[start] not in "$£€¥" and LETTER_BEFORE.match(text, start):
        return not PREFIX_BEFORE.search(text, max(0, start - 6), start)  # "mid-2014": a year
    return letters_after


def _take_physical_unit(raw: _Raw, text: str) -> bool:
    """A number measured in the physical unit after it ('22 gigawatts', '11.1m tonnes') is a
    measurement (kind other) in that unit's symbol; whether it is."""
    unit = PHYSICAL_UNIT_AFTER.match(text, raw.end)
    if unit is None:
        return False
    raw.kind, raw.unit = "other", PHYSICAL_UNITS[re.sub(r"[- ]", " ", unit["unit"].lower())]
    return True


def _take_counted_noun(raw: _Raw, text: str) -> None:
    """A count's unit is the noun after it: '1,200 French nationals have left' -> 'nationals';
    a physical unit makes it a measurement ('22 gigawatts')."""
    if raw.unit is not None:
        return
    phrase = NOUN_PHRASE.match(text, raw.end)
    if phrase is None:
        return
    if phrase[1][:2].lower() in _PHYSICAL_UNIT_STARTS and _take_physical_unit(raw, text):
        return
    for word in phrase.groups():
        if word is None:
            break
        lowered = word.lower()
        if lowered in FUNCTION_WORDS or (raw.unit and word.endswith(VERB_ENDS)):
            break  # stop at the verb: '11.2 million people voted' -> 'people'
        raw.unit = lowered  # the last word before the stop, or
        if word.endswith("s") and not word.endswith("ss"):
            break  # the first plural: 'years old' -> 'years'


def _word_or_digits(token: str) -> float | None:
    """The number a single token states: '5' or 'five'."""
    reading = read_number(token)
    return reading.value if reading else None
