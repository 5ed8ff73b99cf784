"""Assets: each step reads its inputs, calls the plain functions of core/, stores validated tables
in the staging DuckDB file with what it held back, and judges them with its checks."""

import datetime as dt
from collections.abc import Iterator

import dagster as dg
import duckdb
import pandas as pd

from core import report, sql
from core.explain import explain
from core.findings import Finding
from core.pipeline import articles_from_table, load_articles, load_curation
from core.validate import validate
from core.warehouse import replace_quarantine, replace_table, row_counts, write_atomically
from etl import checks
from etl.metadata import table_metadata
from etl.resources import Corpus, QualityPolicy, Warehouse
from schemas import DerivedMetricModel, QuarantineModel
from schemas.vocab import CHECK_STATUSES

CURATED_TABLES = ("figures", "non_figures", "relations", "mentions")


@dg.asset(
    group_name="sources",
    kinds={"python", "duckdb"},
    check_specs=checks.specs("articles"),
    description=(
        "Articles of the articles folder: YAML front matter (title, outlet, author, url, "
        "published, language) and the verbatim body. Files that do not parse or validate are "
        "held back in `quarantine` with the reason."
    ),
)
def articles(
    context: dg.AssetExecutionContext, corpus: Corpus, warehouse: Warehouse, policy: QualityPolicy
) -> Iterator[dg.MaterializeResult]:
    stage = load_articles(corpus.path)
    with warehouse.staging() as conn:
        _store(conn, stage.tables, stage.findings)
        yield from _judge(context, conn, stage.tables, stage.findings, policy)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "figures",
            deps=["articles"],
            group_name="curation",
            kinds={"pandera", "duckdb"},
            description=(
                "Curated figures from each article's `.figures.yaml`, resolved against the body: "
                "quote to character offsets, line and sentence; the quote's own number read back; "
                "the qualifier turned into an interval. Only rows that pass every check are here."
            ),
        ),
        dg.AssetSpec(
            "non_figures",
            deps=["articles"],
            group_name="curation",
            kinds={"pandera", "duckdb"},
            description=(
                "Numbers in the text that the curator marked as not figures of the article, "
                "with the reason (e.g. the archive's notice 'over 5 years old')."
            ),
        ),
        dg.AssetSpec(
            "relations",
            deps=["figures"],
            group_name="curation",
            kinds={"pandera", "duckdb"},
            description=(
                "Typed relations between figures of one article (part_of, share_of, "
                "percent_change, multiple_of, same_quantity), checked against the figures they "
                "link. Relations to held-back figures are held back with them."
            ),
        ),
        dg.AssetSpec(
            "mentions",
            deps=["figures", "non_figures"],
            group_name="curation",
            kinds={"python", "duckdb"},
            description=(
                "Every number the extractor finds in each article's body (span, value, kind, "
                "hedge), linked to the curated figure or non-figure that covers it; in articles "
                "with no figures file they become unreviewed figures."
            ),
        ),
    ],
    check_specs=[spec for table in CURATED_TABLES for spec in checks.specs(table)],
)
def curated_figures(
    context: dg.AssetExecutionContext, corpus: Corpus, warehouse: Warehouse, policy: QualityPolicy
) -> Iterator[dg.MaterializeResult]:
    with warehouse.staging() as conn:
        stored = articles_from_table(conn.execute("SELECT * FROM articles").df())
        stage = load_curation(stored, corpus.path, policy.approx_tolerance)
        _store(conn, stage.tables, stage.findings)
        sql.install_macros_and_views(conn)
        yield from _judge(context, conn, stage.tables, stage.findings, policy)


@dg.asset(
    deps=["figures", "relations"],
    group_name="metrics",
    kinds={"sql", "duckdb"},
    check_specs=checks.specs("derived_metrics"),
    description=(
        "Metrics derived in SQL (warehouse/derived/*.sql) from the relations: implied baselines "
        "of changes, shares and remainders of wholes, counts implied by shares, and agreement "
        "between statements of one quantity. Intervals are carried through the arithmetic."
    ),
)
def derived_metrics(
    context: dg.AssetExecutionContext, warehouse: Warehouse, policy: QualityPolicy
) -> Iterator[dg.MaterializeResult]:
    with warehouse.staging() as conn:
        sql.install_macros_and_views(conn)
        rows = sql.derive(conn, policy.sql_parameters())
        frame, held_back = validate(
            DerivedMetricModel, rows, "derived_metrics_match_schema", explain
        )
        tables, findings = {"derived_metrics": frame}, {"derived_metrics": held_back}
        _store(conn, tables, findings)
        yield from _judge(context, conn, tables, findings, policy)


@dg.asset(
    deps=["derived_metrics", "non_figures"],
    group_name="warehouse",
    kinds={"duckdb"},
    description=(
        "The DuckDB file users query (ETL_DUCKDB_PATH, default warehouse/figures.duckdb): every "
        "table of the staging file, published as one atomic file replacement after all steps "
        "and checks of the run, so readers never see half a run."
    ),
)
def published_warehouse(warehouse: Warehouse) -> dg.MaterializeResult:
    with warehouse.staging() as conn:
        counts = row_counts(conn)
    warehouse.publish()
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
        "body with every figure highlighted by its worst check status, derived metrics with "
        "their formulas and inputs, and every check with its failing rows and history."
    ),
)
def quality_report(warehouse: Warehouse) -> dg.MaterializeResult:
    with warehouse.published() as conn:
        tables = report.load(conn)
    page = report.build(tables, checks.described(), dt.datetime.now(dt.UTC), str(warehouse.path))
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
                f"{counts['derived_metrics']} derived metrics; checks: "
                f"{counts['checks_passed']} passed, {counts['checks_warned']} warned, "
                f"{counts['checks_failed']} failed. Open `{path}` in a browser."
            ),
        }
    )


def _store(
    conn: duckdb.DuckDBPyConnection,
    tables: dict[str, pd.DataFrame],
    findings: dict[str, list[Finding]],
) -> None:
    """Replace each table, and its rows of `quarantine` with what its step held back."""
    for table, frame in tables.items():
        replace_table(conn, table, frame)
        held_back = [finding.as_row(table) for finding in findings.get(table, [])]
        columns = list(QuarantineModel.to_schema().columns)
        replace_quarantine(
            conn, table, QuarantineModel.validate(pd.DataFrame(held_back, columns=columns))
        )


def _judge(
    context: dg.AssetExecutionContext,
    conn: duckdb.DuckDBPyConnection,
    tables: dict[str, pd.DataFrame],
    findings: dict[str, list[Finding]],
    policy: QualityPolicy,
) -> Iterator[dg.MaterializeResult]:
    """Evaluate and record each table's checks; yield its materialization with their results."""
    for table, frame in tables.items():
        outcomes = checks.evaluate(table, findings.get(table, []), conn, policy.sql_parameters())
        checks.record(conn, context.run_id, outcomes)
        for outcome in outcomes:
            if not outcome.passed:
                context.log.warning(f"{outcome.check.name} on {table}: {outcome.summary}")
        statuses = [outcome.status for outcome in outcomes]
        yield dg.MaterializeResult(
            asset_key=table,
            metadata={
                **table_metadata(table, frame, len(findings.get(table, []))),
                **{f"checks_{s}": dg.MetadataValue.int(statuses.count(s)) for s in CHECK_STATUSES},
            },
            check_results=[outcome.result() for outcome in outcomes],
        )
