"""Run the SQL models of warehouse/: macros and views, derived metrics, and check queries."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pandera.pandas as pa

from schemas.views import VIEWS

SQL_DIR = Path(__file__).resolve().parents[1] / "warehouse"
PARAMETER = re.compile(r"\$([a-z_]+)")


def sql_files(folder: str) -> list[Path]:
    """The .sql files of a warehouse/ sub-folder, in name order."""
    return sorted((SQL_DIR / folder).glob("*.sql"))


def run(conn: duckdb.DuckDBPyConnection, path: Path, params: dict[str, Any]) -> pd.DataFrame | None:
    """Run one SQL file, binding the $parameters it names from params."""
    return run_text(conn, path.read_text(encoding="utf-8"), params, path.name)


def run_text(
    conn: duckdb.DuckDBPyConnection, text: str, params: dict[str, Any], name: str
) -> pd.DataFrame | None:
    """Run SQL text (of the file called name), binding the $parameters it names from params."""
    names = sorted(set(PARAMETER.findall(text)))
    missing = [name for name in names if name not in params]
    if missing:
        raise KeyError(f"{name} needs parameter(s) {', '.join(missing)}")
    result = conn.execute(text, {name: params[name] for name in names} if names else None)
    return result.df() if result.description else None


def install_macros_and_views(conn: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> None:
    """(Re)create the macros and the views (what the derived metrics and the checks read, and the
    figures' verdicts), with the quality policy of params kept in the file for the views, and the
    views' comments from their models (schemas/views.py)."""
    for path in sql_files("macros") + sql_files("views"):
        run(conn, path, params)
    for view, schema in VIEWS.items():
        describe(conn, view, schema, kind="VIEW")


def describe(
    conn: duckdb.DuckDBPyConnection, name: str, schema: pa.DataFrameSchema, kind: str = "TABLE"
) -> None:
    """Comment on a table (or, with kind VIEW, a view) and each of its columns, from its model."""
    columns = {column: model.description for column, model in schema.columns.items()}
    comment(conn, kind, name, schema.description, columns)


def comment(
    conn: duckdb.DuckDBPyConnection, kind: str, name: str, text: str, columns: dict[str, str]
) -> None:
    """Comment on a table or view (kind) and on the given columns of it."""
    conn.execute(f"COMMENT ON {kind} {name} IS {sql_literal(text)}")
    for column, description in columns.items():
        conn.execute(f'COMMENT ON COLUMN {name}."{column}" IS {sql_literal(description)}')


def sql_literal(text: str | None) -> str:
    """A SQL string literal for our own descriptions and file paths (COMMENT ON and ATTACH take
    no parameters)."""
    return "'" + (text or "").replace("'", "''") + "'"


def derive(
    conn: duckdb.DuckDBPyConnection, params: dict[str, Any], articles: list[str] | None = None
) -> pd.DataFrame:
    """Rows of every derived-metric model in warehouse/derived/, of every article or of the
    given articles only (a metric is computed from the relations of its own article), sorted by
    metric_id.

    The models run as one query, their rows stacked by column name (a column typed by all its
    values), so that the view they all read, relation_figures, is computed once, not per model.
    """
    models = [
        f"SELECT * FROM (\n{path.read_text(encoding='utf-8')}\n)" for path in sql_files("derived")
    ]
    only = "" if articles is None else " WHERE article_id IN (SELECT unnest($articles))"
    text = (
        f"WITH relation_figures AS MATERIALIZED (SELECT * FROM relation_figures{only})\n"
        + "\nUNION ALL BY NAME\n".join(models)
        + "\nORDER BY metric_id"
    )
    rows = run_text(conn, text, {**params, "articles": articles}, "warehouse/derived/*.sql")
    # DuckDB reads a list column back from pandas (replace_derived) three times faster as lists
    rows["input_figure_ids"] = [ids.tolist() for ids in rows["input_figure_ids"]]
    return rows


def judge(conn: duckdb.DuckDBPyConnection) -> None:
    """Store every comparison of figures (warehouse/judge/figure_comparisons.sql), then write each
    figure's verdict into its row of figures from them (figure_verdicts.sql): after the derived
    metrics are stored."""
    for path in sql_files("judge"):
        run(conn, path, {})


def check_query(
    conn: duckdb.DuckDBPyConnection, check: str, params: dict[str, Any]
) -> pd.DataFrame:
    """Failing rows of the check query warehouse/checks/<check>.sql."""
    return run(conn, SQL_DIR / "checks" / f"{check}.sql", params)
