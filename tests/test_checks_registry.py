"""The check registry (core/checks.py) keeps every check's name in one place: each check is
declared once, each declared check is evaluated, and no code names a check by a bare string."""

from __future__ import annotations

import ast
from pathlib import Path

import duckdb
import pytest

from core import checks, sql
from core.checks import CHECKS, PYTHON_CHECKS, sql_checks
from core.tables import ensure_schema
from etl.definitions import defs
from etl.resources import ROOT, QualityPolicy
from schemas import TABLES
from schemas._checks import rule_of

CODE = sorted((ROOT / "core").glob("*.py")) + sorted((ROOT / "etl").glob("*.py"))


def test_each_check_is_declared_once_and_says_what_it_asserts() -> None:
    keys = [(check.asset, check.name) for check in CHECKS]
    assert len(keys) == len(set(keys))
    for check in CHECKS:
        assert check.asset in TABLES, check
        assert check.severity in (checks.ERROR, checks.WARN), check
        assert check.evaluated_by in ("row rule", "sql", "python"), check
        assert len(check.description) > 20, check
        assert (ROOT / check.where).is_file(), check


def test_dagster_has_exactly_the_registry_s_checks() -> None:
    in_dagster = {
        (key.asset_key.to_user_string(), key.name)
        for key in defs.resolve_asset_graph().asset_check_keys
    }
    assert in_dagster == {(check.asset, check.name) for check in CHECKS}


def test_every_row_rule_of_the_models_counts_against_a_check() -> None:
    counted = {(check.asset, rule) for check in CHECKS for rule in check.rules}
    for table, model in TABLES.items():
        for rule in model.to_schema().checks:
            assert (table, rule.name) in counted, f"{model.__name__}.{rule.name}"
            declared = rule_of(model, rule.name)  # declared with row_rule, with its message
            assert declared.own_check or checks.schema_check(table)


def _names(path: Path) -> set[str]:
    """Every name and attribute a module uses."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.id if isinstance(node, ast.Name) else node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Name | ast.Attribute)
    }


@pytest.mark.parametrize("check", PYTHON_CHECKS, ids=lambda check: check.name)
def test_every_python_check_is_evaluated_where_it_says(check: checks.Check) -> None:
    constant = next(name for name, value in vars(checks).items() if value is check)
    assert constant in _names(ROOT / check.where), f"{check.where} never makes {check.name}"


def test_no_code_names_a_check_by_a_bare_string() -> None:
    """A check or rule is named by its constant (core/checks.py) or its method or file name:
    a string literal of its name anywhere else could fall out of step."""
    rules = {rule for check in CHECKS for rule in check.rules}
    found = []
    for path in CODE:
        if path.name == "checks.py" and path.parent.name == "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in rules:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert found == []


def test_a_sql_check_is_declared_by_its_header(tmp_path: Path) -> None:
    (tmp_path / "wholes_are_large.sql").write_text(
        "-- asset: relations\n-- severity: warn\n-- description: Every whole is larger than\n"
        "--   a thousand.\n-- judges: part_of relations\n"
        "--   FROM relations WHERE type = 'part_of'\n--\n-- Free comment.\nSELECT 1 WHERE false\n"
    )
    [check] = sql_checks(tmp_path)
    assert check == checks.Check(
        "wholes_are_large",
        "relations",
        "Every whole is larger than a thousand.",
        checks.WARN,
        "sql",
        "warehouse/checks/wholes_are_large.sql",
        judges="part_of relations",
        judged_from="relations WHERE type = 'part_of'",
    )


@pytest.mark.parametrize(
    "header",
    [
        "SELECT 1\n",  # no header at all
        "-- asset: relation\n-- description: A typo in the table.\n--\nSELECT 1\n",
        "-- asset: relations\n-- severity: fatal\n-- description: No such severity.\n--\n",
        "-- severity: warn\n-- description: No asset.\n-- judges: rows FROM relations\n--\n",
        "-- asset: relations\n-- description: Judges nothing said.\n--\nSELECT 1\n",
        "-- asset: relations\n-- description: No rows.\n-- judges: part_of relations\n--\n",
        "-- asset: relations\n-- description: No words.\n-- judges: FROM relations\n--\n",
    ],
)
def test_a_sql_check_without_a_proper_header_is_refused(tmp_path: Path, header: str) -> None:
    (tmp_path / "broken.sql").write_text(header)
    with pytest.raises(ValueError, match=r"broken\.sql: the header must declare '-- asset"):
        sql_checks(tmp_path)


def test_every_check_counts_what_it_judges_and_an_empty_warehouse_gives_nothing_to_judge() -> None:
    """Each check's `judges` is a query that runs (its FROM clause is well formed) and, on a
    warehouse with no rows, finds no item: every check then judged nothing, and says what was
    missing."""
    params = QualityPolicy().sql_parameters()
    with duckdb.connect() as conn:
        ensure_schema(conn)
        sql.install_macros_and_views(conn, params)
        for check in CHECKS:
            outcome = checks.Outcome(check, check.count_judged(conn, params))
            assert outcome.judged == 0, check.name
            assert outcome.status == checks.JUDGED_NOTHING, check.name
            assert outcome.summary == f"judged nothing: no {check.items}"
