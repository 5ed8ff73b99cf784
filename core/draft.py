"""Draft the figures file of a new article from what the extractor finds in it.

The draft fills in what a machine can know (quote, occurrence, value, kind, unit, qualifier) and
leaves what it cannot (what is measured, of whom, where, when; the relations) for the curator:
`measure.what` stays empty, so the pipeline holds each figure back until a person fills it in.
"""

from __future__ import annotations

import yaml

from core.extract import extract
from core.parse import Article
from core.resolve import occurrence_of, sentence_at

HEADER = """\
# Figures of {article_id}, drafted by `python -m etl.draft` from the extractor.
# For each figure, fill in measure.what (and of_whom, where, period when the text says them),
# check the value, kind, unit and qualifier, and delete entries that are not figures of the
# article (or move them to not_figures with a reason). Then add the relations between figures.
"""


def draft_figures_file(article: Article) -> str:
    """A figures file (YAML text) listing every figure the extractor finds in the article."""
    figures = []
    for mention in extract(article.body):
        if not mention.is_figure:
            continue
        occurrence = occurrence_of(article.body, mention.text, mention.start)
        entry = {
            "id": f"f{len(figures) + 1:02d}",
            "quote": mention.text,
            **({"occurrence": occurrence} if occurrence > 1 else {}),
            "value": int(mention.value) if mention.value.is_integer() else mention.value,
            "kind": mention.kind,
            "unit": mention.unit or mention.kind,
            "qualifier": mention.qualifier,
            "measure": {"what": None, "of_whom": None, "where": None, "period": None},
            "note": "sentence: " + sentence_at(article.body, mention.start, mention.end),
        }
        figures.append(entry)
    document = {"figures": figures, "relations": [], "not_figures": []}
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return HEADER.format(article_id=article.article_id) + body
