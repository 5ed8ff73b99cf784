"""Relations between the figures of a text, found from the words news uses to state them.

Each rule reads the few words around a figure and links it to a figure nearby, in its sentence
or the one or two before; its name is kept with each relation it finds:

- percent_change: change_to ("rose 12 percent to £224,000 from £200,000"), comma_up_x_percent
  ("82,000, up 5 percent"), has_risen_by ("(234) has also risen by 50 percent"),
  comma_increase_of ("5,620, an increase of 14 percent compared to 4,930"), x_percent_more_than
  ("1,150 homes, 15 percent more than the 1,000");
- multiple_of: multiplied_to ("doubled to $6 million from $3 million"), times_as_many ("18,000
  trees, three times as many as last year's 6,000");
- either: change_with ("nearly tripled this year, with 2,911 cases compared with 1,003");
- either, when the change's sentence states no value: change_of_previous ("The total marks an
  82 percent increase"), change_of_measure (the next figure that counts what the change counts:
  "Twice as many French nationals ..." then "some 1,200 French nationals");
- part_of and share_of: of_them ("Four hundred of them", "of whom 11"), part_list ("including
  64 children and 20 women"), x_of_the_n ("48 of its 300"), x_of_the_noun ("300 of the
  routes"), of_the_total ("$568 million, or 40 percent of the total"), of_the_n_first ("Of the
  457, 12 died and 38 ..."), of_the_named_first ("Of those killed, 23 were ..."), in_all ("A
  third of the 34,700 teachers left, some 8,800 in all"), rest_of_whole ("the remaining 42",
  "Another 96"), apposed_part ("3,000 jobs, or 5% of its 60,000 staff"), apposed_share ("Of
  these, 1,205 — one in four — ..."), accounted_for ("London accounted for 1.04 billion": of
  the total before), including, parts_add_up ("1,200 volunteers; 600 ... and 600 ..."),
  split_into ("The 90 deaths were split between 50 ... and 40 ..."), survey_of_n ("A poll of
  2,000 adults found that one in four ...");
- same_quantity: the_n_repeats ("the 457"), same_measure (the same number of the same noun
  phrase, restated), lead_restated and lead_same_measure (a headline or standfirst restating a
  body figure).

Precision comes first: a rule that is not sure finds nothing. Each look is bounded, so the
time grows linearly with the text. The words the rules look for are in core/relation_cues.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from core import relation_cues as cues
from core.extract import FUNCTION_WORDS, Mention
from core.find_measures import FoundMeasure, find_measures
from core.numbers import rounding
from core.relation_text import AMOUNTS, BACK, FigureText

AHEAD_SENTENCES = 3  # how far on a change looks for the value it changes
PARTS = 6  # parts that can add up to a total, at most

EXACT_OR_ABOUT = frozenset({"exact", "approx"})


@dataclass(frozen=True)
class FoundRelation:
    """A relation the text states between two figure mentions (conventions of the curated
    relations: subject is the part, share, change or later restatement's first mention)."""

    type: str
    subject: Mention
    object: Mention
    baseline: Mention | None
    cue: str
    rule: str
    direction: str = "up"  # "down" for a percent_change that is a fall ('fell 40 percent')


def find_relations(
    text: str, mentions: list[Mention], measures: list[FoundMeasure] | None = None
) -> list[FoundRelation]:
    """Relations among the figure mentions (mention.is_figure) of one text, in order of
    subject."""
    doc = FigureText(
        text, mentions, find_measures(text, mentions) if measures is None else measures
    )
    found: dict[tuple[str, int], FoundRelation] = {}
    for relation in _all_rules(doc):
        key = (relation.type, relation.subject.start)
        if relation.subject != relation.object and key not in found:
            found[key] = relation
    return sorted(found.values(), key=lambda r: (r.subject.start, r.object.start))


def _all_rules(doc: FigureText) -> Iterator[FoundRelation]:
    for i in range(len(doc.figures)):
        kind = doc.kind(i)
        if kind == "percent":
            yield from _percent_change(doc, i)
        if kind == "multiplier":
            yield from _multiple(doc, i)
        if kind in ("count", "money", "percent", "ratio"):
            yield from _part_or_share(doc, i)
        if kind in AMOUNTS:
            yield from _parts_of_total(doc, i)
        yield from _same_quantity(doc, i)


def _relation(doc: FigureText, type_: str, i: int, j: int, rule: str, cue: str,
              baseline: int | None = None) -> FoundRelation:  # fmt: skip
    base = None if baseline is None else doc.figures[baseline]
    if baseline is not None:
        doc.baselines.add(baseline)  # an earlier value, never the whole of a later part
    if type_ in ("part_of", "share_of"):
        doc.whole_of.setdefault(i, j)
    down = type_ == "percent_change" and cues.is_fall(doc.before(i), doc.after(i))
    return FoundRelation(
        type_, doc.figures[i], doc.figures[j], base, cue, rule, "down" if down else "up"
    )


def _change_to(
    doc: FigureText, i: int, type_: str, rule: str, cue_start: int
) -> FoundRelation | None:
    """'rose 12 percent to £224,000 (from £200,000)', 'doubled to $6 million from $3 million',
    'tripled from 104 to 312'."""
    j = i + 1
    if doc.same_sentence(i, j + 1) and doc.kind(j) == "time":
        j += 1  # a period between: "rose 3.9 per cent in the twelve months to August to £289,400"
    if not (doc.same_sentence(i, j) and doc.kind(j) in (*AMOUNTS, "other")):
        return None
    if cues.TO_GAP.fullmatch(doc.gap(i, j)):
        k = _baseline_after(doc, j, j)
    elif (
        cues.FROM_GAP.fullmatch(doc.gap(i, j))
        and doc.same_sentence(j, j + 1)
        and doc.kind(j + 1) == doc.kind(j)
        and cues.TO_BEFORE.search(doc.gap(j, j + 1)) is not None
        and len(doc.gap(j, j + 1)) < 8
    ):
        j, k = j + 1, j  # "from 104 to 312"
    else:
        return None
    end = max(doc.figures[j].end, doc.figures[k].end if k is not None else 0)
    return _relation(doc, type_, i, j, rule, doc.text[cue_start:end], k)


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
    return _relation(doc, type_, i, j, "change_with", cue, k)


def _baseline_after(doc: FigureText, j: int, value: int) -> int | None:
    """The figure right after figure j that a change of figure `value` starts from: 'to $42
    billion ... from $38.9 billion', '14 percent compared to 4,930'."""
    k = j + 1
    same = doc.same_sentence(j, k) and doc.kind(k) == doc.kind(value)
    return k if same and cues.BASELINE_GAP.fullmatch(doc.gap(j, k)) else None


def _percent_change(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    verb = cues.VERB_BEFORE.search(doc.before(i))
    noun = cues.NOUN_AFTER.match(doc.after(i)) or cues.NOUN_OF_BEFORE.search(doc.before(i))
    compared = cues.COMPARED_AFTER.match(doc.after(i))
    after_value = doc.same_sentence(i, i - 1) and doc.kind(i - 1) in AMOUNTS
    if compared and after_value and cues.COMPARED_GAP.fullmatch(doc.gap(i - 1, i)):
        # "1,150 homes, 15 percent more than the 1,000"
        baseline = _baseline_after(doc, i, i - 1)
        spans = [doc.span(i - 1), doc.span(baseline if baseline is not None else i)]
        yield _relation(
            doc, "percent_change", i, i - 1, "x_percent_more_than", doc.cue(*spans), baseline
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
    if doc.same_sentence(i, j) and doc.kind(j) in AMOUNTS:
        gap = doc.gap(j, i)
        baseline = None
        if cues.UP_FROM_BEFORE.search(doc.before(j, 12)) and noun and doc.same_sentence(i, j - 1):
            j, baseline = j - 1, j  # "3,000, up from 2,000, an increase of 50 percent"
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
        if rule and doc.kind(j) in AMOUNTS:
            spans = [doc.span(j), doc.span(i)] + ([] if baseline is None else [doc.span(baseline)])
            cue = doc.cue(*spans)
            yield _relation(doc, "percent_change", i, j, rule, cue, baseline)
            return
    yield from _change_of_measure(doc, i, "percent_change")


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


def _multiple(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    figure = doc.figures[i]
    if cues.MULTIPLIED.search(figure.text) or cues.VERB_BEFORE.search(doc.before(i, 16)):
        relation = _change_to(doc, i, "multiple_of", "multiplied_to", figure.start)
        relation = relation or _change_with(doc, i, "multiple_of")
        if relation:
            yield relation
        else:
            yield from _change_of_measure(doc, i, "multiple_of")
        return
    as_many = cues.AS_MANY_AFTER.match(doc.after(i))
    if not as_many:
        return
    j = i - 1
    noun = as_many["noun"]
    said = noun and noun.lower() not in FUNCTION_WORDS
    if said and doc.same_sentence(i, j) and doc.head(j) != cues.head_word(noun):
        return  # "$800, and the cheaper phone sold twice as many units": not the $800
    k = i + 1
    near = doc.same_sentence(i, k) and doc.kind(k) == doc.kind(j) and len(doc.gap(i, k)) <= 60
    baseline = k if near else None
    # a duration only with a duration to compare: "96 minutes ..., three times the 32 minutes"
    compared = doc.kind(j) in AMOUNTS or (doc.kind(j) == "time" and baseline is not None)
    if doc.same_sentence(i, j) and compared and cues.AS_MANY_GAP.fullmatch(doc.gap(j, i)):
        last = baseline if baseline is not None else i
        cue = doc.text[doc.figures[j].start : doc.figures[last].end]
        yield _relation(doc, "multiple_of", i, j, "times_as_many", cue, baseline)
        return
    yield from _change_of_measure(doc, i, "multiple_of")


def _change_of_measure(doc: FigureText, i: int, type_: str) -> Iterator[FoundRelation]:
    """A change whose sentence states no value: the amount of the sentence before when the
    sentence is about it ('The total marks an 82 percent increase'), else the next amount, a few
    sentences on, that counts what the change counts ('Twice as many French nationals have
    joined ...' then 'some 1,200 French nationals have left')."""
    head = doc.head(i)
    near = range(max(0, i - BACK), min(len(doc.figures), i + BACK))
    if any(doc.same_sentence(i, j) and doc.kind(j) in AMOUNTS for j in near):
        return
    if _restated_later(doc, i):
        return  # "Price cap to rise 10%" over "will rise by 10 per cent to £1,717": its restatement
    if cues.ANAPHOR_FIRST.match(doc.text, doc.sentences[i][0]):
        j = doc.whole_before(i)  # "... at some 1,200. The total marks an 82 percent increase"
        if j is not None:
            cue = doc.text[doc.sentences[i][0] : doc.figures[i].end]
            yield _relation(doc, type_, i, j, "change_of_previous", cue)
        return
    if head is None:
        return
    sentences = 0
    for j in range(i + 1, min(len(doc.figures), i + BACK)):
        if doc.sentences[j] != doc.sentences[j - 1]:
            sentences += 1
        if sentences > AHEAD_SENTENCES:
            return
        if sentences and doc.kind(j) in AMOUNTS and doc.head(j) == head:
            yield _relation(doc, type_, i, j, "change_of_measure", doc.measures[i].cue)
            return


def _restated_later(doc: FigureText, i: int) -> bool:
    """Whether figure i is in the lead and a later figure, in the body, states it again."""
    if doc.figures[i].end > doc.lead_end:
        return False
    later = range(i + 1, min(len(doc.figures), i + BACK))
    return any(doc.figures[j].start > doc.lead_end and _equal(doc, i, j) for j in later)


def _part_or_share(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    type_ = "part_of" if doc.kind(i) in AMOUNTS else "share_of"
    figure = doc.figures[i]
    after, before = doc.after(i), doc.before(i)
    age = figure.unit is None and figure.text.lower().startswith(cues.COMPARED_PART)
    if cues.COMPARED_BEFORE.search(before) or (type_ == "part_of" and age):
        return  # "up from 19": a baseline; "a victim under 18": an age ("over 650 children" is one)
    of_them = cues.OF_THEM_AFTER.match(after)
    cue = _with_after(doc, i, of_them) if of_them else None
    of_them = of_them or cues.OF_THEM_BEFORE.search(before)
    if of_them:
        j = _holding_whole(doc, i)
        mass = of_them[0].split()[-1].lower() != "it" or (j is not None and doc.kind(j) == "money")
        if j is not None and mass and _fits(doc, i, j):  # "62% of it": of an amount of money
            doc.wholes[i] = j
            yield _relation(doc, type_, i, j, "of_them", cue or _with_before(doc, i, of_them))
            return
    rest = cues.REST_BEFORE.search(before) if type_ == "part_of" else None
    whole = _whole_of_earlier_part(doc, i) if rest else None
    if whole is not None:  # "Some 70 of those detained were freed, and the remaining 42 ..."
        yield _relation(doc, type_, i, whole, "rest_of_whole", _with_before(doc, i, rest))
        return
    in_all = cues.IN_ALL_AFTER.match(after) if type_ == "part_of" else None
    whole = _whole_of_share_before(doc, i) if in_all else None
    if whole is not None:  # "A third of the 34,700 teachers have left, some 8,800 in all"
        yield _relation(doc, type_, i, whole, "in_all", _with_after(doc, i, in_all))
        return
    whole = doc.wholes.get(i - 1)
    listed = whole is not None and doc.same_sentence(i, i - 1) and doc.kind(i) == doc.kind(i - 1)
    if listed and cues.LIST_GAP.fullmatch(doc.gap(i - 1, i)) and not cues.NOT_A_NOUN.match(after):
        doc.wholes[i] = whole  # "including 64 children and 20 women"
        cue = doc.cue(doc.span(i - 1), doc.span(i))
        yield _relation(doc, type_, i, whole, "part_list", cue)
        return
    j = i + 1
    if (
        doc.same_sentence(i, j)
        and doc.kind(j) in AMOUNTS
        and cues.OF_THE_GAP.fullmatch(doc.gap(i, j))
    ):
        if _fits(doc, i, j):
            yield _relation(doc, type_, i, j, "x_of_the_n", doc.cue(doc.span(i), doc.span(j)))
            part = _apposed(doc, i) if type_ == "share_of" else None
            if part is not None and part not in doc.whole_of and _fits(doc, part, j):
                # "will cut 3,000 jobs, or about 5% of its 60,000-strong workforce"
                cue = doc.cue(doc.span(part), doc.span(j))
                yield _relation(doc, "part_of", part, j, "apposed_part", cue)
        return
    total = cues.OF_TOTAL_AFTER.match(after)
    if total:  # "60 percent of the total", "made up $8.2 billion of that": the total before
        j = _total_before(doc, i, i if type_ == "part_of" else _apposed(doc, i))
        if j is not None and _fits(doc, i, j):
            yield _relation(doc, type_, i, j, "of_the_total", _with_after(doc, i, total))
        return
    noun = cues.OF_THE_NOUN_AFTER.match(after)
    if noun and (
        noun["the"] or type_ == "share_of"
    ):  # "40% of respondents"; not "dozens of people"
        words = noun["noun"].lower().split()
        heads = {cues.head_word(word) for word in words}
        for j in doc.wholes_before(i, BACK):
            if doc.head(j) in heads:
                if _fits(doc, i, j):
                    yield _relation(doc, type_, i, j, "x_of_the_noun", _with_after(doc, i, noun))
                return
    whole = _whole_first(doc, i)
    if whole is not None and _fits(doc, i, whole) and _opens_clause(doc, i):
        cue = doc.cue(doc.span(whole), doc.span(i))
        yield _relation(doc, type_, i, whole, "of_the_n_first", cue)
        return
    named = cues.NAMED_FIRST.match(doc.text, doc.sentences[i][0], doc.figures[i].start)
    whole = _named_whole(doc, i, named["set"]) if named else None
    if whole is not None and _fits(doc, i, whole) and _opens_clause(doc, i):
        cue = doc.text[doc.sentences[i][0] : doc.figures[i].end].strip()
        yield _relation(doc, type_, i, whole, "of_the_named_first", cue)
        return
    made_up = cues.MADE_UP_BEFORE.search(before) if type_ == "part_of" else None
    if made_up and cues.OF_THE_NOUN_AFTER.match(after):
        made_up = None  # it names a whole of its own, which we did not find
    whole = _total_before(doc, i, i) if made_up else None
    if whole is not None and doc.figures[whole].value > figure.value:
        # "Rail journeys rose to 1.61 billion ... London accounted for 1.04 billion journeys"
        yield _relation(doc, type_, i, whole, "accounted_for", _with_before(doc, i, made_up))
        return
    part = _apposed(doc, i) if type_ == "share_of" else None
    whole = None if part is None else doc.whole_of.get(part)
    if whole is None and part is not None and doc.whole_of.get(part - 1) == part:
        whole = part  # "760 of the 2,000 adults surveyed, or 38 per cent": the whole is apposed
    if whole is not None and doc.kind(part) in AMOUNTS:
        # "Of these, 1,205 — one in four — came from families": the share of the part's whole
        yield _relation(doc, type_, i, whole, "apposed_share", doc.cue(doc.span(part), doc.span(i)))
        return
    surveyed = _surveyed(doc, i) if type_ == "share_of" else None
    if surveyed is not None:
        cue = doc.cue(doc.span(surveyed), doc.span(i))
        yield _relation(doc, type_, i, surveyed, "survey_of_n", cue)
        return
    including = cues.INCLUDING_BEFORE.search(before)
    if including and type_ == "part_of":
        j = doc.whole_before(i, sentences=0)
        if j is not None and _fits(doc, i, j):
            doc.wholes[i] = j
            yield _relation(doc, type_, i, j, "including", doc.cue(doc.span(j), doc.span(i)))


def _whole_of_earlier_part(doc: FigureText, i: int) -> int | None:
    """The whole of the amount right before figure i (in its sentence or the two before) when
    that amount is a part, and figure i can be a part of it too."""
    whole = doc.whole_of.get(next(doc.wholes_before(i, 2), -1))
    return whole if whole is not None and _fits(doc, i, whole) else None


def _whole_of_share_before(doc: FigureText, i: int) -> int | None:
    """The whole of the nearest share or part before figure i in its sentence, when figure i
    can be a part of it."""
    for k in range(i - 1, max(-1, i - BACK), -1):
        if not doc.same_sentence(i, k):
            return None
        whole = doc.whole_of.get(k)
        if whole is not None:
            return whole if _fits(doc, i, whole) else None
    return None


def _holding_whole(doc: FigureText, i: int) -> int | None:
    """The whole that 'of them' after figure i refers to: the nearest amount that can be a
    whole, in its sentence or the two before, and that can hold the part ('600,000 of them'
    is not of the 'two seasons' before it)."""
    value = doc.figures[i].value if doc.kind(i) in AMOUNTS else -math.inf
    return next((j for j in doc.wholes_before(i, 2) if doc.figures[j].value >= value), None)


def _total_before(doc: FigureText, i: int, part: int | None) -> int | None:
    """The total that 'of the total' after figure i names: the largest amount that can be a
    whole (doc.wholes_before) in its sentence or the two before, in the unit of the part (money
    in one currency) when there is one, else in the unit of the nearest amount."""
    best = None
    for j in doc.wholes_before(i, sentences=2):
        unit = part if part is not None else best
        if j == part or (unit is not None and not _fits_unit(doc, unit, j)):
            continue
        if best is None or doc.figures[j].value > doc.figures[best].value:
            best = j
    return best


def _apposed(doc: FigureText, i: int) -> int | None:
    """The amount a share is set beside, a part of the same whole: '$568 million, or 40 percent
    of the total', 'London has 24,100, a third of the total'."""
    j = i - 1
    if (
        doc.same_sentence(i, j)
        and doc.kind(j) in AMOUNTS
        and cues.APPOSED_GAP.fullmatch(doc.gap(j, i))
    ):
        return j
    return None


def _surveyed(doc: FigureText, i: int) -> int | None:
    """'A poll of 2,000 adults found that one in four ...': the people a survey asked, in the
    share's sentence."""
    for j in range(i - 1, max(-1, i - BACK), -1):
        if not doc.same_sentence(i, j):
            return None
        if doc.kind(j) == "count" and cues.SURVEY_BEFORE.search(doc.before(j, 16)):
            return j if cues.SURVEY_GAP.match(doc.gap(j, i)) else None
    return None


def _with_before(doc: FigureText, i: int, match: re.Match) -> str:
    """The cue words matched at the end of doc.before(i), and the figure, verbatim."""
    figure = doc.figures[i]
    return doc.text[figure.start - len(match[0]) : figure.end]


def _with_after(doc: FigureText, i: int, match: re.Match) -> str:
    """The figure and the cue words matched at the start of doc.after(i), verbatim."""
    figure = doc.figures[i]
    return doc.text[figure.start : figure.end + match.end()]


def _opens_clause(doc: FigureText, i: int) -> bool:
    """Whether figure i is among the first three words of its clause."""
    start, first = doc.figures[i].start, doc.sentences[i][0]
    before = doc.text[max(first, start - 40) : start]
    return bool(cues.PART_OPENS.search(before)) or (
        start - 40 <= first and len(before.split()) <= 2
    )


def _whole_first(doc: FigureText, i: int) -> int | None:
    """'Of the 457, 12 died and 38 ...', 'Among the 640 care homes, one in five ...', 'Of these,
    1,210 ...': the whole a sentence starts with, for the figures after it."""
    first = doc.sentences[i][0]
    opening = cues.PARTS_FIRST.match(doc.text, first, doc.figures[i].start)
    if opening:
        f = i
        while f > 0 and f > i - BACK and doc.same_sentence(i, f - 1):
            f -= 1
        return doc.whole_before(f, sentences=1)
    for j in range(i - 1, max(-1, i - BACK), -1):
        if not doc.same_sentence(i, j):
            return None
        if cues.WHOLE_FIRST.fullmatch(doc.text, first, doc.figures[j].start):
            return j
    return None


def _named_whole(doc: FigureText, i: int, named: str) -> int | None:
    """The whole of 'Of the new homes, 310 ...', 'Of those killed, 23 ...' opening figure i's
    sentence: the amount in the two sentences before that counts what the words name, else the
    total there (the largest amount, not a baseline); None when a part before figure i in its
    sentence exceeds it."""
    f = i
    while f > 0 and f > i - BACK and doc.same_sentence(i, f - 1):
        f -= 1
    heads = {cues.head_word(word) for word in named.split()}
    counted = (j for j in doc.wholes_before(f, 2) if doc.head(j) in heads)
    j = next(counted, None)
    j = _total_before(doc, f, None) if j is None else j
    if j is None or any(
        doc.kind(k) in AMOUNTS and doc.figures[k].value > doc.figures[j].value for k in range(f, i)
    ):
        return None  # a guess that an earlier part exceeds: '1,530 sat the test, and 412 ...'
    return j


def _fits(doc: FigureText, part: int, whole: int) -> bool:
    """A part or share and its whole: an amount of the same kind (money of one currency)."""
    p, w = doc.figures[part], doc.figures[whole]
    if doc.kind(whole) not in AMOUNTS or part == whole:
        return False
    if doc.kind(part) in AMOUNTS:
        return p.kind == w.kind and (p.kind != "money" or p.unit == w.unit)
    return True


def _parts_of_total(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'enrolled 1,200 volunteers; 600 received the vaccine and 600 a placebo': amounts after a
    total, in its sentence, that add up to it; or that the text says it splits into ('The 90
    deaths were split between 50 in the north and 40 in the south'), whatever their sum."""
    if doc.same_sentence(i, i + 1) and cues.SPLIT_GAP.fullmatch(doc.gap(i, i + 1)):
        parts = [i + 1]
        while (
            len(parts) < PARTS
            and doc.same_sentence(i, parts[-1] + 1)
            and doc.kind(parts[-1] + 1) == doc.kind(i)
            and cues.LIST_GAP.fullmatch(doc.gap(parts[-1], parts[-1] + 1))
        ):
            parts.append(parts[-1] + 1)
        if len(parts) > 1 and doc.kind(i + 1) == doc.kind(i):
            cue = doc.cue(doc.span(i), doc.span(parts[-1]))
            yield from (_relation(doc, "part_of", k, i, "split_into", cue) for k in parts)
            return
    total, parts_sum = doc.figures[i].value, 0.0
    if doc.figures[i].qualifier != "exact" or i in doc.whole_of:
        return  # a part listed with others ("Of those killed, 23 were ..., 14 ... and 9 ...")
    for j in range(i + 1, min(len(doc.figures), i + 1 + PARTS)):
        if not doc.same_sentence(i, j) or doc.kind(j) != doc.kind(i):
            return
        if doc.figures[j].qualifier != "exact":
            return
        parts_sum += doc.figures[j].value
        if j > i + 1 and math.isclose(parts_sum, total, rel_tol=1e-3):
            cue = doc.cue(doc.span(i), doc.span(j))
            for k in range(i + 1, j + 1):
                yield _relation(doc, "part_of", k, i, "parts_add_up", cue)
            return
        if parts_sum > total:
            return


def _same_quantity(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'the 457' repeating '457 people'; a headline or standfirst restating a body figure."""
    repeat = cues.REPEAT_BEFORE.search(doc.before(i, 12))
    if repeat:
        for j in range(i - 1, max(-1, i - BACK), -1):
            if doc.figures[j].value == doc.figures[i].value and _equal(doc, i, j):
                cue = _with_before(doc, i, repeat)
                yield _relation(doc, "same_quantity", j, i, "the_n_repeats", cue)
                return
    j = _same_measure_before(doc, i)
    if j is not None:
        yield _relation(doc, "same_quantity", j, i, "same_measure", doc.measures[i].cue)
        return
    if doc.figures[i].end <= doc.lead_end:
        yield from _lead_restated(doc, i)


def _lead_restated(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """A headline or standfirst figure and the first later figure that states the same number,
    or that number rounded to the headline's last digit (lead_restated: '£38m' of '£38.2
    million'), or else the first one in the body that counts the same thing, a number of
    the same order (lead_same_measure: "Airline to cut 3,000 jobs" and then "it will cut 3,500
    jobs", which a checker can then compare)."""
    line_end = doc.text.find("\n", doc.figures[i].end)
    later = [
        j
        for j in range(i + 1, min(len(doc.figures), i + BACK))
        if doc.figures[j].start > line_end >= 0 and doc.kind(j) == doc.kind(i)
    ]
    equal = next((j for j in later if _equal(doc, i, j) or _rounds(doc, i, j)), None)
    if equal is not None:
        yield _relation(doc, "same_quantity", i, equal, "lead_restated", doc.measures[i].cue)
        return
    head, value = doc.head(i), doc.figures[i].value
    for j in later:
        if doc.figures[j].start > doc.lead_end and doc.head(j) == head is not None:
            earlier = cues.COMPARED_BEFORE.search(doc.before(j))  # "up from 65 percent"
            near = value / 2 <= doc.figures[j].value <= value * 2
            if near and not earlier and _fits_unit(doc, i, j):
                yield _relation(
                    doc, "same_quantity", i, j, "lead_same_measure", doc.measures[i].cue
                )
            return


def _same_measure_before(doc: FigureText, i: int) -> int | None:
    """An earlier sentence's figure that counts the same thing (the same noun phrase) with the
    same number: '1,187 French nationals have left' restated as '1,187 French nationals'. A
    round number of a one-word noun ('300 people') repeats by chance, so it must also have the
    same period and place, or none; not 'another 40'."""
    figure, what = doc.figures[i], (doc.measures[i].what or "").lower()
    if not what or doc.kind(i) not in AMOUNTS or figure.value < 10:
        return None
    if cues.ANOTHER_BEFORE.search(doc.before(i, 20)):
        return None
    specific = figure.value % 10 != 0 or len(what.split()) > 1
    for j in range(i - 1, max(-1, i - BACK), -1):
        other = doc.measures[j]
        if doc.figures[j].value != figure.value or doc.same_sentence(i, j):
            continue
        if (other.what or "").lower() != what or not _equal(doc, i, j):
            continue
        places = {doc.measures[i].where, other.where}
        periods = {doc.measures[i].period, other.period}
        if specific and len(periods - {None}) <= 1 or len(places) == len(periods) == 1:
            return j
    return None


def _fits_unit(doc: FigureText, i: int, j: int) -> bool:
    """Two figures of one kind in one unit (money in one currency)."""
    a, b = doc.figures[i], doc.figures[j]
    return doc.kind(i) == doc.kind(j) and (a.kind != "money" or a.unit == b.unit)


def _rounds(doc: FigureText, i: int, j: int) -> bool:
    """Whether figure i, written in digits, is figure j rounded to its last digit ('£38m' of
    '£38.2 million', '7.4 million' of '7.39 million'; '78,000' is not '77,600')."""
    a, b = doc.figures[i], doc.figures[j]
    tolerance = rounding(a.text) * a.value
    return _fits_unit(doc, i, j) and abs(a.value - b.value) <= tolerance * (1 + 1e-9)


def _equal(doc: FigureText, i: int, j: int) -> bool:
    """The same number of the same kind (a rounded restatement within its hedge's bounds)."""
    a, b = doc.figures[i], doc.figures[j]
    if not _fits_unit(doc, i, j):
        return False
    if a.value == b.value:
        return True
    rounded = (
        "approx" in (a.qualifier, b.qualifier) and {a.qualifier, b.qualifier} <= EXACT_OR_ABOUT
    )
    return rounded and (a.lower <= b.value <= a.upper or b.lower <= a.value <= b.upper)
