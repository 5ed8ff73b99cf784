"""Every figure has one verdict (view verdicts): holds, contradicted, held_back or unchecked; a
check that judged nothing says so; no pass reads as figures that hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import (
    COUNCIL_ARTICLE,
    SEED,
    described,
    materialize_in_process,
    read_warehouse,
)
from test_pipeline import edit_figures, figure
from test_stated_baselines import change, money, relation, write

from core import sql
from core.checks import JUDGED_NOTHING
from core.summary import summary
from core.tables import ensure_schema
from etl.resources import QualityPolicy

CONSTRUCTED = "constructed-2015-01-french-departures-restated"
UNCOMPARED = {"networks_dismantled", "converts_share", "returnees", "returnees_increase"}


def verdicts(duckdb_path: Path) -> dict[tuple[str, str], tuple[str, str | None, str]]:
    """(article, figure) -> (verdict, severity, reason) of the published warehouse."""
    rows = read_warehouse(
        duckdb_path, "SELECT article_id, figure_id, verdict, severity, reason FROM verdicts"
    )
    return {(a, f): (verdict, severity, reason) for a, f, verdict, severity, reason in rows}


# --- a small warehouse built by hand ---------------------------------------------------------


@pytest.fixture
def conn() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory warehouse of one article with figures a, b, c and d."""
    with duckdb.connect() as connection:
        ensure_schema(connection)
        sql.install_macros_and_views(connection, QualityPolicy().sql_parameters())
        connection.execute(
            "INSERT INTO figures (article_id, figure_id, quote, occurrence, value, lower, upper, "
            "kind, unit, qualifier, hedged, rounding, reviewed) SELECT 'x', id, 'quote ' || id, "
            "1, 1, 1, 1, 'count', 'people', 'exact', false, 0, true "
            "FROM unnest(['a', 'b', 'c', 'd']) AS t(id)"
        )
        yield connection


def metric(conn: duckdb.DuckDBPyConnection, name: str, inputs: list[str], severity: str | None):
    conn.execute(
        "INSERT INTO derived_metrics (metric_id, article_id, relation_id, metric, label, "
        "formula, computation, value, lower, upper, unit, input_figure_ids, severity) "
        "VALUES (?, 'x', 'r', ?, 'a label', 'a / b', '1 / 1', 1, 1, 1, 'ratio', ?, ?)",
        [f"x:r:{name}", name, inputs, severity],
    )


