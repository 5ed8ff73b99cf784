"""The `articles` table: one row per article file that parsed and validated."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._checks import Explanation, Row, row_rule

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _reversed_range(row: Row) -> Explanation:
    return "publication range is reversed", "earliest <= latest", str(row.get("published"))


class ArticleModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^[^\W_][\w.-]*$",
        description=(
            "Identifier of the article: its file name without the extension when that is letters "
            "and digits (any script), '_', '.' and '-', starting with a letter or digit; "
            "otherwise the name with each run of other characters made '-', then '-' and 8 hex "
            "digits of the SHA-256 of the name, so that ids stay unique (e.g. 'a b.md' is "
            "'a-b-c8687a08')."
        ),
    )
    source_file: Series[str] = pa.Field(
        description="Path of the article file, relative to the articles folder."
    )
    figures_file: Series[str] = pa.Field(
        nullable=True,
        description="Path of the curated figures file beside the article (NULL when it has none).",
    )
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description="Headline.")
    outlet: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Publication that ran the article."
    )
    author: Series[str] = pa.Field(nullable=True, description="Byline (NULL when unknown).")
    url: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^https?://\S+$",
        description="Address of the original article (NULL when unknown).",
    )
    published: Series[str] = pa.Field(
        str_matches=PARTIAL_DATE,
        description=(
            "Publication date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD. "
            "An unknown day is left out, never invented."
        ),
    )
    published_earliest: Series[pd.Timestamp] = pa.Field(
        metadata={"sql": "DATE"},
        description="First day the publication date can be (start of the month for YYYY-MM).",
    )
    published_latest: Series[pd.Timestamp] = pa.Field(
        metadata={"sql": "DATE"},
        description="Last day the publication date can be (end of the month for YYYY-MM).",
    )
    language: Series[str] = pa.Field(
        str_matches=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$",
        description="Language of the body as a BCP 47 tag, e.g. 'en'.",
    )
    notes: Series[str] = pa.Field(
        nullable=True,
        description="Curator's notes on the source: reposts, dates, provenance.",
    )
    body: Series[str] = pa.Field(
        description="Article text verbatim, after the front matter; figure offsets point into it."
    )
    body_sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the body, in hex."
    )
    body_chars: Series[int] = pa.Field(ge=0, description="Length of the body in characters.")
    body_first_line: Series[int] = pa.Field(
        ge=1, description="Line of the article file where the body starts (1-based)."
    )

    @row_rule(
        "published_earliest is on or before published_latest.", _reversed_range, own_check=False
    )
    def published_range_is_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["published_earliest"] <= df["published_latest"]

    class Config:
        coerce = True
        strict = True
        description = (
            "Articles whose files parsed and validated: attribution, publication date and "
            "verbatim body. Articles that did not are in `quarantine`."
        )
