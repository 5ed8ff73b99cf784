"""The quality report's published data: each figure's reference values beside it, a time line per
matched measure (inline SVG) and the reference tables, on made-up rows and on the sample."""

from __future__ import annotations

import math
import re
import shutil

import pandas as pd
from conftest import SEED, materialize_in_process
from test_reference import SHIPPED
from test_report import CHECKS, NOW, Tags, fetched, tables

from core import report, report_reference

DEC = pd.Timestamp("2014-12-01"), pd.Timestamp("2014-12-31")


def series_row(row: int, period: str, end: str, value: float, kind: str = "as_of") -> dict:
    start = period.split("/")[0] if "/" in period else end
    return {
        "measure_key": "people who left|France|people", "row_id": f"t:{row}",
        "reference_id": "t", "measure_id": None, "what": "people who left", "of_whom": None,
        "place": "France", "period": period, "period_kind": kind,
        "period_start": pd.Timestamp(start), "period_end": pd.Timestamp(end), "value": value,
        "unit": "people", "source_url": f"https://example.org/{row}", "publisher": "Office",
    }  # fmt: skip


def match(figure_id: str, outlet: str, value: float, lower: float, upper: float, **kw) -> dict:
    return {
        "article_id": "a", "figure_id": figure_id, "quote": str(value), "value": value,
        "lower": lower, "upper": upper, "hedged": lower != upper, "method": "found",
        "score": 0.5, "reason": "found: 2 word(s) shared", "row_id": "t:3",
        "reference_id": "t", "reference_title": "Counts", "publisher": "Office",
        "reference_what": "people who left", "reference_period": "2014-12-15",
        "reference_value": 1200.0, "reference_unit": "people", "earlier_row_id": None,
        "source_url": "https://example.org/3?a=1&b=2", "source_quote": "1 200", "gap": 0.0,
        "severity": "ok", "compares": "value", "stated": f"'{value}'", "outlet": outlet,
        "published": "2014-12",
        "published_earliest": DEC[0], "published_latest": DEC[1],
    } | kw  # fmt: skip


SERIES = [
    series_row(2, "2014-09-14", "2014-09-14", 930),
    series_row(3, "2014-12-15", "2014-12-15", 1200),
    series_row(4, "2014-01-01/2015-05-19", "2015-05-19", 1683, "during"),
]
MATCHES = [
    match("left", "Outlet", 1200, 1200, math.inf),  # "more than 1,200": open above
    match("joined", "Other", 900, 900, 900, severity="warn", gap=0.25, method="measure_id"),
    match("back", "Outlet", 29, 29, 29, earlier_row_id="t:2", reference_value=29.0,
          compares="change", reference_unit="percent change (930 to 1,200 people)",
          reference_period="2014-12-15 against 2014-09-14"),  # a change: beside it, not drawn
]  # fmt: skip


def test_a_time_line_places_the_published_values_and_each_outlets_figures() -> None:
    [chart] = report_reference.timelines(SERIES, MATCHES)
    plot = chart["plot"]
    reference = chart["reference"]
    assert [r["row_id"] for r in reference] == ["t:2", "t:3", "t:4"]
    xs, ys = [r["x"] for r in reference], [r["y"] for r in reference]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)  # later to the right, more higher
    assert all(plot["left"] < x < plot["right"] and plot["top"] <= y < plot["bottom"] for x, y in
               zip(xs, ys, strict=True))  # fmt: skip
    assert reference[2]["span"] < xs[0]  # the period from January 2014 is drawn as a span
    assert reference[0]["span"] is None
    left, joined = sorted(chart["points"], key=lambda p: p["figure_id"], reverse=True)
    assert left["y"] == ys[1]  # 1,200 at the height of the published 1,200
    start, end = left["published_span"]  # published some day of December 2014
    assert start < left["x"] < end and start < xs[1] < end
    assert left["interval"] == {"y1": ys[1], "y2": plot["top"], "open": True}
    assert joined["interval"] is None and joined["status"] == "warned"
    assert left["d"] != joined["d"].replace(str(joined["y"]), str(left["y"]))  # two shapes
    assert [entry["label"] for entry in chart["legend"]] == ["published data", "Other", "Outlet"]
    labels = [tick["label"] for tick in chart["y_ticks"]]
    assert labels[0] == "0" and float(labels[-1].replace(",", "")) >= 1683
    assert 2 <= len(chart["x_ticks"]) <= report_reference.MAX_X_TICKS
    assert "Office: 1,683 people, over 2014-01-01/2015-05-19" in chart["desc"]


