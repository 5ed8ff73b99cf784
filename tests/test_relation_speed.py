"""What the relation finder's speed-ups rest on: relation_cues.one_of matches what the plain
alternation matches; each cheap first look holds wherever the pattern it stands before matches;
benchmarks/relation_digest.py lists every result of the three stages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.relation_ab import ROOT, Timing, compare, speed_up
from benchmarks.relation_digest import corpus_lines, results
from core import clause_cues
from core import relation_cues as cues
from core.extract import extract
from core.find_measures import BASELINE_AFTER, BASELINE_WORD, figure_sentences, find_measures
from core.part_rules import _says_of
from core.relation_cues import one_of
from core.relation_text import FigureText, _repeated
from core.resolve import sentence_spans

WORDS = "rose|rise[sn]?|rising|fell|falls?|cut|raised|up|down"
TEXTS = [
    "prices rose ",
    "Prices ROSE by ",
    "sales rises ",
    "it was raised ",
    "the cut ",
    "down ",
    "Cut ",
    "arose ",  # no word start: neither matches
    "prices rosé ",
    "cuts ",
    "ſales fell ",  # a letter that ignoring case reads as 's'
    "rоse ",  # a Cyrillic 'о'
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_of_matches_what_the_plain_alternation_matches(text: str) -> None:
    plain = re.compile(rf"\b(?:{WORDS})\s+(?:by\s+)?$", re.IGNORECASE)
    grouped = re.compile(rf"\b{one_of(WORDS)}\s+(?:by\s+)?$", re.IGNORECASE)
    expected = plain.search(text)
    got = grouped.search(text)
    assert (got and got.span()) == (expected and expected.span())


def test_one_of_groups_the_words_by_first_letter_in_their_order() -> None:
    assert one_of("rose|fell|rise|falls") == "(?=[rf])(?:r(?:ose|ise)|f(?:ell|alls))"


@pytest.mark.parametrize("words", [r"rose|\d+", "rose|Fell", "rose|"])
def test_one_of_refuses_a_word_that_starts_with_no_lower_case_letter(words: str) -> None:
    with pytest.raises(ValueError, match="does not start with a lower-case ASCII letter"):
        one_of(words)


def test_the_digest_lists_every_mention_measure_and_relation() -> None:
    lines = list(results("Of the 457 patients, 12 died."))
    kinds = [line.split()[0] for line in lines]
    assert kinds == ["mention", "mention", "measure", "measure", "relation"]
    assert "part_of" in lines[-1]


def test_the_digest_of_a_text_without_figures_lists_nothing_but_its_documents() -> None:
    assert list(corpus_lines([("a", "No figures here.")])) == ["document a", "joined"]


def test_the_ab_timing_compares_two_checkouts_by_each_measure() -> None:
    this = Timing("this", [1.0, 2.0, 3.0], per_document=0.5)
    other = Timing("other", [2.0, 4.0, 6.0], per_document=1.5)
    assert this.line(2_000_000) == (
        "this: best pass 2.000 MB/s, median pass 1.000 MB/s, per-document bests 4.000 MB/s"
    )
    assert speed_up(this, other) == (
        "speed-up: best pass 2.000, median pass 2.000, per-document bests 3.000"
    )


def test_the_ab_timing_of_a_checkout_against_itself_reads_the_same_texts() -> None:
    size, this, other = compare(ROOT, rounds=1, corpus="relations_dev")
    assert size > 10_000
    assert len(this.passes) == len(other.passes) == 1
    assert this.per_document > 0 and other.per_document > 0


def test_the_ab_timing_refuses_a_checkout_without_the_same_corpora(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="corpora differ in size"):
        compare(tmp_path, rounds=1, corpus="relations_dev")


@pytest.mark.parametrize(
    "before",
    ["up from ", "more THAN ", "rose by ", "fell to\n", "came to ", "went into ", "(to ", "xfrom ",
     "from", "to 12 ", "Than  "],
)  # fmt: skip
def test_compared_before_reads_what_its_pattern_reads(before: str) -> None:
    assert cues.compared_before(before) == bool(cues.COMPARED_BEFORE.search(before))


OF_TEXTS = [
    *(" of them", " OF WHOM", " of the total,", " of that acreage was", " of the routes"),
    *(" children were among the", " Among them ", " of its 300", "of whom ", " out of "),
]


@pytest.mark.parametrize("text", OF_TEXTS)
def test_says_of_holds_wherever_a_pattern_of_a_whole_after_of_matches(text: str) -> None:
    after = (cues.OF_THEM_AFTER, cues.OF_TOTAL_AFTER, cues.OF_THE_NOUN_AFTER)
    found = [p.match(text) for p in (*after, clause_cues.OF_THAT_NOUN_AFTER)]
    found += [cues.OF_THEM_BEFORE.search(text), cues.OF_THE_GAP.fullmatch(text)]
    assert any(found)
    assert _says_of(text)


def test_says_of_is_false_without_of_or_among() -> None:
    assert not _says_of(" people were killed in the")


@pytest.mark.parametrize(
    "text",
    [", from 23,811", " up from £8,000", ", Compared with 1,695", ", agaınst 58", " DOWN FROM 7"],
)  # 'ı', a dotless i, is an 'i' ignoring case: the first look is 'aga'
def test_the_baseline_word_is_in_every_baseline_after_a_value(text: str) -> None:
    assert BASELINE_AFTER.search(text)
    assert BASELINE_WORD.search(text.lower())


def test_no_baseline_word_no_baseline() -> None:
    text = " homes were built in 2021, the council said"
    assert BASELINE_WORD.search(text.lower()) is None and BASELINE_AFTER.search(text) is None


def test_the_figures_sentences_are_looked_up_once_and_as_before() -> None:
    text = "The council built 300 homes. It sold 120 of them, and 40 more in 2021."
    figures = tuple((m.start, m.end) for m in extract(text) if m.is_figure)
    assert figure_sentences(text, figures) == tuple(sentence_spans(text, figures))
    assert figure_sentences(text, figures) is figure_sentences(text, figures)


def test_repeated_numbers_are_those_stated_twice_or_more() -> None:
    assert _repeated([300.0, 12.0, 300.0, 5.0, 12.0, 300.0]) == {300.0, 12.0}
    assert _repeated([1.0, 2.0]) == set()


def test_a_figure_after_a_baseline_word_is_no_whole_and_read_once() -> None:
    text = "Sales rose to 300 from 250 last year, and 120 were online."
    mentions = extract(text)
    doc = FigureText(text, mentions, find_measures(text, mentions))
    assert list(doc.wholes_before(2, 0)) == [0]  # not the 250 after "from"
    assert doc.may_be_whole == {1: False, 0: True}
