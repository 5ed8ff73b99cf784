"""Does a learned relation model help the rules on text it was not trained on? (issue 15)

    .venv/bin/python -m benchmarks.learned_relations [--false-alarms]

Leave one corpus out: for each relation corpus, the model (benchmarks/relation_model.py, fitted
by benchmarks/train_relations.py) is trained on the other corpora and scored on it with the
scorer of benchmarks/relations.py, in three set-ups against the rules alone:

- model alone: no rule features; its threshold is the lowest at which its own relations are
  right TARGET_PRECISION of the time on the training corpora, out of fold;
- rules + model: the rules' relations, and the model's (rule features on) on the pairs and
  subjects the rules left alone (add_to_rules), above the lowest threshold at which those
  additions are right TARGET_PRECISION of the time on the training corpora, out of fold;
- rules + model': the same with a model without rule features.

Every threshold is chosen on the training corpora only (each scored by a model trained on the
others of them), never on the held-out one. Two lines per fold are for people only and choose
nothing: what rules + model' would add on the held-out corpus at a few thresholds, and how many
of the rules' right and wrong relations the model alone finds improbable. With --false-alarms,
benchmarks/false_alarms.py runs on the held-out corpus with the warehouse built by the main
command with the fold's model added to the rules. Last, the throughput of the pipeline with the
rules alone and with a model added. The rules are those of core/find_relations.py as they are;
they were tuned on every corpus but blind4, so blind4 held out is the fairest fold.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from benchmarks.extractor import seconds_per_pass
from benchmarks.false_alarms import judge
from benchmarks.relation_model import (
    CLASSES,
    Prediction,
    RelationModel,
    add_to_rules,
    decode,
    load_model,
)
from benchmarks.relations import (
    CORPORA,
    ROUNDS,
    Counts,
    Relation,
    _as_relation,
    _same,
    score_relations,
)
from benchmarks.train_relations import (
    Pairs,
    artefact,
    choose_threshold,
    corpus_pairs,
    fit,
    out_of_fold,
    scored,
)
from core.extract import extract
from core.find_measures import find_measures
from core.find_relations import FoundRelation, find_relations
from core.relation_text import FigureText

SWEEP = (0.5, 0.7, 0.9)
VETO = 0.05


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


def fold(groups: dict, held: str, use_rules: bool, combine: bool) -> Fold:
    """Train on every corpus but `held`, choose the threshold out of fold on them, and score
    on `held`."""
    train = {name: ps for name, ps in groups.items() if name != held}
    train_pairs = [p for ps in train.values() for p in ps]
    judge = added_right if combine else model_right
    threshold = choose_threshold(train_pairs, out_of_fold(train, use_rules), judge)
    model = fit(train_pairs, threshold, use_rules)
    probabilities = {p.doc.text: scored(model, p) for p in groups[held]}
    relations = {}
    for p in groups[held]:
        predictions = decode(probabilities[p.doc.text], threshold)
        found = with_rules(p, predictions) if combine else as_relations(p, predictions)
        relations[p.doc.text] = found
    return Fold(model, probabilities, relations, _score(groups[held], relations))


@dataclass
class Fold:
    """A model trained without the held-out corpus, its probabilities and relations on it."""

    model: RelationModel
    probabilities: dict[str, list]
    relations: dict[str, list[Relation]]
    counts: Counts


def sweep(pairs: Sequence[Pairs], probabilities: dict[str, list]) -> str:
    """What the model would add to the rules on the held-out corpus at a few thresholds (not
    used to choose anything)."""
    parts = []
    for threshold in SWEEP:
        predictions = {p.doc.text: decode(probabilities[p.doc.text], threshold) for p in pairs}
        right, added = added_right(pairs, predictions)
        parts.append(f"{threshold}: {right} right of {added}")
    return "; ".join(parts)


def veto(pairs: Sequence[Pairs], probabilities: dict[str, list]) -> str:
    """How many of the rules' right and wrong relations the model gives a probability under
    VETO for their type (not used by any set-up)."""
    right = wrong = 0
    for p in pairs:
        index = {figure.start: k for k, figure in enumerate(p.figures.figures)}
        chance = {(i, j): probs for i, j, _, probs in probabilities[p.doc.text]}
        for found in p.rules:
            relation = _as_relation(found)
            i, j = index[found.subject.start], index[found.object.start]
            probs = chance.get((i, j)) or chance.get((j, i))
            if probs is not None and probs[CLASSES.index(found.type)] < VETO:
                ok = any(_same(relation, gold, typed=True) for gold in p.doc.relations)
                right, wrong = right + ok, wrong + (not ok)
    return f"{right} right and {wrong} wrong"


def with_model(model: RelationModel) -> Callable:
    """find_relations with the model's relations added to the rules' (add_to_rules)."""

    def find(text: str, mentions: list, measures: list | None = None) -> list[FoundRelation]:
        measures = find_measures(text, mentions) if measures is None else measures
        found = find_relations(text, mentions, measures)
        doc = FigureText(text, mentions, measures)
        return add_to_rules(found, model.propose(doc, found), doc)

    return find


def etl_with(path: Path) -> int:
    """`python -m etl materialize` with the model of the artefact at path added to the rules
    (for benchmarks/false_alarms.py)."""
    import core.find_relations

    core.find_relations.find_relations = with_model(load_model(path))
    from etl.__main__ import main as etl_main  # after the finder is replaced

    return etl_main(["materialize"])


def false_alarms(held: str, name: str, model: RelationModel, workdir: Path) -> list[str]:
    """benchmarks/false_alarms.py on the held-out corpus, its warehouse built with the model."""
    path = workdir / f"{held}-{name}.json"
    path.write_text(artefact(model), encoding="utf-8")
    command = (sys.executable, "-m", "benchmarks.learned_relations", "--etl-with", str(path))
    report = judge(CORPORA / f"{held}.yaml", workdir / name, command).splitlines()
    database = workdir / name / held / "figures.duckdb"
    with duckdb.connect(str(database), read_only=True) as conn:
        (added,) = conn.execute("SELECT count(*) FROM relations WHERE rule = 'model'").fetchone()
    lines = [line for line in report[1:] if "FALSE ALARM" in line or not line.startswith("    ")]
    return [*lines, f"  relations the model added in the warehouse: {added}"]


def throughput(groups: dict[str, list[Pairs]]) -> str:
    """MB/s of extract + find_measures + the rules alone, and with a model trained on every
    corpus added to them, on every corpus's texts (CPU time, best of ROUNDS, in turn)."""
    model = fit([p for ps in groups.values() for p in ps], 0.5, use_rules=True)
    texts = [p.doc.text for ps in groups.values() for p in ps]
    size = sum(len(text.encode("utf-8")) for text in texts)
    finders = {"rules alone": find_relations, "rules + model": with_model(model)}
    best = dict.fromkeys(finders, float("inf"))
    for _ in range(ROUNDS):
        for name, find in finders.items():

            def pipeline(text: str, find: Callable = find) -> None:
                mentions = extract(text)
                find(text, mentions, find_measures(text, mentions))

            best[name] = min(best[name], seconds_per_pass(pipeline, texts))
    rates = ", ".join(f"{name} {size / seconds / 1e6:.2f} MB/s" for name, seconds in best.items())
    return f"throughput on {size:,} bytes (best of {ROUNDS}): {rates}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--false-alarms", action="store_true", help="also per fold, slow")
    parser.add_argument("--etl-with", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.etl_with:
        return etl_with(args.etl_with)
    plain, ruled = corpus_pairs(use_rules=False), corpus_pairs(use_rules=True)
    setups = {
        "model alone": (plain, False, False),
        "rules + model": (ruled, True, True),
        "rules + model'": (plain, False, True),
    }
    with tempfile.TemporaryDirectory(prefix="learned-relations-") as workdir:
        for held in plain:
            print(f"{held} held out ({len(plain[held])} documents)")
            print(_line("rules alone", rules_alone(plain[held])))
            for name, (groups, use_rules, combine) in setups.items():
                result = fold(groups, held, use_rules, combine)
                print(_line(name, result.counts) + f" threshold {result.model.threshold}")
                if args.false_alarms and combine:
                    print("\n".join(false_alarms(held, name, result.model, Path(workdir))))
                if name == "model alone":
                    vetoed = veto(plain[held], result.probabilities)
                    print(f"      rule relations under p {VETO}: {vetoed}")
                if name == "rules + model'":
                    print(f"      added on {held} at: {sweep(plain[held], result.probabilities)}")
    print(throughput(ruled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
