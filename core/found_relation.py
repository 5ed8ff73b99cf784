"""What the relation rules share: FoundRelation, the relation one builds, and the looks on two
figures the rules of core/change_rules.py, core/part_rules.py and core/find_relations.py all
use (whether they fit as part and whole, are in one unit, state the same number) and a
figure's cue with the words matched beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.change_cues import is_fall
from core.extract import Mention
from core.relation_text import AMOUNTS, FigureText

EXACT_OR_ABOUT = frozenset({"exact", "approx"})
FALL_WIDTH = 64  # characters before a change read for its direction: "cut plantings by a fifth"


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


def make_relation(doc: FigureText, type_: str, i: int, j: int, rule: str, cue: str,
                  baseline: int | None = None) -> FoundRelation:  # fmt: skip
    """Figure i's relation of type_ to figure j (and figure baseline, the earlier value), found
    by rule from cue; notes in doc the baseline (never the whole of a later part) and the whole
    of a part or share."""
    base = None if baseline is None else doc.figures[baseline]
    if baseline is not None:
        doc.baselines.add(baseline)  # an earlier value, never the whole of a later part
    if type_ in ("part_of", "share_of"):
        doc.whole_of.setdefault(i, j)
    down = type_ == "percent_change" and is_fall(doc.before(i, FALL_WIDTH), doc.after(i))
    return FoundRelation(
        type_, doc.figures[i], doc.figures[j], base, cue, rule, "down" if down else "up"
    )


def with_before(doc: FigureText, i: int, match: re.Match) -> str:
    """The cue words matched at the end of doc.before(i), and the figure, verbatim."""
    figure = doc.figures[i]
    return doc.text[figure.start - len(match[0]) : figure.end]


def with_after(doc: FigureText, i: int, match: re.Match) -> str:
    """The figure and the cue words matched at the start of doc.after(i), verbatim."""
    figure = doc.figures[i]
    return doc.text[figure.start : figure.end + match.end()]


def fits(doc: FigureText, part: int, whole: int) -> bool:
    """A part or share and its whole: an amount of the same kind (money of one currency)."""
    if doc.kind(whole) not in AMOUNTS or part == whole:
        return False
    if doc.kind(part) in AMOUNTS:
        return fits_unit(doc, part, whole)
    return True


def fits_unit(doc: FigureText, i: int, j: int) -> bool:
    """Two figures of one kind in one unit (money in one currency, a quantity in one physical
    unit)."""
    a, b = doc.figures[i], doc.figures[j]
    same_unit = a.unit == b.unit or doc.kind(i) not in ("money", "quantity")
    return doc.kind(i) == doc.kind(j) and a.kind == b.kind and same_unit


def same_number(doc: FigureText, i: int, j: int) -> bool:
    """The same number of the same kind (a rounded restatement within its hedge's bounds)."""
    a, b = doc.figures[i], doc.figures[j]
    if not fits_unit(doc, i, j):
        return False
    if a.value == b.value:
        return True
    rounded = (
        "approx" in (a.qualifier, b.qualifier) and {a.qualifier, b.qualifier} <= EXACT_OR_ABOUT
    )
    return rounded and (a.lower <= b.value <= a.upper or b.lower <= a.value <= b.upper)
