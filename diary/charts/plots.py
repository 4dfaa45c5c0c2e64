"""The diary's charts: pain and fatigue scores, breakthrough doses, sparklines,
and the completion strip."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, Shape
from reportlab.graphics.shapes import String as Label
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from diary.charts.drawing import (
    FATIGUE,
    FONT,
    GRID_COLOUR,
    LABEL_SIZE,
    PAIN,
    TITLE_SIZE,
    Area,
    draw_title,
    frame,
    legend,
    line_group,
    nothing_logged,
    x_axis,
    y_axis,
)
from diary.charts.series import DayPoint
from diary.completion import DayMark, Mark

BAR_COLOUR = colors.HexColor("#5b6f82")
# Above this many days a marker per day turns into a smear; isolated days keep
# theirs so a one-day entry never disappears.
MARKERS_UP_TO_DAYS = 62


def score_chart(
    series: list[DayPoint], *, width: float, height: float, title: str
) -> Drawing:
    """Pain and fatigue scores (0-10) per day, with gaps on days not logged.

    The two line groups are named `pain_line` and `fatigue_line` on the
    drawing so tests and callers can find them.
    """
    drawing, area = frame(series, width, height, title, 10)
    y_axis(drawing, area, range(0, 11, 2))
    legend(drawing, (PAIN, FATIGUE), height - TITLE_SIZE - 14)
    markers = len(series) <= MARKERS_UP_TO_DAYS
    stroke = 1.6 if markers else 0.9  # thinner lines keep a year's days apart
    # Fatigue first, so pain is drawn on top where the two lines meet.
    for look in (FATIGUE, PAIN):
        group = line_group(area, series, look, markers=markers, stroke=stroke)
        drawing.add(group, name=f"{look.field}_line")
    if all(p.pain is None and p.fatigue is None for p in series):
        nothing_logged(drawing, area)
    return drawing


def _count_axis(counts: Sequence[int]) -> tuple[int, range]:
    """Top of the dose axis and its ticks: at least 0-4, whole steps."""
    top = max([4, *counts])
    step = 1 if top <= 5 else 2 if top <= 10 else 4
    top = math.ceil(top / step) * step
    return top, range(0, top + 1, step)


def breakthrough_chart(
    series: list[DayPoint], *, width: float, height: float, title: str
) -> Drawing:
    """Bars of extra pain-relief doses per day; a small ring marks "none taken".

    No mark at all means the question was not answered that day.
    """
    logged = [p.breakthrough for p in series if p.breakthrough is not None]
    top, ticks = _count_axis(logged)
    drawing, area = frame(series, width, height, title, top)
    y_axis(drawing, area, ticks)
    _bar_legend(drawing, height - TITLE_SIZE - 14)
    bars = Group()
    bar_width = max(area.slot * 0.7, 0.6)
    for index, point in enumerate(series):
        if point.breakthrough:
            bars.add(
                Rect(
                    area.x(index) - bar_width / 2,
                    area.y0,
                    bar_width,
                    area.y(point.breakthrough) - area.y0,
                    fillColor=BAR_COLOUR,
                    strokeColor=None,
                )
            )
        elif point.breakthrough == 0:
            bars.add(_zero_ring(area.x(index), area.y0 + 2.5))
    drawing.add(bars, name="bars")
    if not logged:
        nothing_logged(drawing, area)
    return drawing


def _zero_ring(x: float, y: float) -> Circle:
    return Circle(x, y, 1.8, fillColor=colors.white, strokeColor=BAR_COLOUR)


def _bar_legend(drawing: Drawing, y: float) -> None:
    drawing.add(Rect(0, y - 4, 8, 8, fillColor=BAR_COLOUR, strokeColor=None))
    drawing.add(Label(12, y - 3, "Doses taken", fontName=FONT, fontSize=LABEL_SIZE))
    x = 24 + stringWidth("Doses taken", FONT, LABEL_SIZE)
    drawing.add(_zero_ring(x + 3, y))
    note = "None taken (no mark: not answered)"
    drawing.add(Label(x + 9, y - 3, note, fontName=FONT, fontSize=LABEL_SIZE))


def sparkline(
    series: list[DayPoint], *, width: float = 120, height: float = 28
) -> Drawing:
    """A tiny pain (solid) and fatigue (dashed) line without axes, for lists."""
    drawing = Drawing(width, height)
    area = Area(2, 3, width - 4, height - 6, len(series), 10)
    for look in (FATIGUE, PAIN):
        drawing.add(
            line_group(area, series, look, markers=False, stroke=1.2, marker_size=1.4)
        )
    return drawing


def _day_cell(x: float, y: float, width: float, height: float, mark: Mark) -> Shape:
    """Filled: an entry; hollow: no entry; a flat grey line: before the diary
    began. Shape, not colour alone, tells them apart (print, colour blindness)."""
    if mark is Mark.BEFORE:
        return Line(x, y + 1, x + width, y + 1, strokeColor=GRID_COLOUR, strokeWidth=2)
    return Rect(
        x,
        y,
        width,
        height,
        fillColor=BAR_COLOUR if mark is Mark.ENTRY else colors.white,
        strokeColor=BAR_COLOUR,
        strokeWidth=0.8,
    )


MARK_LABELS = {
    Mark.ENTRY: "Entry",
    Mark.MISSED: "No entry",
    Mark.BEFORE: "Before the diary began",
}


def completion_strip(
    marks: list[DayMark], *, width: float, height: float = 66, title: str
) -> Drawing:
    """One cell per day, oldest on the left, with a date axis and a legend.

    The cells are the group named `days` on the drawing, one per mark, in order.
    """
    drawing = Drawing(width, height)
    draw_title(drawing, title)
    # Room each side for the first and last date labels, centred on their day.
    area = Area(16, 20, width - 32, height - 20 - 30, len(marks), 1)
    x_axis(drawing, area, [m.day for m in marks])
    cell_width = max(area.slot * 0.75, 1.0)
    cell_height = min(12.0, area.height - 2)
    cells = Group()
    for index, m in enumerate(marks):
        x = area.x(index) - cell_width / 2
        cells.add(_day_cell(x, area.y0 + 2, cell_width, cell_height, m.mark))
    drawing.add(cells, name="days")
    x, y = 0.0, height - TITLE_SIZE - 14
    shown = {m.mark for m in marks} | {Mark.ENTRY, Mark.MISSED}
    for mark in (Mark.ENTRY, Mark.MISSED, Mark.BEFORE):
        if mark in shown:
            drawing.add(_day_cell(x, y - 4, 8, 8, mark))
            label = MARK_LABELS[mark]
            drawing.add(Label(x + 12, y - 3, label, fontName=FONT, fontSize=LABEL_SIZE))
            x += 12 + stringWidth(label, FONT, LABEL_SIZE) + 14
    return drawing
