"""What find_measures reads for each figure: what it counts, of whom, where, when, and its cue."""

from __future__ import annotations

import re

import pytest

from core.extract import extract
from core.find_measures import FoundMeasure, _word_start, find_measures
from core.resolve import sentence_at, sentence_span


def measure_of(text: str, quote: str) -> FoundMeasure:
    mentions = extract(text)
    measures = find_measures(text, mentions)
    return next(f for m, f in zip(mentions, measures, strict=True) if m.text == quote)


@pytest.mark.parametrize(
    ("text", "quote", "what"),
    [
        ("Some 1,200 French nationals have left the country.", "Some 1,200", "French nationals"),
        ("The hospital treated 457 patients with the virus.", "457", "patients"),
        ("Median house prices rose 12 percent to £224,000.", "12 percent", "Median house prices"),
        ("Median house prices rose 12 percent to £224,000.", "£224,000", "Median house prices"),
        ("Among the 640 care homes inspected, one in five failed.", "640", "care homes"),
        ("About 30 percent of the firm's 12,000 employees work remotely.", "About 30 percent",
         "employees"),
        ("Twice as many French nationals joined in 2014.", "Twice", "French nationals"),
        ("The number of nationals who returned (234) has risen.", "(234)", "nationals"),
        ("The fare cap covers 1,200 bus routes.", "1,200", "bus routes"),
        ("Police recorded 5,620 burglaries, an increase of 14 percent.", "14 percent",
         "burglaries"),
        ("Revenue rose 23 percent to $4.1 billion, while profit doubled to $620 million.",
         "$620 million", "profit"),
        ("One in five adults in Wales smokes.", "One in five", "adults"),
    ],
)  # fmt: skip
def test_what_a_figure_counts(text, quote, what):
    assert measure_of(text, quote.strip("()")).what == what


def test_a_verb_after_a_count_is_not_what_it_counts():
    assert measure_of("Of the 457, 12 died and 38 recovered.", "12").what is None


def test_a_rate_is_no_period_and_a_fraction_no_quarter():
    assert measure_of("Bills will rise to £1,850 a year.", "£1,850").period is None
    assert (
        measure_of("A quarter of renters spend 40 percent of income.", "A quarter").period is None
    )


def test_a_count_with_nothing_after_it_says_nothing_of_its_clause_subject():
    text = "The retailer will close 48 stores. Four hundred of them were small."
    assert measure_of(text, "Four hundred").what is None


def test_where_and_when_come_from_the_clause():
    measure = measure_of(
        "Median house prices in Leeds rose 12 percent to £224,000 last year.", "12 percent"
    )
    assert (measure.where, measure.period) == ("Leeds", "last year")
    measure = measure_of(
        "Some 1,200 French nationals have left since the beginning of 2014.", "Some 1,200"
    )
    assert measure.period == "since the beginning of 2014"


def test_a_day_or_a_month_is_no_place():
    text = "Turnout reached 72 percent in Sunday's election in Wales, up from 65 in March."
    assert measure_of(text, "72 percent").where == "Wales"


def test_a_change_gives_its_period_and_its_earlier_period():
    text = "Twice as many joined in 2014, a 116 percent increase from the previous year."
    assert measure_of(text, "116 percent").period == "in 2014 vs from the previous year"


def test_of_whom_is_a_population_not_a_possessive():
    text = "About 40 percent of adults in Wales smoke, and 30 percent of the firm's staff vape."
    assert measure_of(text, "About 40 percent").of_whom == "adults"
    assert measure_of(text, "30 percent").of_whom is None


def test_one_measure_per_mention_and_nothing_for_years():
    text = "In 2014, 1,200 people left, 400 of them women."
    mentions = extract(text)
    measures = find_measures(text, mentions)
    assert len(measures) == len(mentions)
    year = next(f for m, f in zip(mentions, measures, strict=True) if m.kind == "year")
    assert year == FoundMeasure(None, None, None, None, "")


def test_the_cue_is_verbatim_and_covers_the_figure():
    text = "Median house prices in Leeds rose 12 percent to £224,000 last year. Sales fell."
    for mention, measure in zip(extract(text), find_measures(text, extract(text)), strict=True):
        assert measure.cue in text
        assert mention.text in measure.cue


def test_sentences_are_cut_as_resolve_cuts_them():
    text = "Prices rose 5 percent.\nU.S. officials said 300 left. Then 40 came back!"
    for mention in extract(text):
        start, end = sentence_span(text, mention.start, mention.end)
        assert text[start:end].strip() == sentence_at(text, mention.start, mention.end)


@pytest.mark.parametrize(
    "text",
    [
        "Of the 90, often 40 came; among them 30 in Leeds",
        "of 12 people",
        "Chief of Staff: proof of 40 people",
        "x-of 3 men, 'among' 4 women",
        "profits in Leeds; 40 Inns of Court",
    ],
)
@pytest.mark.parametrize("start", [0, 1, 3])
def test_a_word_start_pattern_finds_what_a_word_boundary_finds(text, start):
    word_start = re.compile(rf"(?:{_word_start('among|of|in|In')})\s+\w+")
    boundary = re.compile(r"\b(?:among|of|in|In)\s+\w+")
    found = [m.span() for m in word_start.finditer(text, start)]
    assert found == [m.span() for m in boundary.finditer(text, start)]


def test_a_clause_starts_after_a_conjunction_in_any_case_and_any_script():
    # "ſ" (long s) is an s when case is ignored, though lower-casing keeps it
    for text, clause in [
        ("In 2014 prices rose 5 percent, WHILE 300 firms closed.", "WHILE"),
        ("In 2014 prices rose 5 percent, whereaſ 300 firms closed.", "whereaſ"),
    ]:
        mentions = extract(text)
        measure = find_measures(text, mentions)[-1]
        assert measure.period is None, clause  # the clause after the conjunction has none
