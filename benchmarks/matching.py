"""Score figure-to-reference matching against the annotated matching corpora (issue 17).

    .venv/bin/python -m benchmarks.matching [CORPUS.yaml ...]

Default: tests/corpus/matching_dev.yaml (core/matching.py was tuned on it), matching_blind.yaml
(written by someone who had not read the matcher; tuned on since session 22) and
matching_blind2.yaml (written blind, never tuned on). For each document the
real uncurated path runs: core.extract finds every number of its text,
core.find_measures what each states, core.resolve.unreviewed_figure_row makes the figure rows as
the pipeline does for an article with no figures file (published_earliest and published_latest
from the document's `published`), and core.matching.match_figures matches them with the corpus's
reference rows (read as core.reference reads a reference table: the period through
core.periods.iso_period; the rows of one corpus are one reference table).

A predicted match is a true positive when its figure's span overlaps the gold figure's span and
its reference row is the gold one. Prints precision, recall and F1 overall and per method, the
agreement verdict's accuracy among true positives (the warehouse's agreement_severity macro with
the default agreement tolerance: 'ok' is agree; gold `agrees`, true unless said), and one line
per false positive and false negative. The format: tests/corpus/README.md, "Matching corpora".
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import yaml

from benchmarks.relations import Counts
from benchmarks.score import _find, corpus_documents
from core import sql
from core.extract import extract
from core.find_measures import find_measures
from core.matching import match_figures
from core.numbers import is_finite_number
from core.parse import Article, published_range
from core.periods import iso_period
from core.resolve import unreviewed_figure_row
from core.tables import ensure_schema

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "corpus"
DEFAULT_CORPORA = tuple(CORPORA / f"matching_{name}.yaml" for name in ("dev", "blind", "blind2"))
APPROX_TOLERANCE = 0.05  # the pipeline's default (etl/resources.py)
AGREEMENT_TOLERANCE = 0.02  # the pipeline's default (etl/resources.py)
REFERENCE_KEYS = {"id", "what", "of_whom", "place", "period", "value", "unit", "measure_id"}
MATCH_KEYS = {"figure", "reference", "agrees", "figure_occurrence"}

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldMatch:
    """A figure of a document's text (its span) and the reference row it states."""

    figure: Span
    reference: str
    agrees: bool


@dataclass(frozen=True)
class MatchDocument:
    """One corpus document: its text, when it appeared, and its gold matches."""

    id: str
    domain: str
    published: str
    text: str
    matches: list[GoldMatch]


@dataclass(frozen=True)
class Predicted:
    """A match the matcher made: the figure's span, the row, how and the verdict."""

    figure: Span
    reference: str
    method: str
    score: float
    agrees: bool


@dataclass
class MatchScore:
    """Counts overall and per method, verdicts among true positives, and error lines."""

    overall: Counts = field(default_factory=Counts)
    by_method: dict[str, Counts] = field(default_factory=dict)
    verdicts_right: int = 0
    errors: list[str] = field(default_factory=list)


