"""Matching over distinct sides with pandas (issue 17: the speed of matching) gives what the
figure-by-figure code gave: on a small generated set (benchmarks/matching_speed.py, seed 1:
500 articles, 10,000 reference rows), the row counts and a digest of the sorted outputs of
match_figures, match_changes and propose_shared_measures are those the code before the
speed-up computed (commits 7867472 and, for proposals, 15831f1), or, for found matches and the
words of proposals, those of the scoring by a figure's sentence (session 22) that replaced it."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from benchmarks.matching_speed import figures, ordered, references
from core.change_matching import match_changes
from core.derivation import shared_strings
from core.matching import distinct_sides, match_figures
from core.proposals import propose_shared_measures

# changes by the code of commit 7867472 (one figure at a time), the same generated set;
# proposals by the figure-by-figure code of commit 15831f1 (which proposes no one-word measure
# and none without a stated place and period: 204, "958144b1f009ad1c"), their reasons' words
# since read with core/words.py's synonyms ("children" as "child"); found matches by the
# scoring by sentence words of session 22 (before it, 3107 rows, "907f2b6a873467f2")
BEFORE = {
    "matches": (3437, "6c65476f24c63f8c"),
    "changes": (16, "4c63e29e0be4486e"),
    "proposals": (204, "8e181409f5de497d"),
}


def digest(frame: pd.DataFrame) -> str:
    """The first 16 hex digits of the SHA-256 of a frame's rows, sorted, as CSV."""
    return hashlib.sha256(ordered(frame).to_csv(index=False).encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    ("given_sides", "warehouse_dates", "shared"),
    [(False, False, False), (True, False, False), (True, True, False), (True, True, True)],
    ids=[
        "own sides",
        "sides given",
        "sides given, dates as the warehouse gives them",
        "as the pipeline gives them: warehouse dates, equal strings one object",
    ],
)
def test_generated_outputs_are_those_of_the_figure_by_figure_code(
    given_sides: bool, warehouse_dates: bool, shared: bool
) -> None:
    """The same whether each function works out the figures' sides or is given them (as the
    pipeline gives them, worked out once: core/derivation.py), with publication dates as
    datetime.date objects or as the datetime64 columns DuckDB gives the pipeline, and with the
    equal strings of a column one object (core.derivation.shared_strings)."""
    rng = np.random.default_rng(1)
    refs = references(10_000, rng)
    frame = figures(500, refs, rng)
    if warehouse_dates:
        dates = ["published_earliest", "published_latest"]
        frame[dates] = frame[dates].astype("datetime64[us]")
        assert frame["published_earliest"].dtype == "datetime64[us]"
    if shared:
        frame = shared_strings(frame)
    sides = distinct_sides(frame) if given_sides else None
    outputs = {
        "matches": match_figures(frame, refs, sides),
        "changes": match_changes(frame, refs, sides),
        "proposals": propose_shared_measures(frame, sides),
    }
    assert {name: (len(out), digest(out)) for name, out in outputs.items()} == BEFORE


def test_a_change_in_one_year_is_matched_with_its_year_and_the_year_before() -> None:
    rng = np.random.default_rng(1)
    refs = references(10_000, rng)
    changes = match_changes(figures(500, refs, rng), refs)
    years = refs.set_index("row_id")["period"]
    later = years.reindex(changes["row_id"]).astype(int).to_numpy()
    earlier = years.reindex(changes["earlier_row_id"]).astype(int).to_numpy()
    assert len(changes) and (later - earlier == 1).all()
    assert set(changes["scale"]) == {1.0, -1.0}


def test_shared_strings_keep_values_dtypes_and_nulls_with_one_object_per_value() -> None:
    """Equal strings of a column become one object; values, nulls and other columns stay."""
    frame = pd.DataFrame(
        {
            "article_id": ["".join(["a", "1"]), "".join(["a", "1"]), "b2", None],
            "kind": ["count", None, "".join(["co", "unt"]), "percent"],
            "value": [1.0, 2.0, np.nan, 4.0],
        }
    )
    assert frame.at[0, "article_id"] is not frame.at[1, "article_id"]  # as DuckDB gives them
    before = frame.copy()
    shared = shared_strings(frame)
    pd.testing.assert_frame_equal(shared, before)
    assert shared.at[0, "article_id"] is shared.at[1, "article_id"]
    assert shared.at[0, "kind"] is shared.at[2, "kind"]
    assert shared.at[3, "article_id"] is None and shared.at[1, "kind"] is None
