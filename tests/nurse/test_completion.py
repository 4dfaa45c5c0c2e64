"""Days filled in: the caseload's last 14 and 28 days, sorted and filtered, and
the record's 90-day strip, all counted as by hand on a small fixed diary.

Frozen on Thursday 3 December 2026 (time-machine), so the dates read as on a
calendar. Days before a diary's first entry are not counted (as in the PDF).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db.models import Value
from django.urls import reverse

from accounts.models import PatientProfile
from diary.charts import completion_strip
from diary.charts.plots import BAR_COLOUR
from diary.completion import Mark, day_marks, last_days
from diary.export import diary_report
from diary.figures import DaysBetween
from diary.models import DailyEntry
from diary.pdf.data import summarise
from diary.presenters import recent_days
from tests.factories import days_ago, make_entry, make_patient
from tests.nurse.test_caseload import caseload, rows

TODAY = dt.date(2026, 12, 3)


@pytest.fixture(autouse=True)
def thursday_3_december():
    with time_machine.travel(
        dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC), tick=False
    ):
        yield


@pytest.fixture
def diaries(team, other_team_nurse):
    """Four patients of the nurse's team and one of another team's."""
    sue = make_patient(team, name="Steady Sue")
    for n in range(40):  # began 39 days ago, on Sunday 25 October
        if n not in (1, 2, 10, 20, 25):
            make_entry(sue, days_ago(n))
    nina = make_patient(team, name="New Nina")
    for n in (5, 4, 2, 0):  # began 5 days ago, on Saturday 28 November
        make_entry(nina, days_ago(n))
    quinn = make_patient(team, name="Quiet Quinn")
    for n in (20, 100):
        make_entry(quinn, days_ago(n))
    make_patient(team, name="Never Nell")
    elsewhere = make_patient(other_team_nurse.teams.get(), name="Olga Othersteam")
    for n in range(3):
        make_entry(elsewhere, days_ago(n))
    return {"sue": sue, "nina": nina, "quinn": quinn}


def names(body: str) -> list[str]:
    return [r.split("</a>")[0].rsplit(">", 1)[1] for r in rows(body)]


def filled_cell(row: str) -> str:
    return row.split('<td class="filled-cell">')[1].split("</td>")[0]


def row_of(body: str, name: str) -> str:
    return next(r for r in rows(body) if f">{name}</a>" in r)


def test_it_shows_the_days_filled_in_of_the_last_14_and_28_as_counted_by_hand(
    nurse_client, diaries
):
    body = caseload(nurse_client)
    # Sue missed 2 and 1 Dec and 23 Nov in the last 14 days; 13 and 8 Nov too.
    sue = filled_cell(row_of(body, "Steady Sue"))
    assert "11/14" in sue and "23/28" in sue
    assert "11 of 14 days" in sue and "23 of 28 days" in sue
    assert "Diary began" not in sue
    # Nina's diary began 5 days ago: six days counted (28 Nov to today), 4 filled.
    nina = filled_cell(row_of(body, "New Nina"))
    assert "4/6" in nina and "4 of 6 days" in nina
    assert "Diary began 28 Nov" in nina
    quinn = filled_cell(row_of(body, "Quiet Quinn"))
    assert "0/14" in quinn and "1/28" in quinn
    assert "No entries yet" in filled_cell(row_of(body, "Never Nell"))
    assert "today included" in body and "counted from its first entry" in body


def test_the_caseload_counts_the_same_as_the_shared_rule(nurse_client, diaries):
    body = caseload(nurse_client)
    for key, name in (("sue", "Steady Sue"), ("nina", "New Nina")):
        entries = DailyEntry.objects.for_patient(diaries[key])
        for days in (14, 28):
            figure = recent_days(entries, TODAY, days).completion
            assert f">{figure}<" in filled_cell(row_of(body, name))


def test_the_caseload_counts_the_days_the_diary_pdf_counts(nurse_client, diaries):
    body = caseload(nurse_client)
    for key, name in (("sue", "Steady Sue"), ("nina", "New Nina")):
        for days in (14, 28):
            start, end = last_days(TODAY, days)
            s = summarise(diary_report(diaries[key], start, end))
            assert f">{s.days_logged}/{s.days_in_range}<" in row_of(body, name)


def test_it_sorts_by_days_filled_in_fewest_first(nurse_client, diaries):
    # Rates: Nell and Quinn none, Nina 4 of 6, Sue 11 of 14 (23 of 28).
    order = ["Never Nell", "Quiet Quinn", "New Nina", "Steady Sue"]
    assert names(caseload(nurse_client, sort="completion_14")) == order
    assert names(caseload(nurse_client, sort="completion_28")) == order


def test_it_filters_fewer_than_7_of_the_last_14_days(nurse_client, diaries):
    body = caseload(nurse_client, filled_fewer=7, filled_days=14, sort="name")
    # Nina's 4 of 6 days is more than half: not listed for days before her diary.
    assert names(body) == ["Never Nell", "Quiet Quinn"]


def test_a_new_diary_is_held_to_the_same_share_of_its_days(nurse_client, diaries):
    # Fewer than 12 of 14: Sue's 11, and Nina's 4 of 6 (under 12/14 of 6 days).
    body = caseload(nurse_client, filled_fewer=12, filled_days=14)
    assert names(body) == ["Never Nell", "New Nina", "Quiet Quinn", "Steady Sue"]
    body = caseload(nurse_client, filled_fewer=24, filled_days=28)
    assert "Steady Sue" in names(body) and "New Nina" in names(body)
    body = caseload(nurse_client, filled_fewer=23, filled_days=28)
    assert "Steady Sue" not in names(body)


def test_another_teams_patient_is_never_shown(nurse_client, diaries):
    for params in (
        {},
        {"sort": "completion_14"},
        {"filled_fewer": 14, "filled_days": 14},
        {"filled_fewer": 28, "filled_days": 28, "sort": "completion_28"},
    ):
        assert "Olga Othersteam" not in caseload(nurse_client, **params)


@pytest.mark.parametrize(
    ("params", "message", "kept"),
    [
        (
            {"filled_fewer": "20", "filled_days": "14"},
            "For the last 14 days, enter a number of days from 1 to 14.",
            'value="20"',
        ),
        (
            {"filled_fewer": "lots"},
            "Enter a whole number of days, for example 7.",
            'value="lots"',
        ),
        (
            {"filled_fewer": "0"},
            "Enter a number of days from 1 to 28.",
            'value="0"',
        ),
        (
            {"filled_fewer": "5", "filled_days": "99"},
            "Choose the last 14 or the last 28 days.",
            'value="5"',
        ),
    ],
)
def test_bad_filter_values_show_a_message_and_the_list_still_works(
    nurse_client, diaries, params, message, kept
):
    response = nurse_client.get(reverse("nurse:caseload"), params)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body and kept in body
    assert len(rows(body)) == 4  # the filter is ignored, nobody is hidden


def record(nurse_client, patient) -> str:
    return nurse_client.get(
        reverse("nurse:patient", args=[patient.pk])
    ).content.decode()


def test_the_record_shows_90_days_filled_in_with_a_text_alternative(
    nurse_client, diaries
):
    body = record(nurse_client, diaries["sue"])
    section = body.split('id="completion"')[1].split("</section>")[0]
    summary = (
        "Filled in 35 of the 40 days since the diary began on 25 Oct; "
        "missed: 8 Nov, 13 Nov, 23 Nov, 1 to 2 Dec."
    )
    assert "<title>Days filled in, 5 Sep to 3 Dec 2026</title>" in section
    assert f"<desc>{summary}</desc>" in section
    assert f"<figcaption>{summary}" in section
    assert 'role="img"' in section


def test_a_diary_begun_5_days_ago_misses_only_its_own_days(nurse_client, diaries):
    body = record(nurse_client, diaries["nina"])
    assert (
        "Filled in 4 of the 6 days since the diary began on 28 Nov; "
        "missed: 30 Nov, 2 Dec." in body
    )


def test_a_diary_begun_today_reads_as_one_day(nurse_client, team):
    patient = make_patient(team, name="Tess Today")
    make_entry(patient, days_ago(0))
    body = record(nurse_client, patient)
    assert "Filled in 1 of 1 day (the diary began on 3 Dec)." in body


def test_a_diary_quiet_for_weeks_lists_its_missed_stretch(nurse_client, diaries):
    body = record(nurse_client, diaries["quinn"])
    assert (
        "Filled in 1 of the last 90 days; missed: 5 Sep to 12 Nov, 14 Nov to 3 Dec."
        in body
    )


def test_the_strip_draws_one_mark_per_day_told_apart_by_shape():
    start, end = last_days(TODAY, 90)
    logged = {TODAY - dt.timedelta(days=n) for n in (0, 3)}
    marks = day_marks(logged, start, end, began=TODAY - dt.timedelta(days=4))
    assert [m.mark for m in marks[-5:]] == [
        Mark.MISSED if n in (4, 2, 1) else Mark.ENTRY for n in (4, 3, 2, 1, 0)
    ]
    assert all(m.mark is Mark.BEFORE for m in marks[:-5])
    cells = completion_strip(marks, width=640, title="Days filled in").days.contents
    assert len(cells) == 90
    kinds = [type(c).__name__ for c in cells]
    assert kinds.count("Line") == 85 and kinds.count("Rect") == 5
    filled = [c.fillColor == BAR_COLOUR for c in cells[-5:]]
    assert filled == [False, True, False, False, True]


def test_days_between_counts_whole_days_in_the_database(db):
    make_patient()
    value = (
        PatientProfile.objects.annotate(
            n=DaysBetween(Value(TODAY), Value(dt.date(2026, 10, 25)))
        )
        .values_list("n", flat=True)
        .first()
    )
    assert value == 39
