"""Changes against published data: a figure that states a change between two periods ("rose 25
percent in 2023 compared with 2022", "doubled in 2014 against 2013") is matched with two rows
of one reference series, its later and its earlier period, so that the warehouse compares the
stated change with the change the published values make (view reference_agreements): not a
lookup of one value, but the arithmetic of two.

A series is the rows of one reference table that count the same thing (the same what, of whom,
place and unit) over time; it is matched as core.matching matches one value (the same words,
place and kind of value), with its two rows aligned with the figure's two periods.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from core.matching import (
    MATCH_COLUMNS,
    MIN_SCORE,
    distinct_sides,
    places_agree,
    reference_side,
    stems,
)
from core.periods import SLACK, Period, text_periods
from core.sides import (
    PERIOD_BOUNDS,
    PERIOD_COLUMNS,
    Sides,
    aligned,
    among,
    codes,
    dated,
    dice,
    joined,
    months,
    per_distinct,
    period_columns,
    start_months,
)

CHANGE_COLUMNS = [*MATCH_COLUMNS, "earlier_row_id"]
# Words that say that a figure is a change, not what is counted (their stems)
RISE_WORDS = stems(
    "increase increased increases rise rises rose risen growth grew grow jump jumped surge surged "
    "up climb climbed soared doubled tripled"
)
FALL_WORDS = stems(
    "fall falls fell fallen decline declined decrease decreased drop dropped down slump "
    "slumped halved plunged shrank"
)
CHANGE_WORDS = RISE_WORDS | FALL_WORDS | stems("change changed")
LEVELS = ("count", "money")  # a series whose change a figure can state (not a rate's points)


def match_changes(
    figures: pd.DataFrame, references: pd.DataFrame, sides: Sides | None = None
) -> pd.DataFrame:
    """Matches of the figures that state a change between two periods (a percent or a multiple,
    its measure_period giving both: "2014 against 2013") with two rows of a reference series;
    `scale` is -1 for a percent fall ("fell 17 percent" against values that fell), else 1.

    Figures that state the same change (the same side and periods) are matched once (_found).
    sides: the figures' sides (core.matching.distinct_sides), when the caller has them already."""
    is_change = figures["kind"].isin(("percent", "multiplier")).to_numpy()
    changes = figures[is_change]
    rows = _series_rows(references.reset_index(drop=True))
    if changes.empty or rows.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    period_ids, periods = per_distinct(dated(changes), PERIOD_COLUMNS, change_periods)
    direction_ids, directions = per_distinct(changes, ("kind", "sentence"), _direction)
    scale = np.array(directions, dtype=object)[direction_ids]
    both = np.array([None not in pair for pair in periods], dtype=bool)[period_ids]
    known = both & pd.notna(scale)  # a change whose two periods and sign are known
    stated = changes[known]
    if stated.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    rows_stated = np.flatnonzero(is_change)[known]
    side_ids, distinct = distinct_sides(stated) if sides is None else among(sides, rows_stated)
    stated = pd.DataFrame(
        {
            "article_id": stated["article_id"].to_numpy(),
            "figure_id": stated["figure_id"].to_numpy(),
            "side": side_ids,
            "periods": period_ids[known],
            "scale": scale[known],
        }
    )
    key_ids, first = codes(stated, ("side", "periods"))
    keys = stated.iloc[first][["side", "periods"]].reset_index(drop=True)
    found = _found(keys, distinct, periods, rows)
    return (
        stated.assign(key=key_ids)
        .merge(found, on="key")
        .assign(scale=lambda frame: frame["scale"].astype(float))[CHANGE_COLUMNS]
    )


def _series_rows(references: pd.DataFrame) -> pd.DataFrame:
    """The reference rows of levels (counts or money), each with its series (the rows of one
    table of the same what, of whom, place and unit, numbered in the order they come first),
    period (period_columns) and the words and place of its series (its first row's)."""
    ref_sides = [reference_side(row) for row in references.to_dict("records")]
    rows = pd.DataFrame(
        {
            "row": range(len(references)),
            "row_id": references["row_id"],
            "reference_id": references["reference_id"],
            "what": references.get("what"),
            "of_whom": references.get("of_whom"),
            "row_period": references["period"],
            "level_words": [ref.words for ref in ref_sides],
            "level_place": [ref.place for ref in ref_sides],
            "quantity": [ref.quantity for ref in ref_sides],
        }
    ).join(period_columns([ref.period for ref in ref_sides]))
    levels = [quantity.split(":")[0] in LEVELS for quantity in rows["quantity"]]
    rows = rows[np.array(levels, dtype=bool)].reset_index(drop=True)
    series, first = codes(rows, ("reference_id", "what", "of_whom", "level_place", "quantity"))
    rows["series"] = series
    rows[["level_words", "level_place"]] = (
        rows[["level_words", "level_place"]].iloc[first[series]].to_numpy()
    )
    return rows


