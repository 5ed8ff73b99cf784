"""Asset checks: one per property the warehouse asserts, each named for that property.

Checks are evaluated inside the step that builds their asset (as the asset's check_specs), so that
every evaluation is also appended to the `check_history` table before the warehouse is published.
Row rules come from the Pandera models (the failures are already held back in `quarantine`);
cross-row rules are SQL queries in warehouse/checks/<check name>.sql that return failing rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dagster as dg
import duckdb
import pandas as pd

from core import report, sql, tables
from core.findings import Finding

ERROR = dg.AssetCheckSeverity.ERROR
WARN = dg.AssetCheckSeverity.WARN
SAMPLE_SIZE = 20


@dataclass(frozen=True)
class Check:
    """A property of one asset, how bad its failure is, and where its failing rows come from."""

    name: str
    asset: str
    description: str
    severity: dg.AssetCheckSeverity = ERROR
    from_sql: bool = False  # failing rows come from warehouse/checks/<name>.sql
    blocking: bool = False

    def spec(self) -> dg.AssetCheckSpec:
        return dg.AssetCheckSpec(
            self.name, asset=self.asset, description=self.description, blocking=self.blocking
        )


HELD_BACK = " Failing rows are held back in `quarantine`, so they never reach the queried tables."
CHECKS: tuple[Check, ...] = (
    Check(
        "every_input_file_is_accounted_for",
        "sources",
        "Nothing the folder scan saw is silently dropped: every input file (every row of "
        "sources) is loaded, an article file into articles, a figures file read for its "
        "article, or has a row in `quarantine` naming it; and every article comes from a file "
        "of sources. Hidden entries (names starting with '.') are not inputs.",
        from_sql=True,
    ),
    Check(
        "every_curated_entry_is_accounted_for",
        "sources",
        "Nothing a figures file lists is silently dropped: the entries counted when the file "
        "was read (sources.entries: figures, relations, not_figures) equal the rows of figures, "
        "relations and non_figures from that file plus the entries held back in `quarantine`.",
        from_sql=True,
    ),
    Check(
        "articles_match_schema",
        "articles",
        "Every article file is UTF-8 text (not binary) with YAML front matter (title, outlet, "
        "published, language; author, url and notes optional) and its row passes the Pandera "
        "ArticleModel; one file per article id." + HELD_BACK,
    ),
    Check(
        "input_files_are_within_size_limit",
        "articles",
        "No article or figures file is larger than ETL_MAX_FILE_BYTES (default 5,000,000): a "
        "larger one is held back from its size alone, never read." + HELD_BACK,
    ),
    Check(
        "input_files_stay_inside_the_folder",
        "articles",
        "No input is a symbolic link to a file outside the articles folder: such a link is held "
        "back without its target being read (links to files inside the folder are followed)."
        + HELD_BACK,
    ),
    Check(
        "input_files_are_articles_or_figures",
        "articles",
        "Every entry of the articles folder (hidden ones excepted) is a file named as an "
        "article (.md, .txt) or a figures file (.figures.yaml) whose name is UTF-8: any other "
        "file, a subfolder, a broken link is reported here, never silently ignored." + HELD_BACK,
    ),
    Check(
        "articles_are_not_duplicated",
        "articles",
        "No two article files have the same body (SHA-256): one article saved under two names, "
        "or one story run by two outlets. Both stay in the tables, each flagged naming the other "
        "(batches are read apart, so neither can be preferred when read): delete the copy, or "
        "keep both when the outlets differ.",
        severity=WARN,
        from_sql=True,
    ),
    Check(
        "figures_match_schema",
        "figures",
        "Every curated figure has the keys of a figure and passes the Pandera FigureModel, run "
        "lazily: its failure cases (types, missing values, allowed values, patterns) are in this "
        "check's metadata; failures of the rules below count against those checks." + HELD_BACK,
    ),
    Check(
        "figure_quotes_occur_in_text",
        "figures",
        "Each figure's quote is found verbatim in its article's body, at the given occurrence."
        + HELD_BACK,
    ),
    Check(
        "quoted_numbers_equal_values",
        "figures",
        "The number written in each quote ('Four hundred', 'one fifth', '1,200') equals the "
        "figure's recorded value." + HELD_BACK,
    ),
    Check("counts_are_not_negative", "figures", "No figure of kind count is negative." + HELD_BACK),
    Check(
        "shares_lie_in_unit_interval",
        "figures",
        "Every figure of kind ratio (a share such as 'one fifth') lies in [0, 1]." + HELD_BACK,
    ),
    Check(
        "intervals_contain_values",
        "figures",
        "Every figure lies inside the interval its qualifier gives it." + HELD_BACK,
    ),
    Check(
        "figure_ids_are_unique",
        "figures",
        "No figure id is used twice in one article." + HELD_BACK,
    ),
    Check(
        "sources_agree_on_shared_measures",
        "figures",
        "Figures that name one shared measure (measure_id) in different articles agree, judged "
        "by the agreement policy with the agreement tolerance: values whose relative gap is "
        "within the tolerance agree; values that differ more but whose intervals overlap count "
        "as agreeing too (the hedges allow both); ERROR for each pair whose intervals do not "
        "overlap, named by the later source's figure, with both outlets, dates, quotes, values "
        "and the gap. The figures stay in the tables: this is a finding about the sources, not "
        "a broken row.",
        from_sql=True,
    ),
    Check(
        "shared_measures_are_defined_alike",
        "figures",
        "Figures that name one shared measure (measure_id) state it as the same kind and in the "
        "same unit; a pair that does not (a percent and a multiplier, say) cannot be compared "
        "by sources_agree_on_shared_measures, so it is listed here with a WARN.",
        severity=WARN,
        from_sql=True,
    ),
    Check(
        "figures_files_have_their_article",
        "figures",
        "Every figures file has its article beside it (<name>.figures.yaml beside <name>.md or "
        "<name>.txt), read and validated: otherwise its figures cannot be resolved against a "
        "text, and the file is held back whole." + HELD_BACK,
    ),
    Check(
        "non_figures_match_schema",
        "non_figures",
        "Every entry of not_figures has a quote and a reason and passes the Pandera "
        "NonFigureModel." + HELD_BACK,
    ),
    Check(
        "figure_quotes_occur_in_text",
        "non_figures",
        "Each non-figure's quote is found verbatim in its article's body." + HELD_BACK,
    ),
    Check(
        "relations_match_schema",
        "relations",
        "Every relation has id, type, subject and object and passes the Pandera RelationModel."
        + HELD_BACK,
    ),
    Check(
        "relations_refer_to_valid_figures",
        "relations",
        "Both figures of a relation exist in its article and passed their own checks; a relation "
        "to a quarantined figure is held back with it." + HELD_BACK,
    ),
    Check(
        "relations_fit_figure_kinds",
        "relations",
        "Each relation links figures of fitting kinds: a percent_change has a percent subject, a "
        "multiple_of a multiplier, a share_of a ratio or percent; part_of and same_quantity link "
        "figures of one kind." + HELD_BACK,
    ),
    Check(
        "relations_link_two_figures",
        "relations",
        "No relation links a figure to itself." + HELD_BACK,
    ),
    Check(
        "relations_do_not_form_cycles",
        "relations",
        "The directed relations of an article (part_of, share_of, percent_change, multiple_of) "
        "form no cycle: 'a part_of b' and 'b part_of a' would make a figure a part of itself. "
        "Every relation of a cycle is held back, with the cycle in its message." + HELD_BACK,
    ),
    Check("relation_ids_are_unique", "relations", "No relation id is used twice in one article."),
    Check(
        "parts_do_not_exceed_wholes",
        "relations",
        "In every part_of relation the part is at most the whole. ERROR when even the intervals "
        "cannot fit, WARN when only the values do not. The figures stay in the tables: this is "
        "a finding about the article, not a broken row.",
        from_sql=True,
    ),
    Check(
        "mentions_match_schema",
        "mentions",
        "Every extracted mention passes the Pandera MentionModel.",
    ),
    Check(
        "extracted_mentions_are_covered",
        "mentions",
        "In a curated article every number the extractor finds is either a curated figure or "
        "listed under not_figures: an uncovered one is a figure the curator may have missed. "
        "Years, dates and ordinals are only classified and need no cover.",
        severity=WARN,
        from_sql=True,
    ),
    Check(
        "derived_metrics_match_schema",
        "derived_metrics",
        "Every derived metric has the columns, types and allowed values of the Pandera "
        "DerivedMetricModel. Blocking: a failure means a SQL model is wrong, so the warehouse is "
        "not published from this run.",
        blocking=True,
    ),
    Check(
        "shares_lie_in_unit_interval",
        "derived_metrics",
        "Every derived share of a whole lies in [0, 1] (a part larger than its whole gives none)."
        + HELD_BACK,
    ),
    Check(
        "intervals_contain_values",
        "derived_metrics",
        "Every derived metric lies inside the interval computed for it." + HELD_BACK,
    ),
    Check(
        "same_quantity_figures_agree",
        "derived_metrics",
        "Figures linked as the same quantity agree: WARN when their values differ beyond the "
        "agreement tolerance but their intervals overlap, ERROR when the intervals do not.",
        from_sql=True,
    ),
    Check(
        "change_statements_agree",
        "derived_metrics",
        "Two statements of one change (a multiplier such as 'twice as many' and a percent change "
        "such as '116 percent') give the same growth factor: WARN when they differ beyond the "
        "agreement tolerance but their intervals overlap, ERROR when the intervals do not.",
        severity=WARN,
        from_sql=True,
    ),
)


def described() -> list[report.CheckInfo]:
    """Every check as the quality report describes it."""
    return [
        report.CheckInfo(check.name, check.asset, check.description, check.severity.value)
        for check in CHECKS
    ]


def specs(asset: str) -> list[dg.AssetCheckSpec]:
    """The check specs of one asset."""
    return [check.spec() for check in CHECKS if check.asset == asset]


@dataclass(frozen=True)
class Outcome:
    """One evaluation of one check: its failing rows and the severity they earn."""

    check: Check
    failures: list[dict[str, Any]]

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def severity(self) -> dg.AssetCheckSeverity:
        severities = {failure.get("severity") for failure in self.failures}
        if "error" in severities:
            return ERROR
        if severities == {"warn"}:
            return WARN
        return self.check.severity

    @property
    def status(self) -> str:
        if self.passed:
            return "passed"
        return "warned" if self.severity == WARN else "failed"

    @property
    def summary(self) -> str:
        if self.passed:
            return "passed"
        first = self.failures[0]
        more = f" (and {len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
        return f"{len(self.failures)} failing: {_where(first)}{first['message']}{more}"

    def result(self) -> dg.AssetCheckResult:
        sample = self.failures[:SAMPLE_SIZE]
        metadata: dict[str, Any] = {"failing_rows": dg.MetadataValue.int(len(self.failures))}
        if sample:
            metadata["failing_items"] = dg.MetadataValue.text(
                ", ".join(f"{f.get('article_id')}/{f.get('item_id') or '-'}" for f in sample)
            )
            metadata["failures"] = dg.MetadataValue.md(_markdown(sample))
            metadata["failure_cases"] = dg.MetadataValue.json(sample)
        return dg.AssetCheckResult(
            asset_key=self.check.asset,
            check_name=self.check.name,
            passed=self.passed,
            severity=self.severity,
            metadata=metadata,
            description=self.summary,
        )

    def history_row(self, run_id: str, evaluated_at: dt.datetime) -> dict[str, Any]:
        return {
            "run_id": run_id,
            "evaluated_at": evaluated_at,
            "asset": self.check.asset,
            "check_name": self.check.name,
            "status": self.status,
            "severity": self.severity.value,
            "failing_rows": len(self.failures),
            "summary": self.summary,
            "details": json.dumps(self.failures[:SAMPLE_SIZE], default=str),
        }


def evaluate(
    asset: str,
    findings: Sequence[Finding],
    conn: duckdb.DuckDBPyConnection,
    params: dict[str, Any],
) -> list[Outcome]:
    """Evaluate every check of asset from the findings its step made and its SQL check queries.

    Each finding counts against the check named for its rule; a finding of a rule that has no
    check of its own (a type, a missing value, a pattern) against the asset's `*_match_schema`.
    """
    own = [check for check in CHECKS if check.asset == asset]
    named = {check.name for check in own}
    outcomes = []
    for check in own:
        if check.from_sql:
            rows = sql.check_query(conn, check.name, params)
            failures = rows.astype(object).where(rows.notna(), None).to_dict("records")
        else:
            schema_check = check.name == f"{asset}_match_schema"
            failures = [
                _failure(f)
                for f in findings
                if f.rule == check.name or (schema_check and f.rule not in named)
            ]
        outcomes.append(Outcome(check, failures))
    return outcomes


def record(conn: duckdb.DuckDBPyConnection, run_id: str, outcomes: Sequence[Outcome]) -> None:
    """Append the outcomes to `check_history`, replacing any earlier try of the same run's step."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for outcome in outcomes:
        conn.execute(
            "DELETE FROM check_history WHERE run_id = ? AND asset = ? AND check_name = ?",
            [run_id, outcome.check.asset, outcome.check.name],
        )
    tables.append_rows(
        conn, "check_history", pd.DataFrame([o.history_row(run_id, now) for o in outcomes])
    )


def _failure(finding: Finding) -> dict[str, Any]:
    return {
        "article_id": finding.article_id,
        "item_id": finding.item_id,
        "quote": finding.quote,
        "expected": finding.expected,
        "found": finding.found,
        "message": finding.message,
        "rule": finding.rule,
        "source_file": finding.source_file,
        "line": finding.line,
    }


def _where(failure: dict[str, Any]) -> str:
    if failure.get("source_file"):
        line = f":{failure['line']}" if failure.get("line") else ""
        return f"{failure['source_file']}{line}: "
    return f"{failure.get('article_id')}: " if failure.get("article_id") else ""


def _markdown(failures: list[dict[str, Any]]) -> str:
    columns = ["article_id", "item_id", "quote", "expected", "found", "message"]
    frame = pd.DataFrame(failures).reindex(columns=columns)
    return frame.fillna("").to_markdown(index=False)
