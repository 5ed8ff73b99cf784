"""Benchmark the number extractor against the annotated corpora, and against quantulum3.

    scripts/benchmark.sh            # installs the `bench` group (quantulum3), then runs this

Prints precision, recall, F1 and qualifier accuracy of both extractors on the team-written corpus
(tests/corpus/dev.yaml, which the rules were tuned on), on the blind corpus
(tests/corpus/blind.yaml, written by someone who had not read the rules) and on the held-out real
article (tests/corpus/heldout_vice.yaml); their
throughput on the same texts in the same run; and how the extractor's time and peak memory grow
with the size of the text.
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any

from benchmarks.score import Document, Predict, format_score, load_corpus, score
from core.extract import extract, iter_mentions

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "corpus"
SCALES = (1, 10, 100)
PASSES = 20


def ours(text: str) -> list[dict[str, Any]]:
    return [mention.as_dict() for mention in extract(text)]


def quantulum3_predict() -> Predict | None:
    """quantulum3 as a predict function, or None when the `bench` group is not installed."""
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    warnings.filterwarnings("ignore", module="quantulum3")

    def predict(text: str) -> list[dict[str, Any]]:
        return [
            {
                "start": q.span[0],
                "end": q.span[1],
                "value": q.value,
                "kind": _quantulum_kind(q),
                "qualifier": "exact",  # quantulum3 keeps no hedge
            }
            for q in parser.parse(text)
        ]

    predict("warm up: 5 people")  # loads its unit tables outside the timing
    return predict


def _quantulum_kind(quantity: Any) -> str:
    if quantity.unit.name == "percentage":
        return "percent"
    if quantity.unit.entity.name == "currency":
        return "money"
    return "count" if quantity.unit.name == "dimensionless" else "other"


def throughput(documents: list[Document]) -> float:
    """Characters per second of our extractor, document by document, best of PASSES passes."""
    chars = sum(len(document.text) for document in documents)
    best = math.inf
    for _ in range(PASSES):
        started = time.perf_counter()
        for document in documents:
            ours(document.text)
        best = min(best, time.perf_counter() - started)
    return chars / best


def scaling(documents: list[Document]) -> list[str]:
    """Time and peak memory (beyond the text) of streaming the corpus text repeated 1, 10 and
    100 times."""
    base = "\n\n".join(document.text for document in documents)
    lines = []
    for times in SCALES:
        text = "\n\n".join([base] * times)
        started = time.perf_counter()
        count = sum(1 for _ in iter_mentions(text))
        seconds = time.perf_counter() - started
        tracemalloc.start()  # a second pass, traced: tracing slows it down
        sum(1 for _ in iter_mentions(text))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        lines.append(
            f"  x{times:<4} {len(text):>11,} chars  {count:>7,} mentions  {seconds:7.3f} s  "
            f"{len(text) / seconds:>11,.0f} chars/s  peak {peak / 1024:>7,.0f} KiB"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-quantulum3", action="store_true", help="only our extractor")
    args = parser.parse_args()
    rival = None if args.skip_quantulum3 else quantulum3_predict()
    if rival is None and not args.skip_quantulum3:
        print("quantulum3 is not installed: run scripts/benchmark.sh (it syncs the bench group)")
    for name in ("dev.yaml", "blind.yaml", "heldout_vice.yaml"):
        documents = load_corpus(CORPORA / name)
        figures = sum(len(document.figures) for document in documents)
        print(f"\n{name}: {len(documents)} documents, {figures} figures")
        mine = score(documents, ours)
        print(format_score("  ours      ", mine))
        if rival is not None:
            theirs = score(documents, rival)
            print(format_score("  quantulum3", theirs))
            ours_rate = throughput(documents)
            theirs_rate = theirs.chars / theirs.seconds
            print(
                f"  throughput: ours {ours_rate:,.0f} chars/s (best of {PASSES} passes), "
                f"quantulum3 {theirs_rate:,.0f} chars/s (one pass): "
                f"{ours_rate / theirs_rate:,.0f} times as fast"
            )
    print("\nScaling (ours, dev.yaml's texts repeated; memory traced while streaming):")
    print("\n".join(scaling(load_corpus(CORPORA / "dev.yaml"))))


if __name__ == "__main__":
    main()
