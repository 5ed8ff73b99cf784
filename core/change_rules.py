"""The change rules of the relation finder (core/find_relations.py): percent_change and
multiple_of, from the words around a percent or a multiplier ('rose 12 percent to £224,000
from £200,000', 'doubled to $6 million', 'three times as many as last year's 6,000'), and,
when the change's sentence states no value, the amount it changes found before or ahead
(change_of_previous, change_of_measure)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core import relation_cues as cues
from core.extract import FUNCTION_WORDS
from core.find_measures import STOP_WORDS
from core.found_relation import FoundRelation, fits_unit, make_relation, same_number
from core.relation_text import AMOUNTS, BACK, NEAR, FigureText

AHEAD_SENTENCES = 3  # how far on a change looks for the value it changes


def _change_to(
    doc: FigureText, i: int, type_: str, rule: str, cue_start: int
) -> FoundRelation | None:
    """'rose 12 percent to £224,000 (from £200,000)', 'doubled to $6 million from $3 million',
    'tripled from 104 to 312'."""
    j = i + 1
    duration = doc.same_sentence(i, j) and doc.kind(j) == "time"
    duration = duration and _baseline_after(doc, j, j) is not None
    if doc.same_sentence(i, j + 1) and doc.kind(j) == "time" and not duration:
        j += 1  # a period between: "rose 3.9 per cent in the twelve months to August to £289,400"
    # a duration only from a duration: "was halved to 14 days, from 28 days"
    if not (doc.same_sentence(i, j) and doc.kind(j) in (*AMOUNTS, "other") or duration):
        return None
    gap, k = doc.gap(i, j), _baseline_after(doc, j, j)
    to = cues.TO_GAP.fullmatch(gap) or cues.TAKING_TO_GAP.fullmatch(gap)
    # further on when a baseline follows: "a 25 per cent jump in prize money ..., to £5m from £4m"
    if not (to or k is not None and cues.FAR_TO_GAP.fullmatch(gap)):
        if not _from_to_after(doc, i, j):
            return None
        j, k = j + 1, j  # "from 104 to 312"
    end = max(doc.figures[j].end, doc.figures[k].end if k is not None else 0)
    return make_relation(doc, type_, i, j, rule, doc.text[cue_start:end], k)


def _from_to_after(doc: FigureText, i: int, j: int) -> bool:
    """Whether change i is followed by 'from' figure j 'to' the next figure, of its kind."""
    return (
        cues.FROM_GAP.fullmatch(doc.gap(i, j)) is not None
        and doc.same_sentence(j, j + 1)
        and doc.kind(j + 1) == doc.kind(j)
        and cues.TO_BEFORE.search(doc.gap(j, j + 1)) is not None
        and len(doc.gap(j, j + 1)) < 8
    )


def _change_with(doc: FigureText, i: int, type_: str) -> FoundRelation | None:
    """'have nearly tripled this year, with 2,911 infections recorded compared with 1,003 last
    year': the value after ', with' when the sentence then states the baseline."""
    j, k = i + 1, i + 2
    if not (doc.same_sentence(i, k) and doc.kind(j) in AMOUNTS and doc.kind(k) == doc.kind(j)):
        return None
    if not (
        cues.WITH_GAP.fullmatch(doc.gap(i, j)) and cues.WITH_BASELINE_GAP.fullmatch(doc.gap(j, k))
    ):
        return None
    cue = doc.text[doc.figures[i].start : doc.figures[k].end]
    return make_relation(doc, type_, i, j, "change_with", cue, k)


def _baseline_after(doc: FigureText, j: int, value: int) -> int | None:
    """The figure right after figure j that a change of figure `value` starts from: 'to $42
    billion ... from $38.9 billion', '14 percent compared to 4,930'."""
    k = j + 1
    same = doc.same_sentence(j, k) and doc.kind(k) == doc.kind(value)
    return k if same and cues.BASELINE_GAP.fullmatch(doc.gap(j, k)) else None


