"""Incremental runs: only new and changed articles are processed, deleted ones leave the
warehouse, the sensor notices changes, and the job runs unchanged under the multiprocess
executor."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pytest
import yaml
from conftest import COUNCIL_ARTICLE, SEED, materialize_in_process, read_warehouse

from core import derivation, locks, pipeline, tables
from core.batches import BATCHES, batch_of
from core.findings import Finding
from core.validate import quarantine_rows
from etl.assets import ALL_BATCHES, batch_range
from etl.cluster import materialize_everything_job
from etl.resources import Corpus, QualityPolicy, Warehouse
from etl.sensors import article_files_sensor

OTHER = COUNCIL_ARTICLE


def batch_counts(result: dg.ExecuteInProcessResult) -> dict[str, int]:
    """What article_batches did in a run: articles processed, removed, unchanged."""
    [materialization, *_] = result.asset_materializations_for_node("article_batches")
    return {
        name: materialization.metadata[f"articles_{name}"].value
        for name in ("processed", "removed", "unchanged")
    }


def test_only_new_and_changed_articles_are_processed(articles_dir, run_pipeline, query, instance):
    (articles_dir / "council-buses.md").write_text(OTHER, encoding="utf-8")
    first = run_pipeline()
    assert first.success
    assert batch_counts(first) == {"processed": 2, "removed": 0, "unchanged": 0}
    assert query("SELECT count(*) FROM figures WHERE article_id = 'council-buses'") == [(2,)]

    again = run_pipeline()
    assert batch_counts(again) == {"processed": 0, "removed": 0, "unchanged": 2}

    changed = OTHER.replace("12 bus routes", "14 bus routes")
    (articles_dir / "council-buses.md").write_text(changed, encoding="utf-8")
    third = run_pipeline()
    assert batch_counts(third) == {"processed": 1, "removed": 0, "unchanged": 1}
    messages = [entry.user_message for entry in instance.all_logs(third.run_id)]
    assert f"rows of batch(es) {batch_of('council-buses')} gathered again" in messages
    assert query("SELECT value FROM figures WHERE article_id = 'council-buses' ORDER BY start") == [
        (14.0,),
        (300.0,),
    ]
    assert query("SELECT count(*) FROM figures WHERE article_id = ?", [SEED]) == [(11,)]


def test_a_deleted_article_leaves_every_table(articles_dir, run_pipeline, query):
    broken = articles_dir / "broken.md"
    broken.write_text("no front matter, 5 people\n", encoding="utf-8")
    (articles_dir / "council-buses.md").write_text(OTHER, encoding="utf-8")
    assert run_pipeline().success
    assert query("SELECT count(*) FROM quarantine WHERE source_file = 'broken.md'") == [(1,)]

    (articles_dir / "council-buses.md").unlink()
    broken.unlink()
    result = run_pipeline()
    assert batch_counts(result) == {"processed": 0, "removed": 2, "unchanged": 1}
    for table in ("articles", "figures", "mentions"):
        assert query(f"SELECT DISTINCT article_id FROM {table}") == [(SEED,)]
    assert query("SELECT count(*) FROM quarantine") == [(0,)]
    assert query("SELECT source_file FROM sources ORDER BY 1") == [
        (f"{SEED}.figures.yaml",),
        (f"{SEED}.md",),
    ]


def test_articles_processed_again_reach_the_published_tables(
    articles_dir, duckdb_path, instance, query
):
    """No file changed, but every article is processed again (after a change of the code or of a
    setting): the published tables hold the new rows."""

    def run(approx_tolerance: float, reprocess_all: bool) -> dg.ExecuteInProcessResult:
        policy = QualityPolicy(approx_tolerance=approx_tolerance)
        return materialize_in_process(instance, articles_dir, duckdb_path, policy, reprocess_all)

    approx = "SELECT lower, upper FROM figures WHERE figure_id = 'departures' AND article_id = ?"
    assert run(0.1, reprocess_all=False).success
    assert query(approx, [SEED]) == [(1080.0, 1320.0)]
    result = run(0.2, reprocess_all=True)
    assert batch_counts(result) == {"processed": 1, "removed": 0, "unchanged": 0}
    assert query(approx, [SEED]) == [(960.0, 1440.0)]


def test_the_sensor_asks_for_a_run_of_the_changed_batches_once_per_change(
    articles_dir, duckdb_path, run_pipeline
):
    resources = {
        "corpus": Corpus(articles_dir=str(articles_dir)),
        "warehouse": Warehouse(duckdb_path=str(duckdb_path)),
        "policy": QualityPolicy(),
    }

    def tick() -> dg.RunRequest | dg.SkipReason:
        with dg.build_sensor_context(resources=resources) as context:
            return article_files_sensor(context)

    first = tick()
    assert isinstance(first, dg.RunRequest)
    assert first.tags == ALL_BATCHES  # nothing published yet: every batch
    assert run_pipeline().success
    assert isinstance(tick(), dg.SkipReason)

    (articles_dir / "council-buses.md").write_text(OTHER, encoding="utf-8")
    added = tick()
    assert isinstance(added, dg.RunRequest)
    batch = batch_of("council-buses")
    assert added.tags == batch_range({batch})
    assert tick().run_key == added.run_key  # Dagster starts one run per key: one per change
    assert run_pipeline().success
    assert isinstance(tick(), dg.SkipReason)

    (articles_dir / "council-buses.md").unlink()  # the folder as it was at first
    removed = tick()
    assert isinstance(removed, dg.RunRequest)
    assert removed.run_key not in {first.run_key, added.run_key}


def test_the_job_runs_unchanged_under_the_multiprocess_executor(
    articles_dir, duckdb_path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("ETL_ARTICLES_DIR", str(articles_dir))  # read by each step's process
    monkeypatch.setenv("ETL_DUCKDB_PATH", str(duckdb_path))
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        job = dg.reconstructable(materialize_everything_job)
        with dg.execute_job(job, instance=instance, tags=ALL_BATCHES) as result:
            assert result.success
            starts = [event for event in result.all_events if event.is_step_start]
    assert {event.step_key for event in starts} >= {
        "article_batches", "warehouse_tables", "derived_metrics", "quality_report",
    }  # fmt: skip
    assert len({event.pid for event in starts}) == len(starts)  # each step in its own process
    assert (duckdb_path.parent / "report.html").exists()


def test_batches_processed_in_parallel_hold_what_one_process_writes(
    articles_dir, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    for n in range(12):
        text = OTHER.replace("12 bus routes", f"{n + 20} bus routes")
        (articles_dir / f"council-{n}.md").write_text(text, encoding="utf-8")
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)  # parallel even for a few articles

    def rows(workers: int) -> list[tuple]:
        folder = tmp_path / f"workers-{workers}"
        files = {batch: folder / f"batch-{batch}.duckdb" for batch in range(BATCHES)}
        plans = pipeline.update_batches(files, articles_dir, 0.1, workers=workers)
        assert sum(len(plan.process) for plan in plans) == 13
        found = []
        for path in files.values():
            with duckdb.connect(str(path), read_only=True) as conn:
                found += conn.execute("SELECT article_id, value FROM figures").fetchall()
        return sorted(found)

    assert rows(workers=2) == rows(workers=1)


def test_files_written_by_an_older_version_are_rebuilt(
    articles_dir, duckdb_path, run_pipeline, query
):
    assert run_pipeline().success
    files = [duckdb_path.with_name("figures.staging.duckdb")]
    files += sorted((duckdb_path.parent / "batches").glob("*.duckdb"))
    for path in files:  # as if written before figures had a measure_id and history a summary
        with duckdb.connect(str(path)) as conn:
            conn.execute("ALTER TABLE figures DROP COLUMN measure_id")
            if path == files[0]:
                conn.execute("ALTER TABLE check_history DROP COLUMN summary")
    (history,) = query("SELECT count(*) FROM check_history")[0]
    result = run_pipeline()
    assert result.success
    assert batch_counts(result)["processed"] == 1  # the seed, processed again
    assert query("SELECT count(*), count(measure_id) FROM figures") == [(11, 4)]
    assert query("SELECT count(*) FROM check_history")[0][0] > history  # history kept


def test_derived_metrics_of_the_changed_articles_only_equal_a_computation_of_all(
    sample_articles_dir, tmp_path, instance
):
    """An article added, one whose figures file lost a relation, one deleted: their metrics are
    computed again and only theirs; the table is what a new warehouse computes from the same
    folder. Another agreement tolerance computes every article's again."""
    published = tmp_path / "incremental" / "figures.duckdb"
    seed = sample_articles_dir / f"{SEED}.figures.yaml"

    def run(folder: Path, path: Path, **policy: float) -> tuple[list[str], list[tuple]]:
        result = materialize_in_process(instance, folder, path, QualityPolicy(**policy))
        assert result.success
        said = [
            entry.user_message
            for entry in instance.all_logs(result.run_id)
            if entry.step_key == "derived_metrics" and "derived metrics" in entry.user_message
        ]
        return said, read_warehouse(path, "SELECT * FROM derived_metrics ORDER BY metric_id")

    said, before = run(sample_articles_dir, published)
    assert said == ["every article's derived metrics computed"]
    constructed = {path.name.split(".")[0] for path in sample_articles_dir.glob("constructed-*")}
    assert {row[1] for row in before} == {SEED, *constructed}

    for suffix in (".md", ".figures.yaml"):
        shutil.copy(sample_articles_dir / f"{SEED}{suffix}", sample_articles_dir / f"copy{suffix}")
    curated = yaml.safe_load(seed.read_text(encoding="utf-8"))
    dropped = curated["relations"].pop()["id"]
    seed.write_text(yaml.safe_dump(curated, sort_keys=False), encoding="utf-8")
    for path in sample_articles_dir.glob("constructed-*"):
        path.unlink()

    said, after = run(sample_articles_dir, published)
    assert said == [
        "derived metrics computed again for 3 article(s) gathered again; the others kept"
    ]
    assert after == run(sample_articles_dir, tmp_path / "new" / "figures.duckdb")[1]
    assert {row[1] for row in after} == {SEED, "copy"}
    assert dropped not in {row[2] for row in after if row[1] == SEED}
    assert dropped in {row[2] for row in after if row[1] == "copy"}

    said, looser = run(sample_articles_dir, published, agreement_tolerance=0.5)
    assert said == ["every article's derived metrics computed"]
    new = tmp_path / "looser" / "figures.duckdb"
    assert looser == run(sample_articles_dir, new, agreement_tolerance=0.5)[1]
    assert looser != after  # the seed's gap of 0.08 agrees within 0.5: another severity


