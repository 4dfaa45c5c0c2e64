"""Red and amber alert emails: sent after commit, no clinical detail, retried."""

from __future__ import annotations

import logging
from smtplib import SMTPException
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from clinical.fields import ENTRY_FIELDS
from clinical.rules import CONDITIONS
from diary.models import AlertEmail, DailyEntry
from diary.services import record_entry
from tests.factories import days_ago, entry_data, form_post, make_entry, make_nurse
from tests.nurse.helpers import amber_entry, green_entry, red_entry

FAILING_BACKEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture
def named_nurse(team, patient):
    nurse = make_nurse(team, email="named.nurse@example.org")
    patient.named_nurse = nurse
    patient.save()
    return nurse


def test_a_red_entry_emails_the_team_and_the_named_nurse_after_commit(
    patient, named_nurse, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        entry = red_entry(patient, days_ago(0))
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.to == [patient.team.alert_email, "named.nurse@example.org"]
    alert = AlertEmail.objects.get(entry=entry)
    assert alert.sent_at is not None and alert.level == "red"


def test_a_named_nurse_who_left_the_team_is_not_emailed(
    patient, named_nurse, django_capture_on_commit_callbacks
):
    named_nurse.teams.clear()
    with django_capture_on_commit_callbacks(execute=True):
        red_entry(patient, days_ago(0))
    (message,) = mail.outbox
    assert message.to == [patient.team.alert_email]


def test_the_subject_has_no_clinical_detail_and_the_body_links_to_the_record(
    patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_entry(patient, days_ago(0), difficulty_walking=True, notes="legs heavy")
    (message,) = mail.outbox
    clinical = [
        *CONDITIONS.values(),
        *(f.label for f in ENTRY_FIELDS),
        "legs heavy",
        "mscc",
    ]
    for text in (*clinical, patient.user.full_name):
        assert text.lower() not in message.subject.lower()
    assert "red" in message.subject
    record_url = settings.SITE_URL + reverse("nurse:patient", args=[patient.pk])
    assert record_url in message.body
    for text in (*clinical, patient.user.full_name):
        assert text.lower() not in message.body.lower()


def test_amber_is_emailed_too_but_green_is_not(
    patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        green_entry(patient, days_ago(1))
    assert mail.outbox == [] and not AlertEmail.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        amber_entry(patient, days_ago(0))
    assert len(mail.outbox) == 1 and "amber" in mail.outbox[0].subject


def test_an_edit_that_keeps_the_same_flags_sends_no_second_email(
    patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = red_entry(patient, days_ago(0))
    with django_capture_on_commit_callbacks(execute=True):
        data = entry_data(days_ago(0), difficulty_walking=True, notes="added a note")
        record_entry(patient=patient, data=data, by=patient.user, entry=entry)
    assert len(mail.outbox) == 1


def test_a_send_failure_is_logged_and_never_loses_the_entry(
    patient, caplog, django_capture_on_commit_callbacks
):
    with (
        mock.patch(FAILING_BACKEND, side_effect=SMTPException("relay refused")),
        caplog.at_level(logging.ERROR, logger="diary.alerts"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        entry = red_entry(patient, days_ago(0))
    assert DailyEntry.objects.filter(pk=entry.pk, level="red").exists()
    alert = AlertEmail.objects.get()
    assert alert.sent_at is None and alert.attempts == 1
    assert "relay refused" in alert.last_error
    assert "could not be sent" in caplog.text


def test_a_patient_saving_a_red_entry_while_mail_is_down_still_gets_the_guidance(
    patient_client, patient, django_capture_on_commit_callbacks
):
    with (
        mock.patch(FAILING_BACKEND, side_effect=OSError("no route to host")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = patient_client.post(
            reverse("today"), form_post(difficulty_walking="yes")
        )
    entry = DailyEntry.objects.get(patient=patient)
    assert response.status_code == 302
    saved = reverse("entry_saved", kwargs={"day": entry.entry_date})
    assert response.url == f"{saved}#guidance"
    assert entry.level == "red" and entry.flags.open().exists()
    assert AlertEmail.objects.unsent().get().entry == entry


def test_send_pending_alerts_retries_unsent_ones(
    patient, django_capture_on_commit_callbacks
):
    with (
        mock.patch(FAILING_BACKEND, side_effect=SMTPException("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        red_entry(patient, days_ago(0))
    with (
        mock.patch(FAILING_BACKEND, side_effect=SMTPException("still down")),
        pytest.raises(CommandError, match="1 alert email"),
    ):
        call_command("send_pending_alerts")
    assert AlertEmail.objects.get().attempts == 2
    call_command("send_pending_alerts")
    alert = AlertEmail.objects.get()
    assert alert.sent_at is not None and alert.attempts == 3 and alert.last_error == ""
    assert len(mail.outbox) == 1
    call_command("send_pending_alerts")  # nothing left to send
    assert len(mail.outbox) == 1


def test_an_alert_is_stored_with_the_entry_even_before_it_is_sent(patient):
    """Without on-commit callbacks running (a crash after commit, say), the
    stored row is what send_pending_alerts finds."""
    entry = red_entry(patient, days_ago(0))
    assert AlertEmail.objects.unsent().get().entry == entry
    assert mail.outbox == []
