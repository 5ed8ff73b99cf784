"""Matching figures with reference values: by the curated measure id when a figure names one,
else by the measure the figure states (what, of whom, where, period), with a score and the
reason, for review. A pure function of two frames; the warehouse judges the matches in SQL
(warehouse/views/reference_agreements.sql).

A found match (core.found_matching) needs all of: periods that align (core.periods: of one
kind, both ends within a week; a figure whose text gives no period that can be dated states the
latest value published before its article), places that agree (the same, one unstated, or one
named by the other side), values of one kind (a count with a count, of one unit when the figure
names one; a percent or a share with a percent; money in one currency), and enough of the row's
words said by the figure's stretch of its sentence (_sentences) and by its own words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from core.found_matching import found, row_frame
from core.periods import Period, text_periods
from core.sides import PERIOD_BOUNDS, Sides, codes, equal_keys, figure_sides, per_distinct, stacked
from core.words import stems, text_stems

ID_COLUMNS = ("article_id", "figure_id", "measure_id")
SIDE_COLUMNS = ("measure_what", "measure_of_whom", "measure_where", "measure_period")
SIDE_COLUMNS += ("published_earliest", "published_latest", "kind", "unit")
MATCH_COLUMNS = [
    "article_id",
    "figure_id",
    "row_id",
    "reference_id",
    "method",
    "score",
    "reason",
    "scale",
]
# "Spain's public deficit", "United States' debt", "UK unemployment rate": a name, then what
POSSESSOR = re.compile(r"((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)['’]s?\s+|([A-Z]{2,})\s+(?=[a-z])")
# short names of places, as the long ones that reference tables write
PLACE_NAMES = {"uk": "united kingdom", "us": "united states", "eu": "european union"}
PERCENT_UNITS = frozenset({"percent", "per cent", "%", "percentage"})
# the least Dice coefficient of the words of a change and its series (change_matching), of a
# share and its part's row (share_matching)
MIN_SCORE = 0.4
CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|while|but|whereas)\b")
# a period before another ("a year earlier") or a vague one ("in recent months"): a figure that
# says it is not read as stating the latest value
NOT_LATEST = re.compile(r"\b(?:earlier|ago|before|previous|prior|last|recent)\b", re.IGNORECASE)
# what a duration counts ("waited more than 12 weeks"), which no reference row does
DURATIONS = frozenset({"second", "minut", "hour", "day", "week", "month", "year", "decad"})
# units of measure a figure's unit names and a reference's unit spells out
MEASURE_UNITS = {"t": "tonnes", "ha": "hectares", "acre": "acres", "per 100,000": "per 100,000"}
CURRENCIES = {"$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}


@dataclass(frozen=True)
class Side:
    """What one figure or reference value states, as matching reads it."""

    words: frozenset[str]
    place: str | None
    period: Period | None
    quantity: str  # what kind of number: count, percent, money:<currency>, times


def match_figures(
    figures: pd.DataFrame, references: pd.DataFrame, sides: Sides | None = None
) -> pd.DataFrame:
    """Matches of figures (columns of `figures` and the article's published_earliest and
    published_latest) with reference values (rows of `reference_values`): for each figure, the
    rows of its curated measure id whose period is its own (all of them when its text gives no
    period), else each reference table's best found match (an article's later figures of a
    found measure already matched are not matched again). `scale` turns the figure's value into
    the reference's unit (100 for a share stated as a ratio against a percent).

    Figures that state the same (their sides are equal) are matched once (core.sides), and the
    found matches of all sides at once, with pandas (_found). sides: the figures' sides
    (distinct_sides), when the caller has them already."""
    if figures.empty or references.empty:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    references = references.reset_index(drop=True)
    records = references.to_dict("records")
    ref_sides = [reference_side(row) for row in records]
    side_ids, distinct = distinct_sides(figures) if sides is None else sides
    order = _text_order(figures)
    ids = pd.DataFrame(
        {c: figures[c].to_numpy() if c in figures else None for c in ID_COLUMNS}
    ).iloc[order]
    ids["side"], ids["position"] = side_ids[order], np.arange(len(order))
    by_measure: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(records):
        if row.get("measure_id"):
            by_measure[row["measure_id"]].append(i)
    said_ids, said = per_distinct(ids, ["measure_id"], lambda m: bool(m) and m in by_measure)
    curated = np.array(said, dtype=bool)[said_ids]
    matches = [
        (figure.position, figure.article_id, figure.figure_id, row["row_id"], row["reference_id"])
        + (method, round(score, 3), reason, scale)
        for figure in ids[curated].itertuples()
        for row, method, score, reason, scale in _curated(
            figure.measure_id,
            Side(*distinct.loc[figure.side, ["words", "place", "period", "quantity"]]),
            [(records[i], ref_sides[i]) for i in by_measure[figure.measure_id]],
        )
    ]
    sentences, sentence_stems = _sentences(figures)
    unstated, published = _unstated(figures)
    ids["context"], ids["unstated"] = sentences[order], unstated[order]
    ids["published"], ids["sentence_place"] = published[order], _sentence_places(figures)[order]
    found = _found(distinct, ids[~curated], sentence_stems, references, ref_sides)
    columns = ["position", *MATCH_COLUMNS]
    frames = [pd.DataFrame(matches, columns=columns), found[columns]]
    frame = stacked(frames)
    return frame.sort_values("position", kind="stable")[MATCH_COLUMNS].reset_index(drop=True)


def _found(
    sides: pd.DataFrame,
    figures: pd.DataFrame,
    sentence_stems: list[frozenset[str]],
    references: pd.DataFrame,
    ref_sides: list[Side],
) -> pd.DataFrame:
    """The found matches of figures (columns side, context, unstated, published, sentence_place,
    article_id, figure_id, position, of match_figures): each distinct side, sentence and period
    stated or not (a key) is matched once (core.found_matching.found), then each row of an
    article with its figure of the best score (the first in its text of equal ones): columns
    position and MATCH_COLUMNS."""
    columns = ["side", "context", "unstated", "published", "sentence_place"]
    figure_keys, first = codes(figures, columns)
    keys = {c: figures[c].to_numpy()[first] for c in columns}
    side = keys["side"]
    durations = np.array([bool(w) and w <= DURATIONS for w in sides["words"]], dtype=bool)
    said = sides["words"].map(bool).to_numpy()
    valid = (sides["period"].notna().to_numpy()[side] | keys["unstated"]) & ~durations[side]
    valid &= (keys["context"] >= 0) | said[side]
    key_of = np.cumsum(valid) - 1  # each key's number among the valid ones
    keys = {c: values[valid] for c, values in keys.items()}
    side = keys["side"]
    place = sides["place"].to_numpy()[side]
    frame = pd.DataFrame(
        {
            "key": np.arange(len(side)),
            **{c: keys[c] for c in ("context", "unstated", "published")},
            **{c: sides[c].to_numpy()[side] for c in ("words", "quantity", *PERIOD_BOUNDS)},
            "place": np.where(pd.notna(place), place, keys["sentence_place"]),
            "period": sides["period"].to_numpy()[side],
        }
    )
    rows = row_frame(references, ref_sides).assign(period_text=references["period"].to_numpy())
    best = found(frame, sentence_stems, rows, named)
    key, row = best["key"].to_numpy(), best["row"].to_numpy()
    reasons = _reasons(frame.iloc[key], sentence_stems, rows, best)
    scale = np.where(frame["quantity"].to_numpy()[key] == rows["quantity"].to_numpy()[row], 1, 100)
    at, best_at = equal_keys(np.where(valid[figure_keys], key_of[figure_keys], -1), key)
    score = best["score"].to_numpy()[best_at]
    position = figures["position"].to_numpy()[at]
    article = pd.factorize(figures["article_id"].to_numpy()[at])[0]
    order = np.lexsort((position, -score))
    order = order[~pd.Series((article * len(rows) + row[best_at])[order]).duplicated().to_numpy()]
    at, best_at = at[order], best_at[order]
    return pd.DataFrame(
        {
            "position": figures["position"].to_numpy()[at],
            "article_id": figures["article_id"].to_numpy()[at],
            "figure_id": figures["figure_id"].to_numpy()[at],
            "row_id": rows["row_id"].to_numpy()[row[best_at]],
            "reference_id": rows["reference_id"].to_numpy()[row[best_at]],
            "method": "found",
            "score": best["score"].to_numpy()[best_at].astype(float).round(3),
            "reason": reasons[best_at],
            "scale": scale[best_at].astype(float),
        }
    )


def _reasons(
    keys: pd.DataFrame, contexts: list[frozenset[str]], rows: pd.DataFrame, best: pd.DataFrame
) -> np.ndarray:
    """Why each figure (its key: side and context) was matched with its reference row (best:
    columns row, a position in rows, cover and own), worked out once per distinct reason (the
    period of a key stating none is not said)."""
    unstated = keys["unstated"].to_numpy()
    frame = pd.DataFrame(
        {
            "words": keys["words"].to_numpy(),
            "context": keys["context"].to_numpy(),
            "place": keys["place"].to_numpy(),
            "unstated": unstated,
            "period": np.where(unstated, None, keys["period"].to_numpy()),
            **{c: best[c].to_numpy() for c in ("row", "cover", "own")},
        }
    )
    context = [*contexts, frozenset()]
    values = [rows[c].to_numpy() for c in ("words", "place", "period_text")]
    ids, reasons = per_distinct(
        frame,
        list(frame.columns),
        lambda words, at, place, unstated, period, row, cover, own: _reason(
            words, context[at], place, unstated, period, *(v[row] for v in values), cover, own
        ),
    )
    return np.array(reasons, dtype=object)[ids]


def _reason(
    words: frozenset[str],
    context: frozenset[str],
    place: str | None,
    unstated: bool,
    period: Period | None,
    row_words: frozenset[str],
    row_place: str | None,
    row_period: str,
    cover: float,
    own: float,
) -> str:
    """Why a figure was matched with a reference row: the words, place and periods."""
    shared = ", ".join(sorted((words | context) & row_words))
    place = f"place {place}" if place and row_place else f"place {row_place}"
    period = (
        f"no period stated: the latest row before publication ({row_period})"
        if unstated
        else f"period {period} and {row_period}"
    )
    return (
        f"found: its sentence says {shared} ({cover:.0%} of the row's words by weight; its own "
        f"words {own:.2f}), {place}, {period}: review that both count the same"
    )


def _sentences(figures: pd.DataFrame) -> tuple[np.ndarray, list[frozenset[str]]]:
    """Each figure's context (a code, -1 for none) and the stems of each context's words: the
    words of its sentence before its first figure (what the sentence is about), and those
    between the figures before and after it (see _stretches; the whole sentence for a figure
    alone in it)."""
    texts = np.full(len(figures), None, dtype=object)
    if "sentence" not in figures:
        return np.full(len(figures), -1), []
    if "quote" not in figures:  # the figures' places in their sentences are not known
        codes, uniques = pd.factorize(figures["sentence"])
        return codes, [text_stems(t) for t in uniques]
    sentences = figures["sentence"].to_numpy()
    start = pd.to_numeric(figures.get("start"), errors="coerce").fillna(0).to_numpy()
    said = np.flatnonzero(figures["sentence"].map(lambda s: isinstance(s, str)).to_numpy())
    order = said[
        np.lexsort(
            (
                start[said],
                pd.factorize(sentences[said])[0],
                pd.factorize(figures["article_id"].to_numpy()[said])[0],
            )
        )
    ].tolist()
    articles, quotes = figures["article_id"].to_numpy(), figures["quote"].to_numpy()
    group: list[int] = []
    for at, i in enumerate(order):
        group.append(i)
        after = order[at + 1] if at + 1 < len(order) else None
        if after is None or sentences[after] != sentences[i] or articles[after] != articles[i]:
            _stretches(sentences[i], group, quotes, texts)
            group = []
    codes, uniques = pd.factorize(pd.Series(texts))
    return codes, [text_stems(t) for t in uniques]


def _stretches(sentence: str, group: list[int], quotes: np.ndarray, texts: np.ndarray) -> None:
    """The contexts (see _sentences) of the figures of one sentence, in their order: the words
    between two figures go to the one before up to the last clause break between them (a comma,
    "and", "while"), and to the one after from there (to both when there is none)."""
    spans, at = [], 0
    for i in group:
        quote = quotes[i]
        found = sentence.find(quote, at) if isinstance(quote, str) else -1
        spans.append((found, found + len(quote)) if found >= 0 else (at, at))
        at = spans[-1][1]
    lefts, rights = [spans[0][0]], []
    for (_, end), (begin, _) in zip(spans, spans[1:], strict=False):
        breaks = list(CLAUSE_BREAK.finditer(sentence, end, max(begin, end)))
        rights.append(breaks[-1].start() if breaks else begin)
        lefts.append(breaks[-1].start() if breaks else end)
    rights.append(len(sentence))
    head = sentence[: spans[0][0]]
    for i, left, right in zip(group, lefts, rights, strict=True):
        texts[i] = f"{head} {sentence[left:right]}"


def _sentence_places(figures: pd.DataFrame) -> np.ndarray:
    """The place of each figure's sentence: the first place a figure of it states (None with
    none), for the figures that state none ("In Andalusia, 18.2 per cent ..., and 760,000
    people")."""
    if "sentence" not in figures or "measure_where" not in figures:
        return np.full(len(figures), None, dtype=object)
    said = figures["sentence"].notna().to_numpy()
    places = np.full(len(figures), np.nan, dtype=object)  # as a group with no place gives
    of_said = figures[["article_id", "sentence", "measure_where"]][said]
    place = of_said["measure_where"].map(_place, na_action="ignore")
    places[said] = place.groupby([of_said["article_id"], of_said["sentence"]]).transform("first")
    return places


def _unstated(figures: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Whether each figure's text gives no period that can be dated (none, or "the year" that
    the finder read in another clause; a change between two periods is one, and so are one
    before another and a vague one: "a year earlier", "in recent months"), and for those, the
    day their article was published (a proleptic ordinal; 0 for the others)."""
    text = figures.get("measure_period")
    if text is None:
        text = pd.Series([None] * len(figures))
    codes, texts = pd.factorize(text, use_na_sentinel=False)
    day = (dt.date(2000, 1, 1),) * 2  # whether a text can be dated does not depend on the day
    undated = np.array(
        [
            not isinstance(t, str)
            or (text_periods(t, day) == (None, None) and not NOT_LATEST.search(t))
            for t in texts
        ],
        dtype=bool,
    )
    unstated = undated[codes]
    days = pd.to_datetime(figures["published_latest"]).to_numpy().astype("datetime64[D]")
    published = days.astype(np.int64) + dt.date(1970, 1, 1).toordinal()
    return unstated, np.where(unstated & ~np.isnat(days), published, 0)


def distinct_sides(figures: pd.DataFrame) -> Sides:
    """Each figure's side id and the distinct sides, as figure_side reads them: columns words,
    place, quantity and period (core.sides.figure_sides)."""
    return figure_sides(figures, _counted, _figure_period)


def _text_order(figures: pd.DataFrame) -> list[int]:
    """Positions of the figures by article, then in the order of its text (those with no
    offset last; a stable order)."""
    start = figures["start"] if "start" in figures else pd.Series([None] * len(figures))
    start = pd.to_numeric(start, errors="coerce")
    articles = pd.factorize(figures["article_id"], sort=True)[0]
    return np.lexsort((start.fillna(0).to_numpy(), start.isna().to_numpy(), articles)).tolist()


def _curated(measure_id: str, side: Side, rows: list[tuple[dict, Side]]) -> list[tuple]:
    """The rows of the figure's measure id of its period; every row of it when the figure's
    text gives no period."""
    said = f"same measure id {measure_id!r}"
    if side.period is None:
        return [
            (row, "measure_id", 1.0, f"{said}; the figure states no period", _scale(side, ref))
            for row, ref in rows
            if _scale(side, ref)
        ]
    return [
        (
            row,
            "measure_id",
            1.0,
            f"{said}; period {side.period} and {row['period']}",
            _scale(side, ref),
        )
        for row, ref in rows
        if ref.period and side.period.aligns_with(ref.period) and _scale(side, ref)
    ]


def same_place(figure: Side, reference: Side) -> bool:
    """Places agree (places_agree) of a figure's and a reference value's sides."""
    return places_agree(figure.place, figure.words, reference.place, reference.words)


def places_agree(
    place: str | None, words: frozenset[str], other: str | None, other_words: frozenset[str]
) -> bool:
    """Places agree: the same, unstated on one side, the first words of the other's (a figure's
    'England' and a value's 'England and Wales', a finder's reading cut short), or one side's
    place is among the words of the other (a figure's 'France' and a value 'of French residents
    of France' in Syria)."""
    if not (place and other) or place == other or f"{other} ".startswith(f"{place} "):
        return True
    return place_in(place, other_words) or place_in(other, words)


def named(place: str, words: frozenset[str]) -> bool:
    """A place (as _place gives it) is named among words, in full or by its short name."""
    return place_in(place, words) or any(
        long == place and short in words for short, long in PLACE_NAMES.items()
    )


def place_in(place: str, words: frozenset[str]) -> bool:
    """The words of a place are among words."""
    return stems(place) <= words


def _scale(figure: Side, reference: Side) -> float | None:
    """What the figure's value is multiplied by to be in the reference's unit; None when the
    two are not numbers of one kind."""
    if figure.quantity == reference.quantity:
        return 1.0
    if figure.quantity == "ratio" and reference.quantity == "percent":
        return 100.0
    return None


def figure_side(figure: dict) -> Side:
    """What a figure (a row of `figures` with its article's publication dates) states."""
    words, place, quantity = _counted(
        figure.get("measure_what"),
        figure.get("measure_of_whom"),
        figure.get("measure_where"),
        figure["kind"],
        figure.get("unit"),
    )
    period = _figure_period(
        figure.get("measure_period"), figure["published_earliest"], figure["published_latest"]
    )
    return Side(words, place, period, quantity)


@lru_cache(maxsize=1 << 16)
def _counted(
    what: str | None, of_whom: str | None, where: str | None, kind: str, unit: str | None
) -> tuple[frozenset[str], str | None, str]:
    """A figure's words of what it counts, its place and its kind of number."""
    what, owner = _possessor(what)
    what = " ".join(filter(None, (what, of_whom)))
    return stems(what), _place(where or owner), _quantity(kind, unit)


@lru_cache(maxsize=1 << 16)
def _figure_period(text: str | None, earliest: object, latest: object) -> Period | None:
    """A figure's period: its text's, as of its publication when its text gives none, None for
    a change between two periods (no value of one period)."""
    published = (_day(earliest), _day(latest))
    period, earlier = text_periods(text, published)
    if earlier is not None:
        return None
    if period is None and not text:
        return Period("as_of", published, published)  # what a text states is true when written
    return period


def _possessor(what: str | None) -> tuple[str | None, str | None]:
    """What is counted without the name it opens with, and that name, the place of a count such
    as "Spain's public deficit" or "UK unemployment rate" ((what, None) with no such name)."""
    match = POSSESSOR.match(what or "")
    if not match:
        return what, None
    return what[match.end() :], match[1] or match[2]


def reference_side(row: dict) -> Side:
    """What a reference value (a row of `reference_values`) states."""
    start, end = _day(row["period_start"]), _day(row["period_end"])
    period = Period(row["period_kind"], (start, start), (end, end))
    unit = (row.get("unit") or "").strip().lower()
    measure = next((u for u in MEASURE_UNITS.values() if u in unit), None)
    quantity = (
        "percent"
        if unit in PERCENT_UNITS
        else "times"
        if unit == "times"
        else f"money:{CURRENCIES[unit]}"
        if unit in CURRENCIES
        else f"count:{measure}"
        if measure
        else "count"
    )
    noun = unit if quantity.startswith("count") else None  # homes, tonnes, cases
    what = " ".join(filter(None, (row.get("what"), row.get("of_whom"), noun)))
    return Side(stems(what), _place(row.get("place")), period, quantity)


def _quantity(kind: str, unit: str | None) -> str:
    if unit in MEASURE_UNITS and kind in ("other", "ratio", "count"):
        return f"count:{MEASURE_UNITS[unit]}"
    if kind == "money":
        return f"money:{CURRENCIES.get((unit or '').strip().lower(), unit)}"
    return {"multiplier": "times", "count": "count", "percent": "percent", "ratio": "ratio"}.get(
        kind, kind
    )


@lru_cache(maxsize=4096)
def _place(text: str | None) -> str | None:
    if not text:
        return None
    place = " ".join(w for w in re.findall(r"\w+", text.lower()) if w != "the") or None
    return PLACE_NAMES.get(place, place)


@lru_cache(maxsize=65536)
def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()
