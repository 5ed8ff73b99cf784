"""The words news uses to state relations between figures, as the rules of the relation finder
(core/find_relations.py, change_rules.py, part_rules.py) read them around a figure (BEFORE: the
words right before it, AFTER: right after it, GAP: all the words between two figures). Teaching
the finder a new cue usually starts here."""

from __future__ import annotations

import re
import string
from typing import Literal, TypeAlias

from core.extract import PHYSICAL_UNITS, Mention

# what a look for a cue gives: its match, or a false value where it was not looked for
Look: TypeAlias = re.Match[str] | Literal[False] | None

_I = re.IGNORECASE
_LOWER_ASCII = frozenset(string.ascii_lowercase)
# The units of measurements that add up, as the extractor keeps them
QUANTITY_UNITS = frozenset(PHYSICAL_UNITS.values()) | {
    *("kg", "ha", "km", "lbs", "lb", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh")
}


def one_of(words: str) -> str:
    """A pattern for any of the |-separated words (each a pattern starting with a lower-case
    ASCII letter), grouped by their first letter behind a look at it: 'rose|rise|fell' ->
    '(?=[rf])(?:r(?:ose|ise)|f(?:ell))'. It matches what '(?:rose|rise|fell)' matches, ignoring
    case or not (two words of different first letters never both match at one place; those of
    one letter keep their order), and a scan tries it several times faster at each place."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        if word[:1] not in _LOWER_ASCII:
            raise ValueError(f"{word!r} does not start with a lower-case ASCII letter")
        groups.setdefault(word[0], []).append(word[1:])
    alternatives = [first + (f"(?:{'|'.join(rests)})" if len(rests) > 1 else rests[0])
                    for first, rests in groups.items()]  # fmt: skip
    return f"(?=[{''.join(groups)}])(?:{'|'.join(alternatives)})"


_VERB = one_of(
    "rose|rise[sn]?|rising|fell|falls?|fallen|falling|increased|increases?|decreased|"
    "decreases?|jumped|jumps?|dropped|drops?|climbed|climbs?|grew|grows?|grown|slumped|"
    "declined|declines?|gained|soared|surged|plunged|plummeted|slipped|shrank|cut|raised|"
    "lifted|reduced|slashed|boosted|hiked|trimmed|up|down"
)
CHANGE_NOUN = one_of("increase|rise|jump|drop|fall|decline|decrease|reduction|cut|gain|growth|hike")
VERB_BEFORE = re.compile(rf"\b{_VERB}\s+(?:by\s+)?$", _I)
# "a 9 percent increase", "a 7 per cent pay rise"
NOUN_AFTER = re.compile(
    rf"\s+(?:(?!(?:of|in|on|to|the|an?|and|or|for|from|than)\b)[a-z]+\s+)?{CHANGE_NOUN}\b", _I
)
COMPARED_AFTER = re.compile(r"\s+(?:more|fewer|less|higher|lower)\s+than\b", _I)
# "1,150 homes, 15 percent more than", "sales were 15 percent lower than"
COMPARED_GAP = re.compile(r"[^.;!?]{0,60}?,\s*|[^,.;!?]{0,40}?\b(?:was|were|is|are)\s+", _I)
# "an increase of 14 percent", "face the largest rise, 45 per cent, taking their bills to"
NOUN_OF_BEFORE = re.compile(rf"\b(?:(?:an?\s+)?{CHANGE_NOUN}\s+of|{CHANGE_NOUN}s?,)\s+$", _I)
TO_GAP = re.compile(
    r"[^.;!?]{0,40}?(?<!compared\s)\b(?:to|at)\s+"
    r"(?:an?\s+(?:average|total|record|high|low|peak)(?:\s+of)?\s+|just\s+|only\s+)?$",
    _I,
)  # "rose 12 percent to £224,000", "fell 14% last year to an average of 7.4 tonnes"
# Between a value and the baseline after it: "... from", "on the previous year's", "than the"
BASELINE_GAP = re.compile(
    r"[^.;!?]{0,40}?\b(?:from|on|over|than|against|compared\s+(?:to|with))\s+"
    r"(?:the\s+)?(?:(?:current|previous|prior|original|former|existing)\s+)?"
    r"(?:(?:[a-z-]+\s+){0,2}[\w-]+['’]s\s+(?:figure\s+of\s+)?)?$"
    r"|(?:[^.;!?]|\.(?=\s(?-i:[a-z\d]))){0,80}?"
    r"(?:\b(?:up|down)\s+from|,\s*(?:compared\s+(?:with|to)|against|from))\s+"
    r"(?:the\s+|an?\s+(?:record|peak|high|low)(?:\s+of)?\s+)?$"
    r"|[^.;!?]{0,120}?,\s*compared\s+(?:with|to)\s+(?:the\s+)?$",
    _I,
)  # ... "on 2022's figure of", ", the ONS said, down from a record", "on the current",
# "in the week ended Nov. 4, from", "... between October 1 and March 10, according to
# exporters' estimates, compared with"
# A change, then its value and its baseline: "tripled this year, with 2,911 infections recorded
# by October compared with 1,003", "nearly halved, with 1,140 homes completed, down from 1,620"
WITH_GAP = re.compile(
    r"[^.;!?]{0,40}?,?\s+with\s+(?:[^.;!?\d]{0,60}?\b(?:at|of|to|on|[a-z]+ing)\s+)?$", _I
)  # ... "with the average one-bedroom flat now listing at ", "with a ticket now costing "
WITH_BASELINE_GAP = re.compile(
    r"[^.;!?]{0,80}?\b(?:from|against|compared\s+(?:to|with))\s+(?:the\s+)?$", _I
)
UP_FROM_BEFORE = re.compile(r"\b(?:up|down)\s+from\s+$", _I)
COMMA_CHANGE_GAP = re.compile(r"[^.;!?]{0,80}?[,(—–]\s*(?:up|down)\s+(?:by\s+)?$", _I)
CLAUSE_CHANGE_GAP = re.compile(
    rf"\)?[^,.;!?]{{0,60}}?\b(?:has|have|had|was|were|is|are)\s+(?:also\s+)?{_VERB}\s+(?:by\s+)?$",
    _I,
)
NOUN_CHANGE_GAP = re.compile(
    rf"[^.;!?]{{0,60}}?[,(]\s*(?:marking\s+)?an?\s+(?:{CHANGE_NOUN}\s+of\s+)?$", _I
)
# A figure that completes a noun is not the value a change is about: "the average abundance of
# 753 species has fallen by 19 per cent" (but "a total of 620 has risen")
COMPLEMENT_OF_BEFORE = re.compile(
    r"\b(?!(?:total|number|tally|sum|figure|count)\b)[a-z]+\s+of\s+$", _I
)
# Words that put a value and a change in different clauses: "1,200 people said prices rose 5%"
REPORTED = re.compile(r"\b(?:said|say|says|told|reported|think|thinks|believe|that)\b", _I)
FROM_BEFORE = re.compile(r"\bfrom\s+$", _I)
TO_BEFORE = re.compile(r"\bto\s+$", _I)
FROM_GAP = re.compile(r"[^.;!?]{0,40}?\bfrom\s+$", _I)  # "tripled from 104 to 312"
MULTIPLIED = re.compile(r"(?:doubl|tripl|trebl|quadrupl|halv)(?:ed|es)$", _I)
MULTIPLYING = re.compile(r"(?:doubl|tripl|trebl|quadrupl|halv)ing$", _I)  # "..., halving the toll"
# A number that names a step, not an amount: "by year ten", "in phase 2"
LABEL_BEFORE = re.compile(rf"\b{one_of('year|day|week|phase|stage|round|grade|level')}\s+$", _I)
AS_MANY_AFTER = re.compile(
    r"\s+(?:as\s+(?:many|much)(?:\s+(?!as\b)(?P<noun>[a-z]+))?|as\s+(?:high|large|big)|more"
    r"|higher|larger|bigger|the|his|her|its|their|that\s+of)\b",
    _I,
)  # "three times as many as", "twice as many units": the noun, when said; "five times his base
# price of", "five times that of private-sector workers at"
# Between a value and its multiple, in one clause: not "400 buses, while London has three times"
AS_MANY_GAP = re.compile(r"(?:(?!\b(?:while|whereas|but|although)\b)[^.;!?]){0,80}", _I)
OF_THEM_AFTER = re.compile(
    r"(?P<unit>\s+[a-z]+(?=\s+of\s+it\b))?"
    r"\s+of\s+(?:them|whom|which|it|(?:those|these)(?=\s*[,.;:]|\s+(?:who|were|are|was|is|had|have)\b)"
    r"|those\s+(?!(?:aged|born|based|employed|involved)\b)[a-z]+ed(?=\s+(?:were|are|was|is|had|have|said)\b))\b",
    _I,
)  # not "two thirds of those issued": a set the text names after it; "80,000 tonnes of it";
# "53% of those counted were": the set before, a participle and a verb right after "those"
# Between a whole and its part in the relative clause after it: " for Sudan this year, of which
# ", ", of which the Treasury has agreed to take on "
RELATIVE_GAP = re.compile(r"[^.;!?,]{0,50}?,\s*(?:of|among)\s+(?:which|whom)\b[^.;!?]{0,60}", _I)
OF_THEM_BEFORE = re.compile(
    r"\b(?:of\s+(?:whom|which)|among\s+(?:them|these|those)(?:\s+(?:are|were|is|was))?)\s+$", _I
)
OF_THE_GAP = re.compile(
    r"(?:(?:\s+[a-z()-]+){0,3}?\s+(?:(?:out\s+)?of|among)|(?:\s+[a-z()-]+){0,5}?,?\s+out\s+of)\s+"
    r"(?:(?:the|its|their|his|her|our|all|these|those|a\s+total\s+of)\s+)?(?:[\w-]+['’]s\s+)?$",
    _I,
)  # "48 of its 300", "12 out of 20", "a third of the district's 90", "28.4 terawatt hours (TWh)
# out of a total of 79.1 TWh"
# "a third of its editorial staff of 144", "half of the town's population of 9,000"
OF_NOUN_OF_GAP = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|our|total)\s+(?:[\w-]+['’]s\s+)?(?:[a-z-]+\s+){1,2}of\s+$",
    _I,
)
# "300 of the routes", "100 women were among the French nationals", "38 per cent of the club's
# members": the noun (or its owner) names the whole
OF_THE_NOUN_AFTER = re.compile(
    r"\s+(?:of|(?:[a-z]+\s+){0,2}(?:were|are|was|is)\s+among)\s+(?P<the>(?:the|these|those)\s+)?"
    r"(?:(?P<owner>[a-z-]+)['’]s\s+)?(?P<noun>[a-z]+(?:\s+[a-z]+){0,2})",
    _I,
)
# A sentence about the figure of the sentence before: "The total marks an 82 percent increase"
# (not "That compares with a 9.1% rise across England": another place's change)
ANAPHOR_FIRST = re.compile(
    r"\s*(?:the\s+(?:total|number|figure|tally|toll)|this|that|it)\b"
    r"(?!\s+(?:compares|compared|contrasts|is\s+compared))",
    _I,
)
WHOLE_FIRST = re.compile(
    r"\s*(?:(?:out\s+)?of|among)\s+(?:(?:the|its|their|all|these|those)\s+)?(?:[\w-]+['’]s\s+)?$",
    _I,
)
# A part of "Of the N, ..." opens its clause: ", 12 died", "and 38", "Labour won 412", "the rest,"
PART_OPENS = re.compile(r"(?:[,;:(]|\band|\bwhile|\bbut)\s*(?:[\w'’-]+\s+){0,2}$", _I)
# Between a total and the first of the parts it splits into: "were split between", ": "
SPLIT_GAP = re.compile(
    r"[^.;!?]{0,60}?(?:\b(?:split|divided|shared|broken\s+down)\s+(?:between|among|into)|:)\s*", _I
)
# Between two items of a list, at least: a comma, a semicolon or "and"
LISTED_GAP = re.compile(r"[,;]|\band\b", _I)
# Between two parts of a list: "64 children and 20 women", "30 children, 12 women"
LIST_GAP = re.compile(r"\s+[a-z'’-]+(?:\s+[a-z'’-]+){0,5}(?:,\s*and|,|\s+and)\s+")
NOT_A_NOUN = re.compile(
    r"\s+(?:were|was|are|is|have|has|had|will|would|could|did|died|said|[a-z]+ed)\b", _I
)
# A part or share of the total stated before: "40 percent of the total", "$8.2 billion of that,"
OF_TOTAL_AFTER = re.compile(
    r"(?:\s+[a-z]+)??\s+of\s+(?:the\s+(?:[\w-]+['’]s\s+)?total\b|(?:that|this)(?=\s*[,.;:)—–]))",
    _I,
)
# Between a part and its share set beside it: "$568 million, or 40 percent", "24,100, a third"
APPOSED_GAP = re.compile(
    r"[^,.;!?]{0,50}?(?:,|\s[—–]|\s\()\s*(?:or\s+|some\s+|about\s+)?"
    r"(?:[a-z]+ing\s+(?:for\s+|up\s+)?|an?\s+(?:[a-z-]+\s+){0,2}(?:rate|share|proportion|turnout)\s+of\s+"
    r"|(?:now\s+)?(?:made\s+up|makes?\s+up|accounted\s+for|accounts?\s+for|represent(?:ed|s)?)\s+)?",
    _I,
)  # ", representing ", ", accounting for ", ", a vacancy rate of ", "at 39.6 million tonnes, made
# up 84 per cent of the total"
# The verb of a part in the words between a part and its share: ", now makes up "
PART_VERB_GAP = re.compile(r"\b(?:made|makes?)\s+up\s+$|\b(?:accounted|accounts?)\s+for\s+$", _I)
# What kind of a thing an amount opening a sentence counts: " were transfer passengers"
WERE_KIND_AFTER = re.compile(
    r"\s+(?:were|are)\s+(?:[a-z-]+\s+){0,2}(?P<noun>[a-z]+s)\b(?!\s+(?:of|in|to|from|by)\b)", _I
)
AT_BEFORE = re.compile(r",\s*at\s+$", _I)  # "Private equity, at C$61 billion, ..."
# Between the whole of a share and the amount the share comes to: "37% of the 1,650 megalitres
# it supplied each day, or about 610 megalitres"
WHOLE_THEN_PART_GAP = re.compile(r"[^,.;!?]{0,80}?,\s*or\s+", _I)
# Between a share and the amount it comes to, set beside it: "two-thirds of travellers, or ",
# "one in four — ", "a third of which, "
SHARE_PART_GAP = re.compile(r"(?:\s+of\s+[^,.;!?—–()]{1,40}?)?\s*(?:,|[—–]|\()\s*(?:or\s+)?", _I)
# A sentence opening on a set named by words, of which the figures after it are parts: "Of the
# new homes, 310 ...", "Of those killed, 23 were ...", "Among all arrivals, 79 per cent ..."
NAMED_FIRST = re.compile(
    r"\s*(?:of|among)\s+(?:the|those|these|all(?:\s+the)?)\s+(?P<set>[a-z][a-z '’-]{0,40}?)\s*,",
    _I,
)
PARTS_FIRST = re.compile(r"\s*(?:of|among)\s+(?:these|those|them|this|that|the\s+total)\s*,", _I)
# A part the text ranks first: "made up the largest group, at 284,000", "recorded the most, with"
LARGEST_BEFORE = re.compile(
    r"\b(?:largest|biggest|most|highest)(?:\s+(?:group|share|number|category|contributor|"
    r"source|slice|portion|part))?,?\s+(?:with|at)\s+$",
    _I,
)
# Between a part and another part of the same whole listed after it, with no verb of its own:
# "71,000, leisure and hospitality for ", " and women for the remaining ", ", followed by Gauteng
# with ", "£398m, children's services " (a name right before the part ends in a capital or a
# plural: not "close 17 of them and open 9")
_NOT_IN_A_NAME = (
    r"(?:was|were|is|are|had|has|have|will|would|could|said|says|say|spent|sold|paid|won|lost|"
    r"made|took|gave|got|left|cut|put|set|hit|brought|bought|kept|held|saw|went|came|ran|grew|"
    r"fell|rose|to|from|than|by|up|down|in|of|on|it|they|he|she|we)"
)
PARALLEL_GAP = re.compile(
    r"[^.;!?]{0,50}?(?:,|\band\b|\bwhile\b|\bwhereas\b|\bfollowed\s+by\b)\s+"
    rf"(?:(?:(?!{_NOT_IN_A_NAME}\b)[^\W\d_][\w'’./-]*(?<!ed)\s+){{0,3}}"
    r"(?:(?:accounted\s+for|made\s+up|contributed|had|with|for|at|gets?|takes?|receives?|"
    r"numbered|brought\s+in|yielded|came\s+to|generated|received|added)\s+"
    r"(?:the\s+remaining\s+)?|"
    r"(?-i:[A-Z][\w'’.-]*|[\w'’.-]+s)\s+)|(?:the\s+remaining\s+)?)",
    _I,
)
# A verb of a part that news leaves out before the next parts ("Repairs made up £6.1bn and theft
# £1.2bn", "Weather was blamed for 6,800 of the cancellations and carrier problems for 4,100")
GAPPED_VERB_BEFORE = re.compile(
    r"\b(?:accounted\s+for|made\s+up|contributed|took|(?:was|were)\s+blamed\s+for|went\s+for|"
    r"brought\s+in|numbered|(?:will|would)\s+(?:get|receive|take))\s+$",
    _I,
)
# Between such a part and the next one, named by any noun (singular too): " and theft ",
# " of the total and hardware ", " and carrier problems for "
GAPPED_GAP = re.compile(
    r"[^.;!?\d]{0,50}?(?:,|\band\b)\s+"
    rf"(?:(?!{_NOT_IN_A_NAME}\b)[^\W\d_][\w'’-]*\s+){{0,2}}"
    rf"(?!{_NOT_IN_A_NAME}\b)[^\W\d_][\w'’-]*(?<!ed)\s+(?:for\s+)?",
    _I,
)  # ", internally displaced people ": no verb in the past right before the part
# Between the whole of a share and another share of it listed after it: "... are declining, and "
AND_GAP = re.compile(r"[^.;!?]{0,120}?,?\s+and\s+", _I)
# "won 18,310 of the 41,930 votes cast, to 17,620 for her rival": another part, of the votes
VERSUS_GAP = re.compile(r"[^.;!?\d]{0,40}?,\s+to\s+", _I)
FOR_AFTER = re.compile(r"\s+for\b", _I)
# "paid for 190,000 of the 410,000 residents, and 150,000 funded themselves": another clause
CLAUSE_PART_GAP = re.compile(r"[^.;!?\d]{0,40}?,\s+(?:and|while|but|whereas)\s+", _I)
# The amounts right after a total, of which it is made: "185,000 places, with 132,200 ..."
WITH_BEFORE = re.compile(
    r"(?:,|—|–)\s*with\s+(?:(?:the|its|their)\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,3}(?P<verb>[a-z]+ing)\s+(?:for\s+|up\s+)?)?$",
    _I,
)  # "a $1.2 billion ballpark, with the team paying $700 million", ", with BlackRock's IBIT
# accounting for $520 million", ", with North Island farms supplying 925 million kgMS"
# Between an amount added and the total it brings something to: "..., bringing the total to "
TOTAL_TO_GAP = re.compile(
    r"[^.;!?]{0,80}?,\s*(?:bringing|taking|lifting|raising|pushing)\s+(?:(?:the|its|their)\s+)?"
    r"(?:[a-z-]+\s+){0,2}total\s+(?:[\w'’-]+\s+){0,6}?to\s+",
    _I,
)
# A total the text names as one: "for a total of 412", "totalling 412", "Total: 412"
TOTAL_BEFORE = re.compile(r"\b(?:a\s+total\s+of|totall?ing|combined|total\s*[,:])\s*$", _I)
# A subject that refers back to the sentence before, up to a verb: "The attendance, which "
REFERRING_SUBJECT = re.compile(
    r"\s*(?:the|this|that|these|those|its|their|it|they)\b[^.;!?\d]{0,40}", _I
)
INCLUDING_BEFORE = re.compile(r"\b(?:including|included|includes|include)\s+$", _I)
# A part after the parts of a whole already stated: "the remaining 42", "The rest, some 230,000",
# "Another 96", "a further 480,000"
REST_BEFORE = re.compile(
    r"\b(?:the\s+remaining|the\s+rest,?(?:\s+(?:some|about|around|roughly))?|another|a\s+further"
    r"|the\s+balance\s+of|leaving)\s+$",
    _I,
)
# The count a share comes to: "a third of the 34,700 teachers left, some 8,800 in all"
IN_ALL_AFTER = re.compile(r"(?:\s+[a-z]+)?\s+(?:in\s+all|in\s+total|altogether)\b", _I)
# A part of the total stated before: "London accounted for 1.04 billion", "Cars made up $20bn"
MADE_UP_BEFORE = re.compile(
    r"\b(?:accounted\s+for|accounts?\s+for|made\s+up|makes?\s+up|represented|comprised|"
    r"contributed|contributes|"
    r"(?P<numbered>numbered|numbers?))\s+$",
    _I,
)  # "Convicts numbered 1.28 lakh": only after a part of a known whole
# A share of a budget given to a part of it: "Adult social care will take £398m", "defence gets",
# "The United States took $10.2 billion", "Television rights went for Rs 24,100 crore"
ALLOCATED_BEFORE = re.compile(
    r"\b(?:(?:will|would)\s+(?:take|get|receive)|takes|took|gets|receives|received|went\s+for|"
    r"(?:is|was)\s+allocated)\s+$",
    _I,
)
ANOTHER_BEFORE = re.compile(rf"\b{one_of('another|other|further|more|extra|additional')}\s+$", _I)
REPEAT_BEFORE = re.compile(rf"\b{one_of('the|these|those|all')}\s+$", _I)
# A figure after these is a baseline, not a whole: "down from 7.7 million", "more than 40"
BASELINE_BEFORE = re.compile(
    rf"\b{one_of('from|than|below|above|beyond|surpassing|exceeding')}\s+(?:the\s+)?$", _I
)
# A whole named after "of": "funding 2,480 of the 11,300 applications", "a capacity of 89,300"
OF_BEFORE = re.compile(r"\bof\s+(?:(?:the|its|their|his|her|all)\s+)?$", _I)
# "of the" and a period after a figure, not a set it is a part of: "the 31.6 million of the
# previous year"
PERIOD_NOUN = re.compile(
    r"\s+of\s+the\s+(?:(?:previous|prior|last|same|past|following|next|whole)\s+)?"
    r"(?:year|month|week|quarter|decade|day|season|period)s?\b",
    _I,
)
# What a measurement measures, after its unit: " tonnes of refuse", " of the timber"
MEASURED_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?of\s+(?:the\s+)?(?P<noun>[a-z]+)", _I)
CLAUSE_BREAK = re.compile(r"[,;:()—–]")
# A whole named by a word for a total, of which a share or part is taken: "a quarter of the
# portfolio", "90 per cent of the market", "64 per cent of revenue"
TOTAL_NOUN = re.compile(
    r"market|revenues?|portfolio|budget|spending|funding|income|turnover|takings|cost|bill|"
    r"output|production|demand|supply|proceeds|receipts|sales|exports|imports|shipments",
    _I,
)
# Of those, the words for what was sold or shipped, whose total is money or a quantity, never a
# count of sellers: "a quarter of sales" is not of "1.9 million farms"
TRADED_NOUN = re.compile(r"(?:sales|exports|imports|shipments)\b", _I)
PERIOD_WORD = re.compile(r"year|quarter|month|week|season|decade|day", _I)
# The people a survey asked: "A poll of 2,000 adults found that one in four ..."
SURVEY_BEFORE = re.compile(r"\b(?:survey|poll|study|sample|census)\s+of\s+$", _I)
SURVEY_GAP = re.compile(r"[^.;!?]{0,80}?\b(?:found|finds|showed|shows|suggests|said|say)\b", _I)
# A duration that is the period of an amount: "in the six months to December", "over the past 12"
PERIOD_BEFORE = re.compile(
    r"\b(?:in|over|during|for)\s+(?:the\s+)?(?:(?:last|past|first|previous|latest)\s+)?$", _I
)
# What a survey found, right before an amount: "found that 1,290", "showed 640"
FOUND_BEFORE = re.compile(r"\b(?:found|finds|showed|shows)\s+(?:that\s+)?$", _I)
PREPOSITION_BEFORE = re.compile(
    rf"\b{one_of('in|over|during|across|within|after|for|on|by|aged')}\s+$", _I
)
# "in" of a verb that means received or earned, no preposition: "took in 2,340 animals",
# "brought in £2.6bn"
RECEIVED_IN_BEFORE = re.compile(
    r"\b(?:t(?:ook|ake[ns]?|aking)|br(?:ought|ings?|inging)|rak(?:ed|es?|ing)|pull(?:ed|s|ing)?)"
    r"\s+in\s+$",
    _I,
)
# A figure after these is compared with, not a part: "up from 19", "more than 40"
COMPARED_BEFORE = re.compile(
    r"\b(?=[ftb])(?:from|than|by|(?<!\bcame\s)to)\s+$", _I
)  # not "came to"
COMPARED_PART = ("under", "over", "below", "above", "aged")


def compared_before(before: str) -> bool:
    """Whether the words right before a figure make it a value compared with (COMPARED_BEFORE:
    'up from 19', 'more than 40'), the word they end on looked at first (a cheap first look)."""
    ends = before.rstrip().lower().endswith(("from", "than", "by", "to"))
    return ends and COMPARED_BEFORE.search(before) is not None


# After a duration ("10 years", "a three-week trial") or a rate ("14 units a week")
TIME_AFTER = re.compile(
    r"(?:\s+|-)(?:years?|months?|weeks?|days?|decades?|hours?|minutes?|seconds?)\b"
    r"(?![-\s]+(?:on|over|to)[-\s]+(?:the\s+)?(?:previous\s+)?(?:year|month|quarter|week)\b)"
    # not "5.6 per cent year-on-year", "rose 4.3% year on year"
    # a rate, "14 units a week"; not a period, "doubled in a year"
    r"|\s+(?!(?:in|within|for|over)\s)[a-z]+\s+(?:a|an|per|each)\s+(?:day|week|month|year|hour)\b"
    r"(?!\s+(?:earlier|ago|before))",
    _I,
)


# What makes a text's first sentence a sentence of its body, not its headline ('The hospital
# treated 457 patients last month.', 'Attendance was 82,000, up 5 percent'): a comma or dateline
# outside a number, an opening article, a verb in the past, a time the body gives
_HEADLINE_BREAK = re.compile(r",(?!\d)|[()—–]|\s-\s")
_OPENING_WORDS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "some", "among", "of", "it", "there"]
)
_SENTENCE_WORD = re.compile(
    r"was|were|had|has|have|is|are|said|says|made|rose|fell|grew|left|sold|took|won|lost|last|"
    r"yesterday|ago"
)
_NOT_A_VERB_AFTER = frozenset(("its", "the", "their"))  # "its treated water"
_WORD = re.compile(r"[a-z]+")


def reads_as_sentence(words: str) -> bool:
    """Whether words read as a sentence of a body rather than as a headline."""
    if _HEADLINE_BREAK.search(words):
        return True
    tokens = _WORD.findall(words.lower())
    if tokens and tokens[0] in _OPENING_WORDS:
        return True
    for k, token in enumerate(tokens):
        if _SENTENCE_WORD.fullmatch(token) or (token == "year" and k and tokens[k - 1] == "this"):
            return True
        past = len(token) >= 5 and token.endswith("ed")
        if past and (k == 0 or tokens[k - 1] not in _NOT_A_VERB_AFTER):
            return True
    return False


# A count written as a modifier of what it counts: "its 180,000-strong workforce"
STRONG_AFTER = re.compile(r"-strong\b", _I)


def kind_of(text: str, figure: Mention) -> str:
    """The figure's kind, with 'points' (percentage points), 'time' (a duration, '10 years'; a
    rate, '14 units a week') and 'modifier' ('a 20-country bloc') apart: none is an amount of
    anything; and 'quantity', a measurement in a unit that adds up ('9.7 gigawatts', '190,000ha';
    not '40.3C')."""
    if figure.unit == "percentage points":
        return "points"
    if figure.kind == "other" and figure.unit in QUANTITY_UNITS:
        return "time" if TIME_AFTER.match(text, figure.end) else "quantity"
    if TIME_AFTER.match(text, figure.end):
        return "time"
    if text.startswith("-", figure.end) and text[figure.end + 1 : figure.end + 2].isalpha():
        # "a 20-country bloc"; but "its 180,000-strong workforce" counts the workforce
        return figure.kind if STRONG_AFTER.match(text, figure.end) else "modifier"
    return figure.kind


def head_word(word: str) -> str:
    """A noun's head word, lower case and singular: 'Nationals' -> 'national'."""
    return word.lower().rstrip("'’s")


