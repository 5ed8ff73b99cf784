"""Assets: each step reads its inputs, calls the plain functions of core/, stores validated tables
with what it held back, and judges them with its checks.

Articles are processed in batches, each into its own file; `warehouse_tables` gathers the batches
into the staging file, where the derived metrics are computed and from which the warehouse is
published. In the default code location (etl.definitions) one step processes every batch that
changed, in parallel processes; the cluster code location (etl.cluster) builds the same assets
with the batches as partitions, so that a backfill spreads them over runs (pipeline_assets)."""

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from core import checks as registry
from core import report, sql
from core.batches import BATCHES
from core.changes import Refused, refuse_unsafe_run
from core.derivation import derive_metrics
from core.display import for_markdown, for_terminal
from core.findings import Finding
from core.gathering import assemble
from core.locks import LockTimeout
from core.pipeline import update_batches
from core.publication import StagingChanged, write_atomically
from core.reference import STAGE as REFERENCE_STAGE
from core.reference import load_reference_tables, read_sidecar, reference_files
from core.tables import record_check_history, row_counts
from core.validate import quarantine_findings
from etl import checks
from etl.findings import keep_latest_findings
from etl.metadata import table_metadata
from etl.resources import Corpus, QualityPolicy, Warehouse, batches_to_run, settings
from schemas import TABLES
from schemas.vocab import CHECK_STATUSES

BATCH_PARTITIONS = dg.StaticPartitionsDefinition([str(batch) for batch in range(BATCHES)])
BATCHES_TAG = "etl/batches"


def batch_range(batches: Iterable[int] | None = None) -> dict[str, str]:
    """Run tags that make a run (with no partition) cover some batches (none: an empty set, a run
    for the reference tables only); every batch when batches is None. A run without them covers
    the batches changed since the last publication."""
    chosen = range(BATCHES) if batches is None else sorted(batches)
    return {BATCHES_TAG: ",".join(map(str, chosen))}


ALL_BATCHES = batch_range()
DERIVED_STEP_ASSETS = ("derived_metrics", "reference_matches", "measure_proposals")
# The tables gathered from the batches: the group each shows in, and the assets it is built after
# (its description is its Pandera model's)
TABLE_ASSETS = {
    "sources": ("sources", []),
    "articles": ("sources", []),
    "figures": ("curation", ["articles"]),
    "non_figures": ("curation", ["articles"]),
    "relations": ("curation", ["figures"]),
    "mentions": ("curation", ["figures", "non_figures"]),
}


class BatchConfig(dg.Config):
    """reprocess_all: process every article of the batches again, changed or not (after a change
    of the code). allow_shrink: let the run replace a published warehouse although the articles
    folder is empty or holds fewer than half the files the warehouse was built from (refused
    otherwise: a share that is not mounted must not empty the warehouse)."""

    reprocess_all: bool = False
    allow_shrink: bool = False


@contextmanager
def said_plainly() -> Iterator[None]:
    """Conditions a user can act on (a refused run, a missing articles folder, a file another run
    holds too long, a staging file changed by another run) fail the step with their message, not
    a traceback."""
    try:
        yield
    except (Refused, FileNotFoundError, LockTimeout, StagingChanged) as error:
        raise dg.Failure(description=str(error), allow_retries=False) from None


