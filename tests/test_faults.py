"""Faults and concurrent use: two runs at once, a run killed at any moment, leftovers of killed
runs, and a user's SQL shell holding the warehouse open during a run. Nothing is lost: the
published tables are always a whole run's, and the next run completes what a killed one left."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import dagster as dg
import duckdb
import pandas as pd
import pytest
from conftest import (
    COUNCIL_ARTICLE,
    ROOT,
    SEED,
    copy_articles,
    environment,
    materialize,
    materialize_in_process,
)

from benchmarks import generate
from core import pipeline
from core.batches import BATCHES
from core.derivation import replace_derived
from core.gathering import assemble
from core.locks import connect, hold, holder_of, lock_path
from core.publication import StagingChanged, publish, staging_path, staging_paths
from core.tables import ensure_schema
from schemas import TABLES

COUNCIL = COUNCIL_ARTICLE
SHELL = Path(sys.executable).with_name("duckdb")


@dataclass
class Run:
    """A started `python -m etl materialize`, its output going to a file."""

    process: subprocess.Popen
    log: Path
    output: IO[str]

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = 120) -> None:
        """Until its output contains text (it must not exit before)."""
        deadline = time.monotonic() + timeout
        while text not in self.text():
            assert self.process.poll() is None, f"exited before {text!r}:\n{self.text()[-3000:]}"
            assert time.monotonic() < deadline, (
                f"no {text!r} in {timeout} s:\n{self.text()[-3000:]}"
            )
            time.sleep(0.02)

    def finish(self, timeout: float = 300) -> tuple[int, str]:
        """Its exit code and whole output, once it exits."""
        try:
            code = self.process.wait(timeout=timeout)
        finally:
            self.output.close()
        return code, self.text()

    def kill(self) -> None:
        """SIGKILL to it and every process it started (it leads its own process group)."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.output.close()


def start(env: dict[str, str], log: Path) -> Run:
    output = log.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "materialize"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: killed whole, with any worker
    )
    return Run(process, log, output)


def steps_started(instance: dg.DagsterInstance) -> list[str]:
    """The steps the latest run of an instance has started, from its event log."""
    runs = instance.get_runs(limit=1)
    if not runs:
        return []
    events = instance.all_logs(runs[0].run_id, of_type=dg.DagsterEventType.STEP_START)
    return [event.step_key for event in events]


