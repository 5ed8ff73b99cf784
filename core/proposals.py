"""Shared measures proposed across articles with no curation: figures of different articles
whose found measures say the same (the same words, two at least, for what they count and of
whom, the same stated place, values of one kind, the same stated period) are proposed as one
measure, compared as curated shared measures are (view proposed_measure_agreements), and shown
as proposals until a curator gives them one measure id.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from core.matching import distinct_sides
from core.periods import Period
from core.sides import PERIOD_BOUNDS, Sides, among, codes

PROPOSAL_COLUMNS = ["article_id", "figure_id", "proposal_id", "reason"]
MIN_WORDS = 2  # word stems a found measure must say to be proposed across articles


def propose_shared_measures(figures: pd.DataFrame, sides: Sides | None = None) -> pd.DataFrame:
    """Members of proposed shared measures: figures (columns of `figures` with their article's
    published_earliest and published_latest) that name no measure id, grouped by what their
    found measure says (`_keys`); only groups with figures of two articles or more are kept.
    sides: the figures' sides (distinct_sides), when the caller has them already."""
    kept = (
        ~_said_in(figures, "measure_id")
        & _said_in(figures, "measure_what")
        & _said_in(figures, "measure_period")  # a period the text states, not its publication's
    ).to_numpy()
    if not kept.any():
        return pd.DataFrame(columns=PROPOSAL_COLUMNS)
    side_ids, distinct = distinct_sides(figures[kept]) if sides is None else among(sides, kept)
    key_ids, keys = _keys(distinct)
    members = pd.DataFrame(
        {
            "article_id": figures["article_id"].to_numpy()[kept],
            "figure_id": figures["figure_id"].to_numpy()[kept],
            "key": key_ids[side_ids],
        }
    )
    members = members[members["key"] >= 0]
    articles = members.groupby("key")["article_id"].nunique()
    shared = articles.index[articles >= 2]
    said = pd.DataFrame([_said(keys[key]) for key in shared], index=shared, columns=["id", "why"])
    members = members[members["key"].isin(shared)]
    return members.assign(
        proposal_id=said["id"].reindex(members["key"]).to_numpy(),
        reason=said["why"].reindex(members["key"]).to_numpy(),
    )[PROPOSAL_COLUMNS].reset_index(drop=True)


def _said_in(figures: pd.DataFrame, column: str) -> pd.Series:
    """Whether each figure's column says something (a missing column says nothing)."""
    if column not in figures:
        return pd.Series(False, index=figures.index)
    return figures[column].map(bool).astype(bool)


def _said(key: tuple) -> tuple[str, str]:
    """A proposal's id (a digest of its key) and reason."""
    words, place, quantity, period = key
    proposal = "proposed-" + hashlib.sha256(repr(key).encode()).hexdigest()[:12]
    reason = (
        f"found measures with the same words ({', '.join(words)}), place "
        f"{place or 'unstated'}, {quantity.replace(':', ' in ')} values, period {period}"
    )
    return proposal, reason


def _keys(sides: pd.DataFrame) -> tuple[np.ndarray, list[tuple]]:
    """What makes two figures one proposed measure (core.matching.distinct_sides): their words,
    place, kind of value and period to the month (a period that cannot be dated, fewer than
    MIN_WORDS words or no place propose nothing): each side's key id (-1 for none) and the
    keys, as (sorted words, place, kind of value, period said), by id."""
    words_ids, words = pd.factorize(sides["words"])
    words = [tuple(sorted(w)) for w in words]
    period_ids, first = codes(sides, PERIOD_BOUNDS)  # equal bounds, equal periods
    periods = sides["period"].to_numpy()[first]
    said = np.array([p and _month_said(p) for p in periods], dtype=object)[period_ids]
    parts = sides[["place", "quantity"]].assign(words=words_ids, said=said)
    key_ids, first = codes(parts, ("words", "place", "quantity", "said"))
    keys = [
        (words[w], place, quantity, period)
        for w, place, quantity, period in zip(
            words_ids[first],
            *(parts[c].to_numpy()[first] for c in ("place", "quantity", "said")),
            strict=True,
        )
    ]
    # a measure said in one word ('children', 'jobs') or with no place: too little to tell two
    # stories apart
    none = (
        sides["period"].isna().to_numpy()
        | (sides["words"].map(len) < MIN_WORDS).to_numpy()
        | sides["place"].isna().to_numpy()
    )
    return np.where(none, -1, key_ids), keys


def _month_said(period: Period) -> str:
    """A period to the month."""
    if period.kind == "as_of":
        return f"as of {period.start[0]:%Y-%m}"
    return f"{period.start[0]:%Y-%m} to {period.end[1]:%Y-%m}"
