"""The candidate pairs of found matching (core.found_matching): which rows so scored for a
figure's text each figure (a key) is looked up among, by kind of number, place and period.

A key stating a period is a candidate for the rows whose period aligns with it (core.periods:
of one kind, both ends within a week); one stating none for the rows current at its article's
publication or ended in the RECENT days before. Rows are sorted once by text, kind of number,
place, length and start, and each key looks up the range of starts its period allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from core.periods import SLACK
from core.sides import PERIOD_BOUNDS, aligned, equal_keys, in_ranges, months

RECENT = 200  # days before publication in which a row's period ends, for a figure stating none
YEAR = 366  # the longest period of a row, in days
SHORT = 31  # the longest period of a short row (a month's, a week's, a day's), in days
EPOCH = dt.date(1970, 1, 1).toordinal()


def candidates(
    keys: pd.DataFrame,
    scored: dict[str, np.ndarray],
    rows: pd.DataFrame,
    sets: tuple[pd.Index, pd.Index, pd.Index],
    names: dict[str, pd.Index],
    named: Callable[[str, frozenset[str]], bool],
) -> dict[str, np.ndarray]:
    """The pairs of a key and a row scored for its text (scored: columns at, row, text and score)
    whose numbers are of one kind, whose places may agree (_places says whether they do) and
    whose periods align (a key stating no period: the row's is current at publication or ended
    in the RECENT days before, and started no earlier than the month RECENT + YEAR days
    before): columns key, row, score, at and what _places reads (places as codes in
    names["place"]).

    The rows so scored are sorted by text, kind of number, place (_other_places: also by each
    place a row's may agree with a key's by), length (SHORT days or less, or more) and start;
    each key looks up those of its text, kind and place (any, when it states none) that start
    in the days its period can start in (a week either side; a key stating none: the days a
    current or recent row of that length can start in)."""
    places, quantities = names["place"], names["quantity"]
    key_place, row_place = keys["place_code"].to_numpy(), rows["place_code"].to_numpy()
    key_quantity, row_quantity = keys["quantity_code"].to_numpy(), rows["quantity_code"].to_numpy()
    extra_keys, extra_entries = _other_places(keys, scored, rows, places, sets, named)
    row = scored["row"]
    start, end = rows["start_from"].to_numpy(), rows["end_to"].to_numpy()
    # the entries: each row so scored, with its place, then again with each other place
    entry = np.concatenate([np.arange(len(scored["row"])), extra_entries["entry"].to_numpy()])
    entry_row = row[entry]
    entry_place = np.concatenate([row_place[row], extra_entries["place"].to_numpy()])
    long = (end - start > SHORT)[entry_row]
    # the lookups: each key, a ratio as a percent too, and with each other place
    key = np.arange(len(keys))
    quantity = key_quantity[key]
    percent = quantities.get_indexer(["percent"])[0]
    ratio = np.flatnonzero(quantity == quantities.get_indexer(["ratio"])[0])
    if percent < 0:
        ratio = ratio[:0]
    key = np.concatenate([key, ratio])
    quantity = np.concatenate([quantity, np.full(len(ratio), percent)])
    extra_at, extra_key = equal_keys(extra_keys["key"].to_numpy(), key)
    place = np.concatenate([key_place[key], extra_keys["place"].to_numpy()[extra_at]])
    key = np.concatenate([key, key[extra_key]])
    quantity = np.concatenate([quantity, quantity[extra_key]])
    day = keys["published"].to_numpy()[key]
    unstated = keys["unstated"].to_numpy()[key]
    first_month = months(day - RECENT - YEAR).astype("datetime64[M]").astype("datetime64[D]")
    low = np.where(
        unstated, first_month.astype(np.int64) + EPOCH, keys["start_from"].to_numpy()[key]
    )
    low = np.where(unstated, low, low - SLACK.days)
    high = np.where(unstated, day, keys["start_to"].to_numpy()[key]) + SLACK.days
    low_short = np.where(unstated, np.maximum(low, day - RECENT - SHORT), low)
    # one index of the rows so scored for a key stating no place, one for a key stating one
    entry_start = start[entry_row]
    base = int(entry_start.min(initial=0)) - 1
    span = int(entry_start.max(initial=0)) - base + 2
    width = len(places) + 1

    def at(group: np.ndarray, days: np.ndarray) -> np.ndarray:
        return group * span + np.clip(days - base, 0, span - 1)

    kind = scored["text"][entry] * len(quantities) + row_quantity[entry_row]
    loose_group = kind * 2 + long
    placed_group = (kind * width + entry_place + 1) * 2 + long
    lookup_kind = keys["text"].to_numpy()[key] * len(quantities) + quantity
    placed = place >= 0
    found = []
    for lookups, group, values in (
        (
            np.flatnonzero(~placed),
            lookup_kind * 2,
            at(loose_group, entry_start)[: len(scored["row"])],
        ),
        (
            np.flatnonzero(placed),
            (lookup_kind * width + place + 1) * 2,
            at(placed_group, entry_start),
        ),
    ):
        group = group[lookups]
        lows = np.concatenate([at(group, low_short[lookups]), at(group + 1, low[lookups])])
        highs = np.concatenate([at(group, high[lookups]), at(group + 1, high[lookups])])
        lookup_at, entry_at = in_ranges(lows, highs, values)
        found.append((key[np.tile(lookups, 2)[lookup_at]], entry[entry_at]))
    pair_key = np.concatenate([k for k, _ in found])
    pair_entry = np.concatenate([e for _, e in found])
    if len(extra_keys) or len(extra_entries):  # a pair may be found by more than one place
        unique = (
            ~pd.Series(pair_key * (len(scored["row"]) + 1) + pair_entry).duplicated().to_numpy()
        )
        pair_key, pair_entry = pair_key[unique], pair_entry[unique]
    pair_row = row[pair_entry]
    kept = keys["unstated"].to_numpy()[pair_key]
    kept[kept] = end[pair_row[kept]] >= keys["published"].to_numpy()[pair_key[kept]] - RECENT
    stated = np.flatnonzero(~keys["unstated"].to_numpy()[pair_key])
    bounds = PERIOD_BOUNDS[1:]
    left = {c: keys[c].to_numpy()[pair_key[stated]] for c in bounds}
    right = {c: rows[c].to_numpy()[pair_row[stated]] for c in bounds}
    key_kind, row_kind = keys["period_kind_code"].to_numpy(), rows["period_kind_code"].to_numpy()
    kept[stated] = (key_kind[pair_key[stated]] == row_kind[pair_row[stated]]) & aligned(
        left, right, SLACK.days
    )
    pair_key, pair_entry, pair_row = pair_key[kept], pair_entry[kept], pair_row[kept]
    return {
        "key": keys["key"].to_numpy()[pair_key],
        "row": pair_row,
        **{c: scored[c][pair_entry] for c in ("score", "at", "text")},
        "row_set": rows["row_set"].to_numpy()[pair_row],
        "wordset": keys["wordset"].to_numpy()[pair_key],
        "place": key_place[pair_key],
        "row_place": row_place[pair_row],
    }


def shared_codes(left: pd.Series, right: pd.Series) -> tuple[pd.Index, tuple[np.ndarray, ...]]:
    """The distinct values of two series, and each one's codes of its values (-1 for none)."""
    codes, uniques = pd.factorize(pd.concat([left, right], ignore_index=True))
    return pd.Index(uniques), (codes[: len(left)], codes[len(left) :])


