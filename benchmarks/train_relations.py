"""Train the learned relation model (benchmarks/relation_model.py) on relation corpora, for
the experiment of benchmarks/learned_relations.py.

Every candidate pair of figures of every document of tests/corpus/relations_*.yaml is an
example, labelled with the type of the gold relation whose subject and object spans overlap its
figures (same_quantity in either order), else 'none'. A scikit-learn logistic regression
(multinomial, L2, C=C, lbfgs) is fitted on the features that occur in at least MIN_COUNT
examples; the threshold is the one chosen on out-of-fold probabilities (each corpus scored by a
model trained on the others, see choose_threshold). A model's artefact is JSON: the classes, the
intercepts, the weight per class of each feature rounded to DIGITS digits, the threshold, and
its provenance (the corpora and their SHA-256, the library's version, the settings). Training is
deterministic (one thread): the same corpora give the same weights.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from benchmarks.relation_model import (
    CLASSES,
    NONE,
    Prediction,
    RelationModel,
    decode,
    pair_examples,
)
from benchmarks.relations import CORPORA, Relation, RelationDocument, load_relations
from core.extract import extract
from core.find_measures import find_measures
from core.find_relations import find_relations
from core.relation_text import FigureText

C = 1.0
MIN_COUNT = 2
DIGITS = 4
TARGET_PRECISION = 0.9  # of what the model adds, on out-of-fold probabilities
THRESHOLDS = tuple(round(0.30 + 0.01 * k, 2) for k in range(70))  # 0.30 ... 0.99


@dataclass
class Pairs:
    """A document's candidate pairs: (subject, object, allowed types, features), their labels,
    the figures, and what the rules found."""

    doc: RelationDocument
    figures: FigureText
    examples: list[tuple[int, int, tuple[str, ...], list[str]]]
    labels: list[str]
    rules: list


def document_pairs(doc: RelationDocument, use_rules: bool) -> Pairs:
    mentions = extract(doc.text)
    measures = find_measures(doc.text, mentions)
    found = find_relations(doc.text, mentions, measures)
    figures = FigureText(doc.text, mentions, measures)
    examples = pair_examples(figures, found, use_rules)
    labels = [_label(figures, doc.relations, i, j, types) for i, j, types, _ in examples]
    return Pairs(doc, figures, examples, labels, found)


def _label(figures: FigureText, gold: list[Relation], i: int, j: int, types: tuple) -> str:
    a, b = figures.span(i), figures.span(j)
    for g in gold:
        if g.type not in types:
            continue
        if _overlap(a, g.subject) and _overlap(b, g.object):
            return g.type
        if g.type == "same_quantity" and _overlap(a, g.object) and _overlap(b, g.subject):
            return g.type
    return NONE


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def fit(pairs: Sequence[Pairs], threshold: float, use_rules: bool) -> RelationModel:
    """A logistic regression on the pairs' examples (features seen at least MIN_COUNT times)."""
    counts = Counter(f for p in pairs for *_, feats in p.examples for f in set(feats))
    kept = {f for f, n in counts.items() if n >= MIN_COUNT}
    rows = [{f: 1 for f in feats if f in kept} for p in pairs for *_, feats in p.examples]
    labels = [CLASSES.index(label) for p in pairs for label in p.labels]
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform(rows)
    regression = LogisticRegression(C=C, max_iter=1000)
    with threadpool_limits(1):  # one thread: faster here, and the same sums every time
        regression.fit(x, labels)
    if list(regression.classes_) != list(range(len(CLASSES))):
        raise ValueError(f"training labels lack a class: {regression.classes_}")
    coef = np.round(regression.coef_, DIGITS)
    weights = {
        name: tuple(float(w) for w in coef[:, k])
        for k, name in enumerate(vectorizer.get_feature_names_out())
        if np.any(coef[:, k])
    }
    intercept = tuple(float(w) for w in np.round(regression.intercept_, DIGITS))
    return RelationModel(intercept, weights, threshold, use_rules)


def scored(model: RelationModel, pairs: Pairs) -> list:
    """The model's probabilities on each candidate pair of a document."""
    out = []
    for i, j, types, feats in pairs.examples:
        logits = [sum(x) for x in zip(model.intercept, model.scores(feats), strict=True)]
        out.append((i, j, types, _softmax(logits)))
    return out


def _softmax(logits: list[float]) -> list[float]:
    exps = np.exp(np.array(logits) - max(logits))
    return list(exps / exps.sum())


def out_of_fold(groups: dict[str, list[Pairs]], use_rules: bool) -> dict[str, list]:
    """Each document's scored pairs, by a model trained on the other corpora (threshold 0)."""
    result = {}
    for name, held in groups.items():
        model = fit([p for other, ps in groups.items() if other != name for p in ps], 0, use_rules)
        result |= {p.doc.text: scored(model, p) for p in held}
    return result


def choose_threshold(
    pairs: Sequence[Pairs],
    probabilities: dict[str, list],
    added_precision: Callable[[Sequence[Pairs], dict[str, list[Prediction]]], tuple[int, int]],
) -> float:
    """The lowest threshold at which what the model adds is right at least TARGET_PRECISION of
    the time (added_precision gives right and all), else the highest one tried."""
    for threshold in THRESHOLDS:
        predictions = {p.doc.text: decode(probabilities[p.doc.text], threshold) for p in pairs}
        right, added = added_precision(pairs, predictions)
        if added and right / added >= TARGET_PRECISION:
            return threshold
    return THRESHOLDS[-1]


def corpus_pairs(use_rules: bool) -> dict[str, list[Pairs]]:
    """Every corpus's documents as pairs, by corpus name."""
    return {
        path.stem: [document_pairs(doc, use_rules) for doc in load_relations(path)]
        for path in sorted(CORPORA.glob("relations_*.yaml"))
    }


def provenance() -> dict:
    paths = sorted(CORPORA.glob("relations_*.yaml"))
    return {
        "trained_by": "benchmarks/train_relations.py fit",
        "corpora": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths},
        "scikit_learn": sklearn.__version__,
        "settings": {"C": C, "min_count": MIN_COUNT, "digits": DIGITS},
    }


def artefact(model: RelationModel) -> str:
    """The model as the JSON text of its artefact."""
    data = {
        "provenance": provenance(),
        "classes": list(CLASSES),
        "threshold": model.threshold,
        "use_rules": model.use_rules,
        "intercept": list(model.intercept),
        "weights": {name: list(w) for name, w in sorted(model.weights.items())},
    }
    return json.dumps(data, indent=0, sort_keys=False) + "\n"
