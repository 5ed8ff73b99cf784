"""Score a number extractor against the annotated corpus (tests/corpus/dev.yaml).

A prediction is a true positive when its span overlaps a gold figure's span and the values are
equal; figures the extractor classifies as years, dates or ordinals are ignored. See
tests/corpus/README.md for the annotation rules.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FIGURE_KINDS = frozenset({"count", "percent", "ratio", "multiplier", "money", "other"})
IGNORED_KINDS = frozenset({"year", "date", "ordinal"})
NON_FIGURE_KINDS = frozenset({"year", "date", "ordinal", "other"})
QUALIFIERS = frozenset({"exact", "approx", "at_least", "more_than", "at_most", "less_than"})
REL_TOL = 1e-6

_FIGURE_KEYS = frozenset({"text", "value", "kind", "qualifier", "lower", "upper", "occurrence"})
_NON_FIGURE_KEYS = frozenset({"text", "kind", "occurrence"})

Predict = Callable[[str], list[Mapping[str, Any]]]


@dataclass(frozen=True)
class Gold:
    """One annotated span: a figure (value and qualifier set) or a non-figure (both None)."""

    start: int
    end: int
    text: str
    value: float | None
    kind: str
    qualifier: str | None
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Document:
    """One corpus document with its gold figures and non-figures, sorted by position."""

    id: str
    text: str
    figures: list[Gold]
    non_figures: list[Gold]


@dataclass(frozen=True)
class Score:
    """Matching counts and rates of one extractor over a corpus."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    qualifier_accuracy: float
    kind_accuracy: float
    non_figures_respected: float
    seconds: float
    chars: int
    errors: list[str]


