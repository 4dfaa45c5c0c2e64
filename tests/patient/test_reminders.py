"""Diary reminders: send_reminders under frozen time, the email, the
unsubscribe link and the "Remind me" form."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core import mail, signing
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import PatientProfile, User
from diary.models import AuditEvent, Reminder, SentReminder
from diary.reminders import service
from diary.reminders.rules import due_date
from tests.factories import make_entry, make_patient

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = dt.UTC
THURSDAY = dt.date(2026, 12, 3)  # GMT: London's clock is UTC's
SATURDAY = dt.date(2026, 12, 5)
CLOCKS_FORWARD = dt.date(2026, 3, 29)  # Sunday: 01:00 GMT becomes 02:00 BST
CLOCKS_BACK = dt.date(2026, 10, 25)  # Sunday: 02:00 BST becomes 01:00 GMT
WEEKDAYS = "01234"
EVERY_DAY = "0123456"

pytestmark = pytest.mark.django_db


def remind(patient: PatientProfile, **choice) -> Reminder:
    choice = {"local_time": dt.time(18, 0), "days": EVERY_DAY, **choice}
    return Reminder.objects.create(patient=patient, **choice)


def london(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def run_at(when: dt.datetime) -> None:
    with time_machine.travel(when, tick=False):
        call_command("send_reminders", stdout=StringIO())


def reminders_to(patient: PatientProfile) -> list:
    return [m for m in mail.outbox if m.to == [patient.user.email]]


# send_reminders


def test_a_reminder_is_sent_once_when_its_time_comes(patient):
    remind(patient)
    run_at(london(THURSDAY, 17, 58))
    assert reminders_to(patient) == []
    run_at(london(THURSDAY, 18, 2))
    run_at(london(THURSDAY, 18, 7))  # the next run: not again
    assert len(reminders_to(patient)) == 1
    assert SentReminder.objects.get().local_date == THURSDAY


def test_the_next_chosen_day_gets_its_own_reminder(patient):
    remind(patient)
    run_at(london(THURSDAY, 18, 2))
    run_at(london(THURSDAY + dt.timedelta(days=1), 18, 2))
    assert len(reminders_to(patient)) == 2


def test_no_reminder_more_than_two_hours_late(patient):
    remind(patient)
    run_at(london(THURSDAY, 20, 1))
    assert reminders_to(patient) == []


def test_no_reminder_on_a_day_she_did_not_choose(patient):
    remind(patient, days=WEEKDAYS)
    run_at(london(SATURDAY, 18, 2))
    assert reminders_to(patient) == []


def test_no_reminder_when_todays_entry_is_already_saved(patient):
    remind(patient)
    with time_machine.travel(london(THURSDAY, 9, 0), tick=False):
        make_entry(patient)
    run_at(london(THURSDAY, 18, 2))
    assert reminders_to(patient) == []


def test_yesterdays_entry_does_not_stop_todays_reminder(patient):
    remind(patient)
    with time_machine.travel(london(THURSDAY - dt.timedelta(days=1), 9), tick=False):
        make_entry(patient)
    run_at(london(THURSDAY, 18, 2))
    assert len(reminders_to(patient)) == 1


def test_no_reminder_once_she_turned_them_off(patient):
    remind(patient, on=False)
    run_at(london(THURSDAY, 18, 2))
    assert reminders_to(patient) == []


def test_no_reminder_after_the_unsubscribe_link(patient):
    remind(patient)
    Client().post(unsubscribe_url(patient))
    run_at(london(THURSDAY, 18, 2))
    assert reminders_to(patient) == []


def test_no_reminder_for_an_inactive_or_closed_account(patient):
    remind(patient)
    patient.user.is_active = False
    patient.user.save()
    run_at(london(THURSDAY, 18, 2))
    assert reminders_to(patient) == []


def test_18_00_on_the_sunday_the_clocks_go_forward_is_17_00_utc(patient):
    remind(patient)
    run_at(dt.datetime(2026, 3, 29, 16, 59, tzinfo=UTC))
    assert reminders_to(patient) == []
    run_at(dt.datetime(2026, 3, 29, 17, 0, tzinfo=UTC))
    assert len(reminders_to(patient)) == 1


def test_18_00_on_the_sunday_the_clocks_go_back_is_18_00_utc(patient):
    remind(patient)
    run_at(dt.datetime(2026, 10, 25, 17, 59, tzinfo=UTC))  # 17:59 GMT
    assert reminders_to(patient) == []
    run_at(dt.datetime(2026, 10, 25, 18, 0, tzinfo=UTC))
    assert len(reminders_to(patient)) == 1


def test_a_patient_in_another_time_zone_is_reminded_at_her_own_18_00(patient):
    remind(patient, time_zone="America/New_York")
    run_at(london(THURSDAY, 18, 2))  # 13:02 in New York
    assert reminders_to(patient) == []
    run_at(london(THURSDAY, 23, 2))  # 18:02 in New York
    assert len(reminders_to(patient)) == 1


def test_a_failed_send_is_not_counted_as_sent_and_the_next_run_retries(
    monkeypatch, patient
):
    remind(patient)

    def refused(self, messages):
        raise OSError("mail server down")

    with monkeypatch.context() as m:
        m.setattr(EmailBackend, "send_messages", refused)
        with pytest.raises(CommandError, match="1 reminder"):
            run_at(london(THURSDAY, 18, 2))
    assert not SentReminder.objects.exists()
    run_at(london(THURSDAY, 18, 7))
    assert len(reminders_to(patient)) == 1


def test_the_runs_after_sending_cost_three_queries_however_many_patients(
    django_assert_num_queries, team
):
    for _ in range(5):
        remind(make_patient(team))
    sent_at = london(THURSDAY, 18, 2)
    assert service.send_due_reminders(sent_at) == (5, 0)
    with django_assert_num_queries(3):  # reminders, sent today, entries today
        assert service.send_due_reminders(sent_at + dt.timedelta(minutes=5)) == (0, 0)


# The due rule on its own (pure)


@pytest.mark.parametrize(
    ("day", "utc_due"),
    [
        (THURSDAY, dt.datetime(2026, 12, 3, 18, 0, tzinfo=UTC)),
        (CLOCKS_FORWARD, dt.datetime(2026, 3, 29, 17, 0, tzinfo=UTC)),
        (CLOCKS_BACK, dt.datetime(2026, 10, 25, 18, 0, tzinfo=UTC)),
        (dt.date(2026, 7, 1), dt.datetime(2026, 7, 1, 17, 0, tzinfo=UTC)),
    ],
)
def test_the_rule_turns_her_18_00_into_that_days_utc_instant(day, utc_due):
    choice = {"local_time": dt.time(18), "weekdays": frozenset(range(7))}
    minute = dt.timedelta(minutes=1)
    assert due_date(utc_due - minute, zone=LONDON, **choice) is None
    assert due_date(utc_due, zone=LONDON, **choice) == day
    assert due_date(utc_due + dt.timedelta(hours=2), zone=LONDON, **choice) is None


# The email


def test_the_email_has_a_greeting_todays_link_and_a_one_click_unsubscribe(
    settings, patient
):
    settings.SITE_URL = "https://diary.example.org"
    remind(patient)
    with time_machine.travel(london(THURSDAY - dt.timedelta(days=1), 9), tick=False):
        make_entry(patient, pain_score=9, notes="a private note about my back")
    run_at(london(THURSDAY, 18, 2))
    (email,) = reminders_to(patient)
    assert email.body.startswith("Hello,")
    assert "https://diary.example.org/today/" in email.body
    unsubscribe = email.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://diary.example.org/reminders/off/")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in email.body


def test_the_email_holds_no_health_data(patient):
    remind(patient)
    with time_machine.travel(london(THURSDAY - dt.timedelta(days=1), 9), tick=False):
        make_entry(patient, pain_score=9, notes="a private note about my back")
    run_at(london(THURSDAY, 18, 2))
    (email,) = reminders_to(patient)
    text = f"{email.subject} {email.body}".lower()
    for health_word in ("pain", "private note", "back", "9/10", "cancer", "red"):
        assert health_word not in text
    assert patient.user.full_name.lower() not in text


# The unsubscribe link


def unsubscribe_url(patient: PatientProfile) -> str:
    token = service.unsubscribe_token(patient)
    return reverse("reminder_unsubscribe", args=[token])


def test_the_link_asks_first_without_signing_in_and_a_get_changes_nothing(patient):
    remind(patient)
    response = Client().get(unsubscribe_url(patient))
    assert response.status_code == 200
    assert b"Stop reminders" in response.content
    assert Reminder.objects.get().on


def test_the_link_turns_reminders_off_once_without_signing_in(patient):
    remind(patient)
    url = unsubscribe_url(patient)
    response = Client().post(url)
    assert response.status_code == 200
    assert b"We will not send you any more reminders" in response.content
    assert not Reminder.objects.get().on
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGED_REMINDER)
    assert event.patient == patient
    assert event.detail == {"on": False, "via": "unsubscribe_link"}
    again = Client().post(url)
    assert b"already off" in again.content
    assert AuditEvent.objects.filter(action="changed_reminder").count() == 1
    assert b"already off" in Client().get(url).content


def test_the_mail_clients_one_click_post_works_without_a_csrf_token(patient):
    remind(patient)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_url(patient),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 200
    assert not Reminder.objects.get().on


@pytest.mark.parametrize(
    "make_token",
    [
        lambda p: service.unsubscribe_token(p)[:-2] + "xx",
        lambda p: signing.dumps(p.pk, salt="another.purpose"),
        lambda p: signing.dumps(p.pk + 1, salt="wrong")[:-1],
        lambda p: "not-a-token",
    ],
)
def test_a_tampered_token_is_refused(patient, make_token):
    remind(patient)
    url = reverse("reminder_unsubscribe", args=[make_token(patient)])
    for response in (Client().get(url), Client().post(url)):
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    assert Reminder.objects.get().on


def test_the_link_works_in_a_browser_half_way_through_two_step_sign_in(client, patient):
    remind(patient)
    User.objects.filter(pk=patient.user_id).update(two_step_on=True)
    client.force_login(patient.user)  # the password step only
    assert b"Stop reminders" in client.get(unsubscribe_url(patient)).content
    client.post(unsubscribe_url(patient))
    assert not Reminder.objects.get().on


def test_one_patients_token_never_turns_off_anothers(patient, other_patient):
    remind(patient)
    remind(other_patient)
    Client().post(unsubscribe_url(patient))
    assert Reminder.objects.get(patient=other_patient).on


# The "Remind me" form


def test_the_account_page_links_to_the_reminders(patient_client):
    response = patient_client.get(reverse("account"))
    assert reverse("reminder_settings").encode() in response.content


def test_the_form_starts_off_at_18_00_on_weekdays(patient_client):
    form = patient_client.get(reverse("reminder_settings")).context["form"]
    assert form.initial["on"] == "off"
    assert form.initial["local_time"] == dt.time(18, 0)
    assert form.initial["days"] == list(WEEKDAYS)
    assert "channel" not in form.fields  # no Notify: email only


def test_saving_the_form_turns_reminders_on_and_is_audited(patient_client, patient):
    response = patient_client.post(
        reverse("reminder_settings"),
        {
            "on": "on",
            "local_time": "07:30",
            "days": ["0", "2", "4"],
            "time_zone": "Europe/London",
        },
    )
    assert response.status_code == 302
    reminder = Reminder.objects.get(patient=patient)
    assert (reminder.on, reminder.local_time, reminder.days) == (
        True,
        dt.time(7, 30),
        "024",
    )
    assert reminder.channel == "email"
    event = AuditEvent.objects.get(action=AuditEvent.Action.CHANGED_REMINDER)
    assert (event.actor, event.patient) == (patient.user, patient)
    assert event.detail == {"on": True, "via": "account_page"}


def test_choosing_no_reminders_turns_them_off(patient_client, patient):
    remind(patient)
    patient_client.post(
        reverse("reminder_settings"),
        {"on": "off", "local_time": "18:00", "time_zone": "Europe/London"},
    )
    assert not Reminder.objects.get(patient=patient).on


def test_reminders_on_with_no_day_is_an_error_by_the_days_and_keeps_the_values(
    patient_client, patient
):
    response = patient_client.post(
        reverse("reminder_settings"),
        {"on": "on", "local_time": "07:30", "time_zone": "Europe/Paris"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"days": ["Choose at least one day, or choose No reminders."]}
    assert b'value="07:30"' in response.content
    assert b'<option value="Europe/Paris" selected>' in response.content
    assert b"Error: Diary reminders" in response.content
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("local_time", "25:00"), ("local_time", ""), ("time_zone", "Mars/Olympus")],
)
def test_a_wrong_time_or_zone_is_an_error_by_that_field(patient_client, field, value):
    data = {"on": "on", "local_time": "18:00", "days": ["0"]}
    data["time_zone"] = "Europe/London"
    data[field] = value
    response = patient_client.post(reverse("reminder_settings"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Reminder.objects.exists()


def test_text_messages_are_offered_only_with_notify_and_a_mobile_number(
    settings, patient_client, patient
):
    settings.REMINDER_BACKEND = "notify"
    settings.NOTIFY_SMS_TEMPLATE_ID = "sms-template"
    url = reverse("reminder_settings")
    assert "channel" not in patient_client.get(url).context["form"].fields
    patient.mobile_phone = "07700 900123"
    patient.save()
    assert "channel" in patient_client.get(url).context["form"].fields
