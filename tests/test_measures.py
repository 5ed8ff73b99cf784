"""One measure, many sources: measure ids, the `measure_values` view, and the checks that compare
the figures of one shared measure across articles (the seed and the constructed restatement)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import dagster as dg
import duckdb
import pytest
from conftest import SEED, Materialized

from core import sql, tables
from core.checks import CHECKS
from core.parse import Article, Entry
from core.resolve import figure_row
from core.validate import validate
from etl.resources import QualityPolicy
from schemas import FigureModel

CONSTRUCTED = "constructed-2015-01-french-departures-restated"
DEPARTURES = "fr-nationals-departing-for-jihad-2014"
INCREASE = "fr-jihad-departures-increase-2014"
WOMEN = "fr-women-departing-for-jihad-2014"
AGREE = "sources_agree_on_shared_measures"
ALIKE = "shared_measures_are_defined_alike"


# --- both sample articles, through the pipeline ---------------------------------------------


def test_both_sample_articles_load_with_their_measure_ids(sample_run: Materialized) -> None:
    assert sample_run.result.success
    assert sample_run.query("SELECT article_id, outlet, published FROM articles ORDER BY ALL") == [
        (CONSTRUCTED, "Constructed example (not a real outlet)", "2015-01"),
        (SEED, "VICE News", "2014-12"),
    ]
    assert sample_run.query("SELECT count(*) FROM quarantine") == [(0,)]
    assert sample_run.query(
        "SELECT article_id, count(*), count(measure_id) FROM figures GROUP BY ALL ORDER BY ALL"
    ) == [(CONSTRUCTED, 5, 3), (SEED, 11, 4)]
    assert sample_run.query(
        "SELECT figure_id FROM figures WHERE article_id = ? AND measure_id IS NOT NULL "
        "ORDER BY ALL",
        [SEED],
    ) == [("departures",), ("departures_standfirst",), ("increase_116_percent",), ("women",)]


def test_the_view_gives_each_measures_values_by_source_and_date(sample_run: Materialized) -> None:
    rows = sample_run.query(
        "SELECT measure_id, outlet, published, figure_id, quote, value, lower, upper, kind, unit "
        "FROM measure_values ORDER BY measure_id, published_earliest, article_id, figure_id"
    )
    vice, constructed = "VICE News", "Constructed example (not a real outlet)"
    assert rows == [
        (INCREASE, vice, "2014-12", "increase_116_percent", "116 percent", 116, 116, 116,
         "percent", "percent"),
        (INCREASE, constructed, "2015-01", "increase_82_percent", "82 percent", 82, 82, 82,
         "percent", "percent"),
        (DEPARTURES, vice, "2014-12", "departures", "some 1,200", 1200, 1080, 1320,
         "count", "people"),
        (DEPARTURES, vice, "2014-12", "departures_standfirst", "some 1,200", 1200, 1080, 1320,
         "count", "people"),
        (DEPARTURES, constructed, "2015-01", "departures", "some 1,200", 1200, 1080, 1320,
         "count", "people"),
        (WOMEN, vice, "2014-12", "women", "At least 100", 100, 100, float("inf"),
         "count", "people"),
        (WOMEN, constructed, "2015-01", "women", "More than 100", 100, 100, float("inf"),
         "count", "people"),
    ]  # fmt: skip
    [(sentence, title, what)] = sample_run.query(
        "SELECT sentence, title, measure_what FROM measure_values WHERE figure_id = ?",
        ["increase_82_percent"],
    )
    assert sentence.startswith("The total marks an 82 percent increase")
    assert title == "France Counts Record Jihadist Departures in 2014"
    assert what.startswith("increase in French nationals")
    [(comment,)] = sample_run.query(
        "SELECT comment FROM duckdb_views() WHERE view_name = 'measure_values'"
    )
    assert comment.startswith("Each shared measure's values by source and date")


def test_the_check_flags_exactly_the_116_against_82_pair_and_names_both_sources(
    sample_run: Materialized,
) -> None:
    evaluation = sample_run.evaluations["figures", AGREE]
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR
    [failure] = sample_run.failure_cases("figures", AGREE)
    assert (failure["article_id"], failure["item_id"], failure["quote"]) == (
        CONSTRUCTED,
        "increase_82_percent",
        "82 percent",
    )
    assert failure["severity"] == "error"
    assert failure["message"] == (
        f"{INCREASE}: VICE News (2014-12, {SEED}) says '116 percent' (116), "
        f"Constructed example (not a real outlet) (2015-01, {CONSTRUCTED}) says '82 percent' "
        "(82): intervals [116, 116] and [82, 82] do not overlap (gap 0.41)"
    )
    assert (failure["expected"], failure["found"]) == (
        "gap <= 0.02 or overlapping intervals",
        "gap 0.41, [116, 116] and [82, 82] apart",
    )
    [(status, rows)] = sample_run.query(
        "SELECT status, failing_rows FROM check_history WHERE check_name = ?", [AGREE]
    )
    assert (status, rows) == ("failed", 1)


def test_agreeing_sources_are_not_flagged_and_every_other_check_holds(
    sample_run: Materialized,
) -> None:
    # "some 1,200" twice (gap 0) and "At least 100" / "More than 100" (overlapping intervals)
    flagged = {f["item_id"] for f in sample_run.failure_cases("figures", AGREE)}
    assert flagged == {"increase_82_percent"}
    assert sample_run.evaluations["figures", ALIKE].passed
    failing = sorted(key for key, e in sample_run.evaluations.items() if not e.passed)
    assert len(sample_run.evaluations) == len(CHECKS)
    # the intended disagreement, and the seed's own documented gap (WARN)
    assert failing == [("derived_metrics", "change_statements_agree"), ("figures", AGREE)]
    assert sample_run.query(
        "SELECT count(*) FROM mentions WHERE article_id = ? AND status = 'uncovered'",
        [CONSTRUCTED],
    ) == [(0,)]


# --- the policy on small hand-made figures --------------------------------------------------


@pytest.fixture
def conn() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory warehouse with empty tables, the macros and the views."""
    with duckdb.connect() as connection:
        tables.ensure_schema(connection)
        sql.install_macros_and_views(connection, QualityPolicy().sql_parameters())
        yield connection


