"""The baseline a change implies against the published row of its earlier period
(core.derived_matching)."""

from __future__ import annotations

import pandas as pd

from core.derived_matching import match_baselines


def row(number: int, period: str, value: float, measure_id: str | None = None) -> dict:
    return {
        "row_id": f"t:{number}", "reference_id": "t", "measure_id": measure_id,
        "what": "timber exports", "of_whom": None, "place": "Ruritania", "period": period,
        "period_kind": "during", "period_start": f"{period}-01-01",
        "period_end": f"{period}-12-31", "value": value, "unit": "tonnes",
    }  # fmt: skip


REFERENCES = pd.DataFrame([row(1, "2021", 900), row(2, "2022", 1000), row(3, "2023", 1250)])


def figure(figure_id: str, kind: str, period: str | None, **more) -> dict:
    return {
        "article_id": "a", "figure_id": figure_id, "start": 0, "sentence": "", "kind": kind,
        "unit": {"count": "tonnes", "percent": "percent"}.get(kind, "times"),
        "measure_id": None, "measure_what": "Ruritania's timber exports",
        "measure_of_whom": None, "measure_where": None, "measure_period": period,
        "published_earliest": "2024-03-05", "published_latest": "2024-03-05", **more,
    }  # fmt: skip


LEVEL = figure("level", "count", "in 2023")


def matched(
    change: dict,
    *more: dict,
    anchor: str = "t:3",
    method: str = "found",
    origin: str = "found",
    metric: str | None = "a:r:implied_baseline",
    object_id: str = "level",
    references: pd.DataFrame = REFERENCES,
) -> list[tuple]:
    """The baseline matches of change's relation to object_id, the figure "level" matched with
    the anchor row by method (score 0.9)."""
    figures = pd.DataFrame([LEVEL, change, *more])
    matches = pd.DataFrame(
        [{"article_id": "a", "figure_id": "level", "row_id": anchor, "reference_id": "t",
          "method": method, "score": 0.9, "reason": "found: words", "scale": 1.0}]
    )  # fmt: skip
    relations = pd.DataFrame(
        [{"article_id": "a", "type": "percent_change", "subject_id": change["figure_id"],
          "object_id": object_id, "origin": origin, "base_ambiguous": False,
          "metric_id": metric}]
    )  # fmt: skip
    rows = match_baselines(figures, references, matches, relations)
    return [(r.metric_id, r.figure_id, r.row_id, r.method, r.score) for r in rows.itertuples()]


def test_a_yearly_changes_baseline_is_matched_with_the_year_before() -> None:
    rose = figure("rose", "percent", "in 2023")
    assert matched(rose) == [("a:r:implied_baseline", "rose", "t:2", "found", 0.9)]
    stated = figure("stated", "percent", "2023 against 2021")
    assert matched(stated) == [("a:r:implied_baseline", "stated", "t:1", "found", 0.9)]


def test_certain_only_when_the_anchor_is_a_curated_measure_and_the_relation_curated() -> None:
    rose = figure("rose", "percent", "in 2023")
    curated = REFERENCES.assign(measure_id="timber")
    said = [matched(rose, method="measure_id", origin=o, references=curated)[0][3]
            for o in ("curated", "found")]  # fmt: skip
    assert said == ["measure_id", "found"]


def test_a_restatement_of_the_level_is_anchored_by_its_match() -> None:
    rose = figure("rose", "percent", "in 2023")
    again = dict(LEVEL, figure_id="again")  # states the same: core.matching matched it once
    assert [m[2] for m in matched(rose, again, object_id="again")] == ["t:2"]


def test_no_match_without_an_earlier_period_of_the_anchors_series() -> None:
    assert matched(figure("since", "percent", "since 2022")) == []  # no earlier period
    assert matched(figure("rose", "percent", "in 2023"), anchor="t:2") == []  # not 2023's row
    assert matched(figure("rose", "percent", "in 2021"), anchor="t:1") == []  # 2020: no row
    assert matched(figure("rose", "percent", "in 2023"), metric=None) == []  # no metric
