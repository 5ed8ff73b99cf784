"""The quality report: which figures it marks with which status, and the page it writes."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import SEED, read_warehouse
from test_pipeline import edit_figures, figure

from core import report, sql
from core.checks import CHECKS as REGISTRY
from core.checks import Check
from core.tables import ensure_schema
from etl.resources import QualityPolicy

BODY = "Some 1,200 left <b>and</b> 400 joined; 50 returned.\n\nAbout 7 plots failed."
NOW = dt.datetime(2026, 11, 27, 12, 0)
CHECKS = [
    Check("quoted_numbers_equal_values", "figures", "Quotes state values.", "ERROR"),
    Check("parts_do_not_exceed_wholes", "relations", "Parts fit wholes.", "ERROR"),
    Check("change_statements_agree", "derived_metrics", "Changes agree.", "WARN"),
    Check("extracted_mentions_are_covered", "mentions", "Covered.", "WARN"),
]


class Marks(HTMLParser):
    """The attributes of every <mark> of a page, and the text inside each."""

    def __init__(self, html: str):
        super().__init__()
        self.marks: list[dict[str, str]] = []
        self._open: list[dict[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "mark":
            self._open.append({**dict(attrs), "text": ""})
        elif tag == "span" and self._open:
            self._open[-1]["in_span"] = "1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.marks.append(self._open.pop())

    def handle_data(self, data: str) -> None:
        if self._open and "in_span" not in self._open[-1]:
            self._open[-1]["text"] += data


class Tags(HTMLParser):
    """The start tags of a page with their attributes, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def fetched(html: str) -> list[str]:
    """What a page would fetch by itself: every src, every href but a link's (<a>, which only a
    click follows), every url() of its styles, other than anchors and data: URLs."""
    urls = [
        value
        for tag, attrs in Tags(html).tags
        for name, value in attrs.items()
        if name == "src" or (name == "href" and tag != "a")
    ]
    urls += re.findall(r"url\(([^)]*)\)", html)
    return [url for url in urls if not url.startswith(("#", "data:"))]


