"""The `non_figures` table: numbers in the text that a curator marked as not figures."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._checks import quote_not_in_body, row_rule


class NonFigureModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(description="Article the text comes from.")
    quote: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Verbatim text of the body that is not a figure."
    )
    occurrence: Series[pd.Int64Dtype] = pa.Field(
        ge=1, description="Which occurrence of the quote in the body is meant (1 = first)."
    )
    start: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Character offset in the body where the quote starts."
    )
    end: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Character offset in the body just after the quote."
    )
    line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Line of the article file where the quote starts."
    )
    sentence: Series[str] = pa.Field(
        nullable=True, description="The sentence of the body that carries the quote."
    )
    reason: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Why it is not a figure of the article (publisher notice, date, name, ...).",
    )
    figures_file: Series[str] = pa.Field(description="Figures file that records it.")
    figures_file_line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Line of the figures file where it is recorded."
    )

    @row_rule("Each non-figure's quote is found verbatim in its article's body.", quote_not_in_body)
    def figure_quotes_occur_in_text(cls, df: pd.DataFrame) -> Series[bool]:
        return df["start"].notna()

    class Config:
        coerce = True
        strict = True
        description = (
            "Numbers that appear in an article's text but are not its figures, each with the "
            "curator's reason, e.g. the archive's notice 'This story is over 5 years old.'"
        )
