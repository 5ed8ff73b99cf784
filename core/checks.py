"""Every check the warehouse asserts, declared once: its name, the asset it judges, how bad a
failure is, what it asserts, and how it is evaluated. Three kinds, each with one home:

- a Pandera **row rule**: a method of the table's model in schemas/, decorated with `row_rule`
  (name, description and the message for a failing row, side by side). Failing rows are held
  back in `quarantine`. Collected here from the models.
- a **SQL** check: one file warehouse/checks/<name>.sql whose header declares `asset`,
  `severity`, `description` and `judges` (what it judges, and the rows that are those items);
  the query returns the failing rows. Collected here from the folder: adding the file is all it
  takes.
- a **Python** check: findings made by a function of core/ while it reads, resolves or
  validates the inputs (a file over the size limit, a relation that forms a cycle; and each
  table's `<table>_match_schema`). Declared below, with the module that makes its findings;
  that module names the check by the constant declared here, never by a string.

The Dagster layer (etl/checks.py) turns each into an asset check; the outcomes are computed
here (`evaluate`), so what a failure means is decided in one place. An outcome counts the items
its check judged: a check that judged none did not pass, it judged nothing (status
`judged nothing`), and says what was missing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from core import sql
from core.findings import Finding
from schemas import TABLES
from schemas._checks import rule_of

ERROR, WARN = "ERROR", "WARN"  # Dagster's names of the severities, as check_history stores them
JUDGED_NOTHING = "judged nothing"  # the status of a check that found no item to judge
SAMPLE_SIZE = 20  # failing rows kept with an outcome (metadata, check_history.details)
HELD_BACK = " Failing rows are held back in `quarantine`, so they never reach the queried tables."


@dataclass(frozen=True)
class Check:
    """A property of one asset: what it asserts, how bad its failure is (unless a failing row
    says otherwise), how it is evaluated, and which rules' findings count against it."""

    name: str
    asset: str
    description: str
    severity: str = ERROR
    evaluated_by: str = "python"  # "row rule", "sql" or "python"
    where: str = ""  # the file that evaluates it: a model, a SQL file, a module of core/
    blocking: bool = False  # a failure stops the warehouse from being published
    folded: tuple[str, ...] = ()  # row rules that are no check of their own but count here
    # What it judges, in words ("part_of relations"), and the rows that are those items (a FROM
    # clause: "part_whole_comparisons()"); by default the rows of its table, kept or held back
    judges: str = ""
    judged_from: str = ""

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules whose findings count against the check: its own, and those folded in."""
        return (self.name, *self.folded)

    @property
    def items(self) -> str:
        """What the check judges, in words."""
        return self.judges or f"rows of {self.asset} (kept or held back)"

    def count_judged(self, conn: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> int:
        """How many items the check judges in the file: the rows its `judged_from` names, or
        the rows of its table and those its step held back."""
        if self.judged_from:
            text = f"SELECT count(*) AS n FROM {self.judged_from}"  # from our own SQL file
            return int(sql.run_text(conn, text, params, self.where)["n"].iloc[0])
        (n,) = conn.execute(
            f"SELECT (SELECT count(*) FROM {self.asset}) "
            "+ (SELECT count(*) FROM quarantine WHERE stage = ?)",
            [self.asset],
        ).fetchone()
        return n


def _python(name: str, asset: str, where: str, description: str, **more: Any) -> Check:
    return Check(name, asset, description, evaluated_by="python", where=where, **more)


# Python checks: the findings of each are made in its `where`, which imports its constant.
ARTICLES_MATCH_SCHEMA = _python(
    "articles_match_schema",
    "articles",
    "core/parse.py",
    "Every article file is UTF-8 text (not binary) with YAML front matter (title, outlet, "
    "published, language; author, url and notes optional) and its row passes the Pandera "
    "ArticleModel; one file per article id." + HELD_BACK,
)
FILES_WITHIN_SIZE_LIMIT = _python(
    "input_files_are_within_size_limit",
    "articles",
    "core/folder.py",
    "No article or figures file is larger than ETL_MAX_FILE_BYTES (default 5,000,000): a "
    "larger one is held back from its size alone, never read." + HELD_BACK,
)
FILES_INSIDE_THE_FOLDER = _python(
    "input_files_stay_inside_the_folder",
    "articles",
    "core/folder.py",
    "No input is a symbolic link to a file outside the articles folder: such a link is held "
    "back without its target being read (links to files inside the folder are followed)."
    + HELD_BACK,
)
FILES_ARE_ARTICLES_OR_FIGURES = _python(
    "input_files_are_articles_or_figures",
    "articles",
    "core/folder.py",
    "Every entry of the articles folder (hidden ones excepted) is a file named as an "
    "article (.md, .txt) or a figures file (.figures.yaml) whose name is UTF-8: any other "
    "file, a subfolder, a broken link is reported here, never silently ignored." + HELD_BACK,
)
FIGURES_MATCH_SCHEMA = _python(
    "figures_match_schema",
    "figures",
    "core/resolve.py",
    "Every curated figure has the keys of a figure and passes the Pandera FigureModel, run "
    "lazily: its failure cases (types, missing values, allowed values, patterns) are in this "
    "check's metadata; failures of the rules below count against those checks." + HELD_BACK,
)
FIGURES_FILES_HAVE_THEIR_ARTICLE = _python(
    "figures_files_have_their_article",
    "figures",
    "core/pipeline.py",
    "Every figures file has its article beside it (<name>.figures.yaml beside <name>.md or "
    "<name>.txt), read and validated: otherwise its figures cannot be resolved against a "
    "text, and the file is held back whole." + HELD_BACK,
)
NON_FIGURES_MATCH_SCHEMA = _python(
    "non_figures_match_schema",
    "non_figures",
    "core/resolve.py",
    "Every entry of not_figures has a quote and a reason and passes the Pandera "
    "NonFigureModel." + HELD_BACK,
)
RELATIONS_MATCH_SCHEMA = _python(
    "relations_match_schema",
    "relations",
    "core/relations.py",
    "Every relation has id, type, subject and object and passes the Pandera RelationModel."
    + HELD_BACK,
)
RELATIONS_REFER_TO_VALID_FIGURES = _python(
    "relations_refer_to_valid_figures",
    "relations",
    "core/relations.py",
    "Both figures of a relation (and its stated baseline, `from`) exist in its article and "
    "passed their own checks; a relation to a quarantined figure is held back with it." + HELD_BACK,
)
RELATIONS_FIT_FIGURE_KINDS = _python(
    "relations_fit_figure_kinds",
    "relations",
    "core/relations.py",
    "Each relation links figures of fitting kinds: a percent_change has a percent subject, a "
    "multiple_of a multiplier, a share_of a ratio or percent; part_of and same_quantity link "
    "figures of one kind; a change's stated baseline (`from`) is a third figure of the kind of "
    "the value after the change." + HELD_BACK,
)
RELATIONS_DO_NOT_FORM_CYCLES = _python(
    "relations_do_not_form_cycles",
    "relations",
    "core/relations.py",
    "The directed relations of an article (part_of, share_of, percent_change, multiple_of) "
    "form no cycle: 'a part_of b' and 'b part_of a' would make a figure a part of itself. "
    "Every relation of a cycle is held back, with the cycle in its message." + HELD_BACK,
)
MENTIONS_MATCH_SCHEMA = _python(
    "mentions_match_schema",
    "mentions",
    "core/curation.py",
    "Every extracted mention passes the Pandera MentionModel, and every number of a body is "
    "one a DOUBLE holds (a number of more than 308 digits is held back at its line)." + HELD_BACK,
)
DERIVED_METRICS_MATCH_SCHEMA = _python(
    "derived_metrics_match_schema",
    "derived_metrics",
    "core/derivation.py",
    "Every derived metric has the columns, types and allowed values of the Pandera "
    "DerivedMetricModel. Blocking: a failure here is a fault that no row's figures explain (a "
    "metric or severity outside its vocabulary, a missing text, a missing or mistyped column): "
    "a SQL model is wrong, so the warehouse is not published from this run. A row whose own "
    "numbers break a rule (derived_metrics_are_numbers, intervals_contain_values, "
    "shares_lie_in_unit_interval) is held back and blocks nothing.",
    blocking=True,
)
DERIVED_METRICS_ARE_NUMBERS = _python(
    "derived_metrics_are_numbers",
    "derived_metrics",
    "core/derivation.py",
    "Every derived metric's value, lower and upper bound are numbers (an unbounded side is inf "
    "or -inf): a row whose arithmetic gives NaN (not a number) or nothing is held back with its "
    "article, its metric and the numbers found, and the other rows and articles are published."
    + HELD_BACK,
)
REFERENCE_FILES_ARE_READABLE = _python(
    "reference_files_are_readable",
    "reference_values",
    "core/reference.py",
    "Every file of the reference folder is a data file (CSV with a header line, or Parquet) "
    "with its YAML sidecar (title, publisher, retrieved, licence, and columns naming what, "
    "period, value and unit), and each data row has a number for its value and an ISO 8601 "
    "period: a file or row that cannot be read is held back with its file, line, what was "
    "expected and what was found, and so are a symbolic link out of the folder (its target "
    "unread) and a sidecar over 100,000 bytes; the other rows and files are loaded." + HELD_BACK,
)
REFERENCE_VALUES_MATCH_SCHEMA = _python(
    "reference_values_match_schema",
    "reference_values",
    "core/reference.py",
    "Every reference row read passes the Pandera ReferenceValueModel (a measure id that is a "
    "slug, a unit, a text of what it counts, a row id once)." + HELD_BACK,
)
PYTHON_CHECKS = (
    ARTICLES_MATCH_SCHEMA,
    FILES_WITHIN_SIZE_LIMIT,
    FILES_INSIDE_THE_FOLDER,
    FILES_ARE_ARTICLES_OR_FIGURES,
    FIGURES_MATCH_SCHEMA,
    FIGURES_FILES_HAVE_THEIR_ARTICLE,
    NON_FIGURES_MATCH_SCHEMA,
    RELATIONS_MATCH_SCHEMA,
    RELATIONS_REFER_TO_VALID_FIGURES,
    RELATIONS_FIT_FIGURE_KINDS,
    RELATIONS_DO_NOT_FORM_CYCLES,
    MENTIONS_MATCH_SCHEMA,
    DERIVED_METRICS_MATCH_SCHEMA,
    DERIVED_METRICS_ARE_NUMBERS,
    REFERENCE_FILES_ARE_READABLE,
    REFERENCE_VALUES_MATCH_SCHEMA,
)
# Findings made about whole files before they are read: held back by the step that reads the
# folder (stage `articles`), whatever the file was meant for
FILE_CHECKS = (FILES_WITHIN_SIZE_LIMIT, FILES_INSIDE_THE_FOLDER, FILES_ARE_ARTICLES_OR_FIGURES)


def schema_check(table: str) -> Check:
    """The `<table>_match_schema` check: findings of the table's model that name no check of
    their own (types, missing values, allowed values, row rules declared `own_check=False`)."""
    return next(check for check in PYTHON_CHECKS if check.name == f"{table}_match_schema")


def row_rule_checks() -> list[Check]:
    """A check for each row rule of the models that is a check of its own."""
    found = []
    for table, model in TABLES.items():
        for rule in model.to_schema().checks:
            if rule_of(model, rule.name).own_check:
                where = f"schemas/{table}.py"
                found.append(
                    Check(rule.name, table, rule.description + HELD_BACK, ERROR, "row rule", where)
                )
    return found


HEADER_LINE = re.compile(r"-- (?P<key>[a-z]+): (?P<value>.*)")
HEADER_KEYS = {"asset", "severity", "description", "judges"}
JUDGES = re.compile(r"(?P<items>\S.*?) FROM (?P<rows>[a-z_]+(?:\(.*\))?(?: .*)?)")


def sql_checks(folder: Path | None = None) -> list[Check]:
    """A check for each file of warehouse/checks/, from its header: `-- asset: <table>`,
    `-- severity: error|warn`, `-- description: ...` and `-- judges: <items> FROM <rows>` (what
    the check judges, in words, and a FROM clause whose rows are those items: "part_of relations
    FROM part_whole_comparisons()"), each continued on lines indented further, ended by a bare
    `--` line."""
    return [_sql_check(path) for path in sorted((folder or sql.SQL_DIR / "checks").glob("*.sql"))]


def _sql_check(path: Path) -> Check:
    fields: dict[str, str] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER_LINE.fullmatch(line)
        if match and match["key"] in HEADER_KEYS:
            key = match["key"]
            fields[key] = match["value"].strip()
        elif key and line.startswith("--  "):
            fields[key] += " " + line[2:].strip()
        else:
            break
    missing = sorted({"asset", "description", "judges"} - set(fields))
    severity = fields.get("severity", "error").upper()
    judges = JUDGES.fullmatch(fields.get("judges", ""))
    if missing or severity not in (ERROR, WARN) or fields.get("asset") not in TABLES or not judges:
        raise ValueError(
            f"{path}: the header must declare '-- asset: <table>' (one of {', '.join(TABLES)}), "
            "'-- severity: error' or 'warn', '-- description: ...' and '-- judges: <what, in "
            "words> FROM <the rows that are those items>', then a bare '--' line; "
            f"found {fields or 'no header'}"
        )
    where = f"warehouse/checks/{path.name}"
    return Check(
        path.stem,
        fields["asset"],
        fields["description"],
        severity,
        "sql",
        where,
        judges=judges["items"],
        judged_from=judges["rows"],
    )


def registry() -> tuple[Check, ...]:
    """Every check, by asset in the order of the tables, each asset's Python checks first, then
    its row rules and its SQL checks. Folded row rules count against the schema check."""
    folded = {
        table: tuple(
            rule.name
            for rule in model.to_schema().checks
            if not rule_of(model, rule.name).own_check
        )
        for table, model in TABLES.items()
    }
    python = [
        replace(check, folded=folded[check.asset])
        if check.name == f"{check.asset}_match_schema"
        else check
        for check in PYTHON_CHECKS
    ]
    every = python + row_rule_checks() + sql_checks()
    order = list(TABLES)
    return tuple(sorted(every, key=lambda check: order.index(check.asset)))


CHECKS = registry()


def of_asset(asset: str) -> list[Check]:
    """The checks of one asset."""
    return [check for check in CHECKS if check.asset == asset]


@dataclass(frozen=True)
class Outcome:
    """One evaluation of one check: how many items it judged, its failing rows and the
    severity they earn."""

    check: Check
    judged: int
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def severity(self) -> str:
        """ERROR when any failing row says error; WARN when every one says warn; else the
        check's own severity."""
        severities = {failure.get("severity") for failure in self.failures}
        if "error" in severities:
            return ERROR
        if severities == {"warn"}:
            return WARN
        return self.check.severity

    @property
    def status(self) -> str:
        if self.passed:
            return "passed" if self.judged else JUDGED_NOTHING
        return "warned" if self.severity == WARN else "failed"

    @property
    def summary(self) -> str:
        if self.passed and not self.judged:
            return f"{JUDGED_NOTHING}: no {self.check.items}"
        if self.passed:
            return f"passed: {self.judged} {self.check.items} judged"
        first = self.failures[0]
        more = f" (and {len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
        return f"{len(self.failures)} failing: {_where(first)}{first['message']}{more}"

    @property
    def sample(self) -> list[dict[str, Any]]:
        """The first failing rows, as kept in metadata and check_history."""
        return self.failures[:SAMPLE_SIZE]

    def history_row(self, run_id: str, evaluated_at: dt.datetime) -> dict[str, Any]:
        return {
            "run_id": run_id,
            "evaluated_at": evaluated_at,
            "asset": self.check.asset,
            "check_name": self.check.name,
            "status": self.status,
            "severity": self.severity,
            "failing_rows": len(self.failures),
            "judged": self.judged,
            "summary": self.summary,
            "details": json.dumps(self.sample, default=str),
        }


def evaluate(
    asset: str,
    findings: Sequence[Finding],
    conn: duckdb.DuckDBPyConnection,
    params: dict[str, Any],
) -> list[Outcome]:
    """Evaluate every check of asset: a SQL check by its query; any other from the findings its
    step made (held back in quarantine). Each finding counts against the check of its rule; a
    finding whose rule no check of the asset declares, against the asset's schema check."""
    own = of_asset(asset)
    declared = {rule for check in own for rule in check.rules}
    outcomes = []
    for check in own:
        if check.evaluated_by == "sql":
            rows = sql.check_query(conn, check.name, params)
            failures = rows.astype(object).where(rows.notna(), None).to_dict("records")
        else:
            catch_all = check.name == f"{asset}_match_schema"
            failures = [
                _failure(f)
                for f in findings
                if f.rule in check.rules or (catch_all and f.rule not in declared)
            ]
        outcomes.append(Outcome(check, check.count_judged(conn, params), failures))
    return outcomes


def history(run_id: str, outcomes: Sequence[Outcome]) -> pd.DataFrame:
    """The outcomes as rows of `check_history`, evaluated now."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return pd.DataFrame([outcome.history_row(run_id, now) for outcome in outcomes])


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


def reference() -> str:
    """Every check as a Markdown table: name, asset, severity, kind, what it judges, what it
    asserts."""
    rows = [
        f"| `{check.name}` | {check.asset} | {check.severity}"
        f"{', blocking' if check.blocking else ''} | {check.evaluated_by} (`{check.where}`) "
        f"| {check.items} | {check.description} |"
        for check in CHECKS
    ]
    return (
        "| check | asset | severity | evaluated by | judges | asserts |\n"
        "|---|---|---|---|---|---|\n" + "\n".join(rows)
    )
