"""Same warehouse: build the warehouse with two revisions of the code, compare it table by table.

    python -m benchmarks.same_warehouse BASE [HEAD] [--articles 2000] [--seed 0] [--show 3] [--keep]

BASE and HEAD are git revisions of this repository; without HEAD, the work tree as it is
(uncommitted changes included). Each revision given by name is extracted (`git archive`) into a
temporary folder; the work tree is the repository itself. Each revision's main command,
`python -m etl materialize`, is then run from its folder (so that its code is imported) with
the repository's .venv interpreter, a fresh DAGSTER_HOME and temporary ETL_ARTICLES_DIR and
ETL_DUCKDB_PATH (other ETL_* settings are removed from the environment: defaults for both), on
three inputs made once and copied, file times and symbolic links kept as they are, for each run:

- sample: BASE's data/articles folder;
- generated: `python -m benchmarks.generate DIR --articles 2000 --seed 0`, run from BASE;
- hostile: BASE's data/articles folder plus broken inputs, one per way an input is held back
  or flagged (benchmarks/hostile.py, made by this script: the same files and file times on
  every call), so that the paths that hold bad input back, and the messages they write into
  `quarantine` and `check_history`, are compared too: nearly every check fails or warns (when
  written, all but four: the two reconciliation checks, which pass when nothing is lost, and
  the schema checks of mentions and derived metrics, which judge the pipeline's own rows).

The two published DuckDB files of each input are then compared: the same tables and views
(internal `_` ones included), each with the same columns (name, order, type, nullability,
default, comment) and comment, and the same rows as multisets (EXCEPT ALL both ways, the
differing rows shown in the order of all their columns); and the same macros (as DuckDB stores
their definitions). Only the values listed in IGNORED are left out of the rows. It prints, per
input and per table, the row count and "same" or what differs, then the rows of `quarantine` and
the checks that passed, judged nothing, warned and failed in each run; and exits 0 when every
table of every input is the same, 1 otherwise. A run that fails (exit code not 0, or no
published file; a check that fails is not a failed run) is reported with the end of its log, and
makes the exit code 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks.hostile import make_hostile
from etl.__main__ import prepare_dagster_home
from schemas.vocab import CHECK_STATUSES

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ignored:
    """A column whose values are not compared (in every row, or in the rows where `where`, a SQL
    condition on the table's columns, holds); its name, type and comment still are."""

    table: str
    column: str
    reason: str
    where: str | None = None

    def __str__(self) -> str:
        return f"{self.table}.{self.column}" + (f" where {self.where}" if self.where else "")


# What legitimately differs between two runs on the same input; everything else is compared.
# Compared although they look run-bound: sources.modified_ns and size_bytes (each run reads a copy
# of the input made with the files' times), _caught_up_with (a fresh build records '' there), and
# the hostile input's messages that name the temporary folder (both runs' link points to one file).
IGNORED: tuple[Ignored, ...] = (
    Ignored("sources", "processed_at", "when the run processed the file"),
    Ignored("sources", "inode", "the inode of each run's copy of the file"),
    Ignored("sources", "changed_ns", "the change time of each run's copy, set when it was made"),
    Ignored("check_history", "run_id", "the Dagster run's id"),
    Ignored("check_history", "evaluated_at", "when the run evaluated the check"),
    Ignored(
        "_built_with",
        "value",
        "SHA-256 of the code files, which the change compared changes",
        where="setting = 'code'",
    ),
    Ignored(
        "_assembled_batches",
        "fingerprint",
        "hash of the batch file's sources rows, processed_at included",
    ),
    Ignored("_derived_from", "assembled", "hash of the _assembled_batches fingerprints"),
    Ignored("_derived_from", "built_with", "hash of the settings, the code's SHA-256 included"),
)

SIDES = ("base", "head")
VALUE_WIDTH = 49  # characters of a value shown in a differing row
CONTEXT = 12  # characters shown around the part of a text that changed
KEY_COLUMNS = 2  # the first columns of a table, shown in every differing row to identify it


# --------------------------------------------------------------------------------------------
# Comparing two DuckDB files


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    default: str | None
    comment: str | None


@dataclass(frozen=True)
class Relation:
    """A table or view of one file: its kind, comment and columns in order."""

    kind: str
    comment: str | None
    columns: tuple[Column, ...]


@dataclass
class Report:
    """One table, view or the macros of both files: row counts and what differs (none: same)."""

    name: str
    rows: dict[str, int | None]
    differences: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.differences

    def text(self) -> str:
        """'name  rows  same', then the differences indented."""
        base, head = (self.rows[side] for side in SIDES)
        counts = _count(base) if base == head else f"{_count(base)} | {_count(head)}"
        lines = [f"  {self.name:<24} {counts:>15}  {'same' if self.same else 'DIFFERENT'}"]
        return "\n".join(lines + [f"      {text}" for text in self.differences])


def _count(rows: int | None) -> str:
    return "-" if rows is None else f"{rows:,}"


def compare(
    base: Path, head: Path, ignored: Sequence[Ignored] = IGNORED, show: int = 3
) -> list[Report]:
    """Compare the DuckDB file head with base: a report per table or view of either (by name),
    then one for the macros; up to `show` differing rows of each side in each report."""
    with duckdb.connect() as conn:
        for side, path in zip(SIDES, (base, head), strict=True):
            conn.execute(f"ATTACH {_literal(str(path))} AS {side} (READ_ONLY)")
        catalogs = [_relations(conn, side) for side in SIDES]
        reports = [
            _compare_relation(conn, key, *(c.get(key) for c in catalogs), ignored, show)
            for key in sorted(set(catalogs[0]) | set(catalogs[1]))
        ]
        return [*reports, _compare_macros(conn)]


def _relations(conn: duckdb.DuckDBPyConnection, side: str) -> dict[tuple[str, str], Relation]:
    """The tables and views of an attached file, by schema and name."""
    found = conn.execute(
        "SELECT schema_name, table_name, 'table', comment FROM duckdb_tables() "
        "WHERE database_name = $side UNION ALL "
        "SELECT schema_name, view_name, 'view', comment FROM duckdb_views() "
        "WHERE database_name = $side AND NOT internal",
        {"side": side},
    ).fetchall()
    columns: dict[tuple[str, str], list[Column]] = {}
    for schema, table, *column in conn.execute(
        "SELECT schema_name, table_name, column_name, data_type, is_nullable, column_default, "
        "comment FROM duckdb_columns() WHERE database_name = ? ORDER BY column_index",
        [side],
    ).fetchall():
        columns.setdefault((schema, table), []).append(Column(*column))
    return {
        (schema, table): Relation(kind, comment, tuple(columns.get((schema, table), [])))
        for schema, table, kind, comment in found
    }


def _name(schema: str, table: str) -> str:
    """A table's name as reports and IGNORED give it: schema-qualified outside main."""
    return table if schema == "main" else f"{schema}.{table}"


def _compare_relation(
    conn: duckdb.DuckDBPyConnection,
    key: tuple[str, str],
    base: Relation | None,
    head: Relation | None,
    ignored: Sequence[Ignored],
    show: int,
) -> Report:
    """The report of one table or view: presence, kind, comment, columns, then rows."""
    pair = {"base": base, "head": head}
    rows = {side: _row_count(conn, side, key) if pair[side] else None for side in SIDES}
    report = Report(_name(*key), rows)
    if base is None or head is None:
        report.differences.append(f"only in {'BASE' if head is None else 'HEAD'}")
        return report
    if base.kind != head.kind:
        report.differences.append(f"a {base.kind} in BASE, a {head.kind} in HEAD")
    if base.comment != head.comment:
        report.differences.append(f"comment: {_change(base.comment, head.comment)}")
    report.differences += _column_differences(base.columns, head.columns)
    shared = [c.name for c in base.columns if c.name in {h.name for h in head.columns}]
    report.differences += _row_differences(conn, key, shared, ignored, show)
    return report


def _column_differences(base: Sequence[Column], head: Sequence[Column]) -> list[str]:
    """Columns missing on one side, changed (type, nullability, default, comment) or reordered."""
    before, after = {c.name: c for c in base}, {c.name: c for c in head}
    found = [f"column {name!r} only in BASE" for name in before if name not in after]
    found += [f"column {name!r} only in HEAD" for name in after if name not in before]
    for name in [n for n in before if n in after]:
        for attribute in ("type", "nullable", "default", "comment"):
            old, new = getattr(before[name], attribute), getattr(after[name], attribute)
            if old != new:
                found.append(f"column {name!r} {attribute}: {_change(old, new)}")
    if [n for n in before if n in after] != [n for n in after if n in before]:
        found.append(f"column order: {', '.join(before)} -> {', '.join(after)}")
    return found


def _row_differences(
    conn: duckdb.DuckDBPyConnection,
    key: tuple[str, str],
    columns: list[str],
    ignored: Sequence[Ignored],
    show: int,
) -> list[str]:
    """The rows (of the columns both sides have, ignored values left out) that one side has more
    times than the other: their counts, and up to `show` of each side, in the order of all
    their columns, with the columns that identify or tell the shown rows apart."""
    name = _name(*key)
    compared = [c for c in columns if not _ignored(ignored, name, c, conditional=False)]
    if not compared:
        return []
    select = ", ".join(_expression(ignored, name, c) for c in compared)
    extra: dict[str, int] = {}
    samples: list[tuple[str, tuple]] = []
    for side, other in (SIDES, SIDES[::-1]):
        only = (
            f"SELECT {select} FROM {_relation(side, key)} EXCEPT ALL "
            f"SELECT {select} FROM {_relation(other, key)}"
        )
        (extra[side],) = conn.execute(f"SELECT count(*) FROM ({only})").fetchone()
        rows = conn.execute(f"SELECT * FROM ({only}) ORDER BY ALL LIMIT {show}").fetchall()
        samples += [("-" if side == "base" else "+", row) for row in rows]
    if not any(extra.values()):
        return []
    lines = [f"rows: {extra['base']:,} only in BASE, {extra['head']:,} only in HEAD"]
    keep = _columns_to_show(len(compared), [row for _, row in samples])
    lines.append(
        "  "
        + " | ".join(compared[i] for i in keep)
        + ("" if len(keep) == len(compared) else "   (other columns alike in the rows shown)")
    )
    lines += [f"{sign} " + " | ".join(_shown(row[i]) for i in keep) for sign, row in samples]
    return lines


def _ignored(ignored: Sequence[Ignored], table: str, column: str, conditional: bool) -> bool:
    return any(
        i.table == table and i.column == column and (i.where is not None) == conditional
        for i in ignored
    )


def _expression(ignored: Sequence[Ignored], table: str, column: str) -> str:
    """The column, or NULL in the rows where an ignore condition on it holds."""
    conditions = [i.where for i in ignored if i.table == table and i.column == column and i.where]
    quoted = _identifier(column)
    if not conditions:
        return quoted
    return f"CASE WHEN {' OR '.join(f'({c})' for c in conditions)} THEN NULL ELSE {quoted} END"


def _columns_to_show(width: int, rows: list[tuple]) -> list[int]:
    """Every column for a single row; else the first KEY_COLUMNS and those that vary."""
    if len(rows) < 2:
        return list(range(width))
    varying = {i for i in range(width) if len({repr(row[i]) for row in rows}) > 1}
    return sorted(varying | set(range(min(KEY_COLUMNS, width))))


def _compare_macros(conn: duckdb.DuckDBPyConnection) -> Report:
    """The macros of both files, by name, parameters and definition."""
    found = {
        side: set(
            conn.execute(
                "SELECT schema_name, function_name, function_type, parameters::VARCHAR, "
                "macro_definition FROM duckdb_functions() WHERE database_name = ? "
                "AND NOT internal AND function_type IN ('macro', 'table_macro')",
                [side],
            ).fetchall()
        )
        for side in SIDES
    }
    report = Report("(macros)", {side: len(found[side]) for side in SIDES})
    for side, other, label in (("base", "head", "BASE"), ("head", "base", "HEAD")):
        for schema, function, *_ in sorted(found[side] - found[other]):
            report.differences.append(f"{_name(schema, function)}: only in {label} as defined")
    return report


def _row_count(conn: duckdb.DuckDBPyConnection, side: str, key: tuple[str, str]) -> int:
    return conn.execute(f"SELECT count(*) FROM {_relation(side, key)}").fetchone()[0]


def _relation(side: str, key: tuple[str, str]) -> str:
    """A table or view of one attached file, in SQL."""
    return ".".join(_identifier(part) for part in (side, *key))


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _change(old: object, new: object) -> str:
    """'old -> new'; of two texts, the part that differs with a few characters around it."""
    if isinstance(old, str) and isinstance(new, str):
        start = len(os.path.commonprefix([old, new]))
        end = len(os.path.commonprefix([old[start:][::-1], new[start:][::-1]]))
        start, end = max(0, start - CONTEXT), max(0, end - CONTEXT)
        old, new = (
            ("…" if start else "") + text[start : len(text) - end] + ("…" if end else "")
            for text in (old, new)
        )
    return f"{_shown(old)} -> {_shown(new)}"


def _shown(value: object) -> str:
    """A value as shown, its middle cut out when it is long (ids differ at either end)."""
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) <= VALUE_WIDTH:
        return text
    half = (VALUE_WIDTH - 1) // 2
    return text[:half] + "…" + text[-half:]


