"""The quality report: one self-contained HTML file that says which figures hold and why.

`load` reads the published warehouse with the queries of warehouse/report/; `build` turns those
rows into what the page shows (each figure's verdict and the checks with a finding on it, each
body cut into text and highlights, the trend of check outcomes over runs); `render` fills the
Jinja template in core/templates/. The plain words (the verdicts in a sentence, what each outlet
said, numbers and money) are core/report_words.py's. No Dagster here: the `quality_report` asset
only calls these.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import pandas as pd

from core import sql
from core.checks import Check
from core.report_reference import matches_by_figure, timelines, web_address
from core.report_words import (
    SEVERITY_STATUS,
    amount,
    contradiction_kinds,
    number,
    sources,
    verdict_sentence,
)
from core.summary import counted_verdicts, verdicts_said
from schemas.vocab import CHECK_STATUSES, VERDICTS

HISTORY_RUNS = 30  # runs shown in the trend and in each check's history
REPORT_ARTICLES = 50  # articles shown in full: those that need attention first (see 30_report.sql)
REPORT_ROWS = 200  # held-back rows listed
STATUSES = CHECK_STATUSES  # from best to worst
ICONS = {
    "passed": "✓", "judged nothing": "∅", "warned": "⚠", "failed": "✗", "not run": "·",
    "holds": "✓", "contradicted": "⚠", "held_back": "✗", "unchecked": "○",
}  # fmt: skip
CHECKS_ORDER = ("failed", "warned", "judged nothing", "not run", "passed")  # as the page lists them
OPEN_STATUSES = ("failed", "warned")  # checks shown open; the others are folded, with their count
# Which figures a check judges, by the asset it belongs to: a figure is in scope of the checks of
# its article and its own table always, of relation checks when it is in a relation, of derived
# metric checks when a metric is computed from it. Checks of mentions and non_figures judge none.
FIGURE_SCOPES = ("articles", "figures", "relations", "derived_metrics")
PARAMETERS = {
    "history_runs": HISTORY_RUNS, "report_articles": REPORT_ARTICLES, "report_rows": REPORT_ROWS,
}  # fmt: skip
TEMPLATES = Path(__file__).resolve().parent / "templates"
SHOWN = sql.SQL_DIR / "report" / "shown" / "article_ids.sql"  # the articles shown in full
TREND_HEIGHT = 120  # pixels of the tallest bar of the trend chart
TREND_BAR = 18  # pixels per run, bar and gap


@dataclass
class Run:
    """One pipeline run's check evaluations."""

    run_id: str
    started_at: dt.datetime
    outcomes: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes.values() if outcome["status"] == status)


