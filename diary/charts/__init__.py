"""Diary charts, defined once for the web (inline SVG) and the PDF.

A ReportLab Drawing is a platypus flowable, and svg.py writes the same
Drawing out as SVG, so the patient's trends page, the nurse's sparklines and the
printed report show exactly the same picture without a charting library in the
browser. Everything here is pure: plain values in, a Drawing or text out.

- series.py: one point per calendar day (DayPoint), and the unbroken runs;
- drawing.py: the plot area, lines, markers, axes and legend all charts share;
- plots.py: the charts themselves (scores, breakthrough doses, sparkline,
  the completion strip);
- bars.py: monthly percentage bars with a reference line (the service report);
- svg.py: a Drawing written directly as accessible inline SVG (the PDF keeps
  ReportLab's renderer);
- text.py: free text made printable, and the charts' text alternative.
"""

from diary.charts.bars import percent_bars
from diary.charts.plots import (
    breakthrough_chart,
    completion_strip,
    score_chart,
    sparkline,
)
from diary.charts.series import DayPoint, daily_series, runs
from diary.charts.svg import to_svg
from diary.charts.text import safe_text, series_summary

__all__ = [
    "DayPoint",
    "breakthrough_chart",
    "completion_strip",
    "daily_series",
    "percent_bars",
    "runs",
    "safe_text",
    "score_chart",
    "series_summary",
    "sparkline",
    "to_svg",
]
