"""A nurse records the day during a phone call and deals with what it raises
there and then: ticked, its flags open and close at once as hers, and no
alert email goes to the team (issue 15, item 8)."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from diary.models import Acknowledgement, AlertEmail, AuditEvent, ClinicalNote, Flag
from tests.factories import form_post

DEALT_WITH = {
    "dealt_with": "on",
    "call_action": ["advised_ae", "phoned_patient"],
    "call_note": "Spoke to her: going to A&E now.",
}


def new_entry_url(patient) -> str:
    return reverse("nurse:entry_new", args=[patient.pk])


def test_ticked_the_flag_closes_at_once_as_hers_and_no_email_is_sent(
    nurse_client, nurse, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = nurse_client.post(
            new_entry_url(patient), form_post(difficulty_walking="yes", **DEALT_WITH)
        )
    assert response.status_code == 302
    flag = Flag.objects.get(entry__patient=patient)
    assert flag.level == "red" and flag.status == "acknowledged"
    assert not Flag.objects.open().exists()
    ack = Acknowledgement.objects.get(flag=flag)
    assert ack.nurse == nurse
    assert ack.actions == ["phoned_patient", "advised_ae"]
    assert ack.note == "Spoke to her: going to A&E now."
    assert mail.outbox == [] and not AlertEmail.objects.exists()
    assert AuditEvent.objects.get(action="acknowledged_flag").detail["during_call"]
    page = nurse_client.get(response["Location"]).content.decode()
    assert "You acknowledged its flags; no alert email was sent." in page
    queue = nurse_client.get(reverse("nurse:queue")).content.decode()
    assert "No open red or amber flags." in queue


def test_unticked_the_flag_stays_open_and_the_team_is_emailed(
    nurse_client, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = nurse_client.post(
            new_entry_url(patient), form_post(difficulty_walking="yes")
        )
    assert response.status_code == 302
    assert Flag.objects.open().get(entry__patient=patient).level == "red"
    assert not Acknowledgement.objects.exists()
    assert len(mail.outbox) == 1


def test_ticked_it_needs_an_action_and_a_note_and_saves_nothing_without(
    nurse_client, patient
):
    response = nurse_client.post(
        new_entry_url(patient),
        form_post(difficulty_walking="yes", dealt_with="on"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tick at least one thing you did during the call." in body
    assert "Write a note about what you did." in body
    assert re.search(r'name="dealt_with"[^>]*\bchecked\b', body)
    assert not Flag.objects.exists()


def test_actions_without_the_tick_are_refused_rather_than_dropped(
    nurse_client, patient
):
    response = nurse_client.post(
        new_entry_url(patient),
        form_post(
            difficulty_walking="yes",
            call_action=["phoned_patient"],
            call_note="Rang her.",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tick &#x27;I have dealt with this during the call&#x27;" in body
    assert "Rang her." in body
    assert not Flag.objects.exists()


def test_ticked_on_a_day_without_flags_what_she_did_becomes_a_clinical_note(
    nurse_client, nurse, patient
):
    response = nurse_client.post(
        new_entry_url(patient),
        form_post(
            call_action=["no_action_needed"],
            **{
                "dealt_with": "on",
                "call_note": "All well today.",
            },
        ),
    )
    assert response.status_code == 302
    note = ClinicalNote.objects.get(patient=patient)
    assert note.author == nurse
    assert note.text.startswith("No action needed (during the call")
    assert note.text.endswith("All well today.")
    assert not Acknowledgement.objects.exists()