def load(conn: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """The tables the report needs, one per query file of warehouse/report/. The articles shown
    are picked once (warehouse/report/shown/article_ids.sql) and passed to every query as the
    list $article_ids."""
    shown = sql.run(conn, SHOWN, PARAMETERS)["article_id"].tolist()
    params = {**PARAMETERS, "article_ids": shown}
    return {path.stem: sql.run(conn, path, params) for path in sql.sql_files("report")}


def build(
    tables: dict[str, pd.DataFrame],
    checks: list[Check],
    generated_at: dt.datetime,
    warehouse_path: str,
) -> dict[str, Any]:
    """Everything the template shows, computed from the report's tables."""
    rows = {name: _records(frame) for name, frame in tables.items()}
    runs = _runs(rows["check_history"])
    latest = runs[-1] if runs else Run("", generated_at)
    failing = {key: _failures(outcome) for key, outcome in latest.outcomes.items()}
    index = _ItemIndex(rows["figures"], rows["relations"], rows["derived_metrics"])
    figures_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for figure in rows["figures"]:
        figure["judgements"] = _judgements(figure, checks, latest, failing, index)
        figure["relations"] = index.relations_of(figure["article_id"], figure["figure_id"])
        figure["metrics"] = index.metrics_of(figure["article_id"], figure["figure_id"])
        figures_by_article[figure["article_id"]].append(figure)
    against = _disagreements(rows["contradictions"], rows["articles"])
    references = matches_by_figure(rows["reference_matches"])
    for figure in rows["figures"]:
        key = (figure["article_id"], figure["figure_id"])
        figure["against"], figure["references"] = against.get(key, []), references.get(key, [])
    held_back = [row for row in rows["quarantine"] if row["stage"] == "figures"]
    articles = [
        _article(
            article,
            figures_by_article[article["article_id"]],
            [m for m in rows["mentions"] if m["article_id"] == article["article_id"]],
            [h for h in held_back if h["article_id"] == article["article_id"]],
        )
        for article in rows["articles"]
    ]
    quotes = {(f["article_id"], f["figure_id"]): f["quote"] for f in rows["figures"]}
    verdict_of = {(f["article_id"], f["figure_id"]): f["verdict"] for f in rows["figures"]}
    verdict_of |= {(h["article_id"], h["item_id"]): "held_back" for h in held_back}
    for metric in rows["derived_metrics"]:
        metric["inputs"] = [
            {"figure_id": figure_id, "quote": quotes.get((metric["article_id"], figure_id))}
            for figure_id in metric["input_figure_ids"]
        ]
        metric["status"] = SEVERITY_STATUS.get(metric["severity"] or "ok", "passed")
        metric["verdicts"] = sorted(
            {verdict_of[(metric["article_id"], i)] for i in metric["input_figure_ids"]}
            & set(VERDICTS)
        )
    counts = {f"checks_{s.replace(' ', '_')}": latest.count(s) for s in STATUSES}
    verdicts = counted_verdicts(tables["verdict_counts"])
    contradicted = [f for f in rows["figures"] if f["verdict"] == "contradicted"]
    checks_shown = [
        {**_check_view(check, latest, failing, runs), "check": check} for check in checks
    ]
    shown_articles = {article["article_id"]: article for article in articles}
    for failures in failing.values():
        for failure in failures:
            article_id = failure.get("article_id")
            article = shown_articles.get(article_id or "", {})
            failure["title"], failure["outlet"] = article.get("title"), article.get("outlet")
            failure["verdicts"] = sorted(
                {
                    verdict_of.get((article_id, figure_id))
                    for figure_id in (
                        index.figures_of(article_id, failure.get("item_id"))
                        | {failure.get("item_id")}
                    )
                }
                & set(VERDICTS)
            )
    return {
        "generated_at": generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "warehouse_path": warehouse_path,
        "run_id": latest.run_id,
        "counts": {
            **rows["counts"][0],
            **counts,
            **{f"figures_{v}": n for v, n in verdicts.items()},
        },
        "verdicts_said": verdicts_said(verdicts),  # the quality_report asset's description
        "sentence": verdict_sentence(verdicts, contradiction_kinds(contradicted)),
        "outlets": sorted({article["outlet"] for article in articles}),
        "sources": sources(rows["figures"], articles),
        "shown": {"articles": len(articles), "held_back": len(rows["quarantine"])},
        "attention": [item for item in checks_shown if item["status"] in ("warned", "failed")],
        "trend": trend(runs),
        "articles": articles,
        "derived_metrics": rows["derived_metrics"],
        "reference_tables": rows["reference_tables"],
        "timelines": timelines(rows["reference_series"], rows["reference_matches"]),
        "checks": {
            status: [item for item in checks_shown if item["status"] == status]
            for status in CHECKS_ORDER
        },
        "quarantine": rows["quarantine"],
        "icons": ICONS,
        "open_statuses": OPEN_STATUSES,
    }


class _Environment(jinja2.Environment):
    """Jinja's environment, reading `row.key` of a dict as its item first. Jinja tries the
    attribute first and takes the item when that raises AttributeError: on the report's tens of
    thousands of lookups in dicts, the raised errors cost more than the rest. The template names
    no dict method (items, get, ...), so each lookup finds what it found before."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def render(context: dict[str, Any]) -> str:
    """The report as one HTML document: styles inline, charts as inline SVG, no scripts."""
    environment = _Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["number"] = number
    environment.filters["web_address"] = web_address
    environment.globals["amount"] = amount
    return environment.get_template("report.html.j2").render(**context)


def trend(runs: list[Run]) -> dict[str, Any]:
    """Geometry of the trend chart: one stacked bar per run, passed at the bottom."""
    tallest = max((len(run.outcomes) for run in runs), default=0) or 1
    bars = []
    for position, run in enumerate(runs):
        y = float(TREND_HEIGHT)
        segments = []
        for status in STATUSES:
            height = TREND_HEIGHT * run.count(status) / tallest
            y -= height
            segments.append({"status": status, "y": round(y, 1), "height": round(height, 1)})
        bars.append(
            {
                "x": position * TREND_BAR,
                "segments": segments,
                "run_id": run.run_id,
                "started_at": run.started_at.strftime("%Y-%m-%d %H:%M:%S"),
                "counts": {status: run.count(status) for status in STATUSES},
            }
        )
    return {
        "bars": bars,
        "width": max(len(runs) * TREND_BAR, TREND_BAR),
        "height": TREND_HEIGHT,
        "bar_width": TREND_BAR - 4,
    }


class _ItemIndex:
    """What the item of a failing row (a figure, a relation, a pair of relations, a derived
    metric) says about figures: which figures it names."""

    def __init__(self, figures: list[dict], relations: list[dict], metrics: list[dict]):
        self.figures = {(f["article_id"], f["figure_id"]) for f in figures}
        self.quotes = {(f["article_id"], f["figure_id"]): f["quote"] for f in figures}
        self.relations = {(r["article_id"], r["relation_id"]): r for r in relations}
        self.metrics = {m["metric_id"]: m for m in metrics}
        self.in_relation = {
            (r["article_id"], figure_id)
            for r in relations
            for figure_id in (r["subject_id"], r["object_id"])
        }
        self.in_metric = {
            (m["article_id"], figure_id) for m in metrics for figure_id in m["input_figure_ids"]
        }

    def figures_of(self, article_id: str | None, item_id: str | None) -> set[str]:
        """The figures a failing row names: itself, both ends of a relation, the statements
        compared by an agreement of two relations ('r1+r2'), or the inputs of a metric."""
        if article_id is None or item_id is None:
            return set()
        if (article_id, item_id) in self.figures:
            return {item_id}
        relation = self.relations.get((article_id, item_id))
        if relation is not None:
            return {relation["subject_id"], relation["object_id"]}
        pair = [self.relations.get((article_id, part)) for part in item_id.split("+")]
        if len(pair) > 1 and all(pair):
            return {relation["subject_id"] for relation in pair}
        metric = self.metrics.get(item_id)
        return set(metric["input_figure_ids"]) if metric else set()

    def in_scope(self, asset: str, article_id: str, figure_id: str) -> bool:
        if asset == "relations":
            return (article_id, figure_id) in self.in_relation
        if asset == "derived_metrics":
            return (article_id, figure_id) in self.in_metric
        return asset in FIGURE_SCOPES

    def relations_of(self, article_id: str, figure_id: str) -> list[dict[str, Any]]:
        """The figure's relations, each with the figure at its other end."""
        found = []
        for (article, relation_id), relation in self.relations.items():
            ends = (relation["subject_id"], relation["object_id"])
            if article != article_id or figure_id not in ends:
                continue
            other = ends[1] if ends[0] == figure_id else ends[0]
            found.append(
                {
                    "relation_id": relation_id,
                    "type": relation["type"],
                    "origin": relation["origin"],
                    "cue": relation["cue"],
                    "role": "subject" if ends[0] == figure_id else "object",
                    "other_id": other,
                    "other_quote": self.quotes.get((article_id, other)),
                }
            )
        return found

    def metrics_of(self, article_id: str, figure_id: str) -> list[dict[str, Any]]:
        return [
            m
            for m in self.metrics.values()
            if m["article_id"] == article_id and figure_id in m["input_figure_ids"]
        ]


def _disagreements(
    contradictions: list[dict[str, Any]], articles: list[dict[str, Any]]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """For each figure, the figures it disagrees with (rows of contradictions.sql: the
    comparisons behind the verdicts that warn or err), each saying whom (kind: outlet, article
    or own) and how."""
    outlet_of = {a["article_id"]: a["outlet"] for a in articles}
    found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in contradictions:
        kind = (
            "own"
            if row["other_article_id"] == row["article_id"]
            else "article"
            if row["other_outlet"] == outlet_of.get(row["article_id"])
            else "outlet"
        )
        found[(row["article_id"], row["figure_id"])].append(
            {
                "kind": kind, "article_id": row["other_article_id"],
                "figure_id": row["other_figure_id"], "quote": row["other_quote"],
                "title": row["other_title"], "outlet": row["other_outlet"],
                "severity": row["severity"], "how": row["how"],
            }
        )  # fmt: skip
    return found


def _judgements(
    figure: dict[str, Any],
    checks: list[Check],
    latest: Run,
    failing: dict[tuple[str, str], list[dict[str, Any]]],
    index: _ItemIndex,
) -> list[dict[str, Any]]:
    """The checks of the latest run that judged the figure, each with its verdict on it."""
    article_id, figure_id = figure["article_id"], figure["figure_id"]
    judgements = []
    for check in checks:
        key = (check.asset, check.name)
        if key not in latest.outcomes or not index.in_scope(check.asset, article_id, figure_id):
            continue
        against = [
            failure
            for failure in failing[key]
            if failure.get("article_id") == article_id
            and figure_id in index.figures_of(article_id, failure.get("item_id"))
        ]
        if against:
            status = _worst(_failure_status(f, latest.outcomes[key]) for f in against)
            message = "; ".join(str(f.get("message")) for f in against)
        else:
            status, message = "passed", ""
        judgements.append(
            {"check": check.name, "asset": check.asset, "status": status, "message": message}
        )
    return judgements


def _failure_status(failure: dict[str, Any], outcome: dict[str, Any]) -> str:
    """A failing row's own severity ('warn', 'error') when it has one, else its check's."""
    return SEVERITY_STATUS.get(failure.get("severity") or "", outcome["status"])


def _check_view(
    check: Check,
    latest: Run,
    failing: dict[tuple[str, str], list[dict[str, Any]]],
    runs: list[Run],
) -> dict[str, Any]:
    key = (check.asset, check.name)
    outcome = latest.outcomes.get(key)
    return {
        "status": outcome["status"] if outcome else "not run",
        "failing_rows": outcome["failing_rows"] if outcome else 0,
        "summary": outcome["summary"] if outcome else "not evaluated in the latest run",
        "failures": failing.get(key, []),
        "history": [
            {
                "status": run.outcomes[key]["status"] if key in run.outcomes else "not run",
                "started_at": run.started_at.strftime("%Y-%m-%d %H:%M:%S"),
                "summary": run.outcomes[key]["summary"] if key in run.outcomes else "not run",
            }
            for run in runs
        ],
    }


def _article(
    article: dict[str, Any],
    figures: list[dict[str, Any]],
    uncovered: list[dict[str, Any]],
    held_back: list[dict[str, Any]],
) -> dict[str, Any]:
    """An article with its body cut into plain text and highlighted spans."""
    body = article["body"]
    spans = [(f["start"], f["end"], "figure", f) for f in figures if f["start"] is not None]
    for row in held_back:  # a held-back figure is placed at the first occurrence of its quote
        start = body.find(row["quote"]) if row["quote"] else -1
        if start >= 0:
            spans.append((start, start + len(row["quote"]), "held_back", row))
    # last, so that on the same span a figure held back wins over the mention it leaves uncovered
    spans += [(m["start"], m["end"], "mention", m) for m in uncovered]
    segments: list[dict[str, Any]] = []
    position = 0
    for start, end, kind, item in sorted(spans, key=lambda span: (span[0], -span[1])):  # stable
        if start < position:
            continue  # overlaps a span already highlighted
        if start > position:
            segments.append({"kind": "text", "text": body[position:start]})
        segments.append({"kind": kind, "text": body[start:end], "item": item})
        position = end
    segments.append({"kind": "text", "text": body[position:]})
    verdicts = [f["verdict"] for f in figures]
    counts = {verdict: verdicts.count(verdict) for verdict in VERDICTS}
    counts["held_back"] += len({row["item_id"] for row in held_back})
    contradicted = [f for f in figures if f["verdict"] == "contradicted"]
    return {
        **article,
        "segments": segments,
        "figures": figures,
        "uncovered": uncovered,
        "held_back": held_back,
        "counts": counts,
        "sentence": verdict_sentence(counts, contradiction_kinds(contradicted)),
        "attention": contradicted
        + [{**row, "verdict": "held_back", "figure_id": row["item_id"]} for row in held_back],
        "verdicts": sorted({verdict for verdict, n in counts.items() if n}),
    }


def _runs(history: list[dict[str, Any]]) -> list[Run]:
    runs: dict[str, Run] = {}
    for row in history:  # oldest run first, as the query orders them
        run = runs.setdefault(row["run_id"], Run(row["run_id"], row["started_at"]))
        run.outcomes[(row["asset"], row["check_name"])] = row
    return list(runs.values())


def _failures(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    details = outcome.get("details")
    return json.loads(details) if details else []


def _worst(statuses: Any) -> str:
    return max(statuses, key=STATUSES.index, default="passed")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, missing values as None and lists as lists."""
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for record in records:
        for key, value in record.items():
            if hasattr(value, "tolist"):
                record[key] = value.tolist()
    return records
