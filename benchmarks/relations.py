"""Score the relation finder against the annotated relation corpora.

    .venv/bin/python -m benchmarks.relations [CORPUS.yaml ...]

Loads every tests/corpus/relations_*.yaml: relations_dev.yaml (the rules were tuned on it) and
the blind ones (written by people who had not read the rules). Prints, per
corpus, typed precision, recall and F1 per relation type and overall, the untyped (right pair)
score, the accuracy of stated baselines among matched changes, one line per false positive and
false negative, and the throughput of extract + find_measures + find_relations in CPU time (best
of ROUNDS rounds) with the time at 1x, 10x and 100x the text to show that it grows linearly.

A prediction matches a gold relation when their types are equal and the subject and object spans
overlap the gold ones (same_quantity in either order). Untyped: the right pair in any order, any
type. The format of the corpora: /tmp/i15/format.md, summed up in tests/corpus/README.md.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import core.find_relations
from benchmarks.extractor import seconds_per_pass
from benchmarks.score import _find, corpus_documents
from core.compiled import is_compiled
from core.extract import extract
from core.find_measures import find_measures
from core.find_relations import FoundRelation, find_relations
from core.parse import read_article

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "corpus"
SAMPLE = ROOT / "data" / "articles" / "vice-2014-12-french-jihadist-recruits.md"
TYPES = ("part_of", "share_of", "percent_change", "multiple_of", "same_quantity")
CHANGES = frozenset({"percent_change", "multiple_of"})
SCALES = (1, 10, 100)
ROUNDS = 3

Span = tuple[int, int]
_RELATION_KEYS = frozenset(
    {"type", "subject", "object", "baseline", "cue"}
    | {f"{role}_occurrence" for role in ("subject", "object", "baseline")}
)


@dataclass(frozen=True)
class Relation:
    """A relation between two spans of a text (gold or predicted), with its stated baseline."""

    type: str
    subject: Span
    object: Span
    baseline: Span | None = None
    cue: str = ""


@dataclass(frozen=True)
class RelationDocument:
    """One corpus document: its text, whether its figures agree, and its gold relations."""

    id: str
    domain: str
    text: str
    consistent: bool
    inconsistency: str | None
    relations: list[Relation]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)


@dataclass
class RelationScore:
    """Typed counts per type and overall, untyped counts, baselines, and error lines."""

    typed: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    overall: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    baselines_right: int = 0
    baselines_judged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def baseline_accuracy(self) -> float:
        return _ratio(self.baselines_right, self.baselines_judged, empty=1.0)


def load_relations(path: str | Path) -> list[RelationDocument]:
    """Read a relation corpus and resolve every span to offsets.

    Raises ValueError naming the document and the annotation when a span is missing from its
    text, ambiguous without its `*_occurrence`, or a key or type is unknown.
    """
    documents: list[RelationDocument] = []
    for doc_id, text, raw in corpus_documents(path):
        if not isinstance(raw.get("consistent"), bool):
            raise ValueError(f"document {doc_id}: consistent must be true or false")
        relations = [_relation(doc_id, text, ann) for ann in raw.get("relations") or []]
        documents.append(
            RelationDocument(
                id=doc_id,
                domain=str(raw.get("domain", "")),
                text=text,
                consistent=raw["consistent"],
                inconsistency=raw.get("inconsistency"),
                relations=relations,
            )
        )
    return documents


def _relation(doc_id: str, text: str, ann: Any) -> Relation:
    """One annotated relation resolved against its document's text."""
    if not isinstance(ann, dict):
        raise ValueError(f"document {doc_id}: relation {ann!r} is not a mapping")
    where = f"document {doc_id}, relation {ann.get('type')} {ann.get('subject')!r} -> " + repr(
        ann.get("object")
    )
    unknown = set(ann) - _RELATION_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    if ann.get("type") not in TYPES:
        raise ValueError(f"{where}: type {ann.get('type')!r} is not one of {list(TYPES)}")
    spans = {}
    for role in ("subject", "object", "baseline"):
        quote = ann.get(role)
        if quote is None and role == "baseline":
            spans[role] = None
            continue
        if not isinstance(quote, str) or not quote:
            raise ValueError(f"{where}: {role} must be a non-empty piece of the text")
        start = _find(text, quote, ann.get(f"{role}_occurrence"), f"{where}, {role} {quote!r}")
        spans[role] = (start, start + len(quote))
    return Relation(
        ann["type"], spans["subject"], spans["object"], spans["baseline"], ann.get("cue") or ""
    )


def predict(text: str) -> list[Relation]:
    """The finder's relations of a text, as spans."""
    mentions = extract(text)
    return [
        _as_relation(found)
        for found in find_relations(text, mentions, find_measures(text, mentions))
    ]


def _as_relation(found: FoundRelation) -> Relation:
    baseline = found.baseline
    return Relation(
        found.type,
        (found.subject.start, found.subject.end),
        (found.object.start, found.object.end),
        (baseline.start, baseline.end) if baseline else None,
        found.cue,
    )


def score_relations(
    documents: Iterable[RelationDocument], find: Callable[[str], list[Relation]] = predict
) -> RelationScore:
    """Match each document's predicted relations with its gold ones (greedy, in order)."""
    result = RelationScore()
    for doc in documents:
        predicted = find(doc.text)
        _score_typed(doc, predicted, result)
        _score_untyped(doc, predicted, result.untyped)
    for counts in result.typed.values():
        result.overall.tp += counts.tp
        result.overall.fp += counts.fp
        result.overall.fn += counts.fn
    return result


