"""The `mentions` table: every number the extractor finds in an article, and what became of it."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas.vocab import FIGURE_KINDS, MENTION_STATUSES, QUALIFIERS


class MentionModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(
        metadata={"lineage": ("articles.article_id",)},
        description="Article the number is stated in.",
    )
    start: Series[int] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        ge=0,
        description="Character offset in the body where it starts.",
    )
    end: Series[int] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        ge=0,
        description="Character offset in the body just after it.",
    )
    text: Series[str] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        description="The text of the mention, hedge included: body[start:end].",
    )
    value: Series[float] = pa.Field(
        metadata={"lineage": ("articles.body",)}, description="The number it states, in its unit."
    )
    kind: Series[str] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        isin=FIGURE_KINDS,
        description="count, percent, ratio, multiplier, money or other for quantities; year, "
        "date or ordinal for numbers that are only classified.",
    )
    unit: Series[str] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        nullable=True,
        description="Unit or counted noun, if found.",
    )
    qualifier: Series[str] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        isin=QUALIFIERS,
        description="The hedge before it.",
    )
    lower: Series[float] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        description="Lowest value it allows (-inf when open).",
    )
    upper: Series[float] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        description="Highest value it allows (inf when open).",
    )
    line: Series[int] = pa.Field(
        metadata={"lineage": ("articles.body_first_line", "articles.body")},
        ge=1,
        description="Line of the article file where it starts.",
    )
    sentence: Series[str] = pa.Field(
        metadata={"lineage": ("articles.body",)}, description="The sentence that carries it."
    )
    status: Series[str] = pa.Field(
        isin=MENTION_STATUSES,
        description=(
            "curated: a curated figure covers it; not_a_figure: the curator marked it so; "
            "uncovered: its article is curated but neither says anything of it (a figure the "
            "curator may have missed); unreviewed: its article has no figures file, so it became "
            "an unreviewed figure; classified: a year, date or ordinal, not a figure."
        ),
    )
    figure_id: Series[str] = pa.Field(
        metadata={"lineage": ("figures.figure_id", "figures.start", "figures.end")},
        nullable=True,
        description="The figure it is (curated or unreviewed), if any.",
    )

    class Config:
        coerce = True
        strict = True
        description = (
            "Every number the extractor (core/extract.py) finds in each article's body, with its "
            "span, value, kind and hedge, linked to the curated figure or non-figure that covers "
            "it. The coverage check lists the uncovered ones."
        )