# A figure after these is the earlier value a change is compared with, never a whole: "fell 4 per
# cent to 1,624, compared with 1,695 in 2022", "against 4,432 the year before"
COMPARED_WITH_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|against|(?:times|twice)\s+as\s+(?:many|much)\s+as)\s+(?:the\s+)?$",
    _I,
)  # "three times as many as the 1.7 million contacts"
# An age or a threshold inside a noun phrase, never the value of a change: "children under six",
# "people aged over 65", "firms with fewer than 10 staff", "homes worth over £1 million"
THRESHOLD_FIRST = re.compile(r"(?:under|over|below|above|aged|(?:fewer|more|less)\s+than)\b", _I)
AGED_BEFORE = re.compile(r"\baged\s+$", _I)
# The word before a threshold, and the noun before "with" or "worth" when one is between
THRESHOLD_BEFORE = re.compile(r"\b(?:(?P<noun>[a-z]+)\s+(?:with|worth)|(?P<word>[a-z]+))\s+$", _I)
# A baseline set after the value it is compared with, in a clause of its own: "4,690 people were
# killed ..., compared with 4,432 the previous year", "Forty-two people died, against 58"
COMPARED_CLAUSE_BEFORE = re.compile(r",\s*(?:compared\s+(?:with|to)|against)\s+(?:the\s+)?$", _I)
COMPARED_CLAUSE_GAP = re.compile(r"[^.;!?\d]{0,100}", _I)
# Between a multiple and the amount it multiplies, right after it: "three times the €13.5m",
# "three times as many as the 1.7 million"
TIMES_THE_GAP = re.compile(r"\s+(?:as\s+(?:many|much)\s+as\s+)?(?:the\s+)?", _I)
# Between a change and the baseline it states with its period: " since 2016-17, when "
SINCE_WHEN_GAP = re.compile(r"\s+since\s+[^,.;!?]{1,24},\s+when\s+(?:there\s+were\s+)?", _I)
# After a duration that dates a figure: "389,000 twelve months earlier", "two years ago"
AGO_AFTER = re.compile(r"(?:\s+|-)[a-z]+\s+(?:earlier|ago|before|previously)\b", _I)
# Between a change and the value it takes something to, in a clause after it: ", taking the Band D
# charge for its services to ", " pay rise, which would lift a driver's basic salary to "
TAKING_TO_GAP = re.compile(
    r"[^.;!?\d]{0,30}?,\s*(?:which\s+(?:would|will)\s+)?"
    r"(?:taking|bringing|lifting|pushing|raising|take|bring|lift|push|raise)\s+[^.;!?\d]{0,60}?"
    r"\bto\s+",
    _I,
)
# A rise stated by its verb, its object and "by": "will raise its share of council tax by "
# (rises only: a fall's direction is read from the words right before it, FALL_BEFORE)
RAISE_BY_BEFORE = re.compile(
    r"\b(?:raise[sd]?|raising|increase[sd]?|increasing|lift(?:s|ed)?|boost(?:s|ed)?|hike[sd]?)"
    r"\s+(?:[^.;!?\d,]{1,40}?\s+)?by\s+$",
    _I,
)


