"""The queue and the caseload cost the same number of queries for 10 or 200 patients."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import PatientProfile
from diary import figures
from diary.nurse import views
from tests.nurse.helpers import bulk_caseload

# The session read (its save is once a minute: the idle clock), user, then
# the page's own counts and lists (the queue's includes its profiles not yet
# reviewed), and the page's one audit row: a fixed budget, not one per row.
# Two for the teams' working hours and bank holidays (overdue marks), and one
# for the caseload's stored figures: whether any is of an earlier day
# (diary.figures; their recompute, once a day, is counted below). Two for
# the flag cards' teams and the users who entered their days (read apart from
# the cards' own query, which PostgreSQL planned slowly as one wide join).
MAX_QUERIES = 16
# The day's recompute: look for patients without a row, lock, compute, write
# (one compute more per diary.figures.BATCH patients, and one write more per
# as many rows as the database takes in one INSERT: on SQLite about 75).
RECOMPUTE_QUERIES = 4


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("nurse:queue"),
        reverse("nurse:caseload"),
        reverse("nurse:caseload") + "?sort=level",
        reverse("nurse:caseload") + "?not_logged=3&sort=quiet",
        reverse("nurse:caseload") + "?q=bulk&level=amber&sort=open_flags",
        reverse("nurse:caseload") + "?sort=completion_14",
        reverse("nurse:caseload") + "?filled_fewer=7&filled_days=14&sort=completion_28",
        reverse("nurse:review"),
    ],
)
def test_page_queries_do_not_grow_with_the_number_of_patients(
    nurse_client, team, url, django_assert_max_num_queries, monkeypatch
):
    # The queue counts its green and quiet lists only when their previews
    # are full; previews of one are full for 10 patients as for 200.
    monkeypatch.setattr(views, "PREVIEW_SIZE", 1)
    bulk_caseload(team, 10)
    figures.refresh_stale(PatientProfile.objects.all(), timezone.localdate())
    with django_assert_max_num_queries(MAX_QUERIES):
        with_10 = queries_for(nurse_client, url)
    bulk_caseload(team, 190, start=10)
    figures.refresh_stale(PatientProfile.objects.all(), timezone.localdate())
    with django_assert_max_num_queries(MAX_QUERIES):
        with_200 = queries_for(nurse_client, url)
    assert with_10 == with_200


def test_the_first_page_of_a_day_recomputes_in_a_few_queries(nurse_client, team):
    bulk_caseload(team, 10)
    first = queries_for(nurse_client, reverse("nurse:caseload"))
    then = queries_for(nurse_client, reverse("nurse:caseload"))
    assert first == then + RECOMPUTE_QUERIES


def test_the_bulk_caseload_fills_every_part_of_the_queue(nurse_client, team):
    """So the counts above cover red, amber, green and quiet rows alike."""
    bulk_caseload(team, 10)
    body = nurse_client.get(reverse("nurse:queue")).content.decode()
    urgent = body[body.index('id="urgent-heading"') : body.index('id="green-heading"')]
    green = body[body.index('id="green-heading"') : body.index('id="quiet-heading"')]
    quiet = body[body.index('id="quiet-heading"') :]
    assert "level-red" in urgent and "level-amber" in urgent
    assert "Bulk Patient" in green and "Bulk Patient" in quiet


def test_the_patient_record_queries_do_not_grow_with_its_entries(
    nurse_client, team, django_assert_max_num_queries
):
    bulk_caseload(team, 1, days=5)
    patient = team.patients.get()
    url = reverse("nurse:patient", args=[patient.pk])
    few = queries_for(nurse_client, url)
    patient.entries.all().delete()
    bulk_caseload(team, 1, days=90, start=1)
    patient = team.patients.last()
    url = reverse("nurse:patient", args=[patient.pk])
    assert queries_for(nurse_client, url) == few