def tables(history: list[dict] | None = None, quarantine: list[dict] | None = None) -> dict:
    """Report tables for one article with three figures, two relations and one metric."""

    def fig(figure_id: str, quote: str, value: float, verdict: str) -> dict:
        start = BODY.index(quote)
        return {
            "article_id": "a", "figure_id": figure_id, "quote": quote, "start": start,
            "end": start + len(quote), "line": 5, "sentence": "", "value": value,
            "kind": "count", "unit": "people", "qualifier": "exact", "lower": value,
            "upper": value, "measure_what": "people", "measure_of_whom": None,
            "measure_id": None, "measure_where": None, "measure_period": None,
            "measure_cue": None, "note": None,
            "reviewed": True,
            "figures_file": "a.figures.yaml", "figures_file_line": 3, "verdict": verdict,
            "verdict_severity": None if verdict == "unchecked" else "ok",
            "reason": f"{figure_id} is {verdict}",
        }  # fmt: skip

    def relation(relation_id: str, subject: str, obj: str) -> dict:
        return {
            "article_id": "a", "relation_id": relation_id, "type": "part_of",
            "subject_id": subject, "object_id": obj, "baseline": None, "base_ambiguous": False,
            "note": None, "origin": "curated", "rule": None, "cue": None,
        }  # fmt: skip

    return {
        "articles": pd.DataFrame(
            [
                {
                    "article_id": "a",
                    "title": "A <title>",
                    "outlet": "Outlet",
                    "author": None,
                    "url": None,
                    "published": "2014",
                    "language": "en",
                    "source_file": "a.md",
                    "figures_file": "a.figures.yaml",
                    "body": BODY,
                }
            ]
        ),  # fmt: skip
        "figures": pd.DataFrame(
            [
                fig("left", "Some 1,200", 1200, "holds"),
                fig("joined", "400", 400, "holds"),
                fig("back", "50", 50, "unchecked"),
            ]
        ),
        "verdict_counts": pd.DataFrame({"verdict": ["holds", "unchecked"], "figures": [2, 1]}),
        "relations": pd.DataFrame(
            [relation("r1", "joined", "left"), relation("r2", "back", "left")]
        ),
        "contradictions": pd.DataFrame(
            columns=[
                "article_id",
                "figure_id",
                "other_article_id",
                "other_figure_id",
                "severity",
                "how",
                "other_quote",
                "other_title",
                "other_outlet",
            ]
        ),  # fmt: skip
        "derived_metrics": pd.DataFrame(
            [
                {
                    "metric_id": "a:r1:share_of_whole",
                    "article_id": "a",
                    "title": "A <title>",
                    "outlet": "Outlet",
                    "relation_id": "r1",
                    "metric": "share_of_whole",
                    "label": "joined among those who left",
                    "formula": "part / whole",
                    "computation": "400 / 1,200 = 0.333",
                    "value": 1 / 3,
                    "lower": 1 / 3,
                    "upper": 1 / 3,
                    "unit": "share",
                    "input_figure_ids": ["joined", "left"],
                    "gap": None,
                    "severity": None,
                    "caveat": "a caveat",
                },
                {
                    "metric_id": "a:r1+r2:change_agreement",
                    "article_id": "a",
                    "title": "A <title>",
                    "outlet": "Outlet",
                    "relation_id": "r1+r2",
                    "metric": "change_agreement",
                    "label": "agreement",
                    "formula": "b / a",
                    "computation": "x1 / x1 = 1",
                    "value": 1.0,
                    "lower": 1.0,
                    "upper": 1.0,
                    "unit": "ratio",
                    "input_figure_ids": ["joined", "back", "left"],
                    "gap": 0.0,
                    "severity": "ok",
                    "caveat": None,
                },
            ]
        ),  # fmt: skip
        "mentions": pd.DataFrame(
            [
                {
                    "article_id": "a",
                    "start": BODY.index("About 7"),
                    "end": BODY.index(" plots"),
                    "text": "About 7",
                    "value": 7.0,
                    "kind": "count",
                    "unit": "plots",
                    "qualifier": "approx",
                    "lower": 6.3,
                    "upper": 7.7,
                    "line": 7,
                    "status": "uncovered",
                }
            ]
        ),  # fmt: skip
        "quarantine": pd.DataFrame(
            quarantine or [],
            columns=[
                "stage",
                "source_file",
                "line",
                "article_id",
                "item_id",
                "rule",
                "message",
                "expected",
                "found",
                "quote",
            ],
        ),  # fmt: skip
        "check_history": pd.DataFrame(history or []),
        # no reference tables (tests/test_report_reference.py adds some)
        "reference_matches": pd.DataFrame(),
        "reference_series": pd.DataFrame(),
        "reference_tables": pd.DataFrame(),
        "counts": pd.DataFrame(
            [
                {
                    "articles": 1,
                    "figures": 3,
                    "unreviewed_figures": 0,
                    "derived_metrics": 2,
                    "held_back": len(quarantine or []),
                    "uncovered_mentions": 1,
                }
            ]
        ),  # fmt: skip
    }


def evaluation(run: int, check: Check, failures: list[dict] | None = None) -> dict:
    status = "passed" if not failures else "warned" if check.severity == "WARN" else "failed"
    return {
        "run_id": f"run-{run}", "started_at": NOW + dt.timedelta(minutes=run),
        "evaluated_at": NOW + dt.timedelta(minutes=run), "asset": check.asset,
        "check_name": check.name, "status": status, "severity": check.severity,
        "failing_rows": len(failures or []), "summary": "passed" if not failures else "failing",
        "details": json.dumps(failures or []),
    }  # fmt: skip


def page(history: list[dict], quarantine: list[dict] | None = None) -> dict:
    return report.build(tables(history, quarantine), CHECKS, NOW, "w.duckdb")


def statuses(context: dict) -> dict[str, str]:
    """Each figure's worst finding of the checks of the latest run."""
    return {
        f["figure_id"]: max((j["status"] for j in f["judgements"]), key=report.STATUSES.index)
        for f in context["articles"][0]["figures"]
    }


def test_figures_are_marked_by_their_verdict_and_a_pass_is_no_verdict() -> None:
    history = [evaluation(1, check) for check in CHECKS]
    context = page(history)
    assert statuses(context) == {"left": "passed", "joined": "passed", "back": "passed"}
    assert context["counts"]["checks_passed"] == 4
    assert context["counts"]["figures_unchecked"] == 1
    assert context["sentence"] == "Of 3 figures, 2 hold, 1 could not be checked."
    html = report.render(context)
    marks = {m["data-figure-id"]: m for m in Marks(html).marks if "data-figure-id" in m}
    assert {f: m["data-status"] for f, m in marks.items()} == {
        "left": "holds", "joined": "holds", "back": "unchecked"
    }  # fmt: skip
    assert marks["back"]["class"] == "figure unchecked"
    assert "back is unchecked" in html
    assert "Every check passed in the latest run, but 1 figure(s) are unchecked" in html
    judged = {j["check"] for j in context["articles"][0]["figures"][0]["judgements"]}
    # the coverage check judges mentions, not figures
    assert judged == {"quoted_numbers_equal_values", "parts_do_not_exceed_wholes"} | {
        "change_statements_agree"
    }


