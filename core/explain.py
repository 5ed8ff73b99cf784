"""Say in words why a row failed a named check: what was expected and what was found."""

from __future__ import annotations

from typing import Any


def explain(check: str, row: dict[str, Any]) -> tuple[str, str, str]:
    """(message, expected, found) for a row that failed the dataframe check named check."""
    quote, value = row.get("quote"), row.get("value")
    if check == "figure_quotes_occur_in_text":
        occurrence = row.get("occurrence")
        return (
            f"quote {quote!r} (occurrence {occurrence}) is not in the body of article "
            f"{row.get('article_id')}",
            f"{quote!r} at least {occurrence} time(s) in the body",
            "not found" if occurrence == 1 else f"fewer than {occurrence} occurrences",
        )
    if check == "quoted_numbers_equal_values":
        quoted = row.get("quoted_value")
        found = "no number in the quote" if quoted is None else _number(quoted)
        return (
            f"the quote {quote!r} states {found}, but the recorded value is {_number(value)}",
            _number(value),
            found,
        )
    if check == "counts_are_not_negative":
        return f"count {_number(value)} is negative", ">= 0", _number(value)
    if check == "shares_lie_in_unit_interval":
        return f"share {_number(value)} is outside [0, 1]", "0 <= value <= 1", _number(value)
    if check == "intervals_contain_values":
        bounds = f"[{_number(row.get('lower'))}, {_number(row.get('upper'))}]"
        return f"value {_number(value)} is outside its interval {bounds}", bounds, _number(value)
    if check == "measure_ids_are_slugs":
        measure_id = row.get("measure_id")
        return (
            f"measure id {measure_id!r} is not a slug: use lowercase letters and digits in words "
            "joined by single hyphens, e.g. 'fr-nationals-departing-for-jihad-2014'",
            "a slug such as 'fr-nationals-departing-for-jihad-2014'",
            repr(measure_id),
        )
    if check in ("figure_ids_are_unique", "relation_ids_are_unique"):
        item = row.get("figure_id") or row.get("relation_id")
        return f"id {item!r} is used more than once in the article", "a unique id", item
    if check == "relations_link_two_figures":
        return "subject and object are the same figure", "two figures", str(row.get("subject_id"))
    if check == "published_range_is_ordered":
        return "publication range is reversed", "earliest <= latest", str(row.get("published"))
    return f"failed {check}", check, "a failing row"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
