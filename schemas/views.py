"""The warehouse's views (warehouse/views/*.sql), described column by column: the source of their
comments in DuckDB and of their part of the table reference. A column a view passes through
unchanged is its table's column (the table's model describes it); a column a view computes or
renames is described here. The tests compare each view's columns and types in DuckDB with these.
"""

import pandera.pandas as pa

from schemas.articles import ArticleModel
from schemas.figures import FigureModel
from schemas.measure_proposals import MeasureProposalModel
from schemas.reference_matches import ReferenceMatchModel
from schemas.reference_tables import ReferenceTableModel
from schemas.relations import RelationModel

_ARTICLE = ArticleModel.to_schema().columns
_FIGURE = FigureModel.to_schema().columns
_RELATION = RelationModel.to_schema().columns
_MATCH = ReferenceMatchModel.to_schema().columns


def _from(table: dict[str, pa.Column], *names: str) -> dict[str, pa.Column]:
    """Columns a view passes through from a table under their own names."""
    return {name: table[name] for name in names}


def _column(dtype: type, description: str, nullable: bool = True) -> pa.Column:
    return pa.Column(dtype, nullable=nullable, description=description)


def _figure_columns(role: str, note: str = "", signed: bool = False) -> dict[str, pa.Column]:
    """The columns of relation_figures that describe one of a relation's figures (role: subject,
    object or baseline), each description ending with note; signed: its value and interval are
    negated for a fall."""
    figure = f"the {role} figure"
    sign = (
        " (negated for a change down: 'fell 40 percent' is -40; a fraction that is a percent "
        "change in percent: 'down by a third' is -33.3)"
        if signed
        else ""
    )
    kind_and_unit = {
        f"{role}_kind": _column(str, f"Kind of {figure} (figures.kind){note}."),
        f"{role}_unit": _column(str, f"Unit of {figure} (figures.unit){note}."),
    }
    return {
        f"{role}_id": _column(str, f"Figure id of {figure}{note}."),
        f"{role}_quote": _column(str, f"Quote of {figure}{note}."),
        **({} if role == "baseline" else kind_and_unit),
        f"{role}_value": _column(float, f"Value of {figure}{sign}{note}."),
        f"{role}_hedged": _column(
            bool, f"Whether the text hedges {figure} (figures.hedged){note}."
        ),
        f"{role}_rounding": _column(float, f"Rounding of {figure} (figures.rounding){note}."),
        f"{role}_lower": _column(float, f"Lowest value {figure} allows{sign}{note}."),
        f"{role}_upper": _column(float, f"Highest value {figure} allows{sign}{note}."),
    }


MEASURE_VALUES = pa.DataFrameSchema(
    {
        **_from(_FIGURE, "measure_id", "measure_what", "measure_of_whom", "measure_where"),
        **_from(_FIGURE, "measure_period", "article_id"),
        **_from(_ARTICLE, "outlet", "title", "published", "published_earliest"),
        **_from(_FIGURE, "figure_id", "quote", "sentence", "value", "lower", "upper"),
        **_from(_FIGURE, "kind", "unit", "qualifier"),
    },
    description="Each shared measure's values by source and date: one row per figure that names "
    "a measure_id, with the measure, the article's outlet, title and publication date "
    "(published_earliest for ordering), the quote, its sentence, value, interval, kind, unit and "
    "qualifier.",
)

RELATION_FIGURES = pa.DataFrameSchema(
    {
        **_from(_RELATION, "article_id", "relation_id", "type", "direction", "origin", "rule"),
        **_from(_RELATION, "cue", "baseline", "base_ambiguous", "note"),
        **_figure_columns("subject", signed=True),
        "subject_what": _column(
            str,
            "What the subject figure measures (figures.measure_what), or its quote in "
            "quotes when no measure was found.",
        ),
        **_figure_columns("object"),
        "object_what": _column(
            str,
            "What the object figure measures (figures.measure_what), or its quote in "
            "quotes when no measure was found.",
        ),
        **_figure_columns(
            "baseline",
            note=": the figure that states the value before a change ('from $2.5 "
            "million'); NULL when the text states none",
        ),
    },
    description="Each relation in use (curated, or found by the machine in an article with no "
    "figures file; never a suggestion) beside its subject and object figures, and the figure "
    "that states its baseline when the text gives one. The derived metrics read it.",
)

VERDICTS = pa.DataFrameSchema(
    {
        "article_id": _column(str, "Article of the figure."),
        "figure_id": _column(
            str, "Figure id (figures.figure_id, or quarantine.item_id of a figure held back)."
        ),
        "quote": _column(str, "The figure as the article words it."),
        "verdict": _column(str, "holds, contradicted, held_back or unchecked: one per figure."),
        "severity": _column(
            str,
            "Worst outcome of the comparisons that judged the figure: ok, warn or error; "
            "NULL when none did (unchecked, held_back).",
        ),
        "comparisons": _column(
            int, "How many comparisons judged the figure (0: unchecked or held back)."
        ),
        "reason": _column(
            str,
            "Why, in a sentence: the other figure(s) of each disagreement (quote, id, and "
            "article when another) with the check or derived metric and its numbers; for a "
            "figure that holds, what it agreed with; for one held back, its rule and message.",
        ),
    },
    description="Each figure's one verdict, and why: one row per figure of figures and per "
    "figure held back in quarantine. holds: compared with another figure (a derived metric with "
    "a severity, a part against its whole, another article's figure of its shared measure) and "
    "every comparison agreed; contradicted: a comparison warns or errs; held_back: it failed its "
    "own checks; unchecked: nothing compared it with anything, so no check vouches for it.",
)