@pytest.mark.parametrize(
    ("check", "item", "severity", "expected"),
    [
        (CHECKS[0], "joined", None, {"joined": "failed"}),  # a figure
        (CHECKS[1], "r1", "warn", {"joined": "warned", "left": "warned"}),  # both ends
        (CHECKS[2], "r1+r2", "warn", {"joined": "warned", "back": "warned"}),  # two statements
        (CHECKS[2], "a:r1:share_of_whole", None, {"joined": "warned", "left": "warned"}),
    ],
)
def test_a_failing_row_marks_the_figures_it_names(check, item, severity, expected) -> None:
    failure = {"article_id": "a", "item_id": item, "message": "bad", "severity": severity}
    history = [evaluation(1, c, [failure] if c == check else None) for c in CHECKS]
    assert statuses(page(history)) == {"left": "passed", "joined": "passed", "back": "passed"} | (
        expected
    )


def test_only_the_latest_run_decides_and_every_run_is_in_the_trend() -> None:
    failure = {"article_id": "a", "item_id": "joined", "message": "bad"}
    history = [evaluation(1, c, [failure] if c == CHECKS[0] else None) for c in CHECKS]
    history += [evaluation(2, c) for c in CHECKS]
    context = page(history)
    assert statuses(context)["joined"] == "passed"
    bars = context["trend"]["bars"]
    assert [bar["counts"] for bar in bars] == [
        {"passed": 3, "judged nothing": 0, "warned": 0, "failed": 1},
        {"passed": 4, "judged nothing": 0, "warned": 0, "failed": 0},
    ]
    heights = [sum(s["height"] for s in bar["segments"]) for bar in bars]
    assert heights == [report.TREND_HEIGHT, report.TREND_HEIGHT]
    [check_view] = [c for c in context["checks"]["passed"] if c["check"] == CHECKS[0]]
    assert [h["status"] for h in check_view["history"]] == ["failed", "passed"]


def test_the_page_marks_figures_mentions_and_held_back_figures_and_escapes_the_text() -> None:
    held_back = {
        "stage": "figures", "source_file": "a.figures.yaml", "line": 9, "article_id": "a",
        "item_id": "plots", "rule": "quoted_numbers_equal_values", "message": "states 7, not 8",
        "expected": "8", "found": "7", "quote": "plots failed",
    }  # fmt: skip
    html = report.render(page([evaluation(1, c) for c in CHECKS], [held_back]))
    marks = {m["text"]: m for m in Marks(html).marks if "data-status" in m}
    assert marks["Some 1,200"]["data-status"] == "holds"
    assert marks["Some 1,200"]["id"] == "fig-a-left"
    assert marks["About 7"]["class"] == "mention uncovered"
    assert marks["plots failed"]["data-held-back"] == "true"
    assert marks["plots failed"]["data-status"] == "held_back"
    assert "<b>and</b>" not in html and "&lt;b&gt;and&lt;/b&gt;" in html
    assert "A &lt;title&gt;" in html
    assert fetched(html) == []
    assert "http://" not in html and "https://" not in html
    assert "published-data" not in html and "Published data" not in html  # no empty section


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1200, "1,200"), (555.5556, "555.6"), (0.08333, "0.0833"), (2.16, "2.16"),
     (math.inf, "∞"), (-math.inf, "−∞"), (None, "–"), (math.nan, "–")],
)  # fmt: skip
def test_numbers_are_shown_as_a_reader_expects(value, shown) -> None:
    assert report.number(value) == shown


@pytest.mark.parametrize(
    ("counts", "kinds", "said"),
    [
        ({"holds": 11, "contradicted": 1, "held_back": 0, "unchecked": 4}, {"outlet": 1},
         "Of 16 figures, 11 hold, 1 contradicts another outlet, 4 could not be checked."),
        ({"holds": 1, "contradicted": 3, "held_back": 2, "unchecked": 0}, {"own": 2, None: 1},
         "Of 6 figures, 1 holds, 2 contradict other figures of their article, 1 is contradicted, "
         "2 were held back by their own checks."),
        ({"holds": 0, "contradicted": 2, "held_back": 1, "unchecked": 0}, {"article": 1},
         "Of 3 figures, 1 contradicts another article of its outlet, 1 is contradicted, "
         "1 was held back by its own checks."),
        ({"holds": 2, "contradicted": 2, "held_back": 0, "unchecked": 0}, {"published": 2},
         "Of 4 figures, 2 hold, 2 contradict published data."),
        ({"holds": 0, "contradicted": 0, "held_back": 0, "unchecked": 0}, {},
         "There are no figures."),
    ],
)  # fmt: skip
def test_the_verdicts_are_said_in_one_plain_sentence(counts, kinds, said) -> None:
    assert report.verdict_sentence(counts, kinds) == said