def verdicts_of(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """The verdicts once the figures are judged, as the derived_metrics step judges them."""
    sql.judge(conn)
    rows = conn.execute("SELECT figure_id, verdict, reason FROM verdicts").fetchall()
    return {figure_id: (verdict, reason) for figure_id, verdict, reason in rows}


def test_any_derived_metric_with_a_severity_compares_its_figures(conn) -> None:
    """A metric none of the SQL knows by name (the coordinator's baseline_agreement, say) is a
    comparison of its inputs as soon as it has a severity; one without a severity is none."""
    metric(conn, "baseline_agreement", ["a", "b", "c"], "error")
    metric(conn, "implied_baseline", ["c", "d"], None)
    found = verdicts_of(conn)
    assert {f: v for f, (v, _) in found.items()} == {
        "a": "contradicted", "b": "contradicted", "c": "contradicted", "d": "unchecked"
    }  # fmt: skip
    assert "'quote b' (b), error by derived metric baseline_agreement" in found["a"][1]
    assert "'quote c' (c)" in found["a"][1]
    assert found["d"][1].startswith("nothing compared it")


def test_a_comparison_that_agrees_makes_its_figures_hold(conn) -> None:
    metric(conn, "same_quantity_agreement", ["a", "b"], "ok")
    found = verdicts_of(conn)
    assert found["a"] == ("holds", "agrees with 'quote b' (b) by derived metric "
                          "same_quantity_agreement: a label: 1 / 1")  # fmt: skip
    assert found["c"][0] == "unchecked"


def test_a_figure_held_back_has_its_verdict_and_one_row(conn) -> None:
    conn.execute(
        "INSERT INTO quarantine (stage, source_file, line, article_id, item_id, rule, message) "
        "VALUES ('figures', 'x.figures.yaml', 3, 'x', 'e', 'r1', 'first'), "
        "('figures', 'x.figures.yaml', 3, 'x', 'e', 'r2', 'second'), "
        "('figures', 'x.figures.yaml', 9, 'x', NULL, 'r3', 'a whole file')"
    )
    found = verdicts_of(conn)
    assert len(found) == 5
    assert found["e"] == ("held_back", "held back (in quarantine, not in figures): r1: first; "
                          "r2: second")  # fmt: skip


# --- the pipeline on the sample articles -----------------------------------------------------


def test_the_curated_sample_contradicts_the_two_change_statements_and_leaves_some_unchecked(
    articles_dir, run_pipeline, duckdb_path
) -> None:
    edit_figures(articles_dir, lambda d: figure(d, "already_joined").update(value=450))
    assert run_pipeline().success
    found = {f: v for (a, f), v in verdicts(duckdb_path).items() if a == SEED}
    twice, percent = found["twice_as_many"], found["increase_116_percent"]
    assert twice[:2] == percent[:2] == ("contradicted", "warn")
    assert (
        "'116 percent' (increase_116_percent), warn by derived metric change_agreement"
        in (twice[2])
    )
    assert "'Twice as many' (twice_as_many), warn by derived metric change_agreement" in percent[2]
    assert found["departures"][0] == "holds"  # what both changes are of, not one of them
    assert "'some 1,200' (departures_standfirst)" in found["departures"][2]
    assert {f for f, v in found.items() if v[0] == "unchecked"} == UNCOMPARED
    held_back = found["already_joined"]
    assert held_back[0] == "held_back"
    assert "states 400, but the recorded value is 450" in held_back[2]
    assert "figures: 4 hold, 2 contradicted, 1 held back, 4 unchecked" in summary(duckdb_path)


def test_the_sample_without_its_figures_file_is_judged_by_what_the_machine_finds(
    articles_dir, run_pipeline, duckdb_path, query
) -> None:
    """Issue 15: with no figures file, the found relations give what the curated run gives."""
    (articles_dir / f"{SEED}.figures.yaml").unlink()
    result = run_pipeline()
    assert result.success
    metrics = sorted(
        query("SELECT metric, round(value, 3), severity FROM derived_metrics"), key=str
    )
    assert metrics == sorted(
        [
            ("implied_baseline", 555.556, None),  # 1,200 / 2.16
            ("implied_baseline", 600.0, None),  # 1,200 / 2
            ("implied_baseline", 156.0, None),  # 234 / 1.5
            ("share_of_whole", 0.333, None),  # 400 / 1,200
            ("remainder_of_whole", 800.0, None),
            ("change_agreement", 1.08, "warn"),  # x2.16 / x2
            ("same_quantity_agreement", 1.0, "ok"),  # the standfirst's 1,200 and the body's
            ("same_quantity_agreement", 1.0, "ok"),  # the headline's "Doubled" and "Twice"
        ],
        key=str,
    )
    assert query("SELECT DISTINCT origin FROM relations") == [("found",)]
    found = verdicts(duckdb_path)
    counts = {v: sum(1 for verdict, _, _ in found.values() if verdict == v) for v in
              ("holds", "contradicted", "held_back", "unchecked")}  # fmt: skip
    assert counts == {"holds": 4, "contradicted": 2, "held_back": 0, "unchecked": 6}
    said = summary(duckdb_path)
    assert "figures: 4 hold, 2 contradicted, 0 held back, 6 unchecked" in said
    warned = outcome_of(result, "change_statements_agree")
    assert not warned.passed and "found by the machine (rule change_of_measure" in described(warned)
    assert described(outcome_of(result, "stated_baselines_agree")) == (
        "judged nothing: no baseline_agreement metrics"
    )
    html = (duckdb_path.parent / "report.html").read_text(encoding="utf-8")
    assert "Every check passed" not in html
    assert 'data-status="unchecked"' in html and 'data-status="holds"' in html


def test_an_article_with_nothing_to_compare_judges_nothing_and_says_so(
    tmp_path, instance, duckdb_path
) -> None:
    articles = tmp_path / "only-council"
    articles.mkdir()
    (articles / "council.md").write_text(COUNCIL_ARTICLE, encoding="utf-8")
    result = materialize_in_process(instance, articles, duckdb_path)
    assert result.success
    found = verdicts(duckdb_path)
    assert len(found) == 2 and {v for v, _, _ in found.values()} == {"unchecked"}
    said = summary(duckdb_path)
    assert (
        "figures: 0 hold, 0 contradicted, 0 held back, 2 unchecked (2 figures, 0 compared: "
        "nothing was judged)" in said
    )
    assert " passed, 27 judged nothing, 0 warned, 0 failed" in said
    for name, what in [
        ("parts_do_not_exceed_wholes", "part_of relations"),
        ("change_statements_agree", "change_agreement metrics"),
        ("relations_do_not_form_cycles", "rows of relations (kept or held back)"),
    ]:
        evaluation = outcome_of(result, name)
        assert evaluation.passed
        assert described(evaluation) == f"judged nothing: no {what}"
        assert evaluation.metadata["judged"].value == 0
    assert outcome_of(result, "quoted_numbers_equal_values").metadata["judged"].value == 2
    statuses = read_warehouse(
        duckdb_path, "SELECT DISTINCT status FROM check_history WHERE check_name = ?",
        ["same_quantity_figures_agree"],
    )  # fmt: skip
    assert statuses == [(JUDGED_NOTHING,)]
    html = (duckdb_path.parent / "report.html").read_text(encoding="utf-8")
    assert "Of 2 figures, 2 could not be checked." in html
    assert "Every check passed" not in html
    assert "but 27 judged nothing: they had no items to judge" in html
    assert 'data-status="holds"' not in html


def outcome_of(result, name: str):  # noqa: ANN001, ANN201
    """The run's evaluation of the check called name."""
    return next(e for e in result.get_asset_check_evaluations() if e.check_name == name)


def test_a_disagreement_across_articles_marks_both_figures(sample_run) -> None:
    assert sample_run.result.success
    found = verdicts(sample_run.duckdb_path)
    vice, constructed = (
        found[SEED, "increase_116_percent"],
        found[CONSTRUCTED, "increase_82_percent"],
    )
    assert vice[:2] == constructed[:2] == ("contradicted", "error")
    assert (
        f"'82 percent' (increase_82_percent of article {CONSTRUCTED}), error by check "
        "sources_agree_on_shared_measures" in vice[2]
    )
    assert (
        f"'116 percent' (increase_116_percent of article {SEED}), error by check "
        "sources_agree_on_shared_measures" in constructed[2]
    )
    assert found[CONSTRUCTED, "women"][0] == "holds"  # "More than 100" and "At least 100" agree


def test_a_stated_baseline_that_disagrees_contradicts_the_change_and_both_figures(
    tmp_path, duckdb_path, instance
) -> None:
    """baseline_agreement, a metric the view does not name, judges its three figures."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, before in [("from-2-5", ("$2.5 million", 2.5e6)), ("from-3", ("$3 million", 3e6))]:
        write(
            articles,
            name,
            f"Spending on libraries doubles to $6 million from {before[0]}.",
            [
                change("doubles", "doubles", 2, "multiplier"),
                money("after", "$6 million", 6e6),
                money("before", *before),
            ],
            [relation("r", "multiple_of", "doubles", "after", **{"from": "before"})],
        )
    assert materialize_in_process(instance, articles, duckdb_path).success
    found = verdicts(duckdb_path)
    assert {f: found["from-2-5", f][:2] for f in ("doubles", "after", "before")} == {
        f: ("contradicted", "error") for f in ("doubles", "after", "before")
    }
    assert (
        "'$2.5 million' (before), error by derived metric baseline_agreement"
        in (found["from-2-5", "after"][2])
    )
    assert {found["from-3", f][0] for f in ("doubles", "after", "before")} == {"holds"}


def test_each_figure_carries_its_verdict_and_an_added_article_judges_an_unchanged_one(
    tmp_path, duckdb_path, instance
) -> None:
    """figures.verdict is the view's verdict; an article added or edited later re-judges the
    figures of an unchanged article that share its measure (the runs are incremental), and the
    comparisons stored for the report (_figure_comparisons) are those of the warehouse now."""
    articles = tmp_path / "articles"
    articles.mkdir()
    shared = {"id": "library-spending-2026", "what": "spending on libraries"}
    budget = {**money("spending", "$6 million", 6e6), "measure": shared}
    write(articles, "first", "Spending on libraries is $6 million.", [budget], [])

    def judged() -> dict[tuple[str, str], tuple[str, str]]:
        assert materialize_in_process(instance, articles, duckdb_path).success
        stored = read_warehouse(
            duckdb_path, "SELECT article_id, figure_id, verdict, verdict_reason FROM figures"
        )
        assert {(a, f): v for a, f, v, _ in stored} == {
            key: verdict for key, (verdict, _, _) in verdicts(duckdb_path).items()
        }
        assert read_warehouse(
            duckdb_path, "SELECT * FROM _figure_comparisons ORDER BY ALL"
        ) == read_warehouse(duckdb_path, "SELECT * FROM figure_comparisons() ORDER BY ALL")
        return {(a, f): (v, reason) for a, f, v, reason in stored}

    assert judged()["first", "spending"][0] == "unchecked"
    other = {**money("spending", "$9 million", 9e6), "measure": shared}
    write(articles, "second", "Libraries will get $9 million.", [other], [])
    verdict, reason = judged()["first", "spending"]
    assert verdict == "contradicted"
    assert "'$9 million' (spending of article second), error by check " in reason
    write(articles, "second", "Libraries will get $6 million.", [budget], [])
    assert judged()["first", "spending"][0] == "holds"
