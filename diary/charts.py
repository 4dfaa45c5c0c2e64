"""Diary charts, defined once for the web (inline SVG) and the PDF.

A ReportLab Drawing is a platypus flowable, and renderSVG turns the same
Drawing into SVG, so the patient's trends page, the nurse's sparklines and the
printed report show exactly the same picture without a charting library in the
browser. Everything here is pure: plain values in, a Drawing or text out.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect
from reportlab.graphics.shapes import String as Label
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from diary.fields import SECTIONS

SECTION_LABELS = dict(SECTIONS)
WEB_FONTS = "font-family: Helvetica, Arial, 'Liberation Sans', sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
LABEL_SIZE, TITLE_SIZE = 8, 10
AXIS_COLOUR = colors.HexColor("#333333")
GRID_COLOUR = colors.HexColor("#d9d9d9")
# Red and blue stay apart for the common colour-blindnesses; the markers and
# dash patterns still tell the two lines apart in black-and-white print.
PAIN_COLOUR = colors.HexColor("#c0392b")
FATIGUE_COLOUR = colors.HexColor("#0072b2")
BAR_COLOUR = colors.HexColor("#5b6f82")
# Above this many days a marker per day turns into a smear; isolated days keep
# theirs so a one-day entry never disappears.
MARKERS_UP_TO_DAYS = 62
# Characters XML 1.0 cannot hold, C1 controls and lone surrogates: ReportLab
# and browsers either reject them or print garbage.
_UNPRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Bidi embedding and override controls: invisible, and able to make printed
# text read in a different order from what was typed.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Three or more line breaks with only spaces between: one blank line is kept,
# so a note of nothing but returns cannot fill pages with white space.
_BLANK_LINES = re.compile(r"\n[ ]*(?:\n[ ]*){2,}")


def safe_text(text: str) -> str:
    """Free text with only characters that PDF, SVG and XML can carry."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _BIDI_CONTROLS.sub("", _UNPRINTABLE.sub("", text))
    return _BLANK_LINES.sub("\n\n", text)


@dataclass(frozen=True)
class DayPoint:
    day: date
    pain: int | None
    fatigue: int | None
    breakthrough: int | None = None  # None: not logged that day, unlike 0


def daily_series(start: date, end: date, points: Iterable[DayPoint]) -> list[DayPoint]:
    """One point per calendar day from start to end, empty where nothing was logged."""
    by_day = {p.day: p for p in points if start <= p.day <= end}
    days = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return [by_day.get(d, DayPoint(d, None, None)) for d in days]


def runs(values: Sequence[int | None]) -> list[list[tuple[int, int]]]:
    """Unbroken stretches of logged days as (day index, value) pairs.

    A missing day ends a stretch, so a line is never drawn across it.
    """
    found: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for index, value in enumerate(values):
        if value is None:
            current = []
        else:
            if not current:
                found.append(current)
            current.append((index, value))
    return found


@dataclass(frozen=True)
class _Area:
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
class _Look:
    field: str  # the DayPoint attribute drawn
    label: str
    colour: colors.Color
    dash: tuple[float, ...] | None
    filled_marker: bool  # pain: filled circle; fatigue: hollow square


PAIN = _Look("pain", SECTION_LABELS["pain"], PAIN_COLOUR, None, True)
FATIGUE = _Look("fatigue", SECTION_LABELS["fatigue"], FATIGUE_COLOUR, (4, 2.5), False)


def _marker(x: float, y: float, look: _Look, size: float = 2.6) -> Circle | Rect:
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


