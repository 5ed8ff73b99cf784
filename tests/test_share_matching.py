"""A share of a whole against part / whole of two published rows (core.share_matching)."""

from __future__ import annotations

import pandas as pd

from core.share_matching import match_shares


def row(number: int, what: str, period: str, value: float, **more) -> dict:
    year = int(period)
    return {
        "row_id": f"s:{number}", "reference_id": "s", "measure_id": None, "what": what,
        "of_whom": None, "place": "Ruritania", "period": period, "period_kind": "during",
        "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "value": value,
        "unit": "people", **more,
    }  # fmt: skip


WHOLE = row(1, "people in emergency accommodation", "2023", 1200)
CHILDREN = row(2, "children among the people in emergency accommodation", "2023", 300)
WOMEN = row(3, "women among the people in emergency accommodation", "2023", 500)
CHILDREN_2022 = row(4, "children among the people in emergency accommodation", "2022", 250)
REFERENCES = pd.DataFrame([WHOLE, CHILDREN, WOMEN, CHILDREN_2022])


def figure(figure_id: str, what: str, kind: str, period: str | None = "in 2023") -> dict:
    return {
        "article_id": "a", "figure_id": figure_id, "start": 0, "sentence": "", "kind": kind,
        "unit": {"count": "people", "ratio": "fraction"}.get(kind, kind), "measure_id": None,
        "measure_what": what, "measure_of_whom": None, "measure_where": "Ruritania",
        "measure_period": period, "published_earliest": "2024-03-05",
        "published_latest": "2024-03-05",
    }  # fmt: skip


WHOLE_FIGURE = figure("whole", "people in emergency accommodation", "count")


def matched(*shares: dict, ambiguous: bool = False, references=REFERENCES) -> dict[str, tuple]:
    """Each share's match (part row, whole row, scale, score), its whole figure matched with
    the whole's row (score 0.8)."""
    figures = pd.DataFrame([WHOLE_FIGURE, *shares])
    matches = pd.DataFrame(
        [{"article_id": "a", "figure_id": "whole", "row_id": "s:1", "reference_id": "s",
          "method": "found", "score": 0.8, "reason": "found: words", "scale": 1.0}]
    )  # fmt: skip
    relations = pd.DataFrame(
        [{"article_id": "a", "type": "share_of", "subject_id": s["figure_id"],
          "object_id": "whole", "origin": "curated", "base_ambiguous": ambiguous,
          "metric_id": None} for s in shares]
    )  # fmt: skip
    rows = match_shares(figures, references, matches, relations)
    return {r.figure_id: (r.row_id, r.whole_row_id, r.scale, r.score) for r in rows.itertuples()}


def test_a_share_is_matched_with_the_part_its_words_add_to_the_whole() -> None:
    quarter = figure("quarter", "children among people in emergency accommodation", "ratio")
    percent = figure("percent", "women among people in emergency accommodation", "percent")
    assert matched(quarter, percent) == {
        "quarter": ("s:2", "s:1", 100.0, 0.8),  # the part's words are the share's: 1, the whole's
        "percent": ("s:3", "s:1", 1.0, 0.8),
    }


def test_the_part_is_of_the_whole_rows_period() -> None:
    quarter = figure("quarter", "children among people in emergency accommodation", "ratio")
    assert matched(quarter, references=REFERENCES.drop(index=1)) == {}  # 2022's only
    in_2022 = figure("in_2022", "children among people in emergency accommodation", "ratio", "2022")
    assert matched(in_2022) == {}  # the share says 2022, the whole row is 2023's


def test_no_match_when_unsure() -> None:
    quarter = figure("quarter", "children among people in emergency accommodation", "ratio")
    assert matched(quarter, ambiguous=True) == {}  # the text's base may not be the whole
    same = figure("same", "people in emergency accommodation", "ratio")
    both = figure("both", "women and children among people in emergency accommodation", "ratio")
    assert matched(same, both) == {}  # no word added; two rows tie as the part
    larger = REFERENCES.assign(value=[1200, 1500, 500, 250])
    assert matched(quarter, references=larger) == {}  # a part larger than its whole is none


def test_a_share_with_no_period_takes_its_wholes() -> None:
    quarter = figure("quarter", "children among people in emergency accommodation", "ratio", None)
    assert matched(quarter) == {"quarter": ("s:2", "s:1", 100.0, 0.8)}
