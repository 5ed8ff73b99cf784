"""Relations between the figures of a text, found from the words news uses to state them.

Each rule reads the few words around a figure and links it to a figure nearby, in its sentence
or the one or two before; its name is kept with each relation it finds:

- percent_change: change_to ("rose 12 percent to £224,000 from £200,000"), comma_up_x_percent
  ("82,000, up 5 percent"), has_risen_by ("(234) has also risen by 50 percent"),
  comma_increase_of ("5,620, an increase of 14 percent compared to 4,930"), x_percent_more_than
  ("1,150 homes, 15 percent more than the 1,000", "£900, a tenth lower than the £1,000");
- multiple_of: multiplied_to ("doubled to $6 million from $3 million"), times_as_many ("18,000
  trees, three times as many as last year's 6,000"), multiplying_clause ("fell to 49 from 98,
  halving the toll"), multiplied_since ("treated 310 runners ..., and the caseload had halved
  from 920"), multiple_then_pair ("twice as many services next term, 164 a day, up from 82");
- either: change_with ("nearly tripled this year, with 2,911 cases compared with 1,003");
- either, when the change's sentence states no value: change_of_previous ("The total marks an
  82 percent increase"), change_of_measure (the next figure that counts what the change counts:
  "Twice as many French nationals ..." then "some 1,200 French nationals"), change_then_pair
  ("... doubled last year." then "412 cases, up from 206"), since_when ("151,000 young people
  ... Demand has almost doubled since 2016-17, when 79,000 young people were seen");
- part_of and share_of: of_them ("Four hundred of them", "of whom 11"), part_list ("including
  64 children and 20 women"), x_of_the_n ("48 of its 300"), x_of_the_noun ("300 of the
  routes"), of_the_total ("$568 million, or 40 percent of the total"), of_the_n_first ("Of the
  457, 12 died and 38 ..."), of_the_named_first ("Of those killed, 23 were ..."), in_all ("A
  third of the 34,700 teachers left, some 8,800 in all"), rest_of_whole ("the remaining 42",
  "Another 96"), apposed_part ("3,000 jobs, or 5% of its 60,000 staff"), apposed_share ("Of
  these, 1,205 — one in four — ..."), accounted_for ("London accounted for 1.04 billion": of
  the total before), including, parts_add_up ("1,200 volunteers; 600 ... and 600 ..."),
  split_into ("The 90 deaths were split between 50 ... and 40 ..."), survey_of_n ("A poll of 2,000
  adults found that one in four ...", "found that 600"), share_apposed_part ("two-thirds of
  travellers, or roughly 52 million"); the parts listed with no cue word of their own
  (core/list_rules.py): parallel_part ("Men accounted for 1,520 and women for the remaining 530"),
  largest_group ("made up the largest group, at 284,000"), with_parts ("185,000 places, with
  132,200 places in the skill stream"), adds_up_to_total ("267 ... and 145 elsewhere, for a total
  of 412", "East, 4,200; West, 3,100; total, 7,300"), next_parts_add_up (the listed amounts of the
  next sentence that make a total exactly), clause_part ("300 of the 700 places, and 250 were
  funded"), brought_to_total ("4,000 trees ..., bringing its total to 19,500");
  were_of_its_kind ("33.5 million passengers ... Some 3.1 million were transfer passengers");
  since session 25: share_restated ("22 per cent of the 96,500 funerals. That is 21,230 ..."),
  share_beside_share ("almost half of them, 48%"), majority_of ("The majority of swimmers, 61
  per cent"), share_of_noun with an amount beside it ("About one in four permits, 3,120, ..."),
  listed_before_total ("1,140 ..., 860 ... and 720 ..., a total of 2,520 patients");
- same_quantity: the_n_repeats ("the 457"), same_measure (the same number of the same noun
  phrase, restated), lead_restated and lead_same_measure (a headline or standfirst restating a
  body figure).

Precision comes first: a rule that is not sure finds nothing. Each look is bounded, so the
time grows linearly with the text. This module holds the entry point, which rule looks at
which figure, and the same_quantity rules; the change rules are in core/change_rules.py, the
part rules in core/part_rules.py, what they share (FoundRelation among it) in
core/found_relation.py, the words they look for in core/relation_cues.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from core import relation_cues as cues
from core.change_cues import is_change
from core.change_rules import multiple, percent_change
from core.extract import Mention, is_vague
from core.find_measures import FoundMeasure, find_measures
from core.found_relation import FoundRelation, fits_unit, make_relation, same_number, with_before
from core.list_rules import (
    may_be_a_total,
    part_of_new_total,
    parts_before_total,
    parts_in_next_sentence,
)
from core.numbers import rounding
from core.part_rules import part_or_share, parts_of_total
from core.relation_text import AMOUNTS, BACK, NEAR, FigureText

__all__ = ["FoundRelation", "find_relations"]


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
    relations = sorted(found.values(), key=lambda r: (r.subject.start, r.object.start))
    if any(r.type == "same_quantity" for r in relations):
        relations = _no_part_restated(relations)
    return relations


def _no_part_restated(relations: list[FoundRelation]) -> list[FoundRelation]:
    """The relations but those that take a part and its whole for one quantity ('Texas added
    9.7 gigawatts' in the lead, and 'Utility-scale projects made up 8.1 gigawatts of the new
    capacity')."""
    parts = {frozenset((r.subject.start, r.object.start)) for r in relations if r.type == "part_of"}
    return [
        r
        for r in relations
        if r.type != "same_quantity" or frozenset((r.subject.start, r.object.start)) not in parts
    ]


def _all_rules(doc: FigureText) -> Iterator[FoundRelation]:
    for i in range(len(doc.figures)):
        kind = doc.kind(i)
        change = kind == "ratio" and is_change(doc.before(i, NEAR), doc.after(i))
        if kind == "percent" or change:
            yield from percent_change(doc, i)  # "rose 12 percent", "fell by about a tenth"
        if kind == "multiplier":
            yield from multiple(doc, i)
        if kind in AMOUNTS + ("percent", "ratio"):
            yield from part_or_share(doc, i)
        if kind in AMOUNTS:
            yield from parts_of_total(doc, i)
            if doc.text.find("total", doc.figures[i].end, doc.sentences[i][1]) >= 0:
                yield from part_of_new_total(doc, i)  # "..., bringing the total to 27,000"
            if may_be_a_total(doc, i):
                yield from parts_before_total(doc, i)
        yield from _same_quantity(doc, i)
        if (
            i + 2 < len(doc.figures)
            and doc.sentences[i] != doc.sentences[i + 1] == doc.sentences[i + 2]
        ):
            yield from parts_in_next_sentence(doc, i)  # once a sentence, after its last figure


def _same_quantity(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'the 457' repeating '457 people'; a headline or standfirst restating a body figure."""
    if doc.figures[i].value in doc.repeated:  # (the_n_repeats and same_measure need its number)
        repeat = cues.REPEAT_BEFORE.search(doc.before(i, 12))
        if repeat:
            for j in range(i - 1, max(-1, i - BACK), -1):
                if _states_again(doc, i, j) and same_number(doc, i, j):
                    cue = with_before(doc, i, repeat)
                    yield make_relation(doc, "same_quantity", j, i, "the_n_repeats", cue)
                    return
        same = _same_measure_before(doc, i)
        if same is not None:
            yield make_relation(doc, "same_quantity", same, i, "same_measure", doc.measures[i].cue)
            return
    if doc.figures[i].end <= doc.lead_end:
        yield from _lead_restated(doc, i)


def _lead_restated(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """A headline or standfirst figure and the first later figure that states the same number,
    or that number rounded to the headline's last digit (lead_restated: '£38m' of '£38.2
    million'), or an exact number just within the headline's bound ('More than 9,200' of
    '9,240'), or else the first one in the body that counts the same thing, a number of
    the same order (lead_same_measure: "Airline to cut 3,000 jobs" and then "it will cut 3,500
    jobs", which a checker can then compare)."""
    line_end = doc.line_end(i)
    later = [
        j
        for j in range(i + 1, min(len(doc.figures), i + BACK))
        if doc.figures[j].start > line_end >= 0 and doc.kind(j) == doc.kind(i)
    ]
    equal = next(
        (j for j in later if same_number(doc, i, j) or _rounds(doc, i, j) or _bound(doc, i, j)),
        None,
    )
    if equal is not None:
        yield make_relation(doc, "same_quantity", i, equal, "lead_restated", doc.measures[i].cue)
        return
    head, value = doc.head(i), doc.figures[i].value
    first_line = doc.text.find("\n", len(doc.text) - len(doc.text.lstrip()))
    headline = doc.figures[i].start < first_line
    body = line_end if headline else doc.lead_end  # a headline's figure, restated in the lead
    for j in later:
        if doc.figures[j].start > body and doc.head(j) == head is not None:
            earlier = cues.BASELINE_BEFORE.search(doc.before(j))  # "up from 65 percent"
            near = value / 2 <= doc.figures[j].value <= value * 2
            if near and not earlier and fits_unit(doc, i, j):
                yield make_relation(
                    doc, "same_quantity", i, j, "lead_same_measure", doc.measures[i].cue
                )
            return


def _same_measure_before(doc: FigureText, i: int) -> int | None:
    """An earlier sentence's figure that counts the same thing (the same noun phrase) with the
    same number: '1,187 French nationals have left' restated as '1,187 French nationals'. A
    round number of a one-word noun ('300 people') repeats by chance, so it must also have the
    same period and place, or none; not 'another 40'."""
    figure, what = doc.figures[i], doc.measures[i].what
    if not what or doc.kind(i) not in AMOUNTS or figure.value < 10:
        return None
    earlier = [j for j in range(i - 1, max(-1, i - BACK), -1) if _states_again(doc, i, j)]
    if not earlier or cues.ANOTHER_BEFORE.search(doc.before(i, 20)):
        return None  # (no earlier figure of its number, the most common case, looked at first)
    what = what.lower()
    specific = figure.value % 10 != 0 or len(what.split()) > 1
    for j in earlier:
        other = doc.measures[j]
        if doc.same_sentence(i, j):
            continue
        if (other.what or "").lower() != what or not same_number(doc, i, j):
            continue
        places = {doc.measures[i].where, other.where}
        periods = {doc.measures[i].period, other.period}
        if specific and len(periods - {None}) <= 1 or len(places) == len(periods) == 1:
            return j
    return None


def _states_again(doc: FigureText, i: int, j: int) -> bool:
    """Whether figure i has the number of the earlier figure j, j not a vague amount ('Thousands
    marched' is at least 2,000 by convention, and 'Of the 2,000 members' does not repeat it)."""
    return doc.figures[j].value == doc.figures[i].value and not is_vague(doc.figures[j])


def _bound(doc: FigureText, i: int, j: int) -> bool:
    """Whether figure i is a bound ('more than 9,200', 'under 500') that the exact figure j
    meets within a tenth of it: a headline rounding the number it states as a bound."""
    a, b = doc.figures[i], doc.figures[j]
    if b.qualifier != "exact" or not fits_unit(doc, i, j):
        return False
    if a.qualifier in ("more_than", "at_least"):
        return a.value <= b.value <= a.value * 1.1
    return a.qualifier in ("less_than", "at_most") and a.value * 0.9 <= b.value <= a.value


def _rounds(doc: FigureText, i: int, j: int) -> bool:
    """Whether figure i, written in digits, is figure j rounded to its last digit ('£38m' of
    '£38.2 million', '7.4 million' of '7.39 million'; '78,000' is not '77,600')."""
    a, b = doc.figures[i], doc.figures[j]
    tolerance = rounding(a.text) * a.value
    return fits_unit(doc, i, j) and abs(a.value - b.value) <= tolerance * (1 + 1e-9)
