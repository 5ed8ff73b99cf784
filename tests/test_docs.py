"""The docs tell the truth about the warehouse: every SQL example of README.md and docs/*.md runs in
the DuckDB shell the README gives, on the sample warehouse, and prints the output the docs show;
every column of every table and view carries its description in DuckDB.

An example is a ```sql block followed by a ```text block with what the shell prints for it
(`.venv/bin/duckdb -readonly warehouse/figures.duckdb`, its default box mode). A comment just
before the ```sql block can change how it is run: `<!-- example: mode=line -->` (the shell's
`-line` mode), `<!-- example: warehouse=uncurated -->` (on the sample VICE article alone, without
its figures file). A block fenced ```sql template is a file to copy, not an example: it is not run.
After a change that moves an output, rewrite the shown outputs with

    .venv/bin/python tests/test_docs.py --update

and read the diff before committing it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import SEED, Materialized, copy_articles, materialize_in_process

from etl.resources import DEFAULT_ARTICLES_DIR, ROOT
from schemas import TABLES, sql_type
from schemas.views import VIEWS

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL = Path(sys.executable).with_name("duckdb")
EXAMPLE = re.compile(
    r"(?:^[ \t]*<!-- example: (?P<options>[^>]*?) -->\n)?"
    r"^(?P<indent>[ \t]*)```sql\n(?P<sql>.*?)^(?P=indent)```\n\n"
    r"(?P=indent)```text\n(?P<output>.*?)^(?P=indent)```$",
    re.MULTILINE | re.DOTALL,
)
SQL_FENCE = re.compile(r"^[ \t]*```sql$", re.MULTILINE)
OPTIONS = {"warehouse": ("sample", "uncurated"), "mode": ("box", "line")}


@dataclass(frozen=True)
class Example:
    """One SQL example of a page: where it is, its SQL, the output shown and how it is run."""

    page: Path
    line: int
    sql: str
    shown: str
    output_span: tuple[int, int]  # offsets of the shown output in the page, indentation included
    indent: str
    warehouse: str = "sample"
    mode: str = "box"

    def __str__(self) -> str:
        first = self.sql.strip().splitlines()[0]
        return f"{self.page.relative_to(ROOT)}:{self.line} ({first})"


def examples(page: Path) -> list[Example]:
    """The SQL examples of a page, in order. A ```sql block without its ```text output, or an
    unknown option, is an error naming the page and line."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in EXAMPLE.finditer(text):
        line = text.count("\n", 0, match.start("sql"))
        options = dict(word.split("=", 1) for word in (match["options"] or "").split())
        for key, value in options.items():
            if value not in OPTIONS.get(key, ()):
                raise ValueError(f"{page.name}:{line}: unknown example option {key}={value}")
        found.append(
            Example(
                page,
                line,
                textwrap.dedent(match["sql"]),
                normalized(textwrap.dedent(match["output"])),
                match.span("output"),
                match["indent"],
                **options,
            )
        )
    fences = [text.count("\n", 0, fence.start()) + 1 for fence in SQL_FENCE.finditer(text)]
    if len(fences) != len(found):
        lines = sorted(set(fences) - {example.line for example in found})
        raise ValueError(
            f"{page.name}: the ```sql block(s) at line(s) {lines} have no ```text block of their "
            "output right after them"
        )
    return found


def normalized(output: str) -> str:
    """Output as compared: no trailing spaces, no blank lines around it."""
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines())


def shell_output(database: Path, example: Example) -> str:
    """What the DuckDB shell prints for the example, run read-only on database."""
    mode = ["-line"] if example.mode == "line" else []
    done = subprocess.run(
        [SHELL, "-init", "/dev/null", "-readonly", *mode, str(database), "-c", example.sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, f"{example} fails:\n{done.stderr}"
    return normalized(done.stdout)


def build(name: str, folder: Path) -> Path:
    """Materialize the warehouse called name under folder: sample (data/articles), or
    uncurated (the seed article alone, without its figures file). Its DuckDB file."""
    articles = copy_articles(folder, everything=True)
    if name == "uncurated":
        shutil.rmtree(articles)
        articles.mkdir()
        shutil.copy2(DEFAULT_ARTICLES_DIR / f"{SEED}.md", articles)
    database = folder / "warehouse" / "figures.duckdb"
    with dg.instance_for_test() as instance:
        assert materialize_in_process(instance, articles, database).success
    return database


ALL_EXAMPLES = [example for page in DOCS for example in examples(page)]


@pytest.fixture(scope="module")
def warehouse(
    tmp_path_factory: pytest.TempPathFactory, sample_run: Materialized
) -> Callable[[str], Path]:
    """The DuckDB file of a named warehouse: the sample is the session's (conftest.sample_run,
    built as `build` builds it), the other built once per module when first asked for."""
    built: dict[str, Path] = {"sample": sample_run.duckdb_path}

    def get(name: str) -> Path:
        if name not in built:
            built[name] = build(name, tmp_path_factory.mktemp(name))
        return built[name]

    return get


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=str)
def test_each_sql_example_prints_the_output_the_docs_show(warehouse, example: Example) -> None:
    assert shell_output(warehouse(example.warehouse), example) == example.shown, (
        f"{example}: the output differs from the docs; run `.venv/bin/python tests/test_docs.py "
        "--update` and read the diff"
    )


def test_a_sql_block_without_its_output_is_named(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Intro.\n\n```sql\nSELECT 1;\n```\n\nno output\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"page.md: the ```sql block\(s\) at line\(s\) \[3\]"):
        examples(page)


@pytest.fixture(scope="module")
def sample(warehouse) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(warehouse("sample")), read_only=True) as conn:
        yield conn


def test_every_column_of_every_table_and_view_has_a_description(sample) -> None:
    columns = sample.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND NOT internal ORDER BY table_name, column_index"
    ).fetchall()
    assert {table for table, _, _ in columns} >= set(TABLES) | set(VIEWS)
    assert [f"{table}.{column}" for table, column, comment in columns if not comment] == []


@pytest.mark.parametrize("name", VIEWS)
def test_duckdb_describes_each_view_as_its_model(sample, name: str) -> None:
    """A view's columns, types and comments in DuckDB are its model's (schemas/views.py), so the
    table reference (docs/tables.md, generated from the models) is what DuckDB says, as it is for
    the tables (tests/test_pipeline.py)."""
    schema = VIEWS[name]
    found = sample.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index",
        [name],
    ).fetchall()
    assert found == [
        (column, sql_type(model), model.description) for column, model in schema.columns.items()
    ]
    (comment,) = sample.execute(
        "SELECT comment FROM duckdb_views() WHERE view_name = ?", [name]
    ).fetchone()
    assert comment == schema.description


def update(pages: list[Path]) -> None:
    """Rewrite the shown output of every example of pages with what the shell prints now."""
    with tempfile.TemporaryDirectory() as folder:
        databases: dict[str, Path] = {}
        for page in pages:
            found = examples(page)
            if not found:
                continue
            text = page.read_text(encoding="utf-8")
            for example in reversed(found):
                if example.warehouse not in databases:
                    databases[example.warehouse] = build(
                        example.warehouse, Path(folder) / example.warehouse
                    )
                output = shell_output(databases[example.warehouse], example)
                start, end = example.output_span
                text = text[:start] + textwrap.indent(output + "\n", example.indent) + text[end:]
            page.write_text(text, encoding="utf-8")
            print(f"{page.relative_to(ROOT)}: {len(found)} example(s) run")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", required=True)
    parser.parse_args()
    update(DOCS)
