"""The code location: `dagster dev` in the repository root loads this module (pyproject.toml)."""

import dagster as dg

from etl import assets
from etl.jobs import MATERIALIZE_EVERYTHING, materialize_everything
from etl.resources import resources_from_environment
from etl.sensors import article_files_sensor

__all__ = ["MATERIALIZE_EVERYTHING", "defs", "materialize_everything_job"]

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    jobs=[materialize_everything],
    sensors=[article_files_sensor],
    resources=resources_from_environment(),
)


def materialize_everything_job() -> dg.JobDefinition:
    """The main job with its assets and resources: `dg.reconstructable(materialize_everything_job)`
    runs it with Dagster's multiprocess executor from Python."""
    return defs.resolve_job_def(MATERIALIZE_EVERYTHING)