def load_matching(path: str | Path) -> tuple[pd.DataFrame, list[MatchDocument]]:
    """Read a matching corpus: its reference rows as a `reference_values` frame and its
    documents with their gold matches resolved to spans.

    Raises ValueError naming the reference row, or the document and the match, when a row lacks
    a key or has a bad period or value, or a match's figure is not in its text, is ambiguous
    without figure_occurrence, or names a reference row the file does not hold."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    raw_references = data.get("references") if isinstance(data, dict) else None
    if not isinstance(raw_references, list):
        raise ValueError(f"{path}: expected a mapping with a 'references' list")
    references = reference_frame(raw_references, Path(path).stem)
    ids = set(references["row_id"])
    documents = []
    for doc_id, text, raw in corpus_documents(path):
        published = str(raw.get("published") or "")
        if published_range(published)[0] is None:
            raise ValueError(f"document {doc_id}: published {published!r} is not YYYY-MM(-DD)")
        matches = [_gold(doc_id, text, ann, ids) for ann in raw.get("matches") or []]
        documents.append(
            MatchDocument(doc_id, str(raw.get("domain", "")), published, text, matches)
        )
    return references, documents


def reference_frame(rows: list[Any], reference_id: str) -> pd.DataFrame:
    """Rows of `reference_values` (one reference table, reference_id) from a corpus's rows."""
    values, seen = [], set()
    for raw in rows:
        where = f"reference {raw.get('id') if isinstance(raw, dict) else raw!r}"
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ValueError(f"{where}: needs an id")
        if raw["id"] in seen:
            raise ValueError(f"{where}: duplicate id")
        seen.add(raw["id"])
        if unknown := set(raw) - REFERENCE_KEYS:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        if missing := [k for k in ("what", "period", "value", "unit") if raw.get(k) is None]:
            raise ValueError(f"{where}: lacks {', '.join(missing)}")
        if isinstance(raw["value"], bool) or not isinstance(raw["value"], (int, float)):
            raise ValueError(f"{where}: value {raw['value']!r} is not a number")
        try:
            period = iso_period(str(raw["period"]))
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
        values.append(
            {
                "reference_id": reference_id,
                "row_id": str(raw["id"]),
                **{k: raw.get(k) for k in ("measure_id", "what", "of_whom", "place", "unit")},
                "period": str(raw["period"]),
                "period_kind": period.kind,
                "period_start": period.start[0],
                "period_end": period.end[1],
                "value": float(raw["value"]),
            }
        )
    return pd.DataFrame(values)


def _gold(doc_id: str, text: str, ann: Any, ids: set[str]) -> GoldMatch:
    """One annotated match resolved against its document's text."""
    if not isinstance(ann, dict):
        raise ValueError(f"document {doc_id}: match {ann!r} is not a mapping")
    where = f"document {doc_id}, match {ann.get('figure')!r} -> {ann.get('reference')!r}"
    if unknown := set(ann) - MATCH_KEYS:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    if ann.get("reference") not in ids:
        raise ValueError(f"{where}: no reference row has id {ann.get('reference')!r}")
    if not isinstance(ann.get("agrees", True), bool):
        raise ValueError(f"{where}: agrees must be true or false")
    figure = ann.get("figure")
    if not isinstance(figure, str) or not figure:
        raise ValueError(f"{where}: figure must be a non-empty piece of the text")
    start = _find(text, figure, ann.get("figure_occurrence"), where)
    return GoldMatch((start, start + len(figure)), ann["reference"], ann.get("agrees", True))


def figures_frame(doc: MatchDocument) -> pd.DataFrame:
    """The document's figures as the pipeline makes them for an article with no figures file,
    with its article's published_earliest and published_latest."""
    article = Article(doc.id, f"{doc.id}.md", {"published": doc.published}, doc.text, 1, None)
    numbers = [
        m for m in extract(doc.text, APPROX_TOLERANCE) if m.is_figure and is_finite_number(m.value)
    ]
    measures = find_measures(doc.text, numbers)
    earliest, latest = published_range(doc.published)
    rows = [
        unreviewed_figure_row(article, mention, measure, APPROX_TOLERANCE)
        for mention, measure in zip(numbers, measures, strict=True)
    ]
    return pd.DataFrame(rows).assign(published_earliest=earliest, published_latest=latest)


def predict(
    doc: MatchDocument, references: pd.DataFrame, conn: duckdb.DuckDBPyConnection
) -> list[Predicted]:
    """The matches of the document's figures with the reference rows, each judged."""
    figures = figures_frame(doc)
    if figures.empty:
        return []
    matches = match_figures(figures, references).merge(figures, on=["article_id", "figure_id"])
    matches = matches.merge(references[["row_id", "value"]], on="row_id", suffixes=("", "_ref"))
    return [
        Predicted(
            (int(m.start), int(m.end)), m.row_id, m.method, m.score, _agrees(conn, m._asdict())
        )
        for m in matches.itertuples(index=False)
    ]


