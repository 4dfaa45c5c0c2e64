"""Chart contexts for pages, as small functions over QuerySets: the patient's
trends page and the charts on the nurse's view of a record. Both draw with
diary.charts, so a chart reads the same on every page (and in the PDF)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from diary.charts import (
    DayPoint,
    breakthrough_chart,
    daily_series,
    score_chart,
    series_summary,
    to_svg,
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
        "series": series,
        "start": start,
        "end": end,
    }


def record_charts(entries: EntryQuerySet, today: dt.date, days: int) -> dict[str, Any]:
    """The scores and the breakthrough doses over the last `days` days, as
    inline SVG, with the same data as a table."""
    start = today - dt.timedelta(days=days - 1)
    series = daily_series(start, today, entry_points(entries.between(start, today)))
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
        "series": series,
    }