def article_batches_asset(partitioned: bool = False) -> dg.AssetsDefinition:
    """The asset that processes the batches of articles: unpartitioned, one step for the batches
    its run names (batch_range tags; without them, those changed since the last publication);
    partitioned, one batch per partition and one partition per run in a backfill."""
    how = (
        "Each batch is a partition, and a backfill runs one batch per run (spread them over "
        "workers); a run with no partition processes the batches its tags name, as the "
        "default code location does."
        if partitioned
        else "One step processes every batch that changed since the last publication (or those "
        "its run's etl/batches tag names), in parallel processes (ETL_WORKERS)."
    )

    def article_batches(
        context: dg.AssetExecutionContext,
        config: BatchConfig,
        corpus: Corpus,
        warehouse: Warehouse,
        policy: QualityPolicy,
    ) -> dg.MaterializeResult:
        with said_plainly():
            refuse_unsafe_run(corpus.path, warehouse.path, config.allow_shrink)
            chosen = _batches_of_run(context, config, corpus, warehouse, policy)
            plans = update_batches(
                {batch: warehouse.batch_path(batch) for batch in chosen},
                corpus.path,
                policy.approx_tolerance,
                reprocess_all=config.reprocess_all,
                workers=corpus.workers,
                max_file_bytes=corpus.max_file_bytes,
                lock_timeout=warehouse.lock_timeout,
            )
        counts = {"processed": 0, "removed": 0, "unchanged": 0}
        for plan in plans:
            articles = sum(1 for source in plan.sources if source.role == "article")
            processed = sum(1 for group in plan.process if group.article is not None)
            counts["processed"] += processed
            counts["removed"] += len(plan.remove)
            counts["unchanged"] += articles - processed
            if plan.changed:
                others = len(plan.process) - processed
                context.log.info(
                    f"batch {plan.batch}: {articles} article(s), {processed} new or changed, "
                    f"{len(plan.remove)} removed"
                    + (f", {others} other file(s) reported" if others else "")
                )
        context.log.info(
            f"{len(chosen)} batch(es): {counts['processed']} article(s) processed, "
            f"{counts['removed']} removed, {counts['unchanged']} unchanged"
        )
        return dg.MaterializeResult(
            metadata={f"articles_{name}": dg.MetadataValue.int(n) for name, n in counts.items()}
        )

    with warnings.catch_warnings():
        # Dagster marks backfill policies beta; this is the plain one-partition-per-run kind
        warnings.simplefilter("ignore", dg.BetaWarning)
        return dg.asset(
            name="article_batches",
            partitions_def=BATCH_PARTITIONS if partitioned else None,
            backfill_policy=dg.BackfillPolicy.multi_run(max_partitions_per_run=1)
            if partitioned
            else None,
            group_name="sources",
            kinds={"python", "pandera", "duckdb"},
            description=(
                f"The articles folder in {BATCHES} batches (an article's batch is a hash of its "
                "file name). For each batch, only new and changed articles (by SHA-256 of the "
                "article file and its figures file) are read, curated, extracted and validated, "
                "and deleted ones are removed, in a private file per batch (warehouse/batches/). "
                f"{how} A run whose articles folder is empty, or holds fewer than half the files "
                "the published warehouse was built from, is refused unless its config allows it "
                "(allow_shrink)."
            ),
        )(article_batches)


def _batches_of_run(
    context: dg.AssetExecutionContext,
    config: BatchConfig,
    corpus: Corpus,
    warehouse: Warehouse,
    policy: QualityPolicy,
) -> list[int]:
    """The batches a run processes: its partitions; else those its tags name; else every batch
    after a change of the settings or the code or with reprocess_all, and only the changed ones
    otherwise (core.changes.batches_to_run, as the main command and the sensor decide)."""
    if context.has_partition_key or context.has_partition_key_range:
        return [int(key) for key in context.partition_keys]
    named = context.run.tags.get(BATCHES_TAG)
    if named is not None:
        return [int(batch) for batch in named.split(",") if batch]
    changed = None if config.reprocess_all else batches_to_run(corpus, warehouse, policy)
    return sorted(range(BATCHES) if changed is None else changed)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            table,
            deps=["article_batches", *deps],
            group_name=group,
            description=TABLES[table].to_schema().description,
            kinds={"pandera", "duckdb"},
        )
        for table, (group, deps) in TABLE_ASSETS.items()
    ],
    check_specs=[spec for table in TABLE_ASSETS for spec in checks.specs(table)],
)
def warehouse_tables(
    context: dg.AssetExecutionContext, warehouse: Warehouse, policy: QualityPolicy
) -> Iterator[dg.MaterializeResult]:
    """Gather every batch into the staging warehouse and judge the tables as a whole."""
    with said_plainly(), warehouse.staging() as conn:
        paths = {batch: warehouse.batch_path(batch) for batch in range(BATCHES)}
        existing = {batch: path for batch, path in paths.items() if path.exists()}
        rebuilt = assemble(conn, existing, warehouse.path, timeout=warehouse.lock_timeout)
        context.log.info(
            f"rows of batch(es) {', '.join(map(str, rebuilt))} gathered again"
            if rebuilt
            else "no batch changed"
        )
        sql.install_macros_and_views(conn, policy.sql_parameters())
        findings = quarantine_findings(conn.execute("SELECT * FROM quarantine").df())
        yield from _judge(context, conn, list(TABLE_ASSETS), findings, policy)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            table,
            deps=deps,
            group_name="reference",
            description=TABLES[table].to_schema().description,
            kinds={"csv", "parquet", "pandera", "duckdb"},
        )
        for table, deps in (
            # after the articles folder and the warehouse's place are checked (a refused run)
            ("reference_tables", ["article_batches"]),
            ("reference_values", ["reference_tables"]),
        )
    ],
    check_specs=checks.specs("reference_values"),
)
def reference_tables(
    context: dg.AssetExecutionContext, corpus: Corpus, warehouse: Warehouse, policy: QualityPolicy
) -> Iterator[dg.MaterializeResult]:
    """Read the reference folder's tables that are new or changed (by SHA-256) into the staging
    warehouse, with their sidecars; what cannot be read is held back with its file and line."""
    with said_plainly(), warehouse.staging() as conn:
        changed = load_reference_tables(conn, corpus.reference_path)
        context.log.info(
            f"reference tables read again or removed: {', '.join(changed)}"
            if changed
            else f"no reference table changed in {corpus.reference_path}"
        )
        yield dg.MaterializeResult(
            asset_key="reference_tables",
            metadata={
                **table_metadata(conn, "reference_tables", 0),
                "folder": dg.MetadataValue.path(str(corpus.reference_path)),
                "sources": dg.MetadataValue.md(_sources(conn)),
            },
        )
        findings = quarantine_findings(
            conn.execute("SELECT * FROM quarantine WHERE stage = ?", [REFERENCE_STAGE]).df()
        )
        yield from _judge(context, conn, ["reference_values"], findings, policy)


