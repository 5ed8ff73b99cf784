"""Found matches of figures with reference rows (core.matching): which row of a reference table a
figure states, by the words of its sentence, its kind of number, its place and its period.

A pair of a figure and a row is a candidate when their numbers are of one kind (a count with a
count, of one unit when the figure names a unit such as tonnes; a percent or a share with a
percent; money in one currency), their places agree, and their periods align (core.periods); a
figure whose text gives no period states the latest value published before its article: it is
a candidate for the latest row of each series (rows of one table saying the same but for the
period) whose period is current at publication or ended in the RECENT days before
(core.found_candidates), and for none of a series whose candidate rows are of periods of
different lengths.

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

from core.found_candidates import candidates, shared_codes
from core.sides import (
    equal_keys,
    joined,
    per_distinct,
    period_columns,
)

MIN_SCORE = 0.27  # the least score of a found match (benchmarks/matching.py)
MARGIN = 0.03  # by how much the best row beats the best of another series
MIN_COVER = 0.25  # the least share of a row's words its figure's sentence says
ONE_WORD = 0.5  # a share one word of several must exceed
OWN_WEIGHT = 0.5  # the weight of the figure's own words in the score (the sentence's: the rest)
UNSTATED_PLACE = 0.9  # the score is lowered when no side names the row's place
# rows scoring at least this are paired with the keys first: a key whose best among them is
# clear of the rest by MARGIN is not paired with the others (speed only: the same matches)
BAND = 0.7


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
    have read them in another clause); with no context, as they are. The words of each
    distinct text (own words and context) are scored once against each distinct set of a row's
    words (_scores); the keys are then joined with the rows so scored for their text on their
    kind of number, place and period (core.found_candidates), the rows scoring at least BAND
    first."""
    weight = _weights(rows["words"])
    series = zip(rows["reference_id"], rows["words"], rows["place"], rows["quantity"], strict=True)
    row_sets, row_words = pd.factorize(rows["words"])
    rows = rows.assign(series=pd.factorize(pd.Series(list(series)))[0], row_set=row_sets)
    keys = _in_context(keys, contexts, named)
    wordsets, word_sets = pd.factorize(keys["words"])
    texts, text_keys = pd.factorize(wordsets * (len(contexts) + 1) + keys["context"].to_numpy() + 1)
    text_keys = [divmod(int(k), len(contexts) + 1) for k in text_keys]
    text_sets = pd.Index(
        [word_sets[w] | (contexts[c - 1] if c else frozenset()) for w, c in text_keys]
    )
    text_wordsets = np.array([w for w, _ in text_keys], dtype=np.int64)
    keys["text"], keys["wordset"] = texts, wordsets
    names = {}
    for column in ("place", "quantity", "period_kind"):  # as codes shared by keys and rows
        names[column], (keys[f"{column}_code"], rows[f"{column}_code"]) = shared_codes(
            keys[column], rows[column]
        )
    scores = _scores(text_sets, text_wordsets, word_sets, pd.Series(row_words), weight)
    at, row = equal_keys(scores["row_set"].to_numpy(), row_sets)
    # the rows so scored, each with its score's position in scores ("at")
    scored = {"at": at, "row": row, **{c: scores[c].to_numpy()[at] for c in ("text", "score")}}
    sets = (text_sets, word_sets, row_words)
    high = scored["score"] >= BAND
    first = _pairs(keys, {c: v[high] for c, v in scored.items()}, rows, (sets, names), named)
    settled = _settled(first, keys, scored, rows)
    unsettled = keys[~settled]
    low = ~high & np.isin(scored["text"], unsettled["text"].unique())
    second = _pairs(unsettled, {c: v[low] for c, v in scored.items()}, rows, (sets, names), named)
    best = _best({c: np.concatenate([first[c], second[c]]) for c in first}, rows)
    at = best.pop("at").to_numpy()
    return best.assign(cover=scores["cover"].to_numpy()[at], own=scores["own"].to_numpy()[at])


