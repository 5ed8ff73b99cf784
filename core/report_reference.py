"""The report's published data: each figure's reference values, and per measure a time line of
what the reference and each outlet said, as the geometry of a small inline SVG chart.

Pure functions of the rows of warehouse/report/reference_*.sql: core/report.py calls
`matches_by_figure` and `timelines`, the template draws them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Any

from core.report_words import SEVERITY_STATUS, amount, number

WIDTH, HEIGHT = 400, 200  # the chart's viewBox; it scales down to a phone's width
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 10, 42  # room for the axes' labels
MARK = 5.0  # half the size of a marker
RING = 7.5  # radius of a published value's ring, drawn over the markers
REFERENCE_SHAPE = "circle"
A = 0.35  # half the width of a plus's arms
SHAPES = {  # corners of each outlet's marker, in units of MARK from its centre
    "square": ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    "triangle": ((0, -1), (1, 1), (-1, 1)),
    "diamond": ((0, -1), (1, 0), (0, 1), (-1, 0)),
    "triangle-down": ((0, 1), (1, -1), (-1, -1)),
    "plus": ((-A, -1), (A, -1), (A, -A), (1, -A), (1, A), (A, A), (A, 1), (-A, 1), (-A, A),
             (-1, A), (-1, -A), (-A, -A)),
}  # fmt: skip
OUTLET_SHAPES = tuple(SHAPES)
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
MAX_X_TICKS = 5


def matches_by_figure(matches: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict]]:
    """The reference values each figure is matched with (rows of reference_matches.sql), each
    with the status of its agreement in the report's colours."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for match in matches:
        found[(match["article_id"], match["figure_id"])].append(_judged(match))
    return found


def timelines(series: list[dict[str, Any]], matches: list[dict[str, Any]]) -> list[dict]:
    """One chart per measure (rows of reference_series.sql, grouped by measure_key): its
    reference values at the end of their period, and the figures matched with any of them at
    their article's publication, a marker shape per outlet (a figure stating a change between
    two rows, a share of two, or a derived metric is not drawn: no value of the measure)."""
    rows_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in series:
        rows_of[row["measure_key"]].append(row)
    key_of = {row["row_id"]: row["measure_key"] for row in series}
    figures_of: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for match in matches:  # a figure matched with two rows of one measure is drawn once
        key = key_of.get(match["row_id"])
        if key is not None and match["compares"] == "value":  # a change, a share: no value of it
            figures_of[key].setdefault((match["article_id"], match["figure_id"]), match)
    outlets = sorted({m["outlet"] for m in matches})  # one shape per outlet on every chart
    shape_of = {o: OUTLET_SHAPES[i % len(OUTLET_SHAPES)] for i, o in enumerate(outlets)}
    return [
        _chart(position, rows_of[key], list(figures_of[key].values()), shape_of)
        for position, key in enumerate(sorted(rows_of, key=lambda k: rows_of[k][0]["what"]), 1)
    ]


def _chart(
    index: int, rows: list[dict], figures: list[dict], shape_of: dict[str, str]
) -> dict[str, Any]:
    """The geometry of one measure's chart."""
    first = rows[0]
    unit = first["unit"]
    days = [_day(r["period_end"]) for r in rows] + [_day(r["period_start"]) for r in rows]
    days += [_day(f[k]) for f in figures for k in ("published_earliest", "published_latest")]
    x_of, x_ticks = _time_axis(min(days), max(days))
    values = [r["value"] for r in rows] + [
        v for f in figures for v in (f["value"], f["lower"], f["upper"]) if _finite(v)
    ]
    y_of, y_ticks = _value_axis(min(values), max(values))
    reference = []
    for row in rows:
        x, y = x_of(_day(row["period_end"])), y_of(row["value"])
        said = f"{row['publisher']}: {amount(row['value'], unit)}, {_period(row)}"
        reference.append(
            {
                **row,
                "x": x,
                "y": y,
                "d": marker(REFERENCE_SHAPE, x, y, RING),
                "span": x_of(_day(row["period_start"])) if row["period_kind"] == "during" else None,
                "said": said,
            }
        )
    points = []
    for figure in sorted(figures, key=lambda f: (f["published_earliest"], f["outlet"])):
        early, late = (
            x_of(_day(figure["published_earliest"])),
            x_of(_day(figure["published_latest"])),
        )
        x, y = round((early + late) / 2, 1), y_of(figure["value"])
        points.append(
            {
                **_judged(figure),
                "x": x,
                "y": y,
                "d": marker(shape_of[figure["outlet"]], x, y),
                "published_span": (early, late) if late > early else None,
                "interval": _interval(figure, y_of) if figure["hedged"] else None,
                "said": f"{figure['outlet']}, “{figure['quote']}” (published "
                f"{figure['published']}): {amount(figure['value'], unit)}, {_agreement(figure)}",
            }
        )
    shown = sorted({f["outlet"] for f in figures})
    title = first["what"] + (f", {first['place']}" if first["place"] else "")
    return {
        "id": f"timeline-{index}",
        "title": title,
        "of_whom": first["of_whom"],
        "unit": unit,
        "width": WIDTH,
        "height": HEIGHT,
        "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM},
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "line": " ".join(
            f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(reference)
        ),
        "reference": reference,
        "points": points,
        "legend": [{"label": "published data", "d": marker(REFERENCE_SHAPE, 8, 8)}]
        + [{"label": o, "d": marker(shape_of[o], 8, 8)} for o in shown],
        "desc": "; ".join([r["said"] for r in reference] + [p["said"] for p in points]) + ".",
    }


