"""Resources, configured in one place: where articles are read from, where the warehouse is
written, and the quality policy. Each setting can be overridden by an environment variable."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from core import changes, locks, publication, tables
from core.changes import ROOT
from core.folder import DEFAULT_MAX_FILE_BYTES
from core.intervals import DEFAULT_APPROX_TOLERANCE

DEFAULT_ARTICLES_DIR = ROOT / "data" / "articles"
DEFAULT_DUCKDB_PATH = ROOT / "warehouse" / "figures.duckdb"
DEFAULT_AGREEMENT_TOLERANCE = 0.02


class Corpus(dg.ConfigurableResource):
    """The folder of article files (front matter + body) and their `.figures.yaml` files; the
    folder of reference tables (ETL_REFERENCE_DIR, default `reference` beside the articles
    folder: published data, each with its YAML sidecar);
    the largest file it reads (a larger one is held back unread), and how many processes may
    read it at once (batches are processed in parallel when there are thousands of articles to
    process)."""

    articles_dir: str
    reference_dir: str | None = None
    workers: int = 1
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES

    @property
    def path(self) -> Path:
        return Path(self.articles_dir).resolve()

    @property
    def reference_path(self) -> Path:
        """The folder of reference tables (published data, each with its YAML sidecar): the
        folder `reference` beside the articles folder (data/reference/) unless set."""
        return Path(self.reference_dir or self.path.parent / "reference").resolve()


class Warehouse(dg.ConfigurableResource):
    """The DuckDB file users query. The pipeline builds in a private staging file beside it (one
    of two, used in turn) and publishes the finished one atomically (a hard link renamed over
    it), so an open SQL shell never blocks or sees half a run.

    Two runs at once do not mix: each file the pipeline writes is locked while a step writes it
    (core.locks.hold; waits go to the run's log), and once a run opens the staging file it
    keeps it locked until the resource is torn down: to the end of the run under the in-process
    executor (`python -m etl materialize`), so that its gathering, derived metrics and
    publication are not interleaved with another run's; to the end of each step under a
    multiprocess executor, where `publish` refuses a staging file that another run changed, or
    published, between this run's steps. A step waits up to lock_timeout seconds for a file
    another run holds (ETL_LOCK_TIMEOUT), then fails naming the file and the setting."""

    duckdb_path: str
    lock_timeout: float = locks.DEFAULT_LOCK_TIMEOUT
    _run_holds: ExitStack | None = PrivateAttr(default=None)
    _holds_staging: bool = PrivateAttr(default=False)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[Warehouse]:
        """For a run (in-process executor) or a step (multiprocess): lock waits are said in the
        run's log, the lock files this process takes name its run, and the locks it keeps for
        the whole run are released at the end."""
        locks.name_holder(f"Dagster run {context.run_id}" if context.run_id else "")
        with ExitStack() as holds, locks.waits_reported_to(context.log or locks.log):
            self._run_holds, self._holds_staging = holds, False
            try:
                yield self
            finally:
                self._run_holds, self._holds_staging = None, False
                locks.name_holder("")

    @property
    def path(self) -> Path:
        return Path(self.duckdb_path).resolve()

    @property
    def staging_path(self) -> Path:
        return publication.staging_path(self.path)

    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the staging file, every table of the warehouse present in it. In a
        run, the staging file stays locked from the first of these to the end of the run."""
        if self._run_holds is not None and not self._holds_staging:
            self._run_holds.enter_context(locks.hold(self.staging_path, self.lock_timeout))
            self._holds_staging = True
        with publication.connect_staging(self.path, timeout=self.lock_timeout) as conn:
            tables.ensure_schema(conn)
            yield conn

    def batch_path(self, batch: int) -> Path:
        """The private file one batch of articles is processed into."""
        return self.path.parent / "batches" / f"{self.path.stem}.batch-{batch}.duckdb"

    def publish(self, settings: dict[str, str]) -> None:
        publication.publish(self.path, settings, timeout=self.lock_timeout)

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


def settings(corpus: Corpus, policy: QualityPolicy) -> dict[str, str]:
    """What the published tables are built with besides the folder (core.changes.built_with)."""
    return changes.built_with(
        policy.approx_tolerance, policy.agreement_tolerance, corpus.max_file_bytes
    )


def batches_to_run(corpus: Corpus, target: Warehouse, policy: QualityPolicy) -> set[int] | None:
    """The batches to run (core.changes.batches_to_run; None: every one)."""
    return changes.batches_to_run(
        corpus.path,
        target.path,
        target.report_path,
        settings(corpus, policy),
        corpus.max_file_bytes,
    )


def references_changed(corpus: Corpus, target: Warehouse) -> bool:
    """Whether the reference folder changed since the published warehouse read it."""
    return changes.references_changed(target.path, corpus.reference_path)


class SettingError(ValueError):
    """An ETL_* setting that cannot be used: the message names it, its range and its value."""


def resources_from_environment() -> dict[str, dg.ConfigurableResource]:
    """The resources, from ETL_* environment variables or defaults under data/ and warehouse/.
    A number that cannot be read, or lies outside its range, stops here, naming the setting; so
    does a warehouse inside the articles folder (core.changes.warehouse_inside)."""
    env = os.environ
    resources = {
        "corpus": Corpus(
            articles_dir=env.get("ETL_ARTICLES_DIR", str(DEFAULT_ARTICLES_DIR)),
            reference_dir=env.get("ETL_REFERENCE_DIR") or None,
            workers=_number(env, "ETL_WORKERS", os.cpu_count() or 1, "processes", int, 1),
            max_file_bytes=_number(
                env, "ETL_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES, "bytes", int, 1
            ),
        ),
        "warehouse": Warehouse(
            duckdb_path=env.get("ETL_DUCKDB_PATH", str(DEFAULT_DUCKDB_PATH)),
            lock_timeout=_number(
                env, locks.LOCK_TIMEOUT_SETTING, locks.DEFAULT_LOCK_TIMEOUT, "seconds", float, 0
            ),
        ),
        "policy": QualityPolicy(
            approx_tolerance=_number(
                env,
                "ETL_APPROX_TOLERANCE",
                DEFAULT_APPROX_TOLERANCE,
                "a share: 0.1 is 10 percent",
                float,
                0,
                1,
            ),
            agreement_tolerance=_number(
                env,
                "ETL_AGREEMENT_TOLERANCE",
                DEFAULT_AGREEMENT_TOLERANCE,
                "a share: 0.1 is 10 percent",
                float,
                0,
            ),
        ),
    }
    inside = changes.warehouse_inside(resources["corpus"].path, resources["warehouse"].path)
    if inside:
        raise SettingError(inside)
    return resources


def _number(
    env: Mapping[str, str],
    name: str,
    default: float,
    unit: str,
    kind: type[int] | type[float],
    lowest: float,
    highest: float = math.inf,
) -> Any:
    """The setting `name` as a finite number of its kind (whole numbers may be written 5_000_000
    or 5,000,000) within [lowest, highest]; default when it is not set."""
    text = env.get(name, "").strip()
    if not text:
        return default
    what = "a whole number" if kind is int else "a number"
    within = f"from {lowest:g}" + (f" to {highest:g}" if highest < math.inf else "")
    try:
        value = kind(text.replace("_", "").replace(",", "") if kind is int else text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or not lowest <= value <= highest:
        raise SettingError(f"{name} must be {what} {within} ({unit}); found {text!r}")
    return value
