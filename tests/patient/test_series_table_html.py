"""The charts' data table (trends and the nurse's record) writes its rows in
Python (diary_tags.series_table_rows): the same HTML, byte for byte, as the
template loop it replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string

from diary.charts import DayPoint
from diary.presenters import series_rows

# diary/includes/series_table.html before 2026-12-04, kept as the reference.
BEFORE = (Path(__file__).parent / "series_table_before.html").read_text()
START = dt.date(2026, 9, 1)
ROWS = series_rows(
    [
        DayPoint(START + dt.timedelta(days=n), n % 11 if n % 4 else None, 3, n % 3)
        for n in range(90)
    ]
    + [DayPoint(START + dt.timedelta(days=90), None, None, None)]
)


@pytest.mark.parametrize("context", [{}, {"show_breakthrough": True}])
def test_the_table_is_the_html_the_template_loop_wrote(context):
    context = {"series_rows": ROWS, **context}
    expected = engines["django"].from_string(BEFORE).render(context)
    assert render_to_string("diary/includes/series_table.html", context) == expected


def test_an_empty_series_has_an_empty_body():
    html = render_to_string("diary/includes/series_table.html", {"series_rows": []})
    assert "<tbody>\n  \n  </tbody>" in html
