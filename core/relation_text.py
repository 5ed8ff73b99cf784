"""A text's figures as the relation rules (core/find_relations.py, change_rules.py,
part_rules.py) read them: each figure's sentence, kind, measure and the words around it, and
where the text's lead (headline, standfirst) ends."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core import relation_cues as cues
from core.extract import Mention
from core.find_measures import FoundMeasure, figure_sentences

BACK = 8  # figures looked at before a figure, at most
WIDTH = 40  # characters of its sentence read before and after a figure
NEAR = 24  # characters right before a figure that hold the cue words ending there
LEAD_LINES = 4  # lines that can be a headline or standfirst
HEADLINE_WORDS = 10  # words a headline written as a text's first sentence can have, at most
PARTS = 6  # parts that can add up to a total, at most
AMOUNTS = ("count", "money", "quantity")  # quantity: "9.7 gigawatts", "1.58m hectares"
# The letters glued before a currency symbol, which the extractor leaves out of the figure: the
# "C" of "C$780 million", the "US" of "US$2 billion"
_CURRENCY_PREFIX = re.compile(r"\b[A-Z]{1,3}$")
_CURRENCY_SIGNS = ("$", "£", "€", "¥", "₹")


class FigureText:
    """A text's figures with their measures and sentences, and the looks the rules share."""

    def __init__(self, text: str, mentions: list[Mention], measures: list[FoundMeasure]):
        self.text = text
        self.figures: list[Mention] = []
        self.measures: list[FoundMeasure] = []
        for mention, measure in zip(mentions, measures, strict=True):
            if mention.is_figure:
                self.figures.append(mention)
                self.measures.append(measure)
        self.sentences = figure_sentences(text, tuple((m.start, m.end) for m in self.figures))
        self.repeated = _repeated([m.value for m in self.figures])  # numbers stated twice or more
        self.kinds: list[str] = []
        self.starts: list[int] = []  # where each figure starts, with its currency's prefix
        self.befores: list[str] = []
        self.afters: list[str] = []
        for m, (first, last) in zip(self.figures, self.sentences, strict=True):
            self.kinds.append(cues.kind_of(text, m))
            start = m.start
            if m.text.startswith(_CURRENCY_SIGNS):
                prefix = _CURRENCY_PREFIX.search(text, max(first, start - 3), start)
                start -= len(prefix[0]) if prefix else 0
            self.starts.append(start)
            self.befores.append(text[max(first, start - WIDTH) : start])
            self.afters.append(text[m.end : min(last, m.end + WIDTH)])
        # The looks the rules make most, as the lists' own lookups (a method call costs more)
        self.kind = self.kinds.__getitem__  # figure i's kind (cues.kind_of)
        self.after = self.afters.__getitem__  # up to WIDTH characters of its sentence after it
        self.one_line = "\n" not in text.strip()
        if self.one_line:  # its headline, if any, is its first sentence, and its only lead
            self.lead_end = self.headline_end = _headline_end(text)
        else:
            self.lead_end, self.headline_end = _lead_end(text), _first_line_end(text)
        self.wholes: dict[int, int] = {}  # the whole of each part found by of_them or including
        self.relatives: dict[int, int] = {}  # the whole of each part in a clause 'of which/whom'
        self.whole_of: dict[int, int] = {}  # the whole of every part or share found so far
        self.baselines: set[int] = set()  # the stated baselines of the changes found so far
        self.openings: dict[int, bool] = {}  # whether the sentence starting here opens on "of"
        self.may_be_whole: dict[int, bool] = {}  # _may_be_whole of the figures looked back at

    def gap(self, i: int, j: int) -> str:
        """The text between figure i and the later figure j."""
        return self.text[self.figures[i].end : self.starts[j]]

    def before(self, i: int, width: int = WIDTH) -> str:
        """Up to width characters of figure i's sentence before it."""
        return self.befores[i] if width == WIDTH else self.befores[i][-width:]

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= j < len(self.figures) and self.sentences[i] == self.sentences[j]

    def cue(self, *spans: tuple[int, int]) -> str:
        return self.text[min(s[0] for s in spans) : max(s[1] for s in spans)]

    def span(self, i: int) -> tuple[int, int]:
        return self.figures[i].start, self.figures[i].end

    def whole_before(self, i: int, sentences: int = 1) -> int | None:
        """The nearest amount before figure i that is not a prepositional complement ("in 38
        games") or a baseline ("down from 7.7 million", "three times as many as the 640,000",
        "compared with 1,695"), in its sentence or up to `sentences` sentences before."""
        return next(self.wholes_before(i, sentences), None)

    def wholes_before(self, i: int, sentences: int) -> Iterator[int]:
        """The amounts before figure i that can be a whole, nearest first (see whole_before)."""
        seen = 0
        for j in range(i - 1, max(-1, i - BACK), -1):
            if self.sentences[j] != self.sentences[j + 1]:
                seen += 1
                if seen > sentences:
                    return
            if self.kind(j) in AMOUNTS and j not in self.baselines and self._may_be_whole(j):
                yield j

    def _may_be_whole(self, j: int) -> bool:
        """Whether the words right before figure j let it be a whole: not a prepositional
        complement, a baseline or a value compared with ('compared with 1,695'); read once a
        figure, for every figure after it that looks back at it."""
        may = self.may_be_whole.get(j)
        if may is None:
            before = self.before(j, 12)
            preposition = cues.PREPOSITION_BEFORE.search(before) and not (
                cues.RECEIVED_IN_BEFORE.search(before)  # "took in 2,340 animals": a whole
            )
            complement = preposition or cues.BASELINE_BEFORE.search(before)
            may = not complement and not _compared_with(self.before(j, NEAR))
            self.may_be_whole[j] = may
        return may

    def in_lead(self, j: int, i: int) -> bool:
        """Whether figure j is in the text's lead (headline, standfirst) and figure i after it."""
        return self.figures[j].end <= self.lead_end < self.figures[i].start

    def in_headline(self, j: int, i: int) -> bool:
        """Whether figure j is in the text's headline and figure i after it."""
        return self.figures[j].end <= self.headline_end < self.figures[i].start

    def line_end(self, i: int) -> int:
        """Where figure i's line ends: the end of the headline when the text's headline is its
        first sentence and figure i is in it; -1 for the last line."""
        if self.one_line and self.figures[i].end <= self.lead_end:
            return self.lead_end
        return self.text.find("\n", self.figures[i].end)

    def opens_on_of(self, i: int) -> bool:
        """Whether figure i's sentence opens on 'of', 'out of' or 'among' ('Of the 457, ...'),
        a cheap first look for the rules that read such an opening."""
        first = self.sentences[i][0]
        opens = self.openings.get(first)
        if opens is None:
            opens = self.text[first : first + 8].lstrip()[:2].lower() in ("of", "ou", "am")
            self.openings[first] = opens
        return opens

    def head(self, i: int) -> str | None:
        """The last word of what figure i counts, singular: 'French nationals' -> 'national'."""
        what = self.measures[i].what
        return cues.head_word(what.split()[-1]) if what else None


