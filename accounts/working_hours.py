"""A team's working time, as plain data and pure functions (no ORM, no Django).

A `Calendar` is the team's opening hours per weekday, its bank holidays and
its time zone; `Team.working_calendar()` builds one from the database. The
functions answer, for aware datetimes in any zone: is this instant within
working hours, how much working time lies between two instants, the instant
N working minutes after another, and where the next working day starts.

Working periods are half-open, [opens, closes): a team open 09:00-17:00 is
closed at 17:00 exactly. Opening times are wall-clock times in the team's
zone, so 09:00 stays 09:00 across the change to and from British Summer Time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

DEFAULT_TIME_ZONE = "Europe/London"
# The longest a search for the next working period looks ahead: a calendar
# with no working day in a year and a half is a mistake, not a long holiday.
SEARCH_DAYS = 550


@dataclass(frozen=True)
class Opening:
    """Open on `weekday` (Monday 0 ... Sunday 6) from `opens` until `closes`."""

    weekday: int
    opens: dt.time
    closes: dt.time


# Used for a team whose hours nobody has entered yet, so that out-of-hours
# wording and escalation never silently switch off (HAZ-33).
DEFAULT_OPENINGS = tuple(
    Opening(day, dt.time(9, 0), dt.time(17, 0)) for day in range(5)
)


class NoWorkingTime(ValueError):
    """The calendar has no working period within SEARCH_DAYS."""


@dataclass(frozen=True)
class Calendar:
    openings: tuple[Opening, ...] = DEFAULT_OPENINGS
    bank_holidays: frozenset[dt.date] = field(default_factory=frozenset)
    time_zone: str = DEFAULT_TIME_ZONE

    # Cached on the instance (a frozen dataclass keeps its __dict__): the
    # triage queue asks every open flag's deadline of the same calendar.
    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def periods_on(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The day's working periods as aware datetimes, sorted and merged."""
        if day in self.bank_holidays:
            return []
        zone = self.zone
        spans = sorted(
            (
                dt.datetime.combine(day, o.opens, zone),
                dt.datetime.combine(day, o.closes, zone),
            )
            for o in self.openings
            if o.weekday == day.weekday() and o.opens < o.closes
        )
        merged: list[tuple[dt.datetime, dt.datetime]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    @cached_property
    def longest_day(self) -> dt.timedelta:
        """The working time of the team's longest day of the week."""
        monday = dt.date(2024, 1, 1)  # any Monday: weekdays only, no holidays
        plain = Calendar(self.openings, frozenset(), self.time_zone)
        days = (plain.periods_on(monday + dt.timedelta(d)) for d in range(7))
        return max(
            (sum((end - start for start, end in p), dt.timedelta()) for p in days),
            default=dt.timedelta(),
        )


def _periods_from(
    cal: Calendar, t: dt.datetime
) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """Working periods that end after t, in order (the first may contain t),
    up to SEARCH_DAYS ahead."""
    day = t.astimezone(cal.zone).date()
    for offset in range(SEARCH_DAYS):
        for start, end in cal.periods_on(day + dt.timedelta(offset)):
            if end > t:
                yield start, end


def is_working(cal: Calendar, t: dt.datetime) -> bool:
    """Is the instant within the team's working hours?"""
    first = next(_periods_from(cal, t), None)
    return first is not None and first[0] <= t < first[1]


def working_time_between(
    cal: Calendar, start: dt.datetime, end: dt.datetime
) -> dt.timedelta:
    """The working time from start to end (nothing if end is not after start)."""
    total = dt.timedelta()
    day = start.astimezone(cal.zone).date()
    last = end.astimezone(cal.zone).date()
    while day <= last:
        for p_start, p_end in cal.periods_on(day):
            overlap = min(p_end, end) - max(p_start, start)
            total += max(overlap, dt.timedelta())
        day += dt.timedelta(days=1)
    return total


def working_minutes_between(
    cal: Calendar, start: dt.datetime, end: dt.datetime
) -> float:
    return working_time_between(cal, start, end) / dt.timedelta(minutes=1)


def add_working_time(
    cal: Calendar, t: dt.datetime, amount: dt.timedelta
) -> dt.datetime:
    """The first instant at which `amount` of working time has passed since t.

    Zero working time from an instant out of hours is that instant itself.
    """
    left = amount
    if left <= dt.timedelta():
        return t
    for p_start, p_end in _periods_from(cal, t):
        start = max(p_start, t)
        if start + left <= p_end:
            return start + left
        left -= p_end - start
    raise NoWorkingTime(f"Not enough working time within {SEARCH_DAYS} days of {t}")


def add_working_minutes(cal: Calendar, t: dt.datetime, minutes: float) -> dt.datetime:
    return add_working_time(cal, t, dt.timedelta(minutes=minutes))


def next_working_start(cal: Calendar, t: dt.datetime) -> dt.datetime:
    """When the team is next open after t: the start of the first working
    period that begins after t (so during working hours, the next one)."""
    for start, _end in _periods_from(cal, t):
        if start > t:
            return start
    raise NoWorkingTime(f"No working day within {SEARCH_DAYS} days of {t}")


def stretch_end(cal: Calendar, t: dt.datetime) -> dt.datetime:
    """The first instant at or after t that is out of hours: t itself when
    closed, else the end of its working stretch (periods that touch count as
    one stretch, e.g. hours that run past midnight)."""
    end = t
    for p_start, p_end in _periods_from(cal, t):
        if p_start > end:
            break
        end = max(end, p_end)
    return end
