"""What a run must do again: the published warehouse records what it was built from (its input
files in `sources`, its settings and code in `_built_with`); a run compares the folder and its
own settings and code with that record."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from core import publication, reference, sql
from core.batches import BATCHES, batches_changed_since
from core.folder import entries
from core.tables import REFERENCE_FOLDER, table_exists

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


def references_changed(published: Path, reference_dir: Path) -> bool:
    """Whether the reference folder changed since the published warehouse read it (a file
    added, changed or deleted; or a warehouse that never read it)."""
    if not published.exists():
        return True
    with duckdb.connect(str(published), read_only=True) as conn:
        if not table_exists(conn, REFERENCE_FOLDER):
            return True
        (digest,) = conn.execute(f"SELECT any_value(digest) FROM {REFERENCE_FOLDER}").fetchone()
    return digest != reference.folder_digest(reference_dir)


# A run whose folder holds fewer than SHRINK_SHARE of the files the published warehouse records
# (when it records at least SHRINK_FLOOR), or no file at all, is refused unless allowed
SHRINK_SHARE = 0.5
SHRINK_FLOOR = 10
ALLOW_SHRINK = "--allow-shrink"  # the main command's flag; the run config's is allow_shrink


class Refused(Exception):
    """A run that would lose data or feed on its own files: the message says why and how to go
    on."""


def refuse_unsafe_run(articles_dir: Path, published: Path, allow_shrink: bool = False) -> None:
    """Raise Refused when a run must not start: the warehouse's folder (the published file's,
    where batch and staging files go) lies inside the articles folder, always; or the folder
    shrank sharply since the published warehouse was built (`shrank`), unless allow_shrink."""
    inside = warehouse_inside(articles_dir, published)
    if inside:
        raise Refused(inside)
    folder = articles_dir.resolve()
    if not allow_shrink and folder.is_dir():  # a missing folder fails when it is listed
        why = shrank(len(entries(folder)), publication.published_file_count(published))
        if why:
            raise Refused(
                f"the articles folder {folder} {why}: the published warehouse {published} is "
                "kept as it is and nothing was processed. Is the folder a share that is not "
                "mounted, or ETL_ARTICLES_DIR wrong? If the files were removed on purpose, run "
                f"`python -m etl materialize {ALLOW_SHRINK}` (in the Dagster UI: the run config "
                "ops: {article_batches: {config: {allow_shrink: true}}})."
            )


def warehouse_inside(articles_dir: Path, published: Path) -> str | None:
    """Why the warehouse cannot be written where it is: its folder (the published file's, where
    the batch and staging files go too) is the articles folder or inside it; None when not."""
    folder, warehouse = articles_dir.resolve(), published.resolve().parent
    if not warehouse.is_relative_to(folder):
        return None
    return (
        f"the warehouse folder {warehouse} (of ETL_DUCKDB_PATH {published}) is inside the "
        f"articles folder {folder} (ETL_ARTICLES_DIR): the warehouse's own files would become "
        "inputs. Set ETL_DUCKDB_PATH to a file outside the articles folder."
    )


def shrank(files: int, recorded: int | None) -> str | None:
    """Why a folder of `files` entries may not replace a warehouse built from `recorded` (None:
    no published warehouse), or None: it is empty while the warehouse records files, or it holds
    fewer than SHRINK_SHARE of them while it records at least SHRINK_FLOOR."""
    if not recorded:
        return None
    if files == 0:
        return f"holds no file, but the published warehouse was built from {recorded:,}"
    if recorded >= SHRINK_FLOOR and files < SHRINK_SHARE * recorded:
        return (
            f"holds {files:,} file(s), fewer than {SHRINK_SHARE:.0%} of the {recorded:,} the "
            "published warehouse was built from"
        )
    return None
