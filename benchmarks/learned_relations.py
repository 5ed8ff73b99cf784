"""Does a learned relation model help the rules on text it was not trained on? (issue 15)

    .venv/bin/python -m benchmarks.learned_relations

Leave one corpus out: for each relation corpus, the model (core/relation_model.py, trained as
benchmarks/train_relations.py trains it) is trained on the other corpora and scored on it with
the scorer of benchmarks/relations.py, in two set-ups against the rules alone:

- model alone: no rule features; its threshold is the lowest at which its own relations are
  right TARGET_PRECISION of the time on the training corpora, out of fold;
- rules + model: the rules' relations, and the model's (rule features on) on the pairs and
  subjects the rules left alone, above the lowest threshold at which those additions are right
  TARGET_PRECISION of the time on the training corpora, out of fold.

Every threshold is chosen on the training corpora only (each scored by a model trained on the
others of them), never on the held-out one. The rules are those of core/find_relations.py as
they are; they were tuned on every corpus but blind4, so blind4 held out is the fairest fold.
"""

from __future__ import annotations

from collections.abc import Sequence

from benchmarks.relations import Counts, Relation, _as_relation, score_relations
from benchmarks.train_relations import (
    Pairs,
    choose_threshold,
    corpus_pairs,
    fit,
    out_of_fold,
    scored,
)
from core.relation_model import Prediction, add_to_rules, decode


def as_relations(pairs: Pairs, predictions: list[Prediction]) -> list[Relation]:
    """The model's predictions as the scorer's relations (no baseline)."""
    span = pairs.figures.span
    return [
        Relation(p.type, span(p.subject), span(p.object), None, f"model p={p.probability:.2f}")
        for p in predictions
    ]


def with_rules(pairs: Pairs, predictions: list[Prediction]) -> list[Relation]:
    """The rules' relations and the model's that add_to_rules keeps."""
    return [_as_relation(r) for r in add_to_rules(list(pairs.rules), predictions, pairs.figures)]


def _score(pairs: Sequence[Pairs], relations: dict[str, list[Relation]]) -> Counts:
    by_text = {p.doc.text: relations[p.doc.text] for p in pairs}
    return score_relations([p.doc for p in pairs], lambda text: by_text[text]).overall


def rules_alone(pairs: Sequence[Pairs]) -> Counts:
    return _score(pairs, {p.doc.text: [_as_relation(r) for r in p.rules] for p in pairs})


def model_right(pairs: Sequence[Pairs], predictions: dict[str, list[Prediction]]) -> tuple:
    """How many of the model's relations alone are right, and how many it gives."""
    counts = _score(pairs, {p.doc.text: as_relations(p, predictions[p.doc.text]) for p in pairs})
    return counts.tp, counts.tp + counts.fp


def added_right(pairs: Sequence[Pairs], predictions: dict[str, list[Prediction]]) -> tuple:
    """How many of the relations the model adds to the rules' are right, and how many it adds."""
    union = _score(pairs, {p.doc.text: with_rules(p, predictions[p.doc.text]) for p in pairs})
    rules = rules_alone(pairs)
    return union.tp - rules.tp, union.tp + union.fp - rules.tp - rules.fp


def _line(name: str, c: Counts) -> str:
    return (
        f"    {name:<14} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} "
        f"(tp {c.tp} fp {c.fp} fn {c.fn})"
    )


def fold(groups: dict, held: str, use_rules: bool, combine: bool) -> tuple[float, list, Counts]:
    """Train on every corpus but `held`, choose the threshold out of fold on them, and score
    on `held`: the threshold, the relations by document, and the counts."""
    train = {name: ps for name, ps in groups.items() if name != held}
    train_pairs = [p for ps in train.values() for p in ps]
    judge = added_right if combine else model_right
    threshold = choose_threshold(train_pairs, out_of_fold(train, use_rules), judge)
    model = fit(train_pairs, threshold, use_rules)
    relations = {}
    for p in groups[held]:
        predictions = decode(scored(model, p), threshold)
        found = with_rules(p, predictions) if combine else as_relations(p, predictions)
        relations[p.doc.text] = found
    return threshold, relations, _score(groups[held], relations)


def main() -> None:
    plain, ruled = corpus_pairs(use_rules=False), corpus_pairs(use_rules=True)
    for held in plain:
        print(f"{held} held out ({len(plain[held])} documents)")
        print(_line("rules alone", rules_alone(plain[held])))
        threshold, _, counts = fold(plain, held, use_rules=False, combine=False)
        print(_line("model alone", counts) + f" threshold {threshold}")
        threshold, relations, counts = fold(ruled, held, use_rules=True, combine=True)
        print(_line("rules + model", counts) + f" threshold {threshold}")
        for p in ruled[held]:
            for r in relations[p.doc.text]:
                if r.cue.startswith("model"):
                    text = p.doc.text
                    print(f"      added {p.doc.id} {r.type} {text[slice(*r.subject)]!r} -> "
                          f"{text[slice(*r.object)]!r} ({r.cue[:12]})")  # fmt: skip


if __name__ == "__main__":
    main()