# Between a value and a multiple that opens an aside after it with its baseline stated, in one
# clause however long: "More than 3,600 people signed up ... at community centres, almost twice
# the 1,850"; not across "while", "but"
MULTIPLE_ASIDE_GAP = re.compile(
    r"(?:(?!\b(?:while|whereas|but|although)\b)[^.;!?]){0,200}?,\s*(?:or\s+)?", _I
)
# Between a change and the value it led to, further on, when a baseline follows that value: "a 25
# per cent jump in prize money for its August meeting, to £5m from £4m", "halved their replanting
# of ageing oil palm last year to 41,000 hectares from 58,000 hectares"
FAR_TO_GAP = re.compile(r"[^.;!?\d]{0,80}?(?<!compared\s)\bto\s+", _I)

# Session 25 (parts)
# Between an amount and the share that restates it: "$11.8 million, or 28 per cent"
OR_GAP = re.compile(r",\s*or\s+(?:about\s+|some\s+|nearly\s+|almost\s+)?$", _I)
# Between the last part of a list and the total it names: " other emergency cases between January
# and June, a total of "
TOTAL_AFTER_LIST_GAP = re.compile(r"[^.;!?\d]{0,80}?,\s*(?:a\s+total\s+of|totall?ing)\s+", _I)

# Session 25 (changes): the cue words added for changes, and those that say whether a figure is
# a change and which way (is_change, is_fall), are in core/change_cues.py
