"""Part rules of the relation finder (core/part_rules.py) added in session 24: a part of a part
read from the clause it opens ('450,000 travelled from outside Lagos, including 38,000 foreign
delegates'), and the whole of a part that follows others ('the remaining 4,800')."""

from __future__ import annotations

from core import relation_cues as cues
from core.found_relation import fits
from core.list_rules import whole_of_part_before
from core.relation_text import AMOUNTS, FigureText


def part_including(doc: FigureText, i: int) -> int | None:
    """The part right before ', including' figure i in its clause, when it is a part of a
    whole itself, larger, of its kind: 'Of the attendees, 450,000 travelled from outside Lagos,
    including 38,000 foreign delegates' (of the 450,000, not of the attendees)."""
    k = i - 1 if i - 1 in doc.whole_of else i - 2  # past a figure of its own: "an index of 25"
    if k not in doc.whole_of or not doc.same_sentence(i, k) or doc.kind(k) not in AMOUNTS:
        return None
    if not cues.INCLUDING_GAP.fullmatch(doc.gap(k, i)) or not fits(doc, i, k):
        return None
    return k if doc.figures[i].value < doc.figures[k].value else None


def whole_of_earlier_part(doc: FigureText, i: int) -> int | None:
    """The whole of the amount right before figure i (in its sentence or the two before) when
    that amount is a part, and figure i can be a part of it too; else of the nearest part
    before it in its sentence ('... and Indians/Asians for 1,140, with the remaining 4,800')."""
    whole = whole_of_part_before(doc, i, sentences=0)
    if whole is None:
        whole = doc.whole_of.get(next(doc.wholes_before(i, 2), -1))
    return whole if whole is not None and fits(doc, i, whole) else None
