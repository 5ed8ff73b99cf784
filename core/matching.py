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
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import snowballstemmer

from core.periods import SLACK, Period, text_periods
from core.sides import (
    PERIOD_BOUNDS,
    Sides,
    aligned,
    dice,
    figure_sides,
    joined,
    months,
    per_distinct,
    period_columns,
    start_months,
)

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


def match_figures(
    figures: pd.DataFrame, references: pd.DataFrame, sides: Sides | None = None
) -> pd.DataFrame:
    """Matches of figures (columns of `figures` and the article's published_earliest and
    published_latest) with reference values (rows of `reference_values`): for each figure, the
    rows of its curated measure id whose period is its own (all of them when its text gives no
    period), else each reference table's best found match (an article's later figures of a
    found measure already matched are not matched again). `scale` turns the figure's value into
    the reference's unit (100 for a share stated as a ratio against a percent).

    Figures that state the same (their sides are equal) are matched once (core.sides), and the
    found matches of all sides at once, with pandas (_found). sides: the figures' sides
    (distinct_sides), when the caller has them already."""
    if figures.empty or references.empty:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    references = references.reset_index(drop=True)
    records = references.to_dict("records")
    ref_sides = [reference_side(row) for row in records]
    side_ids, distinct = distinct_sides(figures) if sides is None else sides
    order = _text_order(figures)
    ids = pd.DataFrame(
        {c: figures[c].to_numpy() if c in figures else None for c in ID_COLUMNS}
    ).iloc[order]
    ids["side"], ids["position"] = side_ids[order], np.arange(len(order))
    by_measure: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(records):
        if row.get("measure_id"):
            by_measure[row["measure_id"]].append(i)
    said_ids, said = per_distinct(ids, ["measure_id"], lambda m: bool(m) and m in by_measure)
    curated = np.array(said, dtype=bool)[said_ids]
    matches = [
        (figure.position, figure.article_id, figure.figure_id, row["row_id"], row["reference_id"])
        + (method, round(score, 3), reason, scale)
        for figure in ids[curated].itertuples()
        for row, method, score, reason, scale in _curated(
            figure.measure_id,
            Side(*distinct.loc[figure.side, ["words", "place", "period", "quantity"]]),
            [(records[i], ref_sides[i]) for i in by_measure[figure.measure_id]],
        )
    ]
    found = (
        ids[~curated]
        .drop_duplicates(["article_id", "side"])
        .merge(_found(distinct, references, ref_sides), on="side")
    )
    columns = ["position", *MATCH_COLUMNS]
    frames = [pd.DataFrame(matches, columns=columns), found[columns]]
    frame = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    return frame.sort_values("position", kind="stable")[MATCH_COLUMNS].reset_index(drop=True)


def _found(sides: pd.DataFrame, references: pd.DataFrame, ref_sides: list[Side]) -> pd.DataFrame:
    """Each side's best row of each reference table that states what it states (see the module):
    columns side, row_id, reference_id, method, score (rounded), reason and scale. The words of
    each distinct set of words are scored against every row's first (core.sides.dice); a side's
    candidates are then the rows so scored for its words, of a kind of number it can be matched
    with, of its kind of period, starting in a month its period can start in (a week either
    side). A row among the best of one table comes first in the table."""
    refs = pd.DataFrame(
        {
            "reference_id": references["reference_id"],
            "row_id": references["row_id"],
            "row_period": references["period"],
            "row_words": [ref.words for ref in ref_sides],
            "row_place": [ref.place for ref in ref_sides],
            "row_quantity": [ref.quantity for ref in ref_sides],
        }
    )
    ref_periods = period_columns([ref.period for ref in ref_sides])
    wordsets, sets = pd.factorize(sides["words"])
    scored = dice(pd.Series(sets), refs["row_words"], MIN_SCORE)
    scored = scored.rename(columns={"left": "wordset", "right": "row"}).assign(
        quantity=refs["row_quantity"].to_numpy()[scored["right"]],
        period_kind=ref_periods["period_kind"].to_numpy()[scored["right"]],
        month=months(ref_periods["start_from"])[scored["right"]],
    )
    candidates = sides.assign(side=range(len(sides)), wordset=wordsets)
    candidates = candidates[candidates["period"].notna() & candidates["words"].map(bool)]
    postings = _postings(candidates)
    at, row_at = joined(postings, scored, ("wordset", "quantity", "period_kind", "month"))
    side, row = postings["side"].to_numpy()[at], scored["row"].to_numpy()[row_at]
    bounds = list(PERIOD_BOUNDS[1:])  # the kinds are the same: joined on
    kept = aligned(sides[bounds].iloc[side], ref_periods[bounds].iloc[row], SLACK.days)
    at, side, row, score = at[kept], side[kept], row[kept], scored["score"].to_numpy()[row_at[kept]]
    place_ids, places = pd.factorize(np.concatenate([sides["place"], refs["row_place"]]))
    place, row_place = place_ids[side], place_ids[len(sides) :][row]
    stated = (place >= 0) & (row_place >= 0)
    pairs = pd.DataFrame(
        {
            "side": side,
            "row": row,
            "wordset": postings["wordset"].to_numpy()[at],
            "place": place,
            "row_place": row_place,
            "score": np.where(stated, score, score * UNSTATED_PLACE),
        }
    )
    agree = _places_agree(pairs, places, sets, refs)
    pairs = pairs[(pairs["score"] >= MIN_SCORE).to_numpy() & agree]
    pairs = pairs.assign(reference_id=refs["reference_id"].to_numpy()[pairs["row"]]).sort_values(
        ["side", "reference_id", "score", "row"], ascending=[True, True, False, True]
    )
    best = pairs.drop_duplicates(["side", "reference_id"])
    best = pd.concat(
        [
            best[["side", "row", "score"]].reset_index(drop=True),
            sides[["words", "place", "quantity", "period"]]
            .iloc[best["side"]]
            .reset_index(drop=True),
            refs.iloc[best["row"]].reset_index(drop=True),
        ],
        axis=1,
    )
    places = ("place", "words", "row_place", "row_words")
    return best.assign(
        method="found",
        score=best["score"].map(lambda score: round(score, 3)),
        reason=[
            _reason(*args)
            for args in zip(*(best[c] for c in (*places, "period", "row_period")), strict=True)
        ],
        scale=np.where(best["quantity"] == best["row_quantity"], 1.0, 100.0),
    )[["side", *MATCH_COLUMNS[2:]]]


