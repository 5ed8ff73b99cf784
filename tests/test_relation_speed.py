"""What the relation finder's speed-ups rest on: relation_cues.one_of matches what the plain
alternation matches; benchmarks/relation_digest.py lists every result of the three stages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.relation_ab import ROOT, Timing, compare, speed_up
from benchmarks.relation_digest import corpus_lines, results
from core.relation_cues import one_of

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
