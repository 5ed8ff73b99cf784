"""Scale benchmark: the main command, end to end, on generated corpora of growing size.

    python -m benchmarks.scale [--sizes 10000 100000] [--added 5] [--workdir DIR] [--keep]

For each size, generates a corpus (benchmarks/generate.py) into a fresh articles folder under
the work folder, then runs `python -m etl materialize` in a subprocess as a user would, with
ETL_ARTICLES_DIR, ETL_DUCKDB_PATH (<workdir>/warehouse-<size>/figures.duckdb) and DAGSTER_HOME
(<workdir>/dagster-<size>, telemetry off) set, and reports its wall time, articles per second,
peak memory and the rows of each table of the published DuckDB file. For the largest size it
then runs the command again on the unchanged folder (a no-op re-run: the command compares the
folder with the published warehouse's record and starts no run), then adds --added articles
one at a time and runs it after each (every other one curated: with a figures file and
relations). The first run after a full load also makes the second staging file, a copy of the
published one, once; the later ones are incremental runs as every later one is, summed up as
their range and median. It gives those times as fractions of the full load, and runs the
command once more on the unchanged folder.

Memory: "peak RSS" is the largest resident set of any one process of the command's process
tree (ru_maxrss of the child, from os.wait4, which covers the descendants it waited for; the
same number resource.getrusage(RUSAGE_CHILDREN) accumulates, but for this run alone). "tree
peak" is the largest sum of the resident sets of the tree's live processes, sampled from /proc
every 0.2 s (Linux only; it can miss short spikes).

The work folder is a new temporary folder unless --workdir is given; what this run created in
it is deleted at the end unless --keep is given. Each command's output is in
<workdir>/logs/<size>-<run>.log while the folder is kept.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks import generate
from etl.__main__ import prepare_dagster_home

ROOT = Path(__file__).resolve().parents[1]
RUN_LINE = re.compile(r"^Run \S+ (?P<outcome>succeeded|FAILED) in (?P<seconds>[\d.]+) s", re.M)
PROC = Path("/proc")


@dataclass
class Run:
    """One `python -m etl materialize`: what it took and what it published."""

    label: str
    articles: int
    seconds: float  # wall time of the subprocess, interpreter start-up and imports included
    exit_code: int
    peak_rss_mib: float  # largest single process of the tree (os.wait4 ru_maxrss)
    tree_peak_mib: float | None  # largest sampled sum over the tree (None without /proc)
    run_seconds: float | None  # the time the command itself reports for the Dagster run
    rows: dict[str, int] = field(default_factory=dict)
    log: Path | None = None

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else float("nan")


def materialize(label: str, articles: int, env: dict[str, str], log: Path) -> Run:
    """Run the main command with env, its output to log; time it and measure its memory."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "etl", "materialize"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)  # the rusage of this child alone
        except BaseException:
            process.kill()
            process.wait()
            raise
        finally:
            sampler.stop()
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
    text = log.read_text(encoding="utf-8", errors="replace")
    reported = RUN_LINE.search(text)
    return Run(
        label=label,
        articles=articles,
        seconds=seconds,
        exit_code=process.returncode,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        tree_peak_mib=sampler.peak_kib / 1024 if sampler.available else None,
        run_seconds=float(reported["seconds"]) if reported else None,
        log=log,
    )


class TreeSampler(threading.Thread):
    """Polls /proc for the resident set of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.available = (PROC / "self" / "status").exists()
        self.peak_kib = 0
        self._done = threading.Event()

    def run(self) -> None:
        while self.available and not self._done.is_set():
            self.peak_kib = max(self.peak_kib, sum(rss_kib(pid) for pid in tree(self.pid)))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def tree(pid: int) -> list[int]:
    """pid and its live descendants, from /proc/<pid>/task/<tid>/children."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in (PROC / str(current) / "task").iterdir():
                pending += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def rss_kib(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def row_counts(database: Path) -> dict[str, int]:
    """Rows of every table of the published file, opened read-only as a user would."""
    if not database.exists():
        return {}
    with duckdb.connect(str(database), read_only=True) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


@dataclass
class Setup:
    """The folders of one size: articles, warehouse, Dagster home; and the command's env."""

    size: int
    articles: Path
    database: Path
    home: Path

    @classmethod
    def create(cls, workdir: Path, size: int) -> Setup:
        home = prepare_dagster_home(fresh(workdir / f"dagster-{size}"))
        database = fresh(workdir / f"warehouse-{size}") / "figures.duckdb"
        return cls(size, fresh(workdir / f"articles-{size}"), database, home)

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "ETL_ARTICLES_DIR": str(self.articles),
            "ETL_DUCKDB_PATH": str(self.database),
            "DAGSTER_HOME": str(self.home),
        }

    def folders(self) -> list[Path]:
        return [self.articles, self.database.parent, self.home]