def _places_agree(
    pairs: pd.DataFrame, places: np.ndarray, sets: pd.Index, refs: pd.DataFrame
) -> np.ndarray:
    """places_agree of each pair of a side (its place and set of words) and a reference row
    (their places as positions in places, -1 for none); where both places are stated and differ,
    whether one is among the other's words is found once per distinct place and row's set of
    words, and once per distinct row place and side's set of words."""
    place, row_place = pairs["place"].to_numpy(), pairs["row_place"].to_numpy()
    differ = (place >= 0) & (row_place >= 0) & (place != row_place)
    row_sets, row_words = pd.factorize(refs["row_words"])
    check = pd.DataFrame(
        {
            "place": place[differ],
            "row_words": row_sets[pairs["row"].to_numpy()[differ]],
            "row_place": row_place[differ],
            "wordset": pairs["wordset"].to_numpy()[differ],
        }
    )
    ids, said = per_distinct(
        check, ("place", "row_words"), lambda p, words: place_in(places[p], row_words[words])
    )
    other_ids, other_said = per_distinct(
        check, ("row_place", "wordset"), lambda p, wordset: place_in(places[p], sets[wordset])
    )
    agree = np.ones(len(pairs), dtype=bool)
    agree[differ] = np.array(said, dtype=bool)[ids] | np.array(other_said, dtype=bool)[other_ids]
    return agree


def _postings(sides: pd.DataFrame) -> pd.DataFrame:
    """One row per side, kind of number it can be matched with (a ratio with a percent too) and
    month its period can start in (core.sides.start_months): columns side, wordset, quantity,
    period_kind, month."""
    long = start_months(sides[["side", "wordset", "quantity", *PERIOD_BOUNDS]], SLACK.days)
    return pd.concat([long, long[long["quantity"] == "ratio"].assign(quantity="percent")])


def _reason(
    place: str | None,
    words: frozenset[str],
    row_place: str | None,
    row_words: frozenset[str],
    period: Period,
    row_period: str,
) -> str:
    """Why a side was matched with a reference row, for review."""
    shared = sorted(words & row_words)
    place = f"place {place}" if place and row_place else "a place unstated on one side"
    return (
        f"found: {len(shared)} word(s) shared ({', '.join(shared)}), {place}, "
        f"period {period} and {row_period}: review that both count the same"
    )


def distinct_sides(figures: pd.DataFrame) -> Sides:
    """Each figure's side id and the distinct sides, as figure_side reads them: columns words,
    place, quantity and period (core.sides.figure_sides)."""
    return figure_sides(figures, _counted, _figure_period)


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


def same_place(figure: Side, reference: Side) -> bool:
    """Places agree (places_agree) of a figure's and a reference value's sides."""
    return places_agree(figure.place, figure.words, reference.place, reference.words)


def places_agree(
    place: str | None, words: frozenset[str], other: str | None, other_words: frozenset[str]
) -> bool:
    """Places agree: the same, unstated on one side, or one side's place is among the words of
    the other (a figure's 'France' and a value 'of French residents of France' in Syria)."""
    if not (place and other) or place == other:
        return True
    return place_in(place, other_words) or place_in(other, words)


def place_in(place: str, words: frozenset[str]) -> bool:
    """The words of a place are among words."""
    return stems(place) <= words


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
    return frozenset(map(_stem, words))


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word's stem (a word is stemmed alone: its stem is the same in any text)."""
    return _stemmer.stemWord(word)


@lru_cache(maxsize=4096)
def _place(text: str | None) -> str | None:
    if not text:
        return None
    place = " ".join(w for w in re.findall(r"\w+", text.lower()) if w != "the") or None
    return PLACE_NAMES.get(place, place)


@lru_cache(maxsize=65536)
def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()
