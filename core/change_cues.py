"""The words that say a figure is a change and which way ('fell by about a tenth', 'a 9 percent
decline'), and the change cues added in session 25, for the change rules (core/change_rules.py)
and core/find_relations.py. The other cue words are in core/relation_cues.py."""

from __future__ import annotations

import re

from core.relation_cues import COMPARED_AFTER, NOUN_OF_BEFORE, VERB_BEFORE, one_of

_I = re.IGNORECASE

# A percent change that is a fall: "fell 40 percent", "down 6%", "a drop of 16 percent", "a 9
# percent decline", "40 percent fewer than"
FALL_BEFORE = re.compile(
    r"\b"
    + one_of(
        "fell|falls?|fallen|falling|down|dropped|drops?|declined|declines?|decreased|"
        "decreases?|slumped|plunged|plummeted|slipped|shrank|lost|cut|reduced|slashed|trimmed"
    )
    + r"\s+(?:by\s+)?$"
    + r"|\b"
    + one_of("drop|fall|decline|decrease|reduction|cut|loss")
    + r"\s+of\s+$",
    _I,
)
FALL_AFTER = re.compile(
    r"\s+(?:drop|fall|decline|decrease|reduction|cut|loss|fewer|less|lower)\b", _I
)


# A change stated by a verb that takes an object before its amount: "will raise base pay 15
# percent", "have cut plantings by a fifth"; only a change when a value and a baseline follow
# ("to $92,000 from $80,000")
_CUT = "cut|cuts|cutting|reduced?|reduces|reducing|lower|lowers|lowered|lowering|trim|trims|"
_CUT += "trimmed|trimming|slash|slashes|slashed|slashing"
_OBJECT_VERB = one_of(
    "raise[sd]?|raising|increase[sd]?|increasing|lift|lifts|lifted|lifting|boost|boosts|"
    "boosted|boosting|hike[sd]?|" + _CUT
)
_VERB_OBJECT = rf"\b{_OBJECT_VERB}\s+(?:(?!(?:by|to|from|at|of|in|on)\b)[a-z'’-]+\s+){{1,3}}"
VERB_OBJECT_BEFORE = re.compile(_VERB_OBJECT + r"(?:by\s+)?$", _I)
VERB_OBJECT_BY_BEFORE = re.compile(_VERB_OBJECT + r"by\s+$", _I)  # "cut plantings by a fifth"
# A change whose amount is an average: "have risen by an average of 8.5 per cent"
VERB_AVERAGE_BEFORE = re.compile(
    VERB_BEFORE.pattern.removesuffix("$") + r"an?\s+average\s+(?:of\s+)?$", _I
)
# A fall read further before its amount: "cut plantings by a fifth", "fell by an average of 3%"
FALL_WIDE_BEFORE = re.compile(
    rf"\b{one_of(_CUT)}\s+(?:[a-z'’-]+\s+){{1,3}}by\s+$"
    r"|\b"
    + one_of("fell|falls?|fallen|falling|dropped|drops?|declined|declines?|decreased|decreases?")
    + r"\s+(?:by\s+)?an?\s+average\s+(?:of\s+)?$",
    _I,
)

# A multiplier in the perfect, which compares a value stated before it: "the caseload had
# halved from 920", "attendance has more than doubled since 2019, when"
PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:(?:nearly|almost|roughly)\s+)?$", _I)
FROM_THE_GAP = re.compile(r"\s+from\s+(?:the\s+|an?\s+)?", _I)  # "halved from 920"
# Between a multiple and the value it led to, set aside: " school services next term, "
ASIDE_GAP = re.compile(r"[^.;!?\d]{0,60}?,\s*", _I)

# An earlier period right after an amount: " tonnes last season", " the previous year", " a year
# earlier"
EARLIER_AFTER = re.compile(
    r"(?:\s+[a-z]+){0,2}?\s+(?:last\s+(?:year|season|month|quarter|week)|the\s+previous\s+"
    r"(?:year|season|month|quarter|week)|(?:a|one)\s+year\s+(?:earlier|ago|before))\b",
    _I,
)


def is_change(before: str, after: str) -> bool:
    """Whether the words right before and after a fraction say that it is a change: 'fell by
    about a tenth', 'down by a third', 'a rise of more than a fifth', 'a quarter lower than'."""
    return bool(
        VERB_BEFORE.search(before)
        or NOUN_OF_BEFORE.search(before)
        or COMPARED_AFTER.match(after)
        or VERB_OBJECT_BY_BEFORE.search(before)  # "have cut plantings by a fifth"
    )


def is_fall(before: str, after: str) -> bool:
    """Whether the words right before and after a percent say that it is a fall."""
    return bool(
        FALL_BEFORE.search(before) or FALL_AFTER.match(after) or FALL_WIDE_BEFORE.search(before)
    )