def corpus_documents(path: str | Path) -> Iterator[tuple[str, str, dict]]:
    """Each document of a YAML corpus as (id, text, its mapping), in order.

    Raises ValueError when the file is not a mapping with a 'documents' list, or a document has
    no id or text, or repeats an id.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ValueError(f"{path}: expected a mapping with a 'documents' list")
    seen: set[str] = set()
    for raw in data["documents"]:
        doc_id = str(raw.get("id", "")) if isinstance(raw, dict) else ""
        text = raw.get("text") if isinstance(raw, dict) else None
        if not doc_id or not isinstance(text, str):
            raise ValueError(f"document {doc_id or raw!r}: needs an id and a text")
        if doc_id in seen:
            raise ValueError(f"document {doc_id}: duplicate id")
        seen.add(doc_id)
        yield doc_id, text, raw


def load_corpus(path: str | Path) -> list[Document]:
    """Read the YAML corpus and resolve every annotation to character offsets.

    Raises ValueError (naming the document and the annotation) when an annotation is not in its
    text, is ambiguous without `occurrence`, or has an unknown key, kind or qualifier.
    """
    documents: list[Document] = []
    for doc_id, text, raw in corpus_documents(path):
        figures = [_gold(doc_id, text, a, figure=True) for a in raw.get("figures") or []]
        non_figures = [_gold(doc_id, text, a, figure=False) for a in raw.get("non_figures") or []]
        documents.append(
            Document(
                id=doc_id,
                text=text,
                figures=sorted(figures, key=lambda g: (g.start, g.end)),
                non_figures=sorted(non_figures, key=lambda g: (g.start, g.end)),
            )
        )
    return documents


def _gold(doc_id: str, text: str, ann: Any, *, figure: bool) -> Gold:
    """One annotation resolved against its document's text."""
    if not isinstance(ann, dict) or not isinstance(ann.get("text"), str) or not ann["text"]:
        raise ValueError(f"document {doc_id}: annotation {ann!r} needs a non-empty text")
    span = ann["text"]
    where = f"document {doc_id}, annotation {span!r}"
    unknown = set(ann) - (_FIGURE_KEYS if figure else _NON_FIGURE_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    kind = ann.get("kind")
    kinds = FIGURE_KINDS if figure else NON_FIGURE_KINDS
    if kind not in kinds:
        raise ValueError(f"{where}: kind {kind!r} is not one of {sorted(kinds)}")
    start = _find(text, span, ann.get("occurrence"), where)
    if not figure:
        return Gold(start, start + len(span), span, None, kind, None)
    qualifier = ann.get("qualifier")
    if qualifier not in QUALIFIERS:
        raise ValueError(f"{where}: qualifier {qualifier!r} is not one of {sorted(QUALIFIERS)}")
    return Gold(
        start=start,
        end=start + len(span),
        text=span,
        value=_number(ann.get("value"), where, "value"),
        kind=kind,
        qualifier=qualifier,
        lower=None if ann.get("lower") is None else _number(ann["lower"], where, "lower"),
        upper=None if ann.get("upper") is None else _number(ann["upper"], where, "upper"),
    )


def _find(text: str, span: str, occurrence: Any, where: str) -> int:
    """Start of the occurrence-th (1-based) occurrence of span in text (see _occurrences)."""
    starts = _occurrences(text, span)
    if not starts:
        raise ValueError(f"{where}: not found in the text (as a whole word or number)")
    if occurrence is None:
        if len(starts) > 1:
            raise ValueError(f"{where}: occurs {len(starts)} times, set occurrence")
        return starts[0]
    if isinstance(occurrence, bool) or not isinstance(occurrence, int):
        raise ValueError(f"{where}: occurrence must be an integer")
    if not 1 <= occurrence <= len(starts):
        raise ValueError(f"{where}: occurrence {occurrence} but found {len(starts)}")
    return starts[occurrence - 1]


def _occurrences(text: str, span: str) -> list[int]:
    """Starts of span in text, leaving out those cut from a longer word or number.

    "2" does not occur in "20", "1,200", "2.5" or "2014", nor "first" in "firstly"; a number may
    be followed by letters ("40.3" in "40.3C", "4" in "4kg").
    """
    starts: list[int] = []
    at = text.find(span)
    while at != -1:
        end = at + len(span)
        before = text[at - 1] if at else ""
        before2 = text[at - 2] if at > 1 else ""
        after = text[end] if end < len(text) else ""
        after2 = text[end + 1] if end + 1 < len(text) else ""
        cut_start = span[0].isalnum() and (
            before.isalnum() or (span[0].isdigit() and before in (".", ",") and before2.isdigit())
        )
        cut_end = (span[-1].isalpha() and after.isalpha()) or (
            span[-1].isdigit() and (after.isdigit() or (after in (".", ",") and after2.isdigit()))
        )
        if not cut_start and not cut_end:
            starts.append(at)
        at = text.find(span, at + 1)
    return starts


def _number(raw: Any, where: str, key: str) -> float:
    """A YAML number (or numeric string such as '4.5e9' or 'inf') as a float."""
    if isinstance(raw, bool):
        raise ValueError(f"{where}: {key} {raw!r} is not a number")
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {key} {raw!r} is not a number") from None


def score(documents: Iterable[Document], predict: Predict) -> Score:
    """Run predict on every document and match its figure predictions with the gold figures.

    Predictions of kind year, date or ordinal are ignored; every other prediction is a figure.
    Matching is greedy by position: each prediction (in order of start) takes the first
    unmatched gold figure it overlaps with an equal value.
    """
    tp = fp = fn = same_qualifier = same_kind = 0
    non_figures = respected = chars = 0
    seconds = 0.0
    errors: list[str] = []
    for doc in documents:
        chars += len(doc.text)
        began = time.perf_counter()
        predicted = predict(doc.text)
        seconds += time.perf_counter() - began
        figures = sorted(
            (p for p in predicted if p.get("kind") not in IGNORED_KINDS),
            key=lambda p: (p["start"], p["end"]),
        )
        matched = [False] * len(doc.figures)
        for p in figures:
            gold = next(
                (
                    i
                    for i, g in enumerate(doc.figures)
                    if not matched[i] and _overlaps(p, g) and _equal(p.get("value"), g.value)
                ),
                None,
            )
            if gold is None:
                fp += 1
                errors.append(_false_positive(doc, p))
                continue
            matched[gold] = True
            tp += 1
            same_qualifier += p.get("qualifier") == doc.figures[gold].qualifier
            same_kind += p.get("kind") == doc.figures[gold].kind
        for g, hit in zip(doc.figures, matched, strict=True):
            if not hit:
                fn += 1
                errors.append(_false_negative(doc, g))
        for g in doc.non_figures:
            non_figures += 1
            respected += not any(_overlaps(p, g) for p in figures)
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    return Score(
        tp=tp,
        fp=fp,
        fn=fn,
        precision=precision,
        recall=recall,
        f1=_ratio(2 * precision * recall, precision + recall),
        qualifier_accuracy=_ratio(same_qualifier, tp),
        kind_accuracy=_ratio(same_kind, tp),
        non_figures_respected=_ratio(respected, non_figures, empty=1.0),
        seconds=seconds,
        chars=chars,
        errors=errors,
    )


def format_score(name: str, score: Score) -> str:
    """One line with every figure of a score."""
    speed = score.chars / score.seconds if score.seconds > 0 else math.inf
    return (
        f"{name}: P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f} "
        f"(tp {score.tp} fp {score.fp} fn {score.fn}) | qualifier {score.qualifier_accuracy:.3f} "
        f"kind {score.kind_accuracy:.3f} non-figures respected {score.non_figures_respected:.3f} "
        f"| {score.chars:,} chars in {score.seconds:.3f} s ({speed:,.0f} chars/s)"
    )


def _overlaps(p: Mapping[str, Any], g: Gold) -> bool:
    return p["start"] < g.end and g.start < p["end"]


def _equal(predicted: Any, gold: float | None) -> bool:
    if gold is None or isinstance(predicted, bool) or not isinstance(predicted, int | float):
        return False
    return math.isclose(predicted, gold, rel_tol=REL_TOL)


def _ratio(part: float, whole: float, empty: float = 0.0) -> float:
    """part / whole, or `empty` when whole is zero."""
    return part / whole if whole else empty


def _span(start: int, end: int) -> str:
    return f"[{start}:{end}]"


def _false_negative(doc: Document, g: Gold) -> str:
    """Describe a gold figure no prediction matched."""
    return f"FN {doc.id} {_span(g.start, g.end)} {g.text!r}: expected {g.value:g} ({g.kind})"


def _false_positive(doc: Document, p: Mapping[str, Any]) -> str:
    """Describe a false positive, with the gold annotation it overlaps, if any."""
    value = p.get("value")
    shown = f"{value:g}" if isinstance(value, int | float) else repr(value)
    text = doc.text[p["start"] : p["end"]]
    line = (
        f"FP {doc.id} {_span(p['start'], p['end'])} {text!r}: predicted {shown} ({p.get('kind')})"
    )
    for g in doc.figures:
        if _overlaps(p, g):
            return f"{line}; gold figure {g.text!r} is {g.value:g}"
    for g in doc.non_figures:
        if _overlaps(p, g):
            return f"{line}; gold non-figure {g.text!r} ({g.kind})"
    return line
