"""The pipeline's steps as plain functions: read and validate articles, then their curated figures.

The Dagster assets in etl/ call these and store what they return; nothing here knows Dagster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core.explain import explain
from core.findings import Finding, InputError
from core.parse import (
    Article,
    article_row,
    find_article_files,
    read_article,
    read_figures_file,
)
from core.resolve import figure_row, non_figure_row, relation_findings, relation_row
from core.validate import validate
from schemas import ArticleModel, FigureModel, NonFigureModel, RelationModel


@dataclass
class Stage:
    """What one step produced: validated tables by name, and findings (by table) for what it
    held back."""

    tables: dict[str, pd.DataFrame]
    findings: dict[str, list[Finding]] = field(default_factory=dict)


def load_articles(articles_dir: Path) -> Stage:
    """Read and validate every article file of the folder."""
    rows, findings = [], []
    for path in find_article_files(articles_dir):
        try:
            rows.append(article_row(read_article(path, articles_dir)))
        except InputError as error:
            findings.append(error.finding)
        except UnicodeDecodeError as error:
            source = path.relative_to(articles_dir).as_posix()
            findings.append(_not_utf8(error, source, "articles_match_schema"))
    frame, invalid = validate(ArticleModel, rows, "articles_match_schema", explain)
    return Stage({"articles": frame}, {"articles": findings + invalid})


def articles_from_table(articles: pd.DataFrame) -> list[Article]:
    """The validated articles back as Article values (bodies as stored)."""
    return [
        Article(
            article_id=row.article_id,
            source_file=row.source_file,
            front_matter={},
            body=row.body,
            body_first_line=int(row.body_first_line),
            figures_file=None if pd.isna(row.figures_file) else row.figures_file,
        )
        for row in articles.itertuples(index=False)
    ]


def load_curation(articles: list[Article], articles_dir: Path, approx_tolerance: float) -> Stage:
    """Read, resolve and validate the curated figures, non-figures and relations of articles."""
    figure_rows, non_figure_rows, findings = [], [], []
    relation_entries = []
    for article in articles:
        if article.figures_file is None:
            continue
        try:
            curated = read_figures_file(articles_dir / article.figures_file, articles_dir)
        except InputError as error:
            findings.append(error.finding)
            continue
        except UnicodeDecodeError as error:
            findings.append(_not_utf8(error, article.figures_file, "figures_match_schema"))
            continue
        for entry in curated.figures:
            row, problems = figure_row(article, entry, curated.source_file, approx_tolerance)
            findings += problems
            if not problems:
                figure_rows.append(row)
        non_figure_rows += [
            non_figure_row(article, entry, curated.source_file) for entry in curated.not_figures
        ]
        relation_entries += [
            (relation_row(article, entry, curated.source_file), entry)
            for entry in curated.relations
        ]
    figures, invalid_figures = validate(FigureModel, figure_rows, "figures_match_schema", explain)
    non_figures, invalid_non_figures = validate(
        NonFigureModel, non_figure_rows, "non_figures_match_schema", explain
    )
    figure_findings = findings + invalid_figures
    relations, invalid_relations = _validate_relations(relation_entries, figures, figure_findings)
    return Stage(
        {"figures": figures, "non_figures": non_figures, "relations": relations},
        {
            "figures": figure_findings,
            "non_figures": invalid_non_figures,
            "relations": invalid_relations,
        },
    )


def _validate_relations(
    entries: list, figures: pd.DataFrame, figure_findings: list[Finding]
) -> tuple[pd.DataFrame, list[Finding]]:
    """Relations whose keys, figures and kinds hold, validated; findings for the others."""
    kinds: dict[str, dict[str, str]] = {}
    for row in figures.itertuples(index=False):
        kinds.setdefault(row.article_id, {})[row.figure_id] = row.kind
    held_back: dict[str, set[str]] = {}
    for finding in figure_findings:
        if finding.item_id:
            held_back.setdefault(finding.article_id, set()).add(finding.item_id)
    rows, findings = [], []
    for row, entry in entries:
        article = row["article_id"]
        problems = relation_findings(
            row, entry, kinds.get(article, {}), held_back.get(article, set())
        )
        findings += problems
        if not problems:
            rows.append(row)
    frame, invalid = validate(RelationModel, rows, "relations_match_schema", explain)
    return frame, findings + invalid


def _not_utf8(error: UnicodeDecodeError, source_file: str, rule: str) -> Finding:
    return Finding(
        rule=rule,
        source_file=source_file,
        message=f"not UTF-8 text: byte {error.start} cannot be decoded",
        expected="a UTF-8 text file",
        found=f"byte 0x{error.object[error.start]:02x} at offset {error.start}",
    )
