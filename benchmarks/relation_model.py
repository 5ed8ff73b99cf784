"""A learned look at the relations between a text's figures (issue 15): a logistic regression
over candidate pairs of figures, scored from the words around and between them.

A candidate is an ordered pair (subject, object) of figures at most BACK figures and two
sentences apart whose kinds allow some relation type (`allowed_types`). Its features are words
only: the kinds, the qualifiers, the few (stemmed) words before and after each figure, the words
between them, the order, the figures and sentences between, whether they count the same noun
or unit, and which rule of core/find_relations.py linked them, if any. No feature compares the
two numbers: a finder that preferred pairs whose numbers agree would hide the inconsistencies
the warehouse exists to show.

The model is linear, so a pair's score per type is the sum of what the subject's words, the
object's words and the pair's own words give: the first two are summed once per figure, which
keeps the look linear in the text. benchmarks/train_relations.py fits the weights,
benchmarks/learned_relations.py measures what they add to the rules (docs/uncurated.md); a
model's JSON artefact is read back by load_model.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from core.found_relation import FoundRelation, fits_unit, make_relation
from core.relation_text import AMOUNTS, BACK, FigureText

NONE = "none"
CLASSES = (NONE, "part_of", "share_of", "percent_change", "multiple_of", "same_quantity")
SHARES = ("percent", "ratio")
SENTENCES = 2  # sentences apart a candidate's figures can be, at most
CONTEXT = 5  # words read before and after a figure
GAP_WORDS = 8  # words read at each end of the text between two figures
_TOKEN = re.compile(r"[a-z]+|\d[\d,.]*|[^\sa-z\d]", re.IGNORECASE)
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _word(token: str) -> str:
    """A token as a feature: stemmed lower-case word, '#' for a number, punctuation as is."""
    if token[0].isdigit():
        return "#"
    return _stemmer.stemWord(token.lower()) if token[0].isalpha() else token


def allowed_types(doc: FigureText, i: int, j: int) -> tuple[str, ...]:
    """The relation types figure i (the subject) can have to figure j (the object), by kind."""
    a, b = doc.kind(i), doc.kind(j)
    types = []
    if a in AMOUNTS and b in AMOUNTS and fits_unit(doc, i, j):
        types.append("part_of")
    if a in SHARES and b in AMOUNTS:
        types += ["share_of", "percent_change"]
    if a == "multiplier" and (b in AMOUNTS or b == "percent"):
        types.append("multiple_of")
    if i < j and (a == b or {a, b} <= set(SHARES)):
        types.append("same_quantity")
    return tuple(types)


class Words:
    """A text's tokens with their offsets, and the figures' token positions and contexts."""

    def __init__(self, doc: FigureText):
        self.doc = doc
        matches = list(_TOKEN.finditer(doc.text))
        self.words = [_word(m[0]) for m in matches]
        starts = [m.start() for m in matches]
        self.first = [bisect.bisect_left(starts, f.start) for f in doc.figures]
        self.last = [bisect.bisect_left(starts, f.end) for f in doc.figures]
        self.sentence = _sentence_numbers(doc)

    def around(self, i: int, role: str) -> list[str]:
        """Figure i's own features as subject ('s') or object ('o')."""
        doc, words = self.doc, self.words
        first, last = doc.sentences[i]
        figure = doc.figures[i]
        before = words[max(0, self.first[i] - CONTEXT) : self.first[i]]
        after = words[self.last[i] : self.last[i] + CONTEXT]
        opens = len(doc.text[first : figure.start].split()) <= 2
        feats = [f"{role}k={doc.kind(i)}", f"{role}q={figure.qualifier}"]
        feats += [f"{role}b={w}" for w in before] + [f"{role}a={w}" for w in after]
        feats += [f"{role}b{n}={w}" for n, w in enumerate(reversed(before[-2:]), 1)]
        feats += [f"{role}a{n}={w}" for n, w in enumerate(after[:2], 1)]
        if figure.end <= doc.lead_end:
            feats.append(f"{role}lead")
        if opens:
            feats.append(f"{role}opens")
        if doc.opens_on_of(i):
            feats.append(f"{role}ofopen")
        return feats

    def between(self, i: int, j: int, rules: dict[tuple[int, int], str]) -> list[str]:
        """The features of the pair (subject i, object j) that neither figure has alone."""
        doc = self.doc
        a, b = min(i, j), max(i, j)
        gap = self.words[self.last[a] : self.first[b]]
        order = "fwd" if i < j else "back"
        apart = self.sentence[b] - self.sentence[a]
        kinds = f"{doc.kind(i)}>{doc.kind(j)}"
        feats = [
            f"kk={kinds}",
            f"kko={kinds}:{order}:{apart}",
            f"order={order}",
            f"apart={apart}",
            f"figs={min(b - a, 6)}",
            f"gaplen={_bucket(len(gap))}",
        ]
        ends = gap if len(gap) <= 2 * GAP_WORDS else gap[:GAP_WORDS] + gap[-GAP_WORDS:]
        feats += [f"g={w}" for w in ends]
        feats += [f"g{n}={w}" for n, w in enumerate(gap[:3], 1)]
        feats += [f"gl{n}={w}" for n, w in enumerate(reversed(gap[-2:]), 1)]
        feats += [f"g{order}={w}" for w in gap[:3]]
        head_i, head_j = doc.head(i), doc.head(j)
        if head_i is not None and head_i == head_j:
            feats.append("samehead")
        if doc.figures[i].unit is not None and doc.figures[i].unit == doc.figures[j].unit:
            feats.append("sameunit")
        rule = rules.get((i, j))
        if rule is not None:
            feats += ["rule", f"rule={rule}"]
        elif (j, i) in rules:
            feats.append("rule_reversed")
        if ("subject", i) in rules:
            feats.append("rule_subject_elsewhere" if rule is None else "rule_subject")
        return feats


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def _sentence_numbers(doc: FigureText) -> list[int]:
    numbers, count = [], 0
    for k, span in enumerate(doc.sentences):
        count += k > 0 and span != doc.sentences[k - 1]
        numbers.append(count)
    return numbers


