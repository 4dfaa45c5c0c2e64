"""My diary lists the missed days of the last week, each opening a blank form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from diary.models import DailyEntry
from tests.factories import days_ago, form_post, make_entry

pytestmark = pytest.mark.django_db


def joined(patient, days: int) -> None:
    User.objects.filter(pk=patient.user.pk).update(
        date_joined=timezone.now() - dt.timedelta(days=days)
    )


def missed(patient_client) -> list[dt.date]:
    return patient_client.get(reverse("diary_list")).context["missed_days"]


def test_it_lists_the_days_of_the_last_week_without_an_entry(patient_client, patient):
    joined(patient, 30)
    for n in (0, 1, 3, 8):
        make_entry(patient, days_ago(n))
    assert missed(patient_client) == [days_ago(n) for n in (2, 4, 5, 6, 7)]
    page = patient_client.get(reverse("diary_list")).content.decode()
    assert reverse("entry_edit", kwargs={"day": days_ago(2)}) in page
    assert "Fill in this day" in page


def test_it_lists_no_day_before_the_diary_began(patient_client, patient):
    joined(patient, 2)
    assert missed(patient_client) == [days_ago(1), days_ago(2)]


def test_a_day_a_nurse_recorded_before_the_account_began_counts_as_the_start(
    patient_client, patient
):
    joined(patient, 1)
    make_entry(patient, days_ago(4))
    assert missed(patient_client) == [days_ago(n) for n in (1, 2, 3)]


def test_a_missed_day_opens_a_blank_form_for_that_date(patient_client, patient):
    joined(patient, 30)
    make_entry(patient, days_ago(0), notes="today's own note", pain_score=7)
    page = patient_client.get(reverse("entry_edit", kwargs={"day": days_ago(3)}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "today's own note" not in html
    assert page.context["form"].initial.get("pain_score") is None
    assert f'value="{days_ago(3).isoformat()}"' in html


def test_filling_in_a_missed_day_saves_that_day_only(patient_client, patient):
    joined(patient, 30)
    make_entry(patient, days_ago(0), notes="today's")
    url = reverse("entry_edit", kwargs={"day": days_ago(3)})
    response = patient_client.post(url, form_post(days_ago(3), notes="back-filled"))
    assert response.status_code == 302
    assert dict(
        DailyEntry.objects.filter(patient=patient).values_list("entry_date", "notes")
    ) == {days_ago(0): "today's", days_ago(3): "back-filled"}
    assert days_ago(3) not in missed(patient_client)


def test_a_full_first_page_means_the_diary_began_before_the_window():
    from diary.patient.views import missed_days

    today = dt.date(2026, 12, 3)
    newest = [today - dt.timedelta(days=n) for n in (0, 2, *range(9, 21))]
    joined = today  # an account moved over today, its diary recorded by nurses
    assert missed_days(newest, joined, today) == [
        today - dt.timedelta(days=n) for n in (1, 3, 4, 5, 6, 7)
    ]