def percent_change(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    verb = cues.VERB_BEFORE.search(doc.before(i, NEAR)) or cues.RAISE_BY_BEFORE.search(
        doc.before(i, 64)
    )  # "will raise its share of council tax by 4.99 per cent"
    noun = cues.NOUN_AFTER.match(doc.after(i)) or cues.NOUN_OF_BEFORE.search(doc.before(i, NEAR))
    compared = cues.COMPARED_AFTER.match(doc.after(i))
    value = _past_share(doc, i - 1)
    after_value = doc.same_sentence(i, value) and doc.kind(value) in AMOUNTS
    if compared and after_value and cues.COMPARED_GAP.fullmatch(doc.gap(value, i)):
        # "1,150 homes, 15 percent more than the 1,000"
        baseline = _baseline_after(doc, i, value)
        spans = [doc.span(value), doc.span(baseline if baseline is not None else i)]
        yield make_relation(
            doc, "percent_change", i, value, "x_percent_more_than", doc.cue(*spans), baseline
        )
        return
    if not (verb or noun):
        return
    start = doc.figures[i].start - (len(verb[0]) if verb else 0)
    relation = _change_to(doc, i, "percent_change", "change_to", start) or _change_with(
        doc, i, "percent_change"
    )
    if relation:
        yield relation
        return
    j = i - 1
    if doc.kind(j) == "time" and _period_aside(doc, j, i):
        j -= 1  # "lost $2.52 billion in the six months to December, up 5% from $2.4 billion"
    elif _threshold(doc, j) or doc.kind(j) == "time" and cues.AGO_AFTER.match(doc.after(j)):
        j -= 1  # "children under six, up 9 per cent": not the age; "twelve months earlier"
    if doc.same_sentence(i, j) and doc.kind(j) in (*AMOUNTS, "time"):
        gap = doc.gap(j, i)
        baseline = None
        if cues.UP_FROM_BEFORE.search(doc.before(j, 12)) and noun and doc.same_sentence(i, j - 1):
            j, baseline = j - 1, j  # "3,000, up from 2,000, an increase of 50 percent"
            gap = doc.gap(j, i)
        elif noun and _compared_pair(doc, j):
            # "4,690 were killed, compared with 4,432 the previous year, an increase of 5.8%"
            j, baseline = j - 1, j
            gap = doc.gap(j, i)
        elif _from_to(doc, j):
            baseline = j - 1  # "fell from 5,100 to 4,300, a drop of 16 percent"
        elif _to_from(doc, j):
            j, baseline = j - 1, j  # "rose to 58 last year from 41, an increase of 40 percent"
            gap = doc.gap(j, i)
        elif noun or (verb and verb[0].lower().startswith(("up", "down"))):
            baseline = _baseline_after(doc, i, j)
        rule = _gap_rule(gap, verb, noun, baseline)
        if rule == "has_risen_by" and cues.COMPLEMENT_OF_BEFORE.search(doc.before(j, 20)):
            rule = None  # "The average abundance of 753 species has fallen by 19 per cent"
        # "92 minutes a day, up from 81 minutes, a rise of 25 per cent": durations of one kind
        timed = baseline is not None and doc.kind(j) == doc.kind(baseline) == "time"
        if rule and (doc.kind(j) in AMOUNTS or timed):
            # "32,100 applicants, of whom 7,200 are children, up from 26,400": of the 32,100
            j = doc.relatives.get(j, j)
            spans = [doc.span(j), doc.span(i)] + ([] if baseline is None else [doc.span(baseline)])
            cue = doc.cue(*spans)
            yield make_relation(doc, "percent_change", i, j, rule, cue, baseline)
            return
    yield from _change_of_measure(doc, i, "percent_change")


def _past_share(doc: FigureText, j: int) -> int:
    """Figure j, or the amount before it when j is a share of that amount set aside ('88 million
    parcels, two thirds of them to cities, 14 per cent more than': the 88 million)."""
    share = doc.kind(j) not in AMOUNTS and doc.whole_of.get(j) == j - 1
    return j - 1 if share and doc.same_sentence(j, j - 1) else j


def _period_aside(doc: FigureText, j: int, i: int) -> bool:
    """Whether the duration j, right before the change i, is the period of an amount before it
    ('$2.52 billion in the six months to December, up 5%'): after a preposition, an amount
    of another kind before it in the sentence, and no duration after the change to compare."""
    if not (doc.same_sentence(i, j - 1) and doc.kind(j - 1) in AMOUNTS):
        return False
    compared = doc.same_sentence(i, i + 1) and doc.kind(i + 1) == "time"
    return not compared and bool(cues.PERIOD_BEFORE.search(doc.before(j, 16)))


def _threshold(doc: FigureText, j: int) -> bool:
    """Whether figure j is an age or a threshold inside a noun phrase ('children under six',
    'people aged over 65', 'firms with fewer than 10 staff'), never the value of a change; not
    'treated over 650 children', 'fell to under 400'."""
    if j < 0:
        return False
    if cues.AGED_BEFORE.search(doc.before(j, 8)):
        return True  # "people aged over 65", "aged 65 and over"
    if not cues.THRESHOLD_FIRST.match(doc.figures[j].text):
        return False
    before = cues.THRESHOLD_BEFORE.search(doc.before(j, NEAR))
    if before is None:
        return False
    if before["noun"]:  # "firms with fewer than 10 staff": a noun before "with" or "worth"
        return _noun(before["noun"])
    # "children under six": the noun right before, and none counted after the threshold
    return doc.figures[j].unit is None and _noun(before["word"])


def _noun(word: str) -> bool:
    """Whether a word can be a noun: not a function word, a common verb or a past participle."""
    bare = word.lower()
    return bare not in STOP_WORDS and not bare.endswith(("ed", "ing", "ly"))


def _compared_pair(doc: FigureText, j: int) -> bool:
    """Whether figure j is a baseline set after the value before it, of its kind, in its
    sentence: '4,690 people were killed ..., compared with 4,432', 'Forty-two ..., against 58'."""
    return (
        cues.COMPARED_CLAUSE_BEFORE.search(doc.before(j, 20)) is not None
        and doc.same_sentence(j, j - 1)
        and doc.kind(j - 1) == doc.kind(j)
        and cues.COMPARED_CLAUSE_GAP.fullmatch(doc.gap(j - 1, j)) is not None
    )


def _from_to(doc: FigureText, j: int) -> bool:
    """Whether figure j is the Y of 'from X to Y' (X the figure before it, of its kind)."""
    return _stated_pair(doc, j, cues.TO_BEFORE, cues.FROM_BEFORE)


def _to_from(doc: FigureText, j: int) -> bool:
    """Whether figure j is the X of 'to Y ... from X' (Y the figure before it, of its kind)."""
    return _stated_pair(doc, j, cues.FROM_BEFORE, cues.TO_BEFORE)


def _stated_pair(doc: FigureText, j: int, cue: re.Pattern, cue_before: re.Pattern) -> bool:
    """Whether cue is right before figure j and cue_before right before the figure before it,
    of its kind, in its sentence and near."""
    return (
        cue.search(doc.before(j, 8)) is not None
        and doc.same_sentence(j, j - 1)
        and doc.kind(j - 1) == doc.kind(j)
        and cue_before.search(doc.before(j - 1, 8)) is not None
        and len(doc.gap(j - 1, j)) < 40
    )


def _gap_rule(gap: str, verb: re.Match | None, noun: re.Match | None, baseline: int | None
              ) -> str | None:  # fmt: skip
    """The rule by which a value, the words after it and then its change make a relation:
    '82,000, up 5 percent' (comma_up_x_percent), '(234) has also risen by 50 percent'
    (has_risen_by), '6,400 homes, a 30 percent increase' (comma_increase_of); None if none."""
    if verb and cues.COMMA_CHANGE_GAP.fullmatch(gap):
        return "comma_up_x_percent"
    if verb and cues.CLAUSE_CHANGE_GAP.fullmatch(gap) and not cues.REPORTED.search(gap):
        return "has_risen_by"
    if noun and (cues.NOUN_CHANGE_GAP.fullmatch(gap) or baseline is not None):
        return "comma_increase_of"
    return None


def multiple(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    figure = doc.figures[i]
    if cues.MULTIPLYING.search(figure.text):
        yield from _multiplying_clause(doc, i)
        return
    if cues.MULTIPLIED.search(figure.text) or cues.VERB_BEFORE.search(doc.before(i, 16)):
        relation = _change_to(doc, i, "multiple_of", "multiplied_to", figure.start)
        relation = relation or _change_with(doc, i, "multiple_of")
        if relation:
            yield relation
        else:
            yield from _change_of_measure(doc, i, "multiple_of")
        return
    increase = _increase_of_value_before(doc, i)
    if increase:  # "added 9.7 gigawatts last year, a threefold increase from the 3.2 gigawatts"
        yield increase
        return
    as_many = cues.AS_MANY_AFTER.match(doc.after(i))
    if not as_many:
        return
    j = _compared_before(doc, i)
    if j is None:
        return
    noun = as_many["noun"]
    said = noun and noun.lower() not in FUNCTION_WORDS
    if said and doc.same_sentence(i, j) and doc.head(j) not in (None, cues.head_word(noun)):
        return  # "$800, and the cheaper phone sold twice as many units": not the $800
    k = i + 1
    near = doc.same_sentence(i, k) and doc.kind(k) == doc.kind(j) and len(doc.gap(i, k)) <= 60
    baseline = k if near else None
    # a duration only with a duration to compare: "96 minutes ..., three times the 32 minutes"
    # and rates with a rate to compare: "32.5%, more than five times that of ... at 6.0%"
    compared = doc.kind(j) in AMOUNTS or (
        doc.kind(j) in ("time", "percent") and baseline is not None
    )
    gap = doc.gap(j, i)
    one_clause = j != i - 1 or cues.AS_MANY_GAP.fullmatch(gap)  # or set beside a share
    one_clause = one_clause or baseline is not None and cues.MULTIPLE_ASIDE_GAP.fullmatch(gap)
    if doc.same_sentence(i, j) and compared and one_clause:
        last = baseline if baseline is not None else i
        cue = doc.text[doc.figures[j].start : doc.figures[last].end]
        yield make_relation(doc, "multiple_of", i, j, "times_as_many", cue, baseline)
        return
    yield from _change_of_measure(doc, i, "multiple_of")


def _multiplying_clause(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'fell to 49 last year from 98 in 2022, halving the toll', 'rose from 3,000 to 6,000,
    doubling ...': the change of a 'to ... from' or 'from ... to' pair right before it."""
    j = i - 1
    if not doc.same_sentence(i, j) or doc.kind(j) not in AMOUNTS:
        return
    if _to_from(doc, j):
        value, baseline = j - 1, j
    elif _from_to(doc, j):
        value, baseline = j, j - 1
    else:
        return
    cue = doc.cue(doc.span(value), doc.span(baseline), doc.span(i))
    yield make_relation(doc, "multiple_of", i, value, "multiplying_clause", cue, baseline)


def _compared_before(doc: FigureText, i: int) -> int | None:
    """The figure that the multiple i is of, as the words before it can say: the figure right
    before it, but the amount a share is set beside when that figure is the share's whole and
    the multiple is listed after the share ('C$780 million, about 40 per cent of the C$1.95
    billion ... and three times the C$260 million': of the C$780 million); None when no amount
    is set beside the share. A period or a label right before the multiple is passed over
    (_aside)."""
    j = i - 1
    after = doc.kind(i + 1) if doc.same_sentence(i, i + 1) else None
    while j > 0 and doc.same_sentence(i, j - 1) and _aside(doc, j, after):
        j -= 1  # "wage increases of 24 per cent over four years, twice the 12 per cent"
    share = j - 1
    if share < 0 or doc.whole_of.get(share) != j or doc.kind(share) in AMOUNTS:
        return j
    part = share - 1
    if part >= 0 and doc.whole_of.get(part) == j and doc.same_sentence(part, i):
        return part
    return None


def _aside(doc: FigureText, j: int, compared_kind: str | None) -> bool:
    """Whether figure j is said aside of what a multiple compares: a duration or modifier when
    the figure compared with is of another kind ('24 per cent over four years, twice the 12
    per cent'), a label ('by year ten') or an age ('people aged over 65, twice the ...')."""
    if cues.LABEL_BEFORE.search(doc.before(j, 12)) or _threshold(doc, j):
        return True
    return doc.kind(j) in ("time", "modifier") and compared_kind != doc.kind(j)


def _increase_of_value_before(doc: FigureText, i: int) -> FoundRelation | None:
    """'9.7 gigawatts of solar capacity, a threefold increase from the 3.2 gigawatts': a
    multiplier naming an increase, set after the value it led to, with its baseline after it
    when stated."""
    j = i - 1
    if not (cues.NOUN_AFTER.match(doc.after(i)) and doc.same_sentence(i, j)):
        return None
    if doc.kind(j) not in AMOUNTS or not cues.NOUN_CHANGE_GAP.fullmatch(doc.gap(j, i)):
        return None
    baseline = _baseline_after(doc, i, j)
    spans = [doc.span(j), doc.span(i if baseline is None else baseline)]
    return make_relation(doc, "multiple_of", i, j, "comma_increase_of", doc.cue(*spans), baseline)


def _change_of_measure(doc: FigureText, i: int, type_: str) -> Iterator[FoundRelation]:
    """A change whose sentence states no value: the amount of the sentence before when the
    sentence is about it ('The total marks an 82 percent increase'), else the next amount, a few
    sentences on, that counts what the change counts ('Twice as many French nationals have
    joined ...' then 'some 1,200 French nationals have left')."""
    since = _since_when(doc, i)
    if since is not None:  # "Demand has almost doubled since 2016-17, when 79,000 young people"
        j, k = since
        yield make_relation(doc, type_, i, j, "since_when", doc.cue(doc.span(i), doc.span(k)), k)
        return
    head = doc.head(i)
    baseline = _baseline_of_change(doc, i, type_)
    near = range(max(0, i - BACK), min(len(doc.figures), i + BACK))
    if any(doc.same_sentence(i, j) and doc.kind(j) in AMOUNTS and j != baseline for j in near):
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
