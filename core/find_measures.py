"""What each figure of a text counts, read from its sentence by hand-written rules.

For every mention: the head noun phrase it counts (`what`: "French nationals", "house prices"),
and when its sentence says them, of whom, where and the period. The noun phrase is the one right
after the number ("1,200 French nationals have left"), else what "of the" names after a share
("40 percent of the respondents"), else the subject of the number's clause ("Exports rose 8
percent to $42 billion"). Each rule reads a bounded stretch of text around the mention, so the
work grows linearly with the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from core.extract import CARDINALS, FUNCTION_WORDS, MONTHS, Mention
from core.resolve import sentence_spans

Keep = Callable[[re.Match], bool]
Spans = list[tuple[int, int]]
SpanTuple = tuple[tuple[int, int], ...]
WINDOW = 200  # characters read before and after a mention, at most

_WORD = r"[A-Za-z][\w'’-]*"


def _word_start(words: str) -> str:
    """A pattern for any of the |-separated words where a word starts, written so that a scan
    tries it only at their first letters ('\\b(?:among|of)' is tried at every character, several
    times slower): 'a(?<=\\ba)mong|o(?<=\\bo)f'."""
    return "|".join(rf"{word[0]}(?<=\b{word[0]}){word[1:]}" for word in words.split("|"))


# Words that end a noun phrase besides the function words: verbs and what follows a count
_MORE_STOP_WORDS = (
    "rose rise rises risen fell fall falls fallen grew grow grows increased increase decreased "
    "decrease jumped climbed dropped declined slumped doubled tripled halved quadrupled reached "
    "hit hits left say said says reported according won received went came got saw percent "
    "million billion trillion thousand hundred year years month months day week last next ago "
    "earlier later now today yesterday among including"
)
STOP_WORDS = FUNCTION_WORDS | frozenset(CARDINALS) | frozenset(_MORE_STOP_WORDS.split())
CHANGE_NOUNS = frozenset(
    ("increase", "rise", "jump", "drop", "fall", "decline", "decrease", "cut", "reduction")
    + ("growth", "gain", "loss")
)
AS_MANY = r"(?:(?:times\s+)?as\s+(?:many|much)\s+|more\s+)"  # "twice as many French nationals"
NOUN_AFTER = re.compile(rf"\s+{AS_MANY}?({_WORD}(?:\s+{_WORD}){{0,3}})")
OF_THE_AFTER = re.compile(
    rf"\s+of\s+(?:the|its|their|all|his|her|our)\s+(?:{_WORD}['’]s\s+)?(?:[\d,.]+\s+)?"
    rf"({_WORD}(?:\s+{_WORD}){{0,2}})"
)
# A dateline opening a story, which no figure counts: "NAIROBI — ", "LOS ANGELES (AP) — ",
# "BOISE, Idaho — ", "NEW DELHI: " (in capitals, then a dash or a colon)
DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    r"(?:\s+\([\w. ]+\))?\s*[—–:-]\s+"
)
# Where a clause starts inside a sentence: after a semicolon, ", while", ", and", ...
CLAUSE_START = re.compile(rf";|:|,\s+(?:while|and|but|whereas)\s|{_word_start('while')}\s")
# lower case: scanned on the lower-cased text
SUBJECT = re.compile(
    rf"\s*(?:{_WORD}\s+{AS_MANY})?(?:(?:the|a|an|its|their)\s+)?"
    rf"(?:(?:number|total|share|rate)\s+of\s+)?(?:the\s+)?({_WORD}(?:\s+{_WORD}){{0,4}})",
    re.IGNORECASE,
)
# A count after these is a value of its clause's subject: "rose to 312", "was 82,000"
VALUE_BEFORE = re.compile(r"(?:\b(?:to|from|at|was|were|is|are|reached|hit|totalled)|\()\s*$", re.I)
PLACE = re.compile(
    rf"(?:{_word_start('In|in|Across|across|From|from|Throughout|throughout')})\s+(?:the\s+)?"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
NOT_PLACES = frozenset(f"{MONTHS}|{_DAYS}".split("|"))
_PLACE_WORD_END = re.compile(r"['’\s]")
# The periods a clause gives: the words each can start with, and what follows them
_PERIODS = (
    ("since|from|until|by", r"\s+the\s+(?:start|beginning|end)\s+of\s+(?:the\s+year|\d{4})"),
    (
        "since|in|during|by|until|before|after",
        r"\s+(?:(?:early|late|mid|the\s+fall\s+of|fall|spring|summer|autumn|winter)[\s-]+)?"
        r"(?:(?:\d{1,2}\s+)?(?:MONTHS)\.?\s*)?\d{4}",
    ),
    ("in|since|during", r"\s+(?:MONTHS)\b"),
    (
        r"last|this|next|the\s+previous|the",
        r"\s+(?:year|month|week|quarter|decade|autumn|spring|summer|winter|season)"
        r"(?:\s+(?:earlier|before|ago))?",
    ),
    ("an?", r"\s+(?:year|month|week|decade)\s+(?:earlier|before|ago|later)"),
    ("from", r"\s+the\s+previous\s+(?:year|month|quarter)"),
    ("in", r"\s+the\s+(?:first|second|third|fourth|last)\s+(?:quarter|half)(?:\s+of\s+\d{4})?"),
    ("in", r"\s+the\s+(?:year|three\s+months|12\s+months)\s+to\s+(?:MONTHS)"),
    ("in", r"\s+recent\s+(?:months|weeks|years)"),
    ("over|in", r"\s+the\s+past\s+(?:year|decade|month|week)"),
    (r"a|one|two|three|four|five|ten|\d+", r"\s+(?:years?|months?|decades?)\s+ago"),
)


def _by_first_character(forms: tuple[tuple[str, str], ...]) -> str:
    """A pattern for forms (the |-separated words one can start with, what follows them), in
    their order, grouped by their first character ('s(?:ince…|ince…)|f(?:rom…)', '\\d+' as '\\d'
    then '\\d*'): where a word starts, the regex engine tries the one group of its first
    character, not every form. Forms that start with different characters never both match, so
    the order between groups does not matter."""
    groups: dict[str, list[str]] = {}
    for words, rest in forms:
        for word in words.split("|"):
            first, tail = (r"\d", r"\d*") if word == r"\d+" else (word[0], word[1:])
            groups.setdefault(first, []).append(tail + rest)
    return "|".join(f"{first}(?:{'|'.join(tails)})" for first, tails in groups.items())


PERIOD = re.compile(
    rf"\b(?:{_by_first_character(_PERIODS)})\b".replace("MONTHS", MONTHS)
)  # lower case: scanned on the lower-cased text
EARLIER = re.compile(r"previous|earlier|before|ago|last", re.IGNORECASE)
# A baseline set after a value: ", from 23,811", " up from £8,000", ", compared with 1,695"
BASELINE_AFTER = re.compile(
    r"(?:\b(?:up|down)\s+|,\s*)(?:from|compared\s+(?:with|to)|against)\s+(?:the\s+)?[$£€¥₹₦]?\d",
    re.IGNORECASE,
)
# A word every BASELINE_AFTER match holds, lower case ("aga" of "against": an "i" or an "s"
# matches other letters ignoring case): a cheap first look on the lower-cased text
BASELINE_WORD = re.compile("from|compared|aga")
OF_WHOM = re.compile(
    rf"(?:{_word_start('among|of')})\s+(?:the\s+|all\s+)?((?:[\d,.]+\s+)?{_WORD}(?:\s+{_WORD}){{0,2}})"
)  # lower case: scanned on the lower-cased text
ANYCASE = tuple(
    re.compile(p.pattern, p.flags | re.IGNORECASE) for p in (OF_WHOM, PERIOD, CLAUSE_START)
)
# Letters that ignoring case matches to i and s, but that lower-casing keeps: a text with one is
# scanned ignoring case for CLAUSE_START, which then finds exactly what it finds ignoring case
CASE_FOLDED = ("ı", "ſ")


class FoundMeasure(NamedTuple):
    """What a figure counts, as its sentence says it; None where the sentence does not. (A
    named tuple, as Mention is: one is made for every figure, several times faster than a frozen
    dataclass.)"""

    what: str | None
    of_whom: str | None
    where: str | None
    period: str | None
    cue: str


NOTHING = FoundMeasure(None, None, None, None, "")


def find_measures(text: str, mentions: list[Mention]) -> list[FoundMeasure]:
    """One FoundMeasure per mention (same order); fields None when the sentence does not say
    them."""
    sentences = figure_sentences(text, tuple((m.start, m.end) for m in mentions if m.is_figure))
    scans = _Scans(text, _merged(sentences))
    measures: list[FoundMeasure] = []
    earlier: tuple[int, str | None] = (-1, None)  # where the last figure ends, what it counts
    sentence = iter(sentences)
    for mention in mentions:
        if not mention.is_figure:
            measures.append(NOTHING)
            continue
        measures.append(_measure(text, mention, next(sentence), scans, earlier))
        earlier = (mention.end, measures[-1].what)
    return measures


@functools.lru_cache(maxsize=4)
def figure_sentences(text: str, figures: SpanTuple) -> SpanTuple:
    """The sentence of each figure's span, looked up once for find_measures and then
    find_relations (a tuple: shared, it cannot be changed)."""
    return tuple(sentence_spans(text, figures))


def _merged(spans: SpanTuple) -> Spans:
    """The spans (in order of start) with those that overlap or touch joined."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _Matches:
    """The matches of a pattern in the spans of a text (one pass each), looked up by where they
    lie."""

    def __init__(self, pattern: re.Pattern, text: str, spans: Spans, keep: Keep | None = None):
        found = [match for start, end in spans for match in pattern.finditer(text, start, end)]
        self.matches = found if keep is None else [match for match in found if keep(match)]
        self.starts = [match.start() for match in self.matches]

    def first_within(self, first: int, last: int) -> re.Match | None:
        """The first match that starts at or after first and ends by last."""
        at = bisect.bisect_left(self.starts, first)
        inside = at < len(self.matches) and self.matches[at].end() <= last
        return self.matches[at] if inside else None

    def last_within(self, first: int, last: int) -> re.Match | None:
        """The last match that starts at or after first and ends by last (the matches do not
        overlap, so only the last one that starts before `last` can end after it)."""
        at = bisect.bisect_left(self.starts, last) - 1
        if at >= 0 and self.matches[at].end() > last:
            at -= 1
        return self.matches[at] if at >= 0 and self.starts[at] >= first else None


