"""What the main command says of a warehouse: its row counts and the check outcomes of a run."""

from __future__ import annotations

from pathlib import Path

import duckdb

from core.display import for_terminal
from core.tables import row_counts


def summary(warehouse: Path, run_id: str | None = None) -> str:
    """Row counts of the published tables and the check outcomes of a run (by default the last
    one recorded), as a few lines (text from the inputs with its control characters escaped)."""
    label = "checks"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        counts = ", ".join(f"{table} {n}" for table, n in row_counts(conn).items())
        if run_id is None:
            (run_id,) = conn.execute(
                "SELECT arg_max(run_id, evaluated_at) FROM check_history"
            ).fetchone()
            label = f"checks of the run that built it ({run_id})"
        statuses = dict(
            conn.execute(
                "SELECT status, count(*) FROM check_history WHERE run_id = ? GROUP BY status",
                [run_id],
            ).fetchall()
        )
        failing = conn.execute(
            "SELECT status, check_name, asset, summary FROM check_history "
            "WHERE run_id = ? AND status <> 'passed' ORDER BY status, asset, check_name",
            [run_id],
        ).fetchall()
    lines = [
        f"  rows: {counts}",
        "  {}: {} passed, {} warned, {} failed".format(
            label,
            statuses.get("passed", 0),
            statuses.get("warned", 0),
            statuses.get("failed", 0),
        ),
    ]
    lines += [
        f"    {status.upper()} {check} on {asset}: {for_terminal(text)}"
        for status, check, asset, text in failing
    ]
    return "\n".join(lines)
