"""The code location: `dagster dev` in the repository root loads this module (pyproject.toml).

Every asset and check runs in one process per run (Dagster's in-process executor), as the main
command runs them: Materialize all starts one run, whose article_batches step processes the
batches in parallel processes itself (ETL_WORKERS). To spread the batches over many workers
instead, load the cluster code location (etl.cluster)."""

import dagster as dg

from etl.assets import pipeline_assets
from etl.jobs import MATERIALIZE_EVERYTHING, materialize_everything
from etl.resources import resources_from_environment
from etl.sensors import article_files_sensor

__all__ = ["MATERIALIZE_EVERYTHING", "build_definitions", "defs"]


def build_definitions(partitioned: bool = False) -> dg.Definitions:
    """The assets, the main job, the sensor and the resources; partitioned, with the batches as
    partitions of article_batches and each step in its own process (etl.cluster)."""
    resources = resources_from_environment()
    return dg.Definitions(
        assets=pipeline_assets(partitioned, resources["corpus"].reference_path),
        jobs=[materialize_everything],
        sensors=[article_files_sensor],
        resources=resources,
        executor=dg.multiprocess_executor if partitioned else dg.in_process_executor,
    )


defs = build_definitions()
