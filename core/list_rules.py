"""The part rules of the relation finder (core/find_relations.py) for parts that news lists with
no cue word of their own, after a part whose whole is known or around their total:
parallel_part ('health care accounted for 71,000, leisure for 40,000 and construction for
22,000', 'followed by Uganda with 223,000'), largest_group ('made up the largest group, at
284,000'), with_parts ('a cap of 185,000 places, with 132,200 places in the skill stream') and
adds_up_to_total ('267 in the south and 145 elsewhere, for a total of 412')."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from core import clause_cues
from core import relation_cues as cues
from core.found_relation import FoundRelation, fits, make_relation
from core.relation_text import AMOUNTS, BACK, PARTS, FigureText

LIST_TOLERANCE = 0.2  # by how much the parts a list sets before its total may exceed it


def whole_of_part_before(
    doc: FigureText, i: int, sentences: int = 1, relatives: bool = True
) -> int | None:
    """The whole of the nearest amount before figure i, in its sentence or `sentences` before,
    that is a part (not one in a clause 'of which ...' unless relatives), when figure i can be a
    part of it too."""
    seen = 0
    for k in range(i - 1, max(-1, i - BACK), -1):
        if doc.sentences[k] != doc.sentences[k + 1]:
            seen += 1
            if seen > sentences:
                return None
        whole = doc.whole_of.get(k)
        if whole is not None and doc.kind(k) in AMOUNTS and (relatives or k not in doc.relatives):
            return whole if whole != i and fits(doc, i, whole) else None
    return None


def may_be_listed(doc: FigureText, i: int) -> bool:
    """A cheap first look for listed_part: a part just before figure i, or 'with' or 'at'
    right before it, or 'with' shortly before ('with the team paying')."""
    before = doc.before(i)
    return (
        i - 1 in doc.whole_of
        or i - 2 in doc.whole_of
        or before.endswith(("h ", "t "))
        or " with " in before
    )


def listed_part(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """Figure i as a part or share listed with no cue word of its own (see the module's
    docstring)."""
    before = doc.before(i)
    if doc.kind(i) not in AMOUNTS:
        whole = _parallel_share_whole(doc, i)
        if whole is not None:  # "48 per cent of the 1,189 species ..., and one in five ..."
            cue = doc.cue(doc.span(i - 2), doc.span(i))
            yield make_relation(doc, "share_of", i, whole, "parallel_share", cue)
            return
        whole = _share_after_part_whole(doc, i)
        if whole is not None:  # "1.56 million of them, or 40 percent, while Port Canaveral
            # accounted for roughly a third"
            cue = doc.cue(doc.span(i - 1), doc.span(i))
            yield make_relation(doc, "share_of", i, whole, "parallel_share", cue)
        return
    largest = before.endswith(("with ", "at ")) and cues.LARGEST_BEFORE.search(before)
    if largest:  # "Orthopaedics accounted for the largest group, with 12,400"
        whole = whole_of_part_before(doc, i)
        whole = _largest_before(doc, i) if whole is None else whole
        if whole is not None:
            cue = doc.text[doc.figures[i].start - len(largest[0]) : doc.figures[i].end]
            yield make_relation(doc, "part_of", i, whole, "largest_group", cue)
            return
    whole = _parallel_whole(doc, i)
    if whole is not None:  # "Men accounted for 1,520 and women for 530"
        start = doc.figures[i - 1].start
        cue = doc.text[start : doc.figures[i].end]
        yield make_relation(doc, "part_of", i, whole, "parallel_part", cue)
        return
    whole = _with_whole(doc, i)
    if whole is not None:  # "a cap of 185,000 places, with 132,200 places in the skill stream"
        cue = doc.cue(doc.span(whole), doc.span(i))
        yield make_relation(doc, "part_of", i, whole, "with_parts", cue)
        return
    whole = _clause_part_whole(doc, i)
    if whole is not None:  # "paid for 190,000 of the 410,000 residents, and 150,000 paid"
        yield make_relation(
            doc, "part_of", i, whole, "clause_part", doc.cue(doc.span(i - 2), doc.span(i))
        )


def _clause_part_whole(doc: FigureText, i: int) -> int | None:
    """'Councils paid for 190,000 of the 410,000 residents, and 150,000 funded themselves':
    after a part and its whole, an amount opening a clause of its own, a verb right after it
    (no noun of its own), is another part of that whole when the two parts fit in it; so after
    a part whose whole is known, a share of it between them or not ('About 1.1 million of them,
    or 72 percent, had ... stolen, while 450,000 had ...')."""
    part = _part_before_clause(doc, i)
    whole = doc.whole_of.get(part, -1)
    if part < 0 or whole < 0 or not doc.same_sentence(i, part):
        return None
    if not cues.CLAUSE_PART_GAP.fullmatch(doc.gap(i - 1, i)) or not fits(doc, i, whole):
        return None
    if not cues.NOT_A_NOUN.match(doc.after(i)):
        return None
    parts = doc.figures[part].value + doc.figures[i].value
    return whole if parts <= doc.figures[whole].value else None


def _part_before_clause(doc: FigureText, i: int) -> int:
    """The part before the clause figure i opens: two figures before it when the figure between
    is its whole ('190,000 of the 410,000 residents, and'), or is a share of its whole ('1.1
    million of them, or 72 percent, had ..., while'); else the figure right before it, when an
    amount; -1 if none."""
    before = doc.whole_of.get(i - 2, -2)
    if before == i - 1 or (before == doc.whole_of.get(i - 1) and doc.kind(i - 1) not in AMOUNTS):
        return i - 2
    return i - 1 if doc.kind(i - 1) in AMOUNTS else -1


def _largest_before(doc: FigureText, i: int) -> int | None:
    """The largest amount before figure i, in its sentence or the two before, that can be a
    whole of it and exceeds it."""
    best = None
    for j in doc.wholes_before(i, sentences=2):
        if not fits(doc, i, j) or doc.in_headline(j, i):
            continue
        if best is None or doc.figures[j].value > doc.figures[best].value:
            best = j
    return best if best is not None and doc.figures[best].value > doc.figures[i].value else None


def _parallel_whole(doc: FigureText, i: int) -> int | None:
    """The whole of the part before figure i in its sentence when figure i is listed after it
    as another part of it, and is smaller than it: 'Men accounted for 1,520 and women for the
    remaining 530', "children's services £310m", 'followed by Gauteng with 1,550'; after a
    verb that it leaves out before the list's first part, any noun: 'Repairs made up £6.1bn,
    theft £1.2bn and fraud £0.4bn')."""
    k = i - 1
    gap = doc.gap(k, i)
    if k > 0 and doc.kind(k) not in AMOUNTS and doc.whole_of.get(k - 1, -1) == doc.whole_of.get(k):
        k -= (
            1  # "Russians accounted for 3.1 lakh, or a third, while British visitors numbered": the
        )
        # gap read from the share
    whole = doc.whole_of.get(k)
    if whole is None or not doc.same_sentence(i, k) or doc.kind(k) not in AMOUNTS:
        return None
    first = k  # the first part of the list: "Repairs made up £6.1bn, theft £1.2bn and fraud £0.4bn"
    while first > 0 and doc.whole_of.get(first - 1) == whole and doc.same_sentence(k, first - 1):
        first -= 1
    gapped = cues.GAPPED_VERB_BEFORE.search(doc.before(first)) and cues.GAPPED_GAP.fullmatch(gap)
    if not (gapped or cues.PARALLEL_GAP.fullmatch(gap)) or cues.NOT_A_NOUN.match(doc.after(i)):
        return None
    fitting = fits(doc, i, whole) and doc.figures[i].value < doc.figures[whole].value
    return whole if fitting else None


def versus_part(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'won 18,310 of the 41,930 votes cast, to 17,620 for her rival' (versus_part): after a
    part and its whole, another part of that whole, set against the first with ', to ... for'."""
    whole = i - 1
    part = whole - 1
    if part < 0 or doc.whole_of.get(part) != whole or not doc.same_sentence(i, part):
        return
    versus = cues.VERSUS_GAP.fullmatch(doc.gap(whole, i)) and cues.FOR_AFTER.match(doc.after(i))
    if versus and fits(doc, i, whole) and doc.figures[i].value < doc.figures[whole].value:
        cue = doc.cue(doc.span(part), doc.span(i))
        yield make_relation(doc, "part_of", i, whole, "versus_part", cue)


def _parallel_share_whole(doc: FigureText, i: int) -> int | None:
    """The whole of the share before figure i, named right before it, when figure i is a share
    listed after it with 'and' and names no whole of its own: '48 per cent of the 1,189 species
    are declining, and more than one in five are threatened'."""
    whole, share = i - 1, i - 2
    if share < 0 or doc.whole_of.get(share) != whole or not doc.same_sentence(i, share):
        return None
    named = _names_its_whole(doc.after(i))
    return whole if cues.AND_GAP.fullmatch(doc.gap(whole, i)) and not named else None


def _share_after_part_whole(doc: FigureText, i: int) -> int | None:
    """The whole of the part or share right before figure i in its sentence, when figure i is
    a share listed after it as another part's ('PortMiami handled 1.56 million of them, or 40
    percent, while Port Canaveral accounted for roughly a third'), names no whole of its own and
    is no change ('14 per cent more than')."""
    k = i - 1
    whole = doc.whole_of.get(k)
    if whole is None or not doc.same_sentence(i, k):
        return None
    after = doc.after(i)
    if _names_its_whole(after) or cues.COMPARED_AFTER.match(after):  # "14 per cent more than"
        return None
    return whole if cues.PARALLEL_GAP.fullmatch(doc.gap(k, i)) else None


def _names_its_whole(after: str) -> bool:
    """Whether the words after a share name a whole of its own: 'of the species', 'of them'."""
    return bool(cues.OF_THE_NOUN_AFTER.match(after) or cues.OF_THEM_AFTER.match(after))


def _with_whole(doc: FigureText, i: int) -> int | None:
    """'The scheme has 185,000 places, with 132,200 places in the skill stream': the amount
    of its kind before ', with' in its sentence, larger, counting the same thing (or figure i
    names nothing, or who pays it: 'a $1.2 billion ballpark, with the team paying $700
    million')."""
    with_ = cues.WITH_BEFORE.search(doc.before(i)) if " with " in doc.before(i) else None
    j = i - 1
    if not with_ or not doc.same_sentence(i, j) or doc.kind(j) not in AMOUNTS:
        return None
    if j in doc.baselines:
        return None
    head = doc.head(i)
    same = head is None or head == doc.head(j) or bool(with_["verb"])
    bigger = doc.figures[j].value > doc.figures[i].value
    return j if same and bigger and fits(doc, i, j) and "," in doc.gap(j, i) else None


def may_be_a_total(doc: FigureText, i: int) -> bool:
    """A cheap first look for parts_before_total: words of a total around figure i."""
    before, after = doc.before(i, 24), doc.after(i)
    return "otal" in before or "ombined" in before or "all" in after or "total" in after


def parts_before_total(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'267 in the south and 145 elsewhere, for a total of 412': the amounts right before a
    total the text names as one ('a total of', 'in all'), in its sentence, exact, of its kind,
    that add up to it."""
    total = doc.figures[i]
    if total.qualifier != "exact" or not doc.same_sentence(i, i - 1):
        return
    before, after = doc.before(i, 24), doc.after(i)
    if not (cues.TOTAL_BEFORE.search(before) or cues.IN_ALL_AFTER.match(after)):
        return
    parts_sum, parts = 0.0, []
    for k in range(i - 1, max(-1, i - 1 - PARTS), -1):
        if not doc.same_sentence(i, k) or doc.kind(k) != doc.kind(i) or k in doc.whole_of:
            return
        if doc.figures[k].qualifier != "exact" or not fits(doc, k, i):
            return
        parts_sum += doc.figures[k].value
        parts.append(k)
        if len(parts) > 1 and math.isclose(parts_sum, total.value, rel_tol=1e-3):
            cue = doc.cue(doc.span(k), doc.span(i))
            for part in reversed(parts):
                yield make_relation(doc, "part_of", part, i, "adds_up_to_total", cue)
            return
        if parts_sum > total.value:
            break
    yield from listed_before_total(doc, i)


def listed_before_total(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'evacuated 1,140 road crash victims, 860 pregnant women in labour and 720 other
    emergency cases between January and June, a total of 2,520 patients': the amounts a list
    sets right before a total it names (', a total of', parts_before_total), each smaller,
    that add up to more than it by a fifth at most: the text sets them as its parts and adds
    them up wrong. A list that falls short of its total may leave parts out of a wider total
    ('closed 38 cafes in May and 51 in June, a total of 95'): no parts."""
    if not cues.TOTAL_AFTER_LIST_GAP.fullmatch(doc.gap(i - 1, i)):
        return
    parts = [i - 1]
    while len(parts) < PARTS and doc.same_sentence(i, parts[-1] - 1):
        k = parts[-1] - 1
        gap = doc.gap(k, parts[-1])  # "1,140 ..., 860", "£11.8bn ... and pharmacies spent "
        listed = cues.LIST_GAP.fullmatch(gap) or clause_cues.LISTED_CLAUSE_GAP.fullmatch(gap)
        if doc.kind(k) != doc.kind(i) or not listed:
            break
        parts.append(k)
    total = doc.figures[i].value
    parts_sum = sum(doc.figures[k].value for k in parts)
    fitting = all(fits(doc, k, i) and doc.figures[k].value < total for k in parts)
    if len(parts) > 1 and fitting and total < parts_sum <= (1 + LIST_TOLERANCE) * total:
        cue = doc.cue(doc.span(parts[-1]), doc.span(i))
        for k in reversed(parts):
            yield make_relation(doc, "part_of", k, i, "listed_before_total", cue)


def parts_in_next_sentence(doc: FigureText, last: int) -> Iterator[FoundRelation]:
    """'The appeal raised £1,200,000 this year. Legacies brought in £450,000, donors gave
    £600,000 and the remaining £150,000 came from firms': the amounts of the sentence after the
    one that figure `last` ends (two figures at least), when all its amounts of one unit,
    exact and listed, make an exact amount of that sentence that is no part itself, nor a
    headline's figure (next_parts_add_up). Sentences opening on their whole ('Of these, 1,210
    ...') and sentences of more than PARTS figures are left alone."""
    first, end, sentence = last + 1, last + 2, doc.sentences[last + 1]
    while end < len(doc.figures) and end - first <= PARTS and doc.sentences[end] == sentence:
        end += 1
    amounts = [k for k in range(first, end) if doc.kinds[k] in AMOUNTS]
    if len(amounts) < 2 or end - first > PARTS:
        return
    if doc.text[doc.sentences[last][1] : sentence[0]].strip() or doc.opens_on_of(first):
        return
    units: dict[tuple, list[int] | None] = {}
    for k in amounts:
        key = _unit_key(doc, k)
        parts = units.get(key, [])
        exact = doc.figures[k].qualifier == "exact"
        units[key] = parts + [k] if parts is not None and exact else None
    for key, parts in units.items():
        if parts and len(parts) > 1:
            total = _total_of(doc, last, key, sum(doc.figures[k].value for k in parts))
            listed = cues.LISTED_GAP.search  # a list: not "made up 2.6 million of the 6.5 million"
            if total is not None and all(
                listed(doc.gap(a, b)) for a, b in itertools.pairwise(parts)
            ):
                cue = doc.cue(doc.span(total), doc.span(parts[-1]))
                for k in parts:
                    yield make_relation(doc, "part_of", k, total, "next_parts_add_up", cue)


def _total_of(doc: FigureText, last: int, key: tuple, value: float) -> int | None:
    """The first exact amount of the sentence that figure `last` ends, of unit key, that is the
    value, no part itself and not in the headline."""
    first = last
    while first > 0 and last - first < BACK and doc.same_sentence(last, first - 1):
        first -= 1
    for i in range(first, last + 1):
        total = doc.figures[i]
        if not math.isclose(total.value, value, rel_tol=1e-6) or total.qualifier != "exact":
            continue
        if i not in doc.whole_of and total.end > doc.headline_end and _unit_key(doc, i) == key:
            return i
    return None


def _unit_key(doc: FigureText, i: int) -> tuple[str, str, str | None]:
    """What two amounts share when they fit as part and whole (found_relation.fits_unit)."""
    figure, kind = doc.figures[i], doc.kind(i)
    return kind, figure.kind, figure.unit if kind in ("money", "quantity") else None


def part_of_new_total(doc: FigureText, i: int) -> Iterator[FoundRelation]:
    """'The province created 9,000 spaces over two years, bringing the total to 27,000'
    (brought_to_total): an amount added, a part of the total it brings something to, the next
    amount of its kind in its sentence that 'bringing the total to' names (figures of other
    kinds between passed over, and an amount listed with it: '3,600 entrants and the
    half-marathon 20,400, taking total entries to 24,000'); 'total' after it in its sentence is
    looked for first (core/find_relations.py)."""
    for k in range(i + 1, min(len(doc.figures), i + 1 + PARTS)):
        if not doc.same_sentence(i, k):
            return
        gap = doc.gap(i, k)
        if doc.kinds[k] != doc.kinds[i] or "total" not in gap:
            continue
        if not cues.TOTAL_TO_GAP.fullmatch(gap):
            continue
        listed = any(doc.kinds[j] == doc.kinds[i] for j in range(i + 1, k))
        if listed and (i in doc.baselines or cues.compared_before(doc.before(i, 12))):
            return  # "rose from 300 to 400, bringing the total to 1,000": 300 was no part
        if doc.figures[i].value < doc.figures[k].value and fits(doc, i, k):
            cue = doc.cue(doc.span(i), doc.span(k))
            yield make_relation(doc, "part_of", i, k, "brought_to_total", cue)
        return
