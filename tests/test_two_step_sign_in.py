"""Two-step sign-in: nurses and staff pass a code before any nurse or admin
page; enrolment, codes used once, recovery codes, the lock, patients' choice."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.mfa import MAX_FAILURES
from accounts.models import User
from diary import nurse_urls
from tests.factories import PASSWORD, days_ago, make_nurse, make_patient
from tests.nurse.helpers import red_entry
from tests.nurse.test_authorization_matrix import MATRIX

pytestmark = pytest.mark.django_db


def sign_in_with_password(client, user) -> None:
    response = client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def current_code(key_text: str) -> str:
    from base64 import b32decode

    totp = TOTP(b32decode(key_text.replace(" ", "")))
    return f"{totp.token():06d}"


def enrol(client) -> tuple[str, list[str]]:
    """Set up the app from the enrolment page's key, as a person types it."""
    page = client.get(reverse("otp_enrol")).content.decode()
    key = re.search(r"data-otp-key>([A-Z2-7 ]+)<", page).group(1).strip()
    response = client.post(reverse("otp_enrol"), {"code": current_code(key)})
    assert response.status_code == 302
    codes_page = client.get(response.url).content.decode()
    return key, re.findall(r"<code>([a-z0-9]+)</code>", codes_page)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_nurse_url_sends_a_password_only_nurse_to_the_second_step(
    client, nurse, patient, name
):
    entry = red_entry(patient, days_ago(1))
    objects = {"patient": patient, "entry": entry, "flag": entry.flags.get()}
    method, kwargs, _, _ = MATRIX[name]
    client.force_login(nurse)
    url = reverse(f"nurse:{name}", kwargs=kwargs(objects))
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("otp_enrol"))


def test_the_matrix_names_every_nurse_url():
    assert {p.name for p in nurse_urls.urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/user/"])
def test_the_admin_sends_a_password_only_staff_member_to_the_second_step(client, path):
    staff = User.objects.create_user(
        "staff@example.org", PASSWORD, full_name="Sam Staff", is_staff=True
    )
    client.force_login(staff)
    response = client.get(path)
    assert response.status_code == 302
    assert "/two-step/" in response.url or "login" in response.url


def test_a_nurse_enrols_signs_out_and_signs_in_with_a_code(client, nurse):
    sign_in_with_password(client, nurse)
    key, recovery = enrol(client)
    assert len(recovery) == 10
    assert client.get(reverse("nurse:queue")).status_code == 200

    client.post(reverse("logout"))
    sign_in_with_password(client, nurse)
    assert client.get(reverse("nurse:queue")).url.startswith(reverse("otp_verify"))
    # The code that confirmed enrolment is used: the same code is refused.
    page = client.post(reverse("otp_verify"), {"code": current_code(key)})
    assert page.status_code == 200
    assert "already been used" in page.content.decode()
    assert client.get(reverse("nurse:queue")).status_code == 302


def test_a_recovery_code_works_once(client, nurse):
    sign_in_with_password(client, nurse)
    _, recovery = enrol(client)
    client.post(reverse("logout"))

    sign_in_with_password(client, nurse)
    response = client.post(reverse("otp_verify"), {"code": recovery[0]})
    assert response.status_code == 302
    assert client.get(reverse("nurse:queue")).status_code == 200

    client.post(reverse("logout"))
    sign_in_with_password(client, nurse)
    page = client.post(reverse("otp_verify"), {"code": recovery[0]})
    assert page.status_code == 200 and "not right" in page.content.decode()


def test_ten_wrong_codes_lock_the_second_step_even_for_the_right_code(client, nurse):
    sign_in_with_password(client, nurse)
    key, _ = enrol(client)
    client.post(reverse("logout"))
    sign_in_with_password(client, nurse)
    for _ in range(MAX_FAILURES):
        client.post(reverse("otp_verify"), {"code": "000000"})
    device = TOTPDevice.objects.get(user=nurse, confirmed=True)
    device.last_t = -1  # a fresh code, so only the lock can refuse it
    device.save()
    page = client.post(reverse("otp_verify"), {"code": current_code(key)})
    assert "Too many wrong codes" in page.content.decode()
    assert client.get(reverse("nurse:queue")).status_code == 302


def test_a_patient_is_not_asked_for_a_code_unless_they_turn_it_on(client):
    patient = make_patient()
    sign_in_with_password(client, patient.user)
    assert client.get(reverse("today")).status_code == 200


def test_a_nurse_of_another_team_is_still_asked_first(client, team):
    other = make_nurse()
    client.force_login(other)
    assert client.get(reverse("nurse:caseload")).url.startswith(reverse("otp_enrol"))


def test_staff_reset_a_nurses_two_step_sign_in_from_the_admin_and_it_is_audited(
    client, nurse
):
    from diary.models import AuditEvent
    from tests.factories import log_in

    staff = User.objects.create_superuser(
        "admin@example.org", PASSWORD, full_name="Ada Admin"
    )
    log_in(client, nurse)  # the nurse has an authenticator app
    client.logout()
    log_in(client, staff)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_step", "_selected_action": [nurse.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=nurse).exists()
    event = AuditEvent.objects.get(action="reset_two_step")
    assert event.actor == staff
    client.logout()
    client.force_login(nurse)
    assert client.get(reverse("nurse:queue")).url.startswith(reverse("otp_enrol"))
