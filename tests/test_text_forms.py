"""Text in the forms editors and writers produce: a byte-order mark, composed and decomposed
Unicode, non-breaking spaces between digit groups, YAML scalars that are not strings."""

from __future__ import annotations

from pathlib import Path

from conftest import COUNCIL_ARTICLE

from benchmarks.hostile import DRIVERS, ROUTES, figures_file

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
