"""Working days on the official Chinese calendar, for relative deadlines ("15个工作日内").

A plan's "15个工作日内予以解决" has no anchor date, so ``find_deadlines`` leaves its date
empty; once a case has a filing date, ``add_working_days`` turns it into a calendar day.
Working days follow the State Council holiday schedule (the ``chinesecalendar`` package), so
a Saturday made a working day (调休, e.g. 2021-10-09) counts and 国庆 days do not. Years the
package does not know yet fall back to Monday–Friday rather than failing.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day: the official schedule, else Monday–Friday."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # "no available data for year 2030"
        return day.weekday() < 5


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    ``add_working_days(date(2021, 9, 30), 1)`` is 2021-10-08: October 1–7 are the National Day
    holiday. ``n == 0`` returns ``start``.
    """
    if n < 0:
        raise ValueError(f"n must not be negative: {n}")
    day = start
    while n:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


__all__ = ["add_working_days", "is_working_day"]