def _sources(conn: duckdb.DuckDBPyConnection) -> str:
    """The reference tables' sources as a Markdown list for the UI."""
    rows = conn.execute(
        "SELECT title, publisher, coalesce(url, 'no address'), retrieved, licence, rows_read "
        "FROM reference_tables ORDER BY reference_id"
    ).fetchall()
    items = [
        "- " + "; ".join(for_markdown(str(field)) for field in row[:-1]) + f"; {row[-1]} rows"
        for row in rows
    ]
    return "\n".join(items) or "no reference table"


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "derived_metrics",
            deps=["figures", "relations"],
            group_name="metrics",
            kinds={"sql", "duckdb"},
            description=(
                "Metrics derived in SQL (warehouse/derived/*.sql) from the relations: implied "
                "baselines of changes, shares and remainders of wholes, counts implied by "
                "shares, and agreement between statements of one quantity. Intervals are carried "
                "through the arithmetic. A metric comes from its own article's relations: only "
                "the articles gathered again since the last computation are computed again "
                "(every article after a change of the settings or the code). Then every figure "
                "is judged (figures.verdict)."
            ),
        ),
        *(
            dg.AssetSpec(
                table,
                deps=deps,
                group_name="metrics",
                kinds={"python", "sql", "duckdb"},
                description=TABLES[table].to_schema().description,
            )
            for table, deps in (
                ("reference_matches", ["figures", "reference_values"]),
                ("measure_proposals", ["figures", "articles"]),
            )
        ),
    ],
    check_specs=[spec for asset in DERIVED_STEP_ASSETS for spec in checks.specs(asset)],
)
def derived_metrics(
    context: dg.AssetExecutionContext, corpus: Corpus, warehouse: Warehouse, policy: QualityPolicy
) -> Iterator[dg.MaterializeResult]:
    with said_plainly(), warehouse.staging() as conn:
        articles = derive_metrics(conn, policy.sql_parameters(), settings(corpus, policy))
        context.log.info(
            "every article's derived metrics computed"
            if articles is None
            else f"derived metrics computed again for {len(articles)} article(s) gathered again; "
            "the others kept"
        )
        findings = quarantine_findings(
            conn.execute("SELECT * FROM quarantine WHERE stage = 'derived_metrics'").df()
        )
        yield from _judge(context, conn, list(DERIVED_STEP_ASSETS), findings, policy)


@dg.asset(
    deps=[*DERIVED_STEP_ASSETS, "non_figures"],
    group_name="warehouse",
    kinds={"duckdb"},
    description=(
        "The DuckDB file users query (ETL_DUCKDB_PATH, default warehouse/figures.duckdb): every "
        "table of the staging file, published as one atomic file replacement after all steps "
        "and checks of the run, so readers never see half a run. It records the settings and "
        "code it was built with (internal table _built_with): the main command starts no run "
        "while they and the articles folder are unchanged."
    ),
)
def published_warehouse(
    corpus: Corpus, warehouse: Warehouse, policy: QualityPolicy
) -> dg.MaterializeResult:
    with said_plainly():
        with warehouse.staging() as conn:
            counts = row_counts(conn)
        warehouse.publish(settings(corpus, policy))
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(warehouse.path)),
            "size_bytes": dg.MetadataValue.int(warehouse.path.stat().st_size),
            "query_with": dg.MetadataValue.text(f".venv/bin/duckdb -readonly {warehouse.path}"),
            **{f"rows_{table}": dg.MetadataValue.int(n) for table, n in counts.items()},
        }
    )


