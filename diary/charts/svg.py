"""Drawings as inline SVG for the web pages.

The chart definitions (plots.py, bars.py) build ReportLab Drawings, which the
PDF draws with ReportLab. For the web the same Drawing is written out here
shape by shape as an SVG string: the same points, scale, colours and texts as
ReportLab's own SVG renderer gave, without its DOM building, XML parsing and
clean-up, which made the caseload's 25 sparklines and the record's charts the
larger part of those pages' time (docs/performance.md). Only the shapes the
charts use are known; any other raises, so a new kind of shape cannot silently
vanish from the web page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect
from reportlab.graphics.shapes import String as Label
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from diary.charts.text import safe_text

WEB_FONTS = "Helvetica, Arial, 'Liberation Sans', sans-serif"
# Arial and Liberation Sans share Helvetica's metrics, which place the
# right-aligned and centred labels below.
FONT_STYLES = {
    "Helvetica": f"font-family: {WEB_FONTS}",
    "Helvetica-Bold": f"font-family: {WEB_FONTS}; font-weight: bold",
}
IDENTITY = (1, 0, 0, 1, 0, 0)


def to_svg(drawing: Drawing, *, title: str, desc: str) -> str:
    """The drawing as an <svg> element to embed in HTML, scaling to its container.

    Title and description become the accessible name and description; every
    text is escaped.
    """
    width, height = _num(drawing.width), _num(drawing.height)
    # Drawings put y upwards, SVG downwards: one flip for the whole drawing
    # (texts flip back on their own, so they are not upside down).
    return "".join(
        (
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'preserveAspectRatio="xMinYMin meet" viewBox="0 0 {width} {height}" '
            'fill-rule="evenodd" role="img" style="width:100%;height:auto">',
            f"<title>{_text(title)}</title><desc>{_text(desc)}</desc>",
            f'<g transform="scale(1,-1) translate(0,-{height})">',
            *_shapes(drawing.contents),
            "</g></svg>",
        )
    )


def _shapes(shapes: Sequence[object]) -> Iterator[str]:
    for shape in shapes:
        yield _shape(shape)


def _shape(shape: object) -> str:
    if isinstance(shape, Group):
        return _group(shape)
    if isinstance(shape, PolyLine):
        return _polyline(shape)
    if isinstance(shape, Line):
        return _line(shape)
    if isinstance(shape, Rect):
        return _rect(shape)
    if isinstance(shape, Circle):
        return _circle(shape)
    if isinstance(shape, Label):
        return _label(shape)
    raise TypeError(f"no web SVG for a {type(shape).__name__}")


def _group(group: Group) -> str:
    transform = tuple(group.transform)
    attribute = (
        ""
        if transform == IDENTITY
        else f' transform="matrix({" ".join(_num(v) for v in transform)})"'
    )
    return f"<g{attribute}>{''.join(_shapes(group.contents))}</g>"


def _polyline(line: PolyLine) -> str:
    if line.strokeColor is None:
        return ""
    flat = line.points
    points = ", ".join(
        f"{_num(flat[i])} {_num(flat[i + 1])}" for i in range(0, len(flat), 2)
    )
    # ReportLab's SVG renderer wrote a PolyLine's round join as a round cap;
    # kept, so the dashed fatigue line looks as it did on the web pages.
    cap = "round" if line.strokeLineJoin == 1 else _cap(line)
    style = _stroke(line, cap) + "; fill: none"
    return f'<polyline points="{points}" style="{style};" />'


def _line(line: Line) -> str:
    if line.strokeColor is None:
        return ""
    d = f"M {_num(line.x1)},{_num(line.y1)} L {_num(line.x2)},{_num(line.y2)} Z"
    return f'<path d="{d}" style="{_stroke(line, _cap(line))};" />'


def _rect(rect: Rect) -> str:
    x, y = min(rect.x, rect.x + rect.width), min(rect.y, rect.y + rect.height)
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(abs(rect.width))}" '
        f'height="{_num(abs(rect.height))}" style="{_area(rect)};" />'
    )


def _circle(circle: Circle) -> str:
    return (
        f'<circle cx="{_num(circle.cx)}" cy="{_num(circle.cy)}" '
        f'r="{_num(circle.r)}" style="{_area(circle)};" />'
    )


def _label(label: Label) -> str:
    if label.fillColor is None:
        return ""
    x = label.x
    if label.textAnchor in ("end", "middle"):
        # The anchor is placed with the PDF font's metrics, as in the PDF.
        width = stringWidth(label.text, label.fontName, label.fontSize)
        x -= width if label.textAnchor == "end" else width / 2
    font = FONT_STYLES.get(label.fontName, f"font-family: {label.fontName}")
    style = (
        f"{font}; font-size: {_num(label.fontSize)}px; "
        f"fill: {_colour(label.fillColor)}; stroke: none;"
    )
    y = _num(label.y)
    return (
        f'<text x="{_num(x)}" y="{y}" style="{style}" '
        f'transform="translate(0,{_num(2 * label.y)}) scale(1,-1)">'
        f"{_text(label.text)}</text>"
    )


def _area(shape: Rect | Circle) -> str:
    stroke = (
        "stroke: none" if shape.strokeColor is None else _stroke(shape, _cap(shape))
    )
    fill = "none" if shape.fillColor is None else _colour(shape.fillColor)
    return f"{stroke}; fill: {fill}"


def _stroke(shape: Line | PolyLine | Rect | Circle, cap: str) -> str:
    style = (
        f"stroke: {_colour(shape.strokeColor)}; stroke-linecap: {cap}; "
        f"stroke-width: {_num(shape.strokeWidth)}"
    )
    if shape.strokeDashArray:
        style += "; stroke-dasharray: " + ", ".join(
            _num(v) for v in shape.strokeDashArray
        )
    return style


def _cap(shape: Line | PolyLine | Rect | Circle) -> str:
    return ("butt", "round", "square")[shape.strokeLineCap]


def _colour(colour: Color) -> str:
    # Whole per cent, as ReportLab's renderer wrote them: the same colours.
    return "rgb({:d}%,{:d}%,{:d}%)".format(
        *(int(c * 100) for c in (colour.red, colour.green, colour.blue))
    )


def _num(value: float) -> str:
    """A coordinate to a hundredth of a point: far below a pixel at any size
    these charts are shown, and a third of the characters of repr()."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(text: str) -> str:
    return escape(safe_text(text), quote=False)
