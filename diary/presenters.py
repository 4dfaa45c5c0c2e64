"""Chart contexts for pages, as small functions over QuerySets: the patient's
trends page, the charts on the nurse's view of a record, and how much of a
period the diary is filled in (diary.completion). All draw with diary.charts,
so a chart reads the same on every page (and in the PDF)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.translation import get_language

from diary.charts import (
    DayPoint,
    breakthrough_chart,
    completion_strip,
    daily_series,
    percent_bars,
    score_chart,
    series_summary,
    to_svg,
)
from diary.completion import (
    Completion,
    counted,
    day_marks,
    last_days,
    marks_summary,
)
from diary.models import DailyEntry, EntryQuerySet


def entry_points(entries: QuerySet[DailyEntry]) -> list[DayPoint]:
    """One chart point per saved entry (days with none are not in it)."""
    rows = entries.values_list(
        "entry_date", "pain_score", "fatigue_score", "breakthrough_doses"
    )
    return [DayPoint(day, pain, fatigue, doses) for day, pain, fatigue, doses in rows]


def trend_context(
    entries: QuerySet[DailyEntry], start: dt.date, end: dt.date
) -> dict[str, Any]:
    """Pain and fatigue chart as inline SVG, with the same data as a table."""
    series = daily_series(start, end, entry_points(entries))
    title = f"Pain and tiredness, {start:%-d %b} to {end:%-d %b %Y}"
    summary = series_summary(series)
    drawing = score_chart(series, width=420, height=240, title=title)
    return {
        "chart_svg": to_svg(drawing, title=title, desc=summary),
        "chart_summary": summary,
        "series_rows": series_rows(series),
        "start": start,
        "end": end,
    }


def record_charts(points: list[DayPoint], today: dt.date, days: int) -> dict[str, Any]:
    """The scores and the breakthrough doses over the last `days` days, as
    inline SVG, with the same data as a table (`points` may hold more days)."""
    start = today - dt.timedelta(days=days - 1)
    series = daily_series(start, today, [p for p in points if start <= p.day <= today])
    summary = series_summary(series)
    span = f"{start:%-d %b} to {today:%-d %b %Y}"
    scores = f"Pain and tiredness, {span}"
    doses = f"Extra (breakthrough) pain relief doses, {span}"
    return {
        "scores_svg": to_svg(
            score_chart(series, width=640, height=260, title=scores),
            title=scores,
            desc=summary,
        ),
        "doses_svg": to_svg(
            breakthrough_chart(series, width=640, height=220, title=doses),
            title=doses,
            desc=summary,
        ),
        "chart_summary": summary,
        "series_rows": series_rows(series),
    }


def series_rows(series: list[DayPoint]) -> list[tuple[str, str, str, str]]:
    """The charts' data table: each day's date, pain, tiredness and extra
    doses as the table prints them (a dash when not logged). Formatted here,
    since 90 rows of template filters were most of the record's table."""
    return [
        (
            short_day(point.day),
            _or_dash(point.pain),
            _or_dash(point.fatigue),
            _or_dash(point.breakthrough),
        )
        for point in series
    ]


def short_day(day: dt.date) -> str:
    """Django's date format "D j M" ("Fri 4 Dec", translated as Django
    translates it) without its format parser, which costs ten times as much."""
    weekdays, months = _day_names(get_language())
    return f"{weekdays[day.weekday()]} {day.day} {months[day.month]}"


def day_month(day: dt.date) -> str:
    """Django's date format "j M" ("4 Dec"), as short_day."""
    return f"{day.day} {_day_names(get_language())[1][day.month]}"


@functools.cache
def _day_names(language: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The short weekday and month names as Django translates them into
    `language`, resolved once for each, where two lazy translations looked
    up for every date were a third of the time of a 90-day chart table.

    `language` must be the active language (get_language()): the names are
    resolved in it, and it is the cache's key."""
    weekdays = tuple(str(WEEKDAYS_ABBR[day]) for day in range(7))
    months = ("", *(str(MONTHS_3[month]).title() for month in range(1, 13)))
    return weekdays, months


def _or_dash(score: int | None) -> str:
    return "–" if score is None else str(score)


@dataclass(frozen=True)
class RecentDays:
    completion: Completion | None  # None before the first entry: nothing to count
    logged_today: bool
    entries: int  # all of them, for My diary's pages


def recent_days(entries: EntryQuerySet, today: dt.date, days: int) -> RecentDays:
    """Days filled in of the last `days` (today included), whether today
    is, and how many entries there are, in one query."""
    start, end = last_days(today, days)
    figures = entries.aggregate(
        began=Min("entry_date"),
        filled=Count("pk", filter=Q(entry_date__gte=start, entry_date__lte=end)),
        today=Count("pk", filter=Q(entry_date=today)),
        entries=Count("pk"),
    )
    began = figures["began"]
    return RecentDays(
        completion=counted(figures["filled"], start, end, began) if began else None,
        logged_today=bool(figures["today"]),
        entries=figures["entries"],
    )


def completion_strip_context(
    logged: set[dt.date], began: dt.date | None, today: dt.date, days: int
) -> dict[str, Any]:
    """One mark per day of the last `days` as inline SVG, with its text:
    `logged` holds the days with an entry, `began` the diary's first."""
    start, end = last_days(today, days)
    marks = day_marks(logged, start, end, began)
    summary = marks_summary(marks)
    title = f"Days filled in, {start:%-d %b} to {end:%-d %b %Y}"
    return {
        "completion_svg": to_svg(
            completion_strip(marks, width=640, title=title), title=title, desc=summary
        ),
        "completion_summary": summary,
    }


def service_report_charts(
    months: list[str], completion: list[float | None], urgent: list[float | None]
) -> dict[str, str]:
    """The service report's two charts; the report's table is their text
    alternative, and a suppressed month has no bar."""
    urgent_title = "Share of entries raising amber or red, by month"
    completion_title = "Completion rate, by month"
    return {
        "urgent_svg": to_svg(
            percent_bars(
                months,
                urgent,
                width=640,
                height=220,
                title=urgent_title,
                reference=(34.0, "PRO-TECT 34%"),
            ),
            title=urgent_title,
            desc="The figures are in the table below the charts.",
        ),
        "completion_svg": to_svg(
            percent_bars(
                months, completion, width=640, height=220, title=completion_title
            ),
            title=completion_title,
            desc="The figures are in the table below the charts.",
        ),
    }