def _repeated(values: list[float]) -> set[float]:
    """The values that occur more than once."""
    seen: set[float] = set()
    repeated: set[float] = set()
    for value in values:
        if value in seen:
            repeated.add(value)
        seen.add(value)
    return repeated


def _compared_with(before: str) -> bool:
    """Whether the words before an amount make it an earlier value compared with
    (cues.COMPARED_WITH_BEFORE), a cheap first look first."""
    cheap = "ompared" in before or "gainst" in before or " as " in before
    return cheap and bool(cues.COMPARED_WITH_BEFORE.search(before))


def _lead_end(text: str) -> int:
    """Where the lead of a text of several lines ends: its first LEAD_LINES non-empty lines (a
    headline, a standfirst), never its last line."""
    last_line = text.rstrip().rfind("\n")
    end, lines = 0, 0
    while lines < LEAD_LINES and 0 <= end < last_line:
        next_end = text.find("\n", end + 1)
        lines += bool(text[end:next_end].strip())
        end = next_end
    return max(0, min(end, last_line))


def _headline_end(text: str) -> int:
    """Where a headline written as the first sentence of a text of one line ends ('Wheat harvest
    falls 14% after wet spring. England's wheat harvest fell ...'), or 0: a sentence that reads
    as a headline (_is_headline), more sentences after it."""
    end = text.find(". ")
    while end > 0 and text[end - 1].isupper() and (end == 1 or text[end - 2] in " ."):
        end = text.find(". ", end + 1)  # an initial's full stop: "B.C. timber harvest drops 30%."
    if end < 0 or not text[end + 2 :].strip() or not _is_headline(text[:end]):
        return 0
    return end + 1


def _first_line_end(text: str) -> int:
    """Where the first line of a text of several lines ends when it reads as a headline
    (_is_headline), else 0."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return end if _is_headline(text[start:end].rstrip(".")) else 0


def _is_headline(words: str) -> bool:
    """Whether words read as a headline: at most HEADLINE_WORDS words, none of them a clause word
    of a sentence (cues.reads_as_sentence: an opening article, a verb in the past, 'last
    year')."""
    return len(words.split()) <= HEADLINE_WORDS and not cues.reads_as_sentence(words)
