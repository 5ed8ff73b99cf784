"""The pipeline end to end, in-process, on the seed article and on corrupted copies of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml
from conftest import SEED, described

from core import sql
from core.checks import CHECKS
from schemas import TABLES


def outcomes(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
    """The run's check evaluations keyed by (asset, check name)."""
    return {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in result.get_asset_check_evaluations()
    }


def metric(query, relation_id: str, name: str) -> tuple:
    rows = query(
        "SELECT value, lower, upper, gap, severity, caveat FROM derived_metrics "
        "WHERE relation_id = ? AND metric = ?",
        [relation_id, name],
    )
    assert len(rows) == 1, f"expected one {name} metric for {relation_id}, found {len(rows)}"
    return rows[0]


def edit_figures(articles_dir: Path, edit) -> None:
    """Apply edit(document) to the seed's figures file."""
    path = articles_dir / f"{SEED}.figures.yaml"
    document = yaml.safe_load(path.read_text())
    edit(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))


def figure(document: dict, figure_id: str) -> dict:
    return next(f for f in document["figures"] if f["id"] == figure_id)


def test_seed_article_gives_the_expected_derived_metrics(seed_run):
    assert seed_run.result.success
    query = seed_run.query
    assert query("SELECT count(*) FROM figures WHERE position(quote IN sentence) = 0") == [(0,)]
    [(sentence,)] = query("SELECT sentence FROM figures WHERE figure_id = 'already_joined'")
    assert sentence.startswith("Four hundred of them have already joined")

    value, lower, upper, *_ = metric(query, "departures_up_116_percent", "implied_baseline")
    assert value == pytest.approx(555.56, abs=0.01)
    assert (lower, upper) == (pytest.approx(500.0), pytest.approx(611.11, abs=0.01))

    assert metric(query, "joined_among_departures", "share_of_whole")[:3] == (
        pytest.approx(1 / 3),
        pytest.approx(400 / 1320),
        pytest.approx(400 / 1080),
    )
    assert metric(query, "joined_among_departures", "remainder_of_whole")[:3] == (800, 680, 920)
    assert metric(query, "returnees_up_50_percent", "implied_baseline")[:3] == (156, 156, 156)

    value, lower, upper, *_ = metric(query, "women_among_departures", "share_of_whole")
    assert value == pytest.approx(100 / 1200)
    assert lower == pytest.approx(100 / 1320)
    assert upper == 1.0  # "at least 100": only the whole bounds it

    value, lower, upper, _, _, caveat = metric(query, "converts_among_jihadists", "implied_count")
    assert (value, lower, upper) == (pytest.approx(240), pytest.approx(216), pytest.approx(264))
    assert caveat.startswith("ambiguous base:") and "all French jihadists" in caveat

    value, _, _, gap, severity, _ = metric(
        query, "departures_twice_2013+departures_up_116_percent", "change_agreement"
    )
    assert value == pytest.approx(1.08)
    assert gap == pytest.approx(0.08)
    assert severity == "warn"


def test_seed_checks_pass_except_the_documented_gap(seed_run):
    evaluations = seed_run.evaluations
    assert len(evaluations) == len(CHECKS)
    failing = {key: e for key, e in evaluations.items() if not e.passed}
    assert list(failing) == [("derived_metrics", "change_statements_agree")]
    gap = failing["derived_metrics", "change_statements_agree"]
    assert gap.severity == dg.AssetCheckSeverity.WARN
    assert "x2.16 / x2 = 1.08 (gap 0.08)" in described(gap)


def test_rerun_on_unchanged_input_changes_no_table(run_pipeline, query):
    def snapshot() -> dict[str, list[tuple]]:
        return {
            table: query(f"SELECT * FROM {table} ORDER BY ALL")
            for table in TABLES
            if table != "check_history"
        }

    run_pipeline()
    first = snapshot()
    run_pipeline()
    assert snapshot() == first
    runs = query("SELECT run_id, count(*) FROM check_history GROUP BY run_id")
    assert [count for _, count in runs] == [len(CHECKS), len(CHECKS)]


