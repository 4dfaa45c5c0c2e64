"""The caseload's rows written in Python (caseload.row_html) are the HTML the
row template wrote, byte for byte, in every branch."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from django.template import engines

from diary.charts import DayPoint
from diary.completion import Completion
from diary.nurse.caseload import Row, row_html

# nurse/caseload.html's row loop before 2026-12-04, kept as the reference.
TEMPLATE = (Path(__file__).parent / "caseload_row_before.html").read_text()

TODAY = dt.date(2026, 12, 4)
ROW = Row(
    name="Ann O'Brien <script>",
    url="/nurse/patients/7/",
    nhs_number="943 476 5919",
    invited=False,
    last_entry="4 Dec 2026",
    last_seen="today",
    level="amber",
    open_level_from="Wed 2 Dec",
    not_logged_today=True,
    open_flags=2,
    completions=[
        Completion(TODAY - dt.timedelta(days=13), TODAY, 9, None),
        Completion(TODAY - dt.timedelta(days=20), TODAY, 15, TODAY),
    ],
    began="14 Nov",
    sparkline='<svg role="img"><title>Pain &amp; tiredness</title></svg>',
    summary="Pain 3 to 7 & tiredness 2",
    latest=DayPoint(TODAY, 7, None),
)

VARIANTS = {
    "every part": {},
    "invited, never logged": {
        "invited": True,
        "nhs_number": "",
        "last_entry": "",
        "last_seen": "",
        "level": None,
        "completions": [],
        "began": "",
        "latest": None,
    },
    "no flags": {"level": "none", "open_level_from": ""},
    "red today, no open flag from before": {"level": "red", "open_level_from": ""},
    "open flag, logged today": {"not_logged_today": False},
    "one period, not begun within it": {
        "completions": ROW.completions[:1],
        "began": "",
    },
}


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_a_row_is_the_html_the_template_wrote(changes):
    row = dataclasses.replace(ROW, **changes)
    expected = engines["django"].from_string(TEMPLATE).render({"rows": [row]})
    assert row_html(row) == expected


def test_a_patients_name_is_escaped():
    assert "Ann O&#x27;Brien &lt;script&gt;" in row_html(ROW)
