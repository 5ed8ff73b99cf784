"""Part rules of the relation finder (core/part_rules.py) that read an amount and a share set
side by side, a part and its share of one whole: '$568 million, or 40 percent of the total',
'About two-thirds of travellers, or roughly 52 million', '1.1 tonnes, nearly half the total'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core import clause_cues
from core import relation_cues as cues
from core.found_relation import FoundRelation, fits, make_relation
from core.relation_text import AMOUNTS, FigureText


def apposed(doc: FigureText, i: int) -> int | None:
    """The amount a share is set beside, a part of the same whole: '$568 million, or 40 percent
    of the total', 'London has 24,100, a third of the total', 'Shipments to China, at 39.6
    million tonnes, made up 84 per cent' (with a verb between, only an amount after 'at')."""
    j = i - 1
    if not doc.same_sentence(i, j) or doc.kind(j) not in AMOUNTS:
        return None
    gap = doc.gap(j, i)
    if not cues.APPOSED_GAP.fullmatch(gap):
        return None
    if cues.PART_VERB_GAP.search(gap) and not cues.AT_BEFORE.search(doc.before(j, 8)):
        return None  # "Juveniles, some as young as 13, made up nearly half": an age
    return j


def apposed_total(doc: FigureText, i: int, type_: str) -> re.Match | None:
    """'the total' or 'of the <word> total' after a share set beside an amount: '1.1 tonnes,
    nearly half the total', '4.8 lakh weddings, a tenth of the national figure' (not 'about a
    quarter of the online total' with no amount beside it: a total of a part)."""
    total = clause_cues.APPOSED_TOTAL_AFTER.match(doc.after(i)) if type_ == "share_of" else None
    return total if total is not None and apposed(doc, i) is not None else None


def restated(doc: FigureText, i: int) -> bool:
    """Whether share i restates the amount right before it after ', or': '$11.8 million, or
    28 per cent of ticket revenue'."""
    part = apposed(doc, i) if doc.kind(i) not in AMOUNTS else None
    return part is not None and bool(cues.OR_GAP.search(doc.gap(part, i)))


def apposed_part(doc: FigureText, share: int, whole: int) -> Iterator[FoundRelation]:
    """The part set before a share of a whole, a part of that whole too ('will cut 3,000 jobs,
    or about 5% of its 60,000-strong workforce'), when no whole is known for it yet."""
    if doc.kind(share) in AMOUNTS:
        return
    part = apposed(doc, share)
    if part is None or part in doc.whole_of or not fits(doc, part, whole):
        return
    if doc.figures[part].value < doc.figures[whole].value:
        cue = doc.cue(doc.span(part), doc.span(whole))
        yield make_relation(doc, "part_of", part, whole, "apposed_part", cue)


def share_before(doc: FigureText, i: int) -> int | None:
    """The share of a known whole that figure i restates as an amount, set right after it:
    'About two-thirds of travellers, or roughly 52 million', 'one in four — 520 children'; or
    after the share's whole: '37% of the 1,650 megalitres it supplied, or about 610'."""
    j = i - 1
    after_whole = j > 0 and doc.whole_of.get(j - 1) == j and doc.kind(j - 1) not in AMOUNTS
    if after_whole:
        j -= 1
    whole = doc.whole_of.get(j)  # (looked at first: most figures follow no share of a whole)
    if whole is None or not doc.same_sentence(i, j) or doc.kind(j) in AMOUNTS:
        return None
    if after_whole:
        apposed = cues.WHOLE_THEN_PART_GAP.fullmatch(doc.gap(i - 1, i))
    else:
        gap = doc.gap(j, i)
        apposed = cues.SHARE_PART_GAP.fullmatch(gap) or clause_cues.NOUN_APPOSED_GAP.fullmatch(gap)
    if not apposed:
        return None
    return j if fits(doc, i, whole) and doc.figures[i].value < doc.figures[whole].value else None


def share_beside_share(doc: FigureText, i: int) -> int | None:
    """The whole of a share that share i restates, set right beside it and naming no whole of
    its own and no change: 'Insurers settled 612,000 claims, almost half of them, 48%, for
    members over 75' (not 'two thirds of them to cities, 14 per cent more than last year')."""
    k = i - 1
    whole = doc.whole_of.get(k)
    if whole is None or doc.kind(k) in AMOUNTS or not doc.same_sentence(i, k):
        return None
    if not clause_cues.SHARE_SHARE_GAP.fullmatch(doc.gap(k, i)):
        return None
    after = doc.after(i)  # not "14 per cent more than in the same period last year"
    named = cues.OF_THE_NOUN_AFTER.match(after) or clause_cues.CHANGE_AFTER.match(after)
    return None if named else whole
