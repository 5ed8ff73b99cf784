"""Benchmark the number extractor against the annotated corpora, and against quantulum3.

    scripts/benchmark.sh            # installs the `bench` group (quantulum3), then runs this

Prints precision, recall, F1 and qualifier accuracy of both extractors on the team-written corpus
(tests/corpus/dev.yaml, which the rules were tuned on), on the blind corpus
(tests/corpus/blind.yaml, written by someone who had not read the rules) and on the held-out real
article (tests/corpus/heldout_vice.yaml); their throughput on the same texts in the same run; and
how the extractor's time and peak memory grow with the size of the text.

Throughput is each extractor's own call (`extract`, quantulum3's `parser.parse`) on the same
documents, in CPU time (other work on the machine disturbs it less than wall time), in ROUNDS
rounds that time both one after the other; the best round of each and the median round are
reported, with their ratios (other work on the machine only ever slows a round down).
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.score import Document, Predict, format_score, load_corpus, score
from core.extract import extract, iter_mentions

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "corpus"
SCALES = (1, 10, 100)
ROUNDS = 5
MIN_SECONDS = 0.2  # each timing repeats its pass until it has taken this long


def ours(text: str) -> list[dict[str, Any]]:
    return [mention.as_dict() for mention in extract(text)]


def quantulum3_parse() -> Callable[[str], list[Any]] | None:
    """quantulum3's parser, or None when the `bench` group is not installed."""
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    warnings.filterwarnings("ignore", module="quantulum3")
    parser.parse("warm up: 5 people")  # loads its unit tables outside the timing
    return parser.parse


def quantulum3_predict(parse: Callable[[str], list[Any]]) -> Predict:
    """quantulum3's quantities in the scorer's terms."""

    def predict(text: str) -> list[dict[str, Any]]:
        return [
            {
                "start": q.span[0],
                "end": q.span[1],
                "value": q.value,
                "kind": _quantulum_kind(q),
                "qualifier": "exact",  # quantulum3 keeps no hedge
            }
            for q in parse(text)
        ]

    return predict


def _quantulum_kind(quantity: Any) -> str:
    if quantity.unit.name == "percentage":
        return "percent"
    if quantity.unit.entity.name == "currency":
        return "money"
    return "count" if quantity.unit.name == "dimensionless" else "other"


def throughputs(
    documents: list[Document], *extractors: Callable[[str], Any]
) -> list[tuple[float, float]]:
    """Characters per CPU second of each extractor over the documents, one at a time, in ROUNDS
    rounds, each of which times every extractor in turn on the same texts: the best round and
    the median round."""
    texts = [document.text for document in documents]
    chars = sum(map(len, texts))
    rounds: list[list[float]] = [[] for _ in extractors]
    for _ in range(ROUNDS):
        for extractor, rates in zip(extractors, rounds, strict=True):
            rates.append(chars / seconds_per_pass(extractor, texts))
    return [(max(rates), statistics.median(rates)) for rates in rounds]


def scaling(documents: list[Document]) -> list[str]:
    """CPU time and peak memory (beyond the text) of streaming the corpus text repeated 1, 10
    and 100 times; the time is the median of ROUNDS rounds, each of which times every size in
    turn."""
    base = "\n\n".join(document.text for document in documents)
    texts = ["\n\n".join([base] * times) for times in SCALES]
    rounds: list[list[float]] = [[] for _ in texts]
    for _ in range(ROUNDS):
        for text, seconds in zip(texts, rounds, strict=True):
            seconds.append(seconds_per_pass(_stream, [text]))
    lines = []
    for times, text, seconds in zip(SCALES, texts, map(statistics.median, rounds), strict=True):
        tracemalloc.start()  # a pass of its own, traced: tracing slows it down
        count = _stream(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        lines.append(
            f"  x{times:<4} {len(text):>11,} chars  {count:>7,} mentions  {seconds:7.3f} s  "
            f"{len(text) / seconds:>11,.0f} chars/s  peak {peak / 1024:>7,.0f} KiB"
        )
    return lines


def _stream(text: str) -> int:
    """How many mentions the text has, streamed one at a time."""
    return sum(1 for _ in iter_mentions(text))


def seconds_per_pass(extractor: Callable[[str], Any], texts: list[str]) -> float:
    """CPU seconds a pass of the extractor over the texts takes, over as many passes as take
    MIN_SECONDS (at least one). CPU time, not wall time: other work on the machine disturbs it
    less."""
    passes, started = 0, time.process_time()
    while passes == 0 or time.process_time() - started < MIN_SECONDS:
        for text in texts:
            extractor(text)
        passes += 1
    return (time.process_time() - started) / passes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-quantulum3", action="store_true", help="only our extractor")
    args = parser.parse_args()
    rival = None if args.skip_quantulum3 else quantulum3_parse()
    if rival is None and not args.skip_quantulum3:
        print("quantulum3 is not installed: run scripts/benchmark.sh (it syncs the bench group)")
    for name in ("dev.yaml", "blind.yaml", "heldout_vice.yaml"):
        documents = load_corpus(CORPORA / name)
        figures = sum(len(document.figures) for document in documents)
        print(f"\n{name}: {len(documents)} documents, {figures} figures")
        mine = score(documents, ours)
        print(format_score("  ours      ", mine))
        if rival is not None:
            print(format_score("  quantulum3", score(documents, quantulum3_predict(rival))))
            (ours_best, ours_median), (theirs_best, theirs_median) = throughputs(
                documents, extract, rival
            )
            print(
                f"  throughput, CPU time, {ROUNDS} rounds, best | median: "
                f"ours {ours_best:,.0f} | {ours_median:,.0f} chars/s, "
                f"quantulum3 {theirs_best:,.0f} | {theirs_median:,.0f} chars/s: "
                f"{ours_best / theirs_best:,.0f} | {ours_median / theirs_median:,.0f} times as fast"
            )
    print("\nScaling (ours, dev.yaml's texts repeated; memory traced while streaming):")
    print("\n".join(scaling(load_corpus(CORPORA / "dev.yaml"))))


if __name__ == "__main__":
    main()
