"""The commands a user runs: `python -m etl materialize`, `dagster dev`, and the README."""

from __future__ import annotations

import os

import dagster as dg
import pytest
from conftest import (
    COUNCIL_ARTICLE,
    copy_articles,
    dagster_dev,
    environment,
    graphql,
    listening_addresses,
    materialize,
)

from core.batches import BATCHES, batch_of
from etl.assets import BATCHES_TAG
from schemas.reference import PAGE, with_reference


def test_materialize_summarises_the_run_and_a_rerun_starts_no_run_until_something_changes(
    tmp_path,
):
    """The first run exits 0 when checks only warn and sums itself up; run again, the command
    starts no run until a file, a setting or the code changed (one test, so that one first run
    serves both)."""
    articles = copy_articles(tmp_path)
    env = environment(tmp_path, ETL_ARTICLES_DIR=str(articles))
    done = materialize(env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "succeeded" in done.stdout
    assert "figures 11" in done.stdout and "derived_metrics 11" in done.stdout
    assert "figures: 5 hold, 2 contradicted, 0 held back, 4 unchecked" in done.stdout
    assert "checks: 32 passed, 9 judged nothing, 1 warned, 0 failed" in done.stdout
    assert "WARNED change_statements_agree on derived_metrics" in done.stdout
    assert str(tmp_path / "figures.duckdb") in done.stdout
    assert (tmp_path / "figures.duckdb").exists()
    published = (tmp_path / "figures.duckdb").stat().st_ino

    again = materialize(env)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "Nothing to do:" in again.stdout and "no run started" in again.stdout
    assert "checks of the run that built it (" in again.stdout
    assert "32 passed, 9 judged nothing, 1 warned, 0 failed" in again.stdout
    assert (tmp_path / "figures.duckdb").stat().st_ino == published  # not published again
    assert len(runs(env)) == 1

    (articles / "council-buses.md").write_text(COUNCIL_ARTICLE, encoding="utf-8")
    added = materialize(env)
    assert "succeeded" in added.stdout and "articles 2," in added.stdout
    batch = str(batch_of("council-buses"))
    assert runs(env)[0].tags[BATCHES_TAG] == batch  # only the batch of the new article

    tighter = {**env, "ETL_AGREEMENT_TOLERANCE": "0.01"}
    assert "succeeded" in materialize(tighter).stdout  # another setting: a run of every batch
    assert runs(env)[0].tags[BATCHES_TAG] == ",".join(map(str, range(BATCHES)))
    assert "Nothing to do:" in materialize(tighter).stdout
    os.utime(tmp_path / "report.html", ns=(1, 1))  # as if the last run had failed before it
    assert "succeeded" in materialize(tighter).stdout
    assert len(runs(env)) == 4


def runs(env: dict[str, str]) -> list[dg.DagsterRun]:
    """The runs recorded in the command's Dagster instance, the latest first."""
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        return list(instance.get_runs())


def test_materialize_exits_non_zero_and_says_why_when_the_run_fails(tmp_path):
    missing = tmp_path / "no-such-folder"
    done = materialize(environment(tmp_path, ETL_ARTICLES_DIR=str(missing)))
    assert done.returncode == 1
    assert "FAILED" in done.stdout
    assert f"articles folder {missing} does not exist" in done.stdout


ASSETS_QUERY = """{ assetNodes { assetKey { path } groupName kinds description
  dependencyKeys { path }
  assetChecksOrError { ... on AssetChecks { checks { name description } } } } }"""


@pytest.mark.parametrize("flags", [[], ["-m", "etl.definitions"]], ids=["no flags", "-m"])
def test_dagster_dev_in_the_repository_root_finds_the_code(tmp_path, flags):
    with dagster_dev(environment(tmp_path), flags) as port:
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only, by default
        nodes = graphql(port, ASSETS_QUERY)["assetNodes"]
        assets = {"/".join(n["assetKey"]["path"]): n for n in nodes}
        files = {key for key in assets if key.startswith("reference_files/")}  # the folder's
        assert set(assets) - files == {
            "article_batches",
            "sources",
            "articles",
            "figures",
            "non_figures",
            "relations",
            "mentions",
            "reference_tables",
            "reference_values",
            "derived_metrics",
            "reference_matches",
            "measure_proposals",
            "published_warehouse",
            "quality_report",
        }
        assert [d["path"] for d in assets["derived_metrics"]["dependencyKeys"]] == [
            ["figures"],
            ["relations"],
        ]
        for node in nodes:
            assert node["description"] and node["groupName"] and node["kinds"]
            for check in node["assetChecksOrError"].get("checks", []):
                assert check["description"]


def test_the_table_reference_page_matches_the_models():
    page = PAGE.read_text(encoding="utf-8")
    assert page == with_reference(page), f"run `python -m schemas` to rewrite {PAGE.name}"


def test_a_bad_setting_stops_the_command_with_its_name_and_no_run(tmp_path):
    env = environment(tmp_path, ETL_ARTICLES_DIR=str(copy_articles(tmp_path)), ETL_WORKERS="0")
    done = materialize(env)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "error: ETL_WORKERS must be a whole number from 1 (processes); found '0'"
    )
    assert not (tmp_path / "figures.duckdb").exists()
