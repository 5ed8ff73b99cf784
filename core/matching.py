"""Matching figures with reference values: by the curated measure id when a figure names one,
else by the measure the figure states (what, of whom, where, period), with a score and the
reason, for review. A pure function of two frames; the warehouse judges the matches in SQL
(warehouse/views/reference_agreements.sql).

A found match needs all of: the same period (core.periods: of one kind, both ends within a
week; a figure whose text gives no period is taken as of its article's publication), places
that are the same (or one unstated), values of one kind (a count with a count, a percent or a
share with a percent, money in one currency), and what they count said in enough of the same
words (the Dice coefficient of their word stems, at least MIN_SCORE).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd
import snowballstemmer

from core.periods import SLACK, Period, text_periods

MIN_SCORE = 0.4  # the least share of shared words for a found match (benchmarks/matching.py)
UNSTATED_PLACE = 0.9  # a found match's score is lowered when one side states no place
ID_COLUMNS = ("article_id", "figure_id", "measure_id")
SIDE_COLUMNS = ("measure_what", "measure_of_whom", "measure_where", "measure_period")
SIDE_COLUMNS += ("published_earliest", "published_latest", "kind", "unit")
MATCH_COLUMNS = [
    "article_id",
    "figure_id",
    "row_id",
    "reference_id",
    "method",
    "score",
    "reason",
    "scale",
]
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "its",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "these",
        "they",
        "this",
        "those",
        "to",
        "was",
        "were",
        "which",
        "who",
        "whom",
        "with",
        "all",
        "some",
        "against",
        "among",
        # nouns that say no more than that something is counted
        "people",
        "person",
        "persons",
        "number",
        "total",
        "time",
        "times",
    ]
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# "Spain's public deficit", "United States' debt", "UK unemployment rate": a name, then what
POSSESSOR = re.compile(r"((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)['’]s?\s+|([A-Z]{2,})\s+(?=[a-z])")
# short names of places, as the long ones that reference tables write
PLACE_NAMES = {"uk": "united kingdom", "us": "united states", "eu": "european union"}
PERCENT_UNITS = frozenset({"percent", "per cent", "%", "percentage"})
CURRENCIES = {"$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}
_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Side:
    """What one figure or reference value states, as matching reads it."""

    words: frozenset[str]
    place: str | None
    period: Period | None
    quantity: str  # what kind of number: count, percent, money:<currency>, times


def match_figures(figures: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """Matches of figures (columns of `figures` and the article's published_earliest and
    published_latest) with reference values (rows of `reference_values`): for each figure, the
    rows of its curated measure id whose period is its own (all of them when its text gives no
    period), else each reference table's best found match. `scale` turns the figure's value
    into the reference's unit (100 for a share stated as a ratio against a percent).

    Figures that state the same (their sides are equal) are matched once, and only with the
    reference rows that can match them (_Rows.candidates)."""
    rows = _Rows(references)
    sides: dict[tuple, Side] = {}  # figure side by the columns it is read from
    found_for: dict[Side, list[tuple]] = {}  # found matches by figure side
    matches = []
    taken: set[tuple[str, str, Side]] = set()  # an article's found measures already matched
    ids = [figures[c].tolist() if c in figures else [None] * len(figures) for c in ID_COLUMNS]
    columns = [figures[c].tolist() if c in figures else [None] * len(figures) for c in SIDE_COLUMNS]
    for index in _text_order(figures):
        article, figure_id, measure_id = (column[index] for column in ids)
        key = tuple(column[index] for column in columns)
        side = sides.get(key)
        if side is None:
            side = sides[key] = figure_side(dict(zip(SIDE_COLUMNS, key, strict=True)))
        if measure_id and measure_id in rows.by_measure:
            found = _curated(measure_id, side, rows.of_measure(measure_id))
        else:
            if side not in found_for:
                found_for[side] = _found(side, rows.aligned(side))
            found = [m for m in found_for[side] if (article, m[0]["row_id"], side) not in taken]
            taken |= {(article, m[0]["row_id"], side) for m in found}
        matches += [
            (article, figure_id, row["row_id"], row["reference_id"], method, round(score, 3))
            + (reason, scale)
            for row, method, score, reason, scale in found
        ]
    return pd.DataFrame(matches, columns=MATCH_COLUMNS)


class _Rows:
    """Reference rows with their sides, by curated measure id, and by what can match them: a
    word, a kind of number, a kind of period and the month it starts in."""

    def __init__(self, references: pd.DataFrame) -> None:
        self.rows = references.to_dict("records")
        self.sides = [reference_side(row) for row in self.rows]
        self.by_measure: dict[str, list[int]] = defaultdict(list)
        self.blocks: dict[tuple, list[int]] = defaultdict(list)
        self._aligned: dict[tuple, list[tuple]] = {}
        self.sizes = [len(side.words) for side in self.sides]
        for i, (row, side) in enumerate(zip(self.rows, self.sides, strict=True)):
            if row.get("measure_id"):
                self.by_measure[row["measure_id"]].append(i)
            for word in side.words:
                month = _month(side.period.start[0])
                self.blocks[(word, side.quantity, side.period.kind, month)].append(i)

    def of_measure(self, measure_id: str) -> list[tuple[dict, Side]]:
        return [(self.rows[i], self.sides[i]) for i in self.by_measure[measure_id]]

    def aligned(self, side: Side) -> list[tuple]:
        """The rows, in order, that say enough of what a figure's side counts (their score
        before places are compared), of a kind of number it can be matched with, whose period
        is its own, as (row, side, words shared, score, scale); kept for the next side that
        differs only by its place."""
        key = (side.words, side.quantity, side.period)
        if key not in self._aligned:
            self._aligned[key] = [
                (self.rows[i], ref, side.words & ref.words, score, scale)
                for i, score in self._scores(side)
                if (scale := _scale(side, (ref := self.sides[i])))
                and side.period.aligns_with(ref.period)
            ]
        return self._aligned[key]

    def _scores(self, side: Side) -> list[tuple[int, float]]:
        """The rows, in order, whose words are enough like the side's (the Dice coefficient of
        their words at least MIN_SCORE), among those of a kind of number it can be matched with
        whose period starts when its own can (a week either side), with that coefficient."""
        if side.period is None:
            return []
        quantities = (side.quantity, "percent") if side.quantity == "ratio" else (side.quantity,)
        months = range(
            _month(side.period.start[0] - SLACK), _month(side.period.start[1] + SLACK) + 1
        )
        shared = Counter(  # a row is under one month and one quantity: its count of words shared
            chain.from_iterable(
                self.blocks.get((word, quantity, side.period.kind, month), ())
                for word in side.words
                for quantity in quantities
                for month in months
            )
        )
        size = len(side.words)
        scores = ((i, 2 * n / (size + self.sizes[i])) for i, n in sorted(shared.items()))
        return [(i, score) for i, score in scores if score >= MIN_SCORE]


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month


def _text_order(figures: pd.DataFrame) -> list[int]:
    """Positions of the figures by article, then in the order of its text (those with no
    offset last; a stable order)."""
    start = figures["start"] if "start" in figures else pd.Series([None] * len(figures))
    start = pd.to_numeric(start, errors="coerce")
    articles = pd.factorize(figures["article_id"], sort=True)[0]
    return np.lexsort((start.fillna(0).to_numpy(), start.isna().to_numpy(), articles)).tolist()


def _curated(measure_id: str, side: Side, rows: list[tuple[dict, Side]]) -> list[tuple]:
    """The rows of the figure's measure id of its period; every row of it when the figure's
    text gives no period."""
    said = f"same measure id {measure_id!r}"
    if side.period is None:
        return [
            (row, "measure_id", 1.0, f"{said}; the figure states no period", _scale(side, ref))
            for row, ref in rows
            if _scale(side, ref)
        ]
    return [
        (
            row,
            "measure_id",
            1.0,
            f"{said}; period {side.period} and {row['period']}",
            _scale(side, ref),
        )
        for row, ref in rows
        if ref.period and side.period.aligns_with(ref.period) and _scale(side, ref)
    ]


def _found(side: Side, rows: list[tuple]) -> list[tuple]:
    """Each reference table's best row that states what the figure states (see the module),
    among the rows aligned with its side (_Rows.aligned)."""
    if side.period is None or not side.words:
        return []
    best: dict[str, tuple] = {}
    for row, ref, shared, score, scale in rows:
        if not same_place(side, ref):
            continue
        if not (side.place and ref.place):
            score *= UNSTATED_PLACE
        if score < MIN_SCORE or score <= best.get(row["reference_id"], (None, None, 0))[2]:
            continue
        place = (
            f"place {side.place}" if side.place and ref.place else "a place unstated on one side"
        )
        reason = (
            f"found: {len(shared)} word(s) shared ({', '.join(sorted(shared))}), {place}, "
            f"period {side.period} and {row['period']}: review that both count the same"
        )
        best[row["reference_id"]] = (row, "found", score, reason, scale)
    return list(best.values())


def same_place(figure: Side, reference: Side) -> bool:
    """Places agree: the same, unstated on one side, or one side's place is among the words of
    the other (a figure's 'France' and a value 'of French residents of France' in Syria)."""
    if not (figure.place and reference.place) or figure.place == reference.place:
        return True
    return stems(figure.place) <= reference.words or stems(reference.place) <= figure.words


def _scale(figure: Side, reference: Side) -> float | None:
    """What the figure's value is multiplied by to be in the reference's unit; None when the
    two are not numbers of one kind."""
    if figure.quantity == reference.quantity:
        return 1.0
    if figure.quantity == "ratio" and reference.quantity == "percent":
        return 100.0
    return None


def figure_side(figure: dict) -> Side:
    """What a figure (a row of `figures` with its article's publication dates) states."""
    words, place, quantity = _counted(
        figure.get("measure_what"),
        figure.get("measure_of_whom"),
        figure.get("measure_where"),
        figure["kind"],
        figure.get("unit"),
    )
    period = _figure_period(
        figure.get("measure_period"), figure["published_earliest"], figure["published_latest"]
    )
    return Side(words, place, period, quantity)


@lru_cache(maxsize=1 << 16)
def _counted(
    what: str | None, of_whom: str | None, where: str | None, kind: str, unit: str | None
) -> tuple[frozenset[str], str | None, str]:
    """A figure's words of what it counts, its place and its kind of number."""
    what, owner = _possessor(what)
    what = " ".join(filter(None, (what, of_whom)))
    return stems(what), _place(where or owner), _quantity(kind, unit)


@lru_cache(maxsize=1 << 16)
def _figure_period(text: str | None, earliest: object, latest: object) -> Period | None:
    """A figure's period: its text's, as of its publication when its text gives none, None for
    a change between two periods (no value of one period)."""
    published = (_day(earliest), _day(latest))
    period, earlier = text_periods(text, published)
    if earlier is not None:
        return None
    if period is None and not text:
        return Period("as_of", published, published)  # what a text states is true when written
    return period


def _possessor(what: str | None) -> tuple[str | None, str | None]:
    """What is counted without the name it opens with, and that name, the place of a count such
    as "Spain's public deficit" or "UK unemployment rate" ((what, None) with no such name)."""
    match = POSSESSOR.match(what or "")
    if not match:
        return what, None
    return what[match.end() :], match[1] or match[2]


def reference_side(row: dict) -> Side:
    """What a reference value (a row of `reference_values`) states."""
    start, end = _day(row["period_start"]), _day(row["period_end"])
    period = Period(row["period_kind"], (start, start), (end, end))
    what = " ".join(filter(None, (row.get("what"), row.get("of_whom"))))
    unit = (row.get("unit") or "").strip().lower()
    quantity = (
        "percent"
        if unit in PERCENT_UNITS
        else "times"
        if unit == "times"
        else (f"money:{CURRENCIES[unit]}" if unit in CURRENCIES else "count")
    )
    return Side(stems(what), _place(row.get("place")), period, quantity)


def _quantity(kind: str, unit: str | None) -> str:
    if kind == "money":
        return f"money:{CURRENCIES.get((unit or '').strip().lower(), unit)}"
    return {"multiplier": "times", "count": "count", "percent": "percent", "ratio": "ratio"}.get(
        kind, kind
    )


@lru_cache(maxsize=65536)
def stems(text: str) -> frozenset[str]:
    """The stems of the words of text that say what is counted (no stop words)."""
    words = [w.lower() for w in WORD.findall(text or "") if w.lower() not in STOP_WORDS]
    return frozenset(_stemmer.stemWords(words))


@lru_cache(maxsize=4096)
def _place(text: str | None) -> str | None:
    if not text:
        return None
    place = " ".join(w for w in re.findall(r"\w+", text.lower()) if w != "the") or None
    return PLACE_NAMES.get(place, place)


@lru_cache(maxsize=65536)
def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()
