"""Resources, configured in one place: where articles are read from, where the warehouse is
written, and the quality policy. Each setting can be overridden by an environment variable."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from core import locks, publication, sql, tables
from core.batches import BATCHES, batches_changed_since
from core.intervals import DEFAULT_APPROX_TOLERANCE
from core.parse import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES_DIR = ROOT / "data" / "articles"
DEFAULT_DUCKDB_PATH = ROOT / "warehouse" / "figures.duckdb"
DEFAULT_AGREEMENT_TOLERANCE = 0.02
CODE_FOLDERS = ("core", "etl", "schemas")  # and the SQL models' folder, core.sql.SQL_DIR
CODE_SUFFIXES = {".py", ".sql", ".j2"}


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


def built_with(policy: QualityPolicy) -> dict[str, str]:
    """What the published tables depend on besides the articles folder: the quality policy, the
    file size limit, the number of batches, and the code (one SHA-256 of the Python, SQL and
    template files of core/, etl/, schemas/ and of the SQL models the pipeline reads,
    warehouse/). Recorded in the published file: the main command skips a run when these and
    the folder are as recorded; derived_metrics computes every article again when they changed."""
    code = hashlib.sha256()
    folders = {name: ROOT / name for name in CODE_FOLDERS} | {"warehouse": sql.SQL_DIR}
    for name, folder in sorted(folders.items()):
        for path in sorted(folder.rglob("*")):
            if path.suffix in CODE_SUFFIXES:
                named = f"{name}/{path.relative_to(folder).as_posix()}"
                code.update(named.encode() + b"\0" + path.read_bytes())
    return {
        "approx_tolerance": repr(policy.approx_tolerance),
        "agreement_tolerance": repr(policy.agreement_tolerance),
        "max_file_bytes": str(MAX_FILE_BYTES),
        "batches": str(BATCHES),
        "code": code.hexdigest(),
    }


def batches_to_run(corpus: Corpus, target: Warehouse, policy: QualityPolicy) -> set[int] | None:
    """The batches whose files changed since the published warehouse was built (an empty set:
    nothing to do); None, every batch, when there is no published warehouse, its report is
    missing or older (the run that published it failed before the report), or the settings or
    the code changed."""
    record = publication.published_record(target.path)
    report = target.report_path
    if (
        record is None
        or not report.exists()
        or report.stat().st_mtime_ns < target.path.stat().st_mtime_ns
        or record[0] != built_with(policy)
    ):
        return None
    return batches_changed_since(corpus.path, record[1])


def resources_from_environment() -> dict[str, dg.ConfigurableResource]:
    """The resources, from ETL_* environment variables or defaults under data/ and warehouse/."""
    env = os.environ
    return {
        "corpus": Corpus(
            articles_dir=env.get("ETL_ARTICLES_DIR", str(DEFAULT_ARTICLES_DIR)),
            workers=int(env.get("ETL_WORKERS", os.cpu_count() or 1)),
        ),
        "warehouse": Warehouse(
            duckdb_path=env.get("ETL_DUCKDB_PATH", str(DEFAULT_DUCKDB_PATH)),
            lock_timeout=lock_timeout_from(env),
        ),
        "policy": QualityPolicy(
            approx_tolerance=float(env.get("ETL_APPROX_TOLERANCE", DEFAULT_APPROX_TOLERANCE)),
            agreement_tolerance=float(
                env.get("ETL_AGREEMENT_TOLERANCE", DEFAULT_AGREEMENT_TOLERANCE)
            ),
        ),
    }


def lock_timeout_from(env: Mapping[str, str]) -> float:
    """Seconds a step waits for a file another run holds: ETL_LOCK_TIMEOUT, default 600."""
    text = env.get(locks.LOCK_TIMEOUT_SETTING, "").strip()
    if not text:
        return locks.DEFAULT_LOCK_TIMEOUT
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            f"{locks.LOCK_TIMEOUT_SETTING} must be a number of seconds, not {text!r}"
        ) from None
