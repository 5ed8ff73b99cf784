"""No change missed, no data lost silently: an edit that keeps a file's size and modification
time is processed; an empty, missing or sharply shrunk articles folder does not replace the
published warehouse unless the user says so; the warehouse cannot sit inside the articles
folder; an exported DAGSTER_HOME wins over the .env the command writes."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import ROOT, SEED, environment, materialize, read_warehouse
from dagster._cli.utils import _inject_local_env_file

from core import publication
from core.changes import ALLOW_SHRINK, Refused, refuse_unsafe_run, shrank, warehouse_inside
from etl import assets
from etl.__main__ import record_in_dotenv
from etl.assets import ALL_BATCHES
from etl.resources import (
    Corpus,
    QualityPolicy,
    SettingError,
    Warehouse,
    resources_from_environment,
)
from etl.sensors import article_files_sensor

TITLE = "title: Number of French Jihadist Recruits has Doubled Since 2013"
SAME_SIZE_TITLE = "title: Number of French Jihadist Recruits had Doubled Since 2013"


def edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Replace old by new (as long) in a file and set its times back, as `cp -p`, `rsync -t` or
    a restored backup leave a file."""
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def run(
    instance: dg.DagsterInstance, articles: Path, duckdb_path: Path, allow_shrink: bool = False
) -> dg.ExecuteInProcessResult:
    """Every asset in-process, as conftest.materialize_in_process, with allow_shrink."""
    return dg.materialize(
        dg.load_assets_from_modules([assets]),
        instance=instance,
        resources={
            "corpus": Corpus(articles_dir=str(articles)),
            "warehouse": Warehouse(duckdb_path=str(duckdb_path)),
            "policy": QualityPolicy(),
        },
        tags=ALL_BATCHES,
        run_config={"ops": {"article_batches": {"config": {"allow_shrink": allow_shrink}}}},
        raise_on_error=False,
    )


def failure(result: dg.ExecuteInProcessResult) -> str:
    """The description of the run's failed step."""
    [event] = [event for event in result.all_events if event.is_step_failure]
    return event.step_failure_data.user_failure_data.description


TITLE_QUERY = "SELECT title FROM articles"


# ---------------------------------------------------------------------------------------------
# No change missed


def test_an_edit_keeping_size_and_time_is_processed_in_process(
    articles_dir, duckdb_path, run_pipeline
):
    assert run_pipeline().success
    edit_keeping_size_and_time(articles_dir / f"{SEED}.md", TITLE, SAME_SIZE_TITLE)
    again = run_pipeline()
    assert again.success
    materialization = again.asset_materializations_for_node("article_batches")[0]
    assert materialization.metadata["articles_processed"].value == 1
    assert read_warehouse(duckdb_path, TITLE_QUERY) == [(SAME_SIZE_TITLE.removeprefix("title: "),)]


