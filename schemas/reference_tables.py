"""The `reference_tables` table: each reference file (published data a figure can be checked
against) with what its sidecar says of its source."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class ReferenceTableModel(pa.DataFrameModel):
    reference_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^[a-z0-9][a-z0-9-]*$",
        description="Id of the reference table: its file name without the suffix (a slug).",
    )
    source_file: Series[str] = pa.Field(
        description="The data file (CSV or Parquet), relative to the reference folder."
    )
    sidecar_file: Series[str] = pa.Field(
        description="The YAML sidecar beside it that says where the data comes from."
    )
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the data file and its sidecar: a changed hash reads the table "
        "again and judges again only the figures its rows can match.",
    )
    title: Series[str] = pa.Field(description="Title of the published data, as its sidecar says.")
    publisher: Series[str] = pa.Field(description="Who published the data (a ministry, an office).")
    url: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^https?://\S+$",
        description="Address of the published data or of the page that states it (http or https).",
    )
    retrieved: Series[str] = pa.Field(
        description="When the data was retrieved (YYYY-MM-DD), as its sidecar says."
    )
    licence: Series[str] = pa.Field(description="Licence of the data, as its sidecar says.")
    notes: Series[str] = pa.Field(
        nullable=True, description="The sidecar's notes: what the table is and is not."
    )
    rows_read: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Data rows the file holds; each is a row of `reference_values` or held back "
        "in `quarantine` with its line.",
    )

    class Config:
        coerce = True
        strict = True
        description = (
            "Reference tables: published data (a ministry's counts, a statistics office's table) "
            "read from the reference folder (ETL_REFERENCE_DIR, default data/reference/), one row "
            "per data file with its YAML sidecar's publisher, title, address, retrieval date and "
            "licence. Their rows are in `reference_values`."
        )
