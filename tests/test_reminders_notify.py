"""The GOV.UK Notify backend, with Notify's HTTP API mocked (responses)."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from io import StringIO

import pytest
import requests
import responses
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from diary.models import Reminder, SentReminder
from diary.reminders import senders

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
SMS_TEMPLATE = "a2f4f0c2-0c2e-4e1f-b9d5-4b8f7c1e2a33"
EMAIL_URL = "https://api.notifications.service.gov.uk/v2/notifications/email"
SMS_URL = "https://api.notifications.service.gov.uk/v2/notifications/sms"
LINKS = {
    "diary_url": "https://diary.example.org/today/",
    "unsubscribe_url": "https://diary.example.org/reminders/off/token/",
}


@pytest.fixture(autouse=True)
def notify(settings):
    settings.REMINDER_BACKEND = "notify"
    settings.NOTIFY_API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
    settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
    settings.SITE_URL = "https://diary.example.org"


def sent_json(call) -> dict:
    return json.loads(call.request.body)


@responses.activate
def test_an_email_goes_to_notifys_email_api_with_only_the_two_links():
    responses.post(EMAIL_URL, json={"id": "n-1"}, status=201)
    senders.send(senders.Message(email="pat@example.org", **LINKS))
    (call,) = responses.calls
    assert call.request.url == EMAIL_URL
    assert call.request.headers["Authorization"].startswith("Bearer ")
    assert sent_json(call) == {
        "email_address": "pat@example.org",
        "template_id": EMAIL_TEMPLATE,
        "personalisation": LINKS,
        "one_click_unsubscribe_url": LINKS["unsubscribe_url"],
    }


@responses.activate
def test_a_text_message_goes_to_notifys_sms_api():
    responses.post(SMS_URL, json={"id": "n-2"}, status=201)
    senders.send(senders.Message(phone="07700 900123", **LINKS))
    (call,) = responses.calls
    assert sent_json(call) == {
        "phone_number": "07700 900123",
        "template_id": SMS_TEMPLATE,
        "personalisation": LINKS,
    }


@responses.activate
@pytest.mark.parametrize("status", [400, 403, 429, 500, 503])
def test_notify_refusing_or_failing_is_a_send_failure(status):
    errors = {"errors": [{"error": "BadRequestError", "message": "no"}]}
    responses.post(EMAIL_URL, json={**errors, "status_code": status}, status=status)
    with pytest.raises(senders.SendFailed):
        senders.send(senders.Message(email="pat@example.org", **LINKS))


@responses.activate
def test_no_connection_to_notify_is_a_send_failure():
    responses.post(EMAIL_URL, body=requests.ConnectionError("no route"))
    with pytest.raises(senders.SendFailed):
        senders.send(senders.Message(email="pat@example.org", **LINKS))


def run_at_18_02() -> None:
    when = dt.datetime(2026, 12, 3, 18, 2, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    with time_machine.travel(when, tick=False):
        call_command("send_reminders", stdout=StringIO())


@responses.activate
def test_send_reminders_through_notify_sends_no_health_data(patient):
    Reminder.objects.create(patient=patient, local_time=dt.time(18))
    responses.post(EMAIL_URL, json={"id": "n-3"}, status=201)
    run_at_18_02()
    body = sent_json(responses.calls[0])
    assert body["email_address"] == patient.user.email
    assert set(body["personalisation"]) == {"diary_url", "unsubscribe_url"}
    assert body["personalisation"]["diary_url"] == "https://diary.example.org/today/"
    assert patient.user.full_name not in json.dumps(body)
    assert mail.outbox == []  # Notify sent it, not Django's mail


@responses.activate
def test_a_patient_who_chose_texts_gets_one_on_her_mobile(patient):
    patient.mobile_phone = "07700 900123"
    patient.save()
    Reminder.objects.create(patient=patient, local_time=dt.time(18), channel="sms")
    responses.post(SMS_URL, json={"id": "n-4"}, status=201)
    run_at_18_02()
    assert sent_json(responses.calls[0])["phone_number"] == "07700 900123"
    assert SentReminder.objects.get().channel == "sms"


@responses.activate
def test_texts_chosen_without_a_mobile_number_fall_back_to_email(patient):
    Reminder.objects.create(patient=patient, local_time=dt.time(18), channel="sms")
    responses.post(EMAIL_URL, json={"id": "n-5"}, status=201)
    run_at_18_02()
    assert sent_json(responses.calls[0])["email_address"] == patient.user.email


@responses.activate
def test_a_notify_failure_leaves_the_reminder_unsent_for_the_next_run(patient):
    Reminder.objects.create(patient=patient, local_time=dt.time(18))
    responses.post(EMAIL_URL, json={"errors": [], "status_code": 500}, status=500)
    with pytest.raises(CommandError):
        run_at_18_02()
    assert not SentReminder.objects.exists()
