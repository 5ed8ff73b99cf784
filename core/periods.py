"""Periods as dates: the ISO 8601 periods of reference tables, and the periods an article's text
gives ("since the beginning of 2014", "in 2013", "as of 1 January 2014", "fiscal 2014", "last
year"), resolved against the article's publication date, so that a figure and a reference value
can be said to be of the same period or not.

A period is a count's time: `as_of` a day (a stock: "as of 1 January 2014"), or `during` a span
(a flow: "in 2014", "since January 2014"). What the text leaves open is kept as a range: "since
fall 2013" starts some day from 1 September to 30 November 2013, "since January" in an article
of December 2014 ends on its publication day, some day of December 2014.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

Day = dt.date
ANY_DAY = dt.date(2000, 1, 1)  # a publication day where any will do (publication_free)
SLACK = dt.timedelta(days=7)  # two ends this close are one end ("2014" and "to 17 December 2014")
MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A day, month or year; a month with no year is the last one of its name up to publication
_DATE = (
    rf"(?:(?P<day>\d{{1,2}})\s+)?"
    rf"(?:(?P<month>{_MONTH})\b\.?(?:\s+(?P<year>\d{{4}}))?|(?P<only_year>\d{{4}}))"
)
ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_ISO_DAY = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?"
ISO_PERIOD = re.compile(
    rf"\d{{4}}-(?:0[1-9]|1[0-2])(?:-\d{{2}})?(?:/{_ISO_DAY})?|\d{{4}}/{_ISO_DAY}"
)


@dataclass(frozen=True)
class Period:
    """When a count holds: as_of a day, or during a span; each end as the range of days it can
    be (equal bounds when the text gives the day)."""

    kind: str  # "as_of" or "during"
    start: tuple[Day, Day]
    end: tuple[Day, Day]

    def aligns_with(self, other: Period) -> bool:
        """Both are of one kind and each end of one can be the same day as the other's, give or
        take a week."""
        return (
            self.kind == other.kind
            and _overlap(self.start, other.start)
            and _overlap(self.end, other.end)
        )

    def __str__(self) -> str:
        if self.kind == "as_of":
            return f"as of {_said(self.start)}"
        return f"{_said(self.start)} to {_said(self.end)}"


def _overlap(a: tuple[Day, Day], b: tuple[Day, Day]) -> bool:
    return a[0] - SLACK <= b[1] and b[0] - SLACK <= a[1]


def _said(days: tuple[Day, Day]) -> str:
    return days[0].isoformat() if days[0] == days[1] else f"{days[0]}..{days[1]}"


def _month(year: int, month: int) -> tuple[Day, Day]:
    return Day(year, month, 1), Day(year, month, calendar.monthrange(year, month)[1])


def _year(year: int) -> tuple[Day, Day]:
    return Day(year, 1, 1), Day(year, 12, 31)


def iso_period(text: str) -> Period:
    """The period of a reference row: an ISO 8601 day (as of it), month or year (during it), or
    interval 'start/end' of days, months or years (during it). ValueError says what was found."""
    parts = text.strip().split("/")
    if len(parts) > 2 or not all(ISO.fullmatch(part) for part in parts):
        raise ValueError(
            f"period {text!r} is not ISO 8601: write a day 2014-12-17, a month 2014-12, a year "
            "2014, or an interval 2014-01-01/2014-12-17"
        )
    spans = [_iso_span(part) for part in parts]
    if len(spans) == 1 and spans[0][0] == spans[0][1]:
        return Period("as_of", spans[0], spans[0])
    first, last = spans[0][0], spans[-1][1]
    return Period("during", (first, first), (last, last))


def _iso_span(text: str) -> tuple[Day, Day]:
    year, month, day = ISO.fullmatch(text).groups()
    try:
        if day:
            return (Day(int(year), int(month), int(day)),) * 2
        if month:
            return _month(int(year), int(month))
        return _year(int(year))
    except ValueError:
        raise ValueError(f"period {text!r} is no date of the calendar") from None


# A text's period, first the forms anchored on a date, then those relative to publication.
_SINCE = re.compile(
    rf"(?:since|from)\s+(?:(?P<edge>the\s+(?:start|beginning)\s+of\s+)|[^,;]*?\bin\s+)?{_DATE}",
    re.I,
)
_SINCE_SEASON = re.compile(
    rf"(?:since|from)\s+(?P<season>{'|'.join(SEASONS)})\s+(?P<year>\d{{4}})", re.I
)
_AS_OF = re.compile(rf"(?:as\s+of|as\s+at|(?P<end>(?:at|by)\s+the\s+end\s+of)|on)\s+{_DATE}", re.I)
_FISCAL = re.compile(
    r"(?:fiscal(?:\s+year)?\s+|fy\s*)(?P<year>\d{4})|(?P<first>\d{4})[-/](?P<second>\d{2})\b", re.I
)
_QUARTER = re.compile(r"(?P<n>first|second|third|fourth)\s+quarter\s+of\s+(?P<year>\d{4})", re.I)
_TO = re.compile(
    rf"the\s+(?:(?P<n>three|six|nine|twelve|\d{{1,2}})\s+months|year)\s+to\s+"
    rf"(?:the\s+end\s+of\s+)?(?P<month>{_MONTH})\b\.?(?:\s+(?P<year>\d{{4}}))?",
    re.I,
)
_IN = re.compile(rf"^(?:(?:in|during|for|throughout|over)\s+)?{_DATE}\b", re.I)
_RELATIVE = re.compile(r"\b(?P<which>last|this|the\s+previous)\s+year\b", re.I)
_CHANGE = re.compile(r"\s+(?:vs\.?|against|compared\s+(?:with|to)|from)\s+", re.I)


def text_periods(
    text: str | None, published: tuple[Day, Day]
) -> tuple[Period | None, Period | None]:
    """A figure's period (measure_period) and, for a change ("2014 against 2013", "2014 vs
    2013"), its earlier period; None for what cannot be dated ("in recent months")."""
    if not text:
        return None, None
    pieces = _CHANGE.split(text, maxsplit=1)
    later = text_period(pieces[0], published)
    earlier = text_period(pieces[1], published) if len(pieces) > 1 else None
    return later, earlier


