"""Fixtures: a copy of the sample articles, a throwaway Dagster instance, and a pipeline runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from etl import assets
from etl.resources import DEFAULT_ARTICLES_DIR, Corpus, QualityPolicy, Warehouse

SEED = "vice-2014-12-french-jihadist-recruits"


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A copy of data/articles that a test may change."""
    folder = tmp_path / "articles"
    shutil.copytree(DEFAULT_ARTICLES_DIR, folder)
    return folder


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
) -> Callable[[], dg.ExecuteInProcessResult]:
    """Materialize every asset in-process into the temporary warehouse."""

    def run() -> dg.ExecuteInProcessResult:
        return dg.materialize(
            dg.load_assets_from_modules([assets]),
            instance=instance,
            resources={
                "corpus": Corpus(articles_dir=str(articles_dir)),
                "warehouse": Warehouse(duckdb_path=str(duckdb_path)),
                "policy": QualityPolicy(),
            },
            raise_on_error=False,
        )

    return run


@pytest.fixture
def query(duckdb_path: Path) -> Callable[..., list[tuple]]:
    """Run a query on the published warehouse, read-only, as a user would."""

    def run(sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(duckdb_path), read_only=True) as conn:
            return conn.execute(sql, params or []).fetchall()

    return run
