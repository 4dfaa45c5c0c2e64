"""The caseload: every patient of the nurse's teams, searchable, sortable, paged."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from diary.charts import DayPoint, daily_series, series_summary
from diary.services import acknowledge_flag
from tests.factories import days_ago, make_entry, make_patient
from tests.nurse.helpers import amber_entry, red_entry


def caseload(client, **params) -> str:
    return client.get(reverse("nurse:caseload"), params).content.decode()


def rows(body: str) -> list[str]:
    return body.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]


def test_each_row_shows_last_entry_todays_level_and_open_flags(
    nurse_client, team, patient
):
    make_entry(patient, days_ago(5))
    red_entry(patient, days_ago(3))
    red_entry(patient, days_ago(0))
    (row,) = rows(caseload(nurse_client))
    assert "Pat Patient" in row
    assert f"{days_ago(0):%-d %b %Y}" in row and "today" in row
    assert '<span class="level-badge level-red">Red</span>' in row
    assert "<td>2</td>" in row  # two open flags


def test_a_patient_not_logged_today_says_so(nurse_client, team, patient):
    make_entry(patient, days_ago(4))
    (row,) = rows(caseload(nurse_client))
    assert "Not logged" in row and "4 days ago" in row


def test_the_sparkline_has_a_text_alternative(nurse_client, team, patient):
    make_entry(patient, days_ago(1), pain_score=6, fatigue_score=2)
    make_entry(patient, days_ago(2), pain_score=4, fatigue_score=2)
    (row,) = rows(caseload(nurse_client))
    assert "<svg" in row and 'role="img"' in row
    assert "<title>Pain and tiredness, last 14 days</title>" in row
    points = [DayPoint(days_ago(1), 6, 2), DayPoint(days_ago(2), 4, 2)]
    summary = series_summary(daily_series(days_ago(13), days_ago(0), points))
    assert f"<desc>{escape(summary)}</desc>" in row


def test_search_by_name_or_nhs_number(nurse_client, team):
    make_patient(team, name="Margaret Jones", nhs_number="9434765919")
    make_patient(team, name="Ruth Smith")
    by_name = caseload(nurse_client, q="jones")
    assert "Margaret Jones" in by_name and "Ruth Smith" not in by_name
    by_number = caseload(nurse_client, q="943 476 5919")
    assert "Margaret Jones" in by_number and "Ruth Smith" not in by_number


def test_digits_search_the_start_of_nhs_numbers_only(nurse_client, team):
    make_patient(team, name="Margaret Jones", nhs_number="9434765919")
    # Digits in a name (as in the benchmark's "Patient 2137") are not searched.
    make_patient(team, name="Patient 2137", nhs_number="4010232137")
    by_start = caseload(nurse_client, q="943-476")
    assert "Margaret Jones" in by_start and "Patient 2137" not in by_start
    assert "Patient 2137" not in caseload(nurse_client, q="2137")
    assert "Patient 2137" in caseload(nurse_client, q="401 023")


def test_filter_by_todays_level(nurse_client, team):
    red_entry(make_patient(team, name="Rita Red"), days_ago(0))
    amber_entry(make_patient(team, name="Amy Amber"), days_ago(0))
    make_patient(team, name="Nell Notoday")
    reds = caseload(nurse_client, level="red")
    assert "Rita Red" in reds and "Amy Amber" not in reds and "Nell Notoday" not in reds
    not_today = caseload(nurse_client, level="not_today")
    assert "Nell Notoday" in not_today and "Rita Red" not in not_today


def test_filter_by_days_not_logged(nurse_client, team):
    make_entry(make_patient(team, name="Five Days"), days_ago(5))
    make_entry(make_patient(team, name="One Day"), days_ago(1))
    make_patient(team, name="Never Logged")
    body = caseload(nurse_client, not_logged=5)
    assert "Five Days" in body and "Never Logged" in body and "One Day" not in body


def test_sort_by_level_puts_the_most_urgent_first(nurse_client, team):
    make_entry(make_patient(team, name="Aaron Fine"), days_ago(0))
    amber_entry(make_patient(team, name="Bella Amber"), days_ago(0))
    red_entry(make_patient(team, name="Zed Red"), days_ago(0))
    names = [
        r.split("</a>")[0].rsplit(">", 1)[1]
        for r in rows(caseload(nurse_client, sort="level"))
    ]
    assert names == ["Zed Red", "Bella Amber", "Aaron Fine"]


def test_sort_by_days_since_last_entry(nurse_client, team):
    make_entry(make_patient(team, name="Recent"), days_ago(1))
    make_entry(make_patient(team, name="Longest"), days_ago(9))
    names = [
        r.split("</a>")[0].rsplit(">", 1)[1]
        for r in rows(caseload(nurse_client, sort="quiet"))
    ]
    assert names == ["Longest", "Recent"]


def test_bad_filter_values_show_an_error_and_the_list_still_works(
    nurse_client, team, patient
):
    response = nurse_client.get(
        reverse("nurse:caseload"), {"not_logged": "lots", "sort": "x"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a whole number of days, for example 3." in body
    assert 'value="lots"' in body  # the value is kept
    assert "Pat Patient" in body


def test_the_caseload_is_paginated_and_keeps_the_filters(nurse_client, team):
    for n in range(30):
        make_patient(team, name=f"Paged {n:02d}")
    first = caseload(nurse_client, q="Paged")
    assert "Page 1 of 2" in first
    assert "?q=Paged&amp;page=2" in first
    second = caseload(nurse_client, q="Paged", page=2)
    assert "Paged 29" in second and "Paged 00" not in second


def test_it_shows_yesterdays_open_red_flag_as_red_with_its_day(nurse_client, patient):
    red_entry(patient, days_ago(1))
    (row,) = rows(caseload(nurse_client))
    assert '<span class="level-badge level-red">Red</span>' in row
    assert f"Open red flag from {days_ago(1):%a %-d %b}; not logged today" in row
    assert "Not logged yet" not in row


def test_it_keeps_the_highest_open_level_of_the_last_7_days_over_todays(
    nurse_client, patient
):
    red_entry(patient, days_ago(6))
    amber_entry(patient, days_ago(2))
    make_entry(patient, days_ago(0))
    (row,) = rows(caseload(nurse_client))
    assert '<span class="level-badge level-red">Red</span>' in row
    assert f"Open red flag from {days_ago(6):%a %-d %b}" in row


def test_it_forgets_an_acknowledged_or_older_red_flag(nurse_client, nurse, team):
    old = make_patient(team, name="Olive Older")
    red_entry(old, days_ago(7))
    seen = make_patient(team, name="Sean Seen")
    acknowledge_flag(
        flag=red_entry(seen, days_ago(1)).flags.get(),
        nurse=nurse,
        actions=["advised_ae"],
        note="Phoned, seen in clinic.",
    )
    for row in rows(caseload(nurse_client)):
        assert "Not logged yet" in row and "level-red" not in row


def test_it_filters_and_sorts_by_the_open_level_of_the_last_7_days(nurse_client, team):
    red_entry(make_patient(team, name="Yvonne Yesterday"), days_ago(1))
    amber_entry(make_patient(team, name="Amy Amber"), days_ago(0))
    make_entry(make_patient(team, name="Aaron Fine"), days_ago(0))
    reds = caseload(nurse_client, level="red")
    assert "Yvonne Yesterday" in reds and "Amy Amber" not in reds
    assert "Aaron Fine" not in reds
    names = [
        r.split("</a>")[0].rsplit(">", 1)[1]
        for r in rows(caseload(nurse_client, sort="level"))
    ]
    assert names == ["Yvonne Yesterday", "Amy Amber", "Aaron Fine"]


def test_each_sort_by_a_figure_breaks_ties_by_name(nurse_client, team):
    """The figure sorts end on the name copied onto the figures row (their
    index's order): a renamed patient takes her new place at once."""
    for name in ("Cara Same", "Anna Same", "Bea Same"):
        make_entry(make_patient(team, name=name), days_ago(0))
    renamed = team.patients.get(user__full_name="Cara Same").user
    renamed.full_name = "Aaron Same"
    renamed.save()
    for sort in ("level", "open_flags", "quiet", "completion_14", "completion_28"):
        names = [
            r.split("</a>")[0].rsplit(">", 1)[1]
            for r in rows(caseload(nurse_client, sort=sort))
        ]
        assert names == ["Aaron Same", "Anna Same", "Bea Same"], sort
