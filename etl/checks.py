"""Asset checks: each check of the registry (core/checks.py) as a Dagster asset check.

Checks are evaluated inside the step that builds their asset (as the asset's check_specs), so
that every evaluation is also appended to the `check_history` table before the warehouse is
published. What each check asserts, how it is evaluated and what its failures mean is decided in
core/checks.py; this module only says it to Dagster.
"""

from __future__ import annotations

from typing import Any

import dagster as dg
import pandas as pd

from core.checks import CHECKS, Outcome
from core.display import for_markdown, markdown_table


def specs(asset: str) -> list[dg.AssetCheckSpec]:
    """The check specs of one asset."""
    return [
        dg.AssetCheckSpec(
            check.name, asset=check.asset, description=check.description, blocking=check.blocking
        )
        for check in CHECKS
        if check.asset == asset
    ]


def result(outcome: Outcome) -> dg.AssetCheckResult:
    """An outcome as Dagster shows it: passed or not, its severity, how many items it judged
    (a pass that judged none says "judged nothing: ..." in its description), its failing rows."""
    sample = outcome.sample
    metadata: dict[str, Any] = {
        "judged": dg.MetadataValue.int(outcome.judged),
        "failing_rows": dg.MetadataValue.int(len(outcome.failures)),
    }
    if sample:
        metadata["failing_items"] = dg.MetadataValue.text(
            ", ".join(f"{f.get('article_id')}/{f.get('item_id') or '-'}" for f in sample)
        )
        metadata["failures"] = dg.MetadataValue.md(_markdown(sample))
        metadata["failure_cases"] = dg.MetadataValue.json(sample)
    return dg.AssetCheckResult(
        asset_key=outcome.check.asset,
        check_name=outcome.check.name,
        passed=outcome.passed,
        severity=dg.AssetCheckSeverity(outcome.severity),
        metadata=metadata,
        description=for_markdown(outcome.summary),  # the UI renders it as Markdown
    )


def _markdown(failures: list[dict[str, Any]]) -> str:
    columns = ["article_id", "item_id", "quote", "expected", "found", "message"]
    return markdown_table(pd.DataFrame(failures).reindex(columns=columns))
