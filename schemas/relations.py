"""The `relations` table: typed links between two figures of the same article."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._checks import Explanation, Row, id_used_twice, row_rule, unique_within_article
from schemas.vocab import RELATION_ORIGINS, RELATION_TYPES


def _same_figure_twice(row: Row) -> Explanation:
    return "subject and object are the same figure", "two figures", str(row.get("subject_id"))


class RelationModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(description="Article both figures come from.")
    relation_id: Series[str] = pa.Field(
        str_matches=r"^[\w.-]+$", description="Identifier of the relation, unique in its article."
    )
    type: Series[str] = pa.Field(
        isin=RELATION_TYPES,
        description=(
            "part_of: subject is a part of object. share_of: subject (ratio or percent) is a "
            "share of object. percent_change: object is subject percent (or a fraction: 'a "
            "third more') more (or less) than a baseline. multiple_of: object is subject times "
            "a baseline. same_quantity: both state the same quantity."
        ),
    )
    direction: Series[str] = pa.Field(
        isin=("up", "down"),
        description=(
            "For a percent_change: up ('rose 12 percent') or down ('fell 40 percent': the "
            "object is 40 percent less than the baseline, though the figure's value is 40). "
            "up for every other type."
        ),
    )
    subject_id: Series[str] = pa.Field(
        metadata={"lineage": ("figures.figure_id",)}, description="Figure the relation is about."
    )
    object_id: Series[str] = pa.Field(
        metadata={"lineage": ("figures.figure_id",)},
        description="Figure it relates the subject to.",
    )
    baseline_id: Series[str] = pa.Field(
        metadata={"lineage": ("figures.figure_id",)},
        nullable=True,
        description=(
            "For changes: the figure that states the value before the change ('from $2.5 "
            "million'), compared with the baseline the change implies (metric "
            "baseline_agreement). NULL when the text states none."
        ),
    )
    baseline: Series[str] = pa.Field(
        nullable=True,
        description="For changes: the implied baseline in words (e.g. 'departures in 2013').",
    )
    base_ambiguous: Series[bool] = pa.Field(
        description="True when the text's base of a share is not exactly the object figure."
    )
    note: Series[str] = pa.Field(nullable=True, description="Curator's note on the relation.")
    origin: Series[str] = pa.Field(
        isin=RELATION_ORIGINS,
        description=(
            "curated: written in a figures file; found: found by the machine in an article that "
            "has no figures file, and used as curated ones are (rule and cue say how; to be "
            "reviewed); suggested: found in an article that has a figures file, between two of "
            "its curated figures that no curated relation links: listed for the curator, never "
            "used."
        ),
    )
    rule: Series[str] = pa.Field(
        nullable=True,
        description="For found relations: the rule of core/find_relations.py that found it.",
    )
    cue: Series[str] = pa.Field(
        nullable=True,
        description="For found relations: the words of the text that state it, verbatim.",
    )
    figures_file: Series[str] = pa.Field(
        nullable=True,
        description=(
            "Figures file the relation is curated in, or that a suggestion is for (NULL for "
            "found relations: their article has none)."
        ),
    )
    figures_file_line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Line of the figures file where the relation starts."
    )

    @row_rule("No relation links a figure to itself.", _same_figure_twice)
    def relations_link_two_figures(cls, df: pd.DataFrame) -> Series[bool]:
        return df["subject_id"] != df["object_id"]

    @row_rule("No relation id is used twice in one article.", id_used_twice)
    def relation_ids_are_unique(cls, df: pd.DataFrame) -> Series[bool]:
        return unique_within_article(df, "relation_id")

    class Config:
        coerce = True
        strict = True
        description = (
            "Typed relations between figures of one article, curated in figures files or found "
            "by the machine in articles that have none (origin); derived metrics are computed "
            "from both. Relations to missing or quarantined figures are in `quarantine`."
        )