def wait_for_step(run: Run, instance: dg.DagsterInstance, step: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while step not in steps_started(instance):
        assert run.process.poll() is None, f"exited before {step}:\n{run.text()[-3000:]}"
        assert time.monotonic() < deadline, f"no {step} in {timeout} s:\n{run.text()[-3000:]}"
        time.sleep(0.05)


def processed(result: dg.ExecuteInProcessResult) -> int:
    """How many articles a run's article_batches step processed."""
    [materialization, *_] = result.asset_materializations_for_node("article_batches")
    return materialization.metadata["articles_processed"].value


def published(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every table of a warehouse file, rows sorted. The times and inodes of `sources` are left
    out: copies of one folder have other ones, and runs process them at other times."""
    with duckdb.connect(str(path), read_only=True) as conn:
        tables = {}
        for table in TABLES:
            columns = "*"
            if table == "sources":
                columns = "* EXCLUDE (modified_ns, inode, changed_ns, processed_at)"
            tables[table] = conn.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
        return tables


def without_history(tables: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return {table: rows for table, rows in tables.items() if table != "check_history"}


# --------------------------------------------------------------------------------------------
# Two runs at once


def test_two_runs_at_once_wait_for_each_other_say_so_and_lose_nothing(tmp_path):
    """Two commands started at once on one folder and warehouse. Their article_batches steps
    meet at the batch files; the test holds the staging file until both wait there, so that
    they surely meet there too, then lets go: one goes on, the other waits for it."""
    env = environment(tmp_path, ETL_ARTICLES_DIR=str(copy_articles(tmp_path)))
    staging = staging_path(tmp_path / "figures.duckdb")
    with hold(staging):  # line both runs up at the staging file, so that they meet there
        runs = [start(env, tmp_path / f"run-{n}.log") for n in range(2)]
        for run in runs:
            run.wait_for(f"waiting for {staging.name}: another run is using it (pid {os.getpid()}")
    # released: one run takes the staging file; the other waits on, and says who has it now
    (first, first_output), (second, second_output) = [run.finish() for run in runs]
    assert first == 0 and second == 0, first_output[-3000:] + second_output[-3000:]
    a, b = (run.process.pid for run in runs)
    said = f"still waiting for {staging.name}: now in use by pid"
    assert f"{said} {a} " in second_output or f"{said} {b} " in first_output
    assert "ETL_LOCK_TIMEOUT" in first_output
    assert f"got {staging.name} after waiting" in first_output
    warehouse = tmp_path / "figures.duckdb"
    for table, rows in {
        "articles": 1,
        "figures": 11,
        "mentions": 16,
        "derived_metrics": 11,
    }.items():
        assert published(warehouse, f"SELECT count(*) FROM {table}") == [(rows,)]
    # the run that published last gathered after the other: both runs' checks are there
    assert published(warehouse, "SELECT count(DISTINCT run_id) FROM check_history") == [(2,)]


def test_a_run_that_waits_too_long_fails_naming_the_file_and_the_setting(tmp_path):
    env = environment(tmp_path, ETL_ARTICLES_DIR=str(copy_articles(tmp_path)), ETL_LOCK_TIMEOUT="1")
    staging = staging_path(tmp_path / "figures.duckdb")
    with hold(staging):
        done = materialize(env)
    assert done.returncode == 1
    assert "FAILED" in done.stdout
    # said plainly: the message, not the exception's class (etl.assets.said_plainly)
    assert (
        f"step warehouse_tables failed: {staging} is still in use by another run "
        f"(pid {os.getpid()} on " in done.stdout
    )
    assert "ETL_LOCK_TIMEOUT=1 seconds now" in done.stdout
    assert not (tmp_path / "figures.duckdb").exists()  # nothing was published


def test_a_wait_is_said_in_the_run_log(tmp_path):
    env = environment(tmp_path, ETL_ARTICLES_DIR=str(copy_articles(tmp_path)))
    staging = staging_path(tmp_path / "figures.duckdb")
    with hold(staging):
        run = start(env, tmp_path / "run.log")
        run.wait_for(f"waiting for {staging.name}")
    code, output = run.finish()
    assert code == 0, output[-3000:]
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:  # as the UI shows it
        [record] = instance.get_runs()
        messages = [entry.user_message for entry in instance.all_logs(record.run_id)]
    waits = [m for m in messages if m.startswith(f"waiting for {staging.name}")]
    assert len(waits) == 1, messages
    assert f"(pid {os.getpid()} on " in waits[0] and str(staging) in waits[0]
    assert any(m.startswith(f"got {staging.name} after waiting") for m in messages)


def test_a_lock_is_reentrant_in_a_process_and_names_its_holder(tmp_path):
    path = tmp_path / "file.duckdb"
    with hold(path), hold(path, timeout=0):  # the same process: no wait
        assert holder_of(path).startswith(f"pid {os.getpid()} on ")
        other = subprocess.run(
            [sys.executable, "-c",
             "import sys; from pathlib import Path; from core.locks import hold\n"
             "with hold(Path(sys.argv[1]), timeout=0.5): pass", str(path)],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
    assert other.returncode == 1
    assert f"{path} is still in use by another run (pid {os.getpid()} on " in other.stderr
    with hold(path, timeout=0):  # released: free at once
        pass


def test_publication_refuses_metrics_computed_before_the_tables_changed(articles_dir, tmp_path):
    """Steps of two runs interleaved under a multiprocess executor: run A derives its metrics,
    run B gathers changed batches, then A publishes. A must not pair B's tables with its own
    metrics; B's metrics, computed after, are published."""
    published_file = tmp_path / "figures.duckdb"
    staging = staging_path(published_file)
    batch_files = {batch: tmp_path / f"batch-{batch}.duckdb" for batch in range(BATCHES)}

    def gather() -> None:  # warehouse_tables, in short
        pipeline.update_batches(batch_files, articles_dir, 0.1)
        with connect(staging) as conn:
            ensure_schema(conn)
            assemble(conn, batch_files, published_file)

    def derive() -> None:  # derived_metrics, in short
        with connect(staging) as conn:
            replace_derived(conn, "derived_metrics", pd.DataFrame(), pd.DataFrame(), None, {})

    gather()
    derive()  # run A
    (articles_dir / "council-buses.md").write_text(COUNCIL, encoding="utf-8")
    gather()  # run B
    with pytest.raises(StagingChanged, match="another run gathered the batches again after"):
        publish(published_file, {})  # run A
    assert not published_file.exists()
    derive()  # run B
    publish(published_file, {})
    assert published(published_file, "SELECT count(DISTINCT article_id) FROM articles") == [(2,)]


# --------------------------------------------------------------------------------------------
# Killed at any moment

GENERATED = 160  # articles besides the seed: steps that take a moment, to be killed in
RETITLED = 60  # of them changed before the run that is killed


@dataclass
class Baseline:
    """A folder and warehouse after one run, and what an uninterrupted second run (after the
    change) publishes."""

    folder: Path
    before: dict[str, list[tuple]]
    after: dict[str, list[tuple]]


def change(articles: Path) -> None:
    """Work for the next run: a new article, an edited one, and many retitled."""
    (articles / "council-buses.md").write_text(COUNCIL, encoding="utf-8")
    seed = articles / f"{SEED}.md"
    seed.write_text(seed.read_text().replace("title:", "title: (updated)", 1), encoding="utf-8")
    for path in sorted(articles.glob("*.md"))[:RETITLED]:
        if path.stem not in (SEED, "council-buses"):
            path.write_text(path.read_text().replace("title: ", "title: Revised ", 1))


def copy_baseline(baseline: Baseline, folder: Path) -> tuple[Path, Path, dict[str, str]]:
    """The baseline's articles and warehouse copied into folder, with the change applied: the
    articles folder, the warehouse file and the environment of a run on them."""
    shutil.copytree(baseline.folder / "articles", folder / "articles")
    shutil.copytree(baseline.folder / "warehouse", folder / "warehouse")
    change(folder / "articles")
    warehouse = folder / "warehouse" / "figures.duckdb"
    env = environment(
        folder, ETL_ARTICLES_DIR=str(folder / "articles"), ETL_DUCKDB_PATH=str(warehouse)
    )
    return folder / "articles", warehouse, env


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    folder = tmp_path_factory.mktemp("baseline")
    articles = copy_articles(folder)
    generate.write(articles, GENERATED, seed=11, curated_share=0.1)
    warehouse = folder / "warehouse" / "figures.duckdb"
    with dg.instance_for_test() as instance:
        assert materialize_in_process(instance, articles, warehouse).success
        before = snapshot(warehouse)
        articles, expected, _ = copy_baseline(
            Baseline(folder, before, {}), tmp_path_factory.mktemp("uninterrupted")
        )
        assert materialize_in_process(instance, articles, expected).success
    return Baseline(folder, before, snapshot(expected))


@pytest.mark.parametrize(
    ("step", "delay"),
    [
        ("article_batches", 1.0),  # the step takes about 2.5 s here, warehouse_tables 1.8 s,
        ("warehouse_tables", 0.5),  # derived_metrics 0.5 s, published_warehouse 0.15 s
        ("derived_metrics", 0.2),
        ("published_warehouse", 0.05),
    ],
)
def test_a_run_killed_at_any_moment_leaves_the_published_tables_as_they_were(
    baseline, tmp_path, instance, step, delay
):
    articles, warehouse, env = copy_baseline(baseline, tmp_path)
    run = start(env, tmp_path / "killed.log")
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as its_instance:
        wait_for_step(run, its_instance, step)
        time.sleep(delay)
        run.kill()
        publishing = "published_warehouse" in steps_started(its_instance)

    tables = snapshot(warehouse)  # it opens, read-only, as a user opens it
    if not publishing:
        assert tables == baseline.before
    else:  # killed while publishing: the old file or the whole new one, nothing between
        assert tables == baseline.before or (
            without_history(tables) == without_history(baseline.after)
        )

    result = materialize_in_process(instance, articles, warehouse)  # completes what was left
    assert result.success
    tables = snapshot(warehouse)
    assert without_history(tables) == without_history(baseline.after)
    assert set(baseline.before["check_history"]) <= set(tables["check_history"])  # kept
    [(title,)] = published(warehouse, "SELECT title FROM articles WHERE article_id = ?", [SEED])
    assert title.startswith("(updated)")

    again = materialize_in_process(instance, articles, warehouse)  # nothing left to do
    assert again.success and processed(again) == 0
    assert without_history(snapshot(warehouse)) == without_history(baseline.after)


def test_leftovers_of_killed_runs_do_not_break_the_next_run(duckdb_path, run_pipeline, query):
    assert run_pipeline().success
    folder = duckdb_path.parent
    partial = folder / f".{duckdb_path.name}.999999.partial"  # a copy a killed run left
    partial.write_bytes(b"half a DuckDB file")
    report = folder / ".report.html.999999.partial"
    report.write_text("<html>half")
    os.utime(report, (time.time() - 3600, time.time() - 3600))
    locks = [lock_path(staging_path(duckdb_path))]
    locks += [lock_path(path) for path in sorted((folder / "batches").glob("*.duckdb"))]
    for lock in locks:  # lock files whose holder was killed (pid 999999 is not running)
        lock.write_text("pid 999999 on elsewhere, Dagster run killed, since yesterday\n")

    assert run_pipeline().success
    assert not partial.exists() and not report.exists()
    assert query("SELECT count(*) FROM figures") == [(11,)]
    assert holder_of(staging_path(duckdb_path)).startswith(f"pid {os.getpid()} on ")


# --------------------------------------------------------------------------------------------
# A user's SQL shell holding the warehouse open


class Shell:
    """The real `duckdb` shell, read-only on a file, fed statements on its standard input."""

    def __init__(self, path: Path, folder: Path):
        self.folder = folder
        self.asked = 0
        self.process = subprocess.Popen(
            [str(SHELL), "-readonly", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.send(".mode csv\n.headers off\n")

    def send(self, text: str) -> None:
        self.process.stdin.write(text)
        self.process.stdin.flush()

    def ask(self, sql: str, timeout: float = 30) -> str:
        """The answer to one query, through a file the shell writes once and closes."""
        self.asked += 1
        answer = self.folder / f"answer-{self.process.pid}-{self.asked}.csv"
        done = self.folder / f"done-{self.process.pid}-{self.asked}.csv"
        self.send(f".once {answer}\n{sql};\n.once {done}\nSELECT 'done';\n")
        deadline = time.monotonic() + timeout
        while not (done.exists() and done.read_text().strip() == "done"):
            assert self.process.poll() is None, f"the shell exited: {self.process.stdout.read()}"
            assert time.monotonic() < deadline, "the shell did not answer"
            time.sleep(0.02)
        return answer.read_text().strip()

    def close(self) -> str:
        self.process.stdin.close()
        output = self.process.stdout.read()
        self.process.wait(timeout=30)
        return output


@pytest.fixture
def shell_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "shell"
    folder.mkdir()
    yield folder


@pytest.mark.parametrize("reader", ["duckdb shell", "this process"])
def test_a_reader_of_an_older_version_keeps_it_while_runs_go_on(
    reader, articles_dir, duckdb_path, run_pipeline, query, shell_folder
):
    """The two staging files are written in turn: a reader still open on the version of two
    runs ago holds the file the third run would write. That run writes a copy of the published
    file instead; the reader keeps its version, whole, and no run writes the file it reads."""
    assert run_pipeline().success
    opened = duckdb_path.stat().st_ino
    shell = Shell(duckdb_path, shell_folder) if reader == "duckdb shell" else None
    conn = duckdb.connect(str(duckdb_path), read_only=True) if shell is None else None

    def figures() -> str:
        if shell is not None:
            return shell.ask("SELECT count(*) FROM figures")
        return str(conn.execute("SELECT count(*) FROM figures").fetchone()[0])

    try:
        assert figures() == "11"
        for n in range(2):  # the second run writes the other staging file, the third this one
            text = COUNCIL.replace("12 bus routes", f"{20 + n} bus routes")
            (articles_dir / f"council-{n}.md").write_text(text, encoding="utf-8")
            assert run_pipeline().success
            assert figures() == "11"
    finally:
        output = shell.close() if shell is not None else conn.close()
    assert "Error" not in (output or ""), output
    assert query("SELECT count(*) FROM figures") == [(15,)]
    assert opened not in {path.stat().st_ino for path in staging_paths(duckdb_path)}


def test_a_duckdb_shell_holding_the_warehouse_open_keeps_working_during_a_run(
    articles_dir, duckdb_path, run_pipeline, shell_folder, tmp_path
):
    assert run_pipeline().success
    shell = Shell(duckdb_path, shell_folder)
    try:
        assert shell.ask("SELECT count(*) FROM figures") == "11"
        (articles_dir / "council-buses.md").write_text(COUNCIL, encoding="utf-8")
        env = environment(
            tmp_path, ETL_ARTICLES_DIR=str(articles_dir), ETL_DUCKDB_PATH=str(duckdb_path)
        )
        run = start(env, tmp_path / "run.log")
        answers = []
        while run.process.poll() is None:  # the shell answers all through the run
            answers.append(shell.ask("SELECT count(*) FROM figures"))
        code, output = run.finish()
        assert code == 0, output[-3000:]
        assert len(answers) >= 3 and set(answers) == {"11"}  # the version it opened, whole
        assert shell.ask("SELECT count(*) FROM figures") == "11"
    finally:
        shell_output = shell.close()
    assert "Error" not in shell_output, shell_output
    fresh = Shell(duckdb_path, shell_folder)  # reopened: the new version
    try:
        assert fresh.ask("SELECT count(*) FROM figures") == "13"
    finally:
        fresh.close()
