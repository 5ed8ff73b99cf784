"""The `quarantine` table: every input that was held back, and why."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class QuarantineModel(pa.DataFrameModel):
    stage: Series[str] = pa.Field(
        isin=[
            "articles",
            "figures",
            "non_figures",
            "relations",
            "mentions",
            "derived_metrics",
            "reference_values",
        ],
        description="Table the item was meant for, whose step held it back; files held back "
        "before they are read (too large, a link out of the folder, neither an article nor a "
        "figures file) are under articles, the step that reads the folder; numbers of a body "
        "that cannot be stored are under mentions; reference files and their rows that cannot be "
        "read are under reference_values.",
    )
    source_file: Series[str] = pa.Field(
        description="File the item comes from, relative to the articles folder (for "
        "reference_values, to the reference folder)."
    )
    line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Line of the file where the problem is (NULL if unknown)."
    )
    article_id: Series[str] = pa.Field(nullable=True, description="Article of the item.")
    item_id: Series[str] = pa.Field(
        nullable=True, description="Figure or relation id of the item (NULL for a whole article)."
    )
    rule: Series[str] = pa.Field(description="Name of the check the item failed.")
    message: Series[str] = pa.Field(description="What is wrong and where, for a person to act on.")
    expected: Series[str] = pa.Field(nullable=True, description="What the rule expected.")
    found: Series[str] = pa.Field(nullable=True, description="What was found instead.")
    quote: Series[str] = pa.Field(nullable=True, description="Quote of the item, if it has one.")

    class Config:
        coerce = True
        strict = True
        description = (
            "Articles, figures and relations held back by a check, one row per problem: nothing "
            "that fails is dropped silently, and nothing here reaches the other tables."
        )
