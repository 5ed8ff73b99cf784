"""Command line: `python -m etl materialize` runs every asset and check through Dagster.

The run is recorded in the Dagster instance under DAGSTER_HOME (default .dagster_home/ in the
repository), so its materializations and check results show in the UI afterwards. Without an
exported DAGSTER_HOME, the default is written to .env as `DAGSTER_HOME=${DAGSTER_HOME:-<path>}`:
`dagster dev` started in the repository root loads .env over the environment, and this form
keeps a DAGSTER_HOME the user exports (python-dotenv expands it from the environment).
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

from core.changes import ALLOW_SHRINK
from core.checks import reference
from core.display import for_terminal
from core.summary import summary
from etl.resources import ROOT, SettingError, Warehouse, batches_to_run, references_changed

DEFAULT_DAGSTER_HOME = ROOT / ".dagster_home"
# Telemetry off; runs launched from the UI start at once, not after the daemon's next look at a
# queue (a queue serves concurrency limits on a shared deployment: see "Beyond one machine")
INSTANCE_CONFIG = (
    "telemetry:\n  enabled: false\n"
    "run_coordinator:\n  module: dagster._core.run_coordinator\n  class: DefaultRunCoordinator\n"
)
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
    command.add_argument(
        ALLOW_SHRINK,
        action="store_true",
        help="publish even when the articles folder is empty or holds fewer than half the "
        "files the published warehouse was built from (refused otherwise: a share that is not "
        "mounted must not empty the warehouse)",
    )
    commands.add_parser(
        "checks",
        help="list every check: its asset, severity, where it is evaluated, what it asserts",
    )
    args = parser.parse_args(argv)
    if args.command == "checks":
        print(reference())
        return 0
    return materialize(reprocess_all=args.reprocess_all, allow_shrink=args.allow_shrink)


def materialize(reprocess_all: bool = False, allow_shrink: bool = False) -> int:
    home = ensure_dagster_home()
    from etl.assets import batch_range  # after DAGSTER_HOME is set

    try:
        from etl.definitions import MATERIALIZE_EVERYTHING, defs
    except SettingError as error:
        print(f"error: {for_terminal(error)}", file=sys.stderr)
        return 2

    started = time.monotonic()
    corpus, warehouse = defs.resources["corpus"], defs.resources["warehouse"]
    try:
        batches = (
            None if reprocess_all else batches_to_run(corpus, warehouse, defs.resources["policy"])
        )
    except FileNotFoundError as error:  # the articles folder is missing: no run to start
        print(f"error: {error}", file=sys.stderr)
        return 1
    if batches is not None and not batches and not references_changed(corpus, warehouse):
        print(
            f"\nNothing to do: the articles folder ({for_terminal(corpus.path)}), the reference "
            "folder, the settings and the code are as when the published warehouse was built "
            f"(compared in "
            f"{time.monotonic() - started:.1f} s, by file name, size, times and inode; "
            "no run started)"
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
                "ops": {
                    "article_batches": {
                        "config": {"reprocess_all": reprocess_all, "allow_shrink": allow_shrink}
                    }
                },
            },
        )
    seconds = time.monotonic() - started
    print(f"\nRun {result.run_id} {'succeeded' if result.success else 'FAILED'} in {seconds:.1f} s")
    for event in result.all_events:
        if event.is_step_failure:
            failure, error = event.step_failure_data, event.step_failure_data.error
            while error and error.cause:  # the user's exception, not Dagster's wrapper
                error = error.cause
            said = failure.user_failure_data and failure.user_failure_data.description
            message = for_terminal(said or (error.message.strip() if error else ""))
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
    """Use DAGSTER_HOME, or make .dagster_home/ and record it in .env for `dagster dev` (as a
    default only: see record_in_dotenv)."""
    exported = os.environ.get("DAGSTER_HOME")
    record_in_dotenv(DEFAULT_DAGSTER_HOME, add=not exported)  # an earlier version's line mended
    home = Path(exported) if exported else DEFAULT_DAGSTER_HOME
    os.environ["DAGSTER_HOME"] = str(home)
    return prepare_dagster_home(home)


def prepare_dagster_home(home: Path) -> Path:
    """A DAGSTER_HOME folder, made if missing, whose instance has telemetry off (its dagster.yaml
    is written unless it has one). The tests and benchmarks make theirs with it too."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG)
    return home


def record_in_dotenv(home: Path, dotenv: Path = ROOT / ".env", add: bool = True) -> None:
    """Give `dagster dev` (started in the repository root) home as the default DAGSTER_HOME, in
    .env, as `DAGSTER_HOME="${DAGSTER_HOME:-home}"`: dagster dev loads .env over the environment,
    and this line leaves an exported DAGSTER_HOME as it is. A line a user wrote is kept; the
    plain line earlier versions wrote (`DAGSTER_HOME=home`, which overrode an exported one) is
    replaced, and without add that is all. Nothing is written for a path python-dotenv could not
    quote."""
    line = f'DAGSTER_HOME="${{DAGSTER_HOME:-{home}}}"'
    earlier = f"DAGSTER_HOME={home}"
    lines = dotenv.read_text().splitlines() if dotenv.exists() else []
    homes = [text.strip() for text in lines if text.strip().startswith("DAGSTER_HOME=")]
    if any(char in str(home) for char in '"$}\\') or homes != (
        [earlier] if homes or not add else []
    ):
        return  # a path it cannot write, a line already right or the user's, or nothing to mend
    lines = [text for text in lines if text.strip() != earlier] + [line]
    dotenv.write_text("\n".join(lines) + "\n")


def _shown(path: Path) -> str:
    """The path relative to the current folder when it lies under it, control characters
    escaped."""
    try:
        return for_terminal(path.relative_to(Path.cwd()))
    except ValueError:
        return for_terminal(path)


if __name__ == "__main__":
    sys.exit(main())