def test_a_figure_contradicted_by_published_data_alone_is_said_so() -> None:
    """A reference row that warns names the kind 'published'; a disagreement with another
    outlet stays the wider one; a row that agrees names nothing."""
    figures = [
        {"against": [], "references": [{"severity": "warn"}]},
        {"against": [{"kind": "outlet"}], "references": [{"severity": "error"}]},
        {"against": [], "references": [{"severity": "ok"}]},
    ]
    assert report.contradiction_kinds(figures) == {"published": 1, "outlet": 1, None: 1}


@pytest.mark.parametrize(
    ("value", "unit", "kind", "shown"),
    [(388_700_000, "USD", "money", "$388.7 million"), (12.8e9, "USD", "money", "$12.8 billion"),
     (534_000, "GBP", "money", "£534,000"), (131.4, "USD", "money", "$131.40"),
     (4.5e9, "CHF", "money", "4.5 billion CHF"), (-2e6, "EUR", "money", "−€2 million"),
     (1200, "people", "count", "1,200 people"), (0.333, "fraction", None, "0.333 fraction"),
     (None, "USD", "money", "– USD")],
)  # fmt: skip
def test_money_reads_as_money(value, unit, kind, shown) -> None:
    assert report.amount(value, unit, kind) == shown


def test_every_pipeline_check_is_described_in_the_report() -> None:
    assert all(check.description for check in REGISTRY)
    assert {check.severity for check in REGISTRY} <= {"ERROR", "WARN"}


# --- end to end ------------------------------------------------------------------------------


def report_marks(duckdb_path: Path) -> dict[str, dict[str, str]]:
    html = (duckdb_path.parent / "report.html").read_text(encoding="utf-8")
    return {m["data-figure-id"]: m for m in Marks(html).marks if "data-figure-id" in m}


def test_the_seed_report_marks_the_two_disagreeing_change_statements(seed_run) -> None:
    result, duckdb_path = seed_run.result, seed_run.duckdb_path
    assert result.success
    marks = report_marks(duckdb_path)
    assert len(marks) == 11
    contradicted = {f for f, m in marks.items() if m["data-status"] == "contradicted"}
    assert contradicted == {"twice_as_many", "increase_116_percent"}
    assert marks["increase_116_percent"]["text"] == "116 percent"
    assert marks["departures"]["data-status"] == "holds"
    assert marks["networks_dismantled"]["data-status"] == "unchecked"
    [materialization] = result.asset_materializations_for_node("quality_report")
    metadata = materialization.metadata
    assert metadata["path"].value == str(duckdb_path.parent / "report.html")
    assert (metadata["figures"].value, metadata["checks_warned"].value) == (11, 1)
    assert metadata["figures_contradicted"].value == 2
    assert metadata["figures_unchecked"].value == marks_with(marks, "unchecked")
    html = (duckdb_path.parent / "report.html").read_text(encoding="utf-8")
    assert "Every check passed" not in html


def marks_with(marks: dict[str, dict[str, str]], status: str) -> int:
    return sum(1 for mark in marks.values() if mark["data-status"] == status)


def test_a_held_back_figure_is_marked_held_back_with_its_reason(
    articles_dir, run_pipeline, duckdb_path
) -> None:
    edit_figures(articles_dir, lambda d: figure(d, "already_joined").update(value=450))
    assert run_pipeline().success
    marks = report_marks(duckdb_path)
    assert marks["already_joined"]["data-status"] == "held_back"
    assert marks["already_joined"]["data-held-back"] == "true"
    html = (duckdb_path.parent / "report.html").read_text(encoding="utf-8")
    assert "states 400, but the recorded value is 450" in html
    assert 'data-check="quoted_numbers_equal_values" data-asset="figures" data-status="failed"' in (
        html
    )
    assert SEED in html


