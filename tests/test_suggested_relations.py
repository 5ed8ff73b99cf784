"""Curated wins: in an article with a figures file, a relation the machine finds between two
curated figures that no curated relation links is a suggestion, never used."""

from __future__ import annotations

from test_stated_baselines import change, money, relation, write

from core.pipeline import articles_from_table, load_articles, load_curation

BODY = "Spending on libraries doubles to $6 million from $2.5 million."
FIGURES = [
    change("doubles", "doubles", 2, "multiplier"),
    money("after", "$6 million", 6e6),
    money("before", "$2.5 million", 2.5e6),
]


def relations_of(folder) -> list[tuple]:  # noqa: ANN001
    articles = load_articles(folder)
    curation = load_curation(articles_from_table(articles.tables["articles"]), folder, 0.10)
    assert all(not findings for findings in curation.findings.values()), curation.findings
    frame = curation.tables["relations"]
    columns = ["relation_id", "type", "subject_id", "object_id", "baseline_id", "origin"]
    return sorted(frame[columns].itertuples(index=False, name=None))


def test_a_relation_found_but_not_curated_is_suggested_with_the_curated_ids(tmp_path) -> None:
    write(tmp_path, "libraries", BODY, FIGURES, [])
    assert relations_of(tmp_path) == [
        ("suggested.multiple_of.doubles.after", "multiple_of", "doubles", "after", "before",
         "suggested"),
    ]  # fmt: skip


def test_a_pair_the_curator_related_gets_no_suggestion(tmp_path) -> None:
    write(tmp_path, "libraries", BODY, FIGURES, [relation("r", "multiple_of", "doubles", "after")])
    assert [row[-1] for row in relations_of(tmp_path)] == ["curated"]
