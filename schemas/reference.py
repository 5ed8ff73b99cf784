"""The warehouse's table reference as Markdown, from the Pandera models (for the README)."""

from schemas import TABLES, sql_type


def table_reference() -> str:
    """One section per table: its description, then its columns, types and descriptions."""
    sections = []
    for table, model in TABLES.items():
        schema = model.to_schema()
        rows = [
            f"| `{name}` | {sql_type(column)}{'' if column.nullable else ' not null'} "
            f"| {column.description} |"
            for name, column in schema.columns.items()
        ]
        sections.append(
            f"#### `{table}`\n\n{schema.description}\n\n| column | type | description |\n"
            "|---|---|---|\n" + "\n".join(rows)
        )
    return "\n\n".join(sections) + "\n"
