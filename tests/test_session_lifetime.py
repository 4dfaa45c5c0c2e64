"""However active, a session ends a fixed time after signing in: 12 hours for
nurses and staff, 30 days for patients (settings)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

KEEP_ALIVE = reverse("keep_alive")
START = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


def signed_in(email: str) -> Client:
    client = Client()
    with time_machine.travel(START, tick=False):
        response = client.post(
            reverse("login"), {"username": email, "password": PASSWORD}
        )
    assert response.status_code == 302
    return client


def still_signed_in(client: Client, at: dt.datetime) -> bool:
    with time_machine.travel(at, tick=False):
        return client.post(KEEP_ALIVE).status_code == 204


def active_until(
    client: Client, end: dt.timedelta, step: dt.timedelta, start: dt.datetime = START
) -> None:
    """A request every `step` (inside the idle timeout) until just before
    `start` + `end`."""
    at = start + step
    while at < start + end:
        assert still_signed_in(client, at), at
        at += step


def test_an_active_nurse_session_ends_12_hours_after_signing_in(nurse):
    client = signed_in(nurse.email)
    active_until(client, dt.timedelta(hours=12), step=dt.timedelta(minutes=10))
    assert still_signed_in(client, START + dt.timedelta(hours=11, minutes=59))
    assert not still_signed_in(client, START + dt.timedelta(hours=12, minutes=1))
    with time_machine.travel(START + dt.timedelta(hours=12, minutes=2), tick=False):
        response = client.get(reverse("nurse:queue"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_active_patient_session_ends_30_days_after_signing_in(patient):
    client = signed_in(patient.user.email)
    active_until(client, dt.timedelta(days=30), step=dt.timedelta(hours=11))
    assert still_signed_in(client, START + dt.timedelta(days=29, hours=23))
    assert not still_signed_in(client, START + dt.timedelta(days=30, minutes=1))


def test_the_lifetimes_are_settings(nurse, patient, settings):
    settings.NURSE_SESSION_MAX_SECONDS = 60 * 60
    settings.PATIENT_SESSION_MAX_SECONDS = 2 * 60 * 60
    as_nurse, as_patient = signed_in(nurse.email), signed_in(patient.user.email)
    every_ten_minutes = dt.timedelta(minutes=10)
    active_until(as_nurse, dt.timedelta(hours=1), step=every_ten_minutes)
    active_until(as_patient, dt.timedelta(hours=1), step=every_ten_minutes)
    assert not still_signed_in(as_nurse, START + dt.timedelta(minutes=61))
    assert still_signed_in(as_patient, START + dt.timedelta(minutes=100))
    assert not still_signed_in(as_patient, START + dt.timedelta(minutes=121))


def test_signing_in_again_starts_a_new_lifetime(nurse):
    client = signed_in(nurse.email)
    active_until(client, dt.timedelta(hours=12), step=dt.timedelta(minutes=10))
    again = START + dt.timedelta(hours=12, minutes=5)
    with time_machine.travel(again, tick=False):
        client.post(reverse("login"), {"username": nurse.email, "password": PASSWORD})
    active_until(
        client, dt.timedelta(hours=11), step=dt.timedelta(minutes=10), start=again
    )
