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


def replace_table(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Replace a table's contents with a validated frame, in one transaction."""
    conn.execute("BEGIN")
    create_table(conn, table)
    _insert(conn, table, frame)
    conn.execute("COMMIT")


def replace_quarantine(conn: duckdb.DuckDBPyConnection, stage: str, frame: pd.DataFrame) -> None:
    """Replace the quarantine rows of one stage, leaving the other stages' rows as they are."""
    conn.execute("BEGIN")
    conn.execute("DELETE FROM quarantine WHERE stage = ?", [stage])
    _insert(conn, "quarantine", frame)
    conn.execute("COMMIT")


def append_rows(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append rows to a table that keeps history."""
    _insert(conn, table, frame)


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every warehouse table that is missing (empty), so views and macros can name any."""
    for table in TABLES:
        ensure_table(conn, table)


def ensure_table(conn: duckdb.DuckDBPyConnection, table: str) -> None:
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'",
        [table],
    ).fetchone()[0]
    if not exists:
        create_table(conn, table)


def publish(staging: Path, published: Path) -> None:
    """Copy the finished staging file beside the published one and rename it into place."""
    with connect(staging) as conn:
        conn.execute("CHECKPOINT")
    partial = published.with_name(f".{published.name}.{os.getpid()}.partial")
    shutil.copyfile(staging, partial)
    os.replace(partial, published)


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