class _Scans:
    """Places, populations and periods in the sentences of a text that have figures, each found
    in one pass. The patterns in lower case run on the lower-cased text when lower-casing keeps
    its length (three times as fast as ignoring case), else ignoring case on the text; the spans
    are the text's either way."""

    def __init__(self, text: str, spans: Spans):
        lowered = text.lower()
        same = len(lowered) == len(text)
        of_whom, period, clause = (OF_WHOM, PERIOD, CLAUSE_START) if same else ANYCASE
        scanned = lowered if same else text
        if same and any(letter in text for letter in CASE_FOLDED):
            clause, clauses_in = ANYCASE[2], text
        else:
            clauses_in = scanned
        self.places = _Matches(PLACE, text, spans, lambda m: _is_place(m[1]))
        self.of_whom = _Matches(of_whom, scanned, spans, lambda m: _is_people(m[1]))
        self.periods = _Matches(period, scanned, spans)
        self.clauses = _Matches(clause, clauses_in, spans)
        self.lowered = lowered if same else None  # the text lower-cased, where offsets match


def _measure(
    text: str,
    mention: Mention,
    sentence: tuple[int, int],
    scans: _Scans,
    earlier: tuple[int, str | None],
) -> FoundMeasure:
    """The measure of one figure; `earlier` is where the figure before it ends and what it
    counts, which a change or a value after it in its clause counts too."""
    first, last = sentence
    first, last = max(first, mention.start - WINDOW), min(last, mention.end + WINDOW)
    pieces: list[tuple[int, int]] = [(mention.start, mention.end)]
    clause = scans.clauses.last_within(first, mention.start)  # where the figure's clause starts
    opens_upper = text[first : first + 2].isupper()  # a cheap first look for a dateline
    dateline = None if clause or not opens_upper else DATELINE.match(text, first, mention.start)
    first = clause.end() if clause else dateline.end() if dateline else first
    inherited = earlier[1] if earlier[0] > first else None
    what = _what(text, mention, first, last, pieces, inherited)
    where = _first(text, scans.places.first_within(first, last), pieces)
    of_whom = _first(text, scans.of_whom.first_within(mention.end, last), pieces)
    of_whom = of_whom and _noun_phrase(of_whom)
    period = None
    if mention.kind not in ("percent", "multiplier"):
        last = _before_baseline(text, scans.lowered, mention.end, last)
    opening = scans.periods.first_within(first, last)  # None: no period lies within
    if opening is not None:
        period = _period(text, mention, opening, scans.periods.last_within(first, last), pieces)
    starts, ends = zip(*pieces, strict=True)
    cue = text[min(starts) : max(ends)]
    return FoundMeasure(what, of_whom, where, period, cue)