def test_wrong_value_and_missing_quote_fail_their_checks_and_stay_out(
    articles_dir, run_pipeline, query
):
    def corrupt(document: dict) -> None:
        figure(document, "already_joined")["value"] = 450  # the text says "Four hundred"
        figure(document, "returnees")["quote"] = "(243)"  # the text says "(234)"

    edit_figures(articles_dir, corrupt)
    result = run_pipeline()
    assert result.success  # bad rows are held back; the run itself goes on
    evaluations = outcomes(result)

    wrong_value = evaluations["figures", "quoted_numbers_equal_values"]
    assert not wrong_value.passed and wrong_value.severity == dg.AssetCheckSeverity.ERROR
    assert "'Four hundred' states 400, but the recorded value is 450" in described(wrong_value)
    [case] = wrong_value.metadata["failure_cases"].value
    assert (case["item_id"], case["expected"], case["found"]) == ("already_joined", "450", "400")

    missing = evaluations["figures", "figure_quotes_occur_in_text"]
    assert not missing.passed and missing.severity == dg.AssetCheckSeverity.ERROR
    assert "quote '(243)' (occurrence 1) is not in the body" in described(missing)
    assert f"{SEED}.figures.yaml:" in described(missing)  # file and line of the figure

    # each failure counts against the check named for it, not against the schema check too
    assert evaluations["figures", "figures_match_schema"].passed
    assert not evaluations["relations", "relations_refer_to_valid_figures"].passed

    figure_ids = {row[0] for row in query("SELECT figure_id FROM figures")}
    assert {"already_joined", "returnees"}.isdisjoint(figure_ids)
    assert len(figure_ids) == 9
    held_back = query("SELECT item_id, rule, line FROM quarantine WHERE stage = 'figures'")
    assert {(item, rule) for item, rule, _ in held_back} == {
        ("already_joined", "quoted_numbers_equal_values"),
        ("returnees", "figure_quotes_occur_in_text"),
    }
    assert all(line for *_, line in held_back)
    relations = {row[0] for row in query("SELECT relation_id FROM relations")}
    assert {"joined_among_departures", "returnees_up_50_percent"}.isdisjoint(relations)
    derived_inputs = query("SELECT DISTINCT unnest(input_figure_ids) FROM derived_metrics")
    assert {"already_joined", "returnees"}.isdisjoint({row[0] for row in derived_inputs})


def test_article_without_front_matter_is_held_back_with_its_file_named(
    articles_dir, run_pipeline, query
):
    (articles_dir / "broken.md").write_text("Just a body, 12 people.\n", encoding="utf-8")
    result = run_pipeline()
    assert result.success
    check = outcomes(result)["articles", "articles_match_schema"]
    assert not check.passed
    assert "broken.md:1: no YAML front matter" in described(check)
    assert query("SELECT article_id FROM articles") == [(SEED,)]
    assert query("SELECT source_file, rule FROM quarantine") == [
        ("broken.md", "articles_match_schema")
    ]


def test_every_table_and_column_carries_its_model_description(seed_run):
    query = seed_run.query
    for table, model in TABLES.items():
        schema = model.to_schema()
        [(table_comment,)] = query(
            "SELECT comment FROM duckdb_tables() WHERE table_name = ?", [table]
        )
        assert table_comment == schema.description
        comments = dict(
            query("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ?", [table])
        )
        assert comments == {name: column.description for name, column in schema.columns.items()}


