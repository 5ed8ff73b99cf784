"""The `figures` table: one row per curated figure, resolved to its place in the text."""

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._checks import (
    Explanation,
    Row,
    id_used_twice,
    number,
    numeric,
    quote_not_in_body,
    row_rule,
    share_outside_unit_interval,
    unique_within_article,
    value_outside_interval,
)
from schemas.vocab import FIGURE_KINDS, QUALIFIERS, SEVERITIES, VERDICTS

# A shared measure's id: lowercase words of letters and digits joined by single hyphens.
MEASURE_ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def _negative_count(row: Row) -> Explanation:
    value = number(row.get("value"))
    return f"count {value} is negative", ">= 0", value


def _quoted_number_differs(row: Row) -> Explanation:
    quoted, value = row.get("quoted_value"), number(row.get("value"))
    found = "no number in the quote" if quoted is None else number(quoted)
    return (
        f"the quote {row.get('quote')!r} states {found}, but the recorded value is {value}",
        value,
        found,
    )


def _not_a_slug(row: Row) -> Explanation:
    measure_id = row.get("measure_id")
    return (
        f"measure id {measure_id!r} is not a slug: use lowercase letters and digits in words "
        "joined by single hyphens, e.g. 'fr-nationals-departing-for-jihad-2014'",
        "a slug such as 'fr-nationals-departing-for-jihad-2014'",
        repr(measure_id),
    )


class FigureModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(
        metadata={"lineage": ("articles.article_id",)}, description="Article the figure comes from."
    )
    figure_id: Series[str] = pa.Field(
        str_matches=r"^[\w.-]+$",
        description="Identifier of the figure, unique within its article.",
    )
    quote: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Verbatim text of the body that states the figure.",
    )
    occurrence: Series[pd.Int64Dtype] = pa.Field(
        ge=1, description="Which occurrence of the quote in the body is meant (1 = first)."
    )
    start: Series[pd.Int64Dtype] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        nullable=True,
        ge=0,
        description="Character offset in the body where the quote starts (0-based).",
    )
    end: Series[pd.Int64Dtype] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        nullable=True,
        ge=0,
        description="Character offset in the body just after the quote: body[start:end] = quote.",
    )
    line: Series[pd.Int64Dtype] = pa.Field(
        metadata={"lineage": ("articles.body_first_line", "articles.body")},
        nullable=True,
        ge=1,
        description="Line of the article file where the quote starts.",
    )
    sentence: Series[str] = pa.Field(
        metadata={"lineage": ("articles.body",)},
        nullable=True,
        description="The sentence of the body that carries the quote.",
    )
    value: Series[float] = pa.Field(
        description=(
            "Recorded value, in the figure's unit: 1200 for '1,200', 116 for '116 percent', "
            "0.2 for 'one fifth', 2 for 'twice as many'."
        )
    )
    quoted_value: Series[float] = pa.Field(
        nullable=True,
        description="The number read back from the quote itself (NULL when it states none).",
    )
    kind: Series[str] = pa.Field(
        isin=FIGURE_KINDS, description=f"What sort of number it is: {', '.join(FIGURE_KINDS)}."
    )
    unit: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Unit of the value: people, networks, percent, times, fraction, USD, ...",
    )
    qualifier: Series[str] = pa.Field(
        isin=QUALIFIERS,
        description=(
            "How the text hedges the value: exact, approx ('some', 'about'), at_least, "
            "more_than, at_most, less_than."
        ),
    )
    hedged: Series[bool] = pa.Field(
        description=(
            "True when the text's own words hedge the value ('some 1,200', 'at least 100', "
            "'nearly three times'); False for a value the text states plainly, even when it is "
            "read as rounded ('Twice as many', qualifier approx). A value that lies inside "
            "another figure's hedged interval agrees with it (agreement policy)."
        )
    )
    rounding: Series[float] = pa.Field(
        ge=0,
        description=(
            "How far the value may have been rounded where the text writes it, relative to the "
            "value: half the unit of its last written digit ('£2bn' 0.25, '1.96 billion' "
            "0.0026, '116 percent' 0.0043, '3,000' 0.00017); 0 for numbers in words, rates "
            "and ranges. Two "
            "statements agree when their gap is within the agreement tolerance plus their "
            "rounding."
        ),
    )
    lower: Series[float] = pa.Field(
        description="Lowest value the qualifier allows (inclusive; -inf when unbounded)."
    )
    upper: Series[float] = pa.Field(
        description="Highest value the qualifier allows (inclusive; inf when unbounded)."
    )
    measure_id: Series[str] = pa.Field(
        nullable=True,
        description=(
            "Shared measure the figure states, as a slug (e.g. "
            "'fr-nationals-departing-for-jihad-2014'): figures of one measure id, from any "
            "article, state the same statistic and are compared across sources (view "
            "`measure_values`, check `sources_agree_on_shared_measures`). NULL when the curator "
            "named none."
        ),
    )
    measure_what: Series[str] = pa.Field(
        nullable=True,
        str_length={"min_value": 1},
        description=(
            "What is measured: curated, or for unreviewed figures found by the machine in the "
            "sentence (the noun phrase the number counts: 'French nationals'; measure_cue says "
            "from which words). NULL only for unreviewed figures where nothing was found."
        ),
    )
    measure_of_whom: Series[str] = pa.Field(
        nullable=True, description="The population or group measured (NULL when unstated)."
    )
    measure_where: Series[str] = pa.Field(
        nullable=True, description="Where the measure applies (NULL when unstated)."
    )
    measure_period: Series[str] = pa.Field(
        nullable=True,
        description="Period the measure covers, as the text gives it (for a change, both periods).",
    )
    measure_cue: Series[str] = pa.Field(
        nullable=True,
        description=(
            "For measures found by the machine (unreviewed figures): the words of the sentence "
            "they were read from, to review. NULL for curated measures."
        ),
    )
    note: Series[str] = pa.Field(nullable=True, description="Curator's note on the figure.")
    reviewed: Series[bool] = pa.Field(
        description=(
            "True for figures a curator wrote in a figures file; False for figures the extractor "
            "found in an article that has no figures file yet (id 'auto-<offset>'), and for "
            "drafts: figures of a figures file whose measure.what is still empty (as `python -m "
            "etl.draft` writes them), with the measure the machine found until it is filled in."
        )
    )
    figures_file: Series[str] = pa.Field(
        nullable=True,
        description="Figures file the figure is curated in, relative to the articles folder.",
    )
    figures_file_line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Line of the figures file where the figure starts."
    )
    # The judgement, written by the derived_metrics step once every comparison is computed
    # (warehouse/judge/figure_verdicts.sql): not part of what an article's files give, so a
    # table built from the files alone has none of them (optional columns, NULL until judged).
    verdict: Series[str] | None = pa.Field(
        nullable=True,
        isin=[v for v in VERDICTS if v != "held_back"],
        description=(
            "holds (compared with another figure and every comparison agreed), contradicted (a "
            "comparison warns or errs) or unchecked (nothing compared it with anything): the "
            "figure's verdict, judged after the derived metrics (figures held back are in view "
            "verdicts with held_back)."
        ),
    )
    verdict_severity: Series[str] | None = pa.Field(
        nullable=True,
        isin=list(SEVERITIES),
        description=(
            "Worst outcome of the comparisons that judged the figure: ok, warn or error; NULL "
            "when none did (unchecked)."
        ),
    )
    verdict_comparisons: Series[pd.Int64Dtype] | None = pa.Field(
        nullable=True, ge=0, description="How many comparisons judged the figure (0: unchecked)."
    )
    verdict_reason: Series[str] | None = pa.Field(
        nullable=True,
        description=(
            "Why, in a sentence: the other figure(s) of each disagreement (quote, id, and article "
            "when another) with the check or derived metric and its numbers; for a figure that "
            "holds, what it agreed with; for an unchecked one, that nothing compared it."
        ),
    )

    @row_rule(
        "Each figure's quote is found verbatim in its article's body, at the given occurrence.",
        quote_not_in_body,
    )
    def figure_quotes_occur_in_text(cls, df: pd.DataFrame) -> Series[bool]:
        return df["start"].notna()

    @row_rule(
        "The number written in each quote ('Four hundred', 'one fifth', '1,200') equals the "
        "figure's recorded value (quotes found in the body only: a quote that is not there fails "
        "figure_quotes_occur_in_text).",
        _quoted_number_differs,
    )
    def quoted_numbers_equal_values(cls, df: pd.DataFrame) -> Series[bool]:
        value, quoted = numeric(df, "value"), numeric(df, "quoted_value")
        close = np.isclose(quoted, value, rtol=1e-9, atol=1e-12)
        return pd.Series(close, index=df.index) | value.isna() | df["start"].isna()

    @row_rule(
        "No figure of kind count is negative.",
        _negative_count,
    )
    def counts_are_not_negative(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["kind"] != "count") | ~(numeric(df, "value") < 0)

    @row_rule(
        "Every figure of kind ratio (a share such as 'one fifth') lies in [0, 1].",
        share_outside_unit_interval,
    )
    def shares_lie_in_unit_interval(cls, df: pd.DataFrame) -> Series[bool]:
        value = numeric(df, "value")
        return (df["kind"] != "ratio") | ~((value < 0) | (value > 1))

    @row_rule(
        "Every figure lies inside the interval its qualifier gives it: lower <= value <= upper.",
        value_outside_interval,
    )
    def intervals_contain_values(cls, df: pd.DataFrame) -> Series[bool]:
        value = numeric(df, "value")
        return ~((numeric(df, "lower") > value) | (numeric(df, "upper") < value))

    @row_rule("Curated figures say what they measure.", own_check=False)
    def reviewed_figures_state_what_they_measure(cls, df: pd.DataFrame) -> Series[bool]:
        return ~df["reviewed"].astype(bool) | df["measure_what"].notna()

    @row_rule(
        "Measure ids are slugs: lowercase letters and digits in words joined by single hyphens, "
        "e.g. 'fr-nationals-departing-for-jihad-2014'.",
        _not_a_slug,
        own_check=False,
    )
    def measure_ids_are_slugs(cls, df: pd.DataFrame) -> Series[bool]:
        measure_id = df["measure_id"]
        return measure_id.isna() | measure_id.astype(str).str.fullmatch(MEASURE_ID_PATTERN)

    @row_rule("No figure id is used twice in one article.", id_used_twice)
    def figure_ids_are_unique(cls, df: pd.DataFrame) -> Series[bool]:
        return unique_within_article(df, "figure_id")

    class Config:
        coerce = True
        strict = True
        description = (
            "Figures that passed every row check, each traced to its quote, offsets, line and "
            "sentence, with the interval its qualifier allows: curated ones, and unreviewed ones "
            "the extractor found in articles with no figures file. Figures that failed are in "
            "`quarantine`, never here."
        )
