"""Gathering the batch files into the staging file: each batch whose file changed since it was
last gathered gives the staging file the rows of its changed articles (`assemble`), after the
staging file caught up with the published one (`catch_up`)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from core.locks import DEFAULT_LOCK_TIMEOUT, hold
from core.publication import file_identity
from core.sql import sql_literal
from core.tables import (
    ARTICLE_TABLES,
    ASSEMBLED,
    BATCH_TABLES,
    CAUGHT_UP,
    OWN_QUARANTINE,
    TO_DERIVE,
    describe_internal,
    table_exists,
    transaction,
)
from schemas import TABLES


def batch_fingerprint(conn: duckdb.DuckDBPyConnection, schema: str = "main") -> str:
    """What a batch file holds, in one value computed from its record of files (sources, every
    column: a processed article's rows come with a new processed_at): the count of rows and the
    sum of their hashes."""
    (fingerprint,) = conn.execute(
        f"SELECT count(*) || '-' || coalesce(sum(hash(s)), 0) FROM {schema}.sources AS s"
    ).fetchone()
    return fingerprint


def assemble(
    conn: duckdb.DuckDBPyConnection,
    batch_files: dict[int, Path],
    published: Path,
    *,
    timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> list[int]:
    """Bring the staging file up to date: first with the published file (`catch_up`), then its
    per-article tables with the batch files: in each batch whose file changed since the last
    assembly, the rows of the articles whose record of files (sources) differs from the file's
    are replaced by what the file holds now, in one transaction per batch (holding the batch
    file's lock, waited for up to timeout seconds). The batches gathered again, in order."""
    catch_up(conn, published)
    first = not table_exists(conn, ASSEMBLED)
    conn.execute(f"CREATE TABLE IF NOT EXISTS {ASSEMBLED} (batch INTEGER, fingerprint VARCHAR)")
    describe_internal(conn, ASSEMBLED)
    if first:  # rows from before batches existed: gather everything again, derive everything again
        with transaction(conn):
            conn.execute(f"DROP TABLE IF EXISTS {TO_DERIVE}")
            for table in BATCH_TABLES:
                conn.execute(
                    f"DELETE FROM {table}{OWN_QUARANTINE if table == 'quarantine' else ''}"
                )
    stored = dict(conn.execute(f"SELECT batch, fingerprint FROM {ASSEMBLED}").fetchall())
    rebuilt = []
    for batch, path in sorted(batch_files.items()):
        with hold(path, timeout):  # never half-way through another run's update of the batch
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
        conn.execute(f"ATTACH {sql_literal(str(published))} AS published_file (READ_ONLY)")
    try:
        with transaction(conn):
            if another:
                conn.execute(
                    "INSERT INTO check_history BY NAME SELECT * FROM published_file.check_history "
                    "AS p WHERE NOT EXISTS (SELECT 1 FROM check_history AS c WHERE "
                    "c.run_id = p.run_id AND c.asset = p.asset AND c.check_name = p.check_name)"
                )
            conn.execute(f"CREATE TABLE IF NOT EXISTS {CAUGHT_UP} (published VARCHAR)")
            describe_internal(conn, CAUGHT_UP)
            conn.execute(f"DELETE FROM {CAUGHT_UP}")
            conn.execute(f"INSERT INTO {CAUGHT_UP} VALUES (?)", [identity])
    finally:
        if another:
            conn.execute("DETACH published_file")


def _database_file(conn: duckdb.DuckDBPyConnection) -> Path:
    (path,) = conn.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(path)


def _gather(
    conn: duckdb.DuckDBPyConnection, batch: int, path: Path, stored: dict[int, str]
) -> list[int]:
    """Gather one batch file's rows again if it changed since its last gathering: [batch]."""
    conn.execute(f"ATTACH {sql_literal(str(path))} AS batch_file (READ_ONLY)")
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
    if table_exists(conn, TO_DERIVE):  # their derived metrics are computed again, and only theirs
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
    conn.execute(f"DELETE FROM quarantine{OWN_QUARANTINE} AND {held}")
    conn.execute(f"INSERT INTO quarantine BY NAME SELECT * FROM batch_file.quarantine WHERE {held}")
    conn.execute("DROP TABLE changed_articles")
    conn.execute("DROP TABLE changed_files")
