"""The latest findings of every check stay in view when a run fails.

Dagster records every check of a run as planned when the run starts; the UI shows a check's
latest record, and a planned check whose run failed reads "Execution failed", hiding the findings
of the last run that evaluated it (until the next good run). When a step fails, its hook records
for each check of the run not evaluated yet the latest findings of that check again, in this run,
saying they are carried over and from which run: the published warehouse those findings judged is
still the one users query, as a failed run publishes nothing.
"""

from __future__ import annotations

import dagster as dg
from dagster._core.events import DagsterEvent, DagsterEventType
from dagster._core.storage.asset_check_execution_record import (
    AssetCheckExecutionRecord,
    AssetCheckExecutionRecordStatus,
)

from core.checks import CHECKS

CARRIED_FROM = "findings_of_run"  # the metadata entry naming the run that evaluated the check
EVALUATED = {AssetCheckExecutionRecordStatus.SUCCEEDED, AssetCheckExecutionRecordStatus.FAILED}
CHECK_KEYS = [dg.AssetCheckKey(dg.AssetKey(check.asset), check.name) for check in CHECKS]


@dg.failure_hook(name="keep_latest_findings")
def keep_latest_findings(context: dg.HookContext) -> None:
    """Record again, in the failed run, the latest findings of each check it left unevaluated."""
    storage = context.instance.event_log_storage
    latest = storage.get_latest_asset_check_execution_by_key(CHECK_KEYS)
    for key, record in latest.items():
        if record.run_id != context.run_id or record.status in EVALUATED:
            continue  # not in this run, or evaluated before the failure
        earlier = storage.get_asset_check_execution_history(key, limit=1, status=EVALUATED)
        if earlier:
            context.instance.report_dagster_event(
                DagsterEvent(
                    event_type_value=DagsterEventType.ASSET_CHECK_EVALUATION.value,
                    job_name=context.job_name,
                    event_specific_data=carried_over(earlier[0], context.run_id),
                    message=f"Asset check '{key.name}' on '{key.asset_key.to_user_string()}' "
                    "not evaluated: the run failed before it; its latest findings are kept.",
                ),
                run_id=context.run_id,
            )


def carried_over(record: AssetCheckExecutionRecord, run_id: str) -> dg.AssetCheckEvaluation:
    """A check's evaluation of an earlier run, as the latest findings of the failed run run_id:
    its outcome, failing rows and target materialization, with the run that found them."""
    evaluation = record.evaluation
    assert evaluation is not None  # an evaluated record holds its evaluation
    carried = evaluation.metadata.get(CARRIED_FROM)
    found_by = str(carried.value) if carried else record.run_id
    said = evaluation.description or ""
    if carried:  # carried over before: its own findings follow the notice
        said = said.split(": ", 1)[-1]
    return dg.AssetCheckEvaluation(
        asset_key=evaluation.asset_key,
        check_name=evaluation.check_name,
        passed=evaluation.passed,
        metadata={**evaluation.metadata, CARRIED_FROM: dg.MetadataValue.text(found_by)},
        target_materialization_data=evaluation.target_materialization_data,
        severity=evaluation.severity,
        description=f"Not evaluated in run {run_id[:8]}, which failed before this check; the "
        f"latest findings, of run {found_by[:8]}: {said}",
        blocking=evaluation.blocking,
    )
