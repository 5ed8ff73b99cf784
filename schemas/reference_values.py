"""The `reference_values` table: one published value of a reference table, with its measure,
place, period and source."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._checks import Row, row_rule

PERIOD_KINDS = ["as_of", "during"]


def _period_reversed(row: Row) -> tuple[str, str, str]:
    return (
        f"period {row.get('period')!r} ends before it starts",
        "period_start on or before period_end",
        f"{row.get('period_start')} to {row.get('period_end')}",
    )


class ReferenceValueModel(pa.DataFrameModel):
    reference_id: Series[str] = pa.Field(description="Reference table the row is in.")
    row_id: Series[str] = pa.Field(
        unique=True,
        description="Id of the row: '<reference_id>:<line>' (its line in a CSV file, its row "
        "number plus one in a Parquet file).",
    )
    source_file: Series[str] = pa.Field(
        description="The data file, relative to the reference folder."
    )
    source_line: Series[int] = pa.Field(
        ge=1, description="Line of the data file (CSV; the header is line 1) the value is on."
    )
    measure_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Curated shared measure the value is of (as figures.measure_id): a figure "
        "that names it is matched with the row for certain. NULL when the table names none; the "
        "row is then matched by what, place and period.",
    )
    what: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="What the value counts, in words ('French nationals involved in jihadist "
        "networks').",
    )
    of_whom: Series[str] = pa.Field(
        nullable=True, description="The population the value is of, when the table says."
    )
    place: Series[str] = pa.Field(nullable=True, description="Where the value applies.")
    period: Series[str] = pa.Field(
        description="Period as the file gives it, in ISO 8601: a day (2014-12-17: a count as of "
        "that day), a month (2014-12), a year (2014) or an interval (2014-01-01/2014-12-17)."
    )
    period_kind: Series[str] = pa.Field(
        isin=PERIOD_KINDS,
        description="as_of: a count standing on a day (period_start = period_end); during: a "
        "count over the period, from period_start to period_end.",
    )
    period_start: Series[pd.Timestamp] = pa.Field(
        metadata={"sql": "DATE"}, description="First day of the period."
    )
    period_end: Series[pd.Timestamp] = pa.Field(
        metadata={"sql": "DATE"}, description="Last day of the period."
    )
    value: Series[float] = pa.Field(description="The published value, as a plain number.")
    unit: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Unit of the value (people, percent, EUR, networks), compared with the "
        "figures' units.",
    )
    source_url: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^https?://\S+$",
        description="Address of the page that states this value, an http or https address "
        "(NULL: the table's own url).",
    )
    source_quote: Series[str] = pa.Field(
        nullable=True, description="A few words of that page with the value, to find it there."
    )

    @row_rule("A reference value's period ends on or after its start.", _period_reversed)
    def reference_periods_are_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["period_start"] <= df["period_end"]

    class Config:
        coerce = True
        strict = True
        description = (
            "Published values of the reference tables, one per data row: what it counts, of "
            "whom, where, its period (parsed from ISO 8601 into a start and an end) and value, "
            "with its source. A row that cannot be read (a missing value, a period that is not "
            "ISO 8601) is held back in `quarantine` with its file and line."
        )
