"""Speed of matching figures with reference values and judging the matches (issue 17).

    .venv/bin/python -m benchmarks.matching_speed [--articles 100000] [--references 10000]
        [--seed 0] [--save FILE.pkl] [--compare FILE.pkl]

Generates the figures of --articles articles (8 to 20 each, as benchmarks/generate.py writes
them) as `figures` rows with found measures, and --references reference rows, from small pools of
what is counted, of whom, places and periods, so that measures repeat as they do in news: about
half the figures state a reference row's measure (its place, or another or none; its period
said as a text says it, "in 2019", "last year", "in June", "as of 1 March 2020", or another),
the others a measure of the pool or a word no reference uses; 5 percent of the counts and money
figures state a change in percent instead ("in 2019" or "2019 against 2018", with a sentence
that says it rose or fell). Then it times what the pipeline does (core/derivation.py), each
step apart: the load of the articles, figures and reference rows into an in-memory DuckDB
warehouse with the real schema (core.tables.ensure_schema, macros and views by
core.sql.install_macros_and_views; earlier steps of the pipeline, counted here all the same),
reading the figures with their articles' dates and the reference values back as the pipeline
reads them (datetime64 dates), the figures' sides (core.matching.distinct_sides, once),
core.matching.match_figures, core.change_matching.match_changes and
core.proposals.propose_shared_measures over them and their sides, the validation (Pandera) and
load of the matches and proposals, and the judging (reference_agreements and
proposed_measure_agreements, counted by severity); it prints the seconds of each (wall time and
CPU time: the machine may be shared), their total and the peak RSS of the process. --save writes
the three outputs; --compare checks that they are the same as a saved run's (a speed-up must
not change them).
Generation is not timed. Everything is drawn from numpy's generator seeded with --seed.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import resource
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from core import sql
from core.change_matching import match_changes
from core.derivation import FIGURE_SIDES
from core.matching import distinct_sides, match_figures
from core.proposals import propose_shared_measures
from core.tables import ensure_schema, insert_rows
from schemas import MeasureProposalModel, ReferenceMatchModel

SUBJECTS = (
    "unemployment rate|percent, house prices|percent, asylum applications|count, road deaths|"
    "count, measles cases|count, patients waiting for treatment|count, public debt|percent, "
    "wheat harvest|count, rail journeys|count, knife crime offences|count, live births|count, "
    "greenhouse gas emissions|count, gas storage|percent, overdose deaths|count, murders|count, "
    "pupils passing exams|percent, electricity from renewables|percent, farm income|money, "
    "net migration|count, public deficit|money, average wage|money, rents|money"
)
QUALIFIERS = ("", "youth", "average", "annual", "new", "first-time", "recorded", "urban")
OF_WHOM = (None, "women", "children", "people aged 16 to 64", "foreign nationals", "households")
PLACES = (
    "France",
    "Germany",
    "Spain",
    "Italy",
    "Ireland",
    "United Kingdom",
    "United States",
    "Poland",
    "Sweden",
    "Norway",
    "Denmark",
    "Finland",
    "Austria",
    "Belgium",
    "Netherlands",
    "Portugal",
    "Greece",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Scotland",
    "Wales",
    "England",
    "London",
    "Paris",
    "Berlin",
    "Madrid",
    "Rome",
    "Dublin",
    "Warsaw",
    "Texas",
    "California",
    "Ohio",
    "Florida",
    "Bavaria",
    "Catalonia",
    "Andalusia",
    "Lombardy",
    "Quebec",
    "Ontario",
)
OTHER_WHAT = ("officials", "votes", "seats", "visitors", "tickets", "trees", "flights", "shops")
UNITS = {"count": "people", "percent": "percent", "money": "EUR"}
KINDS = {unit: kind for kind, unit in UNITS.items()}
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = (dt.date(2025, 6, 30) - FIRST_DAY).days
MONTH_NAMES = calendar.month_name
CHANGES = 0.05  # the share of counts and money figures written as a change in percent


def measures() -> list[tuple[str, str | None, str]]:
    """The pool of what is counted: (what, of whom, kind of number)."""
    subjects = [item.strip().split("|") for item in SUBJECTS.split(",")]
    return [
        (f"{qualifier} {what}".strip(), of_whom, kind)
        for what, kind in subjects
        for qualifier in QUALIFIERS
        for of_whom in OF_WHOM
    ]


def references(count: int, rng: np.random.Generator) -> pd.DataFrame:
    """count rows of `reference_values` in one reference table, each of a measure of the pool,
    a place and a year, month or day from 2014 to 2025."""
    pool = measures()
    rows = []
    for i, (m, p, form, year, month, day) in enumerate(
        zip(
            rng.integers(len(pool), size=count),
            rng.integers(len(PLACES), size=count),
            rng.choice(["year", "month", "day"], size=count, p=[0.5, 0.3, 0.2]),
            rng.integers(2014, 2026, size=count),
            rng.integers(1, 13, size=count),
            rng.integers(1, 29, size=count),
            strict=True,
        )
    ):
        what, of_whom, kind = pool[m]
        year, month, day = int(year), int(month), int(day)
        if form == "year":
            period, kind_, start, end = (
                str(year),
                "during",
                dt.date(year, 1, 1),
                dt.date(year, 12, 31),
            )
        elif form == "month":
            last = calendar.monthrange(year, month)[1]
            period, kind_ = f"{year}-{month:02d}", "during"
            start, end = dt.date(year, month, 1), dt.date(year, month, last)
        else:
            start = end = dt.date(year, month, day)
            period, kind_ = start.isoformat(), "as_of"
        rows.append(
            {
                "reference_id": "generated",
                "row_id": f"generated:{i + 2}",
                "source_file": "generated.csv",
                "source_line": i + 2,
                "measure_id": None,
                "what": what,
                "of_whom": of_whom,
                "place": PLACES[p],
                "period": period,
                "period_kind": kind_,
                "period_start": start,
                "period_end": end,
                "value": float(rng.integers(1, 100_000)),
                "unit": UNITS[kind],
                "source_url": None,
                "source_quote": None,
            }
        )
    return pd.DataFrame(rows)


def _period_text(row: dict, published: dt.date, draw: float) -> str | None:
    """How a text says a reference row's period, as of its publication date."""
    start = row["period_start"]
    if row["period_kind"] == "as_of":
        return f"as of {start.day} {MONTH_NAMES[start.month]} {start.year}"
    if row["period"].count("-") == 1:  # a month
        if start.year == published.year and draw < 0.5:
            return f"in {MONTH_NAMES[start.month]}"
        return f"in {MONTH_NAMES[start.month]} {start.year}"
    if start.year == published.year - 1 and draw < 0.5:
        return "last year"
    return f"in {start.year}"


