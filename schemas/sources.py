"""The `sources` table: every input file of the articles folder, as the last run saw it."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class SourceModel(pa.DataFrameModel):
    source_file: Series[str] = pa.Field(
        unique=True, description="Path of the file, relative to the articles folder."
    )
    article_id: Series[str] = pa.Field(
        description="Article the file belongs to: the id of its article file (its name without "
        "the suffix, see `articles.article_id`); for a file of the role other, the same made "
        "from its whole name."
    )
    role: Series[str] = pa.Field(
        isin=["article", "figures", "other"],
        description="article: front matter and body; figures: the article's curated figures; "
        "other: neither (held back in `quarantine`, never read).",
    )
    size_bytes: Series[int] = pa.Field(ge=0, description="Size of the file in bytes.")
    modified_ns: Series[int] = pa.Field(
        description="Modification time (nanoseconds since 1970). A file whose size, "
        "modification time, inode and change time are all as recorded is not read again."
    )
    inode: Series[int] = pa.Field(
        ge=0,
        description="Inode number of the file: a file replaced by another (a copy renamed over "
        "it, as `rsync` and editors do) has another.",
    )
    changed_ns: Series[int] = pa.Field(
        description="Change time of the file's inode (st_ctime, nanoseconds since 1970): set by "
        "the system on every write, rename or restore, and not settable by `touch`, `cp -p` or "
        "`rsync -t`; so an edit that keeps the size and modification time is still read.",
    )
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file's bytes: a changed hash re-processes the article. A "
        "file held back unread (over ETL_MAX_FILE_BYTES, a link out of the folder, of the role "
        "other) has the SHA-256 of its size and time instead.",
    )
    entries: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="For a figures file: the entries it lists (figures, relations and "
        "not_figures) when it was read, each of which is a row or held back in `quarantine` "
        "(check `every_curated_entry_is_accounted_for`); NULL for other files and for a "
        "figures file that could not be read.",
    )
    batch: Series[int] = pa.Field(
        ge=0,
        description=(
            "Batch of the articles folder the file is in (a hash of its name; a partition of "
            "`article_batches` in the cluster code location)."
        ),
    )
    processed_at: Series[pd.Timestamp] = pa.Field(
        metadata={"sql": "TIMESTAMP"},
        description="When the article of the file was last processed into the tables, in UTC "
        "(recorded with its rows, in one transaction); it stays while the files are unchanged. "
        "The staging warehouse gathers again only the articles whose rows of sources changed.",
    )

    class Config:
        coerce = True
        strict = True
        description = (
            "Every input file (article files and figures files) with its content hash: what the "
            "next run compares against to process only new and changed articles."
        )
