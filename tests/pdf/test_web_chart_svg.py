"""The web's inline SVG, written directly from the chart definitions, draws the
same picture as ReportLab's own SVG renderer did (no database)."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing, PolyLine, Wedge

from diary.charts import (
    DayPoint,
    breakthrough_chart,
    completion_strip,
    percent_bars,
    score_chart,
    series_summary,
    sparkline,
    to_svg,
)
from diary.completion import DayMark, Mark

NS = "{http://www.w3.org/2000/svg}"
START = date(2025, 3, 1)
DRAWN = ("polyline", "path", "rect", "circle", "text")


def series(days, *, gaps_every=5):
    return [
        DayPoint(
            START + timedelta(days=i),
            None if i % gaps_every == 0 else (i * 3) % 11,
            None if i % 4 == 0 else (i * 7) % 11,
            None if i % 2 == 0 else i % 3,
        )
        for i in range(days)
    ]


def charts():
    kinds = (Mark.BEFORE, Mark.ENTRY, Mark.MISSED)
    marks = [DayMark(START + timedelta(days=i), kinds[i % 3]) for i in range(28)]
    empty = [DayPoint(START + timedelta(days=i), None, None) for i in range(7)]
    return {
        "sparkline": sparkline(series(28)),
        "sparkline_lone_days": sparkline(series(28, gaps_every=2)),
        "scores_14_days": score_chart(series(14), width=400, height=160, title="A & B"),
        "scores_90_days": score_chart(series(90), width=540, height=220, title="T"),
        "scores_nothing_logged": score_chart(empty, width=400, height=160, title="T"),
        "doses": breakthrough_chart(series(30), width=540, height=200, title="D"),
        "completion": completion_strip(marks, width=540, title="Filled in"),
        "bars": percent_bars(
            ["Jan", "Feb", "Mar"],
            [40.0, None, 100.0],
            width=300,
            height=150,
            title="Answered",
            reference=(80.0, "Target <80%>"),
        ),
    }


def reference_svg(drawing):
    """What the web pages showed before: ReportLab's SVG renderer's output."""
    root = ET.fromstring(renderSVG.drawToString(drawing).encode("utf-8"))
    for clip in root.findall(f"{NS}clipPath"):
        root.remove(clip)  # its page-sized clip rectangle was never shown
    return root


def style(element):
    pairs = (p.split(":", 1) for p in element.get("style", "").split(";") if ":" in p)
    found = {k.strip(): v.strip().lower() for k, v in pairs}
    found.pop("fill-rule", None)  # the <svg> element sets evenodd for all
    if found.get("stroke") == "none":  # no stroke: its width and cap show nothing
        found = {k: v for k, v in found.items() if not k.startswith("stroke-")}
    family = found.get("font-family", "")
    if family.startswith("helvetica"):
        # The reference names the PDF font; the web names its stand-ins.
        found["font-family"] = "helvetica"
        if family == "helvetica-bold":
            found["font-weight"] = "bold"
    return found


def numbers(text):
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def geometry(element):
    tag = element.tag.removeprefix(NS)
    names = {
        "polyline": ["points"],
        "path": ["d"],
        "rect": ["x", "y", "width", "height"],
        "circle": ["cx", "cy", "r"],
        "text": ["x", "y"],
    }[tag]
    return [n for name in names for n in numbers(element.get(name))]


def drawn(root):
    return [e for e in root.iter() if e.tag.removeprefix(NS) in DRAWN]


@pytest.mark.parametrize("name", list(charts()))
def test_every_shape_is_drawn_where_reportlab_drew_it_and_looks_the_same(name):
    drawing = charts()[name]
    ours = drawn(ET.fromstring(to_svg(drawing, title="T", desc="D")))
    theirs = drawn(reference_svg(drawing))
    assert [e.tag for e in ours] == [e.tag for e in theirs]
    for mine, reference in zip(ours, theirs, strict=True):
        assert geometry(mine) == pytest.approx(geometry(reference), abs=0.01)
        assert style(mine) == style(reference)
        assert (mine.text or "") == (reference.text or "")
        if mine.tag == f"{NS}text":
            # Flipped back upright about its own baseline, not a rounded one.
            y = float(mine.get("y"))
            assert numbers(mine.get("transform"))[:2] == pytest.approx([0, 2 * y])


def test_a_sparklines_lines_have_exactly_the_chart_definitions_points():
    points = series(28)
    drawing = sparkline(points)
    defined = [
        shape.points
        for group in drawing.contents
        for shape in group.contents
        if isinstance(shape, PolyLine)
    ]
    svg = ET.fromstring(to_svg(drawing, title="T", desc="D"))
    drawn_points = [numbers(e.get("points")) for e in svg.iter(f"{NS}polyline")]
    assert len(drawn_points) == len(defined) > 0
    for mine, definition in zip(drawn_points, defined, strict=True):
        assert mine == pytest.approx(definition, abs=0.005)


def test_the_text_alternative_is_the_title_and_description_given():
    points = series(28)
    summary = series_summary(points)
    svg = ET.fromstring(
        to_svg(sparkline(points), title="Pain & tiredness <28 days>", desc=summary)
    )
    assert svg.get("role") == "img"
    children = list(svg)
    assert children[0].tag == f"{NS}title"
    assert children[0].text == "Pain & tiredness <28 days>"
    assert children[1].tag == f"{NS}desc"
    assert children[1].text == summary


def test_the_svg_scales_to_its_container_over_the_drawings_own_box():
    svg = ET.fromstring(to_svg(sparkline(series(28)), title="T", desc="D"))
    assert svg.get("viewBox") == "0 0 120 28"
    assert svg.get("width") is None and svg.get("style") == "width:100%;height:auto"


def test_a_shape_the_web_cannot_draw_is_refused_not_dropped():
    drawing = Drawing(100, 100)
    drawing.add(Wedge(50, 50, 20, 0, 90))
    with pytest.raises(TypeError):
        to_svg(drawing, title="T", desc="D")
