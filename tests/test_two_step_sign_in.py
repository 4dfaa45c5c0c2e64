"""Two-step sign-in: nurses and staff need a code from an authenticator app
(or a one-time recovery code) after their password; patients may turn it on."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.models import SecondStepFailures, User
from diary.models import AuditEvent
from tests.factories import PASSWORD, log_in, make_nurse

LOGIN = reverse("login")
VERIFY = reverse("otp_verify")
ENROL = reverse("otp_enrol")


def enrol(user: User) -> tuple[TOTPDevice, list[str]]:
    """A confirmed authenticator app and recovery codes, as enrolment leaves."""
    device = mfa.pending_app_device(user)
    assert mfa.confirm_app_device(device, code(device)) is not None
    device.refresh_from_db()
    user.refresh_from_db()
    return device, mfa.new_recovery_codes(user)


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the app shows now (or that many 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, steps_ahead)
    return f"{totp.token():0{device.digits}d}"


def last_used_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{hotp(device.bin_key, device.last_t, device.digits):0{device.digits}d}"


def password_step(client: Client, user: User, next_url: str = ""):
    data = {"username": user.email, "password": PASSWORD, "next": next_url}
    return client.post(LOGIN, data, follow=True)


def enter(client: Client, value: str, next_url: str = ""):
    return client.post(VERIFY, {"code": value, "next": next_url}, follow=True)


def error_next_to_the_field(response) -> str:
    body = response.content.decode()
    match = re.search(
        r'id="error_1_id_code"[^>]*>\s*<strong>(.*?)</strong>', body, re.S
    )
    assert match, "no error message next to the code field"
    return match.group(1)


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_superuser(
        "staff@example.org", PASSWORD, full_name="Sam Staff"
    )


def test_a_nurse_without_a_device_is_sent_from_the_password_to_enrolment(client, nurse):
    response = password_step(client, nurse, reverse("nurse:caseload"))
    assert response.redirect_chain[-1][0].startswith(ENROL)
    body = response.content.decode()
    assert "<svg" in body and "otpauth" not in body  # drawn here, not a link
    device = TOTPDevice.objects.get(user=nurse, confirmed=False)
    assert mfa.key_in_text(device) in body
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", mfa.key_in_text(device))


def test_enrolment_confirmed_with_a_code_shows_recovery_codes_once_then_goes_on(
    client, nurse
):
    next_url = reverse("nurse:caseload")
    password_step(client, nurse, next_url)
    device = TOTPDevice.objects.get(user=nurse)
    response = client.post(ENROL, {"code": code(device), "next": next_url}, follow=True)
    body = response.content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", body)
    assert len(codes) == mfa.RECOVERY_CODES
    assert set(codes) == set(
        StaticDevice.objects.get(user=nurse).token_set.values_list("token", flat=True)
    )
    assert f'href="{next_url}"' in body
    assert client.get(next_url).status_code == 200
    again = client.get(reverse("otp_recovery_codes")).content.decode()
    assert not any(c in again for c in codes)
    assert "shown only once" in again


def test_a_wrong_code_at_enrolment_is_refused_and_the_key_stays_the_same(client, nurse):
    password_step(client, nurse)
    key = TOTPDevice.objects.get(user=nurse).key
    response = client.post(ENROL, {"code": "000000"})
    assert "That code is not right" in error_next_to_the_field(response)
    assert TOTPDevice.objects.get(user=nurse).key == key
    assert not TOTPDevice.objects.get(user=nurse).confirmed
    assert client.get(reverse("nurse:queue")).url.startswith(ENROL)


def all_urls(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, a path that resolves to it) for every named URL in the URLconf,
    with made-up values for its parameters: the second step is asked before
    the view runs, so the objects need not exist."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = _concrete(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from all_urls(pattern.url_patterns, prefix + route, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", "/" + prefix + route


def _concrete(pattern) -> str:
    text = str(pattern)
    if isinstance(pattern, RegexPattern):  # e.g. ^(?P<app_label>auth|diary)/$
        text = re.sub(r"\(\?P<\w+>([^|)]*)[^)]*\)", r"\1", text).strip("^$")
        return text.replace("\\", "")
    samples = {"int": "1", "isodate": "2026-01-01"}
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: samples.get(m[1], "1"), text)


NURSE_AND_ADMIN_URLS = sorted(
    (name, path) for name, path in all_urls() if path.startswith(("/nurse/", "/admin/"))
)


def test_the_url_list_covers_every_nurse_and_admin_page():
    names = {name for name, _ in NURSE_AND_ADMIN_URLS}
    assert {"nurse:queue", "nurse:patient", "admin:index", "admin:login"} <= names
    assert "admin:accounts_user_changelist" in names
    for name, path in NURSE_AND_ADMIN_URLS:
        assert resolve(path).view_name == name, path


@pytest.mark.parametrize("who", ["nurse with an app", "new nurse", "staff"])
@pytest.mark.parametrize(("name", "path"), NURSE_AND_ADMIN_URLS)
def test_every_nurse_and_admin_url_sends_a_password_only_session_to_the_second_step(
    name, path, who, team, staff
):
    user = staff if who == "staff" else make_nurse(team)
    if who == "nurse with an app":
        enrol(user)
    client = Client()
    client.force_login(user)  # the password step only
    response = client.get(path)
    assert response.status_code == 302, (name, path)
    step = VERIFY if who == "nurse with an app" else ENROL
    assert response["Location"].startswith(f"{step}?next="), (name, path)


def test_a_nurse_with_an_app_signs_in_with_its_code_and_reaches_the_page(client, nurse):
    device, _ = enrol(nurse)
    next_url = reverse("nurse:caseload")
    response = password_step(client, nurse, next_url)
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    assert "Enter your code" in response.content.decode()
    response = enter(client, code(device, 1), next_url)
    assert response.redirect_chain[-1][0] == next_url
    assert response.status_code == 200


def test_a_code_already_used_is_refused_with_its_own_message(client, nurse):
    device, _ = enrol(nurse)
    password_step(client, nurse)
    response = enter(client, last_used_code(device))  # the one enrolment used
    assert "already been used" in error_next_to_the_field(response)
    assert client.get(reverse("nurse:queue")).url.startswith(VERIFY)


def test_a_code_from_outside_the_time_window_is_refused(client, nurse):
    device, _ = enrol(nurse)
    password_step(client, nurse)
    response = enter(client, code(device, 3))  # 90 seconds ahead
    assert "not right, or it has expired" in error_next_to_the_field(response)
    response = enter(client, "")
    assert "Enter the 6-digit code" in error_next_to_the_field(response)


def test_a_recovery_code_works_once(client, nurse):
    _, recovery = enrol(nurse)
    password_step(client, nurse)
    response = enter(client, recovery[0].upper()[:4] + " " + recovery[0][4:])
    assert response.redirect_chain[-1][0] == reverse("nurse:queue")
    client.post(reverse("logout"))
    password_step(client, nurse)
    response = enter(client, recovery[0])
    assert "not right" in error_next_to_the_field(response)
    assert enter(client, recovery[1]).redirect_chain[-1][0] == reverse("nurse:queue")


def test_ten_wrong_codes_lock_the_second_step_even_for_the_right_code(client, nurse):
    device, recovery = enrol(nurse)
    password_step(client, nurse)
    for _ in range(mfa.MAX_FAILURES - 1):
        assert "not right" in error_next_to_the_field(enter(client, "123456"))
    tenth = error_next_to_the_field(enter(client, "123456"))
    assert "Too many wrong codes" in tenth
    until = timezone.localtime(timezone.now() + mfa.WINDOW)
    minute_ago = until - dt.timedelta(minutes=1)  # if the minute turned meanwhile
    assert f"try again after {until:%H:%M}" in tenth or (
        f"try again after {minute_ago:%H:%M}" in tenth
    )
    for right in (code(device, 1), recovery[0]):
        assert "Too many wrong codes" in error_next_to_the_field(enter(client, right))
    assert client.get(reverse("nurse:queue")).url.startswith(VERIFY)
    # The 15 minutes pass.
    SecondStepFailures.objects.filter(user=nurse).update(
        window_started_at=timezone.now() - mfa.WINDOW - dt.timedelta(seconds=1)
    )
    response = enter(client, recovery[0])
    assert response.redirect_chain[-1][0] == reverse("nurse:queue")


def test_the_lock_is_shared_by_the_app_and_the_recovery_codes(client, nurse):
    enrol(nurse)
    password_step(client, nurse)
    for n in range(mfa.MAX_FAILURES):
        enter(client, "123456" if n % 2 else "abcdefgh")
    assert "Too many wrong codes" in error_next_to_the_field(enter(client, "x"))


def test_a_right_code_clears_the_count_of_wrong_ones(client, nurse):
    device, _ = enrol(nurse)
    password_step(client, nurse)
    for _ in range(mfa.MAX_FAILURES - 1):
        enter(client, "123456")
    enter(client, code(device, 1))
    client.post(reverse("logout"))
    password_step(client, nurse)
    assert "Too many" not in error_next_to_the_field(enter(client, "123456"))


def test_staff_reset_a_nurses_two_step_sign_in_and_it_is_audited(client, nurse, staff):
    enrol(nurse)
    log_in(client, staff)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_step", "_selected_action": [nurse.pk]},
        follow=True,
    )
    assert "Two-step sign-in reset for 1 account: " + nurse.email in (
        response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=nurse).exists()
    assert not StaticDevice.objects.filter(user=nurse).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.RESET_TWO_STEP)
    assert (event.actor, event.subject, event.patient) == (staff, nurse, None)
    nurse_client = Client()
    response = password_step(nurse_client, nurse)
    assert response.redirect_chain[-1][0].startswith(ENROL)


def test_staff_see_no_authenticator_keys_or_recovery_codes_in_the_admin(staff):
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_the_admin_needs_the_second_step_as_well_as_staff_status(rf, staff):
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = staff
    staff.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    staff.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_a_patient_is_not_asked_for_a_code_unless_they_turned_it_on(client, patient):
    response = password_step(client, patient.user)
    assert response.redirect_chain[-1][0] == reverse("today")
    assert "Off." in client.get(reverse("account")).content.decode()


def test_a_patient_turns_it_on_from_their_account_page_and_is_then_asked(
    client, patient
):
    password_step(client, patient.user)
    account = client.get(reverse("account")).content.decode()
    enrol_link = re.search(r'href="([^"]*/two-step/set-up/[^"]*)"', account)[1]
    response = client.get(enrol_link.replace("&amp;", "&"))
    assert "Not now" in response.content.decode()
    device = TOTPDevice.objects.get(user=patient.user)
    response = client.post(
        ENROL, {"code": code(device), "next": reverse("account")}, follow=True
    )
    assert len(re.findall(r"<li><code>", response.content.decode())) == 10
    client.post(reverse("logout"))
    response = password_step(client, patient.user)
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    assert client.get(reverse("today")).url.startswith(VERIFY)
    assert enter(client, code(device, 1)).redirect_chain[-1][0] == reverse("today")


def test_a_patient_can_turn_it_off_again(client, patient):
    enrol(patient.user)
    log_in(client, patient.user)
    assert "Turn off" in client.get(reverse("account")).content.decode()
    response = client.post(reverse("otp_turn_off"), follow=True)
    assert "Two-step sign-in is off." in response.content.decode()
    client.post(reverse("logout"))
    response = password_step(client, patient.user)
    assert response.redirect_chain[-1][0] == reverse("today")


def test_a_nurse_cannot_turn_it_off(client, nurse):
    enrol(nurse)
    log_in(client, nurse)
    assert "Turn off" not in client.get(reverse("account")).content.decode()
    assert client.post(reverse("otp_turn_off")).status_code == 404
    assert TOTPDevice.objects.filter(user=nurse, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones(client, nurse):
    _, old = enrol(nurse)
    log_in(client, nurse)
    response = client.post(reverse("otp_new_recovery_codes"), follow=True)
    new = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("logout"))
    password_step(client, nurse)
    assert "not right" in error_next_to_the_field(enter(client, old[0]))
    assert enter(client, new[0]).redirect_chain[-1][0] == reverse("nurse:queue")


def test_the_second_step_never_sends_the_user_to_another_site(client, nurse):
    device, _ = enrol(nurse)
    password_step(client, nurse)
    response = enter(client, code(device, 1), "https://evil.example.org/")
    assert response.redirect_chain[-1][0] == reverse("nurse:queue")
