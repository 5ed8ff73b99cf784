"""Runs as the Dagster UI starts them: the job launched from its page, with no partition and no
config; and failed runs, after which each check still shows its latest findings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import pytest
from conftest import COUNCIL_ARTICLE, SEED
from dagster._core.loader import LoadingContextForTest
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionResolvedStatus

from core.batches import BATCHES, batch_of
from etl import assets
from etl.assets import DERIVED_STEP_ASSETS
from etl.definitions import MATERIALIZE_EVERYTHING, build_definitions
from etl.findings import CARRIED_FROM, CHECK_KEYS


def articles_counts(result: dg.ExecuteInProcessResult) -> dict[str, int]:
    [materialization] = result.asset_materializations_for_node("article_batches")
    return {
        name: materialization.metadata[f"articles_{name}"].value
        for name in ("processed", "removed", "unchanged")
    }


@pytest.fixture
def code_location(
    articles_dir: Path, duckdb_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., dg.Definitions]:
    """build_definitions, whose resources come from an environment naming the test's articles
    folder and warehouse."""
    monkeypatch.setenv("ETL_ARTICLES_DIR", str(articles_dir))
    monkeypatch.setenv("ETL_DUCKDB_PATH", str(duckdb_path))
    return build_definitions


def test_the_job_launched_with_no_partition_or_config_runs_what_changed_in_one_process(
    code_location, articles_dir: Path, duckdb_path: Path, instance: dg.DagsterInstance
) -> None:
    job = code_location().resolve_job_def(MATERIALIZE_EVERYTHING)
    assert job.executor_def is dg.in_process_executor  # one process, as the main command

    def launch() -> dg.ExecuteInProcessResult:
        """The job as its page launches it: no partition, no tags, no config."""
        result = job.execute_in_process(instance=instance, raise_on_error=False)
        assert result.success, [e.step_failure_data for e in result.all_events if e.is_step_failure]
        return result

    first = launch()  # nothing published yet: every batch
    assert articles_counts(first) == {"processed": 1, "removed": 0, "unchanged": 0}
    messages = [entry.user_message for entry in instance.all_logs(first.run_id)]
    assert f"{BATCHES} batch(es): 1 article(s) processed, 0 removed, 0 unchanged" in messages
    assert articles_counts(launch()) == {"processed": 0, "removed": 0, "unchanged": 0}
    (articles_dir / "council-buses.md").write_text(COUNCIL_ARTICLE, encoding="utf-8")
    assert articles_counts(launch())["processed"] == 1  # the batch of the new article only
    assert (duckdb_path.parent / "report.html").exists()


def shown_in_ui(
    instance: dg.DagsterInstance, key: dg.AssetCheckKey
) -> tuple[AssetCheckExecutionResolvedStatus, dg.AssetCheckEvaluation | None, str]:
    """A check's latest execution as the UI's checks tab shows it (GraphQL
    executionForLatestMaterialization): its status, evaluation and run."""
    record = instance.get_latest_asset_check_evaluation_record(key)
    assert record is not None, key
    context = LoadingContextForTest(instance)
    assert asyncio.run(record.targets_latest_materialization(context)), key
    return asyncio.run(record.resolve_status(context)), record.evaluation, record.run_id


def test_a_failed_run_leaves_the_latest_findings_of_every_check_in_view(
    articles_dir: Path,
    run_pipeline,
    instance: dg.DagsterInstance,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = run_pipeline()
    assert good.success
    found = {key: shown_in_ui(instance, key) for key in CHECK_KEYS}
    statuses = {status for status, _, _ in found.values()}
    assert statuses == {
        AssetCheckExecutionResolvedStatus.SUCCEEDED,
        AssetCheckExecutionResolvedStatus.FAILED,  # change_statements_agree warns on the seed
    }

    files = {path: path.read_bytes() for path in articles_dir.iterdir()}
    for path in files:
        path.unlink()  # an empty folder: the run is refused, its first step fails
    refused = run_pipeline()
    assert not refused.success
    for key, (status, evaluation, _) in found.items():
        now, kept, run_id = shown_in_ui(instance, key)
        assert (now, run_id) == (status, refused.run_id), key
        assert kept.metadata[CARRIED_FROM].value == good.run_id
        assert kept.metadata["failing_rows"] == evaluation.metadata["failing_rows"]
        assert kept.description == (
            f"Not evaluated in run {refused.run_id[:8]}, which failed before this check; the "
            f"latest findings, of run {good.run_id[:8]}: {evaluation.description}"
        )

    for path, data in files.items():
        path.write_bytes(data)

    def broken(*args, **kwargs):
        raise RuntimeError("the derived metrics could not be computed")

    monkeypatch.setattr(assets, "derive_metrics", broken)  # the tables are judged, then it fails
    failed = run_pipeline()
    assert not failed.success
    for key, (status, evaluation, _) in found.items():
        now, kept, run_id = shown_in_ui(instance, key)
        assert (now, run_id) == (status, failed.run_id), key
        if key.asset_key.to_user_string() in DERIVED_STEP_ASSETS:  # found by the good run still
            assert kept.metadata[CARRIED_FROM].value == good.run_id
            assert kept.description.endswith(f"of run {good.run_id[:8]}: {evaluation.description}")
            assert kept.description.count("Not evaluated") == 1
        else:  # evaluated by the failed run before it failed
            assert CARRIED_FROM not in kept.metadata
            assert kept.description == evaluation.description


def test_the_cluster_location_runs_one_batch_per_partition_in_a_backfill(
    code_location, instance: dg.DagsterInstance
) -> None:
    cluster = code_location(partitioned=True)
    batches = cluster.resolve_assets_def("article_batches")
    assert batches.partitions_def.get_partition_keys() == [str(b) for b in range(BATCHES)]
    assert batches.backfill_policy == dg.BackfillPolicy.multi_run(max_partitions_per_run=1)
    job = cluster.resolve_job_def(MATERIALIZE_EVERYTHING)
    assert job.executor_def is dg.multiprocess_executor

    def backfill_run(batch: int) -> dict[str, int]:
        """article_batches for one partition, as a backfill launches each run."""
        result = job.execute_in_process(
            instance=instance,
            partition_key=str(batch),
            asset_selection=[dg.AssetKey("article_batches")],
        )
        [materialization] = result.asset_materializations_for_node("article_batches")
        assert materialization.partition == str(batch)
        return articles_counts(result)

    seed = batch_of(SEED)
    assert backfill_run(seed) == {"processed": 1, "removed": 0, "unchanged": 0}
    assert backfill_run((seed + 1) % BATCHES) == {"processed": 0, "removed": 0, "unchanged": 0}
    assert backfill_run(seed) == {"processed": 0, "removed": 0, "unchanged": 1}
