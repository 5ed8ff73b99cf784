"""One writer at a time for every file the pipeline writes, across processes and runs.

A process holds the exclusive lock `<file>.lock` beside the file (an flock, see `hold`) for as
long as its connection is open, and a second run waits for it (saying once what it waits for,
and for whom) instead of failing on DuckDB's own lock. The kernel drops an flock when its
process dies, so a run killed at any moment leaves nothing locked.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from filelock import FileLock, Timeout

LOCK_TIMEOUT_SETTING = "ETL_LOCK_TIMEOUT"  # the command's setting of the timeout (etl.resources)
DEFAULT_LOCK_TIMEOUT = 600.0  # seconds a step waits for another run to finish with a file
QUIET_WAIT = 1.0  # seconds waited for a lock before the wait is said

log = logging.getLogger(__name__)


class LockTimeout(RuntimeError):
    """A file stayed in use by another run for longer than ETL_LOCK_TIMEOUT allows."""


def lock_path(path: Path) -> Path:
    """The lock file beside a DuckDB file: `<file>.lock`."""
    return path.with_name(path.name + ".lock")


_holder = {"name": ""}  # how this process names itself in the lock files it takes
_wait_loggers: list[logging.Logger] = []  # where waits are said; else the core.locks logger


def name_holder(name: str) -> None:
    """How this process is named in the lock files it takes from now on (e.g. its Dagster run),
    so that a run that waits can say for whom."""
    _holder["name"] = name


@contextmanager
def waits_reported_to(logger: logging.Logger) -> Iterator[None]:
    """Within the block, say each wait for a lock to logger (e.g. a Dagster run's log) instead
    of the `core.locks` logger."""
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
def hold(path: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock of a file the pipeline writes, waiting up to timeout seconds
    (the command's ETL_LOCK_TIMEOUT, default 600) while another process holds it.

    The lock is an flock on `<file>.lock` (filelock's FileLock): the kernel drops it when its
    process exits or is killed, so a lock file left behind never blocks a later run. It is
    reentrant within a process (one lock object per path), so a run may hold it around several
    connections. A wait longer than a second is said once, naming the file and its holder (and
    again if another process takes the file over in the meantime); after timeout, LockTimeout
    names the file and the setting."""
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
    path: Path,
    attempts: int = 20,
    wait_seconds: float = 0.5,
    *,
    timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a DuckDB file for writing, holding its lock (see `hold`, which waits up to timeout
    seconds for it) while the connection is open. DuckDB's own lock is retried a while too, for
    a process outside the pipeline (a SQL shell opened on a private file)."""
    with hold(path, timeout):
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
