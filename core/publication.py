"""The two staging files the pipeline builds in, and their atomic publication.

The pipeline writes into private files: one per batch of articles (warehouse/batches/) and a
staging file. There are two staging files, used in turn: a run writes the one that is not
published, and publishes it by renaming a hard link to it over the published file (one atomic
step, nothing copied); the next run writes the other one, bringing it up to date first. So a
user's SQL shell never sees half a run and never holds a lock that the pipeline needs: a shell
still open on a version two runs old keeps it, and the run that would write that file writes a
copy of the published one instead.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from core.batches import RECORD_COLUMNS
from core.derivation import derived_tables_behind
from core.locks import DEFAULT_LOCK_TIMEOUT, hold
from core.tables import BUILT_WITH, CAUGHT_UP, describe_internal, table_exists


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
def connect_staging(
    published: Path, *, timeout: float = DEFAULT_LOCK_TIMEOUT
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the staging file a run writes now (`building`), holding the staging lock.
    If a reader still has it open (a SQL shell opened on the published file two runs ago), it
    is replaced by a copy of the published file first: the reader keeps the version it opened.
    A reader in another process holds DuckDB's lock on it; one in this process (a notebook that
    runs the pipeline too) is found among the process's open files (Linux). The staging lock
    is waited for up to timeout seconds (`hold`)."""
    with hold(staging_path(published), timeout):
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


class StagingChanged(RuntimeError):
    """The staging file changed under a run between its steps: it is not published."""


def publish(
    published: Path, settings: dict[str, str], *, timeout: float = DEFAULT_LOCK_TIMEOUT
) -> None:
    """Publish the finished staging file (`building`): a hard link to it, synced, renamed over
    the published file. Nothing is copied, and from now on the other staging file is written.
    The settings its tables were built with are recorded in it (`published_record`).

    The staging lock is held from the checkpoint to the rename (waited for up to timeout
    seconds), so no other run writes the file meanwhile; a link left by a run killed half-way
    (`.<name>.<pid>.partial`) is removed. A file whose derived tables lag its batch tables
    (another run gathered batches after this run derived its metrics) is not published: that
    run derives and publishes them. Nor is a file gathered before another run published (runs
    interleaved under a multiprocess executor): that run's publication stands.
    """
    with hold(staging_path(published), timeout):
        build = building(published)
        with connect_staging(published, timeout=timeout) as conn:
            conn.execute(
                f"CREATE OR REPLACE TABLE {BUILT_WITH} AS SELECT unnest($settings) AS setting, "
                "unnest($values) AS value",
                {"settings": list(settings), "values": list(settings.values())},
            )
            describe_internal(conn, BUILT_WITH)
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


def _caught_up_with(conn: duckdb.DuckDBPyConnection) -> str | None:
    """The published file the staging file was last brought up to date with (None: never)."""
    if not table_exists(conn, CAUGHT_UP):
        return None
    row = conn.execute(f"SELECT published FROM {CAUGHT_UP}").fetchone()
    return row[0] if row else None


def published_record(published: Path) -> tuple[dict[str, str], list[tuple]] | None:
    """The settings the published file was built with, and its record of input files (rows of
    sources: its RECORD_COLUMNS); None when there is no published file, or it has no such
    record (published before it was kept, or by a version that kept less of it)."""
    if not published.exists():
        return None
    with duckdb.connect(str(published), read_only=True) as conn:
        if not table_exists(conn, BUILT_WITH):
            return None
        settings = dict(conn.execute(f"SELECT setting, value FROM {BUILT_WITH}").fetchall())
        try:
            files = conn.execute(f"SELECT {', '.join(RECORD_COLUMNS)} FROM sources").fetchall()
        except duckdb.BinderException:  # a column missing: an older version's record
            return None
    return settings, files


def published_file_count(published: Path) -> int | None:
    """How many input files the published warehouse was built from (rows of sources); None
    when there is no published file."""
    if not published.exists():
        return None
    with duckdb.connect(str(published), read_only=True) as conn:
        if not table_exists(conn, "sources"):
            return None
        return conn.execute("SELECT count(*) FROM sources").fetchone()[0]


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
