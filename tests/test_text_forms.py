"""Text in the forms editors and writers produce: a byte-order mark, composed and decomposed
Unicode, non-breaking spaces between digit groups, YAML scalars that are not strings."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import COUNCIL_ARTICLE, SEED

from benchmarks.hostile import DRIVERS, ROUTES, figures_file, with_
from core.parse import read_figures_file

BOM = "\ufeff"


def test_an_article_and_figures_file_saved_with_a_byte_order_mark_load(
    articles_dir: Path, run_pipeline, query
) -> None:
    (articles_dir / "bom.md").write_text(BOM + COUNCIL_ARTICLE, encoding="utf-8")
    (articles_dir / "bom.figures.yaml").write_text(
        BOM + figures_file((ROUTES, DRIVERS), relations=()), encoding="utf-8"
    )
    assert run_pipeline().success
    assert query("SELECT count(*) FROM quarantine") == [(0,)]
    [(body, line)] = query("SELECT body, body_first_line FROM articles WHERE article_id = 'bom'")
    assert not body.startswith(BOM) and body.startswith("The council")
    assert line == 7
    figures = query("SELECT figure_id, quote, start, \"end\", line FROM figures "
                    "WHERE article_id = 'bom' ORDER BY 1")  # fmt: skip
    assert [(f[0], f[1]) for f in figures] == [
        ("drivers", "about 300"),
        ("routes", "12 bus routes"),
    ]
    assert all(body[start:end] == quote for _, quote, start, end, _ in figures)
    assert {f[4] for f in figures} == {7}


def test_a_quote_written_as_a_yaml_number_is_its_text(
    articles_dir: Path, run_pipeline, query
) -> None:
    (articles_dir / "council.md").write_text(COUNCIL_ARTICLE, encoding="utf-8")
    routes = with_(ROUTES, quote="12")  # "quote: 12", a YAML integer
    (articles_dir / "council.figures.yaml").write_text(
        figures_file((routes,), relations=()), encoding="utf-8"
    )
    assert run_pipeline().success
    assert query("SELECT quote, start FROM figures WHERE article_id = 'council'") == [("12", 21)]
    assert query("SELECT count(*) FROM quarantine WHERE article_id = 'council'") == [(0,)]


@pytest.mark.parametrize(
    ("written", "value"),
    [("1e-7", 1e-7), ("2E+3", 2000.0), ("-1.5e2", -150.0), ("1_0e2", 1000.0), ('"1e-7"', "1e-7")],
)
def test_a_value_with_an_exponent_and_no_dot_is_a_number(tmp_path: Path, written, value) -> None:
    path = tmp_path / "a.figures.yaml"
    path.write_text(f"figures:\n  - id: a\n    quote: 1.50\n    value: {written}\n")
    [figure] = read_figures_file(path, tmp_path).figures
    assert figure.fields["value"] == value  # quoted, it stays text, as the curator wrote it
    assert figure.fields["quote"] == "1.50"  # a quote is the text written, not the number 1.5


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


GENEVIEVE = "Sainte-Geneviève will add 12 bus routes"


@pytest.mark.parametrize(("body_form", "quote_form"), [(nfd, nfc), (nfc, nfd)])
def test_names_and_quotes_match_whatever_their_unicode_form(
    articles_dir: Path, run_pipeline, query, body_form, quote_form
) -> None:
    article = COUNCIL_ARTICLE.replace("The council will add 12 bus routes", GENEVIEVE)
    (articles_dir / f"{body_form('café')}.md").write_text(body_form(article), encoding="utf-8")
    routes = with_(ROUTES, quote=quote_form(GENEVIEVE))
    (articles_dir / f"{quote_form('café')}.figures.yaml").write_text(
        figures_file((routes, DRIVERS), relations=()), encoding="utf-8"
    )
    assert run_pipeline().success
    assert query("SELECT count(*) FROM quarantine") == [(0,)]
    [(article_id, body)] = query(
        "SELECT article_id, body FROM articles WHERE article_id <> ?", [SEED]
    )
    assert article_id == nfc("café")
    figures = query("SELECT figure_id, quote, start, \"end\" FROM figures WHERE article_id = ? "
                    "ORDER BY 1", [article_id])  # fmt: skip
    assert [f[0] for f in figures] == ["drivers", "routes"]
    assert all(body[start:end] == quote for _, quote, start, end in figures)  # the body's form
    assert nfc(figures[1][1]) == nfc(GENEVIEVE)
