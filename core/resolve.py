"""Resolve curated entries against their article: quotes to spans, words to numbers, qualifiers
to intervals, and relations to the figures they link."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from core.checks import (
    FIGURES_MATCH_SCHEMA,
    NON_FIGURES_MATCH_SCHEMA,
)
from core.extract import Mention, extract
from core.findings import Finding
from core.intervals import interval
from core.numbers import abridged, is_finite_number, read_number, rounding
from core.parse import Article, Entry
from schemas.vocab import FIGURE_KINDS, QUALIFIERS

if TYPE_CHECKING:  # core.find_measures reads sentences with this module's functions
    from core.find_measures import FoundMeasure

# A sentence ends at . ! or ? (with any closing quotes or brackets) before a space and a capital,
# digit or opening quote, so "U.S. officials" stays one sentence, and so does a date written with
# a month's abbreviation ("in the week ended Nov. 4, from"); a line break ends one too. The
# pattern starts with the character it is found at (the stop, kept out of the boundary, or the
# first line break), so that a scan skips every other character without trying it.
SENTENCE_END = re.compile(
    r"[.!?\n](?:(?<=[.!?])(?!(?<=(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)\s+(?:[1-9]|[12]\d|3[01])\b)"
    r"(?P<close>[\"'”’)\]]*)\s+(?=[A-Z0-9\"“‘'(\[])|(?<=\n)\n*)"
)

Bounds = tuple[float, float]


def locate(body: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets (start, end) of the n-th occurrence of quote in body, or None. A quote that looks
    the same as the body's text but is spelled in another Unicode form ("é" as one character or
    as "e" and an accent) is found too: the offsets are the body's own."""
    if occurrence < 1:
        return None
    span = _find(body, quote, occurrence)
    if span is not None or (_is_nfc(quote) and _is_nfc(body)):
        return span
    text, offsets = _composed(body)
    span = _find(text, unicodedata.normalize("NFC", quote), occurrence)
    if span is None or span[0] not in offsets or span[1] not in offsets:
        return None  # found only inside a letter and its accents
    return offsets[span[0]], offsets[span[1]]


