"""Reference tables: published data (CSV or Parquet, read by DuckDB) in the reference folder, each
with a YAML sidecar that says where it comes from and which of its columns give the measure,
place, period, value and unit. Reading one gives a row of `reference_tables`, rows of
`reference_values`, and findings for what cannot be read (held back, never dropped).

    data/reference/
        french-jihadist-networks.csv
        french-jihadist-networks.yaml     title, publisher, url, retrieved, licence, columns
"""

from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from core.checks import REFERENCE_FILES_ARE_READABLE, REFERENCE_VALUES_MATCH_SCHEMA
from core.findings import Finding
from core.periods import iso_period
from core.tables import REFERENCE_FOLDER, describe_internal, insert_rows, transaction
from core.validate import quarantine_rows, validate
from schemas import ReferenceTableModel, ReferenceValueModel

STAGE = "reference_values"  # the step that holds back what cannot be read, in quarantine
DATA_SUFFIXES = (".csv", ".parquet")
SIDECAR_SUFFIX = ".yaml"
SIDECAR_MAX_BYTES = 100_000  # a sidecar is a few lines; a larger one is held back unread
SIDECAR_KEYS = {"title", "publisher", "retrieved", "licence", "columns"}  # required
OPTIONAL_KEYS = {"url", "notes"}
COLUMN_ROLES = {"what", "period", "value", "unit"}  # required in columns
OPTIONAL_ROLES = {"measure_id", "of_whom", "place", "source_url", "source_quote"}
SIDECAR_EXAMPLE = (
    "title: ..., publisher: ..., url: ..., retrieved: YYYY-MM-DD, licence: ..., columns: {what: "
    "<column>, period: <column>, value: <column>, unit: <column>} (measure_id, of_whom, place, "
    "source_url, source_quote optional)"
)