@lru_cache(maxsize=1 << 16)
def publication_free(text: str | None) -> bool:
    """Whether a text gives the same periods (text_periods) whatever the publication: the same
    as of two publication days centuries apart. A text resolved against its publication ("in
    June", "last year", "since 2014") is resolved through the publication's year, so gives
    periods of years far apart; no text (a figure dated by its publication) is not free."""
    far = (dt.date(1800, 1, 1),) * 2, (dt.date(2199, 12, 31),) * 2
    return bool(text) and text_periods(text, far[0]) == text_periods(text, far[1])


def text_period(text: str, published: tuple[Day, Day]) -> Period | None:
    """The period one piece of text gives, resolved against the publication date (the end of a
    'since' period, the year of 'last year'); None when it gives none that can be dated."""
    text = re.sub(r"\([^)]*\)", " ", text).strip()  # '2014 ("last year")': the year is said first
    if ISO_PERIOD.fullmatch(text):
        try:
            return iso_period(text)
        except ValueError:
            return None
    if match := _SINCE_SEASON.search(text):
        return Period("during", _season(match["season"], int(match["year"])), published)
    if match := _SINCE.search(text):
        start = _date(match, published)
        return Period("during", (start[0], start[0]) if match["edge"] else start, published)
    if match := _AS_OF.search(text):  # "at the end of March 2024" is its last day
        day = _date(match, published)
        day = (day[1], day[1]) if match["end"] else day
        return Period("as_of", day, day)
    if match := _QUARTER.search(text):
        n = ["first", "second", "third", "fourth"].index(match["n"].lower())
        first, last = (
            _month(int(match["year"]), 3 * n + 1)[0],
            _month(int(match["year"]), 3 * n + 3)[1],
        )
        return Period("during", (first, first), (last, last))
    if match := _TO.search(text):  # "the three months to June 2023", "the year to March"
        n = (match["n"] or "twelve").lower()
        months = int(n) if n.isdigit() else {"three": 3, "six": 6, "nine": 9, "twelve": 12}[n]
        year, month = _month_of(match, published)
        last = _month(year, month)[1]
        first = _month(*_months_before(year, month, months - 1))[0]
        return Period("during", (first, first), (last, last))
    if match := _FISCAL.search(text):
        if match["year"]:  # fiscal 2014 ends in 2014, from 31 March to 31 December
            year = int(match["year"])
            return Period(
                "during", (Day(year - 1, 4, 1), Day(year, 1, 1)), (Day(year, 3, 31), _year(year)[1])
            )
        first = int(match["first"])  # 2014-15: from April 2014 to June 2015 at the latest
        return Period(
            "during",
            (Day(first, 4, 1), Day(first, 7, 1)),
            (Day(first + 1, 3, 31), Day(first + 1, 6, 30)),
        )
    if match := _IN.search(text):
        first, last = _date(match, published)
        if match["day"]:
            return Period("as_of", (first, last), (first, last))
        return Period("during", (first, first), (last, last))
    if match := _RELATIVE.search(text):
        year = published[0].year - (0 if match["which"].lower() == "this" else 1)
        first, last = _year(year)
        return Period(
            "during", (first, first), published if year == published[0].year else (last, last)
        )
    return None


def _date(match: re.Match, published: tuple[Day, Day]) -> tuple[Day, Day]:
    """The days a matched date can be: the day, the month's days or the year's days."""
    if match["month"]:
        year, month = _month_of(match, published)
        if match["day"]:
            day = Day(year, month, int(match["day"]))
            return day, day
        return _month(year, month)
    return _year(int(match["only_year"]))


def _month_of(match: re.Match, published: tuple[Day, Day]) -> tuple[int, int]:
    """The year and month of a matched month: with no year, the last month of its name up to
    the publication ("in June" in an article of July 2023 is June 2023; in May 2023, June 2022)."""
    month = MONTHS[match["month"].lower()]
    return int(match["year"] or published[1].year - (month > published[1].month)), month


def _months_before(year: int, month: int, count: int) -> tuple[int, int]:
    """The year and month count months before the given one."""
    index = year * 12 + month - 1 - count
    return index // 12, index % 12 + 1


def _season(name: str, year: int) -> tuple[Day, Day]:
    """The days a season can start on: 'since fall 2013' starts from September to November."""
    first, last = SEASONS[name.lower()]
    return Day(year, first, 1), _month(year + (last < first), last)[1]
