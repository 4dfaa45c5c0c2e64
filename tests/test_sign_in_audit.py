"""Every sign-in event leaves exactly one audit row with who (the account the
address is, or nobody), what and when: the password right or wrong (with the
address tried, never the password), the lock, signing out, and the second
step's codes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from accounts import mfa, throttle
from accounts.models import User
from diary.models import AuditEvent
from tests.factories import PASSWORD, log_in

LOGIN = reverse("login")
VERIFY = reverse("otp_verify")
Action = AuditEvent.Action


def sign_in(client: Client, address: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": address, "password": password})


def only_event(after: int = 0) -> AuditEvent:
    """The one row the action wrote (after the row with pk `after`)."""
    [event] = AuditEvent.objects.filter(pk__gt=after)
    return event


def last_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def assert_no_password_in_the_trail(*passwords: str) -> None:
    for event in AuditEvent.objects.all():
        for password in passwords:
            assert password not in str(event.detail)


def test_a_right_password_is_one_signed_in_row(client, patient):
    before = timezone.now()
    sign_in(client, patient.user.email)
    event = only_event()
    assert (event.actor, event.action) == (patient.user, Action.SIGNED_IN)
    assert event.detail["email"] == patient.user.email
    assert event.detail["via"] == "password"
    assert event.at >= before and event.patient is None
    assert_no_password_in_the_trail(PASSWORD)


def test_a_wrong_password_is_one_failed_row_with_the_address_not_the_password(
    client, patient
):
    sign_in(client, patient.user.email.upper(), "my-wrong-secret")
    event = only_event()
    assert (event.actor, event.action) == (patient.user, Action.SIGN_IN_FAILED)
    assert event.detail["email"] == patient.user.email.upper()
    assert event.detail["reason"] == "wrong_password"
    assert_no_password_in_the_trail("my-wrong-secret")


def test_an_address_that_is_no_account_is_recorded_with_no_actor(db, client):
    sign_in(client, "stranger@example.org", "guess-1")
    event = only_event()
    assert event.actor is None and event.action == Action.SIGN_IN_FAILED
    assert event.detail["email"] == "stranger@example.org"
    assert_no_password_in_the_trail("guess-1")


def test_the_last_wrong_password_is_one_lock_out_row(client, patient):
    for n in range(throttle.MAX_FAILURES - 1):
        sign_in(client, patient.user.email, f"wrong-{n}")
    assert AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).count() == 9
    sign_in(client, patient.user.email, "wrong-last")
    lock = AuditEvent.objects.get(action=Action.LOCKED_OUT)
    assert lock.actor == patient.user and lock.detail["until"]
    assert AuditEvent.objects.count() == throttle.MAX_FAILURES


def test_a_try_while_locked_is_a_failed_row_saying_locked(client, patient):
    for n in range(throttle.MAX_FAILURES):
        sign_in(client, patient.user.email, f"wrong-{n}")
    sign_in(client, patient.user.email)  # the right password, refused
    event = AuditEvent.objects.order_by("-pk").first()
    assert event.action == Action.SIGN_IN_FAILED and event.detail["reason"] == "locked"
    assert not AuditEvent.objects.filter(action=Action.SIGNED_IN).exists()


def test_a_try_from_a_network_past_its_limit_says_network_locked(db, client):
    for n in range(throttle.IP_MAX_FAILURES):
        sign_in(client, f"someone{n}@example.org", "guess")
    before = last_pk()
    sign_in(client, "one-more@example.org", "guess")
    event = only_event(after=before)
    assert event.action == Action.SIGN_IN_FAILED and event.actor is None
    assert event.detail["reason"] == "network_locked"


def test_a_non_staff_password_at_the_admin_is_a_failed_row(client, patient):
    client.post(
        reverse("admin:login"),
        {"username": patient.user.email, "password": PASSWORD},
    )
    event = only_event()
    assert event.action == Action.SIGN_IN_FAILED
    assert event.detail["reason"] == "not_allowed"


def test_signing_out_is_one_row(client, patient):
    log_in(client, patient.user)
    client.post(reverse("logout"))
    event = only_event()
    assert (event.actor, event.action) == (patient.user, Action.SIGNED_OUT)
    assert event.detail == {"reason": "signed_out"}


def test_the_end_of_the_sessions_lifetime_is_a_signed_out_row(nurse, settings):
    settings.NURSE_SESSION_IDLE_SECONDS = 24 * 3600  # only the lifetime ends it
    start = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
    client = Client()
    with time_machine.travel(start, tick=False):
        log_in(client, nurse)
        client.post(reverse("keep_alive"))
    with time_machine.travel(start + dt.timedelta(hours=12, minutes=1), tick=False):
        client.post(reverse("keep_alive"))
    event = only_event()
    assert (event.actor, event.action) == (nurse, Action.SIGNED_OUT)
    assert event.detail == {"reason": "session_lifetime"}


@pytest.fixture
def enrolled_nurse(nurse) -> tuple[User, Client, TOTP, int]:
    """A nurse past the password step, with an authenticator app; and the
    last audit row before the second step."""
    device = mfa.pending_app_device(nurse)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    assert mfa.confirm_app_device(device, f"{totp.token():06d}") is not None
    client = Client()
    sign_in(client, nurse.email)
    return nurse, client, totp, last_pk()


def test_a_right_code_is_one_verified_row(enrolled_nurse):
    nurse, client, _, before = enrolled_nurse
    codes = mfa.new_recovery_codes(nurse)
    client.post(VERIFY, {"code": codes[0]})
    event = only_event(after=before)
    assert (event.actor, event.action) == (nurse, Action.TWO_STEP_VERIFIED)
    assert event.detail == {"outcome": "verified", "method": "recovery code"}


def test_a_wrong_code_is_one_refused_row(enrolled_nurse):
    nurse, client, _, before = enrolled_nurse
    client.post(VERIFY, {"code": "000000x"})
    event = only_event(after=before)
    assert (event.actor, event.action) == (nurse, Action.TWO_STEP_FAILED)
    assert event.detail == {"outcome": "wrong"}


def test_the_last_wrong_code_is_one_lock_row_and_later_tries_say_locked(
    enrolled_nurse,
):
    nurse, client, totp, before = enrolled_nurse
    for _ in range(mfa.MAX_FAILURES):
        client.post(VERIFY, {"code": "nope"})
    assert AuditEvent.objects.get(action=Action.TWO_STEP_LOCKED).actor == nurse
    client.post(VERIFY, {"code": f"{totp.token():06d}"})
    last = AuditEvent.objects.order_by("-pk").first()
    assert last.action == Action.TWO_STEP_FAILED
    assert last.detail == {"outcome": "refused_locked"}
    assert AuditEvent.objects.filter(pk__gt=before).count() == mfa.MAX_FAILURES + 1


def test_setting_up_the_app_at_sign_in_is_one_verified_row(nurse):
    client = Client()
    sign_in(client, nurse.email)
    before = last_pk()
    device = mfa.pending_app_device(nurse)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    client.post(reverse("otp_enrol"), {"code": f"{totp.token():06d}"})
    event = only_event(after=before)
    assert (event.actor, event.action) == (nurse, Action.TWO_STEP_VERIFIED)
    assert event.detail == {"outcome": "verified", "method": "new authenticator app"}


def test_setting_the_password_from_an_invitation_is_one_signed_in_row(
    nurse_client, nurse, team
):
    nurse_client.post(
        reverse("nurse:invite"),
        {"full_name": "Iris Invited", "email": "iris@example.org", "team": team.pk},
    )
    link = re.search(r"/accounts/invite/\S+/", mail.outbox[0].body).group(0)
    before = last_pk()
    client = Client()
    client.post(
        link, {"new_password1": "a-new-pass-2026!", "new_password2": "a-new-pass-2026!"}
    )
    event = only_event(after=before)
    assert event.action == Action.SIGNED_IN and event.actor.email == "iris@example.org"
    assert event.detail["via"] == "invitation"
    assert_no_password_in_the_trail("a-new-pass-2026!")
