"""The team's working time (accounts/working_hours.py): pure, no database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from accounts import working_hours as wh

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
# Mon-Fri 09:00-17:00, with Christmas Day 2026 (a Friday) a bank holiday.
CAL = wh.Calendar(bank_holidays=frozenset({dt.date(2026, 12, 25)}))


def london(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)  # type: ignore[misc]


def test_a_weekday_morning_is_working_time_and_the_evening_is_not() -> None:
    assert wh.is_working(CAL, london(2026, 12, 2, 9, 0))  # Wednesday
    assert wh.is_working(CAL, london(2026, 12, 2, 16, 59))
    assert not wh.is_working(CAL, london(2026, 12, 2, 17, 0))
    assert not wh.is_working(CAL, london(2026, 12, 2, 8, 59))


def test_the_weekend_and_a_bank_holiday_are_not_working_time() -> None:
    assert not wh.is_working(CAL, london(2026, 12, 5, 11, 0))  # Saturday
    assert not wh.is_working(CAL, london(2026, 12, 6, 11, 0))  # Sunday
    assert not wh.is_working(CAL, london(2026, 12, 25, 11, 0))  # Christmas


def test_nine_oclock_stays_nine_oclock_in_british_summer_time() -> None:
    # 09:00 BST is 08:00 UTC: open then, not at 08:30 BST.
    assert wh.is_working(CAL, dt.datetime(2026, 6, 3, 8, 0, tzinfo=UTC))
    assert not wh.is_working(CAL, dt.datetime(2026, 6, 3, 7, 30, tzinfo=UTC))
    # In winter 09:00 is 09:00 UTC.
    assert not wh.is_working(CAL, dt.datetime(2026, 12, 2, 8, 30, tzinfo=UTC))


def test_working_minutes_count_only_the_open_hours() -> None:
    # Friday 16:30 to Monday 09:30: half an hour each side of the weekend.
    got = wh.working_minutes_between(
        CAL, london(2026, 12, 4, 16, 30), london(2026, 12, 7, 9, 30)
    )
    assert got == 60


def test_working_minutes_skip_the_bank_holiday() -> None:
    # Thursday 24th 16:00 to Monday 28th 10:00: 60 + 60 minutes.
    got = wh.working_minutes_between(
        CAL, london(2026, 12, 24, 16, 0), london(2026, 12, 28, 10, 0)
    )
    assert got == 120


def test_the_night_the_clocks_change_does_not_change_the_working_day() -> None:
    # Sunday 29 March 2026 the clocks go forward: Friday 17:00 to Monday 17:00
    # is one working day whatever the wall clock did.
    got = wh.working_minutes_between(
        CAL, london(2026, 3, 27, 17, 0), london(2026, 3, 30, 17, 0)
    )
    assert got == 8 * 60


def test_thirty_working_minutes_after_friday_half_past_four_is_monday() -> None:
    assert wh.add_working_minutes(CAL, london(2026, 12, 4, 16, 45), 30) == london(
        2026, 12, 7, 9, 15
    )


def test_adding_working_minutes_from_the_night_starts_at_opening() -> None:
    assert wh.add_working_minutes(CAL, london(2026, 12, 2, 23, 0), 10) == london(
        2026, 12, 3, 9, 10
    )


def test_the_next_working_day_after_christmas_eve_evening_is_monday() -> None:
    assert wh.next_working_start(CAL, london(2026, 12, 24, 18, 0)) == london(
        2026, 12, 28, 9, 0
    )
    # During working hours it is the next day's opening.
    assert wh.next_working_start(CAL, london(2026, 12, 2, 10, 0)) == london(
        2026, 12, 3, 9, 0
    )


def test_the_stretch_ends_at_closing_or_is_now_when_closed() -> None:
    assert wh.stretch_end(CAL, london(2026, 12, 2, 10, 0)) == london(2026, 12, 2, 17)
    assert wh.stretch_end(CAL, london(2026, 12, 2, 18, 0)) == london(2026, 12, 2, 18)


def test_hours_that_touch_midnight_are_one_stretch() -> None:
    always = wh.Calendar(
        openings=tuple(wh.Opening(d, dt.time(0), dt.time(23, 59)) for d in range(7))
        + tuple(wh.Opening(d, dt.time(23, 59), dt.time.max) for d in range(7))
    )
    assert wh.is_working(always, london(2026, 12, 2, 23, 59, 30))
    assert (
        wh.working_minutes_between(
            always, london(2026, 12, 2, 12), london(2026, 12, 2, 13)
        )
        == 60
    )


def test_another_time_zone_reads_the_hours_in_that_zone() -> None:
    new_york = wh.Calendar(time_zone="America/New_York")
    # 14:00 UTC is 09:00 in New York in winter; London would be open already.
    assert wh.is_working(new_york, dt.datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    assert not wh.is_working(new_york, dt.datetime(2026, 12, 2, 13, 0, tzinfo=UTC))


def test_the_longest_day_is_the_longest_opening_of_the_week() -> None:
    cal = wh.Calendar(
        openings=(
            wh.Opening(0, dt.time(8), dt.time(18)),
            wh.Opening(1, dt.time(9), dt.time(12)),
        )
    )
    assert cal.longest_day == dt.timedelta(hours=10)


def test_a_calendar_with_no_openings_is_never_working() -> None:
    closed = wh.Calendar(openings=())
    assert not wh.is_working(closed, london(2026, 12, 2, 10))
    assert (
        wh.working_minutes_between(closed, london(2026, 1, 1), london(2026, 9, 1)) == 0
    )


# Instants from 2026 to 2027, so the clock changes and Christmas are in range.
instants = st.datetimes(
    min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2027, 12, 31)
).map(lambda t: t.replace(tzinfo=UTC, microsecond=0))
minutes = st.integers(min_value=0, max_value=5 * 8 * 60 * 3)


@settings(max_examples=150, deadline=None)
@given(instants, minutes)
def test_adding_working_minutes_then_counting_them_gives_them_back(
    t: dt.datetime, n: int
) -> None:
    later = wh.add_working_minutes(CAL, t, n)
    assert later >= t
    assert wh.working_minutes_between(CAL, t, later) == n


@settings(max_examples=150, deadline=None)
@given(instants, instants, instants)
def test_working_time_adds_up_over_a_split(
    a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    a, b, c = sorted((a, b, c))
    whole = wh.working_time_between(CAL, a, c)
    assert whole == wh.working_time_between(CAL, a, b) + wh.working_time_between(
        CAL, b, c
    )
    assert whole <= c - a


@settings(max_examples=150, deadline=None)
@given(instants)
def test_the_next_working_start_is_working_time_and_nothing_opens_before_it(
    t: dt.datetime,
) -> None:
    start = wh.next_working_start(CAL, t)
    assert start > t
    assert wh.is_working(CAL, start)
    assert start.astimezone(LONDON).time() == dt.time(9, 0)
    # No working time lies strictly between t's stretch end and that start.
    assert wh.working_time_between(CAL, wh.stretch_end(CAL, t), start) == dt.timedelta()


@settings(max_examples=150, deadline=None)
@given(instants)
def test_working_instants_are_weekdays_between_nine_and_five_london_time(
    t: dt.datetime,
) -> None:
    local = t.astimezone(LONDON)
    expected = (
        local.weekday() < 5
        and local.date() != dt.date(2026, 12, 25)
        and dt.time(9) <= local.time() < dt.time(17)
    )
    assert wh.is_working(CAL, t) == expected
