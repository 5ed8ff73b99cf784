"""Command line: `python -m etl materialize` runs every asset and check through Dagster.

The run is recorded in the Dagster instance under DAGSTER_HOME (default .dagster_home/ in the
repository, also written to .env so that `dagster dev` in the repository root finds it), so its
materializations and check results show in the UI afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from filelock import FileLock

from core.checks import reference
from core.display import for_terminal
from core.summary import summary
from etl.resources import ROOT, SettingError, Warehouse, batches_to_run

DEFAULT_DAGSTER_HOME = ROOT / ".dagster_home"
INSTANCE_CONFIG = "telemetry:\n  enabled: false\n"
QUIET_CONSOLE = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}  # no DEBUG events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "materialize",
        help="materialize every asset into the DuckDB file, processing only new and changed "
        "articles; exit 0 when the run succeeded (checks that warn or fail included), 1 when "
        "the run itself failed",
    )
    command.add_argument(
        "--reprocess-all",
        action="store_true",
        help="process every article again, changed or not (after a change of the code)",
    )
    commands.add_parser(
        "checks",
        help="list every check: its asset, severity, where it is evaluated, what it asserts",
    )
    args = parser.parse_args(argv)
    if args.command == "checks":
        print(reference())
        return 0
    return materialize(reprocess_all=args.reprocess_all)


def materialize(reprocess_all: bool = False) -> int:
    home = ensure_dagster_home()
    from etl.assets import batch_range  # after DAGSTER_HOME is set

    try:
        from etl.definitions import MATERIALIZE_EVERYTHING, defs
    except SettingError as error:
        print(f"error: {for_terminal(error)}", file=sys.stderr)
        return 2

    started = time.monotonic()
    corpus, warehouse = defs.resources["corpus"], defs.resources["warehouse"]
    batches = None if reprocess_all else batches_to_run(corpus, warehouse, defs.resources["policy"])
    if batches is not None and not batches:
        print(
            f"\nNothing to do: the articles folder ({for_terminal(corpus.path)}), the settings and "
            f"the code are as when the published warehouse was built (compared in "
            f"{time.monotonic() - started:.1f} s, by file name, size and time; no run started)"
        )
        print(summary(warehouse.path))
        _say_where(warehouse)
        return 0
    # Opening an instance creates its SQLite databases the first time: two commands started at
    # once on a new DAGSTER_HOME would both create them, and one fail ("table runs already
    # exists"). One at a time; the run itself does not wait for this lock.
    with FileLock(home / ".instance.lock"):
        instance = dg.DagsterInstance.get()
    run_id = str(uuid.uuid4())
    with instance, _canceled_if_interrupted(instance, run_id):
        job = defs.resolve_job_def(MATERIALIZE_EVERYTHING)
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_id=run_id,
            tags=batch_range(batches),
            run_config={
                **QUIET_CONSOLE,
                "ops": {"article_batches": {"config": {"reprocess_all": reprocess_all}}},
            },
        )
    seconds = time.monotonic() - started
    print(f"\nRun {result.run_id} {'succeeded' if result.success else 'FAILED'} in {seconds:.1f} s")
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            while error and error.cause:  # the user's exception, not Dagster's wrapper
                error = error.cause
            message = for_terminal(error.message.strip()) if error else ""
            print(f"  step {event.step_key} failed: {message}")
    if warehouse.path.exists():
        print(summary(warehouse.path, result.run_id))
    _say_where(warehouse)
    return 0 if result.success else 1


@contextmanager
def _canceled_if_interrupted(instance: dg.DagsterInstance, run_id: str) -> Iterator[None]:
    """A run stopped before it ended (Ctrl-C while it is being created or started, before
    Dagster's own handling of an interrupted run takes over) is marked canceled, so that the UI
    shows no run forever NOT_STARTED or STARTED."""
    try:
        yield
    except BaseException:
        run = instance.get_run_by_id(run_id)
        if run is not None and not run.is_finished:
            instance.report_run_canceled(run, message="interrupted before the run ended")
        raise


def _say_where(warehouse: Warehouse) -> None:
    """Say where the warehouse, the report and the UI are."""
    print(f"\nWarehouse: {for_terminal(warehouse.path)}")
    print(f"  query it:  .venv/bin/duckdb -readonly {_shown(warehouse.path)}")
    if warehouse.report_path.exists():
        print(
            f"  quality report:  {_shown(warehouse.report_path)}   "
            "(open it in a browser; no server needed)"
        )
    print("  open the UI:  .venv/bin/dagster dev   (then http://127.0.0.1:3000)")


def ensure_dagster_home() -> Path:
    """Use DAGSTER_HOME, or make .dagster_home/ and record it in .env for `dagster dev`."""
    if os.environ.get("DAGSTER_HOME"):
        home = Path(os.environ["DAGSTER_HOME"])
    else:
        home = DEFAULT_DAGSTER_HOME
        os.environ["DAGSTER_HOME"] = str(home)
        _record_in_dotenv(home)
    return prepare_dagster_home(home)


def prepare_dagster_home(home: Path) -> Path:
    """A DAGSTER_HOME folder, made if missing, whose instance has telemetry off (its dagster.yaml
    is written unless it has one). The tests and benchmarks make theirs with it too."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG)
    return home


def _record_in_dotenv(home: Path) -> None:
    dotenv = ROOT / ".env"
    text = dotenv.read_text() if dotenv.exists() else ""
    if "DAGSTER_HOME=" not in text:
        dotenv.write_text(
            text + ("" if text.endswith("\n") or not text else "\n") + f"DAGSTER_HOME={home}\n"
        )


def _shown(path: Path) -> str:
    """The path relative to the current folder when it lies under it, control characters
    escaped."""
    try:
        return for_terminal(path.relative_to(Path.cwd()))
    except ValueError:
        return for_terminal(path)


if __name__ == "__main__":
    sys.exit(main())
