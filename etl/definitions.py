"""The code location: `dagster dev` in the repository root loads this module (pyproject.toml)."""

import dagster as dg

from etl import assets
from etl.resources import resources_from_environment

MATERIALIZE_EVERYTHING = "materialize_everything"

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    jobs=[
        dg.define_asset_job(
            MATERIALIZE_EVERYTHING,
            selection=dg.AssetSelection.all(),
            description="Every asset and check: articles to the published warehouse.",
        )
    ],
    resources=resources_from_environment(),
)
