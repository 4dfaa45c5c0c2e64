"""Monthly bars of a percentage, with an optional reference line: the
service report's charts. A suppressed month has no bar and says so."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.graphics.shapes import String as Label
from reportlab.lib import colors

from diary.charts.drawing import AXIS_COLOUR, FONT, LABEL_SIZE, TITLE_SIZE, draw_title
from diary.charts.text import safe_text

BAR_COLOUR = colors.HexColor("#5b6f82")
REFERENCE_COLOUR = colors.HexColor("#c0392b")
LEFT, BOTTOM = 34.0, 30.0


def percent_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    width: float,
    height: float,
    title: str,
    reference: tuple[float, str] | None = None,
) -> Drawing:
    """One bar per month (0-100%); None draws "n/a" where the bar would be."""
    drawing = Drawing(width, height)
    draw_title(drawing, title)
    plot_w = width - LEFT - 8
    plot_h = height - BOTTOM - TITLE_SIZE - 14
    slot = plot_w / max(len(labels), 1)

    def y(percent: float) -> float:
        return BOTTOM + plot_h * min(percent, 100.0) / 100

    for tick in (0, 25, 50, 75, 100):
        drawing.add(
            Line(
                LEFT,
                y(tick),
                LEFT + plot_w,
                y(tick),
                strokeColor=AXIS_COLOUR,
                strokeWidth=0.2,
            )
        )
        drawing.add(
            Label(
                LEFT - 4,
                y(tick) - 3,
                f"{tick}%",
                fontName=FONT,
                fontSize=LABEL_SIZE,
                textAnchor="end",
            )
        )
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + index * slot
        middle = x + slot / 2
        if value is None:
            drawing.add(
                Label(
                    middle,
                    BOTTOM + 4,
                    "n/a",
                    fontName=FONT,
                    fontSize=LABEL_SIZE,
                    textAnchor="middle",
                )
            )
        else:
            drawing.add(
                Rect(
                    x + slot * 0.15,
                    BOTTOM,
                    slot * 0.7,
                    y(value) - BOTTOM,
                    fillColor=BAR_COLOUR,
                    strokeColor=None,
                )
            )
        drawing.add(
            Label(
                middle,
                BOTTOM - 12,
                safe_text(label),
                fontName=FONT,
                fontSize=LABEL_SIZE,
                textAnchor="middle",
            )
        )
    if reference is not None:
        percent, name = reference
        drawing.add(
            Line(
                LEFT,
                y(percent),
                LEFT + plot_w,
                y(percent),
                strokeColor=REFERENCE_COLOUR,
                strokeWidth=1.4,
                strokeDashArray=(4, 3),
            )
        )
        drawing.add(
            Label(
                LEFT + plot_w,
                y(percent) + 3,
                safe_text(name),
                fontName=FONT,
                fontSize=LABEL_SIZE,
                textAnchor="end",
                fillColor=REFERENCE_COLOUR,
            )
        )
    return drawing