@dg.asset(
    deps=["published_warehouse"],
    group_name="warehouse",
    kinds={"html"},
    description=(
        "The quality report: one self-contained HTML file beside the warehouse (report.html; "
        "no server, no network). Overview and trend of check outcomes over runs, each article's "
        "body with every figure highlighted by its verdict (holds, contradicted, held back, "
        "unchecked: view verdicts), derived metrics with their formulas and inputs, and every "
        "check with its failing rows and history. Its metadata counts the figures of each "
        "verdict (figures_holds, ..., figures_unchecked)."
    ),
)
def quality_report(warehouse: Warehouse) -> dg.MaterializeResult:
    with said_plainly(), warehouse.published() as conn:
        tables = report.load(conn)
    page = report.build(tables, registry.CHECKS, dt.datetime.now(dt.UTC), str(warehouse.path))
    path = warehouse.report_path
    write_atomically(path, report.render(page))
    counts = page["counts"]
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "open": dg.MetadataValue.url(path.as_uri()),
            **{name: dg.MetadataValue.int(n) for name, n in counts.items()},
            "summary": dg.MetadataValue.md(
                f"{counts['figures']} figures in {counts['articles']} article(s), "
                f"{counts['derived_metrics']} derived metrics; figures: "
                f"{for_markdown(page['verdicts_said'])}; checks: {counts['checks_passed']} "
                f"passed, {counts['checks_judged_nothing']} judged nothing, "
                f"{counts['checks_warned']} warned, {counts['checks_failed']} failed. Open "
                f"{for_markdown(path)} in a browser."
            ),
        }
    )


article_batches = article_batches_asset()


def reference_file_specs(folder: Path) -> list[dg.AssetSpec]:
    """Each data file of the reference folder as an external asset (read by reference_tables,
    not made by the pipeline), with what its sidecar says of its source as metadata. The folder
    is listed when the code location loads: reload it in the UI to show a new file."""
    files, _ = reference_files(folder)
    specs = []
    for file in files:
        sidecar, problem = read_sidecar(file)
        said = {
            key: str(sidecar[key])
            for key in ("publisher", "url", "retrieved", "licence")
            if sidecar.get(key)
        }
        specs.append(
            dg.AssetSpec(
                ["reference_files", file.reference_id],
                group_name="reference",
                kinds={file.data.suffix.lstrip(".").lower()},
                description=str(sidecar.get("title") or f"{file.data.name}: {problem}"),
                metadata={
                    "path": dg.MetadataValue.path(str(file.data)),
                    **{
                        key: dg.MetadataValue.url(value)
                        if key == "url"
                        else dg.MetadataValue.text(value)
                        for key, value in said.items()
                    },
                },
            )
        )
    return specs


def pipeline_assets(
    partitioned: bool = False, reference_dir: Path | None = None
) -> list[dg.AssetsDefinition | dg.AssetSpec]:
    """Every asset of the pipeline (partitioned: article_batches has the batches as partitions),
    each step keeping in view the latest findings of the checks its failure leaves unevaluated
    (etl.findings); with reference_dir, its files as external assets upstream of
    reference_tables."""
    files = reference_file_specs(reference_dir) if reference_dir else []
    references = dg.map_asset_specs(
        lambda spec: (
            spec.replace_attributes(deps=[*spec.deps, *files])
            if spec.key == dg.AssetKey("reference_tables")
            else spec
        ),
        [reference_tables],
    )[0]
    batches = article_batches_asset(partitioned) if partitioned else article_batches
    steps = (
        batches,
        warehouse_tables,
        references,
        derived_metrics,
        published_warehouse,
        quality_report,
    )
    return [*files, *(asset.with_hooks({keep_latest_findings}) for asset in steps)]


def _judge(
    context: dg.AssetExecutionContext,
    conn: duckdb.DuckDBPyConnection,
    tables: list[str],
    findings: dict[str, list[Finding]],
    policy: QualityPolicy,
) -> Iterator[dg.MaterializeResult]:
    """Evaluate and record each table's checks; yield its materialization with their results."""
    for table in tables:
        outcomes = registry.evaluate(table, findings.get(table, []), conn, policy.sql_parameters())
        record_check_history(conn, registry.history(context.run_id, outcomes))
        for outcome in outcomes:
            if not outcome.passed:
                context.log.warning(
                    f"{outcome.check.name} on {table}: {for_terminal(outcome.summary)}"
                )
        statuses = [outcome.status for outcome in outcomes]
        yield dg.MaterializeResult(
            asset_key=table,
            metadata={
                **table_metadata(conn, table, len(findings.get(table, []))),
                **{
                    f"checks_{s.replace(' ', '_')}": dg.MetadataValue.int(statuses.count(s))
                    for s in CHECK_STATUSES
                },
            },
            check_results=[checks.result(outcome) for outcome in outcomes],
        )
