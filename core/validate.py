"""Validate a table against its Pandera model: keep the rows that pass, explain the rows that fail.

Validation is lazy (every failure is collected, not only the first) and nothing is dropped: each
failing row becomes one Finding per failure, which the caller puts in the `quarantine` table.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from core.findings import Finding
from schemas import QuarantineModel
from schemas._checks import explain

ID_COLUMNS = ("metric_id", "figure_id", "relation_id", "row_id", "article_id", "reference_id")


def validate(
    model: type[pa.DataFrameModel],
    rows: list[dict[str, Any]] | pd.DataFrame,
    schema_rule: str,
) -> tuple[pd.DataFrame, list[Finding]]:
    """Split rows (dicts, or a frame such as a query's result) into a validated frame (coerced
    to the model) and findings for the others.

    A failure of a row rule (a dataframe check of the model) becomes a finding of that rule,
    said in the rule's own words (schemas/_checks.py); any other failure (type, null, allowed
    values) a finding of schema_rule, described from Pandera's failure case.
    """
    columns = list(model.to_schema().columns)
    if isinstance(rows, pd.DataFrame):
        frame = rows.reindex(columns=columns)
    else:
        frame = pd.DataFrame(rows, columns=columns)
    try:
        return model.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    if isinstance(rows, pd.DataFrame):  # the failing rows are described from their values
        rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    # A dataframe-wide check reports a failing row once per column: keep one per row and check.
    wide = cases["schema_context"] == "DataFrameSchema"
    failures = pd.concat([cases[~wide], cases[wide].drop_duplicates(["index", "check"])])
    findings = []
    bad_rows: set[int] = set()
    for failure in failures.itertuples(index=False):
        if failure.index is None or pd.isna(failure.index):
            raise TableSchemaError(f"{model.__name__}: {failure.check}: {failure.failure_case}")
        index = int(failure.index)
        bad_rows.add(index)
        row = rows[index]
        named = failure.schema_context == "DataFrameSchema"
        if named:
            message, expected, found = explain(model, failure.check, row)
        else:
            message = f"column {failure.column}: {failure.failure_case!r} fails {failure.check}"
            expected, found = str(failure.check), repr(failure.failure_case)
        findings.append(
            Finding(
                rule=failure.check if named else schema_rule,
                # an article row names its article file; the rows of a figures file name it
                source_file=row.get("source_file") or row.get("figures_file") or "",
                line=row.get("figures_file_line") or row.get("source_line"),
                article_id=row.get("article_id"),
                item_id=_item_id(row),
                quote=row.get("quote"),
                message=f"{_item_id(row) or 'row'}: {message}",
                expected=expected,
                found=found,
            )
        )
    good = frame.drop(index=sorted(bad_rows))
    return model.validate(good, lazy=True), findings


class TableSchemaError(Exception):
    """A failure that concerns a whole column, not a row: the table cannot be trusted at all."""


def _item_id(row: dict[str, Any]) -> str | None:
    for column in ID_COLUMNS:
        if row.get(column) is not None:
            return str(row[column])
    return None


def quarantine_rows(findings: dict[str, list[Finding]]) -> pd.DataFrame:
    """The `quarantine` rows of findings, by the table (stage) that held them back."""
    rows = [finding.as_row(table) for table, found in findings.items() for finding in found]
    columns = list(QuarantineModel.to_schema().columns)
    return QuarantineModel.validate(pd.DataFrame(rows, columns=columns))


def quarantine_findings(quarantine: pd.DataFrame) -> dict[str, list[Finding]]:
    """The findings of `quarantine` rows, by the table (stage) that held them back."""
    findings: dict[str, list[Finding]] = {}
    for row in quarantine.astype(object).where(quarantine.notna(), None).to_dict("records"):
        findings.setdefault(row.pop("stage"), []).append(Finding(**row))
    return findings
