"""The code location: `dagster dev` in the repository root loads this module (pyproject.toml)."""

import dagster as dg

from etl import assets
from etl.jobs import MATERIALIZE_EVERYTHING, materialize_everything
from etl.resources import resources_from_environment
from etl.sensors import article_files_sensor

__all__ = ["MATERIALIZE_EVERYTHING", "defs"]

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    jobs=[materialize_everything],
    sensors=[article_files_sensor],
    resources=resources_from_environment(),
)
