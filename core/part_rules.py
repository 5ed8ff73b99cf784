"""The part rules of the relation finder (core/find_relations.py): part_of and share_of, a
part or share and the whole the text names for it ('Four hundred of them', '48 of its 300',
'$568 million, or 40 percent of the total', 'Of those killed, 23 were ...', 'including 64
children and 20 women'), and the parts after a total that add up to it or that it splits
into."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from core import clause_cues
from core import relation_cues as cues
from core.apposed_parts import (
    apposed,
    apposed_part,
    apposed_total,
    restated,
    share_before,
    share_beside_share,
)
from core.found_relation import (
    FoundRelation,
    fits,
    make_relation,
    with_after,
    with_before,
)
from core.list_rules import listed_part, may_be_listed, versus_part, whole_of_part_before
from core.part_clauses import (
    bracketed_share,
    clause_whole_first,
    compared_counting,
    found_by_survey,
    holding_whole,
    named_before,
    part_including,
    part_named,
    share_named,
    share_of_noun_whole,
    share_restated,
    share_then_part,
    survey_after,
    survey_before,
    total_before,
    whole_named_alike,
    whole_of_earlier_part,
    whole_of_majority,
    whole_of_those,
)
from core.relation_text import AMOUNTS, BACK, NEAR, PARTS, FigureText


def part_or_share(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    type_ = "part_of" if doc.kind(i) in AMOUNTS else "share_of"
    figure = doc.figures[i]
    after, near = doc.after(i), doc.before(i, NEAR)
    of_after = _says_of(after)  # a cheap first look for the cues that name a whole after "of"
    age = figure.unit is None and figure.text.lower().startswith(cues.COMPARED_PART)
    if cues.compared_before(near) or (type_ == "part_of" and age):
        yield from versus_part(doc, i)  # "... of the 41,930 votes cast, to 17,620 for her rival"
        return  # "up from 19": a baseline; "a victim under 18": an age ("over 650 children" is one)
    share = share_before(doc, i) if type_ == "part_of" else None
    if share is not None:  # "About two-thirds of travellers, or roughly 52 million, ..."
        cue = doc.cue(doc.span(share), doc.span(i))
        yield make_relation(doc, type_, i, doc.whole_of[share], "share_apposed_part", cue)
        return
    counted = list(share_then_part(doc, i)) if type_ == "part_of" else None
    if counted:  # "almost two-fifths of tickets sold, some 58 million admissions"
        yield from counted
        return
    whole = share_restated(doc, i) if type_ == "part_of" and "hat" in near else None
    if whole is not None:  # "... 22 per cent of the 96,500 funerals. That is 21,230 ..."
        cue = doc.text[doc.sentences[i][0] : doc.figures[i].end].strip()
        yield make_relation(doc, type_, i, whole, "share_restated", cue)
        return
    whole = _relative_whole(doc, i)
    if whole is not None:  # "$2.7 billion for Sudan, of which 16% has been funded"
        doc.wholes[i] = doc.relatives[i] = whole
        yield make_relation(doc, type_, i, whole, "of_which", doc.cue(doc.span(whole), doc.span(i)))
        return
    of_them = of_after and cues.OF_THEM_AFTER.match(after)
    if of_them and of_them["unit"] and doc.kind(i) != "quantity":
        of_them = None  # a unit word only after a measurement: "80,000 tonnes of it"
    said = with_after(doc, i, of_them) if of_them else None  # the cue, when said after
    of_them = of_them or (_says_of(near) and cues.OF_THEM_BEFORE.search(near))
    if of_them:
        participle = of_them[0].split()[-1].lower().endswith("ed")  # "of those counted"
        j = whole_of_those(doc, i) if participle else holding_whole(doc, i)
        mass = of_them[0].split()[-1].lower() != "it" or (
            j is not None and doc.kind(j) in ("money", "quantity")
        )
        if j is not None and mass and fits(doc, i, j):  # "62% of it": of an amount of money
            doc.wholes[i] = j
            yield make_relation(doc, type_, i, j, "of_them", said or with_before(doc, i, of_them))
            return
    known = bool(doc.whole_of)  # a rest, or a count in all, is of a part or share found before
    rest = known and (type_ == "part_of" or "e" in near[-12:]) and cues.REST_BEFORE.search(near)
    if rest and type_ == "share_of" and cues.VERB_BEFORE.search(near[: rest.start()]):
        rest = None  # "rose a further 3 per cent": a change
    whole = _rest_whole(doc, i, type_) if rest else None
    if whole is not None and rest:  # "Some 70 of those detained were freed, and the remaining 42"
        yield make_relation(doc, type_, i, whole, "rest_of_whole", with_before(doc, i, rest))
        return
    in_all = cues.IN_ALL_AFTER.match(after) if known and type_ == "part_of" else None
    whole = _whole_of_share_before(doc, i) if in_all else None
    if whole is not None and in_all:  # "A third of the 34,700 teachers ..., some 8,800 in all"
        yield make_relation(doc, type_, i, whole, "in_all", with_after(doc, i, in_all))
        return
    whole = doc.wholes.get(i - 1)
    listed = whole is not None and doc.same_sentence(i, i - 1) and doc.kind(i) == doc.kind(i - 1)
    listed = listed and cues.LIST_GAP.fullmatch(doc.gap(i - 1, i)) is not None
    if whole is not None and listed and not cues.NOT_A_NOUN.match(after):
        doc.wholes[i] = whole  # "including 64 children and 20 women"
        cue = doc.cue(doc.span(i - 1), doc.span(i))
        yield make_relation(doc, type_, i, whole, "part_list", cue)
        return
    j = i + 1
    of_the = doc.same_sentence(i, j) and doc.kind(j) in AMOUNTS
    if (
        of_the
        and _says_of(doc.gap(i, j))
        and (cues.OF_THE_GAP.fullmatch(doc.gap(i, j)) or _of_noun_of(doc, i, j))
    ):
        if fits(doc, i, j):
            yield make_relation(doc, type_, i, j, "x_of_the_n", doc.cue(doc.span(i), doc.span(j)))
            yield from apposed_part(doc, i, j)
        return
    total = (of_after and cues.OF_TOTAL_AFTER.match(after)) or apposed_total(doc, i, type_)
    if not total and of_after:  # "of that acreage"
        total = clause_cues.OF_THAT_NOUN_AFTER.match(after)
    if total:  # "60 percent of the total", "made up $8.2 billion of that": the total before
        j = total_before(doc, i, i if type_ == "part_of" else apposed(doc, i))
        if j is not None and fits(doc, i, j):
            yield make_relation(doc, type_, i, j, "of_the_total", with_after(doc, i, total))
            yield from apposed_part(doc, i, j)
        return
    noun = of_after and cues.OF_THE_NOUN_AFTER.match(after)
    if noun and (
        noun["the"] or type_ == "share_of"
    ):  # "40% of respondents"; not "dozens of people"
        j = _counted_whole(doc, i, f"{noun['noun']} {noun['owner'] or ''}".lower().split())
        named_total = j is None and _names_a_total(noun, restated(doc, i))
        if named_total:  # "a quarter of the portfolio", "64 per cent of revenue"
            j = total_before(doc, i, i if type_ == "part_of" else apposed(doc, i))
        traded = named_total and cues.TRADED_NOUN.match(noun["noun"])
        if traded and j is not None and doc.kind(j) == "count":
            j = None  # "two-thirds of sales" is not of "1.9 million farms"
        if j is None and type_ == "part_of" and noun["the"]:
            j = _unnamed_whole(doc, i)  # "Gold mines accounted for 24 of the deaths"
        if j is not None:
            if fits(doc, i, j):
                yield make_relation(doc, type_, i, j, "x_of_the_noun", with_after(doc, i, noun))
                # "Wages were £4.1bn, 67 per cent of revenue": a cost, no part; but "Private
                # equity, at C$61 billion, now makes up about a quarter of the portfolio"
                gap = doc.gap(i - 1, i)
                if not named_total or cues.PART_VERB_GAP.search(gap) or cues.OR_GAP.search(gap):
                    yield from apposed_part(doc, i, j)
            return
    bracketed = list(bracketed_share(doc, i)) if type_ == "share_of" else None
    if bracketed:  # "China made 1.019 billion tonnes (54%)"
        yield from bracketed
        return
    part = apposed(doc, i) if type_ == "share_of" else None
    whole = None if part is None else doc.whole_of.get(part)
    if whole is None and part is not None and doc.whole_of.get(part - 1) == part:
        whole = part  # "760 of the 2,000 adults surveyed, or 38 per cent": the whole is apposed
    if whole is not None and part is not None and doc.kind(part) in AMOUNTS:
        # "Of these, 1,205 — one in four — came from families": the share of the part's whole
        yield make_relation(
            doc, type_, i, whole, "apposed_share", doc.cue(doc.span(part), doc.span(i))
        )
        return
    whole = share_beside_share(doc, i) if type_ == "share_of" else None
    if whole is not None:  # "612,000 claims ..., almost half of them, 48%, for members over 75"
        cue = doc.cue(doc.span(i - 1), doc.span(i))
        yield make_relation(doc, type_, i, whole, "share_beside_share", cue)
        return
    whole = part_including(doc, i) if type_ == "part_of" else None
    if whole is not None:  # "450,000 travelled from outside Lagos, including 38,000 foreign ..."
        yield make_relation(
            doc, type_, i, whole, "part_including", doc.cue(doc.span(whole), doc.span(i))
        )
        return
    # not for a share of a whole of its own, not found: "Of those, 1.4 billion were sent first
    # class, and 74.5 per cent of first-class post arrived"
    opening = not (noun and type_ == "share_of")
    whole = _whole_first(doc, i) if opening else None
    if whole is None and opening:  # "..., and of the 3,200 adults surveyed, one in three"
        whole = clause_whole_first(doc, i)
    if whole is not None and fits(doc, i, whole) and _opens_clause(doc, i):
        cue = doc.cue(doc.span(whole), doc.span(i))
        yield make_relation(doc, type_, i, whole, "of_the_n_first", cue)
        return
    first = doc.sentences[i][0]
    on_of = opening and doc.opens_on_of(i)
    named = cues.NAMED_FIRST.match(doc.text, first, doc.figures[i].start) if on_of else None
    whole = _named_whole(doc, i, named["set"]) if named else None
    if whole is not None and fits(doc, i, whole) and _opens_clause(doc, i):
        cue = doc.text[doc.sentences[i][0] : doc.figures[i].end].strip()
        yield make_relation(doc, type_, i, whole, "of_the_named_first", cue)
        return
    made_up = cues.MADE_UP_BEFORE.search(near) if type_ == "part_of" else None
    if made_up is None and doc.kind(i) == "money":  # allocated: a part of a budget, in money
        made_up = cues.ALLOCATED_BEFORE.search(near)
    if made_up and noun:
        made_up = None  # it names a whole of its own, which we did not find
    whole = _made_up_whole(doc, i, bool(made_up.groupdict().get("numbered"))) if made_up else None
    if whole is not None and made_up and doc.figures[whole].value > figure.value:
        # "Rail journeys rose to 1.61 billion ... London accounted for 1.04 billion journeys"
        yield make_relation(doc, type_, i, whole, "accounted_for", with_before(doc, i, made_up))
        return
    surveyed = survey_before(doc, i) if type_ == "share_of" or found_by_survey(doc, i) else None
    if surveyed is None and type_ == "share_of":  # "Six in 10 adults ..., according to a
        surveyed = survey_after(doc, i)  # survey of 2,000 people"
    if surveyed is not None and (type_ == "share_of" or figure.value < doc.figures[surveyed].value):
        cue = doc.cue(doc.span(surveyed), doc.span(i))
        yield make_relation(doc, type_, i, surveyed, "survey_of_n", cue)
        return
    whole = share_of_noun_whole(doc, i) if doc.kind(i) == "ratio" else None
    if whole is not None:  # "5.1 million contacts ... Roughly 1 in 10 contacts were routed"
        cue = doc.text[doc.figures[i].start : doc.figures[i].end + len(doc.after(i))]
        yield make_relation(doc, type_, i, whole, "share_of_noun", cue.strip())
        return
    whole = whole_of_majority(doc, i) if type_ == "share_of" and "," in near[-3:] else None
    if whole is not None:  # "412,000 swimmers ... The majority of swimmers, 61 per cent, paid"
        cue = doc.text[doc.sentences[i][0] : doc.figures[i].end].strip()
        yield make_relation(doc, type_, i, whole, "majority_of", cue)
        return
    including = cues.INCLUDING_BEFORE.search(near) if type_ == "part_of" else None
    if including:
        j = doc.whole_before(i, sentences=0)
        subject_end = doc.figures[i].start - len(including[0])
        if j is None and cues.REFERRING_SUBJECT.fullmatch(
            doc.text, doc.sentences[i][0], subject_end
        ):  # "The attendance, which included 1,450 away fans": of the crowd before
            j = _whole_of_sentence_before(doc, i)
        if j is not None and fits(doc, i, j):
            doc.wholes[i] = j
            yield make_relation(doc, type_, i, j, "including", doc.cue(doc.span(j), doc.span(i)))
            return
    opens = type_ == "part_of" and not doc.text[doc.sentences[i][0] : figure.start].strip()
    kind_of = cues.WERE_KIND_AFTER.match(after) if opens else None
    whole = _whole_of_kind_before(doc, i, kind_of["noun"]) if kind_of else None
    # "Dublin Airport handled 33.5 million passengers ... Some 3.1 million were transfer passengers"
    if whole is not None and kind_of:
        yield make_relation(doc, type_, i, whole, "were_of_its_kind", with_after(doc, i, kind_of))
        return
    if may_be_listed(doc, i):
        yield from listed_part(doc, i)


def _whole_of_kind_before(doc: FigureText, i: int, noun: str) -> int | None:
    """The whole of an amount opening its sentence that says what kind of <noun> it counts
    ('Some 3.1 million were transfer passengers'): the amount of the sentence before that
    counts <noun>, larger."""
    head = cues.head_word(noun)
    for j in doc.wholes_before(i, sentences=1):
        if not doc.same_sentence(i, j) and doc.head(j) == head and fits(doc, i, j):
            return j if doc.figures[j].value > doc.figures[i].value else None
    return None


def _whole_of_sentence_before(doc: FigureText, i: int) -> int | None:
    """The amount of the sentence before that figure i's sentence, with no amount before figure
    i, is about: 'a record crowd of 12,560. The attendance, which included 1,450 away fans'."""
    first = next(doc.wholes_before(i, 1), None)
    if first is None or doc.same_sentence(i, first):
        return None
    return first if doc.figures[first].value > doc.figures[i].value else None


def _relative_whole(doc: FigureText, i: int) -> int | None:
    """The amount right before ', of which' or ', of whom' that opens figure i's clause, when
    figure i fits in it: 'about R400 billion, of which the Treasury will take on R254
    billion'."""
    j = i - 1
    gap = doc.gap(j, i) if j >= 0 else ""
    if "which" not in gap and "whom" not in gap:
        return None  # (a cheap first look)
    if not doc.same_sentence(i, j) or doc.kind(j) not in AMOUNTS or j in doc.baselines:
        return None
    if not cues.RELATIVE_GAP.fullmatch(gap):
        return None
    if cues.BASELINE_BEFORE.search(doc.before(j, 12)) or not fits(doc, i, j):
        return None
    return j if doc.kind(i) not in AMOUNTS or doc.figures[i].value <= doc.figures[j].value else None


