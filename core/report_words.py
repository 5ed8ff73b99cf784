"""The report's plain words: the verdicts said in one sentence, the kinds of contradiction, what
each outlet said of each measure, and numbers and money as a reader wants to see them.

Pure functions of the rows core/report.py builds; core/report.py passes `number` and `amount` to
the template.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

# How a figure's contradiction is said, by whom it disagrees with (the worst first): one figure,
# several figures.
CONTRADICTS = {
    "outlet": ("contradicts another outlet", "contradict another outlet"),
    "article": ("contradicts another article of its outlet",
                "contradict another article of their outlet"),
    "own": ("contradicts another figure of its article",
            "contradict other figures of their article"),
    "published": ("contradicts published data", "contradict published data"),
    None: ("is contradicted", "are contradicted"),
}  # fmt: skip
VERDICT_PHRASES = {
    "holds": ("holds", "hold"),
    "held_back": ("was held back by its own checks", "were held back by their own checks"),
    "unchecked": ("could not be checked", "could not be checked"),
}
CURRENCIES = {
    "USD": "$", "US$": "$", "$": "$", "dollars": "$", "EUR": "€", "€": "€", "euros": "€",
    "GBP": "£", "£": "£", "pounds": "£", "JPY": "¥", "¥": "¥", "yen": "¥",
}  # fmt: skip
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
SEVERITY_STATUS = {"ok": "passed", "warn": "warned", "error": "failed"}  # a finding's colour


def number(value: Any) -> str:
    """A value as a reader wants to see it: 1,200; 555.6; 0.0833; ∞."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value.is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.1f}"
    return f"{value:.3g}"


def amount(value: Any, unit: str | None, kind: str | None = None) -> str:
    """A value with its unit: money as money ("$388.7 million", "£534,000", "12.8 billion CHF"),
    anything else as its number and unit ("1,200 people")."""
    if kind != "money" and unit not in CURRENCIES:
        return f"{number(value)} {unit}" if unit else number(value)
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return f"{number(value)} {unit or ''}".strip()
    size, scale = abs(float(value)), ""
    for factor, name in SCALES:
        if size >= factor:
            size, scale = size / factor, f" {name}"
            break
    sign = "−" if value < 0 else ""
    shown = f"{size:,.2f}" if not scale and not size.is_integer() else number(size)
    symbol = CURRENCIES.get(unit or "")
    if symbol:
        return f"{sign}{symbol}{shown}{scale}"
    return f"{sign}{shown}{scale} {unit or ''}".strip()


def contradiction_kinds(figures: list[dict[str, Any]]) -> dict[str | None, int]:
    """How many contradicted figures contradict another outlet, another article of their
    outlet, another figure of their own article, published data (a reference row that warns or
    errs; the widest disagreement of each figure first), or none the report can name (None)."""
    kinds: dict[str | None, int] = defaultdict(int)
    for figure in figures:
        found = {other["kind"] for other in figure["against"]}
        if any(row["severity"] != "ok" for row in figure.get("references", [])):
            found.add("published")
        kinds[next((kind for kind in CONTRADICTS if kind in found), None)] += 1
    return dict(kinds)


def verdict_sentence(counts: dict[str, int], kinds: dict[str | None, int]) -> str:
    """The verdicts in one plain sentence: "Of 16 figures, 8 hold, 2 contradict another outlet,
    1 contradicts another figure of its article, 5 could not be checked." (kinds: of the
    contradicted figures, as contradiction_kinds counts them; the rest said as contradicted)."""
    total = sum(counts.values())
    if not total:
        return "There are no figures."
    named = {kind: n for kind, n in kinds.items() if kind is not None}
    named[None] = counts["contradicted"] - sum(named.values())
    parts = [(counts["holds"], VERDICT_PHRASES["holds"])]
    parts += [(named.get(kind, 0), CONTRADICTS[kind]) for kind in CONTRADICTS]
    parts += [(counts[v], VERDICT_PHRASES[v]) for v in ("held_back", "unchecked")]
    said = [f"{n} {one if n == 1 else many}" for n, (one, many) in parts if n]
    return f"Of {total} figure{'' if total == 1 else 's'}, {', '.join(said)}."


def sources(figures: list[dict[str, Any]], articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each outlet said about each measure: per outlet (by name), its figures in article
    order, each with what the other outlets said of the same shared measure (measure_id)."""
    outlet_of = {a["article_id"]: a["outlet"] for a in articles}
    title_of = {a["article_id"]: a["title"] for a in articles}
    by_measure: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for figure in figures:
        if figure["measure_id"]:
            by_measure[figure["measure_id"]].append(figure)
    said: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        for figure in article["figures"]:
            outlet = outlet_of[figure["article_id"]]
            others = [
                {**other, "outlet": outlet_of[other["article_id"]]}
                for other in by_measure.get(figure["measure_id"] or "", [])
                if outlet_of[other["article_id"]] != outlet
            ]
            said[outlet].append(
                {**figure, "title": title_of[figure["article_id"]], "others": others}
            )
    return [{"outlet": outlet, "figures": said[outlet]} for outlet in sorted(said)]
