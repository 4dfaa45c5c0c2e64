"""The chart definitions shared by the web pages and the PDF (no database)."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from reportlab.graphics.shapes import Circle, PolyLine, Rect, String

from diary.charts import (
    DayPoint,
    breakthrough_chart,
    daily_series,
    runs,
    safe_text,
    score_chart,
    series_summary,
    sparkline,
    to_svg,
)

START = date(2025, 3, 1)


def series_of(pain, fatigue=None, doses=None):
    """A series from per-day lists, None meaning nothing logged that day."""
    fatigue = fatigue or pain
    doses = doses or [None] * len(pain)
    return [
        DayPoint(START + timedelta(days=i), p, f, d)
        for i, (p, f, d) in enumerate(zip(pain, fatigue, doses, strict=True))
    ]


def shapes(group, kind):
    return [s for s in group.contents if isinstance(s, kind)]


def xs(polyline):
    return polyline.points[0::2]


def test_daily_series_has_one_point_per_day_and_blanks_where_nothing_was_logged():
    logged = [
        DayPoint(START + timedelta(days=2), 5, 4),
        DayPoint(date(2024, 1, 1), 9, 9),
    ]
    series = daily_series(START, START + timedelta(days=3), logged)
    assert [p.day for p in series] == [START + timedelta(days=i) for i in range(4)]
    assert [p.pain for p in series] == [None, None, 5, None]


def test_runs_break_at_every_missing_day():
    assert runs([1, 2, None, 4, None, None, 6, 7]) == [
        [(0, 1), (1, 2)],
        [(3, 4)],
        [(6, 6), (7, 7)],
    ]


def test_no_pain_line_crosses_a_day_that_was_not_logged():
    series = series_of([3, 4, 5, None, 6, None, 7, 8])
    drawing = score_chart(series, width=400, height=200, title="Pain")
    lines = shapes(drawing.pain_line, PolyLine)
    assert len(lines) == 2
    slot = 0
    for line in lines:
        steps = [b - a for a, b in zip(xs(line), xs(line)[1:], strict=False)]
        slot = steps[0]
        assert all(step == pytest.approx(slot) for step in steps)
    # Day 3 and day 5 fall inside no line's x range.
    first_x = xs(lines[0])[0]
    for missing in (3, 5):
        x = first_x + missing * slot
        assert not any(min(xs(ln)) <= x <= max(xs(ln)) for ln in lines)


def test_a_day_logged_on_its_own_is_drawn_as_a_marker():
    series = series_of([None, None, 6, None, None])
    drawing = score_chart(series, width=400, height=200, title="Pain")
    assert shapes(drawing.pain_line, PolyLine) == []
    assert len(shapes(drawing.pain_line, Circle)) == 1


def test_isolated_days_keep_their_marker_even_in_a_year_long_chart():
    pain = [5] * 365
    pain[100], pain[99], pain[101] = 8, None, None
    drawing = score_chart(series_of(pain), width=500, height=200, title="Pain")
    markers = shapes(drawing.pain_line, Circle)
    assert len(markers) == 1


def test_pain_and_fatigue_differ_by_dash_and_marker_not_only_colour():
    drawing = score_chart(series_of([3, 4], [6, 7]), width=300, height=150, title="x")
    pain_line = shapes(drawing.pain_line, PolyLine)[0]
    fatigue_line = shapes(drawing.fatigue_line, PolyLine)[0]
    assert not pain_line.strokeDashArray
    assert fatigue_line.strokeDashArray
    assert shapes(drawing.pain_line, Circle) and not shapes(drawing.pain_line, Rect)
    assert shapes(drawing.fatigue_line, Rect) and not shapes(
        drawing.fatigue_line, Circle
    )


def test_the_score_chart_has_a_legend_and_a_zero_to_ten_axis():
    drawing = score_chart(series_of([3, 4]), width=300, height=150, title="x")
    texts = {s.text for s in drawing.contents if isinstance(s, String)}
    assert {"Pain", "Tiredness (fatigue)", "0", "10"} <= texts


def test_date_labels_are_thinned_for_a_year():
    drawing = score_chart(series_of([5] * 365), width=500, height=200, title="x")
    dates = [s for s in drawing.contents if isinstance(s, String) and s.y < 20]
    assert 2 <= len(dates) <= 10


def test_breakthrough_bars_only_on_days_with_doses_and_a_ring_for_none_taken():
    doses = [2, None, 0, 3]
    drawing = breakthrough_chart(
        series_of([1] * 4, doses=doses), width=300, height=120, title="Doses"
    )
    assert len(shapes(drawing.bars, Rect)) == 2
    assert len(shapes(drawing.bars, Circle)) == 1


def test_the_sparkline_has_no_axis_text_and_keeps_gaps():
    drawing = sparkline(series_of([3, 4, None, 5, 6]))
    assert (drawing.width, drawing.height) == (120, 28)
    assert not any(isinstance(s, String) for s in drawing.contents)
    pain = drawing.contents[1]
    assert len(shapes(pain, PolyLine)) == 2


def test_the_svg_is_an_accessible_element_that_scales_to_its_container():
    drawing = score_chart(series_of([3, 4]), width=640, height=260, title="Pain")
    svg = to_svg(drawing, title="Pain & tiredness <script>", desc='Said "hi" \x00')
    assert svg.startswith("<svg") and "<?xml" not in svg and "DOCTYPE" not in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 640 260"
    assert root.get("width") is None and "width:100%" in root.get("style")
    assert root[0].tag.endswith("title") and root[0].text == "Pain & tiredness <script>"
    assert root[1].tag.endswith("desc") and root[1].text == 'Said "hi" '
    assert "&lt;script&gt;" in svg and "<script>" not in svg
    assert ' id="' not in svg  # several charts on one page must not clash


def test_chart_titles_are_escaped_in_the_svg():
    drawing = score_chart(series_of([3]), width=300, height=150, title="<b>x</b> & y")
    svg = to_svg(drawing, title="t", desc="d")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in svg


def test_the_summary_sentence_gives_ranges_averages_and_logged_days():
    series = series_of(
        [2, 8, None, 4, None], [1, 3, None, 2, None], doses=[1, 2, None, 0, None]
    )
    assert series_summary(series) == (
        "Pain ranged from 2 to 8 (average 4.7) over 3 logged days out of 5; "
        "fatigue ranged from 1 to 3 (average 2.0) over 3 logged days; "
        "breakthrough doses: 3 in total over 3 answered days."
    )


def test_the_summary_says_when_nothing_was_logged_or_nothing_changed():
    assert series_summary(series_of([None] * 7)) == (
        "Nothing was logged in these 7 days."
    )
    assert series_summary(series_of([5])).startswith(
        "Pain stayed at 5 over 1 logged day out of 1;"
    )


def test_safe_text_drops_control_characters_but_keeps_newlines_and_scripts():
    assert safe_text("a\x00b\x1bc\r\nd\te שלום عربى 😀") == "abc\nd e שלום عربى 😀"


def test_safe_text_composes_accents_typed_as_separate_marks():
    # Accents typed as combining marks, as some keyboards and pasted text do.
    assert safe_text("Rene\u0301e Zoe\u0308 s\u0301pie\u0328") == "Renée Zoë śpię"