def _found(
    keys: pd.DataFrame, sides: pd.DataFrame, periods: list, rows: pd.DataFrame
) -> pd.DataFrame:
    """Each change's (a side and its two periods, keys) best series of each reference table: the
    most words shared (a series first in its table among the best), places that agree, a row
    of its later period and one of its earlier: columns key, row_id, earlier_row_id,
    reference_id, method, score and reason."""
    keys = keys.assign(
        key=range(len(keys)),
        words=sides["words"].to_numpy()[keys["side"]],
        place=sides["place"].to_numpy()[keys["side"]],
        later=[periods[i][0] for i in keys["periods"]],
        earlier=[periods[i][1] for i in keys["periods"]],
    )
    wordsets, sets = pd.factorize(keys["words"].map(lambda words: words - CHANGE_WORDS))
    keys["wordset"] = wordsets
    levels = rows.drop_duplicates("series")
    scored = dice(pd.Series(sets), levels["level_words"].reset_index(drop=True), MIN_SCORE)
    scored = pd.DataFrame(
        {
            "wordset": scored["left"],
            "series": levels["series"].to_numpy()[scored["right"]],
            "score": scored["score"],
        }
    ).merge(rows[["series", "row", "period_kind", *PERIOD_BOUNDS[1:]]], on="series")
    scored["month"] = months(scored["start_from"])
    now = _aligned_rows(keys, "later", scored)
    before = _aligned_rows(keys, "earlier", scored).drop(columns="score")
    pairs = now.merge(before, on=["key", "series"], suffixes=("", "_earlier"))
    pairs = pairs.merge(keys[["key", "words", "place", "later", "earlier"]], on="key")
    pairs = pairs.merge(levels[["series", "reference_id", "level_words", "level_place"]])
    places = ("place", "words", "level_place", "level_words")
    agree, said = per_distinct(pairs, places, places_agree)
    pairs = pairs[np.array(said, dtype=bool)[agree]]
    # Among series of one score, the first wins, or the last when the score rounds down: a
    # series replaced the best so far when its score was above the best's rounded score.
    rounds_down = pairs["score"].map(lambda score: round(score, 3) < score)
    pairs = pairs.assign(order=pairs["series"].where(~rounds_down, -pairs["series"]))
    best = pairs.sort_values(
        ["key", "reference_id", "score", "order"], ascending=[True, True, False, True]
    ).drop_duplicates(["key", "reference_id"])
    by_row = rows.set_index("row")
    best = best.assign(
        row_id=by_row["row_id"].reindex(best["row"]).to_numpy(),
        earlier_row_id=by_row["row_id"].reindex(best["row_earlier"]).to_numpy(),
        method="found",
        score=best["score"].map(lambda score: round(score, 3)),
        reason=[
            _reason(words - CHANGE_WORDS, level, later, earlier, now, before)
            for words, level, later, earlier, now, before in zip(
                best["words"],
                best["level_words"],
                best["later"],
                best["earlier"],
                by_row["row_period"].reindex(best["row"]),
                by_row["row_period"].reindex(best["row_earlier"]),
                strict=True,
            )
        ],
    )
    return best[["key", *(c for c in CHANGE_COLUMNS if c in best and c not in ("scale",))]]


def _reason(
    words: frozenset[str],
    level: frozenset[str],
    later: Period,
    earlier: Period,
    now: str,
    before: str,
) -> str:
    """Why a change was matched with two rows of a series, for review."""
    shared = sorted(words & level)
    return (
        f"found change: {len(shared)} word(s) shared ({', '.join(shared)}), period {later} "
        f"against {earlier}, rows {now} and {before}: review that both count the same"
    )


def _aligned_rows(keys: pd.DataFrame, which: str, scored: pd.DataFrame) -> pd.DataFrame:
    """For each change (keys) and each series scored for its words, the first row of the series
    whose period aligns with the change's later or earlier period (which): columns key,
    series, score and row."""
    bounds = period_columns(keys[which])
    candidates = start_months(keys[["key", "wordset"]].join(bounds), SLACK.days)
    at, row_at = joined(candidates, scored, ("wordset", "period_kind", "month"))
    ends = list(PERIOD_BOUNDS[1:])
    kept = aligned(candidates[ends].iloc[at], scored[ends].iloc[row_at], SLACK.days)
    at, row_at = at[kept], row_at[kept]
    pairs = pd.DataFrame(
        {
            "key": candidates["key"].to_numpy()[at],
            **{c: scored[c].to_numpy()[row_at] for c in ("series", "score", "row")},
        }
    )
    return pairs.groupby(["key", "series"], as_index=False).agg(
        score=("score", "first"), row=("row", "min")
    )


def change_periods(
    text: str | None, earliest: object, latest: object
) -> tuple[Period | None, Period | None]:
    """A change's later and earlier periods: both as its text gives them ("2014 against 2013"),
    or, for a change in one calendar year ("rose 25 percent in 2023"), that year against the
    year before, as news writes a yearly change."""
    published = (_day(earliest), _day(latest))
    later, earlier = text_periods(text, published)
    if later is not None and earlier is None and later.kind == "during":
        first, last = later.start[0], later.end[1]
        whole_year = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
        if later.start[0] == later.start[1] and later.end[0] == later.end[1] and whole_year:
            before = (first.replace(year=first.year - 1),) * 2
            earlier = Period("during", before, (last.replace(year=last.year - 1),) * 2)
    return later, earlier


def _direction(kind: str, sentence: str | None) -> float | None:
    """What a change's value is multiplied by to be signed: -1 when its sentence says a fall
    ("fell 17 percent"), 1 for a rise or a multiple; None for a percent whose sentence says both
    or neither (no way to tell its sign)."""
    if kind == "multiplier":
        return 1.0
    words = stems(sentence or "")
    rise, fall = bool(words & RISE_WORDS), bool(words & FALL_WORDS)
    return None if rise == fall else (-1.0 if fall else 1.0)


def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()
