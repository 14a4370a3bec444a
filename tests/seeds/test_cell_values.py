"""Dates as clerks write them: every accepted format parses, impossible dates do not."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seeds.cell_values import parse_date


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_accepted_date_format_parses(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for text in (
        day.isoformat(),
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y}/{m:02}/{d:02} 0:00",
    ):
        assert parse_date(text) == day, text
    assert parse_date(datetime(y, m, d, 12, 0)) == day


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "26-3-1", "March 1", "0099-01-01"])
def test_impossible_dates(text: str) -> None:
    assert parse_date(text) is None