def test_the_report_shows_articles_needing_attention_first_and_at_most_its_limit() -> None:
    conn = duckdb.connect()
    ensure_schema(conn)
    sql.install_macros_and_views(conn, QualityPolicy().sql_parameters())
    conn.execute(
        "INSERT INTO articles (article_id, source_file, title, outlet, published, "
        "published_earliest, published_latest, language, body, body_sha256, body_chars, "
        "body_first_line) SELECT 'a' || i, 'a' || i || '.md', 't', 'o', '2020', "
        "DATE '2020-01-01' + i::INTEGER, DATE '2020-01-01' + i::INTEGER, 'en', 'b', 'x', 1, 5 "
        "FROM range(60) AS r(i)"
    )
    conn.execute(
        "INSERT INTO quarantine (stage, source_file, article_id, rule, message) "
        "VALUES ('figures', 'a3.figures.yaml', 'a3', 'r', 'm')"
    )
    shown = [row[0] for row in conn.execute("SELECT * FROM report_articles(50)").fetchall()]
    assert len(shown) == 50
    assert shown[:3] == ["a3", "a59", "a58"]  # held back first, then the most recent


def test_the_sample_report_says_its_verdicts_in_words_and_lets_a_reader_filter_them(
    sample_run,
) -> None:
    """Both sample articles: the sentences with their real counts, the real article first,
    passing checks folded with their count, the filters, the view per outlet, derived metrics
    named by article and outlet, and nothing fetched."""
    assert sample_run.result.success
    html = (sample_run.duckdb_path.parent / "report.html").read_text(encoding="utf-8")
    tags = Tags(html).tags
    sentence = (
        "Of 16 figures, 8 hold, 2 contradict another outlet, 1 contradicts another figure of its "
        "article, 5 could not be checked."
    )
    assert f'<p class="lead" id="sentence">{sentence}</p>' in html
    vice, constructed = SEED, "constructed-2015-01-french-departures-restated"
    assert [a["id"] for tag, a in tags if tag == "article"] == [
        f"article-{vice}", f"article-{constructed}"
    ]  # fmt: skip
    assert (
        "Of 11 figures, 5 hold, 1 contradicts another outlet, 1 contradicts another figure of "
        "its article, 4 could not be checked."
    ) in html
    assert "Of 5 figures, 3 hold, 1 contradicts another outlet, 1 could not be checked." in html
    # needs attention: titles and quotes, the other outlet named
    attention = html[html.index('<ul class="attention">') : html.index("Checks that warned")]
    assert "<cite>France Counts Record Jihadist Departures in 2014</cite>" in attention
    assert "“116 percent”</a> disagrees with" in attention and "“82 percent”" in attention
    assert constructed not in re.sub(r'"[^"]*"', "", attention)  # ids only inside attributes
    # failing checks open, the others folded with their count
    folded = {a["data-status"]: a for tag, a in tags if tag == "details" and "data-status" in a}
    assert set(folded) == {"passed", "judged nothing"}
    assert '<span data-folded-count="passed">32</span>' in html
    # judged nothing: stated_baselines_agree, and with no reference folder the reference checks
    [(nothing,)] = read_warehouse(
        sample_run.duckdb_path, "SELECT count(*) FROM check_history WHERE status = 'judged nothing'"
    )
    assert nothing > 1 and f'<span data-folded-count="judged nothing">{nothing}</span>' in html
    opened = html[html.index('id="checks-title"') : html.index('class="checks-folded"')]
    assert 'data-check="sources_agree_on_shared_measures"' in opened
    assert 'data-check="change_statements_agree"' in opened
    # filters by verdict, article and outlet
    options = {
        select: [a["value"] for tag, a in tags[i + 1 :] if tag == "option"][:3]
        for i, (tag, attrs) in enumerate(tags)
        if tag == "select"
        for select in [attrs["id"]]
    }
    assert options["filter-verdict"][:3] == ["", "holds", "contradicted"]
    assert options["filter-article"][:3] == ["", vice, constructed]
    assert html.count('<option value="VICE News">') == 1
    assert "<script>" in html and len(re.findall("<script", html)) == 1
    # what each outlet said of the shared measure of the other's
    sources = html[html.index('id="sources"') : html.index('id="derived-metrics"')]
    assert "<strong>VICE News</strong>: 11 figure(s) in 1 article(s)" in sources
    assert "Constructed example (not a real outlet): <a href" in sources
    # derived metrics name their article and outlet
    metrics = html[html.index('id="derived-metrics"') : html.index('id="checks"')]
    assert metrics.count("(VICE News)</td>") == 11
    assert fetched(html) == []
    # no reference folder: no published data, no empty section or column for it
    assert "published-data" not in html and "published data said" not in html
    assert "<dt>published</dt>" not in html and "<svg" in html  # the trend is still drawn
