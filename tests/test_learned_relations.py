"""The learned relation model of the experiment of issue 15 (benchmarks/relation_model.py,
benchmarks/train_relations.py): its candidates, that no feature reads the numbers, that the
experiment scores what the finder would run, and that training is deterministic."""

from __future__ import annotations

import pytest

from benchmarks.relation_model import (
    Prediction,
    add_to_rules,
    allowed_types,
    decode,
    pair_examples,
)
from benchmarks.relations import CORPORA, load_relations
from benchmarks.train_relations import artefact, document_pairs, fit, scored
from core.extract import extract
from core.find_measures import find_measures
from core.find_relations import find_relations
from core.relation_text import FigureText


def _figures(text: str) -> tuple[FigureText, list]:
    mentions = extract(text)
    measures = find_measures(text, mentions)
    return FigureText(text, mentions, measures), find_relations(text, mentions, measures)


@pytest.fixture(scope="module")
def dev_pairs() -> list:
    return [document_pairs(doc, True) for doc in load_relations(CORPORA / "relations_dev.yaml")]


def test_candidates_are_typed_by_kind() -> None:
    doc, _ = _figures("Of the 457 people, 120 died. Deaths rose 12 percent, to 120.")
    kinds = [doc.kind(k) for k in range(len(doc.figures))]
    assert kinds == ["count", "count", "percent", "count"]
    assert allowed_types(doc, 1, 0) == ("part_of",)
    assert allowed_types(doc, 2, 3) == ("share_of", "percent_change")
    assert "same_quantity" in allowed_types(doc, 1, 3)
    assert "same_quantity" not in allowed_types(doc, 3, 1)  # a restatement comes later


def test_no_feature_reads_the_numbers() -> None:
    """Two texts that differ only in their numbers give the same features: the model cannot
    prefer pairs whose numbers agree."""
    agree, _ = _figures("Of the 457 people, 120 died and 337 survived.")
    disagree, _ = _figures("Of the 457 people, 190 died and 338 survived.")
    features = [feats for *_, feats in pair_examples(agree, [], use_rules=False)]
    assert features
    assert features == [feats for *_, feats in pair_examples(disagree, [], use_rules=False)]


def test_the_experiment_scores_what_the_finder_runs(dev_pairs: list) -> None:
    """The probabilities the experiment computes from stored features are those the model's
    own look at a text (propose) gives."""
    model = fit(dev_pairs, 0.0, use_rules=True)
    seen = 0
    for pairs in dev_pairs[:20]:
        proposed = model.propose(pairs.figures, pairs.rules)
        decoded = decode(scored(model, pairs), 0.0)
        seen += len(proposed)
        assert [(p.type, p.subject, p.object) for p in proposed] == [
            (p.type, p.subject, p.object) for p in decoded
        ]
        assert [p.probability for p in proposed] == pytest.approx([p.probability for p in decoded])


def test_training_is_deterministic(dev_pairs: list) -> None:
    first, second = fit(dev_pairs, 0.5, True), fit(dev_pairs, 0.5, True)
    assert first.weights and artefact(first) == artefact(second)


def test_the_model_adds_only_where_the_rules_found_nothing() -> None:
    doc, found = _figures("Of the 457 people, 12 died.")
    assert [(r.type, r.rule) for r in found] == [("part_of", "of_the_n_first")]
    on_rule_pair = Prediction("part_of", 1, 0, 0.99)
    reversed_pair = Prediction("part_of", 0, 1, 0.99)
    assert add_to_rules(found, [on_rule_pair, reversed_pair], doc) == found
    doc, found = _figures("Some 457 people were there. 12 died.")
    added = add_to_rules(found, [Prediction("part_of", 1, 0, 0.97)], doc)
    assert [(r.type, r.rule, r.cue[:12]) for r in added if r not in found] == [
        ("part_of", "model", "model p=0.97")
    ]
