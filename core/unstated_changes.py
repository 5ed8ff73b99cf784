"""The changes whose sentence states no value, for the change rules (core/change_rules.py):
the amount of the sentence before when the sentence is about it ('The total marks an 82 percent
increase'), a value and baseline stated in the next sentence ('... doubled last year.' then '412
cases, up from 206'), 'since 2016-17, when 79,000', or the next amount that counts what the
change counts ('Twice as many French nationals ...' then 'some 1,200 French nationals')."""

from __future__ import annotations

from collections.abc import Iterator

from core import relation_cues as cues
from core.found_relation import FoundRelation, fits_unit, make_relation, same_number
from core.relation_text import AMOUNTS, BACK, FigureText

AHEAD_SENTENCES = 3  # how far on a change looks for the value it changes


def change_of_measure(doc: FigureText, i: int, type_: str) -> Iterator[FoundRelation]:
    """A change whose sentence states no value: the amount of the sentence before when the
    sentence is about it ('The total marks an 82 percent increase'), else the next amount, a few
    sentences on, that counts what the change counts ('Twice as many French nationals have
    joined ...' then 'some 1,200 French nationals have left')."""
    j: int | None
    since = _since_when(doc, i)
    if since is not None:  # "Demand has almost doubled since 2016-17, when 79,000 young people"
        j, k = since
        yield make_relation(doc, type_, i, j, "since_when", doc.cue(doc.span(i), doc.span(k)), k)
        return
    head = doc.head(i)
    baseline = _baseline_of_change(doc, i, type_)
    near = range(max(0, i - BACK), min(len(doc.figures), i + BACK))
    if any(doc.same_sentence(i, n) and doc.kind(n) in AMOUNTS and n != baseline for n in near):
        return
    if _restated_later(doc, i):
        return  # "Price cap to rise 10%" over "will rise by 10 per cent to £1,717": its restatement
    if cues.ANAPHOR_FIRST.match(doc.text, doc.sentences[i][0]):
        j = _referent(doc, i)  # "... at some 1,200. The total marks an 82 percent increase"
        if j is not None:
            cue = doc.text[doc.sentences[i][0] : doc.figures[i].end]
            if baseline is not None and not fits_unit(doc, j, baseline):
                baseline = None
            yield make_relation(doc, type_, i, j, "change_of_previous", cue, baseline)
        return
    if baseline is not None:
        j = _value_before_baseline(doc, i, baseline)
        if j is not None:  # "... taking in $41.2 million ... The weekend haul was down 62% from"
            cue = doc.text[doc.sentences[i][0] : doc.figures[baseline].end]
            yield make_relation(doc, type_, i, j, "baseline_of_previous", cue, baseline)
        return
    pair = _pair_in_next_sentence(doc, i)
    if pair is not None:  # "... doubled last year." then "it dealt with 412 cases, up from 206"
        j, k = pair
        cue = doc.cue(doc.span(i), doc.span(k))
        yield make_relation(doc, type_, i, j, "change_then_pair", cue, k)
        return
    j = None if head is None else _counting_the_same(doc, i, head)
    if j is not None:
        yield make_relation(doc, type_, i, j, "change_of_measure", doc.measures[i].cue)


def _value_before_baseline(doc: FigureText, i: int, k: int) -> int | None:
    """The value of change i whose sentence states only its baseline k ('The case count is up
    50% from 88 a week ago', 'Spending was up 21 per cent on last summer's £1.62 billion'): the
    first amount of the sentence right before that fits the baseline and is no part of a whole
    stated there."""
    before = [j for j in range(max(0, i - BACK), i) if not doc.same_sentence(i, j)]
    if not before or not _next_to(doc, before[-1], i):
        return None
    sentence = doc.sentences[before[-1]]
    for j in before:
        if doc.sentences[j] == sentence and fits_unit(doc, j, k) and j not in doc.whole_of:
            return _first_stated(doc, j)
    return None


def _first_stated(doc: FigureText, j: int) -> int:
    """Figure j, or the figure it repeats when it is 'the 132' of an earlier '132 people'."""
    if not cues.REPEAT_BEFORE.search(doc.before(j, 12)):
        return j
    earlier = (m for m in range(j - 1, max(-1, j - BACK), -1) if same_number(doc, j, m))
    return next(earlier, j)


def _pair_in_next_sentence(doc: FigureText, i: int) -> tuple[int, int] | None:
    """The value and baseline that the sentence after change i's states with no change of its
    own ('... doubled last year.' then 'it dealt with 412 cases in 2023, up from 206', '...
    issued 186,000 tickets, against 46,000 a year earlier'): its first two figures, amounts of
    one kind, the second set after the first as its baseline."""
    ahead = range(i + 1, min(len(doc.figures), i + BACK))
    j = next((j for j in ahead if not doc.same_sentence(i, j)), None)
    if j is None or not _next_to(doc, i, j):
        return None
    k = j + 1
    if not (doc.same_sentence(j, k) and doc.kind(j) in AMOUNTS and fits_unit(doc, j, k)):
        return None
    if not cues.BASELINE_GAP.fullmatch(doc.gap(j, k)):
        return None
    rest = range(k + 1, min(len(doc.figures), k + BACK))
    if any(doc.same_sentence(j, m) and doc.kind(m) not in AMOUNTS for m in rest):
        return None  # a change of its own: "..., up from 206, a rise of 100 per cent"
    return j, k


