"""core.parse: article files (front matter + verbatim body) and their curated figures files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from textwrap import dedent

import pytest

from core.findings import InputError
from core.folder import article_id_of, scan
from core.parse import (
    article_row,
    published_range,
    read_article,
    read_figures_file,
)

FRONT_MATTER = dedent(
    """\
    ---
    title: A title
    outlet: An outlet
    published: "2014-12"
    language: en
    ---
    """
)
FIGURE = (
    "  - id: {id}\n"
    "    quote: some 1,200\n"
    "    value: 1200\n"
    "    kind: count\n"
    "    unit: people\n"
    "    qualifier: approx\n"
    "    measure:\n"
    "      what: departures\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def read_error(folder: Path, text: str, name: str = "a.md") -> InputError:
    with pytest.raises(InputError) as error:
        read_article(write(folder, name, text), folder)
    return error.value


# --- read_article ---------------------------------------------------------------------------


def test_article_splits_front_matter_from_the_verbatim_body(folder: Path) -> None:
    body = "\n\nHeadline\n\nSome 1,200 left.  \n\n"
    text = FRONT_MATTER + body
    article = read_article(write(folder, "a.md", text), folder)
    assert article.article_id == "a"
    assert article.source_file == "a.md"
    assert article.front_matter == {
        "title": "A title",
        "outlet": "An outlet",
        "published": "2014-12",
        "language": "en",
    }
    assert article.body == body
    assert article.body_first_line == 7
    assert text.splitlines()[article.body_first_line - 1 :] == body.splitlines()


def test_figures_file_is_set_only_when_it_exists(folder: Path) -> None:
    write(folder, "with.md", FRONT_MATTER + "Body\n")
    write(folder, "with.figures.yaml", "figures: []\n")
    write(folder, "without.txt", FRONT_MATTER + "Body\n")
    assert read_article(folder / "with.md", folder).figures_file == "with.figures.yaml"
    assert read_article(folder / "without.txt", folder).figures_file is None


def test_article_without_front_matter_is_refused(folder: Path) -> None:
    error = read_error(folder, "Just a body\n")
    assert "no YAML front matter" in error.finding.message
    assert (error.finding.source_file, error.finding.line) == ("a.md", 1)
    assert error.finding.found == "Just a body"


def test_yaml_syntax_error_points_at_the_file_line(folder: Path) -> None:
    text = "---\ntitle: A title\noutlet: An outlet\npublished: a: b\nlanguage: en\n---\nBody\n"
    error = read_error(folder, text)
    assert "YAML syntax error" in error.finding.message
    assert error.finding.line == 4  # the line "published: a: b"


def test_unknown_front_matter_key_is_named(folder: Path) -> None:
    error = read_error(folder, FRONT_MATTER.replace("language: en", "language: en\neditor: Ann"))
    assert "unknown key 'editor'" in error.finding.message
    assert error.finding.rule == "articles_match_schema"


def test_missing_front_matter_key_is_named(folder: Path) -> None:
    error = read_error(folder, FRONT_MATTER.replace("language: en\n", "") + "Body\n")
    assert "missing key 'language'" in error.finding.message


# --- published dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "earliest", "latest"),
    [
        ("2014-12", dt.date(2014, 12, 1), dt.date(2014, 12, 31)),
        ("2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        ("2016-02", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
        ("2014-02", dt.date(2014, 2, 1), dt.date(2014, 2, 28)),
        ("2014-12-18", dt.date(2014, 12, 18), dt.date(2014, 12, 18)),
    ],
)
def test_published_range_spans_the_partial_date(
    published: str, earliest: dt.date, latest: dt.date
) -> None:
    assert published_range(published) == (earliest, latest)


@pytest.mark.parametrize(
    "published",
    [
        "garbage",
        "2014-13",
        "2014-02-30",
        "",
        None,
        "2014-00",
        "2014-12-00",
    ],
)
def test_published_range_of_an_invalid_date_is_none(published: str | None) -> None:
    assert published_range(published) == (None, None)


@pytest.mark.parametrize(
    ("yaml_value", "text", "earliest"),
    [
        ('"2014-12"', "2014-12", dt.date(2014, 12, 1)),
        ("2014-12-18", "2014-12-18", dt.date(2014, 12, 18)),  # YAML reads this as a date
        ("2014", "2014", dt.date(2014, 1, 1)),  # and this as an int
    ],
)
def test_article_row_keeps_the_published_date_as_written(
    folder: Path, yaml_value: str, text: str, earliest: dt.date
) -> None:
    front_matter = FRONT_MATTER.replace('"2014-12"', yaml_value)
    row = article_row(read_article(write(folder, "a.md", front_matter + "Body\n"), folder))
    assert row["published"] == text
    assert row["published_earliest"] == earliest
    assert row["body"] == "Body\n"
    assert row["body_chars"] == 5


# --- read_figures_file ----------------------------------------------------------------------


def read_figures(folder: Path, text: str):  # noqa: ANN201
    return read_figures_file(write(folder, "a.figures.yaml", text), folder)


def test_entries_carry_the_line_where_they_start(folder: Path) -> None:
    text = (
        "# curated\nfigures:\n"
        + FIGURE.format(id="first")
        + FIGURE.format(id="second")
        + "relations:\n  - id: r\n    type: same_quantity\n    subject: first\n    object: second\n"
        + "not_figures:\n  - quote: over 5 years\n    reason: archive notice\n"
    )
    curated = read_figures(folder, text)
    assert curated.source_file == "a.figures.yaml"
    assert [(e.fields["id"], e.line, e.problems) for e in curated.figures] == [
        ("first", 3, ()),
        ("second", 11, ()),
    ]
    assert curated.figures[0].fields["measure"] == {"what": "departures"}  # no line marker left
    assert [(e.fields["id"], e.line) for e in curated.relations] == [("r", 20)]
    assert [(e.fields["quote"], e.line) for e in curated.not_figures] == [("over 5 years", 25)]


def test_missing_and_unknown_keys_become_problems(folder: Path) -> None:
    figure = FIGURE.format(id="f").replace("    unit: people\n", "    colour: red\n")
    (entry,) = read_figures(folder, "figures:\n" + figure).figures
    assert len(entry.problems) == 2
    assert "missing key 'unit'" in entry.problems[0]
    assert "unknown key 'colour'" in entry.problems[1]


def test_measure_keys_are_checked(folder: Path) -> None:
    figure = FIGURE.format(id="f").replace("what: departures", "who: French nationals")
    (entry,) = read_figures(folder, "figures:\n" + figure).figures
    assert entry.problems == (
        "measure: missing key 'what'",
        "measure: unknown key 'who' (expected one of: id, of_whom, period, what, where)",
    )


def test_measure_that_is_not_a_mapping_is_a_problem(folder: Path) -> None:
    figure = FIGURE.format(id="f").replace("measure:\n      what: departures", "measure: people")
    (entry,) = read_figures(folder, "figures:\n" + figure).figures
    assert len(entry.problems) == 1
    assert entry.problems[0].startswith("measure: expected a mapping")


def test_figures_yaml_syntax_error_points_at_the_line(folder: Path) -> None:
    text = "figures:\n" + FIGURE.format(id="f").replace("unit: people", "unit: a: b")
    with pytest.raises(InputError) as error:
        read_figures(folder, text)
    assert "YAML syntax error" in error.value.finding.message
    assert error.value.finding.line == 6  # the line "unit: a: b"


def test_yaml_tags_that_build_python_objects_are_refused(folder: Path) -> None:
    text = "figures:\n" + FIGURE.format(id="f").replace(
        "unit: people", "unit: !!python/object/apply:os.system ['touch pwned']"
    )
    with pytest.raises(InputError) as error:
        read_figures(folder, text)
    assert "YAML syntax error" in error.value.finding.message
    assert "python/object" in error.value.finding.message
    assert error.value.finding.line == 6
    assert not (folder / "pwned").exists() and not Path("pwned").exists()


def test_figures_file_that_is_a_list_is_refused(folder: Path) -> None:
    with pytest.raises(InputError) as error:
        read_figures(folder, FIGURE.format(id="f"))
    assert "expected a mapping with the lists 'figures'" in error.value.finding.message
    assert error.value.finding.found == "list"


def test_the_folder_scan_groups_files_by_article_and_reports_the_rest(folder: Path) -> None:
    for name in ("b.md", "a.txt", "b.figures.yaml", "notes.json", ".hidden.md"):
        write(folder, name, "")
    (folder / "sub.md").mkdir()
    groups = {g.article_id: [(i.source_file, i.role, bool(i.problem)) for i in g.inputs]
              for g in scan(folder)}  # fmt: skip
    assert groups == {
        "a": [("a.txt", "article", False)],
        "b": [("b.figures.yaml", "figures", False), ("b.md", "article", False)],
        "notes.json": [("notes.json", "other", True)],  # reported, never read
        "sub": [("sub.md", "article", True)],  # a folder: reported
    }


@pytest.mark.parametrize(
    ("stem", "article_id"),
    [
        ("vice-2014-12-french-jihadist-recruits", "vice-2014-12-french-jihadist-recruits"),
        ("Ünïcode-東京", "Ünïcode-東京"),  # letters of any script are safe
        ("a b", "a-b-c8687a08"),
        ("a;b", "a-b-5719af18"),  # not the id of "a b": the hash tells them apart
        ("_draft", "draft-2e586268"),
        ("'; DROP TABLE articles; --", "DROP-TABLE-articles-e7cf6903"),
    ],
)
def test_article_ids_are_safe_and_unique(stem: str, article_id: str) -> None:
    assert article_id_of(stem) == article_id