def _other_places(
    keys: pd.DataFrame,
    scored: dict[str, np.ndarray],
    rows: pd.DataFrame,
    places: pd.Index,
    sets: tuple[pd.Index, pd.Index, pd.Index],
    named: Callable[[str, frozenset[str]], bool],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The places, other than its own, that a key or a row may agree with a place of the other
    by (core.matching.places_agree), as codes in places: for a key stating one, the rows' places
    its own words name (columns key and place); for each row so scored (an entry of scored),
    every key's place when it states none, those its place's name begins with, and those its
    words name (columns entry and place). A place named in no set of words at all is named in
    none of them."""
    _, word_sets, row_words = sets
    key_place, row_place = keys["place_code"].to_numpy(), rows["place_code"].to_numpy()
    key_places, row_places = np.unique(key_place[key_place >= 0]), np.unique(row_place)
    own_words, row_vocabulary = frozenset().union(*word_sets), frozenset().union(*row_words)
    wordset = keys["wordset"].to_numpy()
    key_extra = [
        (np.flatnonzero(says[wordset] & (key_place >= 0) & (key_place != code)), code)
        for code in row_places[row_places >= 0]
        if named(places[code], own_words)
        for says in [np.array([named(places[code], words) for words in word_sets], dtype=bool)]
    ]
    entry_place = row_place[scored["row"]]
    entry_set = rows["row_set"].to_numpy()[scored["row"]]
    entry_extra = [(np.flatnonzero(entry_place < 0), code) for code in key_places]
    entry_extra += [
        (np.flatnonzero(entry_place == other), code)
        for code in key_places
        for other in row_places[row_places >= 0]
        if other != code and f"{places[other]} ".startswith(f"{places[code]} ")
    ]
    entry_extra += [
        (np.flatnonzero(says[entry_set] & (entry_place != code)), code)
        for code in key_places
        if named(places[code], row_vocabulary)
        for says in [np.array([named(places[code], words) for words in row_words], dtype=bool)]
    ]
    extra_keys = _long(key_extra, "key")
    extra_entries = _long(entry_extra, "entry").drop_duplicates()
    return extra_keys, extra_entries


def _long(extras: list[tuple[np.ndarray, int]], name: str) -> pd.DataFrame:
    """Positions and the place each is given, one row per pair: columns name and place."""
    return pd.DataFrame(
        {
            name: np.concatenate([at for at, _ in extras] or [np.zeros(0, dtype=np.int64)]),
            "place": np.concatenate(
                [np.full(len(at), code) for at, code in extras] or [np.zeros(0, dtype=np.int64)]
            ),
        }
    )
