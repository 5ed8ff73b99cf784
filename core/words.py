"""The words that say what a figure or a reference value counts, as matching reads them
(core.matching): their stems (Snowball), less the stop words, with a few words of statistics
offices and of news that say the same thing read as one ("fatalities" and "deaths")."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "its",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "these",
        "they",
        "this",
        "those",
        "to",
        "was",
        "were",
        "which",
        "who",
        "whom",
        "with",
        "all",
        "some",
        "against",
        "among",
        # nouns that say no more than that something is counted
        "people",
        "person",
        "persons",
        "number",
        "total",
        "time",
        "times",
    ]
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Words that news and statistics offices use for one thing, each read as the first of its
# group (a last resort: no package at hand ships a thesaurus without a download at run time).
SYNONYMS = {
    word: group.split()[0]
    for group in (
        "home dwelling dwellings homes house houses",
        "death deaths fatality fatalities killed",
        "crash crashes collision collisions accident accidents",
        "prison prisons prisoner prisoners jail jails inmate inmates",
        "unemployment unemployed jobless",
        "visitor visitors tourist tourists",
        "spending spend spent expenditure expenditures",
        "child children kids",
        "vaccine vaccines vaccination jab jabs immunisation immunization immunised",
        "backlog outstanding pending",
        "passenger passengers traveller travellers traveler travelers",
        "airline airlines carrier carriers",
        "wage wages earnings pay salary salaries",
        "murder murders homicide homicides",
        "offence offences offense offenses",
    )
    for word in group.split()
}
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stems(text: str) -> frozenset[str]:
    """The stems of the words of text that say what is counted (no stop words)."""
    return text_stems(text)


def text_stems(text: str | None) -> frozenset[str]:
    """stems, not cached (for sentences: most are read once)."""
    words = [w.lower() for w in WORD.findall(text or "")]
    return frozenset(_stem(SYNONYMS.get(w, w)) for w in words if w not in STOP_WORDS)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word's stem (a word is stemmed alone: its stem is the same in any text)."""
    return _stemmer.stemWord(word)
