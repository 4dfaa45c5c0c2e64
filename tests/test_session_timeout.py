"""The idle timeout (WCAG 2.2.1): short for nurses, long for patients."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, log_in

KEEP_ALIVE = reverse("keep_alive")
PASSWORD_CHANGE = reverse("password_change")


def session_cookie_max_age(response) -> int:
    return int(response.cookies[django_settings.SESSION_COOKIE_NAME]["max-age"])


def later(**kwargs) -> mock._patch:
    """The clock the database session backend checks expiry against, moved on."""
    return mock.patch(
        "django.contrib.sessions.backends.db.timezone.now",
        return_value=timezone.now() + dt.timedelta(**kwargs),
    )


def test_a_nurse_session_ends_after_15_idle_minutes_by_default(nurse_client):
    response = nurse_client.post(KEEP_ALIVE)
    assert response.status_code == 204
    assert session_cookie_max_age(response) == 15 * 60
    assert nurse_client.session.get_expiry_age() == 15 * 60


def test_the_nurse_timeout_is_configurable(nurse_client, settings):
    settings.NURSE_SESSION_IDLE_SECONDS = 10 * 60
    response = nurse_client.post(KEEP_ALIVE)
    assert session_cookie_max_age(response) == 10 * 60


def test_a_patient_session_lasts_much_longer(patient_client, settings):
    response = patient_client.post(KEEP_ALIVE)
    assert session_cookie_max_age(response) == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE >= 4 * settings.NURSE_SESSION_IDLE_SECONDS


def test_the_patient_timeout_is_configurable(patient_client, settings):
    settings.SESSION_COOKIE_AGE = 6 * 60 * 60
    response = patient_client.post(KEEP_ALIVE)
    assert session_cookie_max_age(response) == 6 * 60 * 60


def test_logging_in_as_a_nurse_already_gets_the_short_timeout(client, nurse):
    response = client.post(
        reverse("login"), {"username": nurse.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert session_cookie_max_age(response) == 15 * 60


def test_an_idle_nurse_has_to_log_in_again(nurse_client):
    nurse_client.post(KEEP_ALIVE)
    with later(minutes=16):
        response = nurse_client.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_nurse_active_within_15_minutes_stays_logged_in(nurse_client):
    nurse_client.post(KEEP_ALIVE)
    with later(minutes=14):
        assert nurse_client.post(KEEP_ALIVE).status_code == 204
    # The request at minute 14 restarted the clock.
    with later(minutes=28):
        assert nurse_client.get(PASSWORD_CHANGE).status_code == 200


def test_a_patient_idle_for_an_hour_is_still_logged_in(patient_client):
    patient_client.post(KEEP_ALIVE)
    with later(hours=1):
        assert patient_client.get(reverse("today")).status_code == 200


def test_pages_tell_the_warning_script_the_users_timeout(nurse_client, client):
    page = nurse_client.get(PASSWORD_CHANGE).content.decode()
    assert 'data-idle-seconds="900"' in page
    assert 'role="alertdialog"' in page
    assert 'src="/static/js/session-timeout.js"' in page


def test_the_signed_out_login_page_has_no_timeout_warning(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "data-idle-seconds" not in page
    assert "session-timeout.js" not in page


@pytest.mark.parametrize("method", ["get", "put"])
def test_keep_alive_only_answers_post(nurse_client, method):
    assert getattr(nurse_client, method)(KEEP_ALIVE).status_code == 405


def test_keep_alive_does_not_revive_an_ended_session(db):
    response = Client().post(KEEP_ALIVE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_keep_alive_needs_the_csrf_token(nurse):
    client = Client(enforce_csrf_checks=True)
    log_in(client, nurse)
    assert client.post(KEEP_ALIVE).status_code == 403


def session_writes(client, url: str) -> int:
    """UPDATEs of the session row while answering one request."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return sum(
        q["sql"].startswith("UPDATE") and "django_session" in q["sql"] for q in queries
    )


def test_pages_within_a_minute_do_not_write_the_session_again(nurse_client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        nurse_client.post(KEEP_ALIVE)
        clock.shift(dt.timedelta(seconds=59))
        response = nurse_client.get(PASSWORD_CHANGE)
        assert django_settings.SESSION_COOKIE_NAME not in response.cookies
        assert session_writes(nurse_client, PASSWORD_CHANGE) == 0


def test_a_page_a_minute_later_restarts_the_clock(nurse_client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        nurse_client.post(KEEP_ALIVE)
        clock.shift(dt.timedelta(seconds=60))
        response = nurse_client.get(PASSWORD_CHANGE)
        assert session_cookie_max_age(response) == 15 * 60
        # ...so 15 minutes after that page, not after the keep-alive, it ends.
        clock.shift(dt.timedelta(minutes=14, seconds=30))
        assert nurse_client.get(PASSWORD_CHANGE).status_code == 200


def test_stay_logged_in_always_restarts_the_clock(nurse_client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        nurse_client.post(KEEP_ALIVE)
        clock.shift(dt.timedelta(seconds=5))
        response = nurse_client.post(KEEP_ALIVE)
        assert session_cookie_max_age(response) == 15 * 60


def test_a_nurse_idle_for_15_minutes_after_a_page_is_signed_out_however_recent_the_save(
    nurse_client,
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        nurse_client.post(KEEP_ALIVE)
        clock.shift(dt.timedelta(seconds=30))
        nurse_client.get(PASSWORD_CHANGE)  # not saved: the clock is 30 s old
        clock.shift(dt.timedelta(minutes=14, seconds=31))
        # 14:31 idle since the page, 15:01 since the clock: at most a step short.
        response = nurse_client.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
