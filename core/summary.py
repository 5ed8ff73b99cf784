"""What the main command says of a warehouse: its row counts, the figures' verdicts and the check
outcomes of a run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from core import sql
from core.checks import JUDGED_NOTHING
from core.display import for_terminal
from core.tables import row_counts
from schemas.vocab import VERDICTS

VERDICT_WORDS = {"holds": "hold", "contradicted": "contradicted", "held_back": "held back",
                 "unchecked": "unchecked"}  # fmt: skip


VERDICT_COUNTS = sql.SQL_DIR / "report" / "verdict_counts.sql"


def counted_verdicts(rows: pd.DataFrame) -> dict[str, int]:
    """How many figures have each verdict, every verdict named, from the rows of the query
    warehouse/report/verdict_counts.sql."""
    found = dict(zip(rows["verdict"], rows["figures"], strict=True))
    return {verdict: int(found.get(verdict, 0)) for verdict in VERDICTS}


def verdicts_said(counts: dict[str, int]) -> str:
    """The verdict counts in words; when figures were found but none compared, that nothing was
    judged (so that no pass of a check reads as figures that hold)."""
    said = ", ".join(f"{counts[verdict]} {VERDICT_WORDS[verdict]}" for verdict in VERDICTS)
    figures = sum(counts.values())
    if figures and not counts["holds"] + counts["contradicted"]:
        said += f" ({figures} figures, 0 compared: nothing was judged)"
    return said


def summary(warehouse: Path, run_id: str | None = None) -> str:
    """Row counts of the published tables, the figures' verdicts and the check outcomes of a run
    (by default the last one recorded), as a few lines (text from the inputs with its control
    characters escaped)."""
    label = "checks"
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        counts = ", ".join(f"{table} {n}" for table, n in row_counts(conn).items())
        verdicts = verdicts_said(counted_verdicts(sql.run(conn, VERDICT_COUNTS, {})))
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
            "WHERE run_id = ? AND status IN ('warned', 'failed') "
            "ORDER BY status, asset, check_name",
            [run_id],
        ).fetchall()
        (nothing,) = conn.execute(
            "SELECT string_agg(check_name, ', ' ORDER BY asset, check_name) FROM check_history "
            "WHERE run_id = ? AND status = ?",
            [run_id, JUDGED_NOTHING],
        ).fetchone()
    lines = [
        f"  rows: {counts}",
        f"  figures: {verdicts}",
        "  {}: {} passed, {} judged nothing, {} warned, {} failed".format(
            label,
            statuses.get("passed", 0),
            statuses.get(JUDGED_NOTHING, 0),
            statuses.get("warned", 0),
            statuses.get("failed", 0),
        ),
    ]
    lines += [
        f"    {status.upper()} {check} on {asset}: {for_terminal(text)}"
        for status, check, asset, text in failing
    ]
    if nothing:
        lines.append(f"    JUDGED NOTHING (no items to judge): {nothing}")
    return "\n".join(lines)
