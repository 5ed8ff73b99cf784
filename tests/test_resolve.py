"""core.resolve: quotes to spans and sentences, curated entries to rows, relations to findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED

from core.parse import Article, Entry
from core.pipeline import articles_from_table, load_articles, load_curation
from core.relations import relation_findings, relation_row
from core.resolve import figure_row, line_at, locate, sentence_at

SEED_DIR = Path(__file__).resolve().parents[1] / "data" / "articles"
BODY = "Recruits have Doubled Since 2013\n\nSome 1,200 left. Then some 1,200 stayed, 400 joined.\n"
ARTICLE = Article(
    article_id="a",
    source_file="a.md",
    front_matter={},
    body=BODY,
    body_first_line=8,
    figures_file="a.figures.yaml",
)
# --- locating quotes ------------------------------------------------------------------------


def test_locate_finds_the_requested_occurrence() -> None:
    body = "a 1,200 b 1,200"
    assert locate(body, "1,200") == (2, 7)
    assert locate(body, "1,200", occurrence=2) == (10, 15)


@pytest.mark.parametrize(("quote", "occurrence"), [("1,200", 3), ("5,000", 1), ("1,200", 0)])
def test_locate_returns_none_when_the_occurrence_is_missing(quote: str, occurrence: int) -> None:
    assert locate("a 1,200 b 1,200", quote, occurrence) is None


@pytest.mark.parametrize(
    ("body", "quote", "sentence"),
    [
        (
            "First one. Then some 1,200 left the country. Last one.",
            "1,200",
            "Then some 1,200 left the country.",
        ),
        (BODY, "Doubled", "Recruits have Doubled Since 2013"),  # a headline has no full stop
        ("Some 1,200 left. Others stayed.", "1,200", "Some 1,200 left."),
        ('He said "it rose 5%." Then 12 cases.', "5%", 'He said "it rose 5%."'),
        ("U.S. officials counted 12 cases.", "12", "U.S. officials counted 12 cases."),
        ("It rose. At least 100 left.", "At least 100", "At least 100 left."),
        # a line break ends a sentence, after a stop too; stops in a row end it at the last
        ("It fell.\nthen 12 left", "12", "then 12 left"),
        ("It rose by 5\n\n\nor 6", "5", "It rose by 5"),
        ("Why?! 40 people (of 90.) Left.", "40", "40 people (of 90.)"),
        ("It fell... 7 left.", "7", "7 left."),
    ],
)
def test_sentence_at_returns_the_sentence_around_the_span(
    body: str, quote: str, sentence: str
) -> None:
    start = body.index(quote)
    assert sentence_at(body, start, start + len(quote)) == sentence


def test_line_at_counts_from_the_first_line_of_the_body() -> None:
    assert line_at(ARTICLE, 0) == 8
    assert line_at(ARTICLE, BODY.index("Some")) == 10
    assert line_at(ARTICLE, BODY.index("\n")) == 8  # the newline ends the line it is on


# --- figure rows ----------------------------------------------------------------------------


def figure(**changes: object) -> dict:
    fields = {
        "id": "departures",
        "quote": "some 1,200",
        "value": 1200,
        "kind": "count",
        "unit": "people",
        "qualifier": "approx",
        "measure": {"what": "departures"},
    }
    return {**fields, **changes}


def test_figure_row_places_the_quote_in_the_body() -> None:
    row, findings = figure_row(ARTICLE, Entry(figure(), 3, ()), "a.figures.yaml", 0.1)
    assert findings == []
    assert BODY[row["start"] : row["end"]] == "some 1,200"
    assert row["start"] == BODY.index("some 1,200")
    assert row["line"] == 10
    assert row["sentence"] == "Then some 1,200 stayed, 400 joined."
    assert row["quoted_value"] == 1200
    assert (row["lower"], row["upper"]) == pytest.approx((1080, 1320))
    assert (row["figures_file"], row["figures_file_line"]) == ("a.figures.yaml", 3)


def test_figure_whose_quote_is_not_in_the_body_has_no_place() -> None:
    row, findings = figure_row(
        ARTICLE, Entry(figure(quote="some 5,000"), 3, ()), "a.figures.yaml", 0.1
    )
    assert findings == []
    assert {k: row[k] for k in ("start", "end", "line", "sentence")} == dict.fromkeys(
        ("start", "end", "line", "sentence")
    )
    assert row["quoted_value"] == 5000


@pytest.mark.parametrize(
    ("quote", "value", "bounds"),
    [
        ("between 20 and 30", 25, (20, 30)),
        ("some 2,000-2,500", 2250, (2000, 2500)),
        ("9 to 11", 10, (9, 11)),  # the stated bounds are also the midpoint's approx interval
    ],
)
def test_figure_whose_quote_states_a_range_keeps_the_stated_bounds(
    quote: str, value: float, bounds: tuple[float, float]
) -> None:
    article = replace(ARTICLE, body=f"Officials said {quote} people left.")
    row, _ = figure_row(article, Entry(figure(quote=quote, value=value), 3, ()), "a.yaml", 0.1)
    assert row["quoted_value"] == value  # the midpoint, which the curated value must equal
    assert (row["lower"], row["upper"]) == pytest.approx(bounds)


@pytest.mark.parametrize(
    ("quote", "value"), [("fivefold", 5), ("hundreds of", 200), ("(234)", 234), ("one fifth", 0.2)]
)
def test_a_quote_states_the_number_the_extractor_reads_in_it(quote: str, value: float) -> None:
    article = replace(ARTICLE, body=f"Officials said {quote} people left.")
    row, _ = figure_row(article, Entry(figure(quote=quote, value=value), 3, ()), "a.yaml", 0.1)
    assert row["quoted_value"] == pytest.approx(value)


def test_figure_with_key_problems_gets_one_finding_per_problem() -> None:
    problems = ("missing key 'unit'", "unknown key 'colour' (expected one of: ...)")
    _, findings = figure_row(ARTICLE, Entry(figure(), 3, problems), "a.figures.yaml", 0.1)
    assert [f.rule for f in findings] == ["figures_match_schema"] * 2
    assert [(f.item_id, f.line) for f in findings] == [("departures", 3)] * 2
    assert "missing key 'unit'" in findings[0].message


# --- relations ------------------------------------------------------------------------------


def relation_problems(
    type_: str, subject: str, object_: str, kinds: dict[str, str], held_back: set[str]
) -> list:
    entry = Entry({"id": "r", "type": type_, "subject": subject, "object": object_}, 20, ())
    row = relation_row(ARTICLE, entry, "a.figures.yaml")
    return relation_findings(row, entry, kinds, held_back, "a.figures.yaml")


def test_relation_between_valid_figures_of_fitting_kinds_stands() -> None:
    assert (
        relation_problems("part_of", "joined", "left", {"joined": "count", "left": "count"}, set())
        == []
    )


def test_relation_to_a_figure_that_does_not_exist() -> None:
    (finding,) = relation_problems("part_of", "joined", "nobody", {"joined": "count"}, set())
    assert finding.rule == "relations_refer_to_valid_figures"
    assert (finding.item_id, finding.line, finding.found) == ("r", 20, "nobody")
    assert "nobody is not a figure of article a" in finding.message


def test_relation_to_a_held_back_figure() -> None:
    (finding,) = relation_problems("part_of", "joined", "left", {"joined": "count"}, {"left"})
    assert finding.rule == "relations_refer_to_valid_figures"
    assert "left is quarantined" in finding.message


def test_percent_change_of_a_count_does_not_fit() -> None:
    kinds = {"joined": "count", "left": "count"}
    (finding,) = relation_problems("percent_change", "joined", "left", kinds, set())
    assert finding.rule == "relations_fit_figure_kinds"
    assert (finding.expected, finding.found) == ("percent or ratio", "count")  # "a third"


# --- the seed article -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():  # noqa: ANN201
    articles = load_articles(SEED_DIR, [SEED_DIR / f"{SEED}.md"])  # not the constructed one
    curation = load_curation(articles_from_table(articles.tables["articles"]), SEED_DIR, 0.1)
    return articles, curation


def test_seed_loads_without_findings(seed) -> None:  # noqa: ANN001
    articles, curation = seed
    assert len(articles.tables["articles"]) == 1
    assert len(curation.tables["figures"]) == 11
    assert len(curation.tables["relations"]) == 8
    findings = {**articles.findings, **curation.findings}
    assert {table: [str(f) for f in found] for table, found in findings.items() if found} == {}


def test_seed_figures_quote_the_body_verbatim(seed) -> None:  # noqa: ANN001
    articles, curation = seed
    body = articles.tables["articles"]["body"].iloc[0]
    for row in curation.tables["figures"].itertuples(index=False):
        assert body[row.start : row.end] == row.quote, row.figure_id


def test_seed_non_figure_sits_on_the_first_line_of_the_body(seed) -> None:  # noqa: ANN001
    articles, curation = seed
    article = articles.tables["articles"].iloc[0]
    (non_figure,) = curation.tables["non_figures"].itertuples(index=False)
    assert non_figure.quote == "over 5 years"
    assert non_figure.line == article["body_first_line"]
    assert non_figure.end <= article["body"].index("\n")
