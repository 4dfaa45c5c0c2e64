from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from diary.models import DailyEntry, Flag
from diary.services import DuplicateEntry, record_entry
from tests.factories import days_ago, entry_data, form_post, make_entry


def test_an_entry_is_never_saved_without_its_flags(patient):
    with (
        mock.patch.object(
            Flag.objects, "bulk_create", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        record_entry(
            patient=patient, data=entry_data(difficulty_walking=True), by=patient.user
        )
    assert not DailyEntry.objects.exists()


def test_the_entry_and_its_flags_are_kept_when_the_guidance_page_fails(patient):
    client = Client(raise_request_exception=False)
    client.force_login(patient.user)
    with mock.patch("diary.views_guidance.guidance_context", side_effect=RuntimeError):
        response = client.post(
            reverse("today"), form_post(difficulty_walking="yes"), follow=True
        )
    assert response.status_code == 500
    assert Flag.objects.get(entry__patient=patient).level == "red"
    # Every other page still tells the patient what to do.
    assert "flag-banner level-red" in client.get(reverse("diary_list")).content.decode()


def test_creating_a_second_entry_for_a_day_raises_duplicate_entry(patient):
    make_entry(patient, days_ago(1))
    with pytest.raises(DuplicateEntry):
        record_entry(patient=patient, data=entry_data(days_ago(1)), by=patient.user)
    assert DailyEntry.objects.count() == 1


def test_a_back_filled_entry_is_judged_on_the_history_before_its_own_date(patient):
    # Back pain on day 3 is "new" (amber) even though later days had it too.
    make_entry(patient, days_ago(2), pain_sites=["back"])
    make_entry(patient, days_ago(1), pain_sites=["back"])
    entry = make_entry(patient, days_ago(3), pain_sites=["back"])
    assert entry.flags.get().rule_id.startswith("mscc.amber")
