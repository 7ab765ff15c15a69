"""Dates of the sample: the months it covers and small date arithmetic."""
from __future__ import annotations

import calendar
import datetime as dt

FIRST_YEAR, LAST_YEAR = 2019, 2020
END = dt.date(LAST_YEAR, 12, 31)  # nothing in the sample happens after this day


def months(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def month_end(month: str) -> dt.date:
    year, mon = (int(x) for x in month.split("-"))
    return dt.date(year, mon, calendar.monthrange(year, mon)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's last day (as DuckDB's `+ interval n month`)."""
    total = day.year * 12 + day.month - 1 + months
    year, mon = divmod(total, 12)
    return dt.date(year, mon + 1, min(day.day, calendar.monthrange(year, mon + 1)[1]))


def shift(day: dt.date, months: float) -> dt.date:
    """About `months` months later (fractional months as days)."""
    return day + dt.timedelta(days=int(round(months * 30.44)))
