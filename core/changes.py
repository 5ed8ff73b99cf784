"""What a run must do again: the published warehouse records what it was built from (its input
files in `sources`, its settings and code in `_built_with`); a run compares the folder and its
own settings and code with that record."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core import publication, sql
from core.batches import BATCHES, batches_changed_since

ROOT = Path(__file__).resolve().parents[1]
CODE_FOLDERS = ("core", "etl", "schemas")  # and the SQL models' folder, core.sql.SQL_DIR
CODE_SUFFIXES = {".py", ".sql", ".j2"}


def built_with(
    approx_tolerance: float, agreement_tolerance: float, max_file_bytes: int
) -> dict[str, str]:
    """What the published tables depend on besides the articles folder: the quality policy, the
    file size limit, the number of batches, and the code (one SHA-256 of the Python, SQL and
    template files of core/, etl/, schemas/ and of the SQL models the pipeline reads,
    warehouse/). Recorded in the published file: the main command skips a run when these and
    the folder are as recorded; derived_metrics computes every article again when they changed."""
    code = hashlib.sha256()
    folders = {name: ROOT / name for name in CODE_FOLDERS} | {"warehouse": sql.SQL_DIR}
    for name, folder in sorted(folders.items()):
        for path in sorted(folder.rglob("*")):
            if path.suffix in CODE_SUFFIXES:
                named = f"{name}/{path.relative_to(folder).as_posix()}"
                code.update(named.encode() + b"\0" + path.read_bytes())
    return {
        "approx_tolerance": repr(approx_tolerance),
        "agreement_tolerance": repr(agreement_tolerance),
        "max_file_bytes": str(max_file_bytes),
        "batches": str(BATCHES),
        "code": code.hexdigest(),
    }


def batches_to_run(
    articles_dir: Path,
    published: Path,
    report: Path,
    settings: dict[str, str],
    max_file_bytes: int,
) -> set[int] | None:
    """The batches whose files changed since the published warehouse was built (an empty set:
    nothing to do); None, every batch, when there is no published warehouse, its report is
    missing or older (the run that published it failed before the report), or the settings
    (`built_with`) changed."""
    record = publication.published_record(published)
    if (
        record is None
        or not report.exists()
        or report.stat().st_mtime_ns < published.stat().st_mtime_ns
        or record[0] != settings
    ):
        return None
    return batches_changed_since(articles_dir, record[1], max_file_bytes)
