"""The cluster code location: the same assets, checks, job and sensor as etl.definitions, with
the batches of articles as partitions of article_batches, for spreading them over many workers.

    dagster dev -m etl.cluster

Materialize all (or a backfill of article_batches) there asks which batches: launched for all of
them, a backfill runs one batch per run (BackfillPolicy.multi_run), then the gathering, derived
metrics, publication and report in one run. Each step runs in its own process (Dagster's
multiprocess executor); with a run launcher or executor that places runs or steps on other
machines (Kubernetes, Celery, Docker: see Dagster's deployment guides), the batches are
processed on as many workers. Every batch writes its own file under the warehouse's folder, so
the workers must share that folder. A run launched with no partition (the job page, the sensor)
processes the batches its tags name, or those that changed, in one step, as etl.definitions does.
"""

import dagster as dg

from etl.definitions import MATERIALIZE_EVERYTHING, build_definitions

defs = build_definitions(partitioned=True)


def materialize_everything_job() -> dg.JobDefinition:
    """The main job of this location: `dg.reconstructable(materialize_everything_job)` runs it
    with Dagster's multiprocess executor from Python."""
    return defs.resolve_job_def(MATERIALIZE_EVERYTHING)
