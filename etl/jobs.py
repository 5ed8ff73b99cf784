"""Jobs: the one job that materializes every asset, each batch of articles included."""

import dagster as dg

MATERIALIZE_EVERYTHING = "materialize_everything"

materialize_everything = dg.define_asset_job(
    MATERIALIZE_EVERYTHING,
    selection=dg.AssetSelection.all(),
    description=(
        "Every asset and check, in one run: the batches of articles that changed (only new and "
        "changed articles are processed), the tables gathered from them, the derived metrics, "
        "the published warehouse and the report. Launch it as it is: it needs no partition and "
        "no config (config: reprocess_all, allow_shrink of article_batches)."
    ),
)
