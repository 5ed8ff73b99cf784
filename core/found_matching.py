"""Found matches of figures with reference rows (core.matching): which row of a reference table a
figure states, by the words of its sentence, its kind of number, its place and its period.

A pair of a figure and a row is a candidate when their numbers are of one kind (a count with a
count, of one unit when the figure names a unit such as tonnes; a percent or a share with a
percent; money in one currency), their places agree, and their periods align (core.periods); a
figure whose text gives no period states the latest value published before its article: it is
a candidate for the latest row of each series (rows of one table saying the same but for the
period) whose period is current at publication or ended in the RECENT days before, and for none
of a series whose candidate rows are of periods of different lengths.

Its score (0 to 1) says how much of the row's words the figure's stretch of its sentence says
(`cover`: the share of the row's words found among the stretch's and the figure's own, each word
weighted by its rarity among the rows, IDF; at least MIN_COVER, and more than ONE_WORD when one
word of several) and how close the figure's own words (what it counts, of whom) are to the
row's (`own`: a weighted Dice coefficient), lowered when neither side nor the stretch names the
row's place. A figure is matched with its best row of each table when the score is at least
MIN_SCORE and beats the best row of any other series by MARGIN; never by the closeness of the
values (that would hide contradictions).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from core.periods import SLACK
from core.sides import (
    PERIOD_BOUNDS,
    aligned,
    joined,
    months,
    per_distinct,
    period_columns,
    start_months,
)

MIN_SCORE = 0.27  # the least score of a found match (benchmarks/matching.py)
MARGIN = 0.03  # by how much the best row beats the best of another series
MIN_COVER = 0.25  # the least share of a row's words its figure's sentence says
ONE_WORD = 0.5  # a share one word of several must exceed
OWN_WEIGHT = 0.5  # the weight of the figure's own words in the score (the sentence's: the rest)
UNSTATED_PLACE = 0.9  # the score is lowered when no side names the row's place
RECENT = 200  # days before publication in which a row's period ends, for a figure stating none
YEAR = 366  # the longest period of a row, in days


def found(
    keys: pd.DataFrame,
    contexts: list[frozenset[str]],
    rows: pd.DataFrame,
    named: Callable[[str, frozenset[str]], bool],
) -> pd.DataFrame:
    """The best row of each reference table for each key (a figure's side and context): keys
    has columns key, words (the figure's own stems), context (the position in contexts of the
    stems of its stretch of its sentence, -1 for none), place, quantity, unstated (its text
    gives no period that can be dated), published (then the day its article was published, a
    proleptic ordinal) and the period_columns of its period; rows has reference_id, row_id,
    words, place, quantity and period_columns. named(place, words): the place is named among
    the words. Returns columns key, row, score, cover and own (see the module).

    A figure's own words and place are kept only when its context says them (the finder may
    have read them in another clause); with no context, as they are."""
    weight = _weights(rows["words"])
    series = zip(rows["reference_id"], rows["words"], rows["place"], rows["quantity"], strict=True)
    rows = rows.assign(
        series=pd.factorize(pd.Series(list(series)))[0],
        total=rows["words"].map(lambda words: sum(weight.get(w, 0.0) for w in words)),
    )
    context = np.array([*contexts, frozenset()], dtype=object)[keys["context"].to_numpy()]
    words, place = keys["words"].to_numpy().copy(), keys["place"].to_numpy().copy()
    for i in np.flatnonzero(keys["context"].to_numpy() >= 0):
        words[i] &= context[i]
        if isinstance(place[i], str) and not named(place[i], context[i]):
            place[i] = None
    keys = keys.assign(words=words, place=place)
    wordsets, word_sets = pd.factorize(keys["words"])
    texts, text_keys = pd.factorize(wordsets * (len(contexts) + 1) + keys["context"].to_numpy() + 1)
    text_keys = [divmod(int(k), len(contexts) + 1) for k in text_keys]
    text_sets = pd.Index(
        [word_sets[w] | (contexts[c - 1] if c else frozenset()) for w, c in text_keys]
    )
    keys = keys.assign(text=texts, wordset=wordsets)
    cover = _shared(pd.Series(text_sets), rows["words"], weight)
    cover = cover.assign(cover=cover["shared"] / rows["total"].to_numpy()[cover["right"]])
    alone = (cover["words"] == 1) & (rows["words"].map(len).to_numpy()[cover["right"]] > 1)
    cover = cover[(cover["cover"] >= MIN_COVER) & ~(alone & (cover["cover"] <= ONE_WORD))]
    cover = cover.rename(columns={"left": "text", "right": "row"})
    own = _shared(pd.Series(word_sets), rows["words"], weight)
    sizes = pd.Series(word_sets).map(lambda ws: sum(weight.get(w, _absent(weight)) for w in ws))
    total = sizes.to_numpy()[own["left"]] + rows["total"].to_numpy()[own["right"]]
    own = own.assign(own=2 * own["shared"] / total)
    cover["wordset"] = np.array([w for w, _ in text_keys], dtype=np.int64)[cover["text"]]
    cover = cover.merge(
        own.rename(columns={"left": "wordset", "right": "row"})[["wordset", "row", "own"]],
        how="left",
        on=["wordset", "row"],
    )
    cover["own"] = cover["own"].fillna(0.0)
    cover["score"] = (cover["cover"] + OWN_WEIGHT * cover["own"]) / (1 + OWN_WEIGHT)
    # a pair scoring less can neither be matched nor be the runner-up that stops a match
    cover = cover[cover["score"] >= MIN_SCORE - MARGIN]
    pairs = _candidates(keys, cover[["text", "row", "cover", "own", "score"]], rows)
    stated, agree = _places(pairs, keys, rows, text_sets, word_sets, named)
    score = pairs["score"]
    pairs = pairs.assign(score=np.where(stated, score, score * UNSTATED_PLACE))[agree]
    return _best(pairs, rows)


def _places(
    pairs: pd.DataFrame,
    keys: pd.DataFrame,
    rows: pd.DataFrame,
    text_sets: pd.Index,
    word_sets: pd.Index,
    named: Callable[[str, frozenset[str]], bool],
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair: whether the row's place is stated (none, the figure's, or named in its
    text) and whether the places agree (core.matching.places_agree: the same, one unstated,
    the figure's the first words of the row's, or one named among the other side's words),
    each found once per distinct place and text, row or set of words."""
    place = keys["place"].to_numpy()[pairs["key"]]
    row_place = rows["place"].to_numpy()[pairs["row"]]
    check = pairs.assign(place=place, row_place=row_place)
    has_row_place = rows["place"].notna().to_numpy()[pairs["row"]]
    both = has_row_place & keys["place"].notna().to_numpy()[pairs["key"]]
    same = both & (place == row_place)
    ids, said = per_distinct(
        check, ("row_place", "text"), lambda r, t: isinstance(r, str) and named(r, text_sets[t])
    )
    stated = ~has_row_place | same | np.array(said, dtype=bool)[ids]
    differ = both & ~same
    check, row_words = check[differ], rows["words"].to_numpy()
    tests = (
        (("place", "row_place"), lambda p, r: f"{r} ".startswith(f"{p} ")),
        (("place", "row"), lambda p, row: named(p, row_words[row])),
        (("row_place", "wordset"), lambda r, w: named(r, word_sets[w])),
    )
    agree = ~differ
    for columns, test in tests:
        ids, results = per_distinct(check, columns, test)
        agree[differ] |= np.array(results, dtype=bool)[ids] if len(check) else False
    return stated, agree


