"""The parts every diary chart is built from: plot area, lines, axes, legend.

Shared by plots.py so the score chart, the dose chart and the sparkline
place days, fonts and colours the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect
from reportlab.graphics.shapes import String as Label
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from clinical.fields import SECTIONS
from diary.charts.series import DayPoint, runs
from diary.charts.text import safe_text

SECTION_LABELS = dict(SECTIONS)
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
LABEL_SIZE, TITLE_SIZE = 8, 10
AXIS_COLOUR = colors.HexColor("#333333")
GRID_COLOUR = colors.HexColor("#d9d9d9")
# Red and blue stay apart for the common colour-blindnesses; the markers and
# dash patterns still tell the two lines apart in black-and-white print.
PAIN_COLOUR = colors.HexColor("#c0392b")
FATIGUE_COLOUR = colors.HexColor("#0072b2")


@dataclass(frozen=True)
class Area:
    """The plot rectangle: each day gets an equal slot, points sit mid-slot."""

    x0: float
    y0: float
    width: float
    height: float
    days: int
    y_max: float

    @property
    def slot(self) -> float:
        return self.width / max(self.days, 1)

    def x(self, index: int) -> float:
        return self.x0 + (index + 0.5) * self.slot

    def y(self, value: float) -> float:
        return self.y0 + self.height * value / self.y_max


@dataclass(frozen=True)
class Look:
    field: str  # the DayPoint attribute drawn
    label: str
    colour: colors.Color
    dash: tuple[float, ...] | None
    filled_marker: bool  # pain: filled circle; fatigue: hollow square


PAIN = Look("pain", SECTION_LABELS["pain"], PAIN_COLOUR, None, True)
FATIGUE = Look("fatigue", SECTION_LABELS["fatigue"], FATIGUE_COLOUR, (4, 2.5), False)


def marker(x: float, y: float, look: Look, size: float = 2.6) -> Circle | Rect:
    if look.filled_marker:
        return Circle(x, y, size, fillColor=look.colour, strokeColor=look.colour)
    return Rect(
        x - size,
        y - size,
        2 * size,
        2 * size,
        fillColor=colors.white,
        strokeColor=look.colour,
        strokeWidth=1.2,
    )


def line_group(
    area: Area,
    series: Sequence[DayPoint],
    look: Look,
    *,
    markers: bool,
    stroke: float = 1.6,
    marker_size: float = 2.6,
) -> Group:
    group = Group()
    for stretch in runs([getattr(p, look.field) for p in series]):
        points = [(area.x(i), area.y(v)) for i, v in stretch]
        if len(points) > 1:
            group.add(
                PolyLine(
                    [c for point in points for c in point],
                    strokeColor=look.colour,
                    strokeWidth=stroke,
                    strokeDashArray=list(look.dash) if look.dash else None,
                    strokeLineJoin=1,
                )
            )
        if markers or len(points) == 1:
            for x, y in points:
                group.add(marker(x, y, look, marker_size))
    return group


def draw_title(drawing: Drawing, title: str) -> None:
    drawing.add(
        Label(
            0,
            drawing.height - TITLE_SIZE,
            safe_text(title),
            fontName=FONT_BOLD,
            fontSize=TITLE_SIZE,
        )
    )


def legend(drawing: Drawing, looks: Sequence[Look], y: float) -> None:
    x = 0.0
    for look in looks:
        drawing.add(
            Line(
                x,
                y,
                x + 24,
                y,
                strokeColor=look.colour,
                strokeWidth=1.6,
                strokeDashArray=list(look.dash) if look.dash else None,
            )
        )
        drawing.add(marker(x + 12, y, look))
        drawing.add(
            Label(x + 28, y - 3, look.label, fontName=FONT, fontSize=LABEL_SIZE)
        )
        x += 28 + stringWidth(look.label, FONT, LABEL_SIZE) + 14


def y_axis(drawing: Drawing, area: Area, ticks: Iterable[int]) -> None:
    for value in ticks:
        y = area.y(value)
        drawing.add(Line(area.x0, y, area.x0 + area.width, y, strokeColor=GRID_COLOUR))
        drawing.add(
            Label(
                area.x0 - 4,
                y - 3,
                str(value),
                fontName=FONT,
                fontSize=LABEL_SIZE,
                textAnchor="end",
            )
        )
    drawing.add(Line(area.x0, area.y0, area.x0, area.y0 + area.height))


def _label_stride(days: int, width: float) -> int:
    """Days between date labels: daily, every other day, weekly or longer.

    About one label per 50 points keeps "28 Feb"-sized labels apart; whole
    weeks read more naturally than every third or fifth day.
    """
    needed = days / max(2, width // 50)
    return next((s for s in (1, 2, 7, 14, 28, 56) if s >= needed), 91)


def x_axis(drawing: Drawing, area: Area, days: Sequence[date]) -> None:
    drawing.add(
        Line(area.x0, area.y0, area.x0 + area.width, area.y0, strokeColor=AXIS_COLOUR)
    )
    stride = _label_stride(len(days), area.width)
    for index in range(0, len(days), stride):
        x = area.x(index)
        drawing.add(Line(x, area.y0, x, area.y0 - 3, strokeColor=AXIS_COLOUR))
        drawing.add(
            Label(
                x,
                area.y0 - 12,
                f"{days[index].day} {days[index]:%b}",
                fontName=FONT,
                fontSize=LABEL_SIZE,
                textAnchor="middle",
            )
        )


def frame(
    series: Sequence[DayPoint], width: float, height: float, title: str, y_max: float
) -> tuple[Drawing, Area]:
    """Drawing with title, room for a legend row, and an x axis of dates."""
    drawing = Drawing(width, height)
    draw_title(drawing, title)
    area = Area(24, 20, width - 30, height - 20 - 36, len(series), y_max)
    x_axis(drawing, area, [p.day for p in series])
    return drawing, area


def nothing_logged(drawing: Drawing, area: Area) -> None:
    drawing.add(
        Label(
            area.x0 + area.width / 2,
            area.y0 + area.height / 2,
            "Nothing logged in this period",
            fontName=FONT,
            fontSize=LABEL_SIZE + 1,
            textAnchor="middle",
        )
    )