def test_an_edit_keeping_size_and_time_is_processed_by_the_command(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", articles)
    env = environment(tmp_path, ETL_ARTICLES_DIR=str(articles))
    assert materialize(env).returncode == 0
    edit_keeping_size_and_time(articles / f"{SEED}.md", TITLE, SAME_SIZE_TITLE)
    again = materialize(env)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert "Nothing to do" not in again.stdout and "succeeded" in again.stdout
    titles = read_warehouse(tmp_path / "figures.duckdb", TITLE_QUERY)
    assert (SAME_SIZE_TITLE.removeprefix("title: "),) in titles
    assert "Nothing to do" in materialize(env).stdout  # and then it is as recorded


def test_a_record_of_an_older_version_runs_every_batch(articles_dir, duckdb_path, run_pipeline):
    assert run_pipeline().success
    assert publication.published_record(duckdb_path) is not None
    with duckdb.connect(str(duckdb_path)) as conn:  # as published before inode was recorded
        conn.execute("ALTER TABLE sources DROP COLUMN inode")
    assert publication.published_record(duckdb_path) is None


# ---------------------------------------------------------------------------------------------
# Refuse to lose data silently


@pytest.mark.parametrize(
    ("files", "recorded", "refused"),
    [
        (0, None, False),  # nothing published yet
        (0, 0, False),
        (0, 1, True),  # an empty folder never replaces a warehouse with files
        (1, 4, False),  # a small warehouse may lose most of its files
        (5, 10, False),  # half is allowed
        (4, 10, True),
        (49_999, 100_000, True),
        (50_000, 100_000, False),
        (200, 100, False),
    ],
)
def test_the_shrink_rule(files: int, recorded: int | None, refused: bool) -> None:
    assert bool(shrank(files, recorded)) is refused


def test_an_empty_folder_does_not_replace_the_warehouse_unless_allowed(
    articles_dir, duckdb_path, instance, tmp_path
):
    assert run(instance, articles_dir, duckdb_path).success
    before = read_warehouse(duckdb_path, "SELECT count(*) FROM figures")
    away = tmp_path / "away"
    articles_dir.rename(away)
    articles_dir.mkdir()  # an empty mount point: the share is not mounted

    refused = run(instance, articles_dir, duckdb_path)
    assert not refused.success
    message = failure(refused)
    assert f"articles folder {articles_dir} holds no file" in message
    assert "built from 2" in message and ALLOW_SHRINK in message and "allow_shrink" in message
    assert read_warehouse(duckdb_path, "SELECT count(*) FROM figures") == before
    assert not any(e.is_step_start and e.step_key == "warehouse_tables" for e in refused.all_events)

    articles_dir.rmdir()
    away.rename(articles_dir)  # mounted again: nothing was lost, nothing to process
    again = run(instance, articles_dir, duckdb_path)
    assert again.success
    metadata = again.asset_materializations_for_node("article_batches")[0].metadata
    assert metadata["articles_processed"].value == 0

    for path in articles_dir.iterdir():
        path.unlink()
    assert run(instance, articles_dir, duckdb_path, allow_shrink=True).success
    assert read_warehouse(duckdb_path, "SELECT count(*) FROM articles") == [(0,)]


def test_a_sharply_shrunk_folder_is_refused_and_the_sensor_starts_no_run(
    articles_dir, duckdb_path, instance
):
    for n in range(10):
        (articles_dir / f"note-{n}.md").write_text(f"no front matter {n}\n", encoding="utf-8")
    assert run(instance, articles_dir, duckdb_path).success  # 12 files
    for n in range(7):
        (articles_dir / f"note-{n}.md").unlink()  # 5 left
    with pytest.raises(Refused, match="holds 5 file"):
        refuse_unsafe_run(articles_dir, duckdb_path)
    refuse_unsafe_run(articles_dir, duckdb_path, allow_shrink=True)
    resources = {
        "corpus": Corpus(articles_dir=str(articles_dir)),
        "warehouse": Warehouse(duckdb_path=str(duckdb_path)),
        "policy": QualityPolicy(),
    }
    with dg.build_sensor_context(resources=resources) as context:
        tick = article_files_sensor(context)
    assert isinstance(tick, dg.SkipReason)
    assert "holds 5 file(s), fewer than 50% of the 12" in tick.skip_message
    shutil.rmtree(articles_dir)
    with dg.build_sensor_context(resources=resources) as context:
        tick = article_files_sensor(context)
    assert isinstance(tick, dg.SkipReason) and "does not exist" in tick.skip_message


def test_the_command_refuses_an_empty_folder_and_says_how_to_go_on(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", articles)
    env = environment(tmp_path, ETL_ARTICLES_DIR=str(articles))
    assert materialize(env).returncode == 0
    for path in articles.iterdir():
        path.unlink()
    refused = materialize(env)
    assert refused.returncode == 1
    assert f"step article_batches failed: the articles folder {articles} holds no file" in (
        refused.stdout
    )
    assert f"python -m etl materialize {ALLOW_SHRINK}" in refused.stdout
    assert read_warehouse(tmp_path / "figures.duckdb", "SELECT count(*) FROM articles") == [(2,)]

    articles.rmdir()
    missing = materialize(env)
    assert missing.returncode == 1
    assert f"error: articles folder {articles} does not exist (a share" in missing.stderr
    assert "the published warehouse is kept as it is" in missing.stderr
    assert "Traceback" not in missing.stderr
    articles.mkdir()

    done = materialize_with(env, ALLOW_SHRINK)
    assert done.returncode == 0, done.stdout[-2000:]
    assert read_warehouse(tmp_path / "figures.duckdb", "SELECT count(*) FROM articles") == [(0,)]


def materialize_with(env: dict[str, str], *flags: str) -> subprocess.CompletedProcess:
    """`python -m etl materialize` with flags, in the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "etl", "materialize", *flags],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_warehouse_cannot_sit_inside_the_articles_folder(
    articles_dir, instance, tmp_path, monkeypatch
):
    inside = articles_dir / "warehouse" / "figures.duckdb"
    assert str(articles_dir) in warehouse_inside(articles_dir, inside)
    assert warehouse_inside(articles_dir, articles_dir / "figures.duckdb")  # the folder itself
    assert warehouse_inside(articles_dir, tmp_path / "figures.duckdb") is None

    result = run(instance, articles_dir, inside)
    assert not result.success
    assert f"the warehouse folder {inside.parent}" in failure(result)
    assert not inside.parent.exists()  # nothing written there

    monkeypatch.setenv("ETL_ARTICLES_DIR", str(articles_dir))
    monkeypatch.setenv("ETL_DUCKDB_PATH", str(inside))
    with pytest.raises(SettingError, match="inside the articles folder"):
        resources_from_environment()
    refused = materialize(
        environment(tmp_path, ETL_ARTICLES_DIR=str(articles_dir), ETL_DUCKDB_PATH=str(inside))
    )
    assert refused.returncode == 2
    assert f"error: the warehouse folder {inside.parent}" in refused.stderr
    assert f"articles folder {articles_dir}" in refused.stderr


# ---------------------------------------------------------------------------------------------
# .env: an exported DAGSTER_HOME wins


def dagster_dev_home(folder: Path, exported: str | None, monkeypatch) -> str | None:
    """The DAGSTER_HOME `dagster dev` uses when started in folder (it loads folder/.env over the
    environment, with dagster's own function), given what the user exported."""
    monkeypatch.chdir(folder)
    if exported is None:
        monkeypatch.delenv("DAGSTER_HOME", raising=False)
    else:
        monkeypatch.setenv("DAGSTER_HOME", exported)
    with _inject_local_env_file(logging.getLogger("test")):
        return os.environ.get("DAGSTER_HOME")


def test_an_exported_dagster_home_wins_over_the_dotenv_the_command_writes(tmp_path, monkeypatch):
    default = tmp_path / "repo" / ".dagster_home"
    dotenv = tmp_path / ".env"
    dotenv.write_text("OTHER=1\n")
    record_in_dotenv(default, dotenv)
    record_in_dotenv(default, dotenv)  # once only
    assert dotenv.read_text() == f'OTHER=1\nDAGSTER_HOME="${{DAGSTER_HOME:-{default}}}"\n'
    assert dagster_dev_home(tmp_path, None, monkeypatch) == str(default)
    assert dagster_dev_home(tmp_path, "/my/home", monkeypatch) == "/my/home"

    dotenv.write_text(f"DAGSTER_HOME={default}\n")  # as an earlier version wrote it
    assert dagster_dev_home(tmp_path, "/my/home", monkeypatch) == str(default)  # the bug
    record_in_dotenv(default, dotenv, add=False)  # mended, even when the user exports one
    assert dagster_dev_home(tmp_path, "/my/home", monkeypatch) == "/my/home"

    dotenv.write_text("DAGSTER_HOME=/chosen\n")  # a line the user wrote is theirs
    record_in_dotenv(default, dotenv)
    assert dotenv.read_text() == "DAGSTER_HOME=/chosen\n"
    empty = tmp_path / "empty.env"
    record_in_dotenv(default, empty, add=False)  # exported, nothing to mend: nothing written
    assert not empty.exists()
