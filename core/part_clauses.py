"""Part rules of the relation finder (core/part_rules.py) added in session 24: a part of a part
read from the clause it opens ('450,000 travelled from outside Lagos, including 38,000 foreign
delegates'), the whole of a part that follows others ('the remaining 4,800'), a share in
brackets after a part ('made 1.019 billion tonnes (54%)'); the people a survey asked
(survey_before, survey_after); and the total a part is of (total_before)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from core import clause_cues
from core import relation_cues as cues
from core.found_relation import FoundRelation, fits, fits_unit, make_relation, same_number
from core.list_rules import whole_of_part_before
from core.relation_text import AMOUNTS, BACK, NEAR, FigureText

MAX_AGE = 120  # the oldest age a threshold after a noun can state
CLAUSE = 50  # characters before a figure where named_before looks for the noun it counts


def part_including(doc: FigureText, i: int) -> int | None:
    """The part right before ', including' figure i in its clause, when it is a part of a
    whole itself, larger, of its kind: 'Of the attendees, 450,000 travelled from outside Lagos,
    including 38,000 foreign delegates' (of the 450,000, not of the attendees)."""
    k = i - 1 if i - 1 in doc.whole_of else i - 2  # past a figure of its own: "an index of 25"
    if k not in doc.whole_of or not doc.same_sentence(i, k) or doc.kind(k) not in AMOUNTS:
        return None
    if not clause_cues.INCLUDING_GAP.fullmatch(doc.gap(k, i)) or not fits(doc, i, k):
        return None
    return k if doc.figures[i].value < doc.figures[k].value else None


def whole_of_earlier_part(doc: FigureText, i: int) -> int | None:
    """The whole of the nearest part before figure i in its sentence, when figure i can be a
    part of it too ('... and Indians/Asians for 1,140, with the remaining 4,800'); else of the
    amount right before figure i (in its sentence or the two before) when that is a part, or
    that amount itself when it is the whole of the part before it. Figure i must be smaller
    than that whole: the whole is not named, so 'A further 1,140 people', more than the 312
    counted, adds to a count and is no rest of it."""
    whole = whole_of_part_before(doc, i, sentences=0)
    if whole is None:
        j = next(doc.wholes_before(i, 2), -1)
        whole = doc.whole_of.get(j)
        if whole is None and doc.whole_of.get(j - 1) == j and doc.kind(j - 1) in AMOUNTS:
            whole = j  # the whole of the part right before it: "248, out of 420. A further 62"
    if whole is None or not fits(doc, i, whole):
        return None
    return whole if doc.figures[i].value < doc.figures[whole].value else None


def total_before(doc: FigureText, i: int, part: int | None) -> int | None:
    """The total that 'of the total' after figure i names: the largest amount that can be a
    whole (doc.wholes_before) in its sentence or the two before, in the unit of the part (money
    in one currency) when there is one, else in the unit of the nearest amount; for a part in
    the body, a headline's figure only when the body states no total, and then its restatement
    in the body ('sold for Rs 51,200 crore', a price the other looks pass over)."""
    best = None
    for j in doc.wholes_before(i, sentences=2):
        unit = part if part is not None else best
        if j == part or (unit is not None and not fits_unit(doc, unit, j)):
            continue
        if doc.same_sentence(i, j) and not cues.CLAUSE_BREAK.search(doc.gap(j, i)):
            continue  # in the part's own clause: "The ten most expensive drugs made up 15 per cent"
        if best is None or larger_total(doc, i, j, best):
            best = j
    if best is not None and doc.in_headline(best, i):  # its restatement in the body, if any
        body = range(best + 1, i)
        return next(
            (j for j in body if not doc.in_headline(j, i) and same_number(doc, best, j)), None
        )
    return best


