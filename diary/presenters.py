"""Chart and table data for pages, as small functions over QuerySets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from diary.charts import DayPoint, daily_series, score_chart, series_summary, to_svg
from diary.models import DailyEntry


def day_points(entries: QuerySet[DailyEntry]) -> list[DayPoint]:
    rows = entries.values_list(
        "entry_date", "pain_score", "fatigue_score", "breakthrough_doses"
    )
    return [DayPoint(day, pain, fatigue, doses) for day, pain, fatigue, doses in rows]


def trend_context(
    entries: QuerySet[DailyEntry], start: dt.date, end: dt.date
) -> dict[str, Any]:
    """Pain and fatigue chart as inline SVG, with the same data as a table."""
    series = daily_series(start, end, day_points(entries))
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
