"""How benchmarks/relations.py matches predicted relations with gold ones."""

from __future__ import annotations

from benchmarks.relations import Relation, RelationDocument, score_relations

TEXT = "Of the 457 patients, 12 died; the 457 were treated in 2024, up 5 percent to 457 from 435."


def span(quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(quote, start + 1)
    return start, start + len(quote)


GOLD = [
    Relation("part_of", span("12"), span("457")),
    Relation("same_quantity", span("457"), span("457", 2)),
    Relation("percent_change", span("5 percent"), span("457", 3), span("435")),
]
DOCUMENT = RelationDocument("doc", "health", TEXT, True, None, GOLD)


def test_a_perfect_prediction_scores_one_and_same_quantity_matches_in_either_order():
    predicted = [GOLD[0], Relation("same_quantity", span("457", 2), span("457")), GOLD[2]]
    score = score_relations([DOCUMENT], lambda text: predicted)
    assert (score.overall.precision, score.overall.recall, score.overall.f1) == (1.0, 1.0, 1.0)
    assert (score.baselines_right, score.baselines_judged) == (1, 1)
    assert score.errors == []


def test_a_wrong_type_is_wrong_typed_but_right_untyped():
    predicted = [Relation("share_of", span("12"), span("457"))]
    score = score_relations([DOCUMENT], lambda text: predicted)
    assert (score.overall.tp, score.overall.fp, score.overall.fn) == (0, 1, 3)
    assert (score.untyped.tp, score.untyped.fp, score.untyped.fn) == (1, 0, 2)
    assert score.errors[0] == "FP doc share_of '12' -> '457' (cue '')"


def test_a_missing_or_wrong_baseline_counts_against_baseline_accuracy():
    predicted = [Relation("percent_change", span("5 percent"), span("457", 3))]
    score = score_relations([DOCUMENT], lambda text: predicted)
    assert score.typed["percent_change"].tp == 1
    assert (score.baselines_right, score.baselines_judged) == (0, 1)
    assert any(error.startswith("BASELINE doc") for error in score.errors)
