"""The comparison of two warehouses (benchmarks/same_warehouse.py), on small DuckDB files made
here; the full run, two revisions building the warehouse, is too slow for the tests."""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb
import pytest

from benchmarks.hostile import TIMESTAMP_NS, listing, make_hostile
from benchmarks.same_warehouse import Report, compare

WAREHOUSE = """
CREATE TABLE figures (article_id VARCHAR, figure_id VARCHAR, value DOUBLE, ids VARCHAR[]);
COMMENT ON TABLE figures IS 'Figures.';
COMMENT ON COLUMN figures.value IS 'The value.';
INSERT INTO figures VALUES ('a', 'f1', 1.0, ['x']), ('a', 'f2', 2.0, []), ('a', 'f2', 2.0, []);
CREATE VIEW large_figures AS SELECT * FROM figures WHERE value > 1;
CREATE TABLE sources (source_file VARCHAR, processed_at TIMESTAMP);
INSERT INTO sources VALUES ('a.md', now());
CREATE TABLE _built_with (setting VARCHAR, value VARCHAR);
INSERT INTO _built_with VALUES ('batches', '8'), ('code', '{code}');
CREATE MACRO twice(x) AS 2 * x;
"""


def warehouse(path: Path, change: str = "") -> Path:
    """A small warehouse; its processing time and code hash differ from any other's."""
    with duckdb.connect(str(path)) as conn:
        conn.execute(WAREHOUSE.format(code=uuid.uuid4().hex) + change)
    return path


def differing(reports: list[Report]) -> dict[str, list[str]]:
    return {report.name: report.differences for report in reports if not report.same}


def test_two_builds_differing_only_in_ignored_values_are_the_same(tmp_path: Path):
    reports = compare(warehouse(tmp_path / "base.duckdb"), warehouse(tmp_path / "head.duckdb"))
    assert differing(reports) == {}
    names = ["_built_with", "figures", "large_figures", "sources", "(macros)"]
    assert [r.name for r in reports] == names
    assert {r.name: r.rows for r in reports}["figures"] == {"base": 3, "head": 3}
    assert "same" in reports[1].text()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "UPDATE figures SET value = 3 WHERE figure_id = 'f1';",
            {
                "figures": "rows: 1 only in BASE, 1 only in HEAD",
                "large_figures": "rows: 0 only in BASE, 1 only in HEAD",
            },
        ),
        (  # rows are compared as multisets: one of two equal rows gone is a difference
            "DELETE FROM figures WHERE rowid = 2;",
            {"figures": "rows: 1 only in BASE", "large_figures": "rows: 1 only in BASE"},
        ),
        ("COMMENT ON TABLE figures IS 'Other.';", {"figures": "comment: 'Figures.' -> 'Other.'"}),
        (
            "COMMENT ON COLUMN figures.value IS NULL;",
            {"figures": "column 'value' comment: 'The value.' -> None"},
        ),
        ("DROP TABLE sources;", {"sources": "only in BASE"}),
        ("CREATE TABLE extra (x INTEGER);", {"extra": "only in HEAD"}),
        (
            "DROP VIEW large_figures; ALTER TABLE figures ALTER value TYPE FLOAT;",
            {"figures": "column 'value' type: 'DOUBLE' -> 'FLOAT'", "large_figures": "only in"},
        ),
        (  # only the code's hash is ignored in _built_with, not the other settings
            "UPDATE _built_with SET value = '9' WHERE setting = 'batches';",
            {"_built_with": "rows: 1 only in BASE, 1 only in HEAD"},
        ),
        ("CREATE OR REPLACE MACRO twice(x) AS 3 * x;", {"(macros)": "twice: only in BASE"}),
    ],
)
def test_a_difference_is_reported_in_its_table(
    tmp_path: Path, change: str, expected: dict[str, str]
):
    base = warehouse(tmp_path / "base.duckdb")
    reports = compare(base, warehouse(tmp_path / "head.duckdb", change))
    found = differing(reports)
    assert set(found) == set(expected)
    for name, text in expected.items():
        assert any(line.startswith(text) for line in found[name]), found[name]
        assert "DIFFERENT" in next(r for r in reports if r.name == name).text()


def test_differing_rows_are_shown_from_each_side_in_order(tmp_path: Path):
    base = warehouse(tmp_path / "base.duckdb")
    head = warehouse(tmp_path / "head.duckdb", "UPDATE figures SET value = value + 10;")
    (report,) = [r for r in compare(base, head, show=2) if r.name == "figures"]
    assert report.differences == [
        "rows: 3 only in BASE, 3 only in HEAD",
        "  article_id | figure_id | value | ids",
        "- 'a' | 'f1' | 1.0 | ['x']",
        "- 'a' | 'f2' | 2.0 | []",
        "+ 'a' | 'f1' | 11.0 | ['x']",
        "+ 'a' | 'f2' | 12.0 | []",
    ]


def test_a_changed_text_is_shown_around_its_change(tmp_path: Path):
    comment = (
        "COMMENT ON TABLE figures IS 'Figures that passed every check, traced to their quote{}.';"
    )
    base = warehouse(tmp_path / "base.duckdb", comment.format(""))
    head = warehouse(tmp_path / "head.duckdb", comment.format(" and sentence"))
    assert differing(compare(base, head)) == {
        "figures": ["comment: '… their quote.' -> '… their quote and sentence.'"]
    }


def test_the_hostile_input_is_made_the_same_every_time(tmp_path: Path):
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "a.md").write_text("---\ntitle: A\n---\nBody\n")
    outside = tmp_path / "outside.md"  # one target for both: the link's text names it
    first = listing(make_hostile(sample, tmp_path / "first", outside))
    second = listing(make_hostile(sample, tmp_path / "second", outside))
    assert first == second
    assert {"a.md", "notes.csv", "archive", "archive/old.md", "link-out.md", "huge.md"} <= set(
        first
    )
    assert {mtime for mtime, _ in first.values()} == {TIMESTAMP_NS}
    assert first["link-out.md"][1] == f"-> {outside.resolve()}"
    assert (tmp_path / "first" / "huge.md").stat().st_size > 5_000_000
