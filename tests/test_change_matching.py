"""A stated change against the change two published values make (core.change_matching)."""

from __future__ import annotations

import pandas as pd

from core.change_matching import match_changes

REFERENCES = pd.DataFrame(
    [
        {"row_id": "t:2", "reference_id": "t", "what": "timber exports", "of_whom": None,
         "place": "Ruritania", "period": "2022", "period_kind": "during",
         "period_start": "2022-01-01", "period_end": "2022-12-31", "value": 1000.0,
         "unit": "tonnes"},
        {"row_id": "t:3", "reference_id": "t", "what": "timber exports", "of_whom": None,
         "place": "Ruritania", "period": "2023", "period_kind": "during",
         "period_start": "2023-01-01", "period_end": "2023-12-31", "value": 1250.0,
         "unit": "tonnes"},
    ]
)  # fmt: skip


def figure(quote: str, kind: str, sentence: str, period: str | None, **more) -> dict:
    return {
        "article_id": "a", "figure_id": quote, "start": 0, "sentence": sentence, "kind": kind,
        "unit": "percent" if kind == "percent" else "times", "measure_id": None,
        "measure_what": "Ruritania's timber exports", "measure_of_whom": None,
        "measure_where": None, "measure_period": period, "published_earliest": "2024-03-01",
        "published_latest": "2024-03-31", **more,
    }  # fmt: skip


def matched(*figures: dict) -> dict[str, tuple]:
    rows = match_changes(pd.DataFrame(list(figures)), REFERENCES)
    return {r.figure_id: (r.row_id, r.earlier_row_id, r.scale) for r in rows.itertuples()}


def test_a_yearly_change_is_matched_with_its_year_and_the_year_before() -> None:
    rose = figure("25 percent", "percent", "Timber exports rose 25 percent in 2023.", "in 2023")
    assert matched(rose) == {"25 percent": ("t:3", "t:2", 1.0)}


def test_both_periods_stated_and_a_fall_is_signed() -> None:
    fell = figure("20 percent", "percent", "Timber exports fell 20 percent.", "2022 against 2023")
    assert matched(fell) == {"20 percent": ("t:2", "t:3", -1.0)}


def test_no_match_without_a_sign_a_second_period_or_a_series_of_the_same_words() -> None:
    unsigned = figure("25 percent", "percent", "Timber exports were 25 percent.", "in 2023")
    one_period = figure("9 percent", "percent", "Exports rose 9 percent.", "since 2022")
    other = figure("7 percent", "percent", "Coal output rose 7 percent.", "in 2023",
                   measure_what="Ruritania's coal output")  # fmt: skip
    assert matched(unsigned, one_period, other) == {}


def test_a_multiple_is_the_ratio_of_the_two_values() -> None:
    doubled = figure("doubled", "multiplier", "Timber exports doubled.", "2023 vs 2022")
    assert matched(doubled) == {"doubled": ("t:3", "t:2", 1.0)}