def add_article(conn: duckdb.DuckDBPyConnection, article_id: str, outlet: str, day: str) -> None:
    date = dt.date.fromisoformat(day)
    conn.execute(
        "INSERT INTO articles BY NAME SELECT ? AS article_id, ? AS source_file, ? AS title, "
        "? AS outlet, ? AS published, ? AS published_earliest, ? AS published_latest, "
        "'en' AS language, '' AS body, '' AS body_sha256, 0 AS body_chars, 1 AS body_first_line",
        [article_id, f"{article_id}.md", article_id, outlet, day, date, date],
    )


def add_figure(
    conn: duckdb.DuckDBPyConnection,
    article_id: str,
    figure_id: str,
    value: float,
    bounds: tuple[float, float] | None = None,
    measure_id: str = "m",
    unit: str = "people",
) -> None:
    lower, upper = bounds or (value, value)
    conn.execute(
        "INSERT INTO figures BY NAME SELECT ? AS article_id, ? AS figure_id, ? AS quote, "
        "1 AS occurrence, ? AS value, 'count' AS kind, ? AS unit, 'exact' AS qualifier, "
        "false AS hedged, 0 AS rounding, ? AS lower, ? AS upper, ? AS measure_id, "
        "'what' AS measure_what, true AS reviewed",
        [article_id, figure_id, f"q-{figure_id}", value, unit, lower, upper, measure_id],
    )


def flagged(conn: duckdb.DuckDBPyConnection, check: str, tolerance: float = 0.02) -> list[tuple]:
    rows = sql.check_query(conn, check, {"agreement_tolerance": tolerance})
    return list(rows[["article_id", "item_id", "severity"]].itertuples(index=False, name=None))


@pytest.mark.parametrize(
    ("first", "second", "tolerance", "disagree"),
    [
        ((100, None), (101, None), 0.02, False),  # gap 0.01: rounding, within the tolerance
        ((100, None), (105, None), 0.02, True),  # gap 0.05, exact values: cannot both hold
        ((100, None), (105, None), 0.10, False),  # the same pair under a looser tolerance
        ((1200, (1080, 1320)), (1300, None), 0.02, False),  # gap 0.08, intervals overlap
        ((100, (100, float("inf"))), (90, None), 0.02, True),  # "at least 100" against 90
        ((100, (100, float("inf"))), (150, (135, 165)), 0.02, False),  # open end: overlap
        ((1200, (1080, 1320)), (1500, (1350, 1650)), 0.02, True),  # hedged, still apart
    ],
)
def test_the_policy_flags_only_pairs_whose_intervals_do_not_overlap(
    conn: duckdb.DuckDBPyConnection,
    first: tuple[float, tuple[float, float] | None],
    second: tuple[float, tuple[float, float] | None],
    tolerance: float,
    disagree: bool,
) -> None:
    add_article(conn, "early", "Outlet A", "2014-12-01")
    add_article(conn, "late", "Outlet B", "2015-01-05")
    add_figure(conn, "early", "f1", *first)
    add_figure(conn, "late", "f2", *second)
    expected = [("late", "f2", "error")] if disagree else []
    assert flagged(conn, AGREE, tolerance) == expected
    assert flagged(conn, ALIKE) == []


