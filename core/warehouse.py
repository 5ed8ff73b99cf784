"""Store validated tables in DuckDB, documented from their Pandera models, and publish them.

The pipeline writes into private files: one per batch of articles (warehouse/batches/) and a
staging file. There are two staging files, used in turn: a run writes the one that is not
published, and publishes it by renaming a hard link to it over the published file (one atomic
step, nothing copied); the next run writes the other one, bringing it up to date first. So a
user's SQL shell never sees half a run and never holds a lock that the pipeline needs: a shell
still open on a version two runs old keeps it, and the run that would write that file writes a
copy of the published one instead.

Every file the pipeline writes has one writer at a time, across processes and runs: a process
holds the exclusive lock `<file>.lock` beside it (an flock, see `hold`) for as long as its
connection is open, and a second run waits for it (saying once what it waits for, and for
whom) instead of failing on DuckDB's own lock. The kernel drops an flock when its process dies,
so a run killed at any moment leaves nothing locked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import pandas as pd
from filelock import FileLock, Timeout

from core.batches import SourceFile
from schemas import TABLES, sql_type

LOCK_TIMEOUT_SETTING = "ETL_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 600.0  # seconds a step waits for another run to finish with a file
QUIET_WAIT = 1.0  # seconds waited for a lock before the wait is said

log = logging.getLogger(__name__)


def staging_path(published: Path) -> Path:
    """The first of the two private files the pipeline builds in, beside the published one; its
    lock (`<file>.lock`) is the lock of both."""
    return published.with_name(published.stem + ".staging" + published.suffix)


def staging_paths(published: Path) -> tuple[Path, Path]:
    """The two staging files, used in turn (see `building`)."""
    first = staging_path(published)
    return first, first.with_name(published.stem + ".staging-2" + published.suffix)


def building(published: Path) -> Path:
    """The staging file a run writes now (call it holding the staging lock): the one of the two
    that is not the published file (the newer when neither is), made from a copy of the
    published file the first time."""
    live = file_identity(published)
    first, second = staging_paths(published)
    if live and file_identity(first) == live:
        build = second
    elif live and file_identity(second) == live:
        build = first
    else:
        build = max((p for p in (first, second) if p.exists()), key=_mtime, default=first)
    if live and not build.exists():
        _copy_atomically(published, build)
    return build


@contextmanager
def connect_staging(published: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the staging file a run writes now (`building`), holding the staging lock.
    If a reader still has it open (a SQL shell opened on the published file two runs ago), it
    is replaced by a copy of the published file first: the reader keeps the version it opened.
    A reader in another process holds DuckDB's lock on it; one in this process (a notebook that
    runs the pipeline too) is found among the process's open files (Linux)."""
    with hold(staging_path(published)):
        build = building(published)
        if published.exists() and _open_in_this_process(build):
            _copy_atomically(published, build)
        try:
            conn = duckdb.connect(str(build))
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or not published.exists():
                raise
            _copy_atomically(published, build)
            conn = duckdb.connect(str(build))
        try:
            yield conn
        finally:
            conn.close()


