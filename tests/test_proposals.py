"""Shared measures proposed across articles nobody curated: the same found measure (words, place,
kind of value, period) in two articles is proposed as one, compared, and only warns."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from tests.conftest import described
from tests.test_pipeline import outcomes

ARTICLE = """---
title: {title}
outlet: {outlet}
published: {published}
language: en
---
{body}
"""


def write(folder: Path, name: str, outlet: str, published: str, body: str) -> None:
    text = ARTICLE.format(
        title=f"Jobs data from {outlet}", outlet=outlet, published=published, body=body
    )
    (folder / f"{name}.md").write_text(text, encoding="utf-8")


def test_one_measure_in_two_articles_is_proposed_and_their_disagreement_warns(
    articles_dir, run_pipeline, query
):
    for path in articles_dir.iterdir():  # only the articles below, none curated
        path.unlink()
    write(
        articles_dir,
        "a-jobs",
        "Daily Example",
        "2024-04-03",
        "The unemployment rate in Ruritania rose to 7.2 percent in March, the office said.",
    )
    write(
        articles_dir,
        "b-jobs",
        "Example Times",
        "2024-04-05",
        "The unemployment rate in Ruritania reached 8.1 percent in March, figures show.",
    )
    write(
        articles_dir,
        "c-jobs",
        "Example Post",
        "2024-04-09",
        "The unemployment rate in Ruritania stood at 8.1 percent in March.",
    )
    write(
        articles_dir,
        "d-jobs",
        "Example Post",
        "2024-03-09",  # another period: February
        "The unemployment rate in Ruritania was 6.9 percent in February.",
    )
    result = run_pipeline()
    members = query("SELECT article_id, proposal_id FROM measure_proposals ORDER BY article_id")
    assert [article for article, _ in members] == ["a-jobs", "b-jobs", "c-jobs"]
    assert len({proposal for _, proposal in members}) == 1
    # a chain by publication date: a against b disagrees, b against c agrees
    assert query(
        "SELECT earlier_article_id, article_id, severity FROM proposed_measure_agreements "
        "ORDER BY article_id"
    ) == [("a-jobs", "b-jobs", "warn"), ("b-jobs", "c-jobs", "ok")]
    check = outcomes(result)["measure_proposals", "sources_agree_on_proposed_measures"]
    assert check.severity == dg.AssetCheckSeverity.WARN
    said = described(check)
    assert "proposed as one measure" in said and "'7.2 percent'" in said and "review" in said
    verdicts = dict(query("SELECT article_id, verdict FROM figures"))
    assert verdicts == {
        "a-jobs": "contradicted",
        "b-jobs": "contradicted",
        "c-jobs": "holds",
        "d-jobs": "unchecked",
    }
