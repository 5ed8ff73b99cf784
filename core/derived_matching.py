"""Derived metrics against published data: the baseline a change implies ("+116 percent" to 1,200
in 2014 implies 555.6 in 2013: derived metric implied_baseline, warehouse/derived/
implied_baselines.sql) is matched with the reference row of its period, so that the warehouse
compares the two (view reference_agreements).

A metric has no period of its own; an implied baseline's is the earlier period of its change
(the relation's subject): both as its text gives them ("2014 against 2013"), or a change in one
calendar year against the year before (core.change_matching.change_periods). Its row is found
through the value after the change (the relation's object), matched with a row of a reference
series (core.matching, by curated measure id or found) whose period is the change's later one:
the row of the same series (the rows of that measure id, or of one table's same what, of whom,
place and unit) whose period is the earlier one.

Precision first: no match when the change gives no earlier period, when the object's row is not
of the change's later period, or when the object is no level (a count or money). A match is
certain (method measure_id) only when the object's row is matched by curated measure id and the
relation is curated; else it is found by the machine, and its disagreement only warns.
"""

from __future__ import annotations

import pandas as pd

from core.anchors import ReferenceRows, figure_records, value_matches
from core.change_matching import LEVELS, change_periods
from core.matching import MATCH_COLUMNS

DERIVED_COLUMNS = [*MATCH_COLUMNS, "metric_id"]
BASELINE_TYPES = ("percent_change", "multiple_of")
# A series: the rows of one table of one curated measure id, else of one what, of whom, place
# and unit
BY_MEASURE_ID = ("reference_id", "measure_id", "unit")
BY_WORDS = ("reference_id", "what", "of_whom", "place", "unit")


def match_baselines(
    figures: pd.DataFrame,
    references: pd.DataFrame,
    matches: pd.DataFrame,
    relations: pd.DataFrame,
) -> pd.DataFrame:
    """Matches of the implied baselines of changes with the reference row of their earlier
    period: `metric_id` the metric, `figure_id` the change that implies it, `row_id` the row.
    figures: rows of figures with their article's publication dates; references: rows of
    reference_values; matches: the figures' matches with single values
    (core.matching.match_figures); relations: the relations in use, each with its implied
    baseline's metric_id (columns article_id, type, subject_id, object_id, origin, metric_id)."""
    changes = relations[relations["type"].isin(BASELINE_TYPES) & relations["metric_id"].notna()]
    wanted = changes[["article_id", "object_id"]].set_axis(["article_id", "figure_id"], axis=1)
    anchors = value_matches(figures, matches, wanted).rename(
        columns={"figure_id": "object_id", "method": "anchor_method"}
    )
    pairs = changes[["article_id", "subject_id", "object_id", "origin", "metric_id"]].merge(
        anchors, on=["article_id", "object_id"]
    )
    if pairs.empty or references.empty:
        return pd.DataFrame(columns=DERIVED_COLUMNS)
    said = figure_records(
        figures, pairs[["article_id", "subject_id"]].set_axis(["article_id", "figure_id"], axis=1)
    )
    table = ReferenceRows(references)
    found = []
    for pair in pairs.itertuples(index=False):
        change = said[pair.article_id, pair.subject_id]
        later, earlier = change_periods(
            change.get("measure_period"), change["published_earliest"], change["published_latest"]
        )
        at = table.position[pair.row_id]
        anchor_side = table.side(at)
        if later is None or earlier is None or not later.aligns_with(anchor_side.period):
            continue
        if anchor_side.quantity.split(":")[0] not in LEVELS:
            continue
        certain = pair.anchor_method == "measure_id" and pair.origin == "curated"
        series = BY_MEASURE_ID if pair.anchor_method == "measure_id" else BY_WORDS
        before = [i for i in table.alike(at, series) if table.side(i).period.aligns_with(earlier)]
        if before:
            row = table.rows[before[0]]
            reason = (
                f"baseline implied by {pair.subject_id!r}: the value after the change, "
                f"{pair.object_id!r}, is matched with row {pair.row_id} ({pair.reason}); the "
                f"row of its series for the earlier period {earlier} is {row['row_id']} "
                f"({row['period']})"
            )
            found.append(
                (pair.article_id, pair.subject_id, row["row_id"], row["reference_id"])
                + ("measure_id" if certain else "found", pair.score, reason, 1.0, pair.metric_id)
            )
    return pd.DataFrame(found, columns=DERIVED_COLUMNS)