def _counted_whole(doc: FigureText, i: int, words: list[str]) -> int | None:
    """The amount before figure i that counts what 'of the <words>' after it names: the nearest
    whose own noun is the words' head ('9,570 road crashes' for 'one in three of the crashes'),
    else whose measure ends in one of the words, else a measurement of one ('1.8 million tonnes
    of refuse'), else one named before it (named_before); never a baseline, nor the amount set
    beside a share ('48,000 jobs, or one in five of all jobs')."""
    head = cues.head_word(next((word for word in words if word.endswith("s")), words[-1]))
    heads = {cues.head_word(word) for word in words}
    beside = apposed(doc, i) if doc.kind(i) not in AMOUNTS else None
    candidates = [
        j
        for j in range(i - 1, max(-1, i - BACK), -1)
        if doc.kind(j) in AMOUNTS and j not in doc.baselines and j != beside
    ]
    if beside is not None:  # "$11.8 million, or 28 per cent of ticket revenue": in dollars
        candidates = [j for j in candidates if fits(doc, beside, j)]
    candidates = [j for j in candidates if not cues.BASELINE_BEFORE.search(doc.before(j, 12))]
    counted = (j for j in candidates if cues.head_word(doc.figures[j].unit or "") == head)
    named = (j for j in candidates if doc.head(j) in heads)
    measured = (j for j in candidates if doc.kind(j) == "quantity" and _measured(doc, j) in heads)
    for looks in (counted, named, measured):  # the next look only when one finds none
        j = next(looks, None)
        if j is not None:
            return j
    return named_before(doc, candidates, words)


