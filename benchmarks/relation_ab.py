"""Time extract + find_measures + find_relations of two checkouts in turn, on the same texts.

    .venv/bin/python -m benchmarks.relation_ab OTHER_CHECKOUT [--rounds 20] [--corpus blind5]

benchmarks/relations.py times one checkout, and on a shared machine its throughput moves by a
third from one run to the next. This runs one worker process per checkout (this one and
OTHER_CHECKOUT, each importing its own code, with this interpreter) and has them make a pass
over the relation corpora in turn, ROUNDS times, so that both see the same load. It prints, for
each, the best pass and the median pass in MB/s, and the sum over the documents of each one's
fastest time (the least disturbed figure), then the speed-up of this checkout over the other.
Every relation corpus is read: a corpus still unseen stays out of tests/corpus until it is
measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What each worker runs, with its checkout first on the path: a pass over the texts on each
# line it reads, answered with the pass's CPU time; the sum of the per-document bests on "sum"
WORKER = """
import sys, time
from pathlib import Path
from benchmarks.score import corpus_documents
from core.extract import extract
from core.find_measures import find_measures
from core.find_relations import find_relations
paths = [p for p in sorted(Path("tests/corpus").glob("relations_*.yaml"))
         if sys.argv[1] in p.name]
texts = [text for path in paths for _, text, _ in corpus_documents(path)]
best = [float("inf")] * len(texts)
import core.find_relations
# (core.compiled.is_compiled, written out: an older checkout has no core.compiled)
how = "plain" if core.find_relations.__file__.endswith(".py") else "compiled"
print(sum(len(text.encode("utf-8")) for text in texts), how, flush=True)
for line in sys.stdin:
    if line.strip() == "sum":
        print(sum(best), flush=True)
        continue
    started = time.process_time()
    for k, text in enumerate(texts):
        begun = time.perf_counter()
        mentions = extract(text)
        find_relations(text, mentions, find_measures(text, mentions))
        best[k] = min(best[k], time.perf_counter() - begun)
    print(time.process_time() - started, flush=True)
"""


@dataclass
class Timing:
    """One checkout's passes (CPU seconds each) and the sum of its per-document bests."""

    name: str
    passes: list[float]
    per_document: float = 0.0

    def line(self, size: int) -> str:
        """Its MB/s: best pass, median pass, per-document bests."""
        best, median = size / min(self.passes), size / statistics.median(self.passes)
        return (
            f"{self.name}: best pass {best / 1e6:.3f} MB/s, median pass {median / 1e6:.3f} "
            f"MB/s, per-document bests {size / self.per_document / 1e6:.3f} MB/s"
        )


def speed_up(this: Timing, other: Timing) -> str:
    """How much faster this checkout is than the other, by each measure."""
    best = min(other.passes) / min(this.passes)
    median = statistics.median(other.passes) / statistics.median(this.passes)
    return (
        f"speed-up: best pass {best:.3f}, median pass {median:.3f}, "
        f"per-document bests {other.per_document / this.per_document:.3f}"
    )


def _worker(checkout: Path, corpus: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, corpus],
        cwd=checkout,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _answer(worker: subprocess.Popen) -> str:
    """The worker's next line; exits naming the worker when it has ended (an import failed)."""
    line = worker.stdout.readline() if worker.stdout else ""
    if not line:
        raise SystemExit(f"the worker of {worker.args} ended: {worker.wait()}")
    return line


def _ask(worker: subprocess.Popen, line: str) -> float:
    if worker.stdin is not None:
        worker.stdin.write(line + "\n")
        worker.stdin.flush()
    return float(_answer(worker))


def compare(other: Path, rounds: int, corpus: str) -> tuple[int, Timing, Timing]:
    """The corpora's size in bytes and the timings of this checkout and the other."""
    checkouts = {"this": ROOT, "other": other}
    workers = {name: _worker(path, corpus) for name, path in checkouts.items()}
    try:
        # each worker's first line: the corpora's size, and whether its finder runs compiled
        first = {name: _answer(worker).split() for name, worker in workers.items()}
        sizes = {int(size) for size, _ in first.values()}
        if len(sizes) != 1:
            raise SystemExit(f"the checkouts' corpora differ in size: {sorted(sizes)}")
        timings = {
            name: Timing(f"{name} ({checkouts[name]}, {first[name][1]})", []) for name in workers
        }
        for _ in range(rounds):
            for name, worker in workers.items():
                timings[name].passes.append(_ask(worker, "go"))
        for name, worker in workers.items():
            timings[name].per_document = _ask(worker, "sum")
    finally:
        for worker in workers.values():
            worker.communicate()  # closes its input: it ends
    return sizes.pop(), timings["this"], timings["other"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (a worktree or an export)")
    parser.add_argument("--rounds", type=int, default=20, help="passes of each (default 20)")
    parser.add_argument("--corpus", default="", help="only the corpora whose name has this")
    args = parser.parse_args(argv)
    size, this, other = compare(args.other.resolve(), args.rounds, args.corpus)
    print(f"{size:,} bytes, {args.rounds} passes each, in turn")
    print(this.line(size))
    print(other.line(size))
    print(speed_up(this, other))


if __name__ == "__main__":
    main()
