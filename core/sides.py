"""What figures state, computed once per distinct value and held in columns, so that matching
(core.matching, core.change_matching) and proposals (core.proposals) do their per-figure work
with pandas rather than in a Python loop over every figure.

A figure's side (core.matching.Side) is made of what it counts (its words, place and kind of
number: read once per distinct what, of whom, where, kind and unit) and its period (resolved once
per distinct period text and publication dates). Figures with equal sides share one side id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

from core.periods import ANY_DAY, publication_free

COUNTED_COLUMNS = ("measure_what", "measure_of_whom", "measure_where", "kind", "unit")
PERIOD_COLUMNS = ("measure_period", "published_earliest", "published_latest")


def codes(frame: pd.DataFrame, columns: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's code of its values in columns (missing columns are None; a missing value is a
    value), and the position of the first row of each code."""
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        values = frame[column] if column in frame else pd.Series([None] * len(frame))
        column_codes, uniques = pd.factorize(values)  # -1 for a missing value
        combined = pd.factorize(combined * (len(uniques) + 2) + column_codes + 1)[0]
    # codes are numbered in the order they first come: a row is a code's first where the
    # greatest code so far grows
    seen = np.maximum.accumulate(combined)
    return combined, np.flatnonzero(np.diff(seen, prepend=-1) > 0)


def per_distinct(
    frame: pd.DataFrame, columns: Sequence[str], function: Callable[..., Hashable]
) -> tuple[np.ndarray, list[Hashable]]:
    """function of the values of columns, called once per distinct row of them: each row's code
    of its result (equal results, equal codes) and the results by code."""
    row_codes, first = codes(frame, columns)
    values = [frame[c].to_numpy()[first] if c in frame else [None] * len(first) for c in columns]
    results = [function(*args) for args in zip(*values, strict=True)]
    unique: dict[Hashable, int] = {}
    result_codes = np.array([unique.setdefault(r, len(unique)) for r in results], dtype=np.int64)
    return result_codes[row_codes], list(unique)


def figure_sides(
    figures: pd.DataFrame,
    counted: Callable[..., tuple],
    period: Callable[..., object],
) -> tuple[np.ndarray, pd.DataFrame]:
    """Each figure's side id and the distinct sides (columns words, place, quantity, period, as
    core.matching.Side, and the period's period_columns): counted(what, of whom, where, kind,
    unit) gives (words, place, quantity), period(text, published_earliest, published_latest)
    the period."""
    counted_ids, counted_values = per_distinct(figures, COUNTED_COLUMNS, counted)
    period_ids, period_values = per_distinct(dated(figures), PERIOD_COLUMNS, period)
    side_ids, first = codes(
        pd.DataFrame({"counted": counted_ids, "period": period_ids}), ("counted", "period")
    )
    counted_frame = pd.DataFrame(counted_values, columns=["words", "place", "quantity"])
    periods = period_columns(period_values).assign(period=pd.Series(period_values, dtype=object))
    sides = pd.concat(
        [
            counted_frame.iloc[counted_ids[first]].reset_index(drop=True),
            periods.iloc[period_ids[first]].reset_index(drop=True),
        ],
        axis=1,
    )
    return side_ids, sides


def dated(figures: pd.DataFrame) -> pd.DataFrame:
    """The period columns of figures, with the publication dates of those whose period text
    gives periods whatever the publication (core.periods.publication_free) set to one day: the
    same periods, resolved once per text. Dates stay of their type (datetime64 as the warehouse
    gives them: no object per figure)."""
    text = (
        figures["measure_period"]
        if "measure_period" in figures
        else pd.Series([None] * len(figures))
    )
    text_codes, texts = pd.factorize(text, use_na_sentinel=False)
    free = np.array([isinstance(t, str) and publication_free(t) for t in texts], dtype=bool)[
        text_codes
    ]
    return pd.DataFrame(
        {
            "measure_period": text.to_numpy(),
            **{
                c: figures[c].where(~free, pd.Timestamp(ANY_DAY)).to_numpy()
                for c in PERIOD_COLUMNS[1:]
            },
        }
    )


PERIOD_BOUNDS = ("period_kind", "start_from", "start_to", "end_from", "end_to")


def period_columns(periods: Sequence) -> pd.DataFrame:
    """Each period's kind and the bounds of its ends as day numbers (proleptic ordinals); kind
    None for no period. Worked out once per distinct period."""
    period_codes, distinct = pd.factorize(pd.Series(periods, dtype=object))  # -1: no period
    return (
        pd.DataFrame(
            [(p.kind, *(day.toordinal() for day in (*p.start, *p.end))) for p in distinct]
            + [(None, 0, 0, 0, 0)],  # the last row, taken for no period
            columns=list(PERIOD_BOUNDS),
        )
        .iloc[period_codes]
        .reset_index(drop=True)
    )