def _candidates(keys: pd.DataFrame, cover: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The pairs of a key and a row scored for its text whose numbers are of one kind and whose
    periods align (a key stating no period: the row's is current at publication or ended in
    the RECENT days before), joined on the months the row's period can start in: columns key,
    text, wordset, row and those of cover."""
    columns = ["key", "text", "quantity", *PERIOD_BOUNDS]
    stated = start_months(keys.loc[~keys["unstated"], columns], SLACK.days)
    unstated = keys.loc[keys["unstated"], ["key", "text", "quantity", "published"]]
    first = months(unstated["published"] - RECENT - YEAR)
    count = months(unstated["published"] + SLACK.days) - first + 1
    late = unstated.loc[unstated.index.repeat(count)]
    starts = np.repeat(np.cumsum(count) - count, count)
    late = late.assign(month=np.repeat(first, count) + np.arange(len(late)) - starts)
    posted = ["key", "text", "quantity", "month"]
    postings = pd.concat([stated[posted], late[posted]])
    ratios = postings[postings["quantity"] == "ratio"].assign(quantity="percent")
    postings = pd.concat([postings, ratios], ignore_index=True)
    at = cover["row"].to_numpy()
    scored = cover.assign(
        quantity=rows["quantity"].to_numpy()[at], month=months(rows["start_from"])[at]
    )
    block = ("text", "quantity", "month")
    at, row_at = joined(postings, scored, block)
    pairs = pd.concat(
        [
            postings[["key"]].iloc[at].reset_index(drop=True),
            scored.drop(columns=["quantity", "month"]).iloc[row_at].reset_index(drop=True),
        ],
        axis=1,
    )
    key, row = pairs["key"].to_numpy(), pairs["row"].to_numpy()
    left = pd.DataFrame({c: keys[c].to_numpy()[key] for c in PERIOD_BOUNDS})
    right = pd.DataFrame({c: rows[c].to_numpy()[row] for c in PERIOD_BOUNDS})
    published = keys["published"].to_numpy()[key]
    recent = (right["end_to"].to_numpy() >= published - RECENT) & (
        right["start_from"].to_numpy() <= published + SLACK.days
    )
    stated = (left["period_kind"] == right["period_kind"]).to_numpy() & aligned(
        left, right, SLACK.days
    )
    pairs = pairs[np.where(keys["unstated"].to_numpy()[key], recent, stated)]
    return pairs.assign(wordset=keys["wordset"].to_numpy()[pairs["key"]])


def _best(pairs: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Each key's best row of each reference table, when its score is at least MIN_SCORE and
    beats the best of any other series by MARGIN; of a series, its latest row (the pairs of a
    key with a period are of rows of its period), and none when its rows are of periods of
    different lengths (a year's and a month's: which one a figure stating no period states is
    not known)."""
    end = rows["end_to"].to_numpy()[pairs["row"]]
    pairs = pairs.assign(
        reference_id=rows["reference_id"].to_numpy()[pairs["row"]],
        series=rows["series"].to_numpy()[pairs["row"]],
        end=end,
        months=(end - rows["start_from"].to_numpy()[pairs["row"]]) // 28,
    )
    lengths = pairs.groupby(["key", "series"])["months"].transform("nunique")
    pairs = pairs[lengths.to_numpy() == 1]  # "7.4 million" and a year's and a month's rows
    pairs = pairs.sort_values(
        ["key", "reference_id", "score", "end", "row"], ascending=[True, True, False, False, True]
    )
    per_series = pairs.drop_duplicates(["key", "reference_id", "series"])
    ranked = per_series.assign(rank=per_series.groupby(["key", "reference_id"]).cumcount())
    best = ranked[ranked["rank"] == 0]
    second = ranked[ranked["rank"] == 1][["key", "reference_id", "score"]]
    best = best.merge(second, how="left", on=["key", "reference_id"], suffixes=("", "_second"))
    keep = (best["score"] >= MIN_SCORE) & (
        best["score"] - best["score_second"].fillna(0.0) >= MARGIN
    )
    return best[keep][["key", "row", "score", "cover", "own"]].reset_index(drop=True)


def _weights(words: pd.Series) -> dict[str, float]:
    """Each word's weight among rows: the log of how rare it is (IDF)."""
    counts = words.map(tuple).explode().dropna().value_counts()
    return {w: math.log(1 + len(words) / n) for w, n in counts.items()}


def _absent(weight: dict[str, float]) -> float:
    """The weight of a word no row says: that of the rarest."""
    return max(weight.values(), default=1.0)


def _shared(left: pd.Series, right: pd.Series, weight: dict[str, float]) -> pd.DataFrame:
    """The weight of the words shared by each pair of a set of words of left and one of right,
    for the pairs that share a word: columns left and right (positions), shared and words (how
    many)."""

    def long(words: pd.Series) -> pd.DataFrame:
        sizes = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        return pd.DataFrame(
            {
                "at": np.repeat(np.arange(len(words)), sizes),
                "word": list(itertools.chain.from_iterable(words)),
            }
        )

    joined = long(left).merge(long(right), on="word", suffixes=("_left", "_right"))
    pair = joined["at_left"].to_numpy() * len(right) + joined["at_right"].to_numpy()
    pairs, inverse = np.unique(pair, return_inverse=True)
    weights = joined["word"].map(weight).fillna(0.0).to_numpy()
    return pd.DataFrame(
        {
            "left": pairs // len(right),
            "right": pairs % len(right),
            "shared": np.bincount(inverse, weights=weights, minlength=len(pairs)),
            "words": np.bincount(inverse, minlength=len(pairs)),
        }
    )


def row_frame(references: pd.DataFrame, sides: list) -> pd.DataFrame:
    """The rows as found reads them (see found), from their sides (core.matching.Side)."""
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "reference_id": references["reference_id"].to_numpy(),
                    "row_id": references["row_id"].to_numpy(),
                    "words": [s.words for s in sides],
                    "place": [s.place for s in sides],
                    "quantity": [s.quantity for s in sides],
                }
            ),
            period_columns([s.period for s in sides]),
        ],
        axis=1,
    )