def file_identity(path: Path) -> str:
    """Which file a path is now (device, inode, time), or '' when there is none."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return ""
    return f"{status.st_dev}:{status.st_ino}:{status.st_mtime_ns}"


def _open_in_this_process(path: Path) -> bool:
    """Whether this process has the file open (from /proc/self/fd; False where there is none)."""
    try:
        wanted = path.stat()
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return False
    for descriptor in descriptors:
        with suppress(OSError):
            status = os.stat(f"/proc/self/fd/{descriptor}")
            if (status.st_dev, status.st_ino) == (wanted.st_dev, wanted.st_ino):
                return True
    return False


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns


def _copy_atomically(source: Path, target: Path) -> None:
    """A synced copy of source renamed over target (a reader of target keeps the old file)."""
    for leftover in target.parent.glob(f".{target.name}.*.partial"):  # of a killed run
        leftover.unlink(missing_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    shutil.copyfile(source, partial)
    with open(partial, "rb") as copy:
        os.fsync(copy.fileno())
    os.replace(partial, target)


class LockTimeout(RuntimeError):
    """A file stayed in use by another run for longer than ETL_LOCK_TIMEOUT allows."""


def lock_path(path: Path) -> Path:
    """The lock file beside a DuckDB file: `<file>.lock`."""
    return path.with_name(path.name + ".lock")


def lock_timeout() -> float:
    """Seconds to wait for a file another run holds: ETL_LOCK_TIMEOUT, default 600."""
    text = os.environ.get(LOCK_TIMEOUT_SETTING, "").strip()
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        return float(text)
    except ValueError:
        raise ValueError(
            f"{LOCK_TIMEOUT_SETTING} must be a number of seconds, not {text!r}"
        ) from None


_holder = {"name": ""}  # how this process names itself in the lock files it takes
_wait_loggers: list[logging.Logger] = []  # where waits are said; else the core.warehouse logger


def name_holder(name: str) -> None:
    """How this process is named in the lock files it takes from now on (e.g. its Dagster run),
    so that a run that waits can say for whom."""
    _holder["name"] = name


@contextmanager
def waits_reported_to(logger: logging.Logger) -> Iterator[None]:
    """Within the block, say each wait for a lock to logger (e.g. a Dagster run's log) instead
    of the `core.warehouse` logger."""
    _wait_loggers.append(logger)
    try:
        yield
    finally:
        _wait_loggers.remove(logger)


def _say(message: str, level: int = logging.WARNING) -> None:
    (_wait_loggers[-1] if _wait_loggers else log).log(level, message)


def _write_holder(fd: int) -> None:
    """Write who holds the lock into the lock file, once it is held (filelock's on_acquired)."""
    name = f", {_holder['name']}" if _holder["name"] else ""
    since = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    text = f"pid {os.getpid()} on {socket.gethostname()}{name}, since {since}\n"
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode(), 0)


def holder_of(path: Path) -> str:
    """Who holds (or last held) the lock of a file, as its holder wrote it."""
    try:
        text = lock_path(path).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "another process"


@contextmanager
def hold(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of a file the pipeline writes, waiting up to timeout seconds
    (default ETL_LOCK_TIMEOUT) while another process holds it.

    The lock is an flock on `<file>.lock` (filelock's FileLock): the kernel drops it when its
    process exits or is killed, so a lock file left behind never blocks a later run. It is
    reentrant within a process (one lock object per path), so a run may hold it around several
    connections. A wait longer than a second is said once, naming the file and its holder (and
    again if another process takes the file over in the meantime); after timeout, LockTimeout
    names the file and the setting."""
    timeout = lock_timeout() if timeout is None else timeout
    path.parent.mkdir(parents=True, exist_ok=True)
    # One lock object per path and process, shared by its threads: a Dagster resource that
    # keeps a lock for a run may be torn down in another thread than the one that took it.
    lock = FileLock(
        lock_path(path), thread_local=False, is_singleton=True, on_acquired=_write_holder
    )
    started = time.monotonic()
    try:
        lock.acquire(timeout=min(timeout, QUIET_WAIT))  # a short wait is not worth a word
    except Timeout:
        _wait_for(lock, path, timeout, started)
    try:
        yield
    finally:
        lock.release()


def _wait_for(lock: FileLock, path: Path, timeout: float, started: float) -> None:
    holder = holder_of(path)
    _say(
        f"waiting for {path.name}: another run is using it ({holder}); waiting up to "
        f"{timeout:g} s ({LOCK_TIMEOUT_SETTING}) [{path}]"
    )
    while True:
        remaining = timeout - (time.monotonic() - started)
        if remaining <= 0:
            raise LockTimeout(
                f"{path} is still in use by another run ({holder_of(path)}) after "
                f"{time.monotonic() - started:.0f} s of waiting. Let that run finish and run "
                f"again, or wait longer: {LOCK_TIMEOUT_SETTING}={timeout:g} seconds now"
            ) from None
        try:
            lock.acquire(timeout=min(remaining, 1.0))
            break
        except Timeout:
            now = holder_of(path)
            if now != holder:
                holder = now
                _say(f"still waiting for {path.name}: now in use by {holder}")
    _say(f"got {path.name} after waiting {time.monotonic() - started:.1f} s", logging.INFO)


@contextmanager
def connect(
    path: Path, attempts: int = 20, wait_seconds: float = 0.5
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a DuckDB file for writing, holding its lock (see `hold`) while the connection is
    open. DuckDB's own lock is retried a while too, for a process outside the pipeline (a SQL
    shell opened on a private file)."""
    with hold(path):
        for attempt in range(attempts):
            try:
                conn = duckdb.connect(str(path))
                break
            except duckdb.IOException as error:
                if "lock" not in str(error).lower() or attempt == attempts - 1:
                    raise
                time.sleep(wait_seconds)
        try:
            yield conn
        finally:
            conn.close()


def create_table(conn: duckdb.DuckDBPyConnection, table: str) -> None:
    """(Re)create an empty table from its model, with a comment on the table and each column."""
    schema = TABLES[table].to_schema()
    columns = ",\n  ".join(
        f'"{name}" {sql_type(column)}{"" if column.nullable else " NOT NULL"}'
        for name, column in schema.columns.items()
    )
    conn.execute(f"CREATE OR REPLACE TABLE {table} (\n  {columns}\n)")
    conn.execute(f"COMMENT ON TABLE {table} IS {_literal(schema.description)}")
    for name, column in schema.columns.items():
        conn.execute(f'COMMENT ON COLUMN {table}."{name}" IS {_literal(column.description)}')


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything in the block, or nothing of it."""
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def articles_to_derive(
    conn: duckdb.DuckDBPyConnection, table: str, settings: dict[str, str]
) -> list[str] | None:
    """The articles whose rows of a derived table (derived_metrics, computed per article) must be
    computed again: those gathered again since it was last computed with the same settings and
    code (`replace_derived`). None for every article: the first time, after a change of the
    settings or the code, or when every batch was gathered again."""
    if not (_exists(conn, TO_DERIVE) and _exists(conn, DERIVED_FROM)):
        return None
    computed_with = conn.execute(
        f"SELECT built_with FROM {DERIVED_FROM} WHERE table_name = ?", [table]
    ).fetchone()
    if computed_with is None or computed_with[0] != _digest(settings):
        return None
    return [
        article_id
        for (article_id,) in conn.execute(
            f"SELECT DISTINCT article_id FROM {TO_DERIVE} ORDER BY 1"
        ).fetchall()
    ]


def replace_derived(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    held_back: pd.DataFrame,
    articles: list[str] | None,
    settings: dict[str, str],
) -> None:
    """Store the new rows of a derived table (validated) and the rows it held back, in one
    transaction: of every article (articles None: the table and its held-back rows are
    replaced), or of some articles (their earlier rows and held-back rows are deleted). Record
    which gathering of the batches (`publish` refuses a file whose batch tables were gathered
    again since) and which settings and code (`articles_to_derive`) it was computed from; no
    article is left to derive."""
    with transaction(conn):
        if articles is None:
            create_table(conn, table)
            conn.execute("DELETE FROM quarantine WHERE stage = ?", [table])
        else:
            conn.execute(
                f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [articles],
            )
            conn.execute(
                "DELETE FROM quarantine WHERE stage = ? "
                "AND article_id IN (SELECT unnest(?::VARCHAR[]))",
                [table, articles],
            )
        _insert(conn, table, frame)
        _insert(conn, "quarantine", held_back)
        conn.execute(f"CREATE OR REPLACE TABLE {TO_DERIVE} (article_id VARCHAR)")
        conn.execute(
            f"COMMENT ON TABLE {TO_DERIVE} IS 'Internal: articles gathered again since the "
            "derived metrics were computed; the next computation covers only them.'"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {DERIVED_FROM} (table_name VARCHAR, assembled VARCHAR)"
        )
        conn.execute(f"ALTER TABLE {DERIVED_FROM} ADD COLUMN IF NOT EXISTS built_with VARCHAR")
        conn.execute(
            f"COMMENT ON TABLE {DERIVED_FROM} IS 'Internal: which gathering of the batches and "
            "which settings and code (SHA-256) each derived table was computed from; a file is "
            "published only when it is the latest gathering.'"
        )
        conn.execute(f"DELETE FROM {DERIVED_FROM} WHERE table_name = ?", [table])
        conn.execute(
            f"INSERT INTO {DERIVED_FROM} BY NAME SELECT ? AS table_name, ? AS assembled, "
            "? AS built_with",
            [table, _assembled_state(conn), _digest(settings)],
        )


def _digest(settings: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def _assembled_state(conn: duckdb.DuckDBPyConnection) -> str:
    """What the batch tables of the staging file were last gathered from, in one hash."""
    if not _exists(conn, ASSEMBLED):
        return ""
    (state,) = conn.execute(
        f"SELECT coalesce(md5(string_agg(batch || ':' || fingerprint, ',' ORDER BY batch)), '') "
        f"FROM {ASSEMBLED}"
    ).fetchone()
    return state


def derived_tables_behind(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Derived tables computed before the batch tables were last gathered again (by another
    run's step in between): publishing them would pair new tables with old metrics."""
    if not _exists(conn, DERIVED_FROM):
        return []
    state = _assembled_state(conn)
    return [
        table
        for (table,) in conn.execute(
            f"SELECT table_name FROM {DERIVED_FROM} WHERE assembled <> ? ORDER BY 1", [state]
        ).fetchall()
    ]


def append_rows(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append rows to a table that keeps history."""
    _insert(conn, table, frame)


def ensure_schema(conn: duckdb.DuckDBPyConnection, tables: tuple[str, ...] = tuple(TABLES)) -> None:
    """Make the file's tables match the models: create the missing ones (empty, so views and
    macros can name any). A table whose columns changed (a new version of the code) is recreated
    empty, and what was built from it is rebuilt: a batch file processes its articles again, the
    staging file gathers every batch again. `check_history` keeps its rows: columns are added."""
    existing = dict(
        conn.execute(
            "SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
            "WHERE schema_name = 'main' GROUP BY table_name"
        ).fetchall()
    )
    changed = []
    for table in tables:
        wanted = list(TABLES[table].to_schema().columns)
        if table not in existing:
            create_table(conn, table)
        elif existing[table] != wanted and table == "check_history":
            for column in [name for name in wanted if name not in existing[table]]:
                sql = sql_type(TABLES[table].to_schema().columns[column])
                conn.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {sql}')
        elif existing[table] != wanted:
            create_table(conn, table)
            changed.append(table)
    if set(changed) & set(BATCH_TABLES):
        for table in BATCH_TABLES:  # rebuild everything the batch tables hold
            conn.execute(f"DELETE FROM {table}{_OWN_QUARANTINE if table == 'quarantine' else ''}")
        conn.execute(f"DROP TABLE IF EXISTS {ASSEMBLED}")


def _exists(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'",
            [table],
        ).fetchone()[0]
    )


class StagingChanged(RuntimeError):
    """The staging file changed under a run between its steps: it is not published."""


def publish(published: Path, settings: dict[str, str]) -> None:
    """Publish the finished staging file (`building`): a hard link to it, synced, renamed over
    the published file. Nothing is copied, and from now on the other staging file is written.
    The settings its tables were built with are recorded in it (`published_record`).

    The staging lock is held from the checkpoint to the rename, so no other run writes the file
    meanwhile; a link left by a run killed half-way (`.<name>.<pid>.partial`) is removed. A file
    whose derived tables lag its batch tables (another run gathered batches after this run
    derived its metrics) is not published: that run derives and publishes them. Nor is a file
    gathered before another run published (runs interleaved under a multiprocess executor):
    that run's publication stands.
    """
    with hold(staging_path(published)):
        build = building(published)
        with connect_staging(published) as conn:
            conn.execute(
                f"CREATE OR REPLACE TABLE {BUILT_WITH} AS SELECT unnest($settings) AS setting, "
                "unnest($values) AS value",
                {"settings": list(settings), "values": list(settings.values())},
            )
            conn.execute(
                f"COMMENT ON TABLE {BUILT_WITH} IS 'Internal: the settings and code (SHA-256) "
                "these tables were built with; the main command starts no run while they and "
                "the articles folder are unchanged.'"
            )
            conn.execute("CHECKPOINT")
            behind = derived_tables_behind(conn)
            caught_up = _caught_up_with(conn)
        if behind:
            raise StagingChanged(
                f"not publishing {build.name}: another run gathered the batches again after "
                f"this run computed {', '.join(behind)}; that run computes and publishes them"
            )
        if caught_up is not None and caught_up != file_identity(published):
            raise StagingChanged(
                f"not publishing {build.name}: another run published {published.name} after "
                "this run gathered the batches; its publication stands"
            )
        for leftover in published.parent.glob(f".{published.name}.*.partial"):
            leftover.unlink(missing_ok=True)
        partial = published.with_name(f".{published.name}.{os.getpid()}.partial")
        with open(build, "rb") as file:
            os.fsync(file.fileno())
        os.link(build, partial)
        os.replace(partial, published)
        folder = os.open(published.parent, os.O_RDONLY)
        try:
            os.fsync(folder)  # the rename itself survives a crash
        finally:
            os.close(folder)


ARTICLE_TABLES = ("articles", "figures", "non_figures", "relations", "mentions")
BATCH_TABLES = ("sources", *ARTICLE_TABLES, "quarantine")  # what a batch file holds
ASSEMBLED = "_assembled_batches"  # the batch files' fingerprints the staging tables were built from
CAUGHT_UP = "_caught_up_with"  # the published file a staging file was last brought up to date with
DERIVED_FROM = "_derived_from"  # which gathering of the batches each derived table comes from
BUILT_WITH = "_built_with"  # the settings the published tables were built with
TO_DERIVE = "_articles_to_derive"  # articles gathered again since the derived tables were computed


def published_record(published: Path) -> tuple[dict[str, str], list[tuple]] | None:
    """The settings the published file was built with, and its record of input files (rows of
    sources: source_file, article_id, role, size_bytes, modified_ns); None when there is no
    published file, or it has no such record (published before it was kept)."""
    if not published.exists():
        return None
    with duckdb.connect(str(published), read_only=True) as conn:
        if not _exists(conn, BUILT_WITH):
            return None
        settings = dict(conn.execute(f"SELECT setting, value FROM {BUILT_WITH}").fetchall())
        files = conn.execute(
            "SELECT source_file, article_id, role, size_bytes, modified_ns FROM sources"
        ).fetchall()
    return settings, files


def create_batch_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the tables of a batch file that are missing."""
    ensure_schema(conn, BATCH_TABLES)


def replace_articles(
    conn: duckdb.DuckDBPyConnection,
    article_ids: list[str],
    source_files: list[str],
    tables: dict[str, pd.DataFrame],
    held_back: pd.DataFrame,
    sources: pd.DataFrame,
) -> None:
    """Replace the rows of some articles (the quarantine rows of their files, and the record of
    their files in sources) with new rows, in one transaction: a batch file's sources always say
    which processing of an article its rows come from. With no new rows, the articles are
    removed."""
    with transaction(conn):
        for table in ARTICLE_TABLES:
            conn.execute(
                f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [article_ids],
            )
        conn.execute(
            "DELETE FROM quarantine WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
            "OR source_file IN (SELECT unnest(?::VARCHAR[]))",
            [article_ids, source_files],
        )
        conn.execute(
            "DELETE FROM sources WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [article_ids]
        )
        for table, frame in tables.items():
            _insert(conn, table, frame)
        _insert(conn, "quarantine", held_back)
        _insert(conn, "sources", sources)


def known_sources(conn: duckdb.DuckDBPyConnection) -> list[SourceFile]:
    """The input files a batch file was last brought up to date with."""
    columns = ", ".join(SourceFile._fields)
    return list(map(SourceFile._make, conn.execute(f"SELECT {columns} FROM sources").fetchall()))


def update_sources(conn: duckdb.DuckDBPyConnection, changed: pd.DataFrame, gone: list[str]) -> None:
    """Replace the record of some files (rows of sources) and delete that of others, in one
    transaction."""
    with transaction(conn):
        conn.execute(
            "DELETE FROM sources WHERE source_file IN (SELECT unnest(?::VARCHAR[]))",
            [[*changed["source_file"], *gone]],
        )
        _insert(conn, "sources", changed)


def batch_fingerprint(conn: duckdb.DuckDBPyConnection, schema: str = "main") -> str:
    """What a batch file holds, in one value computed from its record of files (sources, every
    column: a processed article's rows come with a new processed_at): the count of rows and the
    sum of their hashes."""
    (fingerprint,) = conn.execute(
        f"SELECT count(*) || '-' || coalesce(sum(hash(s)), 0) FROM {schema}.sources AS s"
    ).fetchone()
    return fingerprint


def assemble(
    conn: duckdb.DuckDBPyConnection, batch_files: dict[int, Path], published: Path
) -> list[int]:
    """Bring the staging file up to date: first with the published file (`catch_up`), then its
    per-article tables with the batch files: in each batch whose file changed since the last
    assembly, the rows of the articles whose record of files (sources) differs from the file's
    are replaced by what the file holds now, in one transaction per batch. The batches gathered
    again, in order."""
    catch_up(conn, published)
    first = not _exists(conn, ASSEMBLED)
    conn.execute(f"CREATE TABLE IF NOT EXISTS {ASSEMBLED} (batch INTEGER, fingerprint VARCHAR)")
    conn.execute(
        f"COMMENT ON TABLE {ASSEMBLED} IS 'Internal: what each batch file held when its rows "
        "were last gathered here; a batch that did not change is not gathered again.'"
    )
    if first:  # rows from before batches existed: gather everything again, derive everything again
        with transaction(conn):
            conn.execute(f"DROP TABLE IF EXISTS {TO_DERIVE}")
            for table in BATCH_TABLES:
                conn.execute(
                    f"DELETE FROM {table}{_OWN_QUARANTINE if table == 'quarantine' else ''}"
                )
    stored = dict(conn.execute(f"SELECT batch, fingerprint FROM {ASSEMBLED}").fetchall())
    rebuilt = []
    for batch, path in sorted(batch_files.items()):
        with hold(path):  # never half-way through another run's update of the batch
            rebuilt += _gather(conn, batch, path, stored)
    return rebuilt


def catch_up(conn: duckdb.DuckDBPyConnection, published: Path) -> None:
    """Give the staging file the check outcomes the published file has and it lacks (the other
    staging file was published since it was written), and record which published file it caught
    up with: `publish` refuses it if another run publishes meanwhile. Its batch tables catch up
    with the batch files (`assemble`), its derived tables are computed again."""
    identity = file_identity(published)
    another = bool(identity) and identity != file_identity(_database_file(conn))
    if another:
        conn.execute(f"ATTACH {_literal(str(published))} AS published_file (READ_ONLY)")
    try:
        with transaction(conn):
            if another:
                conn.execute(
                    "INSERT INTO check_history BY NAME SELECT * FROM published_file.check_history "
                    "AS p WHERE NOT EXISTS (SELECT 1 FROM check_history AS c WHERE "
                    "c.run_id = p.run_id AND c.asset = p.asset AND c.check_name = p.check_name)"
                )
            conn.execute(f"CREATE TABLE IF NOT EXISTS {CAUGHT_UP} (published VARCHAR)")
            conn.execute(
                f"COMMENT ON TABLE {CAUGHT_UP} IS 'Internal: the published file (device, inode, "
                "time) this staging file was last brought up to date with.'"
            )
            conn.execute(f"DELETE FROM {CAUGHT_UP}")
            conn.execute(f"INSERT INTO {CAUGHT_UP} VALUES (?)", [identity])
    finally:
        if another:
            conn.execute("DETACH published_file")


def _caught_up_with(conn: duckdb.DuckDBPyConnection) -> str | None:
    """The published file the staging file was last brought up to date with (None: never)."""
    if not _exists(conn, CAUGHT_UP):
        return None
    row = conn.execute(f"SELECT published FROM {CAUGHT_UP}").fetchone()
    return row[0] if row else None


def _database_file(conn: duckdb.DuckDBPyConnection) -> Path:
    (path,) = conn.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(path)


def _gather(
    conn: duckdb.DuckDBPyConnection, batch: int, path: Path, stored: dict[int, str]
) -> list[int]:
    """Gather one batch file's rows again if it changed since its last gathering: [batch]."""
    conn.execute(f"ATTACH {_literal(str(path))} AS batch_file (READ_ONLY)")
    try:
        fingerprint = batch_fingerprint(conn, "batch_file")
        if stored.get(batch) == fingerprint:
            return []
        with transaction(conn):
            _gather_changed_articles(conn, batch)
            conn.execute(f"DELETE FROM {ASSEMBLED} WHERE batch = ?", [batch])
            conn.execute(f"INSERT INTO {ASSEMBLED} VALUES (?, ?)", [batch, fingerprint])
        return [batch]
    finally:
        conn.execute("DETACH batch_file")


# The quarantine rows the batches own (later stages, derived_metrics, keep theirs)
_OWN_QUARANTINE = " WHERE stage IN ('" + "', '".join(ARTICLE_TABLES) + "')"


def _gather_changed_articles(conn: duckdb.DuckDBPyConnection, batch: int) -> None:
    """Replace the rows of the articles of a batch whose rows of sources differ between the
    staging file and the attached batch file (`batch_file`) with the batch file's rows. A batch
    file records an article's files with its rows, in one transaction, each processing with a
    new processed_at (core.pipeline.apply_plan): equal rows of sources mean equal rows."""
    columns = ", ".join(f'"{name}"' for name in TABLES["sources"].to_schema().columns)
    here = f"SELECT {columns} FROM main.sources WHERE batch = $batch"
    there = f"SELECT {columns} FROM batch_file.sources"
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE changed_articles AS SELECT DISTINCT article_id FROM "
        f"(({here} EXCEPT {there}) UNION ALL ({there} EXCEPT {here}))",
        {"batch": batch},
    )
    if _exists(conn, TO_DERIVE):  # their derived metrics are computed again, and only theirs
        conn.execute(f"INSERT INTO {TO_DERIVE} SELECT article_id FROM changed_articles")
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE changed_files AS SELECT source_file FROM main.sources "
        "WHERE article_id IN (SELECT article_id FROM changed_articles) "
        "UNION SELECT source_file FROM batch_file.sources "
        "WHERE article_id IN (SELECT article_id FROM changed_articles)"
    )
    changed = "article_id IN (SELECT article_id FROM changed_articles)"
    for table in ("sources", *ARTICLE_TABLES):
        conn.execute(f"DELETE FROM {table} WHERE {changed}")
        conn.execute(f"INSERT INTO {table} BY NAME FROM batch_file.{table} WHERE {changed}")
    held = f"({changed} OR source_file IN (SELECT source_file FROM changed_files))"
    conn.execute(f"DELETE FROM quarantine{_OWN_QUARANTINE} AND {held}")
    conn.execute(f"INSERT INTO quarantine BY NAME SELECT * FROM batch_file.quarantine WHERE {held}")
    conn.execute("DROP TABLE changed_articles")
    conn.execute("DROP TABLE changed_files")


def write_atomically(path: Path, text: str) -> None:
    """Write a text file whole: readers see the old file or the new one, never half of it."""
    for leftover in path.parent.glob(f".{path.name}.*.partial"):  # of writers killed half-way
        pid = leftover.name.removesuffix(".partial").rsplit(".", 1)[-1]
        with suppress(OSError):
            old = time.time() - leftover.stat().st_mtime > 60  # not another host's, being written
            if pid.isdigit() and old and not _running(int(pid)):
                leftover.unlink()
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def row_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in each warehouse table present in the file."""
    present = {
        name
        for (name,) in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
        ).fetchall()
    }
    return {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in TABLES
        if table in present
    }


def _insert(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    conn.register("incoming_rows", frame)
    try:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        conn.unregister("incoming_rows")


def _literal(text: str | None) -> str:
    """A SQL string literal for our own model descriptions (COMMENT ON takes no parameters)."""
    return "'" + (text or "").replace("'", "''") + "'"
