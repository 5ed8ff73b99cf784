"""Row rules: Pandera dataframe checks declared with the words that explain a failing row.

A row rule is a method of a model, decorated with `row_rule`: its name is the check's name (as
Dagster shows it), its description says what it asserts, and its `explain` says, for one failing
row, what is wrong, what was expected and what was found. A rule that is not a check of its own
(`own_check=False`) counts against its table's `<table>_match_schema` check. core/checks.py
collects them, so that declaring the method is all a new row rule takes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa

Row = dict[str, Any]
Explanation = tuple[str, str, str]  # (message, expected, found)


@dataclass(frozen=True)
class RowRule:
    """What a row rule adds to its Pandera check: how to explain a failing row, and whether the
    rule is a check of its own."""

    explain: Callable[[Row], Explanation] | None
    own_check: bool


_RULES: dict[str, RowRule] = {}  # by the rule's qualified name, '<Model>.<rule>'


def row_rule(
    description: str,
    explain: Callable[[Row], Explanation] | None = None,
    own_check: bool = True,
) -> Callable:
    """Declare a model method as a row rule (a Pandera dataframe check)."""

    def declare(method: Callable) -> Any:
        _RULES[method.__qualname__] = RowRule(explain, own_check)
        return pa.dataframe_check(description=description)(method)

    return declare


def rule_of(model: type, name: str) -> RowRule:
    """The row rule `name` of a model (every dataframe check of a model is a row rule)."""
    return _RULES[f"{model.__name__}.{name}"]


def explain(model: type, name: str, row: Row) -> Explanation:
    """Why a row failed the row rule `name` of model: (message, expected, found)."""
    rule = _RULES.get(f"{model.__name__}.{name}")
    if rule is None or rule.explain is None:
        return f"failed {name}", name, "a failing row"
    return rule.explain(row)


def numeric(df: pd.DataFrame, column: str) -> pd.Series:
    """The column as floats; non-numbers become NaN (their own column check reports them)."""
    return pd.to_numeric(df[column], errors="coerce")


def unique_within_article(df: pd.DataFrame, id_column: str) -> pd.Series:
    """True for rows whose id no other row of the same article uses."""
    return ~df.duplicated(["article_id", id_column], keep=False)


def number(value: Any) -> str:
    """A value as a message shows it: 400, not 400.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def quote_not_in_body(row: Row) -> Explanation:
    quote, occurrence = row.get("quote"), row.get("occurrence")
    return (
        f"quote {quote!r} (occurrence {occurrence}) is not in the body of article "
        f"{row.get('article_id')}",
        f"{quote!r} at least {occurrence} time(s) in the body",
        "not found" if occurrence == 1 else f"fewer than {occurrence} occurrences",
    )


def share_outside_unit_interval(row: Row) -> Explanation:
    value = number(row.get("value"))
    return f"share {value} is outside [0, 1]", "0 <= value <= 1", value


def value_outside_interval(row: Row) -> Explanation:
    bounds = f"[{number(row.get('lower'))}, {number(row.get('upper'))}]"
    value = number(row.get("value"))
    return f"value {value} is outside its interval {bounds}", bounds, value


def id_used_twice(row: Row) -> Explanation:
    item = row.get("figure_id") or row.get("relation_id")
    return f"id {item!r} is used more than once in the article", "a unique id", item