def test_held_back_metrics_are_replaced_with_their_articles_and_kept_with_the_others(tmp_path):
    def held_back(*article_ids: str) -> pd.DataFrame:
        findings = [
            Finding(
                rule="intervals_contain_values",
                source_file=f"{article_id}.figures.yaml",
                message="value outside its interval",
                article_id=article_id,
                item_id=f"{article_id}:r1:implied_baseline",
            )
            for article_id in article_ids
        ]
        return quarantine_rows({"derived_metrics": findings})

    settings = {"code": "1"}
    with locks.connect(tmp_path / "staging.duckdb") as conn:
        tables.ensure_schema(conn)
        derivation.replace_derived(
            conn, "derived_metrics", pd.DataFrame(), held_back("a", "b"), None, settings
        )
        assert derivation.articles_to_derive(conn, "derived_metrics", settings) == []
        assert derivation.articles_to_derive(conn, "derived_metrics", {"code": "2"}) is None

        derivation.replace_derived(
            conn, "derived_metrics", pd.DataFrame(), held_back("a"), ["a", "c"], settings
        )
        assert conn.execute(
            "SELECT article_id FROM quarantine WHERE stage = 'derived_metrics' ORDER BY 1"
        ).fetchall() == [("a",), ("b",)]

        derivation.replace_derived(
            conn, "derived_metrics", pd.DataFrame(), held_back(), None, settings
        )
        assert conn.execute("SELECT count(*) FROM quarantine").fetchall() == [(0,)]