def _measured(doc: FigureText, j: int) -> str | None:
    """What a measurement measures, named after its unit: '1.8 million tonnes of refuse'."""
    of = cues.MEASURED_AFTER.match(doc.after(j))
    return cues.head_word(of["noun"]) if of else None


def _names_a_total(noun: re.Match, restated: bool = False) -> bool:
    """Whether 'of (the) <noun>' after a figure names a total by a word for one, alone or after
    'the' ('of the market', 'of revenue'; not 'of global turnover', nor 'of the quarter's
    revenue': a total of one period among others); after a word before it too for a share that
    restates an amount ('$11.8 million, or 28 per cent of ticket revenue'; not 'of its budget':
    a whole of the payer's own)."""
    words = noun["noun"].split()
    words = words[:2] if restated and not clause_cues.OWNER.fullmatch(words[0]) else words[:1]
    if not any(cues.TOTAL_NOUN.fullmatch(word) for word in words):
        return False
    owner = noun["owner"]
    return owner is None or not cues.PERIOD_WORD.fullmatch(owner)


def _unnamed_whole(doc: FigureText, i: int) -> int | None:
    """The whole of 'N of the <noun>' when no amount before counts that noun ('Fatalities fell
    to 49 ... Gold mines accounted for 24 of the deaths'): the nearest amount, in its sentence
    or the one before, that can be a whole of it, is larger, and is not itself named after 'of'
    ('funding 2,480 of the 11,300 applications ... won 640 of the grants': of the 2,480; but
    'for a total of 412'); none when the noun is a period ('the 31.6 million of the previous
    year')."""
    if cues.PERIOD_NOUN.match(doc.after(i)):
        return None
    for j in doc.wholes_before(i, sentences=1):
        before = doc.before(j, 20)
        named = cues.OF_BEFORE.search(before) and not cues.TOTAL_BEFORE.search(before)
        if named or cues.COMPARED_AFTER.match(doc.after(j)):
            continue  # named after 'of', or a difference: "2,300 more than last year"
        if not doc.in_headline(j, i) and fits(doc, i, j):
            return j if doc.figures[j].value > doc.figures[i].value else None
    return None


