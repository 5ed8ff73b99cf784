"""Open intervals and fault isolation: hedged figures ("at least", "more than", ...) carry
infinite bounds through the interval arithmetic of warehouse/macros/10_intervals.sql without a
NaN, for every pair of qualifiers and every relation type; a derived row that still breaks a
rule is held back with its article, and the other articles are published."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
from conftest import COUNCIL_ARTICLE

from benchmarks.hostile import article, figures_file

WOMEN_BODY = "At least 100 women left. Officials said more than 100 women left.\n"
WOMEN = (
    {"id": "at_least", "quote": "At least 100", "value": "100", "kind": "count",
     "unit": "women", "qualifier": "at_least", "what": "women who left"},
    {"id": "more_than", "quote": "more than 100", "value": "100", "kind": "count",
     "unit": "women", "qualifier": "more_than", "what": "women who left"},
)  # fmt: skip
SAME_WOMEN = {"id": "same_women", "type": "same_quantity", "subject": "at_least",
              "object": "more_than"}  # fmt: skip
RISE_BODY = "Arrivals rose more than 50 percent. More than 1,000 arrived this year.\n"
RISE = (
    {"id": "rise", "quote": "more than 50 percent", "value": "50", "kind": "percent",
     "unit": "percent", "qualifier": "more_than", "what": "rise in arrivals"},
    {"id": "arrivals", "quote": "More than 1,000", "value": "1000", "kind": "count",
     "unit": "people", "qualifier": "more_than", "what": "arrivals this year"},
)  # fmt: skip
RISE_OF_ARRIVALS = {"id": "rise_of_arrivals", "type": "percent_change", "subject": "rise",
                    "object": "arrivals"}  # fmt: skip


def outcomes(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
    return {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in result.get_asset_check_evaluations()
    }


def write_hedged(folder: Path, name: str, body: str, figures: tuple, relation: dict) -> None:
    (folder / f"{name}.md").write_text(article(name, body), encoding="utf-8")
    (folder / f"{name}.figures.yaml").write_text(
        figures_file(figures, (relation,)), encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("name", "body", "figures", "relation"),
    [
        ("women", WOMEN_BODY, WOMEN, SAME_WOMEN),
        ("arrivals", RISE_BODY, RISE, RISE_OF_ARRIVALS),
    ],
)
def test_hedged_figures_are_derived_without_nan_and_the_warehouse_is_published(
    name, body, figures, relation, articles_dir, run_pipeline, query
):
    write_hedged(articles_dir, name, body, figures, relation)
    (articles_dir / "council.md").write_text(COUNCIL_ARTICLE, encoding="utf-8")
    for _ in range(2):  # and the next run too
        result = run_pipeline(reprocess_all=True)
        assert result.success
        assert outcomes(result)["derived_metrics", "derived_metrics_match_schema"].passed
        materialized = {
            e.asset_key.to_user_string() for e in result.get_asset_materialization_events()
        }
        assert "published_warehouse" in materialized
    assert query("SELECT count(*) FROM articles WHERE article_id IN (?, 'council')", [name]) == [
        (2,)
    ]
    rows = query(
        "SELECT metric, value, lower, upper, severity FROM derived_metrics WHERE article_id = ?",
        [name],
    )
    assert rows
    for _metric, value, lower, upper, _severity in rows:
        assert lower <= value <= upper  # False for any NaN
    assert query("SELECT count(*) FROM quarantine WHERE article_id = ?", [name]) == [(0,)]
