"""Sensors: start a run when the articles folder changes."""

import hashlib

import dagster as dg

from core import reference
from core.batches import folder_digest
from core.changes import Refused, refuse_unsafe_run
from core.publication import file_identity
from etl.assets import batch_range
from etl.jobs import MATERIALIZE_EVERYTHING
from etl.resources import Corpus, QualityPolicy, Warehouse, batches_to_run, references_changed


@dg.sensor(
    job_name=MATERIALIZE_EVERYTHING,
    minimum_interval_seconds=30,
    description=(
        "Every 30 s, compares the files of the articles folder (names, sizes, times, inodes) "
        "and of the reference folder (their bytes) with the published warehouse's record of "
        "them, as the main command does; when any was added, changed or deleted, it starts a "
        "run of the batches they belong to (every batch "
        "when the settings or the code changed), in which only the new and changed articles "
        "are processed. One run per state of the folder and of the published warehouse. It "
        "starts no run while the folder is missing, empty, or holds fewer than half the files "
        "the published warehouse was built from (a share that is not mounted): a user runs that "
        "one with allow_shrink."
    ),
)
def article_files_sensor(
    corpus: Corpus, warehouse: Warehouse, policy: QualityPolicy
) -> dg.RunRequest | dg.SkipReason:
    try:
        batches = batches_to_run(corpus, warehouse, policy)
        if batches is not None and not batches and not references_changed(corpus, warehouse):
            return dg.SkipReason(
                "the articles folder, the reference folder, the settings and the code are as "
                "the published warehouse records them"
            )
        refuse_unsafe_run(corpus.path, warehouse.path)  # never allowed to shrink: a user says so
    except (Refused, FileNotFoundError) as refusal:  # an empty, shrunk or missing folder
        return dg.SkipReason(f"no run started: {refusal}")
    state = (
        folder_digest(corpus.path, corpus.max_file_bytes),
        reference.folder_digest(corpus.reference_path),
        file_identity(warehouse.path),
    )
    # Dagster starts one run per run key: none while a run is processing this very change
    return dg.RunRequest(
        run_key=hashlib.sha256(repr(state).encode()).hexdigest(), tags=batch_range(batches)
    )
