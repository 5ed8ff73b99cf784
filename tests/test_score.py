"""benchmarks.score: loading the annotated corpus and scoring fake extractors against it."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.score import (
    FIGURE_KINDS,
    NON_FIGURE_KINDS,
    QUALIFIERS,
    Document,
    format_score,
    load_corpus,
    score,
)

DEV = Path(__file__).parent / "corpus" / "dev.yaml"

TINY = """\
documents:
  - id: doc-a
    text: "Some 1,200 people left in 2014, up 116 percent."
    figures:
      - {text: "Some 1,200", value: 1200, kind: count, qualifier: approx}
      - {text: "116 percent", value: 116, kind: percent, qualifier: exact}
    non_figures:
      - {text: "2014", kind: year}
  - id: doc-b
    text: "Between 20 and 30 firms closed, one in five of them in 2 weeks, and 2 more later."
    figures:
      - {text: "Between 20 and 30", value: 25, kind: count, qualifier: approx, lower: 20, upper: 30}
      - {text: "one in five", value: 0.2, kind: ratio, qualifier: exact}
      - {text: "2", value: 2, kind: count, qualifier: exact, occurrence: 2}
"""


@pytest.fixture
def tiny(tmp_path: Path) -> list[Document]:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return load_corpus(path)


def gold_predictions(documents: list[Document]) -> dict[str, list[dict]]:
    """The gold figures of each document as predictions, keyed by text."""
    return {
        doc.text: [
            {
                "start": g.start,
                "end": g.end,
                "value": g.value,
                "kind": g.kind,
                "qualifier": g.qualifier,
            }
            for g in doc.figures
        ]
        for doc in documents
    }


def predictor(predictions: dict[str, list[dict]]):
    return lambda text: [dict(p) for p in predictions.get(text, [])]


def at(documents: list[Document], doc_id: str, span: str) -> tuple[int, int]:
    doc = next(d for d in documents if d.id == doc_id)
    start = doc.text.index(span)
    return start, start + len(span)


def test_load_resolves_offsets_and_bounds(tiny: list[Document]) -> None:
    a, b = tiny
    assert [a.id, b.id] == ["doc-a", "doc-b"]
    for doc in tiny:
        for g in doc.figures + doc.non_figures:
            assert doc.text[g.start : g.end] == g.text
    assert a.non_figures[0].value is None and a.non_figures[0].qualifier is None
    assert (b.figures[0].lower, b.figures[0].upper) == (20, 30)
    assert b.figures[1].lower is None and b.figures[1].upper is None
    assert b.figures[2].start == b.text.index("2 more")  # occurrence 2, not "2 weeks"


def test_perfect_predictions(tiny: list[Document]) -> None:
    s = score(tiny, predictor(gold_predictions(tiny)))
    assert (s.tp, s.fp, s.fn) == (5, 0, 0)
    assert s.precision == s.recall == s.f1 == 1.0
    assert s.qualifier_accuracy == s.kind_accuracy == s.non_figures_respected == 1.0
    assert s.chars == sum(len(d.text) for d in tiny)
    assert s.seconds >= 0
    assert s.errors == []


def test_missed_figure_lowers_recall(tiny: list[Document]) -> None:
    predictions = gold_predictions(tiny)
    predictions[tiny[1].text] = predictions[tiny[1].text][1:]
    s = score(tiny, predictor(predictions))
    assert (s.tp, s.fp, s.fn) == (4, 0, 1)
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.8)
    assert s.f1 < 1.0
    assert len(s.errors) == 1
    assert s.errors[0].startswith("FN doc-b") and "Between 20 and 30" in s.errors[0]


def test_figure_on_a_year_lowers_precision_and_non_figures(tiny: list[Document]) -> None:
    predictions = gold_predictions(tiny)
    start, end = at(tiny, "doc-a", "2014")
    predictions[tiny[0].text].append(
        {"start": start, "end": end, "value": 2014, "kind": "count", "qualifier": "exact"}
    )
    s = score(tiny, predictor(predictions))
    assert (s.tp, s.fp, s.fn) == (5, 1, 0)
    assert s.precision == pytest.approx(5 / 6)
    assert s.recall == 1.0
    assert s.non_figures_respected == 0.0
    assert s.errors[0].startswith("FP doc-a") and "2014" in s.errors[0] and "year" in s.errors[0]


def test_wrong_qualifier_lowers_qualifier_accuracy_only(tiny: list[Document]) -> None:
    predictions = gold_predictions(tiny)
    predictions[tiny[0].text][0]["qualifier"] = "exact"
    s = score(tiny, predictor(predictions))
    assert (s.tp, s.fp, s.fn) == (5, 0, 0)
    assert s.f1 == 1.0
    assert s.qualifier_accuracy == pytest.approx(4 / 5)
    assert s.kind_accuracy == 1.0


def test_wrong_kind_lowers_kind_accuracy_only(tiny: list[Document]) -> None:
    predictions = gold_predictions(tiny)
    predictions[tiny[0].text][1]["kind"] = "count"
    s = score(tiny, predictor(predictions))
    assert s.f1 == 1.0
    assert s.kind_accuracy == pytest.approx(4 / 5)
    assert s.qualifier_accuracy == 1.0


def test_wrong_value_is_a_false_positive_and_a_false_negative(tiny: list[Document]) -> None:
    predictions = gold_predictions(tiny)
    predictions[tiny[0].text][1]["value"] = 216
    s = score(tiny, predictor(predictions))
    assert (s.tp, s.fp, s.fn) == (4, 1, 1)
    assert any(e.startswith("FP doc-a") and "216" in e and "116" in e for e in s.errors)
    assert any(e.startswith("FN doc-a") and "116 percent" in e for e in s.errors)


def test_values_match_with_relative_tolerance(tiny: list[Document]) -> None:
    predictions = gold_predictions(tiny)
    predictions[tiny[1].text][1]["value"] = 0.2 * (1 + 1e-9)
    assert score(tiny, predictor(predictions)).fp == 0


@pytest.mark.parametrize("kind", ["year", "date", "ordinal"])
def test_temporal_and_ordinal_predictions_are_ignored(tiny: list[Document], kind: str) -> None:
    predictions = gold_predictions(tiny)
    start, end = at(tiny, "doc-a", "2014")
    predictions[tiny[0].text].append(
        {"start": start, "end": end, "value": 2014, "kind": kind, "qualifier": "exact"}
    )
    s = score(tiny, predictor(predictions))
    assert (s.tp, s.fp, s.fn) == (5, 0, 0)
    assert s.non_figures_respected == 1.0


def test_each_gold_and_prediction_matches_once(tiny: list[Document]) -> None:
    predictions = gold_predictions(tiny)
    predictions[tiny[0].text].append(dict(predictions[tiny[0].text][0]))
    s = score(tiny, predictor(predictions))
    assert (s.tp, s.fp, s.fn) == (5, 1, 0)


def test_no_predictions_and_empty_corpus_do_not_divide_by_zero(tiny: list[Document]) -> None:
    s = score(tiny, lambda text: [])
    assert (s.tp, s.fp, s.fn) == (0, 0, 5)
    assert s.precision == s.recall == s.f1 == s.qualifier_accuracy == s.kind_accuracy == 0.0
    assert s.non_figures_respected == 1.0
    empty = score([], lambda text: [])
    assert (empty.tp, empty.fp, empty.fn, empty.chars) == (0, 0, 0, 0)
    assert "F1 0.000" in format_score("empty", empty)


def test_format_score_is_one_line_with_every_figure(tiny: list[Document]) -> None:
    line = format_score("gold", score(tiny, predictor(gold_predictions(tiny))))
    assert "\n" not in line
    for part in ("gold:", "P 1.000", "R 1.000", "F1 1.000", "tp 5", "fp 0", "fn 0"):
        assert part in line
    for part in ("qualifier 1.000", "kind 1.000", "non-figures respected 1.000", "chars"):
        assert part in line


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        ('{text: "1,300", value: 1300, kind: count, qualifier: exact}', "not found"),
        ('{text: "2", value: 2, kind: count, qualifier: exact}', "occurs 2 times"),
        ('{text: "2", value: 2, kind: count, qualifier: exact, occurrence: 3}', "occurrence 3"),
        ('{text: "1,200", value: 1200, kind: amount, qualifier: exact}', "kind 'amount'"),
        ('{text: "1,200", value: 1200, kind: count, qualifier: about}', "qualifier 'about'"),
        ('{text: "1,200", value: many, kind: count, qualifier: exact}', "not a number"),
        ('{text: "1,200", value: 1200, kind: count, qualifer: exact}', "unknown keys"),
    ],
)
def test_bad_annotation_raises_naming_the_document(
    tmp_path: Path, annotation: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "documents:\n"
        "  - id: doc-x\n"
        '    text: "Some 1,200 people left in 2 years, 2 of them twice."\n'
        f"    figures:\n      - {annotation}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="doc-x") as raised:
        load_corpus(path)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("text", "span", "occurrence", "start"),
    [
        ("In 2014, 20 of 2,000 rose 2.5% to 2 km", "2", None, 34),
        ("In 2014, 2 of 2 rose", "2", 2, 14),
        ("It peaked at 40.3C and 4kg fell", "40.3", None, 13),
        ("It peaked at 40.3C and 4kg fell", "4", None, 23),
        ("Firstly, the first time", "first", None, 13),
    ],
)
def test_occurrences_skip_parts_of_longer_numbers_and_words(
    tmp_path: Path, text: str, span: str, occurrence: int | None, start: int
) -> None:
    extra = "" if occurrence is None else f", occurrence: {occurrence}"
    path = tmp_path / "one.yaml"
    path.write_text(
        f'documents:\n  - id: d\n    text: "{text}"\n'
        f'    non_figures:\n      - {{text: "{span}", kind: other{extra}}}\n',
        encoding="utf-8",
    )
    (gold,) = load_corpus(path)[0].non_figures
    assert (gold.start, gold.end) == (start, start + len(span))


def test_missing_non_figure_raises_naming_the_document(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "documents:\n"
        "  - id: doc-y\n"
        '    text: "Prices rose in 2014."\n'
        '    non_figures:\n      - {text: "2015", kind: year}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"doc-y.*'2015'.*not found"):
        load_corpus(path)


# ---------------------------------------------------------------- the team's dev corpus


@pytest.fixture(scope="module")
def dev() -> list[Document]:
    return load_corpus(DEV)


def test_dev_corpus_size(dev: list[Document]) -> None:
    assert len(dev) >= 60
    assert sum(len(d.figures) for d in dev) >= 220
    assert sum(len(d.non_figures) for d in dev) >= 90
    assert len({d.id for d in dev}) == len(dev)


def test_dev_corpus_covers_every_kind_and_qualifier(dev: list[Document]) -> None:
    figures = [g for d in dev for g in d.figures]
    non_figures = [g for d in dev for g in d.non_figures]
    assert set(Counter(g.kind for g in figures)) == FIGURE_KINDS
    assert set(Counter(g.qualifier for g in figures)) == QUALIFIERS
    assert set(Counter(g.kind for g in non_figures)) == NON_FIGURE_KINDS


def test_dev_corpus_values_are_finite_and_bounds_consistent(dev: list[Document]) -> None:
    for doc in dev:
        for g in doc.figures:
            assert isinstance(g.value, float) and math.isfinite(g.value), (doc.id, g.text)
            if g.lower is not None:
                assert g.lower <= g.value, (doc.id, g.text)
            if g.upper is not None:
                assert g.value <= g.upper, (doc.id, g.text)
            if g.lower is not None and g.upper is not None and math.isfinite(g.upper):
                # a stated range: the value is its midpoint
                assert g.value == pytest.approx((g.lower + g.upper) / 2), (doc.id, g.text)
                assert g.qualifier == "approx", (doc.id, g.text)
            if g.upper == math.inf:
                # a vague amount ("hundreds of"): a lower bound
                assert g.qualifier == "at_least" and g.lower == g.value, (doc.id, g.text)


def test_dev_corpus_spans_are_whole_tokens_and_disjoint(dev: list[Document]) -> None:
    for doc in dev:
        spans = sorted(doc.figures + doc.non_figures, key=lambda g: g.start)
        for g in spans:
            before = doc.text[g.start - 1] if g.start else " "
            after = doc.text[g.end] if g.end < len(doc.text) else " "
            assert not before.isalnum() and not after.isalnum(), (doc.id, g.text)
        for first, second in zip(spans, spans[1:], strict=False):
            assert first.end <= second.start, (doc.id, first.text, second.text)