def months(ordinals: pd.Series | np.ndarray) -> np.ndarray:
    """The months (counted from January 1970) of days given as proleptic ordinals."""
    days = (np.asarray(ordinals) - dt.date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    return days.astype("datetime64[M]").astype(np.int64)


def start_months(frame: pd.DataFrame, slack: int) -> pd.DataFrame:
    """The rows of a frame with period_columns, each repeated for every month its period can
    start in (its start, give or take slack days): a column month (see months)."""
    first = months(frame["start_from"] - slack)
    count = months(frame["start_to"] + slack) - first + 1
    long = frame.loc[frame.index.repeat(count)]
    starts = np.repeat(np.cumsum(count) - count, count)
    return long.assign(month=np.repeat(first, count) + np.arange(len(long)) - starts)


def aligned(
    left: pd.DataFrame | Mapping[str, np.ndarray],
    right: pd.DataFrame | Mapping[str, np.ndarray],
    slack: int,
) -> np.ndarray:
    """Period.aligns_with over two frames of period_columns (or mappings of their columns), row
    by row (the kinds are compared by the caller); slack in days."""

    def overlap(end: str) -> np.ndarray:
        a_from, a_to = np.asarray(left[f"{end}_from"]), np.asarray(left[f"{end}_to"])
        b_from, b_to = np.asarray(right[f"{end}_from"]), np.asarray(right[f"{end}_to"])
        return (a_from - slack <= b_to) & (b_from - slack <= a_to)

    return overlap("start") & overlap("end")


def joined(
    left: pd.DataFrame, right: pd.DataFrame, columns: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the pairs of a row of left and a row of right with equal values of
    columns (an inner join, without building the joined frame), in the order of left, then of
    right."""
    both = pd.concat([left[list(columns)], right[list(columns)]], ignore_index=True)
    keys, _ = codes(both, columns)
    return equal_keys(keys[: len(left)], keys[len(left) :])


def equal_keys(left_keys: np.ndarray, right_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the pairs of a key of left and an equal key of right (integers), in the
    order of left, then of right."""
    return in_ranges(left_keys, left_keys, right_keys)


def in_ranges(
    lows: np.ndarray, highs: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the pairs of a range (from lows to highs, both included) and a value in
    it (integers), in the order of the ranges, then of the values."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.searchsorted(ordered, lows, "left")
    count = np.maximum(np.searchsorted(ordered, highs, "right") - first, 0)
    range_at = np.repeat(np.arange(len(lows)), count)
    within = np.arange(len(range_at)) - np.repeat(np.cumsum(count) - count, count)
    return range_at, order[np.repeat(first, count) + within]


def dice(left: pd.Series, right: pd.Series, least: float) -> pd.DataFrame:
    """The Dice coefficient (2 shared / (size + size)) of each pair of a set of words of left and
    one of right, for the pairs that share a word and score at least `least`: columns left and
    right (positions) and score, in the order of left, then right. Each distinct pair of sets is
    scored once (_dice)."""
    left_codes, left_sets = pd.factorize(left)
    right_codes, right_sets = pd.factorize(right)
    scored = _dice(pd.Series(left_sets), pd.Series(right_sets), least)
    pairs = scored.merge(
        pd.DataFrame({"left": left_codes, "left_at": np.arange(len(left))}), on="left"
    ).merge(pd.DataFrame({"right": right_codes, "right_at": np.arange(len(right))}), on="right")
    pairs = pairs.iloc[np.lexsort((pairs["right_at"], pairs["left_at"]))]
    return pd.DataFrame(
        {
            "left": pairs["left_at"].to_numpy(),
            "right": pairs["right_at"].to_numpy(),
            "score": pairs["score"].to_numpy(),
        }
    )


def _dice(left: pd.Series, right: pd.Series, least: float) -> pd.DataFrame:
    """dice of two series of distinct sets."""

    def long(words: pd.Series) -> pd.DataFrame:
        exploded = words.reset_index(drop=True).map(tuple).explode().dropna()
        return pd.DataFrame({"at": exploded.index.to_numpy(), "word": exploded.to_numpy()})

    joined = long(left).merge(long(right), on="word", suffixes=("_left", "_right"))
    shared = joined.groupby(["at_left", "at_right"]).size()
    at_left, at_right = (shared.index.get_level_values(i).to_numpy() for i in (0, 1))
    sizes = left.map(len).to_numpy()[at_left] + right.map(len).to_numpy()[at_right]
    score = 2 * shared.to_numpy() / sizes
    keep = score >= least
    return pd.DataFrame({"left": at_left[keep], "right": at_right[keep], "score": score[keep]})


Sides = tuple[np.ndarray, pd.DataFrame]  # each figure's side id and the distinct sides


def among(sides: Sides, rows: np.ndarray) -> Sides:
    """The sides of some of the figures (rows: a mask or positions of them): their side ids,
    numbered again, and only their distinct sides."""
    side_ids, distinct = sides
    used, renumbered = np.unique(side_ids[rows], return_inverse=True)
    return renumbered, distinct.iloc[used].reset_index(drop=True)


def stacked(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames one below the other, the empty ones left out (their columns' types would
    otherwise count), or the first one when all are empty."""
    return pd.concat([frame for frame in frames if not frame.empty] or frames[:1])
