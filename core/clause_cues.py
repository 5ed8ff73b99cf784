"""The words around a figure that the part and share rules of core/part_clauses.py read: a part
of a part ("including"), a share restating an amount in brackets or after ", or", the subject
of "numbered", a clause opening on its whole, and the plural nouns that say what a figure counts.
The cue words of every other rule are in core/relation_cues.py."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Between a part and a part of it: "450,000 travelled from outside Lagos, including "
INCLUDING_GAP = re.compile(r"[^.;!?]{0,60}?,\s*(?:including|among\s+them)\s+", _I)
# Between an amount and its share in brackets: "1.019 billion tonnes (", "1,120 ("
BRACKET_GAP = re.compile(r"(?:\s+[a-z-]+){0,2}\s*\(")
# The subject right before a verb of a part: "International visitors numbered "
SUBJECT_BEFORE = re.compile(r"\b(?P<noun>[a-z]+s)\s+(?:numbered|numbers?)\s+$", _I)
# A clause inside a sentence opening on its whole: "..., and of the 3,200 adults surveyed, "
CLAUSE_OF_BEFORE = re.compile(
    r"[,;]\s*(?:and\s+|but\s+|while\s+)?(?:of|among)\s+(?:the|its|their|these|those)\s+$", _I
)
WHOLE_NOUN_GAP = re.compile(r"[^,.;:!?\d]{0,60}?,\s*")  # " adults surveyed, "
# A plural noun right after a fraction, no "of" between: " contacts were", " complaints was"
NOUN_RIGHT_AFTER = re.compile(r"\s+(?P<noun>[a-z]+s)\s+(?:were|was|are|is|had|have)\b")
# Between an amount and the share that restates it in a clause of its own: "$780 million, or "
OR_SHARE_GAP = re.compile(r"(?:\s+[a-z-]+){0,2}\s*,\s*or\s+", _I)
# A share's own whole named right after it: " of the cost"
OF_AFTER = re.compile(r"\s+of\b", _I)
# The words of a clause right before a figure, from a clause break or as far back as looked, no
# figure among them: "its paid subscribers tripled to ", "booked orders worth " (not "860 were
# dogs and ": the noun after a figure is what that figure counts)
CLAUSE_TAIL = re.compile(r"(?:^|[,;:.!?()])[^,;:.!?\d()]*$")
# A plural noun in the two words right after a figure, what it counts: " schools", " wildlife parks"
PLURAL_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?[a-z]+s\b", _I)
# A plural noun, not a word that only ends like one: "subscribers", "orders"; not "those", "its"
PLURAL_NOUN = re.compile(r"(?!(?:those|these|its|his|hers|theirs|was|has|is)$)[a-z]{2,}s")
# Between a fraction, the plural noun it counts and the amount set beside it: " permits, ",
# " recipients, or "
NOUN_APPOSED_GAP = re.compile(r"\s+[a-z]+s\s*(?:,|[—–])\s*(?:or\s+)?", _I)
# The total a share set beside an amount names with no "of", or by a word before it: " the
# total", " of the national figure", " of the group total" (not "the total for 2023")
APPOSED_TOTAL_AFTER = re.compile(
    r"\s+(?:of\s+)?the\s+(?:[a-z]+\s+)?(?:total|figure)\b(?!\s+(?:of|for|in)\b)", _I
)
# A word naming whose whole a share is of: "40 per cent of its budget" (the payer's own)
OWNER = re.compile(r"its|their|his|her|our|your", _I)
# A sentence restating the share of the sentence before as an amount: "That is ", "That's "
THAT_IS_FIRST = re.compile(r"\s*(?:that|this)(?:\s+is|['’]s|\s+means|\s+amounts\s+to)\s+", _I)
# Between a share and the survey after it that asked its whole: " ... according to a survey of "
SURVEY_AFTER_GAP = re.compile(
    r"[^.;!?\d]{0,120}?\b(?:according\s+to|in|by|from)\s+an?\s+(?:[a-z-]+\s+){0,2}"
    r"(?:survey|poll|study)\s+of\s+$",
    _I,
)
# Between a share (and the whole it names) and the share that restates it: "almost half of them,
# ", "a third ("
SHARE_SHARE_GAP = re.compile(
    r"(?:\s+of\s+(?:them|those|these|it|the\s+[a-z-]+(?:\s+[a-z-]+)?))?\s*(?:,|\(|[—–])\s*(?:or\s+)?",
    _I,
)
# A share set right after the set it is most of: "The majority of swimmers, ", "Most voters, "
MAJORITY_BEFORE = re.compile(
    r"\b(?:(?:the\s+)?(?:majority|bulk)\s+of|most)\s+(?:the\s+)?(?P<noun>[a-z]+s)\s*,\s*$", _I
)
# Words after a percentage that make it a change or a difference, no share: " more than", " up on"
CHANGE_AFTER = re.compile(r"\s+(?:more|fewer|less|higher|lower|up|down|above|below)\b", _I)
# The total named again by "that" and a noun: " of that acreage was", " of this sum," (not a
# period: "of this year")
OF_THAT_NOUN_AFTER = re.compile(
    r"\s+of\s+(?:that|this)\s+(?!(?:year|quarter|month|week|season|decade|day|time)\b)[a-z]+"
    r"(?=\s*[,.;:)—–]|\s+(?:was|were|is|are|has|had|have|will|would|went)\b)",
    _I,
)
# Between two parts of a list each in a clause of its own: " on medicines last year and community
# pharmacies dispensed "
LISTED_CLAUSE_GAP = re.compile(r"[^.;!?\d]{0,80}?(?:,\s*|\s+)and\s+[^.;!?\d,]{0,50}", _I)