def _made_up_whole(doc: FigureText, i: int, numbered: bool) -> int | None:
    """The whole a part that 'accounted for' or 'made up' something is of: the whole of a part
    before it ('3,120 of the crashes, while motorcycles accounted for 1,980'), when larger;
    else of a sentence opening on it ('Of the $38.3 billion, engineering goods made up $11.4
    billion'), else the total before it; only the first for a part that 'numbered' some, and
    not of a part in a clause 'of which' ('132,000 marriages, of which 2,300 were same-sex
    unions. Divorces numbered 21,600')."""
    whole = whole_of_part_before(doc, i, relatives=not numbered)
    if whole is not None and doc.figures[whole].value <= doc.figures[i].value:
        whole = (
            None  # "$7.6 billion, of which $2.9 billion ..., while ... would receive $8.1 billion"
        )
    if numbered:  # "International visitors numbered 402,000": of the visitors before, if no part
        return whole if whole is not None else whole_named_alike(doc, i)
    if whole is None:
        whole = _whole_first(doc, i)
        whole = whole if whole is not None and fits(doc, i, whole) else None
    return total_before(doc, i, i) if whole is None else whole


def _rest_whole(doc: FigureText, i: int, type_: str) -> int | None:
    """The whole of 'the remaining', 'a further', 'leaving' figure i: of the part before it
    ('... the remaining 42'), or of the share before it in its sentence ('38 per cent of them, and
    depression for a further 29 per cent')."""
    return whole_of_earlier_part(doc, i) if type_ == "part_of" else _whole_of_share_before(doc, i)


