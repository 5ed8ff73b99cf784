"""Sensors: start a run when the articles folder changes."""

import dagster as dg

from core.batches import folder_digest
from etl.assets import ALL_BATCHES
from etl.jobs import MATERIALIZE_EVERYTHING
from etl.resources import Corpus


@dg.sensor(
    job_name=MATERIALIZE_EVERYTHING,
    minimum_interval_seconds=30,
    description=(
        "Every 30 s, looks at the names, sizes and times of the files in the articles folder; "
        "when any was added, changed or deleted since its last request, it starts a run of "
        "every batch, in which only the new and changed articles are processed."
    ),
)
def article_files_sensor(
    context: dg.SensorEvaluationContext, corpus: Corpus
) -> dg.RunRequest | dg.SkipReason:
    digest = folder_digest(corpus.path)
    if digest == context.cursor:
        return dg.SkipReason("no article file was added, changed or deleted")
    context.update_cursor(digest)
    return dg.RunRequest(run_key=digest, tags=ALL_BATCHES)
