"""Speed of matching shares and implied baselines with reference rows (issue 17, "Not only
lookups"): what core/derivation.py runs after the figures are matched.

    .venv/bin/python -m benchmarks.relation_matching_speed [--articles 20000]
        [--references 2000] [--seed 0]

Generates figures and reference rows as benchmarks/matching_speed.py does, matches them
(match_figures, match_changes: not timed here, see that benchmark), then gives every article a
share_of and a percent_change relation between its first two figures, each with an implied
baseline, the worst case (every article's relations looked up), and times
core.share_matching.match_shares and core.derived_matching.match_baselines (wall and CPU time:
the machine may be shared).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from benchmarks.matching_speed import figures, references
from core.change_matching import match_changes
from core.derived_matching import match_baselines
from core.matching import match_figures
from core.share_matching import match_shares


def relations(frame: pd.DataFrame) -> pd.DataFrame:
    """A relation per article from its first figure to its second: share_of and percent_change
    in turn, each with the id of its implied baseline."""
    by_article = frame.groupby("article_id")
    first, second = by_article.nth(0), by_article.nth(1)
    articles = first["article_id"].to_numpy()
    return pd.DataFrame(
        {
            "article_id": articles,
            "type": np.where(np.arange(len(articles)) % 2, "share_of", "percent_change"),
            "subject_id": first["figure_id"].to_numpy(),
            "object_id": second["figure_id"].to_numpy(),
            "origin": "found",
            "base_ambiguous": False,
            "metric_id": [f"{a}:r:implied_baseline" for a in articles],
        }
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--references", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    refs = references(args.references, rng)
    frame = figures(args.articles, refs, rng)
    matched = pd.concat([match_figures(frame, refs), match_changes(frame, refs)])
    linked = relations(frame)
    print(
        f"{len(frame):,} figures of {args.articles:,} articles, {len(linked):,} relations, "
        f"{len(refs):,} reference rows, {len(matched):,} matches (not timed)"
    )
    for match in (match_shares, match_baselines):
        started, cpu = time.perf_counter(), time.process_time()
        found = match(frame, refs, matched, linked)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{match.__name__}: {wall:.2f} s ({cpu:.2f} s of CPU), {len(found):,} matches")


if __name__ == "__main__":
    main()
