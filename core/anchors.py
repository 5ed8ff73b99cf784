"""What relations are matched through: the reference rows a relation's figure is matched with as a
value (core.matching), the anchor from which a share's part and whole (core.share_matching) or a
change's earlier value (core.derived_matching) are found in the same reference table."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from core.matching import Side, reference_side
from core.sides import codes

# What a figure states, as matching reads it: figures of one article equal in all of these are
# matched once (core.matching), and share that match
STATES = (
    "measure_id",
    "measure_what",
    "measure_of_whom",
    "measure_where",
    "measure_period",
    "kind",
    "unit",
)
ANCHOR_COLUMNS = ["article_id", "figure_id", "row_id", "reference_id", "method", "score", "reason"]


def value_matches(
    figures: pd.DataFrame, matches: pd.DataFrame, wanted: pd.DataFrame
) -> pd.DataFrame:
    """The matches with one reference value in its own unit (scale 1; not a change between two
    rows) of each figure wanted (columns article_id, figure_id): its own, or those of the
    figure of its article that states the same (core.matching matches an article's figures that
    state the same once). Columns ANCHOR_COLUMNS."""
    plain = matches[(matches["scale"] == 1) & _no_other_row(matches)]
    plain = plain[plain["article_id"].isin(wanted["article_id"])]
    if plain.empty:
        return pd.DataFrame(columns=ANCHOR_COLUMNS)
    named = pd.concat([wanted[["article_id", "figure_id"]], plain[["article_id", "figure_id"]]])
    some = figures[figures["article_id"].isin(named["article_id"])].merge(named.drop_duplicates())
    keyed = some[["article_id", "figure_id"]].assign(key=codes(some, ("article_id", *STATES))[0])
    matched = plain[ANCHOR_COLUMNS].merge(keyed, on=["article_id", "figure_id"])
    anchors = keyed.merge(wanted[["article_id", "figure_id"]].drop_duplicates()).merge(
        matched.drop(columns=["article_id", "figure_id"]), on="key"
    )
    return anchors[ANCHOR_COLUMNS].drop_duplicates(["article_id", "figure_id", "row_id"])


def _no_other_row(matches: pd.DataFrame) -> pd.Series:
    """Matches of one row: no earlier row (a change), no whole (a share)."""
    alone = pd.Series(True, index=matches.index)
    for column in ("earlier_row_id", "whole_row_id", "metric_id"):
        if column in matches:
            alone &= matches[column].isna()
    return alone


def figure_records(figures: pd.DataFrame, wanted: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """The figures (rows of figures with their article's publication dates) named by wanted
    (columns article_id, figure_id), by article and id."""
    theirs = figures[figures["article_id"].isin(wanted["article_id"])]
    named = theirs.merge(wanted[["article_id", "figure_id"]].drop_duplicates())
    return {(f["article_id"], f["figure_id"]): f for f in named.to_dict("records")}


class ReferenceRows:
    """The reference rows (of reference_values) by position and id, their sides (read once, when
    first needed), and the rows alike in some columns."""

    def __init__(self, references: pd.DataFrame) -> None:
        self.rows = references.reset_index(drop=True).to_dict("records")
        self.position = {row["row_id"]: i for i, row in enumerate(self.rows)}
        self._sides: dict[int, Side] = {}
        self._groups: dict[tuple[str, ...], dict[tuple, list[int]]] = {}

    def side(self, position: int) -> Side:
        """What the row at position states (core.matching.reference_side)."""
        if position not in self._sides:
            self._sides[position] = reference_side(self.rows[position])
        return self._sides[position]

    def alike(self, position: int, columns: tuple[str, ...]) -> list[int]:
        """The positions of the other rows whose values of columns are the row's (words in any
        case, a missing value equal to a missing value), in the table's order."""
        if columns not in self._groups:
            groups: dict[tuple, list[int]] = defaultdict(list)
            for i, row in enumerate(self.rows):
                groups[_key(row, columns)].append(i)
            self._groups[columns] = groups
        return [
            i for i in self._groups[columns][_key(self.rows[position], columns)] if i != position
        ]


def _key(row: dict, columns: tuple[str, ...]) -> tuple:
    values = [None if pd.isna(row.get(c)) else row.get(c) for c in columns]
    return tuple(v.strip().lower() if isinstance(v, str) else v for v in values)