def larger_total(doc: FigureText, i: int, j: int, best: int) -> bool:
    """Whether figure j is a better total for figure i than figure best: in the body when best
    is in the headline, else larger."""
    headline, best_headline = doc.in_headline(j, i), doc.in_headline(best, i)
    if headline != best_headline:
        return best_headline
    return doc.figures[j].value > doc.figures[best].value


def or_share(doc: FigureText, part: int, i: int) -> bool:
    """Whether share i restates amount part in a clause of its own, ', or' between, and names
    no whole of its own after it: 'Federal funds will cover $780 million, or 65 percent, ...';
    not after a verb of change ('Sales fell 4,000 tonnes, or 5 per cent': a change)."""
    if not clause_cues.OR_SHARE_GAP.fullmatch(doc.gap(part, i)) or clause_cues.OF_AFTER.match(
        doc.after(i)
    ):
        return False
    return not cues.VERB_BEFORE.search(doc.before(part, 12))


def bracketed_share(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'China made 1.019 billion tonnes (54%)', 'Veterans numbered 1,120 (6.8%)', 'Malaysia took
    414,000 tonnes, or 15 percent': a share in brackets, or after ', or' (or_share), right
    after an amount with no whole of its own yet, no value a change led to nor compared with,
    is a share of the total before (total_before), and the amount a part of it; after ', or',
    a count only of a total counting what the share's subject names ('Projects led by women
    number 231, or 39 per cent' is no share of '3,010 applications')."""
    part = i - 1
    if not doc.same_sentence(i, part) or doc.kind(part) not in AMOUNTS or part in doc.whole_of:
        return
    bracket = doc.after(i).startswith(")") and clause_cues.BRACKET_GAP.fullmatch(doc.gap(part, i))
    if not bracket and not or_share(doc, part, i):
        return
    if part in doc.baselines or cues.compared_before(doc.before(part, 12)):
        return  # "rose to 16,385 (23%)"
    whole = total_before(doc, part, part) if 0 < doc.figures[i].value < 100 else None
    if whole is not None and not bracket and doc.kind(part) == "count":
        whole = whole if doc.head(whole) == doc.head(i) else None  # not "3,010 applications"
    if whole is not None and doc.figures[part].value < doc.figures[whole].value:
        cue = doc.cue(doc.span(part), doc.span(i))
        yield make_relation(doc, "part_of", part, whole, "bracketed_share", cue)
        yield make_relation(doc, "share_of", i, whole, "bracketed_share", cue)


def whole_named_alike(doc: FigureText, i: int) -> int | None:
    """The whole of 'International visitors numbered 402,000': the nearest larger amount, in its
    sentence or the two before, that counts what the verb's subject names ('1.43 million
    visitors')."""
    subject = clause_cues.SUBJECT_BEFORE.search(doc.before(i))
    if subject is None:
        return None
    head = cues.head_word(subject["noun"])
    for j in doc.wholes_before(i, sentences=2):
        if doc.head(j) == head and fits(doc, i, j):
            return j if doc.figures[j].value > doc.figures[i].value else None
    return None


def whole_of_those(doc: FigureText, i: int) -> int | None:
    """The whole of '53% of those counted were unsheltered': the nearest amount, in its sentence
    or the two before, that is no part itself, can hold figure i and fits it ('412 cases ... 61
    needed hospital treatment. Nine in ten of those infected': of the 412)."""
    value = doc.figures[i].value if doc.kind(i) in AMOUNTS else 0.0
    for j in doc.wholes_before(i, sentences=2):
        age = doc.figures[j].text.lower().startswith(cues.COMPARED_PART)  # "under 10"
        if j not in doc.whole_of and not age and doc.figures[j].value >= value and fits(doc, i, j):
            return j
    return None


def share_then_part(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'Family films accounted for almost two-fifths of tickets sold, some 58 million
    admissions': an amount set after a share with no whole yet, a part of the nearest larger
    amount before that counts what it counts ('123.6 million' admissions) and is no part itself
    ('with the remaining 167 million litres' is not the whole of 'all exports'), or of the
    whole its sentence opens on, whatever it counts ('Among the 412 respondents aged 18 to 24,
    the figure rose to 78 per cent, or 321 people'), the share a share of it too."""
    share = i - 1
    if doc.kind(share) not in ("percent", "ratio") or not doc.same_sentence(i, share):
        return  # (looked at first: most amounts follow no share)
    head = doc.head(i)
    if head is None or share in doc.whole_of:
        return
    if not cues.SHARE_PART_GAP.fullmatch(doc.gap(share, i)):
        return
    opening = whole_opening(doc, share)
    wholes = doc.wholes_before(share, sentences=2) if opening is None else iter([opening])
    for j in wholes:
        if (j == opening or doc.head(j) == head) and j not in doc.whole_of and fits(doc, i, j):
            if doc.figures[j].value > doc.figures[i].value:
                cue = doc.cue(doc.span(share), doc.span(i))
                yield make_relation(doc, "part_of", i, j, "share_then_part", cue)
                yield make_relation(doc, "share_of", share, j, "share_then_part", cue)
            return


def whole_opening(doc: FigureText, i: int) -> int | None:
    """The amount that figure i's sentence opens on as its whole, before figure i: 'Among the
    412 respondents aged 18 to 24, the figure rose to 78 per cent'."""
    j = i
    while j > 0 and doc.same_sentence(i, j - 1):
        j -= 1  # the sentence's first figure
    if j == i or doc.kind(j) not in AMOUNTS or not doc.opens_on_of(i):
        return None
    return j if cues.WHOLE_FIRST.fullmatch(doc.text, doc.sentences[i][0], doc.starts[j]) else None


def clause_whole_first(doc: FigureText, i: int) -> int | None:
    """The whole a clause inside a sentence opens on, for the figure right after it: '..., and
    of the 3,200 adults surveyed, one in three said ...' (a whole larger than an amount)."""
    j = i - 1
    if not doc.same_sentence(i, j) or doc.kind(j) not in AMOUNTS:
        return None
    before = doc.before(j, NEAR)
    if "f " not in before and "ng " not in before:  # a cheap first look: "of the", "among the"
        return None
    if not clause_cues.CLAUSE_OF_BEFORE.search(before):
        return None
    if not clause_cues.WHOLE_NOUN_GAP.fullmatch(doc.gap(j, i)):
        return None
    smaller = doc.kind(i) not in AMOUNTS or doc.figures[i].value < doc.figures[j].value
    return j if smaller else None


def share_of_noun_whole(doc: FigureText, i: int) -> int | None:
    """The whole of a fraction set right before a plural noun, no 'of' between ('Roughly 1 in 10
    contacts were routed', 'One in five complaints was upheld'): the nearest amount before, in
    its sentence or the two before, that counts that noun, no part nor baseline itself."""
    noun = clause_cues.NOUN_RIGHT_AFTER.match(doc.after(i))
    part = apposed_after_noun(doc, i) if noun is None else None
    if noun is not None:
        word = noun["noun"]
    elif part is not None:
        word = doc.gap(i, part).split()[0].strip(",")
    else:
        return None
    heads = {cues.head_word(word)} if part is None else {cues.head_word(word), doc.head(part)}
    wholes = [j for j in doc.wholes_before(i, 2) if j not in doc.whole_of and fits(doc, i, j)]
    wholes = wholes if part is None else [j for j in wholes if fits(doc, part, j)]
    j = next((j for j in wholes if doc.head(j) in heads), None)
    if j is None and part is not None:  # "camping permits ... reached 9,840": named before it
        j = next((j for j in wholes if subject_names(doc, j, word.lower())), None)
    if j is None or part is None:
        return j
    return j if doc.figures[j].value > doc.figures[part].value else None


def apposed_after_noun(doc: FigureText, i: int) -> int | None:
    """The amount set beside a fraction and the plural noun right after it, in commas or after
    ', or': 'About one in four permits, 3,120, went', 'Two in five recipients, or 600
    students, attend'."""
    j = i + 1
    if not doc.same_sentence(i, j) or doc.kind(j) not in AMOUNTS:
        return None
    return j if clause_cues.NOUN_APPOSED_GAP.fullmatch(doc.gap(i, j)) else None


def named_before(doc: FigureText, candidates: list[int], words: list[str]) -> int | None:
    """The nearest of the candidate amounts whose own clause names one of the plural nouns of
    words right before it: 'its paid subscribers tripled to 42 lakh', 'booked orders worth Rs
    33,000 crore' (for 'two thirds of subscribers', 'Nearly 60 per cent of the orders'), with
    no noun of its own after it."""
    nouns = {word for word in words if clause_cues.PLURAL_NOUN.fullmatch(word)}
    for j in (j for j in candidates if nouns and not counts_after(doc, j)):  # not "four parks"
        clause = clause_cues.CLAUSE_TAIL.search(doc.before(j, CLAUSE))
        if clause and nouns & set(clause[0].lower().split()):
            return j
    return None


def counts_after(doc: FigureText, j: int) -> bool:
    """Whether what figure j counts is named right after it: 'four wildlife parks'."""
    head = doc.head(j)
    return head is not None and head in doc.after(j)[:CLAUSE].lower()


def holding_whole(doc: FigureText, i: int) -> int | None:
    """The whole that 'of them' after figure i refers to: the nearest amount that can be a
    whole, in its sentence or the two before, and that can hold the part ('600,000 of them'
    is not of the 'two seasons' before it; '30 of them' of players, not of a sum of money),
    never an age inside a noun phrase ('Young people under 25 made up one in five of them')."""
    value = doc.figures[i].value if doc.kind(i) in AMOUNTS else -math.inf
    wholes = (j for j in doc.wholes_before(i, 2) if not noun_phrase_age(doc, j))
    return next((j for j in wholes if doc.figures[j].value >= value and fits(doc, i, j)), None)


def noun_phrase_age(doc: FigureText, j: int) -> bool:
    """Whether figure j is an age or a threshold after a noun, counting nothing named after it:
    'Young people under 25 made up', not 'over 650 children', 'Over 30 schools'."""
    figure = doc.figures[j]
    age = doc.kind(j) == "count" and figure.text.lower().startswith(cues.COMPARED_PART)
    return age and figure.value <= MAX_AGE and not clause_cues.PLURAL_AFTER.match(doc.after(j))


def compared_counting(doc: FigureText, i: int, heads: set[str]) -> int | None:
    """The nearest amount before figure i, in its sentence or the two before, that counts one
    of heads and that a change compares with ('nearly twice the 7,600 places available', for
    'Of the places, 5,320'): the wholes_before pass it over, but a set named again is it."""
    seen = 0
    for j in range(i - 1, max(-1, i - BACK), -1):
        seen += doc.sentences[j] != doc.sentences[j + 1]
        if seen > 2:
            return None
        if j in doc.baselines and doc.head(j) in heads:
            return j
    return None


def subject_names(doc: FigureText, j: int, word: str) -> bool:
    """Whether the clause of figure j names the word before it, no figure between: 'Backcountry
    camping permits at Lakehead Provincial Park reached 9,840' names 'permits'."""
    clause = clause_cues.CLAUSE_TAIL.search(doc.text[doc.sentences[j][0] : doc.starts[j]])
    return clause is not None and word in clause[0].lower().split()


def share_restated(doc: FigureText, i: int) -> int | None:
    """The whole of 'That is 21,230 direct cremations' opening a sentence: the whole of the
    last share of the sentence before ('22 per cent of the 96,500 funerals'), which the amount
    restates, when smaller than it and of its kind."""
    first = doc.sentences[i][0]
    if not clause_cues.THAT_IS_FIRST.fullmatch(doc.text, first, doc.starts[i]):
        return None
    for k in range(i - 1, max(-1, i - BACK), -1):
        if doc.sentences[k][1] <= first and doc.kind(k) not in AMOUNTS and k in doc.whole_of:
            whole = doc.whole_of[k]
            fitting = fits(doc, i, whole) and doc.figures[i].value < doc.figures[whole].value
            return whole if fitting and doc.sentences[k] == doc.sentences[i - 1] else None
    return None


def survey_after(doc: FigureText, i: int) -> int | None:
    """The people a survey named after share i in its sentence asked, when the share counts a
    plural noun right after it: 'Six in 10 British adults have bought ..., according to a
    survey of 2,000 people' (not a party's share of the vote: 'the Conservatives on 29 per
    cent, according to a survey of 2,104 adults')."""
    j = i + 1
    if not doc.same_sentence(i, j) or doc.kind(j) != "count":
        return None
    if not clause_cues.PLURAL_AFTER.match(doc.after(i)):
        return None
    return j if clause_cues.SURVEY_AFTER_GAP.fullmatch(doc.gap(i, j)) else None


def survey_before(doc: FigureText, i: int) -> int | None:
    """'A poll of 2,000 adults found that one in four ...': the people a survey asked, in the
    share's sentence."""
    for j in range(i - 1, max(-1, i - BACK), -1):
        if not doc.same_sentence(i, j):
            return None
        if doc.kind(j) == "count" and cues.SURVEY_BEFORE.search(doc.before(j, 16)):
            return j if cues.SURVEY_GAP.match(doc.gap(j, i)) else None
    return None


def found_by_survey(doc: FigureText, i: int) -> bool:
    """Whether figure i, a count naming nothing of its own, is what a survey found: 'A survey
    of 2,150 centres found that 1,290, or 52 percent, had ...' (not 'found that 300 shops')."""
    figure = doc.figures[i]
    found = figure.kind == "count" and figure.unit is None
    return found and bool(cues.FOUND_BEFORE.search(doc.before(i, NEAR)))


def part_named(doc: FigureText, j: int, words: list[str]) -> int:
    """The part of whole j that a participle of words names, the verb right before it: 'Ottawa
    cancelled 310 of the 2,150 aquatic programs ... Among the cancelled programs, 205 were'
    (of the 310); else whole j itself."""
    done = [word for word in words if word.endswith("ed")]
    for k in (k for k, whole in doc.whole_of.items() if whole == j and done):
        if doc.kind(k) in AMOUNTS and doc.before(k, 20).lower().split()[-1:] == done[-1:]:
            return k
    return j


def whole_of_majority(doc: FigureText, i: int) -> int | None:
    """The whole of a share set after the set it is most of: 'The majority of swimmers, 61 per
    cent, paid concession prices': the nearest amount before, in its sentence or the two
    before, that counts that noun or whose clause names it, no part itself."""
    majority = clause_cues.MAJORITY_BEFORE.search(doc.before(i))
    percent = doc.figures[i].value * (100 if doc.kind(i) == "ratio" else 1)
    if majority is None or not 50 < percent <= 100:
        return None
    word = majority["noun"].lower()
    wholes = [j for j in doc.wholes_before(i, 2) if j not in doc.whole_of and fits(doc, i, j)]
    counted = (j for j in wholes if doc.head(j) == cues.head_word(word))
    return next(counted, next((j for j in wholes if subject_names(doc, j, word)), None))


def share_named(doc: FigureText, j: int, f: int, word: str) -> bool:
    """Whether a share of whole j, before figure f, has a subject naming the word: 'The dead
    fish made up 15 per cent of the 480,000' (the dead fish are a part of the 480,000)."""
    shares = range(max(0, j - BACK), f)
    return any(doc.whole_of.get(k) == j and subject_names(doc, k, word.lower()) for k in shares)
