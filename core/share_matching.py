"""Shares against a published part and whole: a figure that is a share of a whole ("one fifth of
them", "40 percent of the 1,200": the subject of a share_of relation, curated or found by the
machine) is matched with two rows of one reference table, of one place, period and unit, so that
the warehouse compares it with part / whole (view reference_agreements):

- the whole's row: the row its whole figure (the relation's object) is matched with as a value
  (core.matching, by curated measure id or found);
- the part's row: another row of that table, place, period and unit, whose words add to the
  whole row's what the share's words add to its whole's ("recent converts to Islam among" the
  people linked to the networks), scored as core.matching scores words (Dice coefficient of the
  added stems, at least MIN_SCORE).

Precision first, a false alarm costing more than a miss: no match when the text's base may not
be the whole figure (base_ambiguous), when the share adds no word to its whole or a row none to
the whole's row, when a part's value exceeds the whole's, when two rows tie as the best part,
when the share states a period that is not the rows' or a place that is not theirs. A share's
part is always found by the machine (method found): its disagreement only warns.
"""

from __future__ import annotations

import pandas as pd

from core.anchors import ReferenceRows, figure_records, value_matches
from core.change_matching import LEVELS  # what a whole can count: a level, not a rate
from core.matching import MATCH_COLUMNS, MIN_SCORE, figure_side, same_place

SHARE_COLUMNS = [*MATCH_COLUMNS, "whole_row_id"]
# A share's kinds, and what its value is multiplied by to be a percent (part / whole x 100)
SHARE_SCALES = {"ratio": 100.0, "percent": 1.0}


def match_shares(
    figures: pd.DataFrame,
    references: pd.DataFrame,
    matches: pd.DataFrame,
    relations: pd.DataFrame,
) -> pd.DataFrame:
    """Matches of the shares of share_of relations with a part's row (`row_id`) and a whole's
    (`whole_row_id`) of one reference table; `scale` makes the share a percent (100 for "one
    fifth"). figures: rows of figures with their article's publication dates; references: rows
    of reference_values; matches: the figures' matches with single values
    (core.matching.match_figures); relations: the relations in use (columns article_id, type,
    subject_id, object_id, base_ambiguous)."""
    shares = relations[
        (relations["type"] == "share_of") & ~relations["base_ambiguous"].astype(bool)
    ]
    wanted = shares[["article_id", "object_id"]].set_axis(["article_id", "figure_id"], axis=1)
    wholes = value_matches(figures, matches, wanted).rename(
        columns={"figure_id": "object_id", "row_id": "whole_row_id"}
    )
    pairs = shares[["article_id", "subject_id", "object_id"]].merge(
        wholes, on=["article_id", "object_id"]
    )
    if pairs.empty or references.empty:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    named = pd.concat(
        [pairs[["article_id", role]].set_axis(["article_id", "figure_id"], axis=1)
         for role in ("subject_id", "object_id")]
    )  # fmt: skip
    said = figure_records(figures, named)
    table = ReferenceRows(references)
    found = []
    for pair in pairs.itertuples(index=False):
        share, whole = said[pair.article_id, pair.subject_id], said[pair.article_id, pair.object_id]
        if share["kind"] not in SHARE_SCALES:
            continue
        part = _part(share, whole, table, pair.whole_row_id)
        if part is not None:
            row, score, added = part
            reason = (
                f"share of a whole: the part's row {row['row_id']} adds ({', '.join(added)}) to "
                f"the whole's row {pair.whole_row_id}, as the share adds them to its whole "
                f"{pair.object_id!r} (matched with that row: {pair.reason}); period "
                f"{row['period']}: review that the part and the whole are the share's"
            )
            found.append(
                (pair.article_id, pair.subject_id, row["row_id"], row["reference_id"], "found")
                + (round(min(score, pair.score), 3), reason, SHARE_SCALES[share["kind"]])
                + (pair.whole_row_id,)
            )
    return pd.DataFrame(found, columns=SHARE_COLUMNS)


# A part and its whole are rows of one table, period, place and unit
ALIKE = ("reference_id", "period_kind", "period_start", "period_end", "place", "unit")


def _part(
    share: dict, whole: dict, table: ReferenceRows, whole_row_id: str
) -> tuple[dict, float, list[str]] | None:
    """The part's row of a share whose whole figure is matched with whole_row_id, its score and
    the words it adds to the whole's row as the share adds them to its whole; None when no row
    is surely the part (see the module)."""
    at = table.position[whole_row_id]
    whole_row, whole_side = table.rows[at], table.side(at)
    share_side = figure_side(share)
    if whole_side.quantity.split(":")[0] not in LEVELS or not whole_row["value"] > 0:
        return None
    if not same_place(share_side, whole_side):
        return None
    period = share_side.period  # as of its publication when its text gives none: then the rows'
    if pd.notna(share.get("measure_period")) and not (
        period and period.aligns_with(whole_side.period)
    ):
        return None
    added = share_side.words - figure_side(whole).words
    scored = []
    for position in table.alike(at, ALIKE):
        row = table.rows[position]
        if not 0 <= row["value"] <= whole_row["value"]:
            continue
        extra = table.side(position).words - whole_side.words
        if added & extra:
            scored.append((_dice(added, extra), position, sorted(added & extra)))
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < MIN_SCORE or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    score, position, shared = scored[0]
    return table.rows[position], score, shared


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))
