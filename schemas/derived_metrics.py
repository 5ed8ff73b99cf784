"""The `derived_metrics` table: numbers computed in SQL from figures and their relations."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._checks import numeric, row_rule, share_outside_unit_interval, value_outside_interval
from schemas.vocab import DERIVED_METRICS, SEVERITIES


class DerivedMetricModel(pa.DataFrameModel):
    metric_id: Series[str] = pa.Field(
        unique=True, description="Identifier: article, relation and metric, joined by ':'."
    )
    article_id: Series[str] = pa.Field(
        metadata={"lineage": ("relations.article_id",)}, description="Article the inputs come from."
    )
    relation_id: Series[str] = pa.Field(
        metadata={"lineage": ("relations.relation_id",)},
        description="Relation the metric is computed from (for agreements, the pair of relations).",
    )
    metric: Series[str] = pa.Field(
        metadata={"lineage": ("relations.type",)},
        isin=DERIVED_METRICS,
        description=(
            "implied_baseline: value before a change; share_of_whole: part / whole; "
            "remainder_of_whole: whole - part; implied_count: share x whole; change_agreement: "
            "two statements of one change compared; same_quantity_agreement: two figures of one "
            "quantity compared; baseline_agreement: the baseline a change implies compared with "
            "the one the text states ('from $2.5 million'); share_part_agreement: a share compared "
            "with the part it stands beside ('1.1 million of them, or 72 percent'); "
            "sum_of_parts: the parts a sentence lists up to 'the remaining N', or with one verb "
            "for all, added up, against their whole."
        ),
    )
    label: Series[str] = pa.Field(
        metadata={"lineage": ("figures.quote", "figures.measure_what")},
        description="What the metric is, in words.",
    )
    formula: Series[str] = pa.Field(description="How it is computed, in words.")
    computation: Series[str] = pa.Field(
        metadata={"lineage": ("figures.value",)},
        description="The same computation with the numbers.",
    )
    value: Series[float] = pa.Field(
        metadata={"lineage": ("figures.value", "relations.type")},
        description="Computed value, from the figures' values.",
    )
    lower: Series[float] = pa.Field(
        metadata={"lineage": ("figures.lower", "figures.upper", "relations.type")},
        description="Lowest value the inputs' intervals allow (interval arithmetic).",
    )
    upper: Series[float] = pa.Field(
        metadata={"lineage": ("figures.lower", "figures.upper", "relations.type")},
        description="Highest value the inputs' intervals allow (inf when unbounded).",
    )
    unit: Series[str] = pa.Field(
        metadata={"lineage": ("figures.unit", "relations.type")},
        description="Unit of value, lower and upper.",
    )
    input_figure_ids: Series[object] = pa.Field(
        metadata={"lineage": ("relations.subject_id", "relations.object_id"), "sql": "VARCHAR[]"},
        description="Figures the metric is computed from.",
    )
    gap: Series[float] = pa.Field(
        metadata={"lineage": ("figures.value",)},
        nullable=True,
        description="For agreements: relative gap |a - b| / min(|a|, |b|) between the two values.",
    )
    severity: Series[str] = pa.Field(
        metadata={"lineage": ("figures.value", "figures.lower", "figures.upper")},
        nullable=True,
        isin=SEVERITIES,
        description=(
            "For agreements: ok when the gap is within the rounding tolerance, warn when the "
            "values differ but their intervals overlap, error when the intervals do not overlap."
        ),
    )
    caveat: Series[str] = pa.Field(
        metadata={"lineage": ("relations.base_ambiguous", "relations.note")},
        nullable=True,
        description="What the reader must know before using the number, e.g. an ambiguous base.",
    )

    @row_rule(
        "Every derived metric lies inside the interval computed for it: lower <= value <= upper.",
        value_outside_interval,
    )
    def intervals_contain_values(cls, df: pd.DataFrame) -> Series[bool]:
        value = numeric(df, "value")
        return ~((numeric(df, "lower") > value + 1e-9) | (numeric(df, "upper") < value - 1e-9))

    @row_rule(
        "Every derived share of a whole lies in [0, 1] (a part larger than its whole gives none).",
        share_outside_unit_interval,
    )
    def shares_lie_in_unit_interval(cls, df: pd.DataFrame) -> Series[bool]:
        value = numeric(df, "value")
        return (df["metric"] != "share_of_whole") | ~((value < 0) | (value > 1))

    class Config:
        coerce = True
        strict = True
        description = (
            "Metrics derived in SQL (warehouse/derived/*.sql) from validated figures and their "
            "relations, with intervals carried through the arithmetic and agreement findings."
        )
