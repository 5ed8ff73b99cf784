"""Asset metadata the Dagster UI shows: column schema from the Pandera model, row count, preview."""

from __future__ import annotations

from typing import Any

import dagster as dg
import duckdb
import pandas as pd

from core.display import markdown_table
from schemas import TABLES, sql_type

PREVIEW_ROWS = 10
PREVIEW_WIDTH = 60


def column_schema(table: str) -> dg.TableSchema:
    """The table's columns, types and descriptions, as its Pandera model declares them."""
    schema = TABLES[table].to_schema()
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=name,
                type=sql_type(column),
                description=column.description,
                constraints=dg.TableColumnConstraints(nullable=column.nullable),
            )
            for name, column in schema.columns.items()
        ]
    )


def column_lineage(table: str) -> dg.TableColumnLineage:
    """Where each column comes from ("figures.value"), as the `lineage` metadata of the Pandera
    model's fields declares it."""
    deps = {}
    for name, column in TABLES[table].to_schema().columns.items():
        sources = (column.metadata or {}).get("lineage", ())
        if sources:
            deps[name] = [
                dg.TableColumnDep(asset_key=dg.AssetKey(asset), column_name=source_column)
                for asset, source_column in (source.split(".") for source in sources)
            ]
    return dg.TableColumnLineage(deps_by_column=deps)


def table_metadata(conn: duckdb.DuckDBPyConnection, table: str, held_back: int) -> dict[str, Any]:
    """Metadata for an asset stored as one warehouse table."""
    lineage = column_lineage(table)
    (rows,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    return {
        "dagster/column_schema": column_schema(table),
        **({"dagster/column_lineage": lineage} if lineage.deps_by_column else {}),
        "dagster/row_count": dg.MetadataValue.int(rows),
        "dagster/table_name": f"main.{table}",
        "held_back_rows": dg.MetadataValue.int(held_back),
        "preview": dg.MetadataValue.md(
            preview(conn.execute(f"SELECT * FROM {table} LIMIT {PREVIEW_ROWS}").df())
        ),
    }


def preview(frame: pd.DataFrame) -> str:
    """The first rows as a Markdown table, long texts cut short, every cell escaped."""
    if frame.empty:
        return "(no rows)"
    head = frame.head(PREVIEW_ROWS).astype(str)
    head = head.apply(lambda column: column.str.slice(0, PREVIEW_WIDTH))
    return markdown_table(head)