def _whole_of_share_before(doc: FigureText, i: int) -> int | None:
    """The whole of the nearest share or part before figure i in its sentence, when figure i
    can be a part of it."""
    for k in range(i - 1, max(-1, i - BACK), -1):
        if not doc.same_sentence(i, k):
            return None
        whole = doc.whole_of.get(k)
        if whole is not None:
            return whole if fits(doc, i, whole) else None
    return None


def _says_of(words: str) -> bool:
    """Whether words say 'of' or 'among' (in any case), which the cues of a part of a whole
    named after them all need: a cheap first look before their patterns."""
    lowered = words.lower()
    return "of" in lowered or "among" in lowered


def _of_noun_of(doc: FigureText, i: int, j: int) -> bool:
    """Whether figure i is of the amount j after it, named after a noun: 'a third of its
    editorial staff of 144' (a whole naming nothing after it: not 'a third of the repair bill of
    2,000 homes')."""
    named = doc.figures[j].unit is None or doc.kind(j) == "money"  # "of total sales of S$60.8bn"
    return named and bool(cues.OF_NOUN_OF_GAP.fullmatch(doc.gap(i, j)))


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
    if not doc.opens_on_of(i):
        return None
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
    sentence: the amount in the two sentences before that counts what the words name (or a
    part of it that their participle names, or a value a change compares with: part_named,
    compared_counting), else the total there (the largest amount, not a baseline, in the part's
    unit) unless the words name a share of it ('The dead fish made up 15 per cent of the
    480,000 stocked. Of the dead fish, ...'); None when a part before figure i in its sentence
    exceeds it."""
    f = i
    while f > 0 and f > i - BACK and doc.same_sentence(i, f - 1):
        f -= 1
    heads = {cues.head_word(word) for word in named.split()}
    counted = (j for j in doc.wholes_before(f, 2) if doc.head(j) in heads)
    j = next(counted, None)
    j = compared_counting(doc, f, heads) if j is None else part_named(doc, j, named.split())
    unit = i if doc.kind(i) in AMOUNTS else None  # "Of the amount, N9.8 billion": in naira
    if j is None:
        j = total_before(doc, f, unit)
        j = None if j is not None and share_named(doc, j, f, named.split()[-1]) else j
    if j is None or any(
        doc.kind(k) in AMOUNTS and doc.figures[k].value > doc.figures[j].value for k in range(f, i)
    ):
        return None  # a guess that an earlier part exceeds: '1,530 sat the test, and 412 ...'
    return j


def parts_of_total(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'enrolled 1,200 volunteers; 600 received the vaccine and 600 a placebo': amounts after a
    total, in its sentence, that add up to it; or that the text says it splits into ('The 90
    deaths were split between 50 in the north and 40 in the south'), whatever their sum."""
    gap = doc.gap(i, i + 1) if i + 1 < len(doc.figures) else ""
    split = ":" in gap or "split" in gap or "divided" in gap or "shared" in gap or "broken" in gap
    if split and doc.same_sentence(i, i + 1) and cues.SPLIT_GAP.fullmatch(gap):
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
            yield from (make_relation(doc, "part_of", k, i, "split_into", cue) for k in parts)
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
                yield make_relation(doc, "part_of", k, i, "parts_add_up", cue)
            return
        if parts_sum > total:
            return
