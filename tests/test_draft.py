"""`python -m etl.draft`: a draft figures file, and what the pipeline makes of it (a fresh draft is
never worse than no figures file; filled-in figures are curated)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import SEED, materialize_in_process, read_warehouse

from core.draft import draft_figures_file, figure_name
from core.extract import extract
from core.find_measures import NOTHING, FoundMeasure
from core.parse import read_article, read_figures_file
from core.pipeline import articles_from_table, load_articles, load_curation
from etl.resources import DEFAULT_ARTICLES_DIR, ROOT
from schemas import FigureModel

LIBRARIES = (
    "---\ntitle: Libraries\noutlet: Test\npublished: '2024'\nlanguage: en\n---\n"
    "Spending on libraries doubles to $6 million from $2.5 million.\n"
)
ID_PATTERN = FigureModel.to_schema().columns["figure_id"].checks[0].statistics["pattern"]


def seed() -> str:
    article = read_article(DEFAULT_ARTICLES_DIR / f"{SEED}.md", DEFAULT_ARTICLES_DIR)
    return draft_figures_file(article)


def mention(text: str):
    [found] = [m for m in extract(text) if m.is_figure]
    return found


@pytest.mark.parametrize(
    ("text", "what", "name"),
    [
        ("Some 1,200 French nationals left.", "French nationals", "french_nationals_1200"),
        ("It cost $6 million.", "libraries", "libraries_6_million"),
        ("At least 100 women left.", "French women", "french_women_100"),
        ("It rose 116 percent.", "French nationals", "french_nationals_116_percent"),
        ("This story is over 5 years old.", None, "5_years"),
        ("Four hundred of them joined.", None, "four_hundred"),
        ("It rose 1,200.", None, "count_1200"),
        (
            "Some 1,200 left.",
            "Élèves du collège et lycées",
            "eleves_du_college_et_1200",
        ),
    ],
)
def test_a_draft_id_is_named_after_the_found_measure_and_the_quote(text, what, name):
    measure = FoundMeasure(what, None, None, None, "") if what else NOTHING
    assert figure_name(mention(text), measure) == name
    assert re.fullmatch(ID_PATTERN, name)


def test_a_draft_has_named_unique_ids_and_no_invented_note():
    text = seed()
    draft = yaml.safe_load(text)
    ids = [figure["id"] for figure in draft["figures"]]
    assert ids[:3] == ["5_years", "french_jihadist_recruits_doubled", "french_nationals_1200"]
    assert "french_nationals_1200_2" in ids  # the second 'some 1,200'
    assert len(set(ids)) == len(ids) == 12
    assert all(re.fullmatch(ID_PATTERN, figure_id) for figure_id in ids)
    assert all("note" not in figure for figure in draft["figures"])
    assert "# in: Four hundred of them have already joined" in text  # the sentence, as a comment
    relation_ids = [relation["id"] for relation in draft["relations"]]
    assert "part_of.four_hundred.french_nationals_1200_2" in relation_ids
    assert len(set(relation_ids)) == len(relation_ids)


def test_a_draft_carries_the_found_measures_as_comments_and_the_found_relations():
    text = seed()
    assert "what: null  # found: French nationals" in text
    assert "# found by rule of_them: Four hundred of them" in text
    assert "#   percent_change  the subject is a percent change" in text
    draft = yaml.safe_load(text)
    quotes = {f["id"]: f["quote"] for f in draft["figures"]}
    relations = {(r["type"], quotes[r["subject"]], quotes[r["object"]]) for r in draft["relations"]}
    assert ("part_of", "Four hundred", "some 1,200") in relations
    assert ("percent_change", "50 percent", "234") in relations
    [twice] = [r for r in draft["relations"] if quotes[r["subject"]] == "Twice"]
    assert twice["object"] == next(f["id"] for f in draft["figures"] if f.get("occurrence") == 2)
    # a multiplier in words is drafted as the pipeline reads it with no figures file: rounded
    assert {f["quote"]: f["qualifier"] for f in draft["figures"]}["Twice"] == "approx"


def test_a_drafted_change_names_its_stated_baseline_by_figure_id(tmp_path):
    path = tmp_path / "libraries.md"
    path.write_text(LIBRARIES, encoding="utf-8")
    draft = yaml.safe_load(draft_figures_file(read_article(path, tmp_path)))
    assert draft["relations"] == [
        {
            "id": "multiple_of.spending_doubles.spending_6_million",
            "type": "multiple_of",
            "subject": "spending_doubles",
            "object": "spending_6_million",
            "from": "spending_2_5_million",
        }
    ]
    assert all(f["measure"]["what"] is None for f in draft["figures"])
    profits = "Profits fell 40 percent to £120m from £200m."
    path.write_text(LIBRARIES.replace(LIBRARIES.splitlines()[-1], profits), encoding="utf-8")
    [fall] = yaml.safe_load(draft_figures_file(read_article(path, tmp_path)))["relations"]
    assert (fall["type"], fall["direction"], fall["from"]) == (
        "percent_change",
        "down",
        "profits_200m",
    )


def test_an_empty_measure_what_makes_a_draft_and_an_empty_key_is_said_so(tmp_path):
    figure = (
        "  - id: f\n    quote: some 1,200\n    value: 1200\n    kind: count\n    unit: {unit}\n"
        "    qualifier: approx\n    measure:\n{measure}"
    )
    path = tmp_path / "a.figures.yaml"
    cases = {
        "draft": (figure.format(unit="people", measure="      what:\n"), True, ()),
        "blank": (figure.format(unit="people", measure="      what: ' '\n"), True, ()),
        "missing": (
            figure.format(unit="people", measure="      of_whom: France\n"),
            False,
            ("measure: missing key 'what'",),
        ),
        "empty unit": (
            figure.format(unit="null", measure="      what:\n"),
            True,
            ("unit is empty: write the figure's unit (people, percent, times, USD, ...)",),
        ),
    }
    for text, draft, problems in cases.values():
        path.write_text("figures:\n" + text, encoding="utf-8")
        [entry] = read_figures_file(path, tmp_path).figures
        assert (entry.draft, entry.problems) == (draft, problems)


def run(folder: Path, tmp_path: Path, name: str) -> Path:
    """The pipeline over folder, in-process, into a warehouse of its own: its path."""
    import dagster as dg

    duckdb_path = tmp_path / "warehouses" / name / "figures.duckdb"
    with dg.instance_for_test() as instance:
        assert materialize_in_process(instance, folder, duckdb_path).success
    return duckdb_path


def outcome(duckdb_path: Path) -> dict[str, list]:
    """What a user compares: figures (quote, reviewed, measure found), verdicts, relations by
    their figures' quotes, check outcomes and quarantine."""

    def rows(sql: str) -> list:
        return sorted(read_warehouse(duckdb_path, sql), key=repr)

    return {
        "figures": rows(
            "SELECT quote, occurrence, value, kind, qualifier, lower, upper, reviewed, "
            "measure_what, measure_cue FROM figures"
        ),
        "verdicts": rows(
            "SELECT f.quote, f.occurrence, v.verdict, v.severity FROM verdicts AS v "
            "JOIN figures AS f USING (article_id, figure_id)"
        ),
        "relations": rows(
            "SELECT r.type, s.quote, s.occurrence, o.quote, o.occurrence FROM relations AS r "
            "JOIN figures AS s ON s.figure_id = r.subject_id "
            "JOIN figures AS o ON o.figure_id = r.object_id"
        ),
        "failing checks": rows(
            "SELECT check_name, status FROM check_history WHERE status NOT IN "
            "('passed', 'judged nothing')"
        ),
        "quarantine": rows("SELECT message FROM quarantine"),
    }


