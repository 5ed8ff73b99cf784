"""Draft the figures file of a new article from what the extractor and the finders find in it.

The draft fills in what a machine can know (quote, occurrence, value, kind, unit, qualifier) under
an id named after the figure's found measure and its quote (`french_nationals_1200`), and writes
what it guesses beside the fields a person must fill in: the figure's sentence is a comment above
it, the measure found in it a comment next to each empty measure field. `measure.what` stays
empty: that makes the entry a draft, which the pipeline keeps as an unreviewed figure (as with no
figures file) until a person fills it in. No note is written: a note is the curator's. The
relations found between the figures are entries (by the draft's figure ids, with the rule and cue
that found each in a comment above it), with the relation types explained above them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from core.extract import HEDGE_QUALIFIERS, Mention, extract
from core.find_measures import FoundMeasure, find_measures
from core.find_relations import FoundRelation, find_relations
from core.parse import Article
from core.resolve import is_word_multiplier, occurrence_of, sentence_at

HEADER = """\
# Figures of {article_id}, drafted by `python -m etl.draft` (the extractor and the finders).
# A figure whose measure.what is empty is a draft: the pipeline keeps it as an unreviewed figure
# (reviewed = false, with the measure the machine found), as if there were no figures file. Fill
# in its measure (what the machine read in the figure's sentence is beside each field, after
# "# found:": copy it where it is right) and check its value, kind, unit and qualifier: once
# measure.what says what the figure counts, the figure is curated. Delete entries that are not
# figures of the article (or move them to not_figures with a reason). The relations at the end
# were found by the machine and are used as written: delete the wrong ones, add the missing ones.
"""
RELATION_TYPES = """\
# Relation types (subject -> object; `from` names the figure a change starts from, when stated):
#   part_of         the subject is a part of the object, a whole in the same unit ("400 of them")
#   share_of        the subject is a ratio or percent OF the object ("40 percent of the 2,000")
#   percent_change  the subject is a percent change, the object the value after the change
#                   ("rose 12 percent to £224,000 from £200,000": from is the £200,000);
#                   direction: down for a fall ("fell 40 percent")
#   multiple_of     the subject is a multiplier ("twice", "doubled", "halved"), the object the
#                   value after the change or the larger quantity compared
#   same_quantity   two mentions of one quantity (a headline restating the body, "the 457"); the
#                   subject is the first mention
"""
MEASURE_FIELDS = ("what", "of_whom", "where", "period")
NAME_WORDS = 4  # words of a found measure an id is named after, at most


def draft_figures_file(article: Article) -> str:
    """A figures file (YAML text) listing every figure the extractor finds in the article, the
    measures found for them as comments and the relations found between them."""
    body = article.body
    mentions = extract(body)
    measures = find_measures(body, mentions)
    ids: dict[Mention, str] = {}
    entries = []
    for mention, measure in zip(mentions, measures, strict=True):
        if not mention.is_figure:
            continue
        ids[mention] = _unique(figure_name(mention, measure), set(ids.values()))
        entries.append(_figure_entry(body, ids[mention], mention, measure))
    relations = {}  # by id: each pair of figures and type once
    for relation in find_relations(body, mentions, measures):
        entry = _relation_entry(relation, ids)
        relations.setdefault(entry[0], entry[1])
    return "".join(
        [
            HEADER.format(article_id=article.article_id),
            "figures:\n" if entries else "figures: []\n",
            *entries,
            RELATION_TYPES,
            "relations:\n" if relations else "relations: []\n",
            *relations.values(),
            "not_figures: []\n",
        ]
    )


def figure_name(mention: Mention, measure: FoundMeasure) -> str:
    """An id that reads as a name: the measure found for the figure and its number as the quote
    writes it, without its hedge ('some 1,200' French nationals: french_nationals_1200; '$6
    million' of spending on libraries: spending_on_libraries_6_million). With no measure found,
    the number and its unit ('over 5' years: 5_years), or its kind when it has no words of its
    own ('1,200': count_1200)."""
    number = mention.text.lower()
    if mention.qualifier != "exact":
        hedges = [hedge for hedge in HEDGE_QUALIFIERS if number.startswith(hedge + " ")]
        number = number[len(max(hedges, key=len, default="")) :]
    number = _words(re.sub(r"(?<=\d)[,\u00a0\u202f](?=\d)", "", number)) or "figure"
    if measure.what:
        return "_".join(_words(measure.what).split("_")[:NAME_WORDS] + [number])
    unit = _words(mention.unit) if mention.unit else ""
    if unit and unit not in (mention.kind, number):
        return f"{number}_{unit}"
    return number if re.search("[a-z]", number) else f"{mention.kind}_{number}"


def _words(text: str) -> str:
    """Text as lowercase ASCII words joined by '_' (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _unique(name: str, taken: set[str]) -> str:
    """name, or name_2, name_3, ... when it is taken."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}_{n}"
    return candidate


def _figure_entry(body: str, figure_id: str, mention: Mention, measure: FoundMeasure) -> str:
    """One figure as a YAML list item, after its sentence in a comment, its empty measure fields
    commented with what was found. A multiplier in words is drafted as rounded (approx), as the
    pipeline reads it in an article with no figures file."""
    occurrence = occurrence_of(body, mention.text, mention.start)
    entry = {
        "id": figure_id,
        "quote": mention.text,
        **({"occurrence": occurrence} if occurrence > 1 else {}),
        "value": int(mention.value) if mention.value.is_integer() else mention.value,
        "kind": mention.kind,
        "unit": mention.unit or mention.kind,
        "qualifier": "approx" if is_word_multiplier(mention) else mention.qualifier,
        "measure": dict.fromkeys(MEASURE_FIELDS),
    }
    lines = _dump(entry).splitlines()
    for field in MEASURE_FIELDS:
        found = getattr(measure, field)
        if found:
            at = lines.index(f"    {field}: null")
            lines[at] += f"  # found: {_one_line(found)}"
    sentence = _one_line(sentence_at(body, mention.start, mention.end))
    return f"# in: {sentence}\n" + "\n".join(lines) + "\n"


def _relation_entry(relation: FoundRelation, ids: dict[Mention, str]) -> tuple[str, str]:
    """One found relation's id (named as the pipeline names found relations: type, subject,
    object) and its YAML list item, the rule and cue that found it in a comment."""
    subject, target = ids[relation.subject], ids[relation.object]
    entry: dict[str, Any] = {
        "id": f"{relation.type}.{subject}.{target}",
        "type": relation.type,
        **({"direction": "down"} if relation.direction == "down" else {}),
        "subject": subject,
        "object": target,
    }
    if relation.baseline is not None:
        entry["from"] = ids[relation.baseline]
    comment = f"# found by rule {relation.rule}: {_one_line(relation.cue)}\n"
    return entry["id"], comment + _dump(entry)


def _dump(entry: dict[str, Any]) -> str:
    return yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)


def _one_line(text: str) -> str:
    """Text fit for a YAML comment: one line of printable characters."""
    return "".join(char for char in " ".join(text.split()) if char.isprintable())