def _pairs(
    keys: pd.DataFrame,
    scored: dict[str, np.ndarray],
    rows: pd.DataFrame,
    words: tuple[tuple[pd.Index, pd.Index, pd.Index], dict[str, pd.Index]],
    named: Callable[[str, frozenset[str]], bool],
) -> dict[str, np.ndarray]:
    """The candidates (core.found_candidates) whose places agree, their scores lowered when no
    side names the row's place: columns key, row, score and at (of its scores). words: the sets
    of words of texts, of keys' own words and of rows' words, and the values of the columns
    place, quantity and period_kind of keys and rows (their column_code: the positions in
    them)."""
    sets, names = words
    pairs = candidates(keys, scored, rows, sets, names, named)
    stated, agree = _places(pairs, names["place"], sets, named)
    pairs["score"] = np.where(stated, pairs["score"], pairs["score"] * UNSTATED_PLACE)
    return {c: pairs[c][agree] for c in ("key", "row", "score", "at")}


def _settled(
    pairs: dict[str, np.ndarray],
    keys: pd.DataFrame,
    scored: dict[str, np.ndarray],
    rows: pd.DataFrame,
) -> np.ndarray:
    """Whether the best of each key is known from its pairs with the rows scoring at least BAND
    (pairs): for each reference table with a row scored for its text, its best series kept
    (_best) scores at least BAND + MARGIN, so that no row scoring less can decide."""
    tables = pd.factorize(rows["reference_id"], sort=True)[0]
    width = tables.max(initial=0) + 1
    kept = _one_length(pairs, rows)
    of_table = pairs["key"][kept] * width + tables[pairs["row"][kept]]
    top = pd.Series(pairs["score"][kept]).groupby(of_table).max()
    decided = top.index.to_numpy(dtype=np.int64)[top.to_numpy() >= BAND + MARGIN] // width
    texts = scored["text"].astype(np.int64) * width + tables[scored["row"]]
    text = keys["text"].to_numpy(dtype=np.int64)
    per_text = np.bincount(np.unique(texts) // width, minlength=text.max(initial=-1) + 1)
    return np.bincount(decided, minlength=len(keys)) == per_text[text]


def _in_context(
    keys: pd.DataFrame, contexts: list[frozenset[str]], named: Callable[[str, frozenset[str]], bool]
) -> pd.DataFrame:
    """keys with the words and place of those with a context kept only when it says them,
    worked out once per distinct words, place and context."""
    said = keys["context"].to_numpy() >= 0
    ids, kept = per_distinct(
        keys[["words", "place", "context"]][said],
        ("words", "place", "context"),
        lambda words, place, at: (
            words & contexts[at],
            place if not isinstance(place, str) or named(place, contexts[at]) else None,
        ),
    )
    words, place = keys["words"].to_numpy().copy(), keys["place"].to_numpy().copy()
    kept_words, kept_place = zip(*kept, strict=True) if kept else ((), ())
    words[said] = np.array([*kept_words, None], dtype=object)[:-1][ids]
    place[said] = np.array([*kept_place, None], dtype=object)[:-1][ids]
    return keys.assign(words=words, place=place)


def _scores(
    text_sets: pd.Index,
    text_wordsets: np.ndarray,
    word_sets: pd.Index,
    row_words: pd.Series,
    weight: dict[str, float],
) -> pd.DataFrame:
    """The cover, own and score (see the module) of each text (its set of words, and the set of
    its own words, at the same position in text_wordsets) and distinct set of a row's words
    (row_words) that share a word and can reach MIN_SCORE - MARGIN: columns text, row_set,
    cover, own and score. Each distinct set of words is scored once."""
    total = row_words.map(lambda words: sum(weight.get(w, 0.0) for w in words)).to_numpy()
    set_codes, distinct = pd.factorize(pd.Series(list(text_sets), dtype=object))
    cover = _shared(pd.Series(distinct), row_words, weight)
    share = cover["shared"].to_numpy() / total[cover["right"]]
    alone = (cover["words"] == 1).to_numpy() & (row_words.map(len).to_numpy()[cover["right"]] > 1)
    cover = cover[(share >= MIN_COVER) & ~(alone & (share <= ONE_WORD))].assign(
        cover=share[(share >= MIN_COVER) & ~(alone & (share <= ONE_WORD))]
    )
    at, cover_at = joined(
        pd.DataFrame({"set": set_codes}), cover.rename(columns={"left": "set"}), ["set"]
    )
    pairs = pd.DataFrame(
        {
            "text": at,
            "wordset": text_wordsets[at],
            "row_set": cover["right"].to_numpy()[cover_at],
            "cover": cover["cover"].to_numpy()[cover_at],
        }
    )
    own = _shared(pd.Series(word_sets), row_words, weight)
    sizes = pd.Series(word_sets).map(lambda ws: sum(weight.get(w, _absent(weight)) for w in ws))
    own = pd.DataFrame(
        {
            "wordset": own["left"],
            "row_set": own["right"],
            "own": 2 * own["shared"] / (sizes.to_numpy()[own["left"]] + total[own["right"]]),
        }
    )
    pairs = pairs.merge(own, how="left", on=["wordset", "row_set"])
    pairs["own"] = pairs["own"].fillna(0.0)
    pairs["score"] = (pairs["cover"] + OWN_WEIGHT * pairs["own"]) / (1 + OWN_WEIGHT)
    # a pair scoring less can neither be matched nor be the runner-up that stops a match
    return pairs[pairs["score"] >= MIN_SCORE - MARGIN].drop(columns="wordset")


def _places(
    pairs: dict[str, np.ndarray],
    places: pd.Index,
    sets: tuple[pd.Index, pd.Index, pd.Index],
    named: Callable[[str, frozenset[str]], bool],
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair (columns place, text, wordset of a key, row_place and row_set of a row;
    places as codes in places, -1 for none; sets: the sets of words of texts, of keys' own
    words and of rows' words): whether the row's place is stated (none, the figure's, or named
    in its text) and whether the places agree (core.matching.places_agree: the same, one
    unstated, the figure's the first words of the row's, or one named among the other side's
    words), each found once per distinct place and text, set of row's words or set of own
    words."""
    text_sets, word_sets, row_words = sets
    place, row_place = pairs["place"], pairs["row_place"]
    both = (row_place >= 0) & (place >= 0)
    same = both & (place == row_place)
    stated = (row_place < 0) | same
    check = pd.DataFrame({c: pairs[c][~stated] for c in ("row_place", "text")})
    ids, said = per_distinct(
        check, ("row_place", "text"), lambda r, t: named(places[r], text_sets[t])
    )
    stated[~stated] = np.array(said, dtype=bool)[ids] if len(check) else False
    differ = both & ~same
    check = pd.DataFrame(
        {c: pairs[c][differ] for c in ("place", "row_place", "row_set", "wordset")}
    )
    tests = (
        (("place", "row_place"), lambda p, r: f"{places[r]} ".startswith(f"{places[p]} ")),
        (("place", "row_set"), lambda p, row_set: named(places[p], row_words[row_set])),
        (("row_place", "wordset"), lambda r, w: named(places[r], word_sets[w])),
    )
    agree = ~differ
    for columns, test in tests:
        ids, results = per_distinct(check, columns, test)
        agree[differ] |= np.array(results, dtype=bool)[ids] if len(check) else False
    return stated, agree


def _best(pairs: dict[str, np.ndarray], rows: pd.DataFrame) -> pd.DataFrame:
    """Each key's best row of each reference table, when its score is at least MIN_SCORE and
    beats the best of any other series by MARGIN; of a series, its latest row (the pairs of a
    key with a period are of rows of its period), and none when its rows are of periods of
    different lengths (a year's and a month's: which one a figure stating no period states is
    not known). pairs: columns key, row, score and at (of its scores).

    Only the pairs within MARGIN of the best score of their key and table can decide (a series'
    rows all score the same for a key): they are ranked (_ranked), and all pairs of a key and
    table again when its best series was left out for its periods' lengths."""
    table = pd.factorize(rows["reference_id"], sort=True)[0][pairs["row"]]
    pairs = {**pairs, "of_table": pairs["key"] * (table.max(initial=0) + 1) + table}
    top = pd.Series(pairs["score"]).groupby(pairs["of_table"]).transform("max").to_numpy()
    near = np.flatnonzero(pairs["score"] >= top - MARGIN)
    best, kept_top = _ranked({name: column[near] for name, column in pairs.items()}, rows)
    again = np.unique(pairs["of_table"][near][kept_top < top[near]])  # its best left out
    if len(again):
        redo = np.flatnonzero(np.isin(pairs["of_table"], again))
        redone, _ = _ranked({name: column[redo] for name, column in pairs.items()}, rows)
        best = pd.concat(
            [best[~np.isin(best["of_table"].to_numpy(), again)], redone], ignore_index=True
        ).sort_values("of_table", kind="stable")
    return best[["key", "row", "score", "at"]].reset_index(drop=True)


def _ranked(pairs: dict[str, np.ndarray], rows: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """_best of these pairs (with of_table: a code of the key and table), sorted by of_table,
    and for each pair the best score of its key and table among the series kept (-inf for
    none)."""
    row, of_table = pairs["row"], pairs["of_table"]
    end = rows["end_to"].to_numpy()[row]
    of_series = pairs["key"] * (len(rows) + 1) + rows["series"].to_numpy()[row]
    kept = _one_length(pairs, rows)
    score = pairs["score"][kept]
    order = np.lexsort((row[kept], -end[kept], -score, of_table[kept]))
    order = order[~pd.Series(of_series[kept][order]).duplicated().to_numpy()]  # a series's first
    ranked = of_table[kept][order]
    starts = np.flatnonzero(np.diff(ranked, prepend=-1) != 0)  # each table's best
    following = np.append(ranked[1:] == ranked[:-1], False)
    second = np.where(following, np.append(score[order][1:], 0.0), 0.0)[starts]
    best = kept[order[starts]]
    at = np.minimum(np.searchsorted(ranked[starts], of_table), max(len(starts) - 1, 0))
    has = (ranked[starts][at] == of_table) if len(starts) else np.zeros(len(row), dtype=bool)
    kept_top = np.where(has, pairs["score"][best][at] if len(starts) else 0.0, -np.inf)
    best = best[(pairs["score"][best] >= MIN_SCORE) & (pairs["score"][best] - second >= MARGIN)]
    columns = ("key", "row", "score", "at", "of_table")
    return pd.DataFrame({c: pairs[c][best] for c in columns}), kept_top


def _one_length(pairs: dict[str, np.ndarray], rows: pd.DataFrame) -> np.ndarray:
    """The positions of the pairs (columns key and row) whose key's rows of the series are all
    of periods of one length ("7.4 million" and a year's and a month's rows: which one a figure
    stating no period states is not known)."""
    row = pairs["row"]
    of_series = pairs["key"] * (len(rows) + 1) + rows["series"].to_numpy()[row]
    several = np.flatnonzero(pd.Series(of_series).duplicated(keep=False).to_numpy())
    length = (rows["end_to"].to_numpy() - rows["start_from"].to_numpy())[row[several]] // 28
    by = pd.Series(length).groupby(of_series[several])
    kept = np.ones(len(row), dtype=bool)  # a series of one row for its key is of one length
    kept[several] = (by.transform("min") == by.transform("max")).to_numpy()
    return np.flatnonzero(kept)


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