def test_the_later_source_is_named_and_the_message_says_why(conn) -> None:  # noqa: ANN001
    add_article(conn, "b-late", "Outlet B", "2015-01-05")
    add_article(conn, "a-early", "Outlet A", "2014-12-01")
    add_figure(conn, "b-late", "f2", 1500)
    add_figure(conn, "a-early", "f1", 1200, (1080, 1320))
    [row] = sql.check_query(conn, AGREE, {"agreement_tolerance": 0.02}).to_dict("records")
    assert (row["article_id"], row["item_id"], row["quote"]) == ("b-late", "f2", "q-f2")
    assert row["message"] == (
        "m: Outlet A (2014-12-01, a-early) says 'q-f1' (1,200), Outlet B (2015-01-05, b-late) "
        "says 'q-f2' (1,500): intervals [1,080, 1,320] and [1,500, 1,500] do not overlap "
        "(gap 0.25)"
    )


def test_figures_of_one_article_or_of_other_measures_are_not_compared(conn) -> None:  # noqa: ANN001
    add_article(conn, "early", "Outlet A", "2014-12-01")
    add_article(conn, "late", "Outlet B", "2015-01-05")
    add_figure(conn, "early", "f1", 100)
    add_figure(conn, "early", "f2", 500)  # same article: its own relations compare it
    add_figure(conn, "late", "f3", 900, measure_id="other")  # another measure
    add_figure(conn, "late", "f4", 700, measure_id=None)  # no measure
    assert flagged(conn, AGREE) == []
    assert conn.execute("SELECT count(*) FROM measure_values").fetchone() == (3,)


def test_a_shared_measure_stated_in_another_unit_is_listed_not_compared(conn) -> None:  # noqa: ANN001
    add_article(conn, "early", "Outlet A", "2014-12-01")
    add_article(conn, "late", "Outlet B", "2015-01-05")
    add_figure(conn, "early", "f1", 116, unit="percent")
    add_figure(conn, "late", "f2", 2, unit="times")
    assert flagged(conn, AGREE) == []
    assert flagged(conn, ALIKE) == [("late", "f2", "warn")]
    [row] = sql.check_query(conn, ALIKE, {"agreement_tolerance": 0.02}).to_dict("records")
    assert (row["expected"], row["found"]) == ("count in percent", "count in times")
    assert "'q-f1' as count in percent" in row["message"]


# --- measure ids in figures files -----------------------------------------------------------

BODY = "Some 1,200 left.\n"
ARTICLE = Article("a", "a.md", {}, BODY, 1, "a.figures.yaml")


def figure_with_measure(measure_id: object) -> dict:
    measure = {"what": "departures"} | ({} if measure_id is None else {"id": measure_id})
    fields = {"id": "left", "quote": "Some 1,200", "value": 1200, "kind": "count"}
    return fields | {"unit": "people", "qualifier": "approx", "measure": measure}


@pytest.mark.parametrize("measure_id", [None, "fr-departures-2014", "x1"])
def test_a_measure_id_is_an_optional_slug(measure_id: str | None) -> None:
    row, problems = figure_row(ARTICLE, Entry(figure_with_measure(measure_id), 2, ()), "f", 0.1)
    assert problems == [] and row["measure_id"] == measure_id
    frame, findings = validate(FigureModel, [row], "figures_match_schema")
    assert findings == []
    assert frame["measure_id"].tolist() == [measure_id]


@pytest.mark.parametrize("measure_id", ["FR Departures", "fr--departures", "fr_departures", "-x"])
def test_a_measure_id_that_is_not_a_slug_holds_the_figure_back(measure_id: str) -> None:
    row, _ = figure_row(ARTICLE, Entry(figure_with_measure(measure_id), 2, ()), "f", 0.1)
    frame, findings = validate(FigureModel, [row], "figures_match_schema")
    assert frame.empty
    [finding] = findings
    assert finding.rule == "measure_ids_are_slugs"
    assert finding.item_id == "left" and finding.line == 2
    assert f"measure id {measure_id!r} is not a slug" in finding.message