def marker(shape: str, x: float, y: float, size: float = MARK) -> str:
    """An SVG path of a marker centred on (x, y)."""
    if shape == "circle":
        arc = f"a{size},{size} 0 1,0"
        return f"M{x - size:.1f},{y:.1f}{arc} {2 * size},0{arc} {-2 * size},0z"
    corners = " ".join(f"{x + dx * size:.1f},{y + dy * size:.1f}" for dx, dy in SHAPES[shape])
    return f"M{corners}z"


def web_address(url: str | None) -> str | None:
    """The address a link may point to: a web page's (http or https), never a script's
    (javascript:) nor a local file's; reference files name their sources in free text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _judged(match: dict[str, Any]) -> dict[str, Any]:
    """A match with the status of its agreement, in the report's colours."""
    return {**match, "status": SEVERITY_STATUS.get(match["severity"] or "", "not run")}


def _interval(figure: dict[str, Any], y_of: Any) -> dict[str, Any]:
    """A hedged figure's interval as a vertical bar; an open end reaches the plot's edge."""
    lower, upper = figure["lower"], figure["upper"]
    return {
        "y1": y_of(lower) if _finite(lower) else HEIGHT - BOTTOM,
        "y2": y_of(upper) if _finite(upper) else TOP,
        "open": not (_finite(lower) and _finite(upper)),
    }


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _agreement(figure: dict[str, Any]) -> str:
    said = "agrees" if figure["severity"] == "ok" else f"disagrees ({figure['severity']})"
    return f"{said} with {number(figure['reference_value'])}"


def _period(row: dict[str, Any]) -> str:
    return f"as of {row['period']}" if row["period_kind"] == "as_of" else f"over {row['period']}"


def _day(value: Any) -> int:
    """A date (or timestamp) as its day number."""
    return (value.date() if isinstance(value, dt.datetime) else value).toordinal()


def _time_axis(first: int, last: int) -> tuple[Any, list[dict[str, Any]]]:
    """The x scale (day number to pixels) and its ticks: the first day of every so many months,
    at most MAX_X_TICKS, over the days shown padded by a month or a tenth of the span."""
    pad = max(30, (last - first) // 10)
    low, high = first - pad, last + pad
    start, end = dt.date.fromordinal(low), dt.date.fromordinal(high)
    first_month = start.year * 12 + start.month  # months since year 0, from the one after low's
    months = end.year * 12 + end.month - first_month  # to high's, included
    step = next(s for s in MONTH_STEPS if -(-months // s) <= MAX_X_TICKS)
    ticks = [
        dt.date(month // 12, month % 12 + 1, 1)
        for month in range(first_month, first_month + months)
        if month % step == 0
    ]

    def x_of(day: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - low) / (high - low), 1)

    def label(index: int, day: dt.date) -> str:  # the year on the first tick and on January's
        if step >= 12:
            return str(day.year)
        return day.strftime("%b %Y" if index == 0 or day.month == 1 else "%b")

    return x_of, [{"x": x_of(d.toordinal()), "label": label(i, d)} for i, d in enumerate(ticks)]


def _value_axis(smallest: float, largest: float) -> tuple[Any, list[dict[str, Any]]]:
    """The y scale (value to pixels) and its ticks, at round numbers from 0 (or the smallest
    value, when negative) to above the largest."""
    low = min(0.0, smallest)
    high = largest if largest > low else low + 1
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((high - low) / step)

    def y_of(value: float) -> float:
        return round(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (value - low) / (high - low), 1)

    return y_of, [
        {"y": y_of(low + i * step), "label": number(low + i * step)} for i in range(count + 1)
    ]
