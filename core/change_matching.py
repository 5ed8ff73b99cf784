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
from collections import defaultdict

import pandas as pd

from core.matching import (
    MATCH_COLUMNS,
    MIN_SCORE,
    Side,
    figure_side,
    reference_side,
    same_place,
    stems,
)
from core.periods import Period, text_periods

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


def match_changes(figures: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """Matches of the figures that state a change between two periods (a percent or a multiple,
    its measure_period giving both: "2014 against 2013") with two rows of a reference series;
    `scale` is -1 for a percent fall ("fell 17 percent" against values that fell), else 1."""
    series: dict[tuple, list[tuple[dict, Side]]] = defaultdict(list)
    for row in references.to_dict("records"):
        side = reference_side(row)
        if side.quantity.split(":")[0] in LEVELS:
            key = (
                row["reference_id"],
                row.get("what"),
                row.get("of_whom"),
                side.place,
                side.quantity,
            )
            series[key].append((row, side))
    matches = []
    for figure in figures.to_dict("records"):
        if figure["kind"] not in ("percent", "multiplier") or series == {}:
            continue
        later, earlier = _periods(figure)
        direction = _direction(figure)
        if later is None or earlier is None or direction is None:
            continue
        side = figure_side(figure)
        words = side.words - CHANGE_WORDS
        best: dict[str, dict] = {}
        for (reference_id, *_), rows in series.items():
            level = rows[0][1]
            shared = words & level.words
            score = 2 * len(shared) / (len(words) + len(level.words)) if words else 0
            if score < MIN_SCORE or score <= best.get(reference_id, {}).get("score", 0):
                continue
            if not same_place(side, level):
                continue
            now = next((row for row, ref in rows if later.aligns_with(ref.period)), None)
            before = next((row for row, ref in rows if earlier.aligns_with(ref.period)), None)
            if now is None or before is None:
                continue
            best[reference_id] = {
                "article_id": figure["article_id"],
                "figure_id": figure["figure_id"],
                "row_id": now["row_id"],
                "earlier_row_id": before["row_id"],
                "reference_id": reference_id,
                "method": "found",
                "score": round(score, 3),
                "reason": (
                    f"found change: {len(shared)} word(s) shared ({', '.join(sorted(shared))}), "
                    f"period {later} against {earlier}, rows {now['period']} and "
                    f"{before['period']}: review that both count the same"
                ),
                "scale": direction,
            }
        matches += best.values()
    return pd.DataFrame(matches, columns=CHANGE_COLUMNS)


def _periods(figure: dict) -> tuple[Period | None, Period | None]:
    """A change's later and earlier periods: both as its text gives them ("2014 against 2013"),
    or, for a change in one calendar year ("rose 25 percent in 2023"), that year against the
    year before, as news writes a yearly change."""
    published = (_day(figure["published_earliest"]), _day(figure["published_latest"]))
    later, earlier = text_periods(figure.get("measure_period"), published)
    if later is not None and earlier is None and later.kind == "during":
        first, last = later.start[0], later.end[1]
        whole_year = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
        if later.start[0] == later.start[1] and later.end[0] == later.end[1] and whole_year:
            before = (first.replace(year=first.year - 1),) * 2
            earlier = Period("during", before, (last.replace(year=last.year - 1),) * 2)
    return later, earlier


def _direction(figure: dict) -> float | None:
    """What a change's value is multiplied by to be signed: -1 when its sentence says a fall
    ("fell 17 percent"), 1 for a rise or a multiple; None for a percent whose sentence says both
    or neither (no way to tell its sign)."""
    if figure["kind"] == "multiplier":
        return 1.0
    words = stems(figure.get("sentence") or "")
    rise, fall = bool(words & RISE_WORDS), bool(words & FALL_WORDS)
    return None if rise == fall else (-1.0 if fall else 1.0)


def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()