def test_a_reader_holding_the_warehouse_open_does_not_block_a_run(run_pipeline, duckdb_path):
    run_pipeline()
    with duckdb.connect(str(duckdb_path), read_only=True) as reader:
        assert run_pipeline().success
        assert reader.execute("SELECT count(*) FROM figures").fetchone() == (11,)
    with duckdb.connect(str(duckdb_path), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM figures").fetchone() == (11,)


def test_the_installed_duckdb_shell_opens_the_warehouse(seed_run):
    shell = Path(sys.executable).with_name("duckdb")
    output = subprocess.run(
        [str(shell), "-readonly", str(seed_run.duckdb_path), "-csv", "-c",
         "SELECT count(*) FROM derived_metrics"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert output.splitlines()[-1] == "11"


def test_a_failed_run_leaves_the_published_warehouse_as_it_was(articles_dir, run_pipeline, query):
    run_pipeline()
    before = query("SELECT * FROM figures ORDER BY ALL")
    shutil.rmtree(articles_dir)  # the next run fails in its first step
    result = run_pipeline()
    assert not result.success
    assert query("SELECT * FROM figures ORDER BY ALL") == before


def test_cross_figure_findings_fail_with_the_severity_the_policy_gives(
    articles_dir, run_pipeline, query
):
    def relate(document: dict) -> None:
        # the part_of below reverses joined_among_departures: with both, they would form a cycle
        # (held back by relations_do_not_form_cycles), so that one goes
        document["relations"] = [
            r for r in document["relations"] if r["id"] != "joined_among_departures"
        ]
        document["relations"] += [
            {"id": "joined_restates_departures", "type": "same_quantity",
             "subject": "already_joined", "object": "departures"},
            {"id": "departures_within_joined", "type": "part_of",
             "subject": "departures", "object": "already_joined"},
        ]  # fmt: skip

    edit_figures(articles_dir, relate)
    result = run_pipeline()
    assert result.success
    evaluations = outcomes(result)

    same = evaluations["derived_metrics", "same_quantity_figures_agree"]
    assert not same.passed and same.severity == dg.AssetCheckSeverity.ERROR
    assert "1,200 / 400 = 3 (gap 2)" in described(same)

    parts = evaluations["relations", "parts_do_not_exceed_wholes"]
    assert not parts.passed and parts.severity == dg.AssetCheckSeverity.ERROR
    assert "part departures (1,200) exceeds its whole already_joined (400)" in described(parts)
    # findings about the article, not broken rows: the figures stay queryable
    assert query("SELECT count(*) FROM figures") == [(11,)]
    # a part larger than its whole gives a share above 1: held back, never published
    share = evaluations["derived_metrics", "shares_lie_in_unit_interval"]
    assert not share.passed and "share 3 is outside [0, 1]" in described(share)
    assert query(
        "SELECT item_id, rule FROM quarantine WHERE stage = 'derived_metrics' ORDER BY ALL"
    ) == [
        (f"{SEED}:departures_within_joined:remainder_of_whole", "intervals_contain_values"),
        (f"{SEED}:departures_within_joined:share_of_whole", "intervals_contain_values"),
        (f"{SEED}:departures_within_joined:share_of_whole", "shares_lie_in_unit_interval"),
    ]
    assert query(
        "SELECT count(*) FROM derived_metrics WHERE relation_id = 'departures_within_joined'"
    ) == [(0,)]
    assert evaluations["derived_metrics", "derived_metrics_match_schema"].passed


def test_a_broken_sql_model_blocks_publishing(tmp_path, monkeypatch, run_pipeline, query):
    run_pipeline()
    sql_dir = tmp_path / "sql"
    shutil.copytree(sql.SQL_DIR, sql_dir)
    broken = (sql_dir / "derived" / "part_shares.sql").read_text()
    (sql_dir / "derived" / "part_shares.sql").write_text(
        broken.replace("'share_of_whole' AS metric", "'share_of_hole' AS metric")
    )
    monkeypatch.setattr(sql, "SQL_DIR", sql_dir)

    result = run_pipeline()
    assert not result.success  # a blocking check that fails fails its step and the run
    schema = outcomes(result)["derived_metrics", "derived_metrics_match_schema"]
    assert not schema.passed and schema.severity == dg.AssetCheckSeverity.ERROR
    assert "share_of_hole" in described(schema)
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "published_warehouse" not in materialized
    assert query("SELECT count(*) FROM derived_metrics WHERE metric = 'share_of_whole'") == [(2,)]


def test_materializations_carry_column_lineage_and_check_counts(seed_run):
    derived, *others = seed_run.result.asset_materializations_for_node("derived_metrics")
    assert {m.asset_key.to_user_string() for m in others} == {  # the same step's
        "reference_matches",
        "measure_proposals",
    }
    lineage = derived.metadata["dagster/column_lineage"].value
    value_sources = {
        (d.asset_key.to_user_string(), d.column_name) for d in lineage.deps_by_column["value"]
    }
    assert ("figures", "value") in value_sources
    counts = {
        k: derived.metadata[f"checks_{k}"].value
        for k in ("passed", "judged_nothing", "warned", "failed")
    }
    # derived_metrics_are_numbers passes too; the seed states no baseline to compare, sets no
    # share beside its part, and lists no parts up to "the remaining"
    assert counts == {"passed": 5, "judged_nothing": 3, "warned": 1, "failed": 0}
