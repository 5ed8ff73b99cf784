"""The `sources` table: every input file of the articles folder, as the last run saw it."""

import pandera.pandas as pa
from pandera.typing import Series


class SourceModel(pa.DataFrameModel):
    source_file: Series[str] = pa.Field(
        unique=True, description="Path of the file, relative to the articles folder."
    )
    article_id: Series[str] = pa.Field(
        description="Article the file belongs to: its article file's name without the suffix."
    )
    role: Series[str] = pa.Field(
        isin=["article", "figures"],
        description="article: front matter and body; figures: the article's curated figures.",
    )
    size_bytes: Series[int] = pa.Field(ge=0, description="Size of the file in bytes.")
    modified_ns: Series[int] = pa.Field(
        description="Modification time (nanoseconds since 1970); an unchanged size and time "
        "mean the file is not read again."
    )
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file's bytes: a changed hash re-processes the article.",
    )
    batch: Series[int] = pa.Field(
        ge=0, description="Batch (Dagster partition of `article_batches`) the article is in."
    )

    class Config:
        coerce = True
        strict = True
        description = (
            "Every input file (article files and figures files) with its content hash: what the "
            "next run compares against to process only new and changed articles."
        )