def figures(articles: int, refs: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The `figures` rows of articles (8 to 20 figures each) with their found measures and their
    article's published_earliest and published_latest (see the module)."""
    counts = rng.integers(8, 21, size=articles)
    total = int(counts.sum())
    article = np.repeat(np.arange(articles), counts)
    published = [FIRST_DAY + dt.timedelta(days=int(d)) for d in rng.integers(DAYS, size=articles)]
    pool, ref_rows = measures(), refs.to_dict("records")
    source = rng.choice(["reference", "pool", "other"], size=total, p=[0.5, 0.3, 0.2])
    picks, draws = rng.integers(1 << 30, size=(total, 3)), rng.random(size=(total, 4))
    rows = []
    for i in range(total):
        day = published[article[i]]
        pick, draw = picks[i], draws[i]
        ref = None
        if source[i] == "reference":
            ref = ref_rows[pick[0] % len(ref_rows)]
            what, of_whom = ref["what"], ref["of_whom"]
            kind = KINDS[ref["unit"]]
            other = PLACES[pick[1] % len(PLACES)]
            place = ref["place"] if draw[0] < 0.6 else None if draw[0] < 0.8 else other
            period = _period_text(ref, day, draw[2]) if draw[1] < 0.7 else None
        else:
            what, of_whom, kind = pool[pick[0] % len(pool)]
            if source[i] == "other":
                what, of_whom = OTHER_WHAT[pick[0] % len(OTHER_WHAT)], None
            place = PLACES[pick[1] % len(PLACES)] if draw[0] < 0.5 else None
            year = 2014 + pick[2] % 12
            period = f"in {year}" if draw[1] < 0.5 else "last year" if draw[1] < 0.7 else None
        value = float(pick[2] % 100_000 + 1)
        sentence = None
        if kind != "percent" and draw[3] < CHANGES:  # a change of a level in percent
            kind, year = "percent", int(ref["period_start"].year if ref else 2014 + pick[2] % 12)
            period = f"{year} against {year - 1}" if draw[1] < 0.5 else f"in {year}"
            sentence = f"The {what} {'rose' if draw[0] < 0.7 else 'fell'} {value % 50:.0f} percent"
            value %= 50
        rows.append(
            (f"a{article[i]:06d}", f"auto-{i}", i, kind, UNITS[kind], what, of_whom, place, period)
            + (value, day, sentence)
        )
    columns = ["article_id", "figure_id", "start", "kind", "unit", "measure_what"]
    columns += ["measure_of_whom", "measure_where", "measure_period", "value", "published"]
    columns += ["sentence"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(
        quote=frame["value"].map("{:,.0f}".format),
        occurrence=1,
        qualifier="exact",
        hedged=False,
        rounding=0.0,
        lower=frame["value"],
        upper=frame["value"],
        measure_id=None,
        reviewed=False,
        published_earliest=frame["published"],
        published_latest=frame["published"],
    ).drop(columns="published")


def articles(frame: pd.DataFrame) -> pd.DataFrame:
    """The `articles` rows of the generated figures' articles (what the judging reads of them)."""
    first = frame.groupby("article_id", sort=True)["published_earliest"].first().reset_index()
    day = first["published_earliest"]
    return first.assign(
        source_file=first["article_id"] + ".md",
        title=first["article_id"],
        outlet="outlet-" + (first.index % 50).astype(str),
        published=day.astype(str),
        published_latest=day,
        language="en",
        body="generated",
        body_sha256="0" * 64,
        body_chars=9,
        body_first_line=1,
    )


def warehouse() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with the real schema, macros and views."""
    conn = duckdb.connect()
    ensure_schema(conn)
    sql.install_macros_and_views(conn, {"agreement_tolerance": 0.02})
    return conn


def load_inputs(conn: duckdb.DuckDBPyConnection, frame: pd.DataFrame, refs: pd.DataFrame) -> None:
    """Store the articles, figures and reference rows, as earlier steps of the pipeline do."""
    figure_columns = [c for c, *_ in conn.execute("DESCRIBE figures").fetchall()]
    insert_rows(conn, "articles", articles(frame))
    insert_rows(conn, "figures", frame[[c for c in frame.columns if c in figure_columns]])
    insert_rows(conn, "reference_values", refs)
    insert_rows(
        conn,
        "reference_tables",
        pd.DataFrame(
            [
                {
                    "reference_id": "generated",
                    "source_file": "generated.csv",
                    "sidecar_file": "generated.yaml",
                    "sha256": "0" * 64,
                    "title": "generated",
                    "publisher": "benchmarks.matching_speed",
                    "retrieved": "2026-01-01",
                    "licence": "none",
                    "rows_read": len(refs),
                }
            ]
        ),
    )


def read_inputs(conn: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures with their articles' dates, and the reference values, read as
    core/derivation.py reads them."""
    return conn.execute(FIGURE_SIDES).df(), conn.execute("SELECT * FROM reference_values").df()


def load_outputs(
    conn: duckdb.DuckDBPyConnection, matches: pd.DataFrame, proposals: pd.DataFrame
) -> None:
    """Validate the matches (in the model's columns: no metric_id, as core.derivation._matches
    gives them) and proposals against their Pandera models and store them, as
    core/derivation.py does."""
    matches = matches.reindex(columns=list(ReferenceMatchModel.to_schema().columns))
    insert_rows(conn, "reference_matches", ReferenceMatchModel.validate(matches))
    insert_rows(conn, "measure_proposals", MeasureProposalModel.validate(proposals))


def judge(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """The comparisons of reference_agreements and proposed_measure_agreements, counted by
    severity."""
    return {
        view: dict(
            conn.execute(f"SELECT severity, count(*) FROM {view} GROUP BY severity").fetchall()
        )
        for view in ("reference_agreements", "proposed_measure_agreements")
    }


def timed(name: str, function: Callable[[], object], seconds: dict[str, float]) -> object:
    """Run function, print and record its wall and CPU seconds; what it returns (the rows of a
    frame are counted)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    seconds[name] = time.perf_counter() - started
    cpu = time.process_time() - cpu
    rows = f", {len(result):,} rows" if isinstance(result, pd.DataFrame) else ""
    print(f"{name}: {seconds[name]:.1f} s ({cpu:.1f} s of CPU){rows}")
    return result


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame in an order of its rows that does not depend on how it was computed."""
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--references", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, help="write the outputs to this pickle")
    parser.add_argument("--compare", type=Path, help="compare the outputs with this pickle")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()
    refs = references(args.references, rng)
    frame = figures(args.articles, refs, rng)
    print(
        f"generated {len(frame):,} figures of {args.articles:,} articles and {len(refs):,} "
        f"reference rows in {time.perf_counter() - started:.1f} s (not timed below)"
    )
    seconds: dict[str, float] = {}
    conn = warehouse()
    started, cpu = time.perf_counter(), time.process_time()
    timed("load of articles, figures, references", partial(load_inputs, conn, frame, refs), seconds)
    del frame, refs  # the pipeline holds what it reads back, not what was generated
    read, values = timed("read of figures and reference values", lambda: read_inputs(conn), seconds)
    sides = timed("distinct_sides", lambda: distinct_sides(read), seconds)
    outputs = {
        "matches": timed("match_figures", lambda: match_figures(read, values, sides), seconds),
        "changes": timed("match_changes", lambda: match_changes(read, values, sides), seconds),
        "proposals": timed(
            "propose_shared_measures", lambda: propose_shared_measures(read, sides), seconds
        ),
    }
    matches = pd.concat([outputs["matches"], outputs["changes"]])
    timed(
        "validation and load of matches and proposals",
        lambda: load_outputs(conn, matches, outputs["proposals"]),
        seconds,
    )
    severities = timed("judging by both views", lambda: judge(conn), seconds)
    for view, counts in severities.items():
        print(f"  {view} by severity: {counts}")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"total matched and judged: {wall:.1f} s ({cpu:.1f} s of CPU)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:,.0f} MiB")
    outputs = {name: ordered(output) for name, output in outputs.items()}
    if args.save:
        pd.to_pickle(outputs, args.save)
    if args.compare:
        saved = pd.read_pickle(args.compare)
        same = {name: output.equals(saved[name]) for name, output in outputs.items()}
        print(f"outputs the same as {args.compare}: {same}")
        if not all(same.values()):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
