"""The warehouse's tables in DuckDB, documented from their Pandera models, and the transactions
that write them: a batch file's tables, the staging file's, and the internal tables the pipeline
keeps in the staging file (their names and comments are here, so that gathering and derivation
need not import each other).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd

from core.batches import SourceFile
from core.sql import comment, describe
from schemas import TABLES, sql_type

ARTICLE_TABLES = ("articles", "figures", "non_figures", "relations", "mentions")
BATCH_TABLES = ("sources", *ARTICLE_TABLES, "quarantine")  # what a batch file holds
# The quarantine rows the batches own (later stages, derived_metrics, keep theirs)
OWN_QUARANTINE = " WHERE stage IN ('" + "', '".join(ARTICLE_TABLES) + "')"

# The internal tables of the staging file, and the comments each one and its columns carry
ASSEMBLED = "_assembled_batches"  # the batch files' fingerprints the staging tables were built from
CAUGHT_UP = "_caught_up_with"  # the published file a staging file was last brought up to date with
DERIVED_FROM = "_derived_from"  # which gathering of the batches each derived table comes from
BUILT_WITH = "_built_with"  # the settings the published tables were built with
TO_DERIVE = "_articles_to_derive"  # articles gathered again since the derived tables were computed
REFERENCE_FOLDER = "_reference_folder"  # what the reference folder held when it was last read
MATCHED = "_matched_references"  # the reference tables' versions reference_matches was made with
COMPARISONS = "_figure_comparisons"  # the comparisons the figures' verdicts were judged from
INTERNAL_TABLES = {
    ASSEMBLED: (
        "Internal: what each batch file held when its rows were last gathered here; a batch that "
        "did not change is not gathered again.",
        {
            "batch": "Batch (partition of article_batches) of the batch file.",
            "fingerprint": "What the batch file held when it was gathered: the count of its "
            "rows of sources and the sum of their hashes.",
        },
    ),
    CAUGHT_UP: (
        "Internal: the published file (device, inode, time) this staging file was last brought "
        "up to date with.",
        {"published": "Device, inode and time of the published file (empty: none yet)."},
    ),
    DERIVED_FROM: (
        "Internal: which gathering of the batches and which settings and code (SHA-256) each "
        "derived table was computed from; a file is published only when it is the latest "
        "gathering.",
        {
            "table_name": "Derived table (derived_metrics).",
            "assembled": "Which gathering of the batches it was computed from.",
            "built_with": "SHA-256 of the settings and code it was computed with.",
        },
    ),
    BUILT_WITH: (
        "Internal: the settings and code (SHA-256) these tables were built with; the main "
        "command starts no run while they and the articles folder are unchanged.",
        {
            "setting": "Name of the setting (approx_tolerance, agreement_tolerance, "
            "max_file_bytes, batches) or code (SHA-256 of core/, etl/, schemas/, warehouse/).",
            "value": "Its value when the tables were built.",
        },
    ),
    TO_DERIVE: (
        "Internal: articles gathered again since the derived metrics were computed; the next "
        "computation covers only them.",
        {"article_id": "Article whose derived metrics are to be computed again."},
    ),
    REFERENCE_FOLDER: (
        "Internal: what the reference folder held when its tables were last read; the main "
        "command and the sensor start a run when it changed, even if no article did.",
        {"digest": "SHA-256 of the names and bytes of the reference folder's files."},
    ),
    MATCHED: (
        "Internal: the version (SHA-256) of each reference table that reference_matches was "
        "made with; a changed table's rows are matched again with every figure, the others "
        "only with the articles gathered again.",
        {
            "reference_id": "Reference table (reference_tables.reference_id).",
            "sha256": "Its SHA-256 when the figures were matched with it.",
        },
    ),
    COMPARISONS: (
        "Internal: every comparison that sets a figure beside another, from both of its figures "
        "(a row per figure and other figure), as the last judgement of the figures' verdicts "
        "read them (warehouse/judge/figure_comparisons.sql); the report's disagreements read "
        "them too.",
        {
            "article_id": "Article of the figure compared.",
            "figure_id": "Figure compared (in its article).",
            "other_article_id": "Article of the figure it was compared with (its own, or "
            "another source's for a shared measure).",
            "other_figure_id": "Figure it was compared with.",
            "judged_by": "The check or derived metric that compared them (e.g. 'check "
            "sources_agree_on_shared_measures', 'derived metric change_agreement').",
            "severity": "Outcome of the comparison: ok, warn or error.",
            "detail": "The numbers compared, as the verdict's reason states them.",
            "how": "How a reader says the comparison (e.g. 'about the same measure').",
        },
    ),
}


def create_table(conn: duckdb.DuckDBPyConnection, table: str) -> None:
    """(Re)create an empty table from its model, with a comment on the table and each column."""
    schema = TABLES[table].to_schema()
    columns = ",\n  ".join(
        f'"{name}" {sql_type(column)}{"" if column.nullable else " NOT NULL"}'
        for name, column in schema.columns.items()
    )
    conn.execute(f"CREATE OR REPLACE TABLE {table} (\n  {columns}\n)")
    describe(conn, table, schema)


def describe_internal(conn: duckdb.DuckDBPyConnection, table: str) -> None:
    """Comment on one of the internal tables and its columns with their text in INTERNAL_TABLES."""
    comment(conn, "TABLE", table, *INTERNAL_TABLES[table])


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
            conn.execute(f"DELETE FROM {table}{OWN_QUARANTINE if table == 'quarantine' else ''}")
        conn.execute(f"DROP TABLE IF EXISTS {ASSEMBLED}")


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
            insert_rows(conn, table, frame)
        insert_rows(conn, "quarantine", held_back)
        insert_rows(conn, "sources", sources)


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
        insert_rows(conn, "sources", changed)


def record_check_history(conn: duckdb.DuckDBPyConnection, history: pd.DataFrame) -> None:
    """Append check outcomes (rows of `check_history`), replacing any earlier try of the same
    run's step."""
    for run_id, asset, check in history[["run_id", "asset", "check_name"]].itertuples(index=False):
        conn.execute(
            "DELETE FROM check_history WHERE run_id = ? AND asset = ? AND check_name = ?",
            [run_id, asset, check],
        )
    insert_rows(conn, "check_history", history)


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


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    conn.register("incoming_rows", frame)
    try:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        conn.unregister("incoming_rows")


def table_exists(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'",
            [table],
        ).fetchone()[0]
    )
