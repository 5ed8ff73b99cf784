"""The `reference_matches` table: which reference values each figure is compared with, and why."""

import pandera.pandas as pa
from pandera.typing import Series

MATCH_METHODS = ["measure_id", "found"]


class ReferenceMatchModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(description="Article of the figure.")
    figure_id: Series[str] = pa.Field(
        description="The figure matched (figures.figure_id); for a derived metric (metric_id), "
        "the figure of its relation that states the change ('116 percent')."
    )
    metric_id: Series[str] = pa.Field(
        nullable=True,
        description="For a derived metric compared with published data: the metric "
        "(derived_metrics.metric_id), the baseline a change implies ('+116 percent' to 1,200 "
        "implies 555.6 in 2013), matched with the row of its series for the change's earlier "
        "period. NULL for a figure's own match.",
    )
    row_id: Series[str] = pa.Field(
        description="The reference value (reference_values.row_id); for a share compared with a "
        "part and a whole (whole_row_id), the part's row."
    )
    reference_id: Series[str] = pa.Field(description="Reference table of the value.")
    earlier_row_id: Series[str] = pa.Field(
        nullable=True,
        description="For a figure that states a change between two periods ('rose 25 percent "
        "in 2023 against 2022'): the reference value of the earlier period, row_id being the "
        "later one's; the figure is compared with the change the two make. NULL otherwise.",
    )
    whole_row_id: Series[str] = pa.Field(
        nullable=True,
        description="For a share of a whole ('one fifth of them', in a share_of relation): the "
        "whole's reference value (the row its whole figure is matched with), row_id being the "
        "part's row of the same table, place, period and unit; the share is compared with "
        "part / whole. NULL otherwise.",
    )
    method: Series[str] = pa.Field(
        isin=MATCH_METHODS,
        description="measure_id: the figure and the value name one curated measure (certain); "
        "found: matched by what they count, place and period (to review: its disagreements "
        "warn, never fail).",
    )
    score: Series[float] = pa.Field(
        ge=0,
        le=1,
        description="How sure the match is: 1 for a curated measure id; for a found match, the "
        "share of the words saying what is counted that both sides use (Dice coefficient of "
        "their stems), lowered when one side states no place; for a share, the lower of its "
        "whole's match score and the part's (the words the share adds to its whole against "
        "those the part's row adds to the whole's); for a derived metric, its anchor's (the "
        "match of the figure it is derived from).",
    )
    reason: Series[str] = pa.Field(
        description="Why they were matched: the measure id, or the shared words, place and both "
        "periods; for a share or a derived metric, which figure's match led to which rows, for "
        "a person to review."
    )
    scale: Series[float] = pa.Field(
        ne=0,
        description="What the figure's value is multiplied by to be in the reference's unit "
        "(100 for a share stated as a fraction, 'one fifth', against a percent; -1 for a "
        "percent fall, 'fell 17 percent', against a change computed from two values; 100 for "
        "a share stated as a fraction against part / whole, a percent; else 1).",
    )

    class Config:
        coerce = True
        strict = True
        description = (
            "Figures matched with reference values (published data): by the curated measure id, "
            "or found by what they count, place and period, with a score and the reason; a "
            "stated change with two rows of a series, a share with a part's and a whole's row, "
            "an implied baseline (derived metric) with its earlier period's row. Judged "
            "by the check figures_agree_with_reference; view reference_agreements says each "
            "match's gap and severity."
        )
