"""Derived metrics, computed incrementally: which articles a derived table (derived_metrics,
computed per article) must be computed again for, computing and validating their rows, storing
them, and whether the table lags the batch tables of the staging file (it is then not
published)."""

from __future__ import annotations

import hashlib
import json

import duckdb
import pandas as pd

from core import sql
from core.change_matching import match_changes
from core.checks import DERIVED_METRICS_ARE_NUMBERS, DERIVED_METRICS_MATCH_SCHEMA
from core.derived_matching import match_baselines
from core.findings import Finding
from core.matching import distinct_sides, match_figures
from core.proposals import propose_shared_measures
from core.share_matching import match_shares
from core.sides import Sides, among, stacked
from core.tables import (
    ASSEMBLED,
    COMPARISONS,
    DERIVED_FROM,
    MATCHED,
    TO_DERIVE,
    create_table,
    describe_internal,
    insert_rows,
    table_exists,
    transaction,
)
from core.validate import quarantine_rows, validate
from schemas import DerivedMetricModel, MeasureProposalModel, ReferenceMatchModel


def derive_metrics(
    conn: duckdb.DuckDBPyConnection, params: dict[str, float], settings: dict[str, str]
) -> list[str] | None:
    """Compute the derived metrics (warehouse/derived/*.sql) of the articles gathered again since
    they were last computed with these settings and code (`articles_to_derive`), validate them
    against DerivedMetricModel and store them with the rows held back (`replace_derived`). A
    row that breaks a rule is held back with its article, whatever the rule: only a fault of the
    table itself (a missing column, a value outside a vocabulary: derived_metrics_match_schema)
    blocks publication. Then judge every figure (`sql.judge`: its verdict, which a change of
    another article can change too), storing the comparisons it was judged from
    (`_figure_comparisons`, which the report reads). The articles computed again; None when every
    article was."""
    sql.install_macros_and_views(conn, params)
    articles = articles_to_derive(conn, "derived_metrics", settings)
    rows, not_numbers = numbers_only(sql.derive(conn, params, articles))
    frame, invalid = validate(DerivedMetricModel, rows, DERIVED_METRICS_MATCH_SCHEMA.name)
    held_back = quarantine_rows({"derived_metrics": not_numbers + invalid})
    replace_derived(conn, "derived_metrics", frame, held_back, articles, settings)
    figures = conn.execute(FIGURE_SIDES).df()
    sides = distinct_sides(figures)  # once, for matching and proposals
    match_references(conn, articles, figures, sides)
    frame = MeasureProposalModel.validate(propose_shared_measures(figures, sides))
    del figures, sides  # every figure of the warehouse: not held while the figures are judged
    with transaction(conn):  # every figure each run: an article added changes others' groups
        create_table(conn, "measure_proposals")
        insert_rows(conn, "measure_proposals", frame)
    with transaction(conn):
        sql.judge(conn)
        describe_internal(conn, COMPARISONS)
    return articles


FIGURE_SIDES = (
    "SELECT f.article_id, f.figure_id, f.start, f.quote, f.sentence, f.kind, f.unit, f.measure_id, "
    "f.measure_what, "
    "f.measure_of_whom, f.measure_where, f.measure_period, a.published_earliest, "
    "a.published_latest FROM figures AS f JOIN articles AS a ON a.article_id = f.article_id"
)
# The relations in use, each with the baseline it implies (derived metric), if any
RELATIONS = (
    "SELECT r.article_id, r.type, r.subject_id, r.object_id, r.origin, r.base_ambiguous, "
    "d.metric_id FROM relations AS r LEFT JOIN derived_metrics AS d ON d.article_id = "
    "r.article_id AND d.relation_id = r.relation_id AND d.metric = 'implied_baseline' "
    "WHERE r.origin <> 'suggested'"
)


def match_references(
    conn: duckdb.DuckDBPyConnection,
    articles: list[str] | None,
    figures: pd.DataFrame,
    sides: Sides,
) -> None:
    """Bring `reference_matches` up to date (core.matching.match_figures): every figure with every
    reference value when articles is None; else the figures of those articles with every value,
    and every figure with the values of the reference tables read again since the last matching
    (by their SHA-256), in one transaction. figures: every figure (FIGURE_SIDES), sides: theirs
    (core.matching.distinct_sides)."""
    conn.execute(f"CREATE TABLE IF NOT EXISTS {MATCHED} (reference_id VARCHAR, sha256 VARCHAR)")
    changed = [
        ref
        for (ref,) in conn.execute(
            f"SELECT reference_id FROM (SELECT reference_id, sha256 FROM reference_tables "
            f"EXCEPT SELECT reference_id, sha256 FROM {MATCHED}) UNION "
            f"SELECT reference_id FROM (SELECT reference_id, sha256 FROM {MATCHED} "
            "EXCEPT SELECT reference_id, sha256 FROM reference_tables)"
        ).fetchall()
    ]
    values = conn.execute("SELECT * FROM reference_values").df()
    relations = conn.execute(RELATIONS).df()
    if articles is None:
        matches = _matches(figures, sides, values, relations)
    else:
        again = values[values["reference_id"].isin(changed)]
        of_articles = figures["article_id"].isin(articles).to_numpy()
        matches = stacked(
            [
                _matches(figures[of_articles], among(sides, of_articles), values, relations),
                _matches(figures[~of_articles], among(sides, ~of_articles), again, relations),
            ]
        )
    frame = ReferenceMatchModel.validate(matches)  # made by our code: a failure is a fault
    with transaction(conn):
        if articles is None:
            conn.execute("DELETE FROM reference_matches")
        else:
            conn.execute(
                "DELETE FROM reference_matches WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
                "OR reference_id IN (SELECT unnest(?::VARCHAR[]))",
                [articles, changed],
            )
        insert_rows(conn, "reference_matches", frame)
        conn.execute(f"DELETE FROM {MATCHED}")
        conn.execute(f"INSERT INTO {MATCHED} SELECT reference_id, sha256 FROM reference_tables")
        describe_internal(conn, MATCHED)