def _before_baseline(text: str, lowered: str | None, end: int, last: int) -> int:
    """Where the words about a value end: before the baseline set after it, whose period is not
    the value's ('rose 2.3 per cent to 24,355, from 23,811 in 2022': not in 2022)."""
    if lowered is not None and not BASELINE_WORD.search(lowered, end, last):
        return last  # no word a baseline is set with
    baseline = BASELINE_AFTER.search(text, end, last)
    return baseline.start() if baseline else last


def _what(
    text: str,
    m: Mention,
    first: int,
    last: int,
    pieces: list[tuple[int, int]],
    inherited: str | None,
) -> str | None:
    """The noun phrase the figure counts (see the module's docstring); else, for a change or a
    value after a verb, what the figure before it in its clause counts (`inherited`: '5,620
    burglaries, an increase of 14 percent compared to 4,930'), else its clause's subject."""
    if m.kind in ("percent", "ratio"):
        share = OF_THE_AFTER.match(text, m.end, last)
        if share:
            pieces.append(share.span(1))
            return _noun_phrase(share[1])
    after = NOUN_AFTER.match(text, m.end, last) if m.kind != "percent" else None
    noun = _noun_phrase(after[1]) if after else None
    if after and noun and noun.split()[0].lower() not in CHANGE_NOUNS:
        pieces.append(after.span(1))
        return noun
    if m.kind == "count" and not VALUE_BEFORE.search(text, max(first, m.start - 12), m.start):
        return None  # "24 of them", "will close 48": the clause's subject is not what it counts
    if inherited:
        return inherited
    subject = SUBJECT.match(text, first, m.start)
    noun = _noun_phrase(subject[1]) if subject else None
    if subject and noun:
        pieces.append(subject.span(1))
    return noun


