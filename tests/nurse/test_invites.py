"""Adding a patient: a signed one-time link, valid for 7 days, to set a password."""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.contrib.auth import get_user
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from accounts import invites
from accounts.models import Invitation, PatientProfile, User
from diary.models import AuditEvent

NEW_PASSWORD = "a-brand-new-password-2026"
DAY = 24 * 60 * 60


@pytest.fixture
def invited(nurse_client, team):
    response = nurse_client.post(
        reverse("nurse:invite"),
        {"full_name": "Iris Invited", "email": "Iris@Example.org", "team": team.pk},
    )
    assert response.status_code == 302
    return PatientProfile.objects.get(user__email="iris@example.org")


def link_in(message) -> str:
    return re.search(r"http\S+/accounts/invite/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def accept(client, url: str, password: str = NEW_PASSWORD):
    return client.post(
        path_of(url), {"new_password1": password, "new_password2": password}
    )


def test_a_nurse_adds_a_patient_who_gets_an_invitation(invited, nurse, team):
    assert invited.team == team and invited.named_nurse == nurse
    assert not invited.user.is_active and not invited.user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["iris@example.org"]
    assert "Iris Invited" in message.body and "7 days" in message.body
    assert AuditEvent.objects.get(action="invited_patient").actor == nurse


def test_the_invited_patient_is_in_the_caseload_before_signing_up(
    invited, nurse_client
):
    body = nurse_client.get(reverse("nurse:caseload")).content.decode()
    assert "Iris Invited" in body and "Invited, not signed up yet" in body


def test_the_patient_cannot_log_in_before_setting_a_password(invited, client):
    assert not client.login(username="iris@example.org", password="")


def test_a_valid_link_sets_the_password_and_logs_the_patient_in(invited, client):
    url = link_in(mail.outbox[0])
    page = client.get(path_of(url))
    assert page.status_code == 200 and "Welcome, Iris Invited" in page.content.decode()
    response = accept(client, url)
    assert response.status_code == 302
    user = get_user(client)
    assert user.is_authenticated and user.email == "iris@example.org"
    user = User.objects.get(pk=user.pk)
    assert user.is_active and user.check_password(NEW_PASSWORD)
    assert Invitation.objects.get().status == "accepted"


def test_a_weak_password_is_refused_next_to_the_field(invited, client):
    url = link_in(mail.outbox[0])
    response = accept(client, url, password="password")
    assert response.status_code == 400
    assert "This password is too common." in response.content.decode()
    assert Invitation.objects.get().status == "pending"


def test_a_used_link_gets_a_clear_page(invited, client):
    url = link_in(mail.outbox[0])
    accept(client, url)
    client.logout()
    for response in (
        client.get(path_of(url)),
        accept(client, url, "another-password-2026"),
    ):
        assert response.status_code == 410
        assert "This link has already been used" in response.content.decode()
    assert User.objects.get(email="iris@example.org").check_password(NEW_PASSWORD)


def test_a_link_expires_after_7_days(invited, client):
    url = link_in(mail.outbox[0])
    with mock.patch(
        "django.core.signing.time.time", return_value=time.time() + 6.9 * DAY
    ):
        assert client.get(path_of(url)).status_code == 200
    with mock.patch(
        "django.core.signing.time.time", return_value=time.time() + 7.1 * DAY
    ):
        response = client.get(path_of(url))
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
        assert accept(client, url).status_code == 410
    assert not User.objects.get(email="iris@example.org").is_active


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature
        lambda token: ("X" if token[0] != "X" else "Y") + token[1:],  # payload
        lambda token: "not-a-token",
        lambda token: signing.TimestampSigner(salt="another.purpose").sign_object(
            {"i": 1}
        ),
    ],
)
def test_a_tampered_link_gets_a_clear_page_not_an_error(invited, client, tamper):
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    response = client.get(reverse("accept_invite", args=[tamper(token)]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_a_signed_link_to_an_invitation_that_does_not_exist_is_invalid(db, client):
    token = signing.TimestampSigner(salt=invites.SALT).sign_object({"i": 999})
    assert client.get(reverse("accept_invite", args=[token])).status_code == 400


def test_a_new_invitation_replaces_the_old_link(invited, nurse_client, client):
    old = link_in(mail.outbox[0])
    response = nurse_client.post(reverse("nurse:invite_resend", args=[invited.pk]))
    assert response.status_code == 302
    new = link_in(mail.outbox[1])
    replaced = client.get(path_of(old))
    assert replaced.status_code == 410
    assert "This link has been replaced" in replaced.content.decode()
    assert accept(client, new).status_code == 302


def test_no_new_invitation_once_the_patient_has_a_password(nurse_client, patient):
    response = nurse_client.post(
        reverse("nurse:invite_resend", args=[patient.pk]), follow=True
    )
    assert "already set a password" in response.content.decode()
    assert not mail.outbox


def test_an_email_that_already_has_an_account_is_refused(nurse_client, team, patient):
    response = nurse_client.post(
        reverse("nurse:invite"),
        {"full_name": "Copy Cat", "email": patient.user.email.upper(), "team": team.pk},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is already an account with this email address." in body
    assert 'value="Copy Cat"' in body
    assert PatientProfile.objects.count() == 1 and not mail.outbox


def test_missing_or_bad_fields_are_explained_and_nothing_is_created(nurse_client, team):
    response = nurse_client.post(
        reverse("nurse:invite"),
        {
            "full_name": "",
            "email": "not-an-email",
            "nhs_number": "123",
            "team": team.pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter the patient&#x27;s full name." in body
    assert "Enter an email address like name@example.org." in body
    assert "An NHS number has 10 digits" in body
    assert not Invitation.objects.exists()


def test_a_nurse_cannot_add_a_patient_to_another_team(
    nurse_client, team, other_team_nurse
):
    other_team = other_team_nurse.teams.get()
    response = nurse_client.post(
        reverse("nurse:invite"),
        {"full_name": "Sneaky", "email": "sneaky@example.org", "team": other_team.pk},
    )
    assert response.status_code == 400
    assert not PatientProfile.objects.filter(team=other_team).exists()


def test_a_failed_invitation_email_is_reported_to_the_nurse(nurse_client, team):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("mail server down"),
    ):
        response = nurse_client.post(
            reverse("nurse:invite"),
            {"full_name": "Una Unsent", "email": "una@example.org", "team": team.pk},
            follow=True,
        )
    assert "could not be sent" in response.content.decode()
    assert PatientProfile.objects.filter(user__email="una@example.org").exists()


def test_an_account_made_meanwhile_with_the_same_email_is_a_message_not_a_500(
    nurse_client, team, patient
):
    """Two nurses adding the same patient at once: the form's check passed for
    both, the database refuses the second account."""
    taken = patient.user.email
    with mock.patch("diary.nurse.forms.InviteForm.clean_email", return_value=taken):
        response = nurse_client.post(
            reverse("nurse:invite"),
            {"full_name": "Pat Again", "email": taken, "team": team.pk},
        )
    assert response.status_code == 400
    assert "There is already an account with this email address" in (
        response.content.decode()
    )
    assert "Pat Again" in response.content.decode()
    assert User.objects.filter(email=taken).count() == 1
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_invitation_page_is_not_kept_by_the_browser(invited):
    """The page names the patient and their email before anyone is logged in,
    so the signed-in no-store rule does not cover it: a shared PC's back
    button or cache must not show it to the next person."""
    page = Client().get(path_of(link_in(mail.outbox[0])))
    assert page.status_code == 200 and "Iris Invited" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