def _matches(
    figures: pd.DataFrame, sides: Sides, values: pd.DataFrame, relations: pd.DataFrame
) -> pd.DataFrame:
    """Figures (with their sides) matched with reference values: values they state, changes they
    state, and through their relations, shares (a part's and a whole's row) and implied baselines
    (derived)."""
    figures = figures.reset_index(drop=True)
    found = stacked([match(figures, values, sides) for match in (match_figures, match_changes)])
    through = [
        match(figures, values, found, relations) for match in (match_shares, match_baselines)
    ]
    frame = stacked([found, *through])
    return frame.reindex(columns=list(ReferenceMatchModel.to_schema().columns))


NUMBERS = ("value", "lower", "upper")  # what a row's arithmetic makes from its figures


def numbers_only(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """Split off the derived rows whose value, lower or upper bound is not a number (NaN, or
    missing): a finding of derived_metrics_are_numbers for each, naming the article, the metric
    and what its computation gave. A column that holds no floats at all is left to the model's
    type check (a fault of the SQL model, not of a row)."""
    columns = [c for c in NUMBERS if c in rows and pd.api.types.is_float_dtype(rows[c])]
    bad = rows[columns].isna().any(axis=1)
    findings = [
        Finding(
            rule=DERIVED_METRICS_ARE_NUMBERS.name,
            source_file="",
            article_id=row.get("article_id"),
            item_id=row.get("metric_id"),
            message=f"{row.get('metric_id')}: {row.get('label')}: {row.get('computation')} "
            "gives no number",
            expected="value, lower and upper are numbers (an unbounded side is inf or -inf)",
            found=", ".join(f"{c} {row[c]}" for c in NUMBERS if c in row),
        )
        for row in rows[bad].to_dict("records")
    ]
    return rows[~bad].reset_index(drop=True), findings


def articles_to_derive(
    conn: duckdb.DuckDBPyConnection, table: str, settings: dict[str, str]
) -> list[str] | None:
    """The articles whose rows of a derived table (derived_metrics, computed per article) must be
    computed again: those gathered again since it was last computed with the same settings and
    code (`replace_derived`). None for every article: the first time, after a change of the
    settings or the code, or when every batch was gathered again."""
    if not (table_exists(conn, TO_DERIVE) and table_exists(conn, DERIVED_FROM)):
        return None
    computed_with = conn.execute(
        f"SELECT built_with FROM {DERIVED_FROM} WHERE table_name = ?", [table]
    ).fetchone()
    if computed_with is None or computed_with[0] != _digest(settings):
        return None
    return [
        article_id
        for (article_id,) in conn.execute(
            f"SELECT DISTINCT article_id FROM {TO_DERIVE} ORDER BY 1"
        ).fetchall()
    ]


def replace_derived(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    held_back: pd.DataFrame,
    articles: list[str] | None,
    settings: dict[str, str],
) -> None:
    """Store the new rows of a derived table (validated) and the rows it held back, in one
    transaction: of every article (articles None: the table and its held-back rows are
    replaced), or of some articles (their earlier rows and held-back rows are deleted). Record
    which gathering of the batches (`publish` refuses a file whose batch tables were gathered
    again since) and which settings and code (`articles_to_derive`) it was computed from; no
    article is left to derive."""
    with transaction(conn):
        if articles is None:
            create_table(conn, table)
            conn.execute("DELETE FROM quarantine WHERE stage = ?", [table])
        else:
            conn.execute(
                f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                [articles],
            )
            conn.execute(
                "DELETE FROM quarantine WHERE stage = ? "
                "AND article_id IN (SELECT unnest(?::VARCHAR[]))",
                [table, articles],
            )
        insert_rows(conn, table, frame)
        insert_rows(conn, "quarantine", held_back)
        conn.execute(f"CREATE OR REPLACE TABLE {TO_DERIVE} (article_id VARCHAR)")
        describe_internal(conn, TO_DERIVE)
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {DERIVED_FROM} (table_name VARCHAR, assembled VARCHAR)"
        )
        conn.execute(f"ALTER TABLE {DERIVED_FROM} ADD COLUMN IF NOT EXISTS built_with VARCHAR")
        describe_internal(conn, DERIVED_FROM)
        conn.execute(f"DELETE FROM {DERIVED_FROM} WHERE table_name = ?", [table])
        conn.execute(
            f"INSERT INTO {DERIVED_FROM} BY NAME SELECT ? AS table_name, ? AS assembled, "
            "? AS built_with",
            [table, _assembled_state(conn), _digest(settings)],
        )


def derived_tables_behind(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Derived tables computed before the batch tables were last gathered again (by another
    run's step in between): publishing them would pair new tables with old metrics."""
    if not table_exists(conn, DERIVED_FROM):
        return []
    state = _assembled_state(conn)
    return [
        table
        for (table,) in conn.execute(
            f"SELECT table_name FROM {DERIVED_FROM} WHERE assembled <> ? ORDER BY 1", [state]
        ).fetchall()
    ]


def _assembled_state(conn: duckdb.DuckDBPyConnection) -> str:
    """What the batch tables of the staging file were last gathered from, in one hash."""
    if not table_exists(conn, ASSEMBLED):
        return ""
    (state,) = conn.execute(
        f"SELECT coalesce(md5(string_agg(batch || ':' || fingerprint, ',' ORDER BY batch)), '') "
        f"FROM {ASSEMBLED}"
    ).fetchone()
    return state


def _digest(settings: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()
