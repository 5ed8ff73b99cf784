"""Numbers beyond the range of a DOUBLE (more than 308 digits, inf, NaN): in an article body or as
a figure's value, each is held back with a message naming the file, the line and what was found;
the run goes on and the other articles are published."""

from __future__ import annotations

import dagster as dg
import pytest
from conftest import COUNCIL_ARTICLE, SEED, described

from benchmarks.hostile import ROUTES, article, figures_file, with_
from core.numbers import abridged, is_finite_number

HUGE = "1" + "0" * 400  # 401 digits: float() overflows
HUGE_BODY = f"About {HUGE} people came to the fair. Some 300 stayed.\n"


def outcomes(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
    return {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in result.get_asset_check_evaluations()
    }


@pytest.mark.parametrize(
    ("value", "finite"),
    [(12, True), (1.5e308, True), (10**308, True), (10**309, False), (float("inf"), False),
     (float("nan"), False), (True, False), ("12", False)],
)  # fmt: skip
def test_is_finite_number_says_what_a_double_holds(value: object, finite: bool) -> None:
    assert is_finite_number(value) is finite


def test_abridged_keeps_short_text_and_says_the_length_of_long_text() -> None:
    assert abridged("About 300") == "About 300"
    assert abridged(f"About {HUGE}") == f"About {'1' + '0' * 13}…{'0' * 10} (407 characters)"


def test_numbers_beyond_a_double_are_held_back_and_the_rest_published(
    articles_dir, run_pipeline, query
):
    write = {
        # a body: uncurated (its numbers become unreviewed figures) and curated
        "fair.md": article("fair", HUGE_BODY),
        "curated-fair.md": article("curated fair", HUGE_BODY),
        "curated-fair.figures.yaml": "figures: []\n",
        # a figures file's value: 401 digits, .inf, and 5,000 digits (Python will not read it)
        "routes-huge.md": article("routes huge"),
        "routes-huge.figures.yaml": figures_file((with_(ROUTES, value=HUGE),), ()),
        "routes-inf.md": article("routes inf"),
        "routes-inf.figures.yaml": figures_file((with_(ROUTES, value=".inf"),), ()),
        "routes-long.md": article("routes long"),
        "routes-long.figures.yaml": figures_file((with_(ROUTES, value="9" * 5000),), ()),
        "council.md": COUNCIL_ARTICLE,
    }
    for name, text in write.items():
        (articles_dir / name).write_text(text, encoding="utf-8")

    result = run_pipeline()
    assert result.success
    held = query(
        "SELECT stage, source_file, line, item_id, rule, message, expected, found FROM quarantine "
        "ORDER BY source_file"
    )
    huge_quote = abridged(f"About {HUGE}")
    assert [row[:5] for row in held] == [
        ("mentions", "curated-fair.md", 9, None, "mentions_match_schema"),
        ("mentions", "fair.md", 9, None, "mentions_match_schema"),
        ("figures", "routes-huge.figures.yaml", 2, "routes", "figures_match_schema"),
        ("figures", "routes-inf.figures.yaml", 2, "routes", "figures_match_schema"),
        ("figures", "routes-long.figures.yaml", 4, None, "figures_match_schema"),
    ]
    assert held[0][5] == (
        f"the number {huge_quote} is beyond the numbers the warehouse can store (a DOUBLE, up to "
        "about 1.8e308): not read as a figure"
    )
    assert held[2][5] == (
        f"figure routes: value {abridged(HUGE)} is not a finite number the warehouse can store "
        "(a DOUBLE, up to about 1.8e308)"
    )
    assert held[2][6] == "a finite number below about 1.8e308 (at most 308 digits)"
    assert "value inf is not a finite number" in held[3][5]
    assert (
        "an integer of 5,000 characters, beyond any number the warehouse can store" in (held[4][5])
    )
    # published: every article, the other numbers of the bodies, the seed whole
    assert query("SELECT count(*) FROM articles") == [(7,)]
    assert query("SELECT count(*) FROM figures WHERE article_id = ?", [SEED]) == [(11,)]
    assert query("SELECT quote FROM figures WHERE article_id = 'fair'") == [("Some 300",)]
    assert query("SELECT text FROM mentions WHERE article_id = 'curated-fair'") == [("Some 300",)]
    assert query("SELECT count(*) FROM figures WHERE NOT isfinite(value)") == [(0,)]
    evaluations = outcomes(result)
    assert not evaluations["mentions", "mentions_match_schema"].passed
    assert "fair.md:9" in described(evaluations["mentions", "mentions_match_schema"])
    for key in [("sources", "every_input_file_is_accounted_for"),
                ("sources", "every_curated_entry_is_accounted_for")]:  # fmt: skip
        assert evaluations[key].passed, evaluations[key].description