def _noun_phrase(words: str) -> str | None:
    """The leading words that are not stop words: 'French nationals have left' -> 'French
    nationals'; None when the first word is one."""
    kept: list[str] = []
    split = words.split()
    for at, word in enumerate(split):
        bare = word.lower().strip("'’")
        participle = bare.endswith("ed") and len(bare) > 3
        if participle and at == 0 and len(split) > 1 and _noun_after(split[1]):
            participle = False  # "cancelled operations", "Regulated rail fares"
        if bare in STOP_WORDS or participle:
            break  # "12 died", "31 failed"
        if kept and bare.endswith("ing"):
            break  # "11.2 million people voting"
        kept.append(word)
        if bare.endswith("s") and not bare.endswith(("ss", "us", "is", "'s", "’s")):
            break  # the first plural ends it: "care homes inspected" -> "care homes"
    return " ".join(kept) or None


def _noun_after(word: str) -> bool:
    """Whether a word after a participle can be the noun it qualifies: not a stop word, a verb
    in -ed or an adverb in -ly ('cancelled operations'; not 'died in', 'rose sharply')."""
    bare = word.lower().strip("'’,.")
    return bare.isalpha() and bare not in STOP_WORDS and not bare.endswith(("ed", "ly"))


def _first(text: str, match: re.Match | None, pieces: list[tuple[int, int]]) -> str | None:
    """The text of the match's group, its span kept as a piece of the cue."""
    if match is None:
        return None
    pieces.append(match.span())
    return text[match.start(1) : match.end(1)]


def _is_place(words: str) -> bool:
    """'Leeds', 'the Channel'; not a month or a day ('March', "Sunday's election")."""
    return _PLACE_WORD_END.split(words.lower(), maxsplit=1)[0] not in NOT_PLACES


def _is_people(words: str) -> bool:
    """'of whom', 'among French nationals', 'of adults': a population, not 'of the year'."""
    head = words.split()[-1].lower()
    possessive = head.endswith(("'s", "’s"))
    return (
        head.endswith(("s", "people", "men", "children"))
        and not possessive
        and head not in STOP_WORDS
    )


def _period(
    text: str,
    m: Mention,
    first: re.Match | None,
    last: re.Match | None,
    pieces: list[tuple[int, int]],
) -> str | None:
    """The period the clause gives (its first); for a change, also its earlier period (its last:
    '2014 vs the previous year')."""
    if first is None or last is None:
        return None
    pieces.append(first.span())
    period = text[first.start() : first.end()]
    earlier = text[last.start() : last.end()]
    if m.kind in ("percent", "multiplier") and last is not first and EARLIER.search(earlier):
        pieces.append(last.span())
        return f"{period} vs {earlier}"
    return period