def _next_to(doc: FigureText, i: int, j: int) -> bool:
    """Whether figure j's sentence comes right after figure i's (only spaces between)."""
    return not doc.text[doc.sentences[i][1] : doc.sentences[j][0]].strip()


def _since_when(doc: FigureText, i: int) -> tuple[int, int] | None:
    """The value and the baseline of a change stated as 'has almost doubled since 2016-17,
    when 79,000 young people were seen', in a sentence not about the figure before it: the
    baseline right after, the value the first amount of the two sentences before that counts
    what the baseline counts ('supported 151,000 young people last year')."""
    k = i + 1
    if not (doc.same_sentence(i, k) and doc.kind(k) in AMOUNTS):
        return None
    if not cues.SINCE_WHEN_GAP.fullmatch(doc.gap(i, k)):
        return None
    if cues.ANAPHOR_FIRST.match(doc.text, doc.sentences[i][0]) or doc.head(k) is None:
        return None
    sentences = {doc.sentences[j] for j in range(max(0, i - BACK), i)} - {doc.sentences[i]}
    before = sorted(sentences)[-2:]
    for j in range(max(0, i - BACK), i):
        if doc.sentences[j] in before and doc.head(j) == doc.head(k) and fits_unit(doc, j, k):
            return j, k
    return None


def _baseline_of_change(doc: FigureText, i: int, type_: str) -> int | None:
    """The amount right after the change i that it starts from: 'That was down 58% from the
    249,700', and for a multiple 'That is almost three times the €13.5m', 'three times as many
    as the 1.7 million'."""
    k = i + 1
    if not (doc.same_sentence(i, k) and doc.kind(k) in AMOUNTS):
        return None
    gap = doc.gap(i, k)
    times = type_ == "multiple_of" and cues.TIMES_THE_GAP.fullmatch(gap)
    return k if times or cues.BASELINE_GAP.fullmatch(gap) else None


def _referent(doc: FigureText, i: int) -> int | None:
    """The amount a sentence opening on 'That', 'The total' refers to: the nearest amount before
    it, or when that amount is a part, the whole it is a part of, and so on up ('5.1 million
    contacts, including ... 860,000 chats. That is three times ...': the 5.1 million; '9,000
    new spaces, bringing the total to 27,000. Of the new spaces, ... 3,600 in family homes. The
    total is 1.5 times ...': the 27,000)."""
    j = doc.whole_before(i)
    for _ in range(BACK):
        whole = None if j is None else doc.whole_of.get(j)
        if whole is None or whole == j:
            break
        j = whole
    return j


def _counting_the_same(doc: FigureText, i: int, head: str) -> int | None:
    """The next amount, in the AHEAD_SENTENCES sentences after figure i's, that counts what it
    counts (its head word)."""
    sentences = 0
    for j in range(i + 1, min(len(doc.figures), i + BACK)):
        if doc.sentences[j] != doc.sentences[j - 1]:
            sentences += 1
        if sentences > AHEAD_SENTENCES:
            return None
        if sentences and doc.kind(j) in AMOUNTS and doc.head(j) == head:
            return j
    return None


def _restated_later(doc: FigureText, i: int) -> bool:
    """Whether figure i is in the lead and a later figure, in the body, states it again: the
    same number, or a change of its kind of what it counts ('State pension to rise 9.5%' over
    'The full new state pension will rise by 8.5 per cent'), or the same share written as a
    fraction or a percent ('Fees fall by a fifth' over 'fell 20 per cent')."""
    if doc.figures[i].end > doc.lead_end:
        return False
    head = doc.head(i)
    return any(
        doc.in_lead(i, j)
        and (
            doc.kind(j) == doc.kind(i)
            and (same_number(doc, i, j) or (head is not None and doc.head(j) == head))
            or _same_fraction(doc, i, j)
        )
        for j in range(i + 1, min(len(doc.figures), i + BACK))
    )


def _same_fraction(doc: FigureText, i: int, j: int) -> bool:
    """Whether a percent and a fraction state one share, to the percent's last digit ('20 per
    cent' and 'a fifth', '33%' and 'a third')."""
    kinds = {doc.kind(i): doc.figures[i].value, doc.kind(j): doc.figures[j].value}
    if set(kinds) != {"percent", "ratio"}:
        return False
    return abs(kinds["percent"] - kinds["ratio"] * 100) <= 0.5