def _agrees(conn: duckdb.DuckDBPyConnection, m: dict[str, Any]) -> bool:
    """The warehouse's verdict on a match, as reference_agreements.sql gives it: 'ok' agrees."""
    scale = m["scale"]
    (severity,) = conn.execute(
        "SELECT agreement_severity(?, ?, ?, ?, ?, ?, ?, false, ?, ?)",
        [
            m["value"] * scale,
            m["lower"] * scale,
            m["upper"] * scale,
            m["hedged"],
            m["value_ref"],
            m["value_ref"],
            m["value_ref"],
            m["rounding"],
            AGREEMENT_TOLERANCE,
        ],
    ).fetchone()
    return severity == "ok"


def macros() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB warehouse (its tables empty) with its macros and views."""
    conn = duckdb.connect()
    ensure_schema(conn)
    sql.install_macros_and_views(conn, {"agreement_tolerance": AGREEMENT_TOLERANCE})
    return conn


def score_matching(references: pd.DataFrame, documents: list[MatchDocument]) -> MatchScore:
    """Match each document's predictions with its gold matches (greedy, in order)."""
    result = MatchScore()
    with macros() as conn:
        for doc in documents:
            _score_document(doc, predict(doc, references, conn), result)
    return result


def _score_document(doc: MatchDocument, predicted: list[Predicted], result: MatchScore) -> None:
    matched = [False] * len(doc.matches)
    for p in predicted:
        counts = result.by_method.setdefault(p.method, Counts())
        gold = next(
            (
                i
                for i, g in enumerate(doc.matches)
                if not matched[i] and g.reference == p.reference and _overlap(p.figure, g.figure)
            ),
            None,
        )
        if gold is None:
            counts.fp += 1
            result.overall.fp += 1
            result.errors.append(f"FP {doc.id} {_said(doc.text, p.figure)} -> {p.reference}")
            continue
        matched[gold] = True
        counts.tp += 1
        result.overall.tp += 1
        result.verdicts_right += p.agrees == doc.matches[gold].agrees
    for g, hit in zip(doc.matches, matched, strict=True):
        if not hit:
            result.overall.fn += 1
            result.errors.append(f"FN {doc.id} {_said(doc.text, g.figure)} -> {g.reference}")


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _said(text: str, span: Span) -> str:
    return repr(text[span[0] : span[1]])


def format_match_score(score: MatchScore) -> list[str]:
    """The score's lines: overall, per method, verdicts, then the errors."""

    def line(name: str, c: Counts) -> str:
        return (
            f"  {name:<12} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} "
            f"(tp {c.tp} fp {c.fp} fn {c.fn})"
        )

    lines = [line("overall", score.overall)]
    lines += [
        f"  {method:<12} P {c.precision:.3f} (tp {c.tp} fp {c.fp}; the gold has no method)"
        for method, c in sorted(score.by_method.items())
    ]
    tp = score.overall.tp
    lines.append(
        f"  verdict (agrees or not) right in {score.verdicts_right} of {tp} true positives"
    )
    return lines + [f"    {error}" for error in score.errors]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpora", nargs="*", type=Path, help="matching corpora (default: dev and blind)"
    )
    for path in parser.parse_args(argv).corpora or DEFAULT_CORPORA:
        if not path.exists():
            print(f"\n{path.name}: not present")
            continue
        references, documents = load_matching(path)
        gold = sum(len(doc.matches) for doc in documents)
        print(
            f"\n{path.name}: {len(documents)} documents, {len(references)} reference rows, "
            f"{gold} gold matches"
        )
        print("\n".join(format_match_score(score_matching(references, documents))))


if __name__ == "__main__":
    main()
