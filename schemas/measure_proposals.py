"""The `measure_proposals` table: figures of different articles proposed as one shared measure."""

import pandera.pandas as pa
from pandera.typing import Series


class MeasureProposalModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(description="Article of the figure.")
    figure_id: Series[str] = pa.Field(description="The figure (figures.figure_id).")
    proposal_id: Series[str] = pa.Field(
        str_matches=r"^proposed-[0-9a-f]{12}$",
        description="The proposed measure: figures with one proposal_id state, by what the "
        "machine found in their sentences, the same measure in different articles.",
    )
    reason: Series[str] = pa.Field(
        description="What they have in common: the words of what they count, place, kind of "
        "value and period, for a curator to review (and, if right, to give them one measure id)."
    )

    class Config:
        coerce = True
        strict = True
        description = (
            "Shared measures proposed by the machine: figures that name no measure id, from two "
            "articles or more, whose found measures say the same (the same words for what they "
            "count and of whom, place, kind of value, period to the month). Compared as curated "
            "shared measures are (view proposed_measure_agreements, check "
            "sources_agree_on_proposed_measures), but only as proposals: a disagreement warns."
        )
