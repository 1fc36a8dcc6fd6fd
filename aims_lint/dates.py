"""Calendar arithmetic for review cycles, and reading a day the front matter gives."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb).

    A result past the calendar's ends (a review on 9999-12-01 plus a cycle, or a
    cycle of 10**20 months a hostile file may carry) is clamped to date.max or
    date.min: a comparison with it still answers correctly, and no rule crashes.
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse_day(value: object) -> date | None:
    """A YYYY-MM-DD string (`approved_on`, `due`, ...) as a date; anything else as None.

    A value that is not a date is reported by the schema check (AIMS106 for
    `approved_on`); the callers go on without the day rather than crash.
    """
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