@dataclass(frozen=True)
class ReferenceFile:
    """A data file of the reference folder and its sidecar."""

    data: Path
    sidecar: Path

    @property
    def reference_id(self) -> str:
        return self.data.stem

    def sha256(self) -> str:
        """SHA-256 of the data file's bytes and the sidecar's."""
        digest = hashlib.sha256()
        for path in (self.data, self.sidecar):
            digest.update(path.read_bytes() if path.exists() else b"")
            digest.update(b"\0")
        return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """One SHA-256 of the names and bytes of the reference folder's entries (hidden ones
    excepted): it changes when a reference file is added, changed or deleted."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
            if _link_out_of(folder, path):  # the link's words, never its target's bytes
                content = os.fsencode(os.readlink(path))
            else:
                content = path.read_bytes() if path.is_file() else b""
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def reference_files(folder: Path) -> tuple[list[ReferenceFile], list[Finding]]:
    """The data files of the reference folder with their sidecars, by name; a finding for a data
    file with no sidecar, a sidecar with no data file, and any other file (hidden files and a
    README excepted), and a symbolic link out of the folder (held back, its target unread). A
    folder that does not exist holds no reference table."""
    if not folder.is_dir():
        return [], []
    listed = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    links_out = {path: finding for path in listed if (finding := _link_out_of(folder, path))}
    files, findings = [], list(links_out.values())
    entries = [path for path in listed if path not in links_out]
    names = {p.name for p in entries}
    data_stems = {p.stem for p in entries if p.suffix.lower() in DATA_SUFFIXES}
    for path in entries:
        suffix = path.suffix.lower()
        if suffix in DATA_SUFFIXES:
            sidecar = path.with_suffix(SIDECAR_SUFFIX)
            if sidecar.name in names and sidecar.is_file():
                files.append(ReferenceFile(path, sidecar))
            else:
                findings.append(
                    _finding(
                        path.name,
                        f"has no sidecar {sidecar.name} beside it",
                        SIDECAR_EXAMPLE,
                        "no sidecar",
                    )
                )
        elif suffix == SIDECAR_SUFFIX and path.stem not in data_stems:
            findings.append(
                _finding(
                    path.name,
                    "is a sidecar with no data file (.csv or .parquet) of its name",
                    f"{path.stem}.csv or {path.stem}.parquet beside it",
                    "none",
                )
            )
        elif suffix not in (SIDECAR_SUFFIX, ".md") or not path.is_file():
            findings.append(
                _finding(
                    path.name,
                    "is neither a reference table (.csv, .parquet) nor its sidecar (.yaml)",
                    "a .csv or .parquet file and its .yaml sidecar",
                    repr(path.name),
                )
            )
    return files, findings


def _link_out_of(folder: Path, path: Path) -> Finding | None:
    """A finding for a symbolic link whose target is outside the reference folder (held back
    without its target being read); None for anything else."""
    if not path.is_symlink():
        return None
    try:
        inside = path.resolve(strict=False).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if inside:
        return None
    link = os.readlink(path)
    return _finding(
        path.name,
        f"is a symbolic link to {link}, outside the reference folder: held back unread "
        "(links may only point to files inside the folder)",
        "a file, or a link to a file, inside the reference folder",
        f"a link to {link}",
    )


def read_reference(
    file: ReferenceFile,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[Finding]]:
    """A reference file's row of `reference_tables`, its value rows (not yet validated), and
    findings for its sidecar or rows that cannot be read. With a sidecar that cannot be used,
    the whole file is held back: (None, [], [finding])."""
    sidecar, problem = read_sidecar(file)
    if problem:
        return None, [], [problem]
    try:
        columns, rows = _data(file.data)
    except (duckdb.Error, OSError, UnicodeDecodeError) as error:
        return (
            None,
            [],
            [
                _finding(
                    file.data.name,
                    f"cannot be read as {file.data.suffix[1:].upper()}: {error}",
                    "a CSV file with a header line, or a Parquet file",
                    type(error).__name__,
                )
            ],
        )
    roles = sidecar["columns"]
    missing = sorted(name for name in roles.values() if name not in columns)
    if missing:
        return (
            None,
            [],
            [
                _finding(
                    file.sidecar.name,
                    f"names column(s) {', '.join(missing)} that {file.data.name} does not have",
                    f"columns of {file.data.name}: {', '.join(columns)}",
                    ", ".join(missing),
                )
            ],
        )
    table = {
        "reference_id": file.reference_id,
        "source_file": file.data.name,
        "sidecar_file": file.sidecar.name,
        "sha256": file.sha256(),
        **{
            key: _text(sidecar.get(key))
            for key in ("title", "publisher", "url", "retrieved", "licence", "notes")
        },
        "rows_read": len(rows),
    }
    values, findings = [], []
    for number, row in enumerate(rows, start=2):  # the header is line 1
        value, finding = _value_row(file, number, {role: row[name] for role, name in roles.items()})
        if finding:
            findings.append(finding)
        else:
            values.append(value)
    return table, values, findings


def read_sidecar(file: ReferenceFile) -> tuple[dict[str, Any], Finding | None]:
    """A reference file's sidecar as a mapping, or a finding saying why it cannot be used."""
    name = file.sidecar.name
    size = file.sidecar.stat().st_size
    if size > SIDECAR_MAX_BYTES:
        return {}, _finding(
            name,
            f"is {size:,} bytes, over the {SIDECAR_MAX_BYTES:,} a sidecar may hold: held back "
            "unread (a sidecar names the source and the columns in a few lines)",
            f"at most {SIDECAR_MAX_BYTES:,} bytes",
            f"{size:,} bytes",
        )
    try:
        sidecar = yaml.safe_load(file.sidecar.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return {}, _finding(name, f"is not YAML: {error}", SIDECAR_EXAMPLE, type(error).__name__)
    if not isinstance(sidecar, dict):
        return {}, _finding(
            name, "is not a mapping of keys", SIDECAR_EXAMPLE, type(sidecar).__name__
        )
    missing = sorted(SIDECAR_KEYS - {k for k, v in sidecar.items() if v not in (None, "")})
    unknown = sorted(set(sidecar) - SIDECAR_KEYS - OPTIONAL_KEYS)
    columns = sidecar.get("columns")
    if missing or unknown:
        said = (
            (f"lacks {', '.join(missing)}" if missing else "")
            + ("; " if missing and unknown else "")
            + (f"has unknown key(s) {', '.join(map(str, unknown))}" if unknown else "")
        )
        return {}, _finding(name, said, SIDECAR_EXAMPLE, ", ".join(map(str, sorted(sidecar))))
    if (
        not isinstance(columns, dict)
        or not set(columns) >= COLUMN_ROLES
        or set(columns) - COLUMN_ROLES - OPTIONAL_ROLES
        or not all(isinstance(v, str) for v in columns.values())
    ):
        return {}, _finding(
            name,
            "columns must map what, period, value and unit (and optionally measure_id, "
            "of_whom, place, source_url, source_quote) to column names of the data file",
            "columns: {what: <column>, period: <column>, value: <column>, unit: <column>}",
            repr(columns),
        )
    return sidecar, None


def _data(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The column names and rows of a data file, read by DuckDB (CSV: every column as text)."""
    with duckdb.connect() as conn:
        if path.suffix.lower() == ".parquet":
            relation = conn.read_parquet(str(path))
        else:
            relation = conn.read_csv(str(path), header=True, all_varchar=True)
        columns = relation.columns
        return columns, [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def _value_row(
    file: ReferenceFile, line: int, row: dict[str, Any]
) -> tuple[dict[str, Any], Finding | None]:
    """A row of `reference_values` from the roles of one data row; or a finding naming the line
    when its value is not a number or its period not ISO 8601."""
    where = {"source_file": file.data.name, "line": line}
    value = _number(row.get("value"))
    if value is None:
        return {}, _finding(
            **where,
            said=f"value {row.get('value')!r} is not a number",
            expected="a plain number such as 1132 or 0.25",
            found=repr(row.get("value")),
        )
    try:
        period = iso_period(str(row.get("period") or ""))
    except ValueError as error:
        return {}, _finding(
            **where, said=str(error), expected="an ISO 8601 period", found=repr(row.get("period"))
        )
    return {
        "reference_id": file.reference_id,
        "row_id": f"{file.reference_id}:{line}",
        "source_file": file.data.name,
        "source_line": line,
        **{
            role: _text(row.get(role))
            for role in (
                "measure_id",
                "what",
                "of_whom",
                "place",
                "unit",
                "source_url",
                "source_quote",
            )
        },
        "period": str(row["period"]).strip(),
        "period_kind": period.kind,
        "period_start": period.start[0],
        "period_end": period.end[1],
        "value": value,
    }, None


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(str(value).strip().replace("_", ""))
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _text(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _finding(
    source_file: str, said: str, expected: str, found: str, line: int | None = None
) -> Finding:
    return Finding(
        rule=REFERENCE_FILES_ARE_READABLE.name,
        source_file=source_file,
        line=line,
        message=f"{source_file}{f':{line}' if line else ''} {said}",
        expected=expected,
        found=found,
    )


def load_reference_tables(conn: duckdb.DuckDBPyConnection, folder: Path) -> list[str]:
    """Bring `reference_tables` and `reference_values` up to date with the reference folder, in
    one transaction: files new or changed since they were read (by SHA-256) are read and
    validated again, removed ones deleted; what cannot be read is held back in `quarantine`
    (stage reference_values) with its file and line. The reference tables read again or
    removed (a file that cannot be read is read again on every run)."""
    files, findings = reference_files(folder)
    stored = dict(conn.execute("SELECT reference_id, sha256 FROM reference_tables").fetchall())
    current = {file.reference_id: file for file in files}
    changed = sorted(
        {ref for ref, file in current.items() if stored.get(ref) != file.sha256()}
        | (set(stored) - set(current))
    )
    kept = [
        name
        for ref, file in current.items()
        if ref not in changed
        for name in (file.data.name, file.sidecar.name)
    ]
    tables, values = [], []
    for ref in changed:
        if ref not in current:
            continue
        table, rows, problems = read_reference(current[ref])
        findings += problems
        if table is not None:
            tables.append(table)
            values += rows
    table_frame, bad_tables = validate(
        ReferenceTableModel, tables, REFERENCE_FILES_ARE_READABLE.name
    )
    good = set(table_frame["reference_id"])
    value_frame, bad_values = validate(
        ReferenceValueModel,
        [row for row in values if row["reference_id"] in good],
        REFERENCE_VALUES_MATCH_SCHEMA.name,
    )
    with transaction(conn):
        for table in ("reference_tables", "reference_values"):
            conn.execute(
                f"DELETE FROM {table} WHERE reference_id IN (SELECT unnest(?::VARCHAR[]))",
                [changed],
            )
        conn.execute(
            f"DELETE FROM quarantine WHERE stage = '{STAGE}' "
            "AND source_file NOT IN (SELECT unnest(?::VARCHAR[]))",
            [kept],
        )
        insert_rows(conn, "reference_tables", table_frame)
        insert_rows(conn, "reference_values", value_frame)
        insert_rows(
            conn, "quarantine", quarantine_rows({STAGE: findings + bad_tables + bad_values})
        )
        conn.execute(f"CREATE OR REPLACE TABLE {REFERENCE_FOLDER} (digest VARCHAR)")
        describe_internal(conn, REFERENCE_FOLDER)
        conn.execute(f"INSERT INTO {REFERENCE_FOLDER} VALUES (?)", [folder_digest(folder)])
    return changed