def rule_links(doc: FigureText, found: Iterable[FoundRelation]) -> dict[tuple, str]:
    """What the rules found, as the pair features read it: (subject, object) -> 'type:rule', and
    ('subject', subject) for each subject."""
    index = {figure.start: k for k, figure in enumerate(doc.figures)}
    links: dict[tuple, str] = {}
    for r in found:
        i, j = index.get(r.subject.start), index.get(r.object.start)
        if i is not None and j is not None:
            links[(i, j)] = f"{r.type}:{r.rule}"
            links[("subject", i)] = r.type
    return links


def candidates(doc: FigureText, words: Words) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every (subject, object, allowed types) pair at most BACK figures and SENTENCES apart."""
    pairs = []
    n = len(doc.figures)
    for i in range(n):
        for j in range(max(0, i - BACK), min(n, i + BACK + 1)):
            if j != i and abs(words.sentence[i] - words.sentence[j]) <= SENTENCES:
                types = allowed_types(doc, i, j)
                if types:
                    pairs.append((i, j, types))
    return pairs


def pair_examples(
    doc: FigureText, found: Iterable[FoundRelation], use_rules: bool = True
) -> list[tuple[int, int, tuple[str, ...], list[str]]]:
    """Each candidate pair of the text with all its features (subject's, object's, pair's)."""
    words = Words(doc)
    rules = rule_links(doc, found) if use_rules else {}
    subject = [words.around(i, "s") for i in range(len(doc.figures))]
    obj = [words.around(i, "o") for i in range(len(doc.figures))]
    return [
        (i, j, types, subject[i] + obj[j] + words.between(i, j, rules))
        for i, j, types in candidates(doc, words)
    ]


@dataclass(frozen=True)
class Prediction:
    """A relation the model proposes: subject and object figure numbers, type, probability."""

    type: str
    subject: int
    object: int
    probability: float


@dataclass(frozen=True)
class RelationModel:
    """A multinomial logistic regression over CLASSES: an intercept and a weight per class for
    each feature; the threshold above which a proposed relation is kept; whether the rules'
    findings are features."""

    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float
    use_rules: bool = True

    def scores(self, features: Iterable[str]) -> list[float]:
        """The summed weights per class of the features (no intercept)."""
        total = [0.0] * len(CLASSES)
        for feature in features:
            w = self.weights.get(feature)
            if w is not None:
                total = [t + x for t, x in zip(total, w, strict=True)]
        return total

    def propose(self, doc: FigureText, found: Iterable[FoundRelation]) -> list[Prediction]:
        """The relations the model finds among the text's figures (see decode)."""
        words = Words(doc)
        rules = rule_links(doc, found) if self.use_rules else {}
        n = len(doc.figures)
        subject = [self.scores(words.around(i, "s")) for i in range(n)]
        obj = [self.scores(words.around(i, "o")) for i in range(n)]
        scored = []
        for i, j, types in candidates(doc, words):
            pair = self.scores(words.between(i, j, rules))
            logits = [sum(x) for x in zip(self.intercept, subject[i], obj[j], pair, strict=True)]
            scored.append((i, j, types, _softmax(logits)))
        return decode(scored, self.threshold)


def decode(
    scored: Iterable[tuple[int, int, tuple[str, ...], list[float]]], threshold: float
) -> list[Prediction]:
    """From each candidate's probabilities per class: each subject's most probable object per
    allowed type, at or above the threshold, and of the types other than same_quantity only
    the most probable one per subject."""
    best: dict[tuple[int, bool], Prediction] = {}
    for i, j, types, probabilities in scored:
        for type_ in types:
            p = probabilities[CLASSES.index(type_)]
            key = (i, type_ == "same_quantity")
            if p >= threshold and (key not in best or p > best[key].probability):
                best[key] = Prediction(type_, i, j, p)
    return sorted(best.values(), key=lambda p: (p.subject, p.object))


def add_to_rules(
    found: list[FoundRelation], predictions: Iterable[Prediction], doc: FigureText
) -> list[FoundRelation]:
    """The rules' relations and the model's that they leave room for: none on a pair the rules
    linked, nor a second relation other than same_quantity on a subject the rules gave one.
    The model's relations have rule 'model' and a cue that says so, with the probability."""
    index = {figure.start: k for k, figure in enumerate(doc.figures)}
    pairs = {frozenset((index[r.subject.start], index[r.object.start])) for r in found}
    taken = {(index[r.subject.start], r.type == "same_quantity") for r in found}
    added = []
    for p in predictions:
        pair, key = frozenset((p.subject, p.object)), (p.subject, p.type == "same_quantity")
        if pair in pairs or key in taken:
            continue
        cue = f"model p={p.probability:.2f}: {doc.cue(doc.span(p.subject), doc.span(p.object))}"
        added.append(make_relation(doc, p.type, p.subject, p.object, "model", cue))
    return sorted(found + added, key=lambda r: (r.subject.start, r.object.start))


def _softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return [x / total for x in exps]


def load_model(path: Path) -> RelationModel:
    """The model of a JSON artefact written by benchmarks/train_relations.py."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["classes"]) != CLASSES:
        raise ValueError(f"{path}: classes {data['classes']} are not {list(CLASSES)}")
    return RelationModel(
        tuple(data["intercept"]),
        {name: tuple(w) for name, w in data["weights"].items()},
        data["threshold"],
        data["use_rules"],
    )
