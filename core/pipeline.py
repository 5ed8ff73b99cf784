"""The pipeline's steps as plain functions: read and validate articles, then their curated figures.

The Dagster assets in etl/ call these and store what they return; nothing here knows Dagster.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from core import batches, warehouse
from core.batches import Plan, SourceFile
from core.explain import explain
from core.extract import Mention, extract
from core.findings import Finding, InputError
from core.parse import (
    Article,
    article_row,
    find_article_files,
    read_article,
    read_figures_file,
)
from core.resolve import (
    figure_row,
    mention_row,
    non_figure_row,
    relation_findings,
    relation_row,
    unreviewed_figure_id,
    unreviewed_figure_row,
)
from core.validate import quarantine_rows, validate
from schemas import (
    ArticleModel,
    FigureModel,
    MentionModel,
    NonFigureModel,
    RelationModel,
    SourceModel,
)


@dataclass
class Stage:
    """What one step produced: validated tables by name, and findings (by table) for what it
    held back."""

    tables: dict[str, pd.DataFrame]
    findings: dict[str, list[Finding]] = field(default_factory=dict)


CHUNK = 1000  # articles processed and stored at a time, so memory does not grow with a batch
PARALLEL_FROM = 2000  # articles to process from which batches are processed in parallel


def update_batches(
    batch_files: dict[int, Path],
    articles_dir: Path,
    approx_tolerance: float,
    reprocess_all: bool = False,
    workers: int = 1,
) -> list[Plan]:
    """Bring each batch's file up to date with the folder (see apply_plan): the plans are made
    here; with workers > 1 and enough work, the batches are processed in that many processes
    (each writes only its own file). The plans, by batch."""
    files = find_article_files(articles_dir)
    plans, todo = [], []
    for batch, path in sorted(batch_files.items()):
        with warehouse.connect(path) as conn:
            warehouse.create_batch_tables(conn)
            known = warehouse.known_sources(conn)
        plan = batches.plan(articles_dir, files, batch, known, force=reprocess_all)
        plans.append(plan)
        if plan.changed or set(plan.sources) != set(known):  # times of unchanged files count
            todo.append((path, articles_dir, plan, known, approx_tolerance))
    work = sum(len(job[2].process) for job in todo)
    if workers > 1 and len(todo) > 1 and work >= PARALLEL_FROM:
        context = multiprocessing.get_context("spawn")  # a clean interpreter, whatever the parent
        with ProcessPoolExecutor(min(workers, len(todo)), mp_context=context) as pool:
            list(pool.map(_apply_to_file, todo))
    else:
        for job in todo:
            _apply_to_file(job)
    return plans


def _apply_to_file(job: tuple) -> None:
    path, articles_dir, plan, known, approx_tolerance = job
    with warehouse.connect(path) as conn:
        apply_plan(conn, articles_dir, plan, known, approx_tolerance)


def apply_plan(
    conn: duckdb.DuckDBPyConnection,
    articles_dir: Path,
    plan: Plan,
    known: list[SourceFile],
    approx_tolerance: float,
) -> None:
    """Process a batch's new and changed articles, a chunk at a time, and remove its deleted
    ones; then record its files. Interrupted, it leaves the old record, so the next run does the
    same work again."""
    files: dict[str, list[str]] = {}
    for source in [*known, *plan.sources]:
        files.setdefault(source.article_id, []).append(source.source_file)
    for start in range(0, len(plan.process), CHUNK):
        chunk = plan.process[start : start + CHUNK]
        stage = process(articles_dir, chunk, approx_tolerance)
        ids = [path.stem for path in chunk]
        held_back = quarantine_rows(stage.findings)
        warehouse.replace_articles(conn, ids, _files_of(ids, files), stage.tables, held_back)
    removed = _files_of(plan.remove, files)
    warehouse.replace_articles(conn, plan.remove, removed, {}, quarantine_rows({}))
    sources = [{**asdict(source), "batch": plan.batch} for source in plan.sources]
    columns = list(SourceModel.to_schema().columns)
    warehouse.replace_sources(conn, SourceModel.validate(pd.DataFrame(sources, columns=columns)))


def _files_of(article_ids: list[str], files: dict[str, list[str]]) -> list[str]:
    return [file for article_id in article_ids for file in files.get(article_id, [])]


def process(articles_dir: Path, paths: Iterable[Path], approx_tolerance: float) -> Stage:
    """Read, validate and curate some article files of the folder: every table of an article."""
    read = load_articles(articles_dir, paths)
    curated = load_curation(
        articles_from_table(read.tables["articles"]), articles_dir, approx_tolerance
    )
    return Stage({**read.tables, **curated.tables}, {**read.findings, **curated.findings})


def load_articles(articles_dir: Path, paths: Iterable[Path] | None = None) -> Stage:
    """Read and validate article files of the folder: paths, or else every one."""
    rows, findings = [], []
    for path in find_article_files(articles_dir) if paths is None else paths:
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
    """Read, resolve and validate the curated figures, non-figures and relations of articles,
    and extract every number of their bodies. An article with no figures file gets the numbers
    the extractor finds as unreviewed figures."""
    figure_rows, non_figure_rows, findings = [], [], []
    relation_entries = []
    extracted = []
    for article in articles:
        mentions = extract(article.body, approx_tolerance)
        extracted.append((article, mentions))
        if article.figures_file is None:
            figure_rows += [unreviewed_figure_row(article, m) for m in mentions if m.is_figure]
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
    mentions, invalid_mentions = validate(
        MentionModel, _link_mentions(extracted, figures, non_figures), "mentions_match_schema"
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
            "non_figures": invalid_non_figures,
            "relations": invalid_relations,
            "mentions": invalid_mentions,
        },
    )


def _link_mentions(
    extracted: list[tuple[Article, list[Mention]]],
    figures: pd.DataFrame,
    non_figures: pd.DataFrame,
) -> list[dict]:
    """Mention rows, each linked to the validated figure or non-figure whose span it overlaps."""
    spans: dict[str, list[tuple[int, int, str | None]]] = {}
    for row in figures.itertuples(index=False):
        if row.reviewed:
            spans.setdefault(row.article_id, []).append((row.start, row.end, row.figure_id))
    for row in non_figures.itertuples(index=False):
        spans.setdefault(row.article_id, []).append((row.start, row.end, None))
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
                cover = next(
                    (c for c in covering if c[0] < mention.end and mention.start < c[1]), None
                )
                status = "uncovered" if cover is None else "curated" if cover[2] else "not_a_figure"
                figure_id = cover[2] if cover else None
            rows.append(mention_row(article, mention, status, figure_id))
    return rows


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