REFERENCE_AGREEMENTS = pa.DataFrameSchema(
    {
        **_from(_MATCH, "article_id", "figure_id"),
        **_from(_FIGURE, "quote"),
        "value": _column(
            float,
            "What is compared, in the reference's unit (x scale): the figure's value, or the "
            "derived metric's (metric_id).",
        ),
        "lower": _column(float, "Lowest value it allows, in the reference's unit."),
        "upper": _column(float, "Highest value it allows, in the reference's unit."),
        **_from(_MATCH, "method", "score", "reason", "row_id", "reference_id"),
        "reference_what": _column(
            str,
            "What the reference value counts (reference_values.what); for a share, the part's "
            "what, 'as a share of:' the whole's.",
        ),
        "reference_period": _column(
            str,
            "Period of the reference value, ISO 8601 (reference_values.period); for a change, "
            "'<later> against <earlier>'.",
        ),
        "reference_value": _column(
            float,
            "The published value (reference_values.value); for a figure that states a change, "
            "the change the two published values make (a percent, or a multiple); for a share, "
            "100 x part / whole (a percent).",
        ),
        "reference_unit": _column(
            str,
            "Its unit (reference_values.unit); for a change or a share, what it was computed from.",
        ),
        **_from(_MATCH, "earlier_row_id"),
        "source_url": _column(
            str, "Address of the page that states the value (its row's, else its table's)."
        ),
        "publisher": ReferenceTableModel.to_schema().columns["publisher"],
        "gap": _column(float, "Relative gap between the compared value and the published one."),
        "severity": _column(
            str,
            "ok: they agree by the agreement policy; warn: only their intervals overlap, or a "
            "found match disagrees (review the match); error: a figure of a curated measure id "
            "and its published value cannot both hold.",
        ),
        "compares": _column(
            str,
            "What is compared: value (a figure with one row), change (a stated change with two "
            "rows of a series), share (a share of a whole with part / whole of two rows), "
            "derived (a derived metric, the baseline a change implies, with the row of its "
            "period).",
        ),
        **_from(_MATCH, "metric_id", "whole_row_id"),
        "reference_rows": _column(
            str,
            "The rows compared with, as a reader names them: '<row>', '<later> against "
            "<earlier>' for a change, '<part> of <whole>' for a share.",
        ),
        "whole_source_url": _column(
            str, "For a share: the address of the page that states the whole's value."
        ),
        "stated": _column(
            str,
            "What is compared, in words: the figure's quote, or the derived metric with its "
            "figures and computation.",
        ),
        "figure_ids": pa.Column(
            object,
            nullable=True,
            metadata={"sql": "VARCHAR[]"},
            description="The figures the comparison judges (their verdicts count it): the "
            "figure, or every figure a derived metric is computed from.",
        ),
    },
    description="Each match with published data (reference_matches): a figure's value, a stated "
    "change, a share or a derived metric, set beside the value, change or share the published "
    "rows make, both in the reference's unit, with the gap and the agreement policy's severity. "
    "The check figures_agree_with_reference and the figures' verdicts read it.",
)

_PROPOSAL = MeasureProposalModel.to_schema().columns
PROPOSED_MEASURE_AGREEMENTS = pa.DataFrameSchema(
    {
        **_from(_PROPOSAL, "proposal_id", "reason"),
        "earlier_article_id": _column(str, "Article published before, of the same proposal."),
        "earlier_figure_id": _column(str, "Its figure of the proposed measure."),
        "earlier_outlet": _column(str, "Its outlet."),
        "earlier_published": _column(str, "Its publication date, as its front matter gives it."),
        "earlier_quote": _column(str, "Its figure's quote."),
        "earlier_value": _column(float, "Its figure's value."),
        **_from(_FIGURE, "article_id", "figure_id"),
        **_from(_ARTICLE, "outlet", "published"),
        **_from(_FIGURE, "quote", "value"),
        "gap": _column(float, "Relative gap between the two values."),
        "severity": _column(
            str, "ok: they agree by the agreement policy; warn: they do not (review the proposal)."
        ),
    },
    description="Each article's figure of a shared measure the machine proposes "
    "(measure_proposals) beside the figure of the article published before it, judged by the "
    "agreement policy; a disagreement only warns. The check sources_agree_on_proposed_measures "
    "and the figures' verdicts read it.",
)

VIEWS = {
    "measure_values": MEASURE_VALUES,
    "proposed_measure_agreements": PROPOSED_MEASURE_AGREEMENTS,
    "reference_agreements": REFERENCE_AGREEMENTS,
    "relation_figures": RELATION_FIGURES,
    "verdicts": VERDICTS,
}