def _find(body: str, quote: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(occurrence):
        start = body.find(quote, start + 1)
        if start < 0:
            return None
    return start, start + len(quote)


def _is_nfc(text: str) -> bool:
    return text.isascii() or unicodedata.is_normalized("NFC", text)


@functools.lru_cache(maxsize=4)
def _composed(body: str) -> tuple[str, dict[int, int]]:
    """The body in NFC, and for each place where a character with its accents starts (and at the
    end), the body's offset of that place. Computed once a body."""
    cuts = [i for i, char in enumerate(body) if i == 0 or not unicodedata.combining(char)]
    cuts.append(len(body))
    pieces, offsets, length = [], {}, 0
    for start, end in itertools.pairwise(cuts):
        offsets[length] = start
        piece = unicodedata.normalize("NFC", body[start:end])
        pieces.append(piece)
        length += len(piece)
    offsets[length] = len(body)
    return "".join(pieces), offsets


def sentence_at(body: str, start: int, end: int) -> str:
    """The sentence (or headline line) of body that contains the span [start, end)."""
    sentence_start, sentence_end = sentence_span(body, start, end)
    return body[sentence_start:sentence_end].strip()


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence (or headline line) of body that contains [start, end), before
    the spaces around it are stripped."""
    return sentence_spans(body, [(start, end)])[0]


def sentence_spans(body: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence_span of each of spans, the text's sentences looked up once for all."""
    boundaries, ends, starts = _sentence_boundaries(body)
    count, length = len(boundaries), len(body)
    found = []
    for start, end in spans:
        before = bisect.bisect_right(starts, start) - 1  # the last sentence to start by start
        after = bisect.bisect_left(boundaries, end)  # the first boundary after it
        first = starts[before] if before >= 0 else 0
        found.append((first, ends[after] if after < count else length))
    return found


@functools.lru_cache(maxsize=16)
def _sentence_boundaries(body: str) -> tuple[list[int], list[int], list[int]]:
    """Each boundary between sentences of body: where it starts, where the sentence before it
    ends (closing quotes included), and where the next sentence starts. Computed once a body."""
    boundaries, ends, starts = [], [], []
    for match in SENTENCE_END.finditer(body):
        close = match["close"]
        if close is None:  # line breaks
            boundaries.append(match.start())
            ends.append(match.start())
        else:  # after the stop
            boundaries.append(match.start() + 1)
            ends.append(match.start() + 1 + len(close))
        starts.append(match.end())
    return boundaries, ends, starts


def line_at(article: Article, offset: int) -> int:
    """Line of the article file (1-based) where a body offset lies."""
    return article.body_first_line + article.body.count("\n", 0, offset)


def figure_row(
    article: Article, entry: Entry, figures_file: str, approx_tolerance: float
) -> tuple[dict[str, Any], list[Finding]]:
    """A `figures` row for one curated figure, and the findings that hold it back before
    validation (missing or unknown keys)."""
    fields = entry.fields
    measure = fields.get("measure") if isinstance(fields.get("measure"), dict) else {}
    row = {
        "article_id": article.article_id,
        "figure_id": text_or_none(fields.get("id")),
        "quote": text_or_none(fields.get("quote")),
        "occurrence": fields.get("occurrence", 1),
        "value": fields.get("value"),
        "kind": fields.get("kind"),
        "unit": text_or_none(fields.get("unit")),
        "qualifier": fields.get("qualifier"),
        "measure_id": text_or_none(measure.get("id")),
        "measure_what": text_or_none(measure.get("what")),
        "measure_of_whom": text_or_none(measure.get("of_whom")),
        "measure_where": text_or_none(measure.get("where")),
        "measure_period": text_or_none(measure.get("period")),
        "measure_cue": None,
        "note": text_or_none(fields.get("note")),
        "reviewed": True,
        "figures_file": figures_file,
        "figures_file_line": entry.line,
        **_place(article, row_quote=fields.get("quote"), occurrence=fields.get("occurrence", 1)),
    }
    quoted = _quoted(row["quote"], approx_tolerance)
    row["quoted_value"] = quoted.value
    row["lower"], row["upper"] = quoted.bounds or _bounds(row, approx_tolerance)
    # the curator's hedge counts as the text's only where the quote's own words state one
    row["hedged"] = row["qualifier"] != "exact" and quoted.hedge is not None
    row["rounding"] = rounding(row["quote"])
    findings = [
        _figure_finding(
            article,
            entry,
            row,
            problem=problem,
            expected="the keys of a figure: id, quote, value, kind, unit, qualifier, measure",
            found=", ".join(sorted(str(key) for key in fields)),  # YAML keys need not be text
        )
        for problem in entry.problems
    ]
    value = fields.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        findings.append(_not_a_number(article, entry, row, value))
    elif value is not None and not is_finite_number(value):
        findings.append(_beyond_range(article, entry, row, value))
    return row, findings


def _beyond_range(article: Article, entry: Entry, row: dict[str, Any], value: float) -> Finding:
    """A figure whose value no DOUBLE holds: inf, NaN, or an integer of more than 308 digits."""
    found = abridged(str(value)) if isinstance(value, int) else str(value)
    return _figure_finding(
        article,
        entry,
        row,
        problem=f"value {found} is not a finite number the warehouse can store (a DOUBLE, up "
        "to about 1.8e308)",
        expected="a finite number below about 1.8e308 (at most 308 digits)",
        found=found,
    )


def _not_a_number(article: Article, entry: Entry, row: dict[str, Any], value: Any) -> Finding:
    """A figure whose value is text ("fifty percent") or another non-number."""
    reading = read_number(value) if isinstance(value, str) else None
    number = None if reading is None else _plain(reading.value)
    hint = f"; write value: {number}" if number is not None else ""
    return _figure_finding(
        article,
        entry,
        row,
        problem=f"value {value!r} is not a number: the value is a number in the figure's unit "
        f"(50 for 'fifty percent', unit percent){hint}",
        expected=f"a number{f' such as {number}' if number is not None else ''}",
        found=f"{type(value).__name__} {value!r}",
    )


def _figure_finding(
    article: Article, entry: Entry, row: dict[str, Any], problem: str, expected: str, found: str
) -> Finding:
    """A finding that holds one curated figure back before validation, at its line."""
    return Finding(
        rule=FIGURES_MATCH_SCHEMA.name,
        source_file=row["figures_file"],
        line=entry.line,
        article_id=article.article_id,
        item_id=row["figure_id"],
        quote=row["quote"],
        message=f"figure {row['figure_id'] or '(no id)'}: {problem}",
        expected=expected,
        found=found,
    )


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def unreviewed_figure_row(
    article: Article, mention: Mention, measure: FoundMeasure, approx_tolerance: float
) -> dict[str, Any]:
    """A `figures` row for a number the extractor found in an article with no figures file, with
    the measure found in its sentence. A multiplier in words ("twice as many", "doubled") is
    read as the rounded statement news makes of it: approx, not exact."""
    occurrence = occurrence_of(article.body, mention.text, mention.start)
    qualifier, lower, upper = mention.qualifier, mention.lower, mention.upper
    note = "found by the extractor, not reviewed by a curator"
    if is_word_multiplier(mention):
        qualifier = "approx"
        lower, upper = interval(mention.value, qualifier, mention.kind, approx_tolerance)
        note += "; a multiplier in words is read as rounded (approx)"
    return {
        "article_id": article.article_id,
        "figure_id": unreviewed_figure_id(mention),
        "quote": mention.text,
        "occurrence": occurrence,
        "value": mention.value,
        "quoted_value": mention.value,  # the extractor read it from this very quote
        "hedged": mention.qualifier != "exact",  # the extractor's hedge is the text's words
        "rounding": rounding(mention.text),
        "kind": mention.kind,
        "unit": mention.unit or mention.kind,
        "qualifier": qualifier,
        "lower": lower,
        "upper": upper,
        "measure_id": None,
        "measure_what": measure.what,
        "measure_of_whom": measure.of_whom,
        "measure_where": measure.where,
        "measure_period": measure.period,
        "measure_cue": measure.cue,
        "note": note,
        "reviewed": False,
        "figures_file": None,
        "figures_file_line": None,
        **_place(article, row_quote=mention.text, occurrence=occurrence),
    }


def is_word_multiplier(mention: Mention) -> bool:
    """An exact multiplier written in words: "Twice", "doubled", "tripled", "halved"."""
    return (
        mention.kind == "multiplier"
        and mention.qualifier == "exact"
        and not any(char.isdigit() for char in mention.text)
    )


def unreviewed_figure_id(mention: Mention) -> str:
    """Id of an unreviewed figure: its offset in the body, stable while the body is."""
    return f"auto-{mention.start}"


def mention_row(
    article: Article, mention: Mention, status: str, figure_id: str | None
) -> dict[str, Any]:
    """A `mentions` row: an extracted number, where it stands and what became of it."""
    return {
        "article_id": article.article_id,
        **mention.as_dict(),
        "line": line_at(article, mention.start),
        "sentence": sentence_at(article.body, mention.start, mention.end),
        "status": status,
        "figure_id": figure_id,
    }


Span = tuple[int, int, str | None]  # start, end, and the id of what lies there (None: no figure)


def curated_spans(figures: Any) -> dict[str, list[Span]]:
    """The span and id of each curated (reviewed) figure of a `figures` frame, by article."""
    spans: dict[str, list[Span]] = {}
    for row in figures.itertuples(index=False):
        if row.reviewed:
            spans.setdefault(row.article_id, []).append((row.start, row.end, row.figure_id))
    return spans


def cover_of(spans: list[Span], mention: Mention) -> Span | None:
    """The first of spans that overlaps the mention, or None."""
    return next((span for span in spans if span[0] < mention.end and mention.start < span[1]), None)


def occurrence_of(body: str, quote: str, start: int) -> int:
    """Which occurrence of quote in body starts at offset start (as `locate` counts them)."""
    occurrence, found = 1, body.find(quote)
    while found != start:
        if found < 0 or found > start:
            raise ValueError(f"{quote!r} does not start at offset {start}")
        occurrence, found = occurrence + 1, body.find(quote, found + 1)
    return occurrence


def non_figure_row(
    article: Article, entry: Entry, figures_file: str
) -> tuple[dict[str, Any], list[Finding]]:
    """A `non_figures` row: a number in the text that the curator says is not a figure; and the
    finding that holds it back before validation (missing or unknown keys)."""
    fields = entry.fields
    row = {
        "article_id": article.article_id,
        "quote": text_or_none(fields.get("quote")),
        "occurrence": fields.get("occurrence", 1),
        "reason": text_or_none(fields.get("reason")),
        "figures_file": figures_file,
        "figures_file_line": entry.line,
        **_place(article, row_quote=fields.get("quote"), occurrence=fields.get("occurrence", 1)),
    }
    if not entry.problems:
        return row, []
    finding = Finding(
        rule=NON_FIGURES_MATCH_SCHEMA.name,
        source_file=figures_file,
        line=entry.line,
        article_id=article.article_id,
        quote=row["quote"],
        message=f"not_figures entry {row['quote']!r}: " + "; ".join(entry.problems),
        expected="the keys of a not_figures entry: quote, reason (occurrence optional)",
        found=", ".join(str(key) for key in fields),
    )
    return row, [finding]


def _place(article: Article, row_quote: Any, occurrence: Any) -> dict[str, Any]:
    """Where the quote stands: offsets, file line and sentence (all None when not found); and,
    when found, the quote as the body spells it (body[start:end], in the body's Unicode form)."""
    span = None
    if isinstance(row_quote, str) and row_quote and isinstance(occurrence, int) and occurrence >= 1:
        span = locate(article.body, row_quote, occurrence)
    if span is None:
        return {"start": None, "end": None, "line": None, "sentence": None}
    start, end = span
    return {
        "quote": article.body[start:end],
        "start": start,
        "end": end,
        "line": line_at(article, start),
        "sentence": sentence_at(article.body, start, end),
    }


class Quoted(NamedTuple):
    """What a quote itself states: its number, its stated range, and whether it states a hedge."""

    value: float | None
    bounds: Bounds | None  # a range the quote states ("between 20 and 30"), else None
    hedge: str | None  # the qualifier the quote's own words give ("some": approx), else None


def _quoted(quote: str | None, approx_tolerance: float) -> Quoted:
    """The number a quote states, as the extractor reads it ("fivefold" is 5, "hundreds of" 200),
    and, when the quote states a range ("between 20 and 30", "some 2,000-2,500"), its stated
    bounds: the range's midpoint is then the number it states; and the hedge its words state
    ("some 1,200": approx; "Twice as many": none). A quote the extractor does not read as one
    figure is read by read_number."""
    if not quote:
        return Quoted(None, None, None)
    figures = [mention for mention in extract(quote, approx_tolerance) if mention.is_figure]
    if len(figures) == 1:
        mention = figures[0]
        bounds = (mention.lower, mention.upper)
        from_hedge = interval(mention.value, mention.qualifier, mention.kind, approx_tolerance)
        hedge = None if mention.qualifier == "exact" else mention.qualifier
        return Quoted(mention.value, bounds if bounds != from_hedge else None, hedge)
    reading = read_number(quote)
    return Quoted(reading.value if reading else None, None, None)


def _bounds(row: dict[str, Any], approx_tolerance: float) -> Bounds | tuple[None, None]:
    value = row["value"]
    if (
        not is_finite_number(value)
        or row["qualifier"] not in QUALIFIERS
        or row["kind"] not in FIGURE_KINDS
    ):
        return None, None
    return interval(float(value), row["qualifier"], row["kind"], approx_tolerance)


def text_or_none(value: Any) -> str | None:
    """A YAML value as text (None stays None)."""
    return None if value is None else str(value)
