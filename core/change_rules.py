"""The change rules of the relation finder (core/find_relations.py): percent_change and
multiple_of, from the words around a percent or a multiplier ('rose 12 percent to £224,000
from £200,000', 'doubled to $6 million', 'three times as many as last year's 6,000'), and,
when the change's sentence states no value, the amount it changes found before or ahead
(change_of_previous, change_of_measure: core/unstated_changes.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core import change_cues
from core import relation_cues as cues
from core.extract import FUNCTION_WORDS
from core.find_measures import STOP_WORDS
from core.found_relation import FoundRelation, fits_unit, make_relation
from core.relation_text import AMOUNTS, BACK, NEAR, FigureText
from core.unstated_changes import change_of_measure

FAR = 3  # by what factor a value may lie off the one its change and stated baseline imply


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
    if not (doc.same_sentence(i, j) and doc.kind(j) in AMOUNTS + ("other",) or duration):
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
    same = doc.same_sentence(j, k) and _fits_baseline(doc, value, k)
    return k if same and cues.BASELINE_GAP.fullmatch(doc.gap(j, k)) else None


def _fits_baseline(doc: FigureText, value: int, k: int) -> bool:
    """Whether figure k can be the baseline of the value: of its kind, or a bare count after a
    duration or a rate, its unit left unsaid ('159 days ..., down 23 per cent from 206 such
    days', '3.6 lakh rides a day ..., up 20 per cent from 3 lakh'); not a count of another
    noun, nor a count after a measurement ('to 140.2 million tonnes from 125.4 million': the
    check relations_fit_figure_kinds would flag a baseline of another kind)."""
    if doc.kind(k) == doc.kind(value):
        return True
    bare = doc.kind(k) == "count" and doc.head(k) in (None, doc.head(value))
    return bare and doc.kind(value) == "time" and doc.figures[value].kind == "count"


def percent_change(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    verb = (
        cues.VERB_BEFORE.search(doc.before(i, NEAR))
        or change_cues.VERB_AVERAGE_BEFORE.search(doc.before(i, 40))  # "risen by an average of"
        or cues.RAISE_BY_BEFORE.search(doc.before(i, 64))
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
        yield from _verb_object_change(doc, i)
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
    j = _value_of_baselines_kind(doc, j, i, cues.BASELINE_GAP)
    if doc.same_sentence(i, j) and doc.kind(j) in AMOUNTS + ("time",):
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
            if baseline is None and noun:
                baseline = _dated_before(doc, j)
        rule = _gap_rule(gap, verb, noun, baseline)
        if rule == "comma_up_x_percent" and baseline is not None and _far_from(doc, i, j, baseline):
            j -= 1  # "320 players from 14 countries, up 25 per cent on the 256": of the 320
            ok = doc.same_sentence(i, j) and doc.kind(j) == doc.kind(baseline)
            if not ok or _far_from(doc, i, j, baseline):
                rule = None
        if rule == "has_risen_by" and cues.COMPLEMENT_OF_BEFORE.search(doc.before(j, 20)):
            rule = None  # "The average abundance of 753 species has fallen by 19 per cent"
        # "92 minutes a day, up from 81 minutes, a rise of 25 per cent": durations of one kind
        timed = baseline is not None and doc.kind(j) == "time"  # (a duration's, _fits_baseline)
        if rule and (doc.kind(j) in AMOUNTS or timed):
            # "32,100 applicants, of whom 7,200 are children, up from 26,400": of the 32,100
            j = doc.relatives.get(j, j)
            spans = [doc.span(j), doc.span(i)] + ([] if baseline is None else [doc.span(baseline)])
            cue = doc.cue(*spans)
            yield make_relation(doc, "percent_change", i, j, rule, cue, baseline)
            return
    yield from change_of_measure(doc, i, "percent_change")


def _far_from(doc: FigureText, i: int, j: int, baseline: int) -> bool:
    """Whether value j is too far from the stated baseline for change i to lead from one to the
    other, by more than a factor of FAR either way ('14 countries, up 25 per cent on the 256':
    14 / 256 is no rise of a quarter)."""
    change = doc.figures[i].value / (100 if doc.figures[i].kind == "percent" else 1)
    start = doc.figures[baseline].value
    if not start or change <= 0:
        return False
    ratio = doc.figures[j].value / start
    return not max(1 - change, 0) / FAR <= ratio <= (1 + change) * FAR


def _dated_before(doc: FigureText, j: int) -> int | None:
    """The amount right before value j in its sentence, of its unit and what it counts, dated
    earlier right after it, which a change set after j starts from ('who cut 5.4 million tonnes
    last season, expect to harvest 6.1 million tonnes ..., an increase of roughly 13 per
    cent')."""
    k = j - 1
    if not (doc.same_sentence(j, k) and fits_unit(doc, k, j)):
        return None
    if doc.head(k) is None or doc.head(k) != doc.head(j):
        return None
    return k if change_cues.EARLIER_AFTER.match(doc.text, doc.figures[k].end) else None


def _verb_object_change(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'will raise base pay 15 percent to $92,000 from $80,000', 'have cut plantings by a fifth
    this season, to 8,000 hectares from 10,000 hectares': a change stated by a verb and its
    object, only with the value it led to and the baseline it started from."""
    verb = change_cues.VERB_OBJECT_BEFORE.search(doc.before(i, 64))
    if verb is None:
        return
    start = doc.figures[i].start - len(verb[0])
    relation = _change_to(doc, i, "percent_change", "change_to", start)
    if relation is not None and relation.baseline is not None:
        yield relation


def _value_of_baselines_kind(doc: FigureText, j: int, i: int, gap: re.Pattern) -> int:
    """Figure j, the value before change i; but when the baseline right after the change (after
    words of gap) is an amount of another kind or unit than j, the nearest amount before j in
    the sentence that fits it ('distributed R1.48 billion to 2,960 projects ..., up 25% from
    R1.18 billion': the R1.48 billion, not the 2,960)."""
    k = i + 1
    if not (doc.same_sentence(i, k) and doc.kind(k) in AMOUNTS and doc.kind(j) in AMOUNTS):
        return j
    if fits_unit(doc, j, k) or not gap.fullmatch(doc.gap(i, k)):
        return j
    for m in range(j - 1, max(-1, j - BACK), -1):
        if not doc.same_sentence(i, m):
            break
        if fits_unit(doc, m, k):
            return m
    return j


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
        relation = relation or _change_with(doc, i, "multiple_of") or _multiplied_since(doc, i)
        if relation:
            yield relation
        else:
            yield from change_of_measure(doc, i, "multiple_of")
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
    if not doc.same_sentence(i, j):  # "will run twice as many services, 164 a day, up from 82"
        relation = _multiple_then_pair(doc, i)
        if relation:
            yield relation
            return
    j = _value_of_baselines_kind(doc, j, i, cues.TIMES_THE_GAP)
    noun = as_many["noun"]
    said = noun and noun.lower() not in FUNCTION_WORDS
    if said and doc.same_sentence(i, j) and doc.head(j) not in (None, cues.head_word(noun)):
        return  # "$800, and the cheaper phone sold twice as many units": not the $800
    k = i + 1
    near = doc.same_sentence(i, k) and _fits_baseline(doc, j, k) and len(doc.gap(i, k)) <= 60
    baseline = k if near else None
    # a duration only with a duration to compare: "96 minutes ..., three times the 32 minutes"
    # and rates with a rate to compare: "32.5%, more than five times that of ... at 6.0%"
    compared = doc.kind(j) in AMOUNTS or (
        doc.kind(j) in ("time", "percent") and baseline is not None
    )
    gap = doc.gap(j, i)
    # or set beside a share
    one_clause: cues.Look | bool = j != i - 1 or cues.AS_MANY_GAP.fullmatch(gap)
    one_clause = one_clause or baseline is not None and cues.MULTIPLE_ASIDE_GAP.fullmatch(gap)
    if doc.same_sentence(i, j) and compared and one_clause:
        last = baseline if baseline is not None else i
        cue = doc.text[doc.figures[j].start : doc.figures[last].end]
        yield make_relation(doc, "multiple_of", i, j, "times_as_many", cue, baseline)
        return
    yield from change_of_measure(doc, i, "multiple_of")


def _multiplied_since(doc: FigureText, i: int) -> FoundRelation | None:
    """'treated 310 runners ..., and organisers said the caseload had halved from 920', 'drew
    58,000 people ..., claiming attendance had doubled since 2019, when 36,000 came': a multiplier
    in the perfect with its baseline right after it, of the first amount of its sentence that
    fits the baseline (a whole, not a part of it)."""
    k = i + 1
    if not (doc.same_sentence(i, k) and doc.kind(k) in AMOUNTS):
        return None
    if not change_cues.PERFECT_BEFORE.search(doc.before(i, 16)):
        return None
    gap = doc.gap(i, k)
    if not (change_cues.FROM_THE_GAP.fullmatch(gap) or cues.SINCE_WHEN_GAP.fullmatch(gap)):
        return None
    earlier = (m for m in range(max(0, i - BACK), i) if doc.same_sentence(i, m))
    j = next((m for m in earlier if fits_unit(doc, m, k)), None)
    if j is None or doc.whole_of.get(j, j) != j:
        return None
    return make_relation(
        doc, "multiple_of", i, j, "multiplied_since", doc.cue(doc.span(j), doc.span(k)), k
    )


def _multiple_then_pair(doc: FigureText, i: int) -> FoundRelation | None:
    """'will run twice as many school services next term, 164 a day, up from 82': a multiple
    opening its sentence's figures, then the value it led to, set aside, and its baseline."""
    j = i + 1
    if not (doc.same_sentence(i, j) and doc.kind(j) in AMOUNTS):
        return None
    if not change_cues.ASIDE_GAP.fullmatch(doc.gap(i, j)):
        return None
    k = _baseline_after(doc, j, j)
    if k is None:
        return None
    return make_relation(
        doc, "multiple_of", i, j, "multiple_then_pair", doc.cue(doc.span(i), doc.span(k)), k
    )


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
