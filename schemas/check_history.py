"""The `check_history` table: every asset check evaluation of every run."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.vocab import CHECK_STATUSES


class CheckHistoryModel(pa.DataFrameModel):
    run_id: Series[str] = pa.Field(description="Dagster run that evaluated the check.")
    evaluated_at: Series[pd.Timestamp] = pa.Field(
        metadata={"sql": "TIMESTAMP"}, description="When the check was evaluated, in UTC."
    )
    asset: Series[str] = pa.Field(description="Asset the check judges.")
    check_name: Series[str] = pa.Field(description="Name of the check: the property it asserts.")
    status: Series[str] = pa.Field(
        isin=CHECK_STATUSES,
        description="passed; judged nothing (no item to judge: see judged, and the summary for "
        "what was missing); warned (failed with WARN severity); failed (failed with ERROR).",
    )
    severity: Series[str] = pa.Field(
        isin=["WARN", "ERROR"], description="Severity the check has when it fails."
    )
    failing_rows: Series[int] = pa.Field(ge=0, description="How many rows failed the check.")
    summary: Series[str] = pa.Field(description="One line on the outcome.")
    details: Series[str] = pa.Field(
        metadata={"sql": "JSON"},
        description="Failing rows as JSON: article, item, quote, expected, found, message.",
    )
    judged: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="How many items the check judged (the rows of its table, kept or held back; "
        "for a SQL check the items its header declares: relations, pairs, metrics). 0: it "
        "judged nothing, so it vouches for nothing. NULL in runs recorded before it was counted.",
    )

    class Config:
        coerce = True
        strict = True
        description = (
            "History of every asset check evaluation: one row per check per run, appended, "
            "never rewritten. Query it to see how quality changed over time."
        )
