"""The DuckDB type of each model column, for the tables, the table reference and the UI."""

from __future__ import annotations

import pandera.pandas as pa

SQL_TYPES = {
    "str": "VARCHAR",
    "float64": "DOUBLE",
    "int64": "BIGINT",
    "Int64": "BIGINT",
    "bool": "BOOLEAN",
    "datetime64[ns]": "TIMESTAMP",
}


def sql_type(column: pa.Column) -> str:
    """DuckDB type of a model column: its `sql` metadata, else the one its dtype maps to."""
    return (column.metadata or {}).get("sql") or SQL_TYPES[str(column.dtype)]
