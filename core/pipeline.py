"""The pipeline's steps as plain functions: read and validate articles, then their curated figures
(core/curation.py), and store them batch by batch.

The Dagster assets in etl/ call these and store what they return; nothing here knows Dagster.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd

from core import batches, locks, tables
from core.batches import Plan, SourceFile, batch_of
from core.checks import ARTICLES_MATCH_SCHEMA, FIGURES_FILES_HAVE_THEIR_ARTICLE, FILE_CHECKS
from core.curation import Stage, load_curation
from core.findings import Finding, InputError
from core.folder import DEFAULT_MAX_FILE_BYTES, FIGURES_SUFFIX, Group, Input, groups_of, scan
from core.parse import Article, article_row, read_article
from core.validate import quarantine_rows, validate
from schemas import ArticleModel, SourceModel

# Findings about whole files, made before they are read: held back by the step that reads the
# folder (stage `articles`), whatever the file was meant for
FILE_RULES = tuple(check.name for check in FILE_CHECKS)


CHUNK = 1000  # articles processed and stored at a time, so memory does not grow with a batch
PARALLEL_FROM = 2000  # articles to process from which batches are processed in parallel


def update_batches(
    batch_files: dict[int, Path],
    articles_dir: Path,
    approx_tolerance: float,
    reprocess_all: bool = False,
    workers: int = 1,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    lock_timeout: float = locks.DEFAULT_LOCK_TIMEOUT,
) -> list[Plan]:
    """Bring each batch's file up to date with the folder (see apply_plan): the plans are made
    here; with workers > 1 and enough work, the batches are processed in that many processes
    (each writes only its own file). The plans, by batch."""
    groups = batches.split(
        scan(articles_dir, lambda article_id: batch_of(article_id) in batch_files, max_file_bytes)
    )
    plans, todo = [], []
    for batch, path in sorted(batch_files.items()):
        with locks.connect(path, timeout=lock_timeout) as conn:
            tables.create_batch_tables(conn)
            known = tables.known_sources(conn)
        plan = batches.plan(groups[batch], batch, known, force=reprocess_all)
        plans.append(plan)
        if plan.changed or set(plan.sources) != set(known):  # times of unchanged files count
            job = (path, articles_dir, plan, known, approx_tolerance, max_file_bytes, lock_timeout)
            todo.append(job)
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
    path, articles_dir, plan, known, approx_tolerance, max_file_bytes, lock_timeout = job
    with locks.connect(path, timeout=lock_timeout) as conn:
        apply_plan(conn, articles_dir, plan, known, approx_tolerance, max_file_bytes)


def apply_plan(
    conn: duckdb.DuckDBPyConnection,
    articles_dir: Path,
    plan: Plan,
    known: list[SourceFile],
    approx_tolerance: float,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> None:
    """Process a batch's new and changed articles, a chunk at a time, and remove its deleted
    ones; then record the new size and time of its other files. A chunk's rows and the record
    of its files (sources, with the time they were processed) are replaced in one transaction,
    so the record always says which processing the rows come from; interrupted, the next run
    processes the articles whose record is not new."""
    files: dict[str, list[str]] = {}
    for source in [*known, *plan.sources]:
        files.setdefault(source.article_id, []).append(source.source_file)
    now: dict[str, list[SourceFile]] = {}  # the files of each article, as planned
    for source in plan.sources:
        now.setdefault(source.article_id, []).append(source)
    for start in range(0, len(plan.process), CHUNK):
        chunk = plan.process[start : start + CHUNK]
        processed_at = _utc_now()
        stage = process(articles_dir, chunk, approx_tolerance, max_file_bytes)
        ids = [group.article_id for group in chunk]
        recorded = [
            source._replace(
                entries=stage.entries.get(source.source_file), processed_at=processed_at
            )
            for article_id in ids
            for source in now.get(article_id, [])
        ]
        tables.replace_articles(
            conn,
            ids,
            _files_of(ids, files),
            stage.tables,
            quarantine_rows(stage.findings),
            _sources_frame(recorded, plan.batch),
        )
    if plan.remove:
        removed = _files_of(plan.remove, files)
        nothing = _sources_frame([], plan.batch)
        tables.replace_articles(conn, plan.remove, removed, {}, quarantine_rows({}), nothing)
    recorded = {source.source_file: source for source in tables.known_sources(conn)}
    changed = []  # files whose size or time changed (or whose record another run changed)
    for source in plan.sources:
        before = recorded.pop(source.source_file, None)
        if before is not None and before.sha256 == source.sha256:
            source = source._replace(entries=before.entries, processed_at=before.processed_at)
        else:  # another run changed the record meanwhile: gathered again, processed again next run
            source = source._replace(entries=None, processed_at=_utc_now())
        if source != before:
            changed.append(source)
    tables.update_sources(conn, _sources_frame(changed, plan.batch), list(recorded))


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _sources_frame(sources: list[SourceFile], batch: int) -> pd.DataFrame:
    """Rows of the sources table, validated."""
    frame = pd.DataFrame(sources, columns=list(SourceFile._fields)).assign(batch=batch)
    return SourceModel.validate(frame[list(SourceModel.to_schema().columns)])


def _files_of(article_ids: list[str], files: dict[str, list[str]]) -> list[str]:
    return [file for article_id in article_ids for file in files.get(article_id, [])]


def process(
    articles_dir: Path,
    groups: Iterable[Group] | Iterable[Path],
    approx_tolerance: float,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Stage:
    """Read, validate and curate some groups of files of the folder (or article files): every
    table of their articles, and a finding for each file, figure, relation or non-figure held
    back."""
    groups = _groups(articles_dir, groups, max_file_bytes)
    read = load_articles(articles_dir, groups, max_file_bytes)
    articles = articles_from_table(read.tables["articles"])
    curated = load_curation(articles, articles_dir, approx_tolerance, max_file_bytes)
    findings = {**read.findings, **curated.findings}
    loaded = set(read.tables["articles"]["article_id"])
    for group in groups:
        figures = group.figures
        if figures is not None and group.article_id not in loaded:
            findings["figures"].append(_unread_figures_file(figures, group))
    by_stage: dict[str, list[Finding]] = {"articles": []}
    for stage, found in findings.items():
        for finding in found:
            by_stage.setdefault("articles" if finding.rule in FILE_RULES else stage, []).append(
                finding
            )
    return Stage({**read.tables, **curated.tables}, by_stage, curated.entries)


def _groups(
    articles_dir: Path, groups: Iterable[Group] | Iterable[Path] | None, max_file_bytes: int
) -> list[Group]:
    if groups is None:
        return scan(articles_dir, max_file_bytes=max_file_bytes)
    groups = list(groups)
    if groups and not isinstance(groups[0], Group):
        return groups_of(articles_dir, groups, max_file_bytes)
    return groups


def load_articles(
    articles_dir: Path,
    groups: Iterable[Group] | Iterable[Path] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Stage:
    """Read and validate the article files of some groups of the folder (or of some article
    files; by default of every one). Every other entry of a group is held back with a finding:
    a file that is neither an article nor a figures file, a second file of one id."""
    rows, findings = [], []
    for group in _groups(articles_dir, groups, max_file_bytes):
        for entry in group.inputs:
            first = group.first(entry.role)
            if entry.role == "other":
                findings.append(entry.problem)
            elif entry is not first:
                findings.append(_id_taken(entry, first, group.article_id))
        article, figures = group.article, group.figures
        if article is None:
            continue
        if article.problem:
            findings.append(replace(article.problem, article_id=group.article_id))
            continue
        try:
            parsed = read_article(
                article.path,
                articles_dir,
                source_file=article.source_file,
                figures_file=figures.source_file if figures else None,
                max_file_bytes=max_file_bytes,
            )
            rows.append(article_row(parsed))
        except InputError as error:
            findings.append(replace(error.finding, article_id=group.article_id))
    frame, invalid = validate(ArticleModel, rows, ARTICLES_MATCH_SCHEMA.name)
    return Stage({"articles": frame}, {"articles": findings + invalid})


def _id_taken(entry: Input, first: Input, article_id: str) -> Finding:
    return Finding(
        rule=ARTICLES_MATCH_SCHEMA.name,
        source_file=entry.source_file,
        article_id=article_id,
        message=f"held back unread: its article id {article_id!r} is already the id of "
        f"{first.source_file} (an article is one file, .md or .txt, and one figures file); "
        "rename one of the two",
        expected=f"one {entry.role} file with the id {article_id!r}",
        found=f"{first.source_file} and {entry.source_file}",
    )


def _unread_figures_file(figures: Input, group: Group) -> Finding:
    """Why a figures file was not read: it has no article beside it, or its article is held
    back (or the figures file itself was held back unread)."""
    if figures.problem:
        return replace(figures.problem, article_id=group.article_id)
    article = group.article
    stem = figures.source_file[: -len(FIGURES_SUFFIX)]
    if article is None:
        message = (
            f"figures file without its article: no {stem}.md or {stem}.txt beside it, so its "
            "figures cannot be resolved against a text; add the article, or rename the file "
            "after it"
        )
        expected, found = f"{stem}.md or {stem}.txt", "no article file"
    else:
        message = (
            f"not read: its article {article.source_file} is held back (see its own row in "
            "quarantine); fix the article and its figures are read"
        )
        expected, found = f"{article.source_file} loaded", f"{article.source_file} held back"
    return Finding(
        rule=FIGURES_FILES_HAVE_THEIR_ARTICLE.name,
        source_file=figures.source_file,
        article_id=group.article_id,
        message=message,
        expected=expected,
        found=found,
    )


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