def _line_group(
    area: _Area,
    series: Sequence[DayPoint],
    look: _Look,
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
                group.add(_marker(x, y, look, marker_size))
    return group


def _title(drawing: Drawing, title: str) -> None:
    drawing.add(
        Label(
            0,
            drawing.height - TITLE_SIZE,
            safe_text(title),
            fontName=FONT_BOLD,
            fontSize=TITLE_SIZE,
        )
    )


def _legend(drawing: Drawing, looks: Sequence[_Look], y: float) -> None:
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
        drawing.add(_marker(x + 12, y, look))
        drawing.add(
            Label(x + 28, y - 3, look.label, fontName=FONT, fontSize=LABEL_SIZE)
        )
        x += 28 + stringWidth(look.label, FONT, LABEL_SIZE) + 14


def _y_axis(drawing: Drawing, area: _Area, ticks: Iterable[int]) -> None:
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


def _x_axis(drawing: Drawing, area: _Area, days: Sequence[date]) -> None:
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


def _frame(
    series: Sequence[DayPoint], width: float, height: float, title: str, y_max: float
) -> tuple[Drawing, _Area]:
    """Drawing with title, room for a legend row, and an x axis of dates."""
    drawing = Drawing(width, height)
    _title(drawing, title)
    area = _Area(24, 20, width - 30, height - 20 - 36, len(series), y_max)
    _x_axis(drawing, area, [p.day for p in series])
    return drawing, area


def _nothing_logged(drawing: Drawing, area: _Area) -> None:
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


def score_chart(
    series: list[DayPoint], *, width: float, height: float, title: str
) -> Drawing:
    """Pain and fatigue scores (0-10) per day, with gaps on days not logged.

    The two line groups are named `pain_line` and `fatigue_line` on the
    drawing so tests and callers can find them.
    """
    drawing, area = _frame(series, width, height, title, 10)
    _y_axis(drawing, area, range(0, 11, 2))
    _legend(drawing, (PAIN, FATIGUE), height - TITLE_SIZE - 14)
    markers = len(series) <= MARKERS_UP_TO_DAYS
    stroke = 1.6 if markers else 0.9  # thinner lines keep a year's days apart
    # Fatigue first, so pain is drawn on top where the two lines meet.
    for look in (FATIGUE, PAIN):
        group = _line_group(area, series, look, markers=markers, stroke=stroke)
        drawing.add(group, name=f"{look.field}_line")
    if all(p.pain is None and p.fatigue is None for p in series):
        _nothing_logged(drawing, area)
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
    drawing, area = _frame(series, width, height, title, top)
    _y_axis(drawing, area, ticks)
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
        _nothing_logged(drawing, area)
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
    area = _Area(2, 3, width - 4, height - 6, len(series), 10)
    for look in (FATIGUE, PAIN):
        drawing.add(
            _line_group(area, series, look, markers=False, stroke=1.2, marker_size=1.4)
        )
    return drawing


def to_svg(drawing: Drawing, *, title: str, desc: str) -> str:
    """The drawing as an <svg> element to embed in HTML, scaling to its container.

    Title and description become the accessible name and description; every
    text goes through ElementTree, which escapes it.
    """
    root = ET.fromstring(renderSVG.drawToString(drawing).encode("utf-8"))
    for element in list(root):
        # renderSVG's placeholder title/desc and a clip path with a fixed id
        # that would clash when a page holds several charts.
        if element.tag in (f"{{{SVG_NS}}}{t}" for t in ("title", "desc", "clipPath")):
            root.remove(element)
    for index, (tag, text) in enumerate((("title", title), ("desc", desc))):
        child = ET.Element(f"{{{SVG_NS}}}{tag}")
        child.text = safe_text(text)
        root.insert(index, child)
    for element in root.iter():
        element.attrib.pop("id", None)
        if "style" in element.attrib:
            element.set("style", _web_style(element.get("style", "")))
    for attribute in ("width", "height", "version"):
        root.attrib.pop(attribute, None)
    root.set("role", "img")
    root.set("style", "width:100%;height:auto")
    return ET.tostring(root, encoding="unicode")


def _web_style(style: str) -> str:
    # Arial and Liberation Sans share Helvetica's metrics, which renderSVG used
    # to place right-aligned and centred labels.
    style = re.sub(r"clip-path:\s*url\(#clip\);?", "", style)
    style = style.replace(
        "font-family: Helvetica-Bold", f"{WEB_FONTS}; font-weight: bold"
    )
    return re.sub(r"font-family: Helvetica(?=;)", WEB_FONTS, style)


def _describe(name: str, values: Sequence[int]) -> str:
    low, high = min(values), max(values)
    mean = sum(values) / len(values)
    if low == high:
        return f"{name} stayed at {low}"
    return f"{name} ranged from {low} to {high} (average {mean:.1f})"


def _days(count: int) -> str:
    return f"{count} logged day" if count == 1 else f"{count} logged days"


def series_summary(series: Sequence[DayPoint]) -> str:
    """A one-sentence text alternative to the charts."""
    pain = [p.pain for p in series if p.pain is not None]
    fatigue = [p.fatigue for p in series if p.fatigue is not None]
    doses = [p.breakthrough for p in series if p.breakthrough is not None]
    if not pain and not fatigue:
        return f"Nothing was logged in these {len(series)} days."
    parts = []
    if pain:
        parts.append(
            f"{_describe('Pain', pain)} over {_days(len(pain))} out of {len(series)}"
        )
    if fatigue:
        described = _describe("fatigue" if pain else "Fatigue", fatigue)
        parts.append(f"{described} over {_days(len(fatigue))}")
    if doses:
        parts.append(
            f"breakthrough doses: {sum(doses)} in total over "
            f"{len(doses)} answered day{'s' if len(doses) != 1 else ''}"
        )
    return "; ".join(parts) + "."