def test_a_fresh_draft_is_no_worse_than_no_figures_file_and_filled_figures_are_curated(tmp_path):
    bare, drafted = tmp_path / "bare", tmp_path / "drafted"
    for folder in (bare, drafted):
        folder.mkdir()
        shutil.copy2(DEFAULT_ARTICLES_DIR / f"{SEED}.md", folder)
    figures_file = drafted / f"{SEED}.figures.yaml"
    figures_file.write_text(seed(), encoding="utf-8")
    without, with_draft = outcome(run(bare, tmp_path, "bare")), outcome(run(drafted, tmp_path, "d"))
    assert with_draft == without
    assert len(without["figures"]) == 12 and without["quarantine"] == []
    notes = read_warehouse(
        tmp_path / "warehouses" / "d" / "figures.duckdb", "SELECT DISTINCT note FROM figures"
    )
    assert notes == [("a draft, not reviewed: measure.what is empty: say what the figure counts",)]

    text = figures_file.read_text(encoding="utf-8")
    text = text.replace("what: null  # found: jihadist recruitment networks", "what: networks")
    at = text.index("- id: four_hundred")
    text = text[:at] + text[at:].replace("    what: null\n", "    of_whom: French\n", 1)
    figures_file.write_text(text, encoding="utf-8")
    filled = run(drafted, tmp_path, "filled")
    reviewed = read_warehouse(filled, "SELECT figure_id, note FROM figures WHERE reviewed")
    assert reviewed == [("jihadist_recruitment_networks_13", None)]
    [held] = read_warehouse(
        filled, "SELECT source_file, line, item_id, message FROM quarantine WHERE stage = 'figures'"
    )
    line = text[:at].count("\n") + 1
    message = "figure four_hundred: measure: missing key 'what'"
    assert held == (f"{SEED}.figures.yaml", line, "four_hundred", message)


def test_the_command_writes_a_draft_beside_the_article_and_never_over_one(tmp_path):
    article = tmp_path / "libraries.md"
    article.write_text(LIBRARIES, encoding="utf-8")

    def draft() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "etl.draft", str(article), "--write"],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip

    written = draft()
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith(f"wrote {tmp_path / 'libraries.figures.yaml'}")
    stage = load_curation(
        articles_from_table(load_articles(tmp_path).tables["articles"]), tmp_path, 0.1
    )
    assert stage.findings["figures"] == [] and stage.findings["relations"] == []
    assert not stage.tables["figures"]["reviewed"].any()
    again = draft()
    assert again.returncode == 2 and "not overwriting" in again.stderr