# --------------------------------------------------------------------------------------------
# Building the warehouse with a revision


@dataclass(frozen=True)
class Revision:
    """Code to build with: what it is, and the folder that holds it."""

    label: str
    folder: Path


def python() -> str:
    """The repository's .venv interpreter (this one when there is none)."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def extract(revision: str, folder: Path) -> Revision:
    """The files of a git revision, extracted into folder."""
    commit = git("rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}")
    archive = folder.with_suffix(".tar")
    git("archive", "--format=tar", f"--output={archive}", commit)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    archive.unlink()
    return Revision(f"{revision} ({commit[:10]})", folder)


def work_tree() -> Revision:
    """The repository itself, uncommitted changes included."""
    changed = git("status", "--porcelain", "--untracked-files=normal")
    state = "with uncommitted changes" if changed else "no uncommitted changes"
    return Revision(f"work tree (HEAD {git('rev-parse', '--short=10', 'HEAD')}, {state})", ROOT)


def environment(code: Path, **settings: Path) -> dict[str, str]:
    """This process's environment without its ETL_* settings, code first on the import path,
    and the given settings."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("ETL_")}
    return {**kept, "PYTHONPATH": str(code), **{k: str(v) for k, v in settings.items()}}


@dataclass
class Build:
    """One run of a revision's main command on one input."""

    database: Path
    seconds: float
    exit_code: int
    log: Path


