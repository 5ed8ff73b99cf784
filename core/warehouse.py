"""Store validated tables in DuckDB, documented from their Pandera models, and publish them.

The pipeline writes into a private staging file. Publishing copies the finished staging file next
to the published one and renames it into place: one atomic step, so a user's SQL shell never sees
half a run and never holds a lock that the pipeline needs.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa

from core.batches import SourceFile
from schemas import TABLES

SQL_TYPES = {
    "str": "VARCHAR",
    "float64": "DOUBLE",
    "int64": "BIGINT",
    "Int64": "BIGINT",
    "bool": "BOOLEAN",
    "datetime64[ns]": "TIMESTAMP",
}


def staging_path(published: Path) -> Path:
    """The private file the pipeline builds in, beside the published one."""
    return published.with_name(published.stem + ".staging" + published.suffix)


@contextmanager
def connect(
    path: Path, attempts: int = 20, wait_seconds: float = 0.5
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a DuckDB file for writing, waiting a while if another process holds its lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
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


def sql_type(column: pa.Column) -> str:
    """DuckDB type of a model column: its `sql` metadata, else the one its dtype maps to."""
    return (column.metadata or {}).get("sql") or SQL_TYPES[str(column.dtype)]


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


def replace_table(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Replace a table's contents with a validated frame, in one transaction."""
    with transaction(conn):
        create_table(conn, table)
        _insert(conn, table, frame)


def replace_quarantine(conn: duckdb.DuckDBPyConnection, stage: str, frame: pd.DataFrame) -> None:
    """Replace the quarantine rows of one stage, leaving the other stages' rows as they are."""
    with transaction(conn):
        conn.execute("DELETE FROM quarantine WHERE stage = ?", [stage])
        _insert(conn, "quarantine", frame)


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


def publish(staging: Path, published: Path) -> None:
    """Copy the finished staging file beside the published one and rename it into place."""
    with connect(staging) as conn:
        conn.execute("CHECKPOINT")
    partial = published.with_name(f".{published.name}.{os.getpid()}.partial")
    shutil.copyfile(staging, partial)
    os.replace(partial, published)


ARTICLE_TABLES = ("articles", "figures", "non_figures", "relations", "mentions")
BATCH_TABLES = ("sources", *ARTICLE_TABLES, "quarantine")  # what a batch file holds
ASSEMBLED = "_assembled_batches"  # the batch files' fingerprints the staging tables were built from


def create_batch_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the tables of a batch file that are missing."""
    ensure_schema(conn, BATCH_TABLES)


def replace_articles(
    conn: duckdb.DuckDBPyConnection,
    article_ids: list[str],
    source_files: list[str],
    tables: dict[str, pd.DataFrame],
    held_back: pd.DataFrame,
) -> None:
    """Replace the rows of some articles (and the quarantine rows of their files) with new rows,
    in one transaction. With no new rows, the articles are removed."""
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
        for table, frame in tables.items():
            _insert(conn, table, frame)
        _insert(conn, "quarantine", held_back)


def known_sources(conn: duckdb.DuckDBPyConnection) -> list[SourceFile]:
    """The input files a batch file was last brought up to date with."""
    rows = conn.execute(
        "SELECT source_file, article_id, role, size_bytes, modified_ns, sha256 FROM sources"
    ).fetchall()
    return [SourceFile(*row) for row in rows]


def replace_sources(conn: duckdb.DuckDBPyConnection, sources: pd.DataFrame) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM sources")
        _insert(conn, "sources", sources)


def batch_fingerprint(conn: duckdb.DuckDBPyConnection, schema: str = "main") -> str:
    """What a batch file holds, in one hash: its sources' paths and content hashes."""
    (fingerprint,) = conn.execute(
        f"SELECT coalesce(md5(string_agg(source_file || ':' || sha256, ',' "
        f"ORDER BY source_file)), '') FROM {schema}.sources"
    ).fetchone()
    return fingerprint


def assemble(conn: duckdb.DuckDBPyConnection, batch_files: dict[int, Path]) -> list[int]:
    """Bring the per-article tables of the staging file up to date with the batch files: the
    rows of each batch whose file changed since the last assembly are replaced by what the file
    holds now, in one transaction per batch. The batches rebuilt, in order."""
    first = not _exists(conn, ASSEMBLED)
    conn.execute(f"CREATE TABLE IF NOT EXISTS {ASSEMBLED} (batch INTEGER, fingerprint VARCHAR)")
    conn.execute(
        f"COMMENT ON TABLE {ASSEMBLED} IS 'Internal: what each batch file held when its rows "
        "were last gathered here; a batch that did not change is not gathered again.'"
    )
    if first:  # rows from before batches existed: gather everything again
        with transaction(conn):
            for table in BATCH_TABLES:
                conn.execute(
                    f"DELETE FROM {table}{_OWN_QUARANTINE if table == 'quarantine' else ''}"
                )
    stored = dict(conn.execute(f"SELECT batch, fingerprint FROM {ASSEMBLED}").fetchall())
    rebuilt = []
    for batch, path in sorted(batch_files.items()):
        conn.execute(f"ATTACH {_literal(str(path))} AS batch_file (READ_ONLY)")
        try:
            fingerprint = batch_fingerprint(conn, "batch_file")
            if stored.get(batch) == fingerprint:
                continue
            with transaction(conn):
                _delete_batch_rows(conn, batch)
                for table in BATCH_TABLES:
                    conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_file.{table}")
                conn.execute(f"DELETE FROM {ASSEMBLED} WHERE batch = ?", [batch])
                conn.execute(f"INSERT INTO {ASSEMBLED} VALUES (?, ?)", [batch, fingerprint])
            rebuilt.append(batch)
        finally:
            conn.execute("DETACH batch_file")
    return rebuilt


# The quarantine rows the batches own (later stages, derived_metrics, keep theirs)
_OWN_QUARANTINE = " WHERE stage IN ('" + "', '".join(ARTICLE_TABLES) + "')"


def _delete_batch_rows(conn: duckdb.DuckDBPyConnection, batch: int) -> None:
    """Delete the rows gathered from one batch at its last assembly (its sources say which)."""
    articles = "SELECT article_id FROM sources WHERE batch = $batch"
    for table in ARTICLE_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE article_id IN ({articles})", {"batch": batch})
    conn.execute(
        f"DELETE FROM quarantine{_OWN_QUARANTINE} AND (article_id IN ({articles}) "
        "OR source_file IN (SELECT source_file FROM sources WHERE batch = $batch))",
        {"batch": batch},
    )
    conn.execute("DELETE FROM sources WHERE batch = $batch", {"batch": batch})


def write_atomically(path: Path, text: str) -> None:
    """Write a text file whole: readers see the old file or the new one, never half of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


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
