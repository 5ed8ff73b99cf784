"""Draft the figures file of a new article from what the extractor and the finders find in it.

The draft fills in what a machine can know (quote, occurrence, value, kind, unit, qualifier) and
writes what it guesses beside the fields a person must fill in: the measure found in each
figure's sentence is a comment next to its empty field, and `measure.what` stays empty, so the
pipeline holds each figure back until a person fills it in. The relations found between the
figures are entries (by the draft's figure ids, with the rule and cue that found each in a comment
above it), with the relation types explained above them; they cannot apply before the figures
they link are filled in.
"""

from __future__ import annotations

from typing import Any

import yaml

from core.extract import Mention, extract
from core.find_measures import FoundMeasure, find_measures
from core.find_relations import FoundRelation, find_relations
from core.parse import Article
from core.resolve import occurrence_of, sentence_at

HEADER = """\
# Figures of {article_id}, drafted by `python -m etl.draft` (the extractor and the finders).
# Nothing in it is reviewed. Each figure's measure is left empty (what: null), so the pipeline
# holds every figure back until a person fills it in; what the machine read in the figure's
# sentence is written beside each field ("# found: ..."): copy it where it is right.
# Check the value, kind, unit and qualifier, and delete entries that are not figures of the
# article (or move them to not_figures with a reason). The relations at the end were found by the
# machine: delete the wrong ones and add the missing ones before you fill in the measures (once
# their figures are filled in, they are used).
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
        ids[mention] = f"f{len(ids) + 1:02d}"
        entries.append(_figure_entry(body, ids[mention], mention, measure))
    relations = [
        _relation_entry(f"r{n:02d}", relation, ids)
        for n, relation in enumerate(find_relations(body, mentions, measures), start=1)
    ]
    return "".join(
        [
            HEADER.format(article_id=article.article_id),
            "figures:\n" if entries else "figures: []\n",
            *entries,
            RELATION_TYPES,
            "relations:\n" if relations else "relations: []\n",
            *relations,
            "not_figures: []\n",
        ]
    )


def _figure_entry(body: str, figure_id: str, mention: Mention, measure: FoundMeasure) -> str:
    """One figure as a YAML list item, its empty measure fields commented with what was found."""
    occurrence = occurrence_of(body, mention.text, mention.start)
    entry = {
        "id": figure_id,
        "quote": mention.text,
        **({"occurrence": occurrence} if occurrence > 1 else {}),
        "value": int(mention.value) if mention.value.is_integer() else mention.value,
        "kind": mention.kind,
        "unit": mention.unit or mention.kind,
        "qualifier": mention.qualifier,
        "measure": dict.fromkeys(MEASURE_FIELDS),
        "note": "sentence: " + sentence_at(body, mention.start, mention.end),
    }
    lines = _dump(entry).splitlines()
    for field in MEASURE_FIELDS:
        found = getattr(measure, field)
        if found:
            at = lines.index(f"    {field}: null")
            lines[at] += f"  # found: {_one_line(found)}"
    return "\n".join(lines) + "\n"


def _relation_entry(relation_id: str, relation: FoundRelation, ids: dict[Mention, str]) -> str:
    """One found relation as a YAML list item, the rule and cue that found it in a comment."""
    entry: dict[str, Any] = {
        "id": relation_id,
        "type": relation.type,
        **({"direction": "down"} if relation.direction == "down" else {}),
        "subject": ids[relation.subject],
        "object": ids[relation.object],
    }
    if relation.baseline is not None:
        entry["from"] = ids[relation.baseline]
    comment = f"# found by rule {relation.rule}: {_one_line(relation.cue)}\n"
    return comment + _dump(entry)


def _dump(entry: dict[str, Any]) -> str:
    return yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)


def _one_line(text: str) -> str:
    """Text fit for a YAML comment: one line of printable characters."""
    return "".join(char for char in " ".join(text.split()) if char.isprintable())
