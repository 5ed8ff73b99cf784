"""The curated figures of read articles: each figures file read, resolved against its article's
body and validated, with every number of the bodies extracted and linked to what covers it.

`load_curation` is the pipeline's second step (core/pipeline.py reads the articles first): its
figures, non-figures, relations (those of the files, found ones in articles without a file, found
ones as suggestions beside a file) and mentions, and a finding for each item held back. A draft
figure (its measure.what empty) stays an unreviewed figure until a person fills it in. `Stage`
(what a step produces, the articles step too) is declared here, so that core/pipeline.py imports
it with no cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from core.checks import (
    FIGURES_MATCH_SCHEMA,
    MENTIONS_MATCH_SCHEMA,
    NON_FIGURES_MATCH_SCHEMA,
    RELATIONS_MATCH_SCHEMA,
)
from core.extract import Mention, extract
from core.find_measures import NOTHING, FoundMeasure, find_measures
from core.find_relations import find_relations
from core.findings import Finding, InputError
from core.folder import DEFAULT_MAX_FILE_BYTES
from core.numbers import abridged, is_finite_number
from core.parse import DRAFT_KEY, Article, empty_key_problem, read_figures_file
from core.relations import (
    cycle_findings,
    figure_kinds,
    found_rows,
    relation_findings,
    relation_row,
    suggestions,
)
from core.resolve import (
    cover_of,
    curated_spans,
    figure_row,
    line_at,
    mention_row,
    non_figure_row,
    unreviewed_figure_id,
    unreviewed_figure_row,
)
from core.validate import validate
from schemas import FigureModel, MentionModel, NonFigureModel, RelationModel


@dataclass
class Stage:
    """What one step produced: validated tables by name, and findings (by table) for what it
    held back."""

    tables: dict[str, pd.DataFrame]
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    entries: dict[str, int] = field(default_factory=dict)  # figures file -> items it lists


def load_curation(
    articles: list[Article],
    articles_dir: Path,
    approx_tolerance: float,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Stage:
    """Read, resolve and validate the curated figures, non-figures and relations of articles,
    and extract every number of their bodies. An article with no figures file gets the numbers
    the extractor finds as unreviewed figures."""
    figure_rows, non_figure_rows, findings, non_figure_findings = [], [], [], []
    relation_entries = []
    found_in_curated = []  # relations found in curated articles: suggestions only
    extracted = []
    mention_findings: list[Finding] = []  # numbers of a body that no DOUBLE holds
    entries: dict[str, int] = {}
    for article in articles:
        mentions = extract(article.body, approx_tolerance)
        beyond = [m for m in mentions if not is_finite_number(m.value)]
        mention_findings += [_beyond_range(article, mention) for mention in beyond]
        mentions = [m for m in mentions if m not in beyond]
        extracted.append((article, mentions))
        numbers = [mention for mention in mentions if mention.is_figure]
        measures = find_measures(article.body, numbers)
        found = find_relations(article.body, numbers, measures)
        if article.figures_file is None:
            figure_rows += [
                unreviewed_figure_row(article, mention, measure, approx_tolerance)
                for mention, measure in zip(numbers, measures, strict=True)
            ]
            ids = {mention.start: unreviewed_figure_id(mention) for mention in numbers}
            relation_entries += [
                (row, None, article.source_file) for row in found_rows(article, found, ids)
            ]
            continue
        found_in_curated.append((article, found))
        try:
            curated = read_figures_file(
                articles_dir / article.figures_file,
                articles_dir,
                article.figures_file,
                max_file_bytes,
            )
        except InputError as error:
            findings.append(replace(error.finding, article_id=article.article_id))
            continue
        entries[curated.source_file] = (
            len(curated.figures) + len(curated.relations) + len(curated.not_figures)
        )
        found_measures = dict(zip((mention.start for mention in numbers), measures, strict=True))
        for entry in curated.figures:
            row, problems = figure_row(article, entry, curated.source_file, approx_tolerance)
            findings += problems
            if not problems:
                figure_rows.append(_draft_row(row, found_measures) if entry.draft else row)
        for entry in curated.not_figures:
            row, problems = non_figure_row(article, entry, curated.source_file)
            non_figure_findings += problems
            if not problems:
                non_figure_rows.append(row)
        relation_entries += [
            (relation_row(article, entry, curated.source_file), entry, curated.source_file)
            for entry in curated.relations
        ]
    figures, invalid_figures = validate(FigureModel, figure_rows, FIGURES_MATCH_SCHEMA.name)
    non_figures, invalid_non_figures = validate(
        NonFigureModel, non_figure_rows, NON_FIGURES_MATCH_SCHEMA.name
    )
    figure_findings = findings + invalid_figures
    relations, invalid_relations = _validate_relations(relation_entries, figures, figure_findings)
    suggested, invalid_suggested = validate(
        RelationModel,
        suggestions(found_in_curated, figures, relations),
        RELATIONS_MATCH_SCHEMA.name,
    )
    relations = pd.concat([relations, suggested], ignore_index=True)
    invalid_relations += invalid_suggested
    mentions, invalid_mentions = validate(
        MentionModel, _link_mentions(extracted, figures, non_figures), MENTIONS_MATCH_SCHEMA.name
    )
    return Stage(
        {
            "figures": figures,
            "non_figures": non_figures,
            "relations": relations,
            "mentions": mentions,
        },
        {
            "figures": figure_findings,
            "non_figures": non_figure_findings + invalid_non_figures,
            "relations": invalid_relations,
            "mentions": mention_findings + invalid_mentions,
        },
        entries,
    )


def _draft_row(row: dict, found_measures: dict[int, FoundMeasure]) -> dict:
    """A draft figure (its measure.what empty) as the unreviewed figure it stays until it is
    filled in: its empty measure fields are those the machine found in its sentence, and its
    note says what to fill in."""
    found = found_measures.get(row["start"], NOTHING)
    measure = {
        f"measure_{field}": row[f"measure_{field}"] or getattr(found, field)
        for field in ("what", "of_whom", "where", "period")
    }
    todo = f"a draft, not reviewed: {empty_key_problem(DRAFT_KEY[1], DRAFT_KEY[0])}"
    return {
        **row,
        **measure,
        "measure_cue": found.cue or None,
        "note": f"{todo}. {row['note']}" if row["note"] else todo,
        "reviewed": False,
    }


def _beyond_range(article: Article, mention: Mention) -> Finding:
    """A number of a body that no DOUBLE holds (more than 308 digits): held back, at its line,
    neither a mention nor an unreviewed figure."""
    text = abridged(mention.text)
    return Finding(
        rule=MENTIONS_MATCH_SCHEMA.name,
        source_file=article.source_file,
        line=line_at(article, mention.start),
        article_id=article.article_id,
        quote=text,
        message=f"the number {text} is beyond the numbers the warehouse can store (a DOUBLE, "
        "up to about 1.8e308): not read as a figure",
        expected="a number below about 1.8e308 (at most 308 digits)",
        found=f"{text}, read as {mention.value}",
    )


def _link_mentions(
    extracted: list[tuple[Article, list[Mention]]],
    figures: pd.DataFrame,
    non_figures: pd.DataFrame,
) -> list[dict]:
    """Mention rows, each linked to the validated figure or non-figure whose span it overlaps
    (a number under a draft figure of a figures file is unreviewed, as it is with no file)."""
    spans = curated_spans(figures)
    for row in non_figures.itertuples(index=False):
        spans.setdefault(row.article_id, []).append((row.start, row.end, None))
    in_files = figures[figures["figures_file"].notna() & ~figures["reviewed"].astype(bool)]
    drafts = curated_spans(in_files.assign(reviewed=True))  # the draft figures' spans
    unreviewed = set(zip(figures["article_id"], figures["figure_id"], strict=True))
    rows = []
    for article, mentions in extracted:
        covering = spans.get(article.article_id, [])
        for mention in mentions:
            figure_id = None
            if not mention.is_figure:
                status = "classified"
            elif article.figures_file is None:
                status = "unreviewed"
                auto_id = unreviewed_figure_id(mention)
                figure_id = auto_id if (article.article_id, auto_id) in unreviewed else None
            else:
                cover = cover_of(covering, mention)
                draft = cover_of(drafts.get(article.article_id, []), mention)
                status = "uncovered" if cover is None else "curated" if cover[2] else "not_a_figure"
                status = "unreviewed" if cover is None and draft else status
                figure_id = (cover or draft or (None, None, None))[2]
            rows.append(mention_row(article, mention, status, figure_id))
    return rows


def _validate_relations(
    entries: list, figures: pd.DataFrame, figure_findings: list[Finding]
) -> tuple[pd.DataFrame, list[Finding]]:
    """Relations whose keys, figures and kinds hold, validated; findings for the others.
    entries holds (row, figures file entry or None for a found relation, file to name)."""
    kinds = figure_kinds(figures)
    held_back: dict[str, set[str]] = {}
    for finding in figure_findings:
        if finding.item_id:
            held_back.setdefault(finding.article_id, set()).add(finding.item_id)
    rows, files, findings = [], [], []
    for row, entry, source_file in entries:
        article = row["article_id"]
        problems = relation_findings(
            row, entry, kinds.get(article, {}), held_back.get(article, set()), source_file
        )
        findings += problems
        if not problems:
            rows.append(row)
            files.append(source_file)
    cycles = cycle_findings(rows, files)  # by the index of the row
    findings += cycles.values()
    rows = [row for index, row in enumerate(rows) if index not in cycles]
    frame, invalid = validate(RelationModel, rows, RELATIONS_MATCH_SCHEMA.name)
    return frame, findings + invalid
