from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from diary.models import DailyEntry, Flag
from diary.services import DuplicateEntry, record_entry
from tests.factories import days_ago, entry_data, form_post, log_in, make_entry


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
    log_in(client, patient.user)
    with mock.patch(
        "diary.patient.guidance.guidance_context", side_effect=RuntimeError
    ):
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


def test_back_filling_a_day_raises_a_later_entry_it_is_history_for(patient):
    # Back pain 6 three days ago and today: steady, no flag. A back-filled
    # back pain of 2 yesterday brings the mean down to 4: today's 6 is rising.
    make_entry(patient, days_ago(3), pain_score=6, pain_sites=["back"])
    today = make_entry(patient, pain_score=6, pain_sites=["back"])
    assert today.level == "none"
    make_entry(patient, days_ago(1), pain_score=2, pain_sites=["back"])
    today.refresh_from_db()
    flag = today.flags.get()
    assert (today.level, flag.rule_id, flag.status) == (
        "amber",
        "mscc.amber.rising_back_pain",
        "open",
    )
    assert flag.alert_emails.exists()


def test_back_filling_a_day_adds_a_trend_flag_to_a_later_entry(patient):
    make_entry(patient, days_ago(1), pain_score=7)
    today = make_entry(patient, pain_score=7)
    make_entry(patient, days_ago(2), pain_score=7)
    assert today.flags.get().condition == "uncontrolled_pain"
    today.refresh_from_db()
    assert today.level == "green"


def test_back_filling_a_day_never_lowers_or_withdraws_a_later_entrys_flags(patient):
    # Today's finger numbness is new (red). Back-filling yesterday's numbness
    # would make it "ongoing" (amber): the red flag the patient saw stays.
    today = make_entry(patient, numbness=["fingers"])
    make_entry(patient, days_ago(1), numbness=["fingers"])
    today.refresh_from_db()
    flag = today.flags.get()
    assert (today.level, flag.level, flag.status) == ("red", "red", "open")


def test_a_later_entry_raised_to_a_second_amber_becomes_red(patient):
    make_entry(patient, days_ago(3), pain_score=6, pain_sites=["back"])
    today = make_entry(patient, pain_score=6, pain_sites=["back"], leg_swelling=True)
    assert today.level == "amber"
    make_entry(patient, days_ago(1), pain_score=2, pain_sites=["back"])
    today.refresh_from_db()
    assert (today.level, today.escalated) == ("red", True)
