"""Reading a day the front matter gives: one function for every approval judgement and record."""

from __future__ import annotations

from datetime import date

import pytest

from aims_lint.dates import parse_day


def test_a_calendar_date_reads_as_that_day() -> None:
    assert parse_day("2026-03-01") == date(2026, 3, 1)


@pytest.mark.parametrize("value", [None, "", "soon", "2026-02-30", "01/03/2026", 20260301, ["2026-03-01"]])
def test_anything_else_is_no_day_and_no_crash(value: object) -> None:
    # The schema check names the bad value (AIMS106 for approved_on); the judgements go on without it.
    assert parse_day(value) is None