def _score_typed(doc: RelationDocument, predicted: list[Relation], result: RelationScore) -> None:
    matched = [False] * len(doc.relations)
    for p in predicted:
        gold = next(
            (i for i, g in enumerate(doc.relations) if not matched[i] and _same(p, g, typed=True)),
            None,
        )
        counts = result.typed[p.type]
        if gold is None:
            counts.fp += 1
            result.errors.append(f"FP {doc.id} {_describe(doc.text, p)}")
            continue
        matched[gold] = True
        counts.tp += 1
        g = doc.relations[gold]
        if p.type in CHANGES:
            right = (p.baseline is None) == (g.baseline is None) and (
                p.baseline is None or _overlap(p.baseline, g.baseline)
            )
            result.baselines_judged += 1
            result.baselines_right += right
            if not right:
                result.errors.append(f"BASELINE {doc.id} {_describe(doc.text, p)}")
    for g, hit in zip(doc.relations, matched, strict=True):
        if not hit:
            result.typed[g.type].fn += 1
            result.errors.append(f"FN {doc.id} {_describe(doc.text, g)}")


def _score_untyped(doc: RelationDocument, predicted: list[Relation], counts: Counts) -> None:
    matched = [False] * len(doc.relations)
    for p in predicted:
        gold = next(
            (i for i, g in enumerate(doc.relations) if not matched[i] and _same(p, g, typed=False)),
            None,
        )
        if gold is None:
            counts.fp += 1
        else:
            matched[gold] = True
            counts.tp += 1
    counts.fn += matched.count(False)


def _same(p: Relation, g: Relation, *, typed: bool) -> bool:
    if typed and p.type != g.type:
        return False
    forward = _overlap(p.subject, g.subject) and _overlap(p.object, g.object)
    backward = _overlap(p.subject, g.object) and _overlap(p.object, g.subject)
    either_order = not typed or g.type == "same_quantity"
    return forward or (either_order and backward)


def _overlap(a: Span, b: Span | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


def _describe(text: str, r: Relation) -> str:
    baseline = f" from {text[r.baseline[0] : r.baseline[1]]!r}" if r.baseline else ""
    return (
        f"{r.type} {text[r.subject[0] : r.subject[1]]!r} -> {text[r.object[0] : r.object[1]]!r}"
        f"{baseline} (cue {r.cue!r})"
    )


def _ratio(part: float, whole: float, empty: float = 0.0) -> float:
    return part / whole if whole else empty


def format_relation_score(score: RelationScore) -> list[str]:
    """The score's lines: per type, overall, untyped, baselines, then the errors."""

    def line(name: str, c: Counts) -> str:
        return (
            f"  {name:<15} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} "
            f"(tp {c.tp} fp {c.fp} fn {c.fn})"
        )

    lines = [line(name, score.typed[name]) for name in TYPES]
    lines += [line("typed overall", score.overall), line("untyped", score.untyped)]
    lines.append(
        f"  stated baseline right in {score.baselines_right} of {score.baselines_judged} matched "
        f"changes ({score.baseline_accuracy:.3f})"
    )
    return lines + [f"    {error}" for error in score.errors]


def _pipeline(text: str) -> None:
    mentions = extract(text)
    find_relations(text, mentions, find_measures(text, mentions))


def megabytes_per_second(texts: list[str]) -> float:
    """MB/s of extract + find_measures + find_relations over the texts, one at a time (best of
    ROUNDS, CPU time)."""
    size = sum(len(text.encode("utf-8")) for text in texts)
    return size / min(seconds_per_pass(_pipeline, texts) for _ in range(ROUNDS)) / 1e6


def throughput(documents: list[RelationDocument]) -> list[str]:
    """MB/s of extract + find_measures + find_relations, and the time at 1x, 10x and 100x the
    corpus text, one text each."""
    texts = [doc.text for doc in documents]
    size = sum(len(text.encode("utf-8")) for text in texts)
    lines = [
        f"  throughput {megabytes_per_second(texts):.2f} MB/s ({size:,} bytes, best of {ROUNDS})"
    ]
    base = "\n\n".join(texts)
    for times in SCALES:
        text = "\n\n".join([base] * times)
        seconds = min(seconds_per_pass(_pipeline, [text]) for _ in range(ROUNDS))
        lines.append(f"  x{times:<4} {len(text):>11,} chars  {seconds:8.3f} s")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpora", nargs="*", type=Path, help="relation corpora (default: the dev and blind ones)"
    )
    paths = parser.parse_args(argv).corpora or sorted(CORPORA.glob("relations_*.yaml"))
    sample = read_article(SAMPLE, SAMPLE.parent).body
    how = "compiled with mypyc" if is_compiled(core.find_relations) else "plain Python, no build"
    print(f"the figure finder runs {how} (core/compiled.py)")
    print(
        f"the sample article (a real text, {len(sample):,} chars, fewer figures a sentence than "
        f"the corpora): {megabytes_per_second([sample]):.2f} MB/s"
    )
    for path in paths:
        if not path.exists():
            print(f"\n{path.name}: not present")
            continue
        documents = load_relations(path)
        gold = sum(len(doc.relations) for doc in documents)
        print(f"\n{path.name}: {len(documents)} documents, {gold} relations")
        print("\n".join(format_relation_score(score_relations(documents))))
        print("\n".join(throughput(documents)))


if __name__ == "__main__":
    main()