def test_the_page_shows_the_published_value_its_link_and_agreement_beside_the_figure() -> None:
    frames = tables() | {
        "reference_series": pd.DataFrame(SERIES),
        "reference_matches": pd.DataFrame(MATCHES),
        "reference_tables": pd.DataFrame(
            [{"reference_id": "t", "source_file": "t.csv", "title": "Counts <of people>",
              "publisher": "Office", "url": "https://example.org/t", "retrieved": "2026-12-03",
              "licence": "CC BY 4.0", "notes": "Read with care.", "rows_read": 4,
              "rows_loaded": 3}]
        ),
    }  # fmt: skip
    html = report.render(report.build(frames, CHECKS, NOW, "w.duckdb"))
    tip = html[html.index('id="fig-a-left"') :].split("</mark>", 1)[0]
    assert "<strong>1,200 people</strong>, Office, 2014-12-15" in tip
    assert (
        '<a href="https://example.org/3?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">'
        "source</a>"
    ) in tip
    assert '<span class="badge passed">' in tip and "agrees" in tip
    assert "found by the machine" in tip and "found: 2 word(s) shared" in tip
    other = html[html.index('id="fig-a-joined"') :].split("</mark>", 1)[0]
    assert '<span class="badge warned">' in other and "disagrees (warn)" in other
    assert "by its measure id" in other
    change = html[html.index('id="fig-a-back"') :].split("</mark>", 1)[0]
    assert "<strong>29 percent change (930 to 1,200 people)</strong>" in change
    assert "2014-12-15 against 2014-09-14" in change
    section = html[html.index('id="published-data"') : html.index('id="derived-metrics"')]
    assert "Counts &lt;of people&gt;" in section and "1 held back" in section
    assert "<details><summary>Notes</summary>" in section
    tags = Tags(section).tags
    [svg] = [a for t, a in tags if t == "svg" and a.get("role") == "img"]
    assert svg["aria-labelledby"] == "timeline-1-title timeline-1-desc"
    assert [a["data-row-id"] for t, a in tags if "reference-point" in a.get("class", "")] == [
        "t:2", "t:3", "t:4"
    ]  # fmt: skip
    points = {
        a["data-figure-id"]: a["class"] for t, a in tags if "figure-point" in a.get("class", "")
    }
    assert points == {"left": "figure-point passed", "joined": "figure-point warned"}
    assert fetched(html) == []


def test_the_sample_report_sets_the_ministrys_figures_beside_the_articles(
    sample_articles_dir, duckdb_path, instance
) -> None:
    """The shipped reference table beside the sample articles: "one fifth" converts against the
    ministry's 25 percent (a warn, with its page), "(234)" agreeing with its 234, a time line per
    matched measure, the table itself, and still nothing fetched."""
    shutil.copytree(SHIPPED, sample_articles_dir.parent / "reference")
    assert materialize_in_process(instance, sample_articles_dir, duckdb_path).success
    html = (duckdb_path.parent / "report.html").read_text(encoding="utf-8")

    def tip(figure_id: str) -> str:
        return html[html.index(f'id="fig-{SEED}-{figure_id}"') :].split("</mark>", 1)[0]

    converts = tip("converts_share")
    assert '<li data-row-id="french-jihadist-networks:19" data-agreement="warn">' in converts
    assert "<strong>25 percent</strong>, French Ministry of the Interior" in converts
    assert (
        '<a href="https://bamada.net/lutte-antiterroriste-cinq-projets-dattentats-sur-le-sol-'
        'national-dejoues-depuis-aout-2013" rel="noopener noreferrer" target="_blank">'
    ) in converts
    assert '<span class="badge warned">' in converts and "gap 0.25" in converts
    returnees = tip("returnees")
    assert '<li data-row-id="french-jihadist-networks:15" data-agreement="ok">' in returnees
    assert "<strong>234 people</strong>" in returnees and '<span class="badge passed">' in returnees
    section = html[html.index('id="published-data"') : html.index('id="derived-metrics"')]
    tags = Tags(section).tags
    charts = [a["id"] for t, a in tags if t == "figure"]
    assert len(charts) == 3  # converts, returnees (234), the rise of returns: one row each
    drawn = [(a["class"], a.get("data-figure-id") or a["data-row-id"]) for t, a in tags if t == "g"]
    assert ("figure-point warned", "converts_share") in drawn
    assert ("figure-point passed", "returnees") in drawn
    assert ("reference-point", "french-jihadist-networks:19") in drawn
    assert len(drawn) == 6
    assert "25 loaded" in section and "not stated: facts quoted with their source" in section
    assert 'href="#published-data"' in html
    sources = html[html.index('id="sources"') : html.index('id="published-data"')]
    assert "published data said" in sources
    assert re.search(r"25 percent, 2014-12-15 \(<a href=\"https://bamada\.net", sources)
    assert fetched(html) == []


def test_an_address_that_is_not_a_web_page_is_shown_never_linked() -> None:
    """Reference files are free text: a source named 'javascript:...' is no link."""
    matches = [match("left", "Outlet", 1200, 1200, 1200, source_url="javascript:alert(1)")]
    frames = tables() | {
        "reference_series": pd.DataFrame(SERIES),
        "reference_matches": pd.DataFrame(matches),
        "reference_tables": pd.DataFrame(
            [{"reference_id": "t", "source_file": "t.csv", "title": "<script>x</script>",
              "publisher": "Office", "url": "file:///etc/passwd", "retrieved": "2026-12-03",
              "licence": "CC BY 4.0", "notes": None, "rows_read": 3, "rows_loaded": 3}]
        ),
    }  # fmt: skip
    html = report.render(report.build(frames, CHECKS, NOW, "w.duckdb"))
    links = [a.get("href", "") for tag, a in Tags(html).tags if tag == "a"]
    assert not [href for href in links if not href.startswith(("#", "https://example.org/"))]
    assert "not a web address: <code>javascript:alert(1)</code>" in html
    assert "not a web address: <code>file:///etc/passwd</code>" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