def build(revision: Revision, articles: Path, folder: Path) -> Build:
    """Run the revision's `python -m etl materialize` on a copy of articles (file times kept,
    symbolic links copied as links), everything it writes under folder."""
    copy = shutil.copytree(articles, folder / "articles", symlinks=True)
    database = folder / "warehouse" / "figures.duckdb"
    database.parent.mkdir(parents=True)
    home = prepare_dagster_home(folder / "dagster")
    log = folder / "materialize.log"
    env = environment(
        revision.folder,
        ETL_ARTICLES_DIR=copy,
        ETL_DUCKDB_PATH=database,
        DAGSTER_HOME=home,
    )
    started = time.perf_counter()
    with log.open("wb") as out:
        done = subprocess.run(
            [python(), "-m", "etl", "materialize"],
            cwd=revision.folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    return Build(database, time.perf_counter() - started, done.returncode, log)


def make_inputs(base: Revision, folder: Path, articles: int, seed: int) -> dict[str, Path]:
    """The three inputs, made once from BASE: its sample articles, generated articles (with its
    generator) and the hostile input (its sample articles and this script's broken inputs; the
    file its link out of the folder points to is beside the folder)."""
    sample = shutil.copytree(base.folder / "data" / "articles", folder / "sample")
    generated = folder / "generated"
    subprocess.run(
        [
            python(),
            "-m",
            "benchmarks.generate",
            str(generated),
            "--articles",
            str(articles),
            "--seed",
            str(seed),
        ],
        cwd=base.folder,
        env=environment(base.folder),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    hostile = make_hostile(
        base.folder / "data" / "articles", folder / "hostile", folder / "outside-hostile.md"
    )
    return {"sample": sample, "generated": generated, "hostile": hostile}


def outcome(database: Path) -> str:
    """The rows of `quarantine` and the checks that passed, judged nothing, warned and failed in
    a published file (of a fresh build: one run)."""
    with duckdb.connect(str(database), read_only=True) as conn:
        (held,) = conn.execute("SELECT count(*) FROM quarantine").fetchone()
        statuses = dict(
            conn.execute("SELECT status, count(*) FROM check_history GROUP BY status").fetchall()
        )
    counts = ", ".join(f"{statuses.get(s, 0)} {s}" for s in CHECK_STATUSES)
    return f"quarantine {held:,} rows; checks {counts}"


def compare_input(
    name: str, articles: Path, revisions: dict[str, Revision], folder: Path, show: int
) -> str:
    """Build the warehouse of one input with both revisions and print the comparison: "same",
    "different", or "failed" when a run failed."""
    builds = {side: build(revisions[side], articles, folder / side) for side in SIDES}
    times = ", ".join(f"{side.upper()} {b.seconds:.1f} s" for side, b in builds.items())
    print(f"\n[{name}] built in {times}", flush=True)
    failed = [side for side, b in builds.items() if b.exit_code != 0 or not b.database.exists()]
    for side in failed:
        tail = builds[side].log.read_text(errors="replace").splitlines()[-15:]
        print(
            f"  the run with {side.upper()} FAILED (exit {builds[side].exit_code}); its log ends:"
        )
        print("\n".join(f"    {line}" for line in tail))
    if failed:
        print(f"  {name}: the run with {' and '.join(s.upper() for s in failed)} FAILED")
        return "failed"
    reports = compare(builds["base"].database, builds["head"].database, show=show)
    for report in reports:
        print(report.text())
    outcomes = {side: outcome(b.database) for side, b in builds.items()}
    if outcomes["base"] == outcomes["head"]:
        print(f"  runs: {outcomes['base']}")
    else:
        print("\n".join(f"  {side.upper()} run: {text}" for side, text in outcomes.items()))
    different = [r.name for r in reports if not r.same]
    print(f"  {name}: " + (f"DIFFERENT in {', '.join(different)}" if different else "same"))
    return "different" if different else "same"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.same_warehouse", description=__doc__.splitlines()[0]
    )
    parser.add_argument("base", metavar="BASE", help="git revision to compare with")
    parser.add_argument(
        "head", metavar="HEAD", nargs="?", help="git revision (default: the work tree as it is)"
    )
    parser.add_argument("--articles", type=int, default=2000, help="generated (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="of the generated articles")
    parser.add_argument("--show", type=int, default=3, help="differing rows shown per side")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="same-warehouse-"))
    try:
        revisions = {"base": extract(args.base, workdir / "base-code")}
        revisions["head"] = extract(args.head, workdir / "head-code") if args.head else work_tree()
        for side in SIDES:
            print(f"{side.upper()}: {revisions[side].label}")
        print(f"values ignored: {', '.join(map(str, IGNORED))}")
        inputs = make_inputs(revisions["base"], workdir / "inputs", args.articles, args.seed)
        print(
            f"inputs (made from BASE): sample = data/articles, generated = {args.articles:,} "
            f"articles, seed {args.seed}, hostile = data/articles and broken inputs",
            flush=True,
        )
        results = {
            name: compare_input(name, path, revisions, workdir / "runs" / name, args.show)
            for name, path in inputs.items()
        }
        failed = [name for name, result in results.items() if result == "failed"]
        different = [name for name, result in results.items() if result == "different"]
        details = [f"a run failed on {', '.join(failed)}"] if failed else []
        details += [f"different on {', '.join(different)}"] if different else []
        verdict = "FAILED" if failed else "DIFFERENT" if different else "SAME"
        print(
            f"\n{verdict}{' (' + '; '.join(details) + ')' if details else ''}: "
            f"{time.perf_counter() - started:.0f} s in all"
        )
        return 0 if verdict == "SAME" else 1
    finally:
        if args.keep:
            print(f"kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
