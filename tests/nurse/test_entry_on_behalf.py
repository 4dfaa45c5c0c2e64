"""A nurse records an entry for the patient, e.g. after a phone call."""

from __future__ import annotations

from django.urls import reverse

from diary.models import AuditEvent, DailyEntry
from tests.factories import days_ago, form_post, make_entry


def new_entry_url(patient) -> str:
    return reverse("nurse:entry_new", args=[patient.pk])


def test_the_entry_is_checked_by_the_same_rules_and_marked_as_the_nurses(
    nurse_client, nurse, patient
):
    response = nurse_client.post(
        new_entry_url(patient), form_post(difficulty_walking="yes")
    )
    entry = DailyEntry.objects.get(patient=patient)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "nurse:entry", args=[patient.pk, entry.entry_date]
    )
    assert entry.entered_by == nurse
    assert entry.level == "red"
    assert entry.flags.get().condition == "mscc"
    event = AuditEvent.objects.get(action="recorded_entry")
    assert event.actor == nurse and event.detail["level"] == "red"


def test_the_nurses_entry_reaches_the_queue_and_says_who_entered_it(
    nurse_client, patient
):
    nurse_client.post(new_entry_url(patient), form_post(difficulty_walking="yes"))
    assert "(by a nurse)" in nurse_client.get(reverse("nurse:queue")).content.decode()
    record = nurse_client.get(
        reverse("nurse:patient", args=[patient.pk])
    ).content.decode()
    assert "Entered by Nora Nurse for the patient." in record


def test_the_form_asks_the_bone_drug_questions_only_when_they_apply(
    nurse_client, patient
):
    assert (
        'name="loose_teeth"'
        not in nurse_client.get(new_entry_url(patient)).content.decode()
    )
    patient.bone_therapy = "denosumab"
    patient.save()
    assert (
        'name="loose_teeth"'
        in nurse_client.get(new_entry_url(patient)).content.decode()
    )


def test_a_day_that_already_has_an_entry_is_refused_and_the_answers_kept(
    nurse_client, patient
):
    make_entry(patient, days_ago(0), pain_score=2)
    response = nurse_client.post(
        new_entry_url(patient), form_post(pain_score="9", notes="After phone call")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is already an entry for this day" in body
    assert "After phone call" in body
    assert DailyEntry.objects.get(patient=patient).pain_score == 2


def test_bad_answers_are_refused_next_to_the_field(nurse_client, patient):
    response = nurse_client.post(new_entry_url(patient), form_post(pain_score="11"))
    assert response.status_code == 400
    assert "Choose a pain score from 0 to 10." in response.content.decode()
    assert not DailyEntry.objects.exists() and not AuditEvent.objects.exists()


def test_the_same_date_window_as_the_patient(nurse_client, patient):
    response = nurse_client.post(new_entry_url(patient), form_post(days_ago(8)))
    assert response.status_code == 400
    assert "You can only fill in the last 7 days." in response.content.decode()
