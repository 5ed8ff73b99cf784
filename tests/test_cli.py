"""The commands a user runs: `python -m etl materialize`, `dagster dev`, and the README."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from schemas.reference import table_reference

ROOT = Path(__file__).resolve().parents[1]


def environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir(exist_ok=True)
    (dagster_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home),
        "ETL_DUCKDB_PATH": str(tmp_path / "figures.duckdb"),
        **overrides,
    }


def materialize(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "materialize"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_materialize_summarises_the_run_and_exits_0_when_checks_only_warn(tmp_path):
    done = materialize(environment(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "succeeded" in done.stdout
    assert "figures 11" in done.stdout and "derived_metrics 11" in done.stdout
    assert "checks: 22 passed, 1 warned, 0 failed" in done.stdout
    assert "WARNED change_statements_agree on derived_metrics" in done.stdout
    assert str(tmp_path / "figures.duckdb") in done.stdout
    assert (tmp_path / "figures.duckdb").exists()


def test_materialize_exits_non_zero_and_says_why_when_the_run_fails(tmp_path):
    missing = tmp_path / "no-such-folder"
    done = materialize(environment(tmp_path, ETL_ARTICLES_DIR=str(missing)))
    assert done.returncode == 1
    assert "FAILED" in done.stdout
    assert f"articles folder {missing} does not exist" in done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


ASSETS_QUERY = """{ assetNodes { assetKey { path } groupName kinds description
  dependencyKeys { path }
  assetChecksOrError { ... on AssetChecks { checks { name description } } } } }"""


@pytest.mark.parametrize("flags", [[], ["-m", "etl.definitions"]], ids=["no flags", "-m"])
def test_dagster_dev_in_the_repository_root_finds_the_code(tmp_path, flags):
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster")), "dev", "-h", "127.0.0.1", "-p", str(port)]
        + flags,
        cwd=ROOT,
        env=environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so it can be stopped cleanly
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                nodes = graphql(port, ASSETS_QUERY)["assetNodes"]
                break
            except (OSError, KeyError, TypeError):
                assert server.poll() is None, "dagster dev exited early"
                assert time.monotonic() < deadline, "dagster dev did not answer in 120 s"
                time.sleep(1)
        assets = {"/".join(n["assetKey"]["path"]): n for n in nodes}
        assert set(assets) == {
            "articles",
            "figures",
            "non_figures",
            "relations",
            "mentions",
            "derived_metrics",
            "published_warehouse",
        }
        assert [d["path"] for d in assets["derived_metrics"]["dependencyKeys"]] == [
            ["figures"],
            ["relations"],
        ]
        for node in nodes:
            assert node["description"] and node["groupName"] and node["kinds"]
            for check in node["assetChecksOrError"].get("checks", []):
                assert check["description"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def test_readme_table_reference_matches_the_models():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- table reference: start -->\n") + len(
        "<!-- table reference: start -->\n"
    )
    end = readme.index("<!-- table reference: end -->")
    assert readme[start:end] == table_reference(), "run `python -m schemas` and paste its output"
