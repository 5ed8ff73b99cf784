"""The benchmark corpus generator (benchmarks/generate.py): deterministic, well-formed articles
whose planted figures the extractor finds and whose figures files the pipeline accepts."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

from benchmarks import generate as gen
from core.extract import extract
from core.parse import FIGURE_KEYS, MEASURE_KEYS, RELATION_KEYS, read_article, read_figures_file
from core.pipeline import articles_from_table, load_articles, load_curation
from core.relations import RELATION_SUBJECT_KINDS, RELATIONS_OF_SAME_KIND
from core.resolve import locate

SAMPLE = 150  # articles read by the extractor: enough to meet every form, quick to run


@pytest.fixture(scope="module")
def articles() -> list[gen.GeneratedArticle]:
    return list(gen.generate(SAMPLE, seed=7, curated_share=0.2))


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_same_seed_gives_the_same_bytes_and_another_seed_other_texts(tmp_path):
    gen.write(tmp_path / "a", 24, seed=3, curated_share=0.25)
    gen.write(tmp_path / "b", 24, seed=3, curated_share=0.25, workers=2)  # parallel: same files
    first, again = files(tmp_path / "a"), files(tmp_path / "b")
    assert first == again
    assert sum(name.endswith(".figures.yaml") for name in first) == 6

    other = {article.body for article in gen.generate(24, seed=4)}
    assert other.isdisjoint(article.body for article in gen.generate(24, seed=3))


def test_an_article_does_not_depend_on_the_ones_before_it():
    whole = list(gen.generate(12, seed=5, curated_share=0.5))
    tail = list(gen.generate(4, seed=5, curated_share=0.5, start=8))
    assert tail == whole[8:]


def test_slugs_are_unique_file_names(articles):
    slugs = [article.slug for article in articles]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs)


def test_bodies_are_news_sized_with_8_to_20_figures(articles):
    for article in articles:
        assert gen.BODY_MIN <= len(article.body) <= gen.BODY_MAX, article.slug
        assert gen.FIGURES_MIN <= len(article.figures) <= gen.FIGURES_MAX, article.slug
        assert article.body.count("\n\n") >= 4  # paragraphs
    beats = {article.slug.split("-", 3)[3].rsplit("-", 1)[0] for article in articles}
    assert len(beats) >= 10


def test_each_quote_stands_at_its_occurrence(articles):
    for article in articles:
        for figure in article.figures:
            span = (figure.start, figure.start + len(figure.quote))
            assert locate(article.body, figure.quote, figure.occurrence) == span, figure


def test_the_extractor_finds_every_planted_figure_and_nothing_else(articles):
    """Every planted figure is a mention the extractor finds, with the planted value, kind and
    qualifier (and bounds, for a range); the other mentions are years, dates and ordinals."""
    classified = set()
    for article in articles:
        mentions = extract(article.body)
        figures = [m for m in mentions if m.is_figure]
        classified |= {m.kind for m in mentions if not m.is_figure}
        for planted in article.figures:
            end = planted.start + len(planted.quote)
            found = [m for m in figures if m.start < end and planted.start < m.end]
            assert len(found) == 1, (article.slug, planted.quote, [m.text for m in found])
            (mention,) = found
            assert math.isclose(mention.value, planted.value, rel_tol=1e-9), (planted, mention)
            assert (mention.kind, mention.qualifier) == (planted.kind, planted.qualifier), (
                planted,
                mention,
            )
            if planted.lower is not None:
                assert (mention.lower, mention.upper) == (planted.lower, planted.upper)
        assert len(figures) == len(article.figures), (
            article.slug,
            sorted({m.text for m in figures} - {f.quote for f in article.figures}),
        )
    assert classified == {"year", "date", "ordinal"}


FORMS = {
    "count with separators": r"^\d{1,3}(,\d{3})+$",
    "hedged count": r"^(some|about|at least|more than|up to|fewer than|an estimated) \d",
    "percent word": r"\d percent$",
    "per cent": r"\d per cent$",
    "percent sign": r"\d%$",
    "money $": r"\$\d",
    "money £": r"£\d",
    "money €": r"€\d",
    "money scale": r"\d(bn|m| billion| million)$",
    "number words": r"^[A-Za-z]+( |-)?(hundred|thousand|[a-z]+ty)",
    "fraction": r"^(one fifth|a third|a quarter|two thirds|one in five|half|\d in \d)",
    "multiplier": r"(twice as many|doubled|tripled|halved|times as many)",
    "range": r"^(between \S+ and|\S+ to \d|\d\S*-\d)",
}


def test_the_sample_has_every_form(articles):
    quotes = [figure.quote for article in articles for figure in article.figures]
    missing = [
        form
        for form, pattern in FORMS.items()
        if not any(re.search(pattern, quote, re.IGNORECASE) for quote in quotes)
    ]
    assert not missing
    kinds = {figure.kind for article in articles for figure in article.figures}
    assert kinds == {"count", "percent", "ratio", "multiplier", "money"}
    qualifiers = {figure.qualifier for article in articles for figure in article.figures}
    assert qualifiers == {"exact", "approx", "at_least", "more_than", "at_most", "less_than"}


def test_written_files_parse_as_articles(tmp_path, articles):
    gen.write(tmp_path, 20, seed=7, curated_share=0.2)
    for article in articles[:20]:
        parsed = read_article(tmp_path / f"{article.slug}.md", tmp_path)
        assert parsed.body == article.body
        meta = parsed.front_matter
        assert {"title", "outlet", "published", "language", "author"} <= set(meta)
        assert meta["language"] == "en"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
        assert (parsed.figures_file is None) == (article.figures_text is None)


def test_figures_files_have_the_layout_of_the_sample(articles):
    curated = [article for article in articles if article.figures_text is not None]
    assert len(curated) == SAMPLE // 5
    assert any(article.relations for article in curated)
    figure_keys = set(FIGURE_KEYS["required"]) | set(FIGURE_KEYS["optional"])
    measure_keys = set(MEASURE_KEYS["required"]) | set(MEASURE_KEYS["optional"])
    relation_keys = set(RELATION_KEYS["required"]) | set(RELATION_KEYS["optional"])
    for article in curated:
        document = yaml.safe_load(article.figures_text)
        assert set(document) <= {"figures", "relations", "not_figures"}
        assert [f["id"] for f in document["figures"]] == [f.id for f in article.figures]
        for entry, planted in zip(document["figures"], article.figures, strict=True):
            assert set(FIGURE_KEYS["required"]) <= set(entry) <= figure_keys
            assert set(entry["measure"]) <= measure_keys
            assert entry["quote"] == planted.quote
            assert entry["value"] == pytest.approx(planted.value, rel=1e-12)
            assert entry.get("occurrence", 1) == planted.occurrence
        kinds = {figure.id: figure.kind for figure in article.figures}
        values = {figure.id: figure.value for figure in article.figures}
        for relation in document.get("relations", []):
            assert set(RELATION_KEYS["required"]) <= set(relation) <= relation_keys
            subject, obj = kinds[relation["subject"]], kinds[relation["object"]]
            allowed = RELATION_SUBJECT_KINDS[relation["type"]]
            assert allowed is None or subject in allowed, relation
            if relation["type"] in RELATIONS_OF_SAME_KIND:
                assert subject == obj, relation
            if relation["type"] == "part_of":
                assert values[relation["subject"]] < values[relation["object"]], relation


def test_curated_articles_pass_the_curation_loader_without_findings(tmp_path):
    """The pipeline's own steps accept the files: no held-back article, figure or relation, and
    every number the extractor finds in a curated article is one of its curated figures."""
    generated = list(gen.generate(30, seed=11, curated_share=0.5))
    gen.write(tmp_path, 30, seed=11, curated_share=0.5)
    read_figures_file(tmp_path / f"{generated[1].slug}.figures.yaml", tmp_path)  # parses

    articles = load_articles(tmp_path)
    assert articles.findings == {"articles": []}
    assert len(articles.tables["articles"]) == 30
    curation = load_curation(articles_from_table(articles.tables["articles"]), tmp_path, 0.10)
    assert all(not findings for findings in curation.findings.values()), curation.findings

    figures = curation.tables["figures"]
    curated = [article for article in generated if article.figures_text is not None]
    reviewed = figures[figures["reviewed"]]
    assert len(reviewed) == sum(len(article.figures) for article in curated)
    by_id = {(article.slug, figure.id): figure for article in curated for figure in article.figures}
    for row in reviewed.itertuples(index=False):
        planted = by_id[row.article_id, row.figure_id]
        assert row.start == planted.start
        assert row.quoted_value == pytest.approx(row.value, rel=1e-9)
        if planted.lower is not None:
            assert (row.lower, row.upper) == (planted.lower, planted.upper)
    relations = curation.tables["relations"]
    curated_relations = relations[relations["origin"] == "curated"]
    assert len(curated_relations) == sum(len(a.relations) for a in curated)
    statuses = set(curation.tables["mentions"]["status"])
    assert statuses == {"curated", "unreviewed", "classified"}  # nothing uncovered


def test_command_line_writes_the_files(tmp_path, capsys):
    assert gen.main([str(tmp_path / "out"), "--articles", "10", "--seed", "2"]) == 0
    written = files(tmp_path / "out")
    assert sum(name.endswith(".md") for name in written) == 10
    assert sum(name.endswith(".figures.yaml") for name in written) == 1
    assert "wrote 10 articles (1 with a figures file)" in capsys.readouterr().out
