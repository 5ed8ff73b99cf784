"""The closed vocabularies that the Pandera models and the SQL models share."""

FIGURE_KINDS = (
    "count", "percent", "ratio", "multiplier", "money", "year", "date", "ordinal", "other",
)  # fmt: skip
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")
RELATION_TYPES = ("part_of", "share_of", "percent_change", "multiple_of", "same_quantity")
RELATION_ORIGINS = ("curated", "found", "suggested")
DERIVED_METRICS = (
    "implied_baseline", "share_of_whole", "remainder_of_whole", "implied_count",
    "change_agreement", "same_quantity_agreement", "baseline_agreement", "share_part_agreement",
    "sum_of_parts",
)  # fmt: skip
SEVERITIES = ("ok", "warn", "error")
CHECK_STATUSES = ("passed", "judged nothing", "warned", "failed")
VERDICTS = ("holds", "contradicted", "held_back", "unchecked")  # of a figure: view verdicts
MENTION_STATUSES = ("curated", "not_a_figure", "uncovered", "unreviewed", "classified")
