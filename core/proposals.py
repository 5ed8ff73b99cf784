"""Shared measures proposed across articles with no curation: figures of different articles
whose found measures say the same (the same words, two at least, for what they count and of
whom, the same stated place, values of one kind, the same stated period) are proposed as one
measure, compared as curated shared measures are (view proposed_measure_agreements), and shown
as proposals until a curator gives them one measure id.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from core.matching import Side, figure_side

PROPOSAL_COLUMNS = ["article_id", "figure_id", "proposal_id", "reason"]
MIN_WORDS = 2  # word stems a found measure must say to be proposed across articles


def propose_shared_measures(figures: pd.DataFrame) -> pd.DataFrame:
    """Members of proposed shared measures: figures (columns of `figures` with their article's
    published_earliest and published_latest) that name no measure id, grouped by what their
    found measure says (`_key`); only groups with figures of two articles or more are kept."""
    groups: dict[tuple, list[dict]] = {}
    for figure in figures.to_dict("records"):
        if figure.get("measure_id") or not figure.get("measure_what"):
            continue
        if not figure.get("measure_period"):  # a period the text states, not its publication's
            continue
        key = _key(figure_side(figure))
        if key is not None:
            groups.setdefault(key, []).append(figure)
    rows = []
    for key, members in groups.items():
        if len({member["article_id"] for member in members}) < 2:
            continue
        words, place, quantity, period = key
        proposal = "proposed-" + hashlib.sha256(repr(key).encode()).hexdigest()[:12]
        reason = (
            f"found measures with the same words ({', '.join(words)}), place "
            f"{place or 'unstated'}, {quantity.replace(':', ' in ')} values, period {period}"
        )
        rows += [
            {
                "article_id": member["article_id"],
                "figure_id": member["figure_id"],
                "proposal_id": proposal,
                "reason": reason,
            }
            for member in members
        ]
    return pd.DataFrame(rows, columns=PROPOSAL_COLUMNS)


def _key(side: Side) -> tuple | None:
    """What makes two figures one proposed measure: their words, place, kind of value and
    period to the month. A measure said in one word ('children', 'jobs'), with no place or with
    a period that cannot be dated proposes nothing: too little to tell two stories apart."""
    if side.period is None or side.place is None or len(side.words) < MIN_WORDS:
        return None
    period = side.period
    said = (
        f"as of {period.start[0]:%Y-%m}"
        if period.kind == "as_of"
        else f"{period.start[0]:%Y-%m} to {period.end[1]:%Y-%m}"
    )
    return (tuple(sorted(side.words)), side.place, side.quantity, said)
