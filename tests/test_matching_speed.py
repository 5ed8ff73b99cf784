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
    ("given_sides", "warehouse_dates"),
    [(False, False), (True, False), (True, True)],
    ids=["own sides", "sides given", "sides given, dates as the warehouse gives them"],
)
def test_generated_outputs_are_those_of_the_figure_by_figure_code(
    given_sides: bool, warehouse_dates: bool
) -> None:
    """The same whether each function works out the figures' sides or is given them (as the
    pipeline gives them, worked out once: core/derivation.py), with publication dates as
    datetime.date objects or as the datetime64 columns DuckDB gives the pipeline."""
    rng = np.random.default_rng(1)
    refs = references(10_000, rng)
    frame = figures(500, refs, rng)
    if warehouse_dates:
        dates = ["published_earliest", "published_latest"]
        frame[dates] = frame[dates].astype("datetime64[us]")
        assert frame["published_earliest"].dtype == "datetime64[us]"
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
