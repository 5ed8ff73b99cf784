"""Text from the inputs is data on every screen: escaped for Markdown in the metadata the Dagster
UI renders, for the terminal in what the command prints, for HTML in the report."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
from conftest import environment, materialize
from markdown_it import MarkdownIt

from benchmarks.hostile import DRIVERS, ROUTES, with_
from core.display import for_markdown, for_terminal, markdown_table
from etl.resources import ROOT

IMAGE = "![a](http://host/x.png)"
SCRIPT = "<script>alert(1)</script>"
TITLE = f"{IMAGE} {SCRIPT} [link](http://host/l) www.host.example *b* `c` a|b"
BODY = (
    f"The council will add 12 bus routes {IMAGE} next year, and about 300 drivers "
    f"<img src=http://host/y.png> will be hired.\n"
)
ARTICLE = f"""---
title: {json.dumps(TITLE)}
outlet: Example Gazette
published: 2024-03
language: en
---
{BODY}"""
# One figure that holds, one held back (its quote says 300, its value 301): both quote markup
FIGURES = [
    with_(ROUTES, quote=f"12 bus routes {IMAGE}"),
    with_(DRIVERS, quote="300 drivers <img src=http://host/y.png>", value="301"),
]
FIGURE_KEYS = ("quote", "kind", "unit", "qualifier")
# Markdown as the Dagster UI renders it: CommonMark with GitHub's tables (its autolinks are
# checked apart: no "http://" nor "www." survives unescaped)
MARKDOWN = MarkdownIt("commonmark").enable("table")
LIVE = {"image", "link_open", "html_inline", "html_block"}


def figures_yaml(figures: list[dict]) -> str:
    """A figures file of these figures, every text quoted (JSON strings are YAML)."""
    lines = ["figures:"]
    for figure in figures:
        lines.append(f"  - id: {figure['id']}\n    value: {figure['value']}")
        lines += [f"    {key}: {json.dumps(figure[key])}" for key in FIGURE_KEYS]
        lines.append(f"    measure:\n      what: {json.dumps(figure['what'])}")
    return "\n".join(lines) + "\n"


def live_markup(markdown: str) -> list[str]:
    """The images, links and HTML that this Markdown would render as."""
    found = []
    for token in MARKDOWN.parse(markdown):
        found += [t.type for t in [token, *(token.children or [])] if t.type in LIVE]
    if "http://" in markdown or "www." in markdown:
        found.append("autolink")
    return found


def rendered_text(markdown: str) -> str:
    return "".join(
        child.content
        for token in MARKDOWN.parse(markdown)
        for child in token.children or []
        if child.type == "text"
    )


@pytest.mark.parametrize("text", [TITLE, BODY, "a\\|b \\![x](y)", "1_000 <b>", "a\nb\x1b[2J"])
def test_escaped_markdown_renders_as_the_text_and_nothing_else(text: str) -> None:
    markdown = for_markdown(text)
    assert live_markup(markdown) == []
    assert "\n" not in markdown
    assert rendered_text(markdown) == for_terminal(text)


def test_a_markdown_table_keeps_each_cell_in_its_column() -> None:
    frame = pd.DataFrame({"quote": ["a | b", IMAGE, None], "value": [1.5, None, 1e-7]})
    table = markdown_table(frame)
    rows = [t for t in MARKDOWN.parse(table) if t.type == "tr_open"]
    assert len(rows) == 4  # header and three rows, no cell split by a |
    assert live_markup(table) == []
    assert "1e-07" in table.replace("\\", "")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("evil\x1b]0;owned\x07.md", "evil\\x1b]0;owned\\x07.md"),
        ("two\nlines\r", "two\\nlines\\r"),
        ("\u202eexe.md", "\\u202eexe.md"),
        ("\x9b2J", "\\x9b2J"),
        ("l'été 東京 — fine", "l'été 東京 — fine"),
    ],
)
def test_control_characters_are_shown_as_escapes_in_the_terminal(text: str, shown: str) -> None:
    assert for_terminal(text) == shown


def _markdown_shown(result: dg.ExecuteInProcessResult) -> list[str]:
    """Every text of the run that the Dagster UI renders as Markdown: materialization metadata of
    type md, and each check's description and md metadata."""
    texts = []
    for event in result.get_asset_materialization_events():
        metadata = event.materialization.metadata
        texts += [v.value for v in metadata.values() if isinstance(v, dg.MarkdownMetadataValue)]
    for evaluation in result.get_asset_check_evaluations():
        texts.append(evaluation.description or "")
        metadata = evaluation.metadata
        texts += [v.value for v in metadata.values() if isinstance(v, dg.MarkdownMetadataValue)]
    return texts


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_markup_in_an_article_is_inert_in_the_ui_metadata_and_the_report(
    articles_dir: Path, run_pipeline, duckdb_path: Path
) -> None:
    (articles_dir / "markup.md").write_text(ARTICLE, encoding="utf-8")
    (articles_dir / "markup.figures.yaml").write_text(figures_yaml(FIGURES), encoding="utf-8")
    result = run_pipeline()
    assert result.success
    shown = _markdown_shown(result)
    assert [(text, live_markup(text)) for text in shown if live_markup(text)] == []
    everything = "\n".join(rendered_text(text) for text in shown)
    assert f"12 bus routes {IMAGE}" in everything  # the quote is there, as text
    assert IMAGE in everything and SCRIPT in everything  # the title too
    assert "300 drivers <img src=http://host/y.png>" in everything  # in the failures
    html = (duckdb_path.parent / "report.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    tags = parser.tags
    assert not [t for t, _ in tags if t in ("img", "iframe", "object")]
    # one script, the report's own filters (core/templates), none from the article
    assert [t for t, _ in tags if t == "script"] == ["script"]
    own = html.split("<script", 1)[1].split("</script>", 1)[0]
    assert "alert(" not in own and "host" not in own
    assert not [a for _, a in tags if "host" in (a.get("href") or "") + (a.get("src") or "")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and IMAGE in html  # shown as text


def test_the_command_prints_no_control_character_from_a_file_name(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    name = "evil\x1b]0;owned\x07\x1b[2J\nRun FAKE succeeded.md"
    (articles / name).write_text("no front matter\n", encoding="utf-8")
    done = materialize(environment(tmp_path, ETL_ARTICLES_DIR=str(articles)))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
    assert "\nRun FAKE" not in done.stdout + done.stderr
    assert "evil\\x1b]0;owned\\x07\\x1b[2J\\nRun FAKE succeeded.md" in done.stdout


# Ctrl-C right after the run is created, before it starts (as while the instance starts it)
INTERRUPTED = """
import sys
import dagster._core.execution.execute_in_process as running

class Interrupted:
    def __init__(self, **kwargs):
        pass

    def __iter__(self):
        raise KeyboardInterrupt

running.ExecuteRunWithPlanIterable = Interrupted
from etl.__main__ import main
sys.exit(main(["materialize"]))
"""


def test_an_interrupted_start_leaves_no_run_unfinished(tmp_path: Path) -> None:
    env = environment(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0 and "KeyboardInterrupt" in done.stderr
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        runs = instance.get_runs()
        assert [run.status for run in runs] == [dg.DagsterRunStatus.CANCELED]
