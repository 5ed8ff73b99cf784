"""Floor benchmark: what one run of the main job costs in Dagster alone, with no work in it.

    python -m benchmarks.floor [--repeat 3]

Builds stand-ins of the project's assets (etl.definitions): the same asset keys, dependencies,
partitions and asset checks, whose bodies read nothing and report every check passed. Each run
is made as the main command makes one: in a fresh interpreter that imports etl.definitions, on a
DAGSTER_HOME with the main command's instance settings (SQLite storage) that holds earlier runs,
for one batch, with the main command's console logging. It
prints the wall time, the Dagster run's own time, what came before the run (interpreter start,
imports, the instance) and the number of events Dagster stored; then the same without the asset
checks, which gives what each check adds to every run.

Every run of the main command pays this before it reads an article: the time benchmarks/scale.py
measures for one new article cannot go below it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg

ROOT = Path(__file__).resolve().parents[1]


def stand_ins(with_checks: bool) -> list[dg.AssetsDefinition]:
    """Assets of the same keys, dependencies, partitions and checks as the project's, that do
    nothing (with_checks False: without their checks)."""
    from etl.definitions import defs

    def stand_in(name: str, specs: list, checks: list) -> dg.AssetsDefinition:
        @dg.multi_asset(name=name, specs=specs, check_specs=checks)
        def nothing() -> Iterator[dg.MaterializeResult]:
            for spec in specs:
                yield dg.MaterializeResult(
                    asset_key=spec.key,
                    check_results=[
                        dg.AssetCheckResult(asset_key=spec.key, check_name=check.name, passed=True)
                        for check in checks
                        if check.asset_key == spec.key
                    ],
                )

        return nothing

    return [
        stand_in(
            assets_def.node_def.name,
            list(assets_def.specs),
            list(assets_def.check_specs) if with_checks else [],
        )
        for assets_def in defs.resolve_asset_graph().assets_defs
        if assets_def.is_executable  # not the reference files, external assets
    ]


def child(with_checks: bool) -> dict[str, float | int]:
    """One run of the stand-ins for batch 0, as the main command runs it; its figures."""
    from etl.__main__ import QUIET_CONSOLE
    from etl.assets import batch_range
    from etl.jobs import MATERIALIZE_EVERYTHING, materialize_everything

    defs = dg.Definitions(assets=stand_ins(with_checks), jobs=[materialize_everything])
    with dg.DagsterInstance.get() as instance:
        started = time.perf_counter()
        result = defs.resolve_job_def(MATERIALIZE_EVERYTHING).execute_in_process(
            instance=instance, tags=batch_range([0]), run_config=QUIET_CONSOLE
        )
        run = time.perf_counter() - started
        events = len(instance.all_logs(result.run_id))
    return {"run": run, "events": events, "ok": result.success}


def measure(with_checks: bool, home: Path) -> dict[str, float | int]:
    """A child run in a fresh interpreter on the instance at home: its figures and wall time."""
    command = [sys.executable, "-m", "benchmarks.floor", "--child"]
    started = time.perf_counter()
    done = subprocess.run(
        command + ([] if with_checks else ["--no-checks"]),
        cwd=ROOT,
        env={**os.environ, "DAGSTER_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    figures = json.loads(done.stdout.splitlines()[-1])
    if not figures["ok"]:
        raise RuntimeError(f"the stand-in run failed:\n{done.stderr}")
    return {**figures, "wall": wall}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.floor", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind (median shown)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-checks", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(with_checks=not args.no_checks)))
        return 0

    from core.checks import CHECKS
    from etl.__main__ import prepare_dagster_home

    rows = {}
    for label, with_checks in ((f"with its {len(CHECKS)} checks", True), ("no checks", False)):
        with tempfile.TemporaryDirectory() as workdir:
            home = prepare_dagster_home(Path(workdir))
            measure(with_checks, home)  # not counted: the first run creates the instance's storage
            runs = [measure(with_checks, home) for _ in range(args.repeat)]
        rows[label] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(
        "One run of the main job's shape on one batch, in Dagster alone (stand-in assets that do "
        f"nothing; median of {args.repeat} runs, each in a fresh interpreter, after a first run "
        "that created the instance):"
    )
    print(f"{'':22}{'wall s':>8}{'run s':>8}{'start-up s':>12}{'events':>8}")
    for label, row in rows.items():
        print(
            f"{label:22}{row['wall']:8.2f}{row['run']:8.2f}{row['wall'] - row['run']:12.2f}"
            f"{row['events']:8.0f}"
        )
    full, bare = rows.values()
    per_check = (full["run"] - bare["run"]) / len(CHECKS)
    per_event = (full["run"] - bare["run"]) / (full["events"] - bare["events"])
    print(
        f"each check adds {per_check * 1000:.0f} ms to every run "
        f"({(full['events'] - bare['events']) / len(CHECKS):.0f} events of "
        f"{per_event * 1000:.0f} ms each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
