"""Dates an article writes (2017年12月29日, 2023年7月, 2020年, 8月11日) at the precision it
writes them; a date without a year takes the nearest year written before it, and says so."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

# A year that is one end of a range (2018—2025年) or a decade (2010年代) is no event's date.
_DATE = re.compile(
    r"(?<![\d—–\-~～至到])(?:(?P<year>(?:1[89]|20)\d{2})年)?"
    r"(?:(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>3[01]|[12]\d|0?[1-9])[日号號])?)?"
    r"(?![\d代—–\-~～])"
)


class DateFound(NamedTuple):
    """A date in a sentence: where, the ISO date at its precision, and how the year was got."""

    start: int
    end: int
    date: str
    precision: str
    inferred_from: int | None  # the year taken from earlier text, when the date has none


def dates_in(text: str, last_year: int | None) -> list[DateFound]:
    """Every date in ``text``; ``last_year`` is the nearest year written before it."""
    found: list[DateFound] = []
    for m in _DATE.finditer(text):
        year, month, day = m.group("year"), m.group("month"), m.group("day")
        if not year and not month:
            continue
        if not year and not day:
            continue  # 7月 alone is too often a month of any year, or a count of months
        inferred = None
        if year:
            y = int(year)
            last_year = y
        elif last_year is None:
            continue
        else:
            y = inferred = last_year
        try:
            dt.date(y, int(month or 1), int(day or 1))
        except ValueError:
            continue
        if day:
            date, precision = f"{y:04d}-{int(month):02d}-{int(day):02d}", "day"
        elif month:
            date, precision = f"{y:04d}-{int(month):02d}", "month"
        else:
            date, precision = f"{y:04d}", "year"
        found.append(DateFound(m.start(), m.end(), date, precision, inferred))
    return found


def last_year_in(text: str) -> int | None:
    """The last year written in ``text``, for dates further on that give none."""
    years = [int(m.group("year")) for m in _DATE.finditer(text) if m.group("year")]
    return years[-1] if years else None
