"""Fixtures: a copy of the sample articles, a throwaway Dagster instance, and a pipeline runner;
runs of the pipeline made once per session for the tests that only read them (`seed_run`,
`sample_run`); helpers for the commands a user runs (`python -m etl materialize`, `dagster
dev`)."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import dagster as dg
import duckdb
import pytest

from core.folder import DEFAULT_MAX_FILE_BYTES
from etl.__main__ import prepare_dagster_home
from etl.assets import ALL_BATCHES, pipeline_assets
from etl.resources import DEFAULT_ARTICLES_DIR, ROOT, Corpus, QualityPolicy, Warehouse

SEED = "vice-2014-12-french-jihadist-recruits"
# A small valid article (no figures file) that tests put beside the seed
COUNCIL_ARTICLE = """---
title: Council adds bus routes
outlet: Example Gazette
published: 2024-03
language: en
---
The council will add 12 bus routes next year, and about 300 drivers will be hired.
"""


def copy_articles(folder: Path, everything: bool = False) -> Path:
    """A copy of the seed article and its figures file under folder (the tests' counts are the
    seed's); with everything, of the whole data/articles folder (the constructed article too)."""
    copy = folder / "articles"
    if everything:
        shutil.copytree(DEFAULT_ARTICLES_DIR, copy)
        return copy
    copy.mkdir(parents=True)
    for name in (f"{SEED}.md", f"{SEED}.figures.yaml"):
        shutil.copy2(DEFAULT_ARTICLES_DIR / name, copy / name)
    return copy


def materialize_in_process(
    instance: dg.DagsterInstance,
    articles_dir: Path,
    duckdb_path: Path,
    policy: QualityPolicy | None = None,
    reprocess_all: bool = False,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> dg.ExecuteInProcessResult:
    """Materialize every asset in-process, from articles_dir into the warehouse at duckdb_path
    (with the default quality policy and file size limit unless given; reprocess_all as
    `--reprocess-all`)."""
    return dg.materialize(
        pipeline_assets(),
        instance=instance,
        resources={
            "corpus": Corpus(articles_dir=str(articles_dir), max_file_bytes=max_file_bytes),
            "warehouse": Warehouse(duckdb_path=str(duckdb_path)),
            "policy": policy or QualityPolicy(),
        },
        tags=ALL_BATCHES,  # one run over every batch of articles, as `python -m etl` runs it
        run_config={"ops": {"article_batches": {"config": {"reprocess_all": reprocess_all}}}},
        raise_on_error=False,
    )


@dataclass
class Materialized:
    """One in-process run of the pipeline: its result (events kept in memory) and the warehouse
    it published. Shared by every test that asks for it: read it, never change it."""

    result: dg.ExecuteInProcessResult
    duckdb_path: Path

    @functools.cached_property
    def evaluations(self) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
        """The run's check evaluations keyed by (asset, check name)."""
        return {
            (e.asset_key.to_user_string(), e.check_name): e
            for e in self.result.get_asset_check_evaluations()
        }

    def query(self, text: str, params: list | None = None) -> list[tuple]:
        return read_warehouse(self.duckdb_path, text, params)

    def failure_cases(self, asset: str, check: str) -> list[dict]:
        metadata = self.evaluations[asset, check].metadata
        return metadata["failure_cases"].value if "failure_cases" in metadata else []


def materialized(folder: Path, everything: bool) -> Materialized:
    """The pipeline run once, on its own instance, over a copy of the seed article (with
    everything, of every sample article) under folder."""
    articles = copy_articles(folder, everything)
    duckdb_path = folder / "warehouse" / "figures.duckdb"
    with dg.instance_for_test() as instance:
        return Materialized(materialize_in_process(instance, articles, duckdb_path), duckdb_path)


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Materialized:
    """The seed article through the pipeline, once per session (per test process)."""
    return materialized(tmp_path_factory.mktemp("seed-run"), everything=False)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Materialized:
    """Every article of data/articles through the pipeline, once per session (per test
    process)."""
    return materialized(tmp_path_factory.mktemp("sample-run"), everything=True)


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A copy of the seed article that a test may change."""
    return copy_articles(tmp_path)


@pytest.fixture
def sample_articles_dir(tmp_path: Path) -> Path:
    """A copy of every article of data/articles (the seed and the constructed restatement)."""
    return copy_articles(tmp_path / "sample", everything=True)


@pytest.fixture
def duckdb_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "figures.duckdb"


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as instance:
        yield instance


@pytest.fixture
def run_pipeline(
    articles_dir: Path, duckdb_path: Path, instance: dg.DagsterInstance
) -> Callable[..., dg.ExecuteInProcessResult]:
    """Materialize every asset in-process into the temporary warehouse (keywords as for
    `materialize_in_process`)."""

    def run(**settings: Any) -> dg.ExecuteInProcessResult:
        return materialize_in_process(instance, articles_dir, duckdb_path, **settings)

    return run


@pytest.fixture
def query(duckdb_path: Path) -> Callable[..., list[tuple]]:
    """Run a query on the published warehouse, read-only, as a user would."""
    return functools.partial(read_warehouse, duckdb_path)


def described(evaluation: dg.AssetCheckEvaluation) -> str:
    """A check's description as the UI shows it: its Markdown escapes undone."""
    return re.sub(r"\\(.)", r"\1", evaluation.description or "")


def read_warehouse(duckdb_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """The rows of a query on the warehouse file, opened read-only as a user would."""
    with duckdb.connect(str(duckdb_path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def dagster_home(folder: Path) -> Path:
    """A DAGSTER_HOME under folder whose instance has telemetry off."""
    return prepare_dagster_home(folder / "dagster_home")


def environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """The environment of a command: its own DAGSTER_HOME and warehouse under tmp_path."""
    return {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home(tmp_path)),
        "ETL_DUCKDB_PATH": str(tmp_path / "figures.duckdb"),
        **overrides,
    }


def materialize(env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python -m etl materialize` in the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "etl", "materialize"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    """The data of a GraphQL query (or mutation) to the Dagster webserver on port."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


@dataclass
class DagsterDev:
    """A started `dagster dev`: its process (leader of its own process group), its port, and a
    file that keeps its output for error messages."""

    process: subprocess.Popen
    port: int
    output: IO[bytes]

    def wait_until_ready(self, timeout: float = 120) -> int:
        """Its port, once its code location is loaded (its GraphQL API lists assets)."""
        deadline = time.monotonic() + timeout
        while True:
            with suppress(OSError, KeyError, TypeError):
                if graphql(self.port, "{ assetNodes { id } }")["assetNodes"]:
                    return self.port
            assert self.process.poll() is None, f"dagster dev exited early:\n{self.tail()}"
            assert time.monotonic() < deadline, (
                f"dagster dev did not answer in {timeout:.0f} s:\n{self.tail()}"
            )
            time.sleep(0.5)

    def tail(self, size: int = 3000) -> str:
        self.output.seek(0)
        return self.output.read().decode(errors="replace")[-size:]


# dagster dev gives its webserver and its daemon 60 s each to stop before it kills them (its
# _SUBPROCESS_WAIT_TIMEOUT): a SIGTERM that arrives while they start up can take that long
DAGSTER_DEV_STOP_SECONDS = 2 * 60 + 10


@contextmanager
def dagster_dev_started(
    env: dict[str, str], flags: Sequence[str] = (), cwd: Path = ROOT
) -> Iterator[DagsterDev]:
    """`dagster dev` on a free port (its default host, 127.0.0.1), started and not waited for
    (wait_until_ready);
    stopped on exit with SIGTERM to its process group.

    Run in the repository root, `dagster dev` loads the root's .env over the environment given
    (a DAGSTER_HOME there wins): pass another cwd, with flags naming the code, to keep env's.
    """
    port = free_port()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("dagster")), "dev", "-p", str(port), *flags],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so it can be stopped cleanly
        )
        server = DagsterDev(process, port, output)
        try:
            yield server
        finally:
            stopped = stop_process_group(process, timeout=DAGSTER_DEV_STOP_SECONDS)
            log = server.tail()
    assert stopped, f"dagster dev did not stop {DAGSTER_DEV_STOP_SECONDS} s after SIGTERM:\n{log}"


@contextmanager
def dagster_dev(
    env: dict[str, str], flags: Sequence[str] = (), cwd: Path = ROOT, timeout: float = 120
) -> Iterator[int]:
    """`dagster dev` (as dagster_dev_started), its port yielded once its code is loaded."""
    with dagster_dev_started(env, flags, cwd) as server:
        yield server.wait_until_ready(timeout)


def stop_process_group(process: subprocess.Popen, timeout: float = 30) -> bool:
    """SIGTERM to the process group `process` leads, then wait for the whole group to exit;
    SIGKILL what is left of it after timeout seconds. True when SIGTERM sufficed."""
    os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while process.poll() is None or _group_alive(process.pid):
        if time.monotonic() > deadline:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            return False
        time.sleep(0.2)
    return True


def listening_addresses(port: int) -> set[str]:
    """The local addresses (hex, as in /proc/net/tcp and tcp6) with a socket listening on port."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with suppress(FileNotFoundError), open(table) as lines:
            for line in list(lines)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, _, hex_port = local.partition(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    addresses.add(address)
    return addresses


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True
