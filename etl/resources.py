"""Resources, configured in one place: where articles are read from, where the warehouse is
written, and the quality policy. Each setting can be overridden by an environment variable."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from core import warehouse
from core.intervals import DEFAULT_APPROX_TOLERANCE

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES_DIR = ROOT / "data" / "articles"
DEFAULT_DUCKDB_PATH = ROOT / "warehouse" / "figures.duckdb"
DEFAULT_AGREEMENT_TOLERANCE = 0.02


class Corpus(dg.ConfigurableResource):
    """The folder of article files (front matter + body) and their `.figures.yaml` files, and
    how many processes may read it at once (batches are processed in parallel when there are
    thousands of articles to process)."""

    articles_dir: str
    workers: int = 1

    @property
    def path(self) -> Path:
        return Path(self.articles_dir).resolve()


class Warehouse(dg.ConfigurableResource):
    """The DuckDB file users query. The pipeline builds in a private staging file beside it and
    publishes a finished copy atomically, so an open SQL shell never blocks or sees half a run."""

    duckdb_path: str

    @property
    def path(self) -> Path:
        return Path(self.duckdb_path).resolve()

    @property
    def staging_path(self) -> Path:
        return warehouse.staging_path(self.path)

    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the staging file, every table of the warehouse present in it."""
        with warehouse.connect(self.staging_path) as conn:
            warehouse.ensure_schema(conn)
            yield conn

    def batch_path(self, batch: int) -> Path:
        """The private file one batch of articles is processed into."""
        return self.path.parent / "batches" / f"{self.path.stem}.batch-{batch}.duckdb"

    def publish(self) -> None:
        warehouse.publish(self.staging_path, self.path)

    @property
    def report_path(self) -> Path:
        """The HTML quality report, written beside the published file."""
        return self.path.with_name("report.html")

    @contextmanager
    def published(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection to the published file, as a user's SQL shell would open it."""
        with duckdb.connect(str(self.path), read_only=True) as conn:
            yield conn


class QualityPolicy(dg.ConfigurableResource):
    """How hedged figures turn into intervals, and when two statements of one quantity agree."""

    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE
    agreement_tolerance: float = DEFAULT_AGREEMENT_TOLERANCE

    def sql_parameters(self) -> dict[str, float]:
        return {"agreement_tolerance": self.agreement_tolerance}


def resources_from_environment() -> dict[str, dg.ConfigurableResource]:
    """The resources, from ETL_* environment variables or defaults under data/ and warehouse/."""
    env = os.environ
    return {
        "corpus": Corpus(
            articles_dir=env.get("ETL_ARTICLES_DIR", str(DEFAULT_ARTICLES_DIR)),
            workers=int(env.get("ETL_WORKERS", os.cpu_count() or 1)),
        ),
        "warehouse": Warehouse(duckdb_path=env.get("ETL_DUCKDB_PATH", str(DEFAULT_DUCKDB_PATH))),
        "policy": QualityPolicy(
            approx_tolerance=float(env.get("ETL_APPROX_TOLERANCE", DEFAULT_APPROX_TOLERANCE)),
            agreement_tolerance=float(
                env.get("ETL_AGREEMENT_TOLERANCE", DEFAULT_AGREEMENT_TOLERANCE)
            ),
        ),
    }
