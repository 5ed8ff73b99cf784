"""The warehouse's table reference as Markdown, from the Pandera models of its tables and views
(docs/tables.md)."""

from pathlib import Path

import pandera.pandas as pa

from schemas import TABLES, sql_type
from schemas.views import VIEWS

PAGE = Path(__file__).resolve().parents[1] / "docs" / "tables.md"
START, END = "<!-- table reference: start -->\n", "<!-- table reference: end -->"


def with_reference(page: str) -> str:
    """The page with the text between its reference markers replaced by the table reference."""
    before, rest = page.split(START, 1)
    return before + START + table_reference() + END + rest.split(END, 1)[1]


def table_reference() -> str:
    """One section per table, then per view: its description, then its columns, types and
    descriptions."""
    schemas = [(f"`{name}`", model.to_schema()) for name, model in TABLES.items()]
    schemas += [(f"`{name}` (view)", schema) for name, schema in VIEWS.items()]
    return "\n\n".join(_section(title, schema) for title, schema in schemas) + "\n"


def _section(title: str, schema: pa.DataFrameSchema) -> str:
    rows = [
        f"| `{name}` | {sql_type(column)}{'' if column.nullable else ' not null'} "
        f"| {column.description} |"
        for name, column in schema.columns.items()
    ]
    return (
        f"## {title}\n\n{schema.description}\n\n| column | type | description |\n"
        "|---|---|---|\n" + "\n".join(rows)
    )