def describe(run: Run) -> str:
    tree_peak = f"{run.tree_peak_mib:,.0f} MiB" if run.tree_peak_mib is not None else "n/a"
    reported = f"{run.run_seconds:.1f} s" if run.run_seconds is not None else "n/a"
    outcome = "ok" if run.exit_code == 0 else f"EXIT {run.exit_code} (see {run.log})"
    return (
        f"{run.label}: {run.articles:,} articles in {run.seconds:.1f} s "
        f"({run.per_second:,.1f} articles/s; the run itself reports {reported}), "
        f"peak RSS {run.peak_rss_mib:,.0f} MiB (tree peak {tree_peak}), {outcome}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.scale", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, help="work folder (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep what this run created")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus (default 0)")
    parser.add_argument("--curated-share", type=float, default=0.1, metavar="SHARE")
    parser.add_argument("--workers", type=int, help="processes that generate (default: CPUs)")
    parser.add_argument(
        "--added", type=int, default=5, help="articles then added one at a time (default 5)"
    )
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    if not sizes or sizes[0] < 1:
        parser.error("--sizes must be positive")
    if args.added < 1:
        parser.error("--added must be at least 1")
    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="figures-scale-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    created: list[Path] = [workdir / "logs"]
    print(f"work folder: {workdir}", flush=True)
    runs: list[Run] = []
    try:
        for size in sizes:
            setup = Setup.create(workdir, size)
            created += setup.folders()
            started = time.perf_counter()
            _, curated = generate.write(
                setup.articles, size, args.seed, args.curated_share, workers=args.workers
            )
            print(
                f"\n[{size:,}] generated {size:,} articles ({curated:,} curated) in "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )
            run = materialize(
                f"full load of {size:,}", size, setup.env(), log_path(workdir, size, "full")
            )
            run.rows = row_counts(setup.database)
            runs.append(run)
            print(describe(run), flush=True)
            print(f"  rows: {format_rows(run.rows)}", flush=True)
        full = runs[-1]
        again = materialize("no-op re-run", size, setup.env(), log_path(workdir, size, "rerun"))
        again.rows = row_counts(setup.database)
        print(describe(again), flush=True)
        added = []
        for number in range(1, args.added + 1):
            curated = number % 2 == 0  # every other one with a figures file (and relations)
            (article,) = generate.generate(
                1, seed=args.seed + number, curated_share=1.0 if curated else 0.0
            )
            name = f"{article.slug}-{number}"
            (setup.articles / f"{name}.md").write_bytes(article.text.encode("utf-8"))
            if article.figures_text is not None:
                figures = setup.articles / f"{name}.figures.yaml"
                figures.write_bytes(article.figures_text.encode("utf-8"))
            run = materialize(
                f"one new article ({name}{', curated' if curated else ''})",
                size + number,
                setup.env(),
                log_path(workdir, size, f"incremental-{number}"),
            )
            run.rows = row_counts(setup.database)
            print(describe(run), flush=True)
            print(f"  rows: {format_rows(run.rows)}", flush=True)
            added.append(run)
        steady = materialize(
            "no-op re-run after them",
            size + args.added,
            setup.env(),
            log_path(workdir, size, "rerun-2"),
        )
        print(describe(steady), flush=True)
        report(runs, full, [again, steady], added)
        failed = [r for r in [*runs, again, *added, steady] if r.exit_code != 0]
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"\nkept: {workdir}")
        elif temporary:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            for path in created:
                shutil.rmtree(path, ignore_errors=True)


def log_path(workdir: Path, size: int, run: str) -> Path:
    return workdir / "logs" / f"{size}-{run}.log"


def format_rows(rows: dict[str, int]) -> str:
    return ", ".join(f"{table} {count:,}" for table, count in rows.items()) or "(no warehouse)"


def report(runs: list[Run], full: Run, reruns: list[Run], added: list[Run]) -> None:
    print("\nsummary: wall time of `python -m etl materialize` (start-up and imports included);")
    print("'run s' is the time the command reports for the Dagster run itself")
    header = ("articles", "seconds", "articles/s", "run s", "peak RSS MiB", "tree MiB")
    print("".join(f"{h:>13}" for h in header))
    for run in runs:
        cells = (
            f"{run.articles:,}",
            f"{run.seconds:.1f}",
            f"{run.per_second:,.1f}",
            _seconds(run.run_seconds),
            f"{run.peak_rss_mib:,.0f}",
            f"{run.tree_peak_mib:,.0f}" if run.tree_peak_mib is not None else "n/a",
        )
        print("".join(f"{cell:>13}" for cell in cells))
    print("rows per table:")
    for run in runs:
        print(f"  {run.articles:,}: {format_rows(run.rows)}")
    for again in reruns:
        print(
            f"{again.label}, nothing changed ({again.articles:,} articles): {again.seconds:.1f} s "
            f"(run {_seconds(again.run_seconds)} s), "
            f"{again.seconds / full.seconds:.0%} of the full load"
        )
    for number, run in enumerate(added, start=1):
        print(
            f"article {number} added to {full.articles:,}: {run.seconds:.1f} s "
            f"(run {_seconds(run.run_seconds)} s), "
            f"{run.seconds / full.seconds:.0%} of the full load ({full.seconds:.1f} s)"
        )
    steady = [run.seconds for run in added[1:]]  # the first also makes the second staging file
    if steady:
        runs_steady = [run.run_seconds for run in added[1:] if run.run_seconds is not None]
        print(
            f"one article added, articles 2 to {len(added)}: {min(steady):.1f} to "
            f"{max(steady):.1f} s, median {statistics.median(steady):.1f} s (run "
            + (f"{min(runs_steady):.1f} to {max(runs_steady):.1f} s)" if runs_steady else "n/a)")
        )
    before, after = full.rows.get("articles", 0), added[-1].rows.get("articles", 0)
    print(f"  articles table: {before:,} -> {after:,} ({after - before:+,})")


def _seconds(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "n/a"


if __name__ == "__main__":
    sys.exit(main())
